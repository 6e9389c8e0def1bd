"""The audit trail as 系统管理 › 操作日志 shows it (管理员 only): who, when, what, old and new values.

Filtered, sorted and paged in SQL like every register that grows: `search_audit_ids` gives the
ids, `audit_rows` the rows of a page. Times are stored in UTC and shown in local time; a date
range is a range of local days. `field_changes` turns a row's old/new values into the diff the
tab shows, with Chinese field names where they are known (registers add theirs to FIELD_LABELS).
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import String, select
from sqlalchemy.orm import Session

from app.auth import Actor, Role, require_role
from app.common import like_any, ordered_by_ids
from app.dictionaries import Vocabulary, load_vocabulary
from app.vocab import (
    APPRAISAL_RATINGS,
    ASSESSMENT_GRADES,
    ASSESSMENT_SOURCES,
    ASSESSMENT_STATUS,
    AUDIT_ACTIONS,
    CEREMONY_RELATIONS,
    CEREMONY_SCOPES,
    CLUE_OUTCOMES,
    CLUE_STATUS,
    DISCIPLINES,
    DUTY_REPORT_KINDS,
    ENTITY_LABELS,
    FESTIVALS,
    FINDING_RESULT,
    FINDING_STATUS,
    FOUR_STYLES,
    LEVELS,
    PARTICIPANT_ROLES,
    ROLE_LABELS,
    bool_label,
)
from db.models import AuditEntry, Base, Finding, Inspection, Person, RiskPoint, Unit

# Column names → labels; per table where one name means different things. Every column of every
# audited table has one (tests/unit/test_audit_log.py), and so do the values the services add
# beside the columns (a talk's participants, an entry's methods, an inspection's units …).
FIELD_LABELS: dict[str, str] = {
    # people & units, users, dictionaries, settings, holidays, attachments
    "name": "名称", "kind": "类别", "parent_id": "上级单位", "sort_order": "排序", "active": "在用",
    "notes": "备注", "unit_id": "单位", "position": "职务", "rank": "职级",
    "political_status": "政治面貌", "is_leader": "班子成员", "key_post": "重要岗位", "staff_no": "工号",
    "gender": "性别", "pinyin": "拼音", "username": "用户名", "display_name": "姓名", "role": "角色",
    "units": "限定单位", "password_hash": "密码", "failed_attempts": "连续失败次数",
    "locked_until": "锁定至", "label": "名称", "aliases": "别名", "domain": "字典", "code": "代码",
    "form": "所属形态", "builtin": "内置", "changed_on": "变动日期", "from_unit_id": "原单位",
    "to_unit_id": "新单位", "from_position": "原职务", "to_position": "新职务", "from_rank": "原职级",
    "to_rank": "新职级", "is_promotion": "提拔", "person_id": "人员", "year": "年度", "festival": "节日",
    "first_day": "放假开始", "last_day": "放假结束", "day": "日期", "source": "来源",
    "filename": "文件名", "size": "大小（字节）", "sha256": "校验值", "entity": "对象",
    "entity_id": "记录号", "added_by": "添加人", "added_at": "添加时间", "id": "编号",
    "version": "版本", "reason": "原因", "key": "设置项", "value": "值",
    "bureau_name": "单位名称", "due_soon_days": "即将到期提前天数", "level_labels": "风险等级名称",
    "level_colors": "风险等级颜色", "risk_score_thresholds": "评分定级阈值",
    "impact_months": "影响期（月）", "revisit_months": "回访期限（月）",
    "festival_lead_days": "节前提醒提前（工作日）", "pre_talk_days": "任前谈话期限（天）",
    "idle_lock_minutes": "无操作自动锁定（分钟）",
    # shared by the registers
    "user_name": "操作人", "seq": "序号", "status": "状态", "description": "描述", "category": "分类",
    "measures": "措施", "text": "内容", "place": "地点", "person_name": "姓名", "unit_name": "单位（当时）",
    "finding_id": "关联问题", "risk_point_id": "关联风险点", "talk_id": "关联谈话记录",
    "inspection_id": "所属检查", "entry_id": "台账条目", "assessment_id": "风险点评估",
    # risk points
    "post": "岗位", "duty_item": "职权/业务事项", "level": "风险等级", "likelihood": "可能性",
    "consequence": "后果严重性", "responsible_person": "责任人", "responsible_leader": "责任领导",
    "next_review": "下次评估日期", "confirmed_at": "确认时间", "confirmed_by": "确认人",
    "from_level": "原等级", "to_level": "新等级",
    # inspections and findings
    "inspected_on": "检查日期", "title": "检查名称", "inspectors": "检查人员", "summary": "检查情况",
    "unit_ids": "被检查单位", "found_on": "发现日期", "requirement": "整改要求",
    "resp_unit_id": "责任单位", "resp_person_id": "责任人（名册）", "resp_person_name": "责任人",
    "resp_leader": "责任领导", "deadline": "整改时限", "result": "整改结果", "rectified_on": "整改完成日期",
    "accepted_by": "验收人", "accepted_on": "验收日期", "closed_on": "销号日期", "revisit": "回头看",
    "noted_on": "进展日期", "old_deadline": "原整改时限", "new_deadline": "新整改时限",
    "extended_on": "申请延期日期", "from_status": "原状态", "to_status": "新状态",
    # talks
    "talk_date": "谈话日期", "start_time": "开始时间", "content": "谈话内容", "response": "本人表态",
    "follow_up": "后续要求", "signed": "本人已签字", "participants": "参加人员",
    # first-form ledger
    "clue_source": "线索来源", "handling": "线索处置方式", "letter_sent_on": "发函日期",
    "reply_due": "回复期限", "replied_on": "回复日期", "problem": "主要问题", "decision_organ": "决定机关",
    "decided_on": "处理时间", "handler": "承办人", "impact_end": "影响期截止日期",
    "revisit_planned": "计划回访日期", "revisit_done_on": "回访日期", "revisit_result": "回访情况",
    "methods": "处置方式", "method": "处置方式", "talk_ids": "关联谈话记录", "finding_ids": "关联问题",
    "wording": "处置方式表述", "wordings": "处置方式表述",
    # sanctions and clues; sanction kinds in the dictionary
    "family": "处分类别", "months": "影响期（月）", "bars": "影响内容", "document_no": "决定文号",
    "facts": "主要违纪违法事实", "probation_months": "察看期（月）", "ledger_entry_id": "关联台账条目",
    "received_on": "受理日期", "reporter": "举报人", "handler_id": "承办人（用户）", "handler_name": "承办人",
    "way": "线索处置方式", "verify_start": "初核开始日期", "verify_end": "初核结束日期", "outcome": "办结去向",
    "sanction_id": "关联处分记录", "clue_id": "问题线索", "people": "被反映人",
    # 主体责任 (责任书, 专题研究, 考核, 述职述廉, 报告报送) and 廉政教育
    "signer_name": "签订人", "leader_id": "责任领导（名册）", "leader_name": "责任领导", "signed_on": "签订日期",
    "held_on": "日期", "meeting": "会议形式", "topics": "研究议题", "presided": "主持人", "attendees": "参会人员",
    "decisions": "研究决定", "head_id": "主要负责人（名册）", "head_name": "主要负责人", "assessed_on": "考核日期",
    "total": "总分", "grade": "考核等次", "veto": "一票否决", "veto_reason": "否决原因",
    "veto_sanction_id": "否决依据（处分记录）", "weight": "权重（%）", "score": "得分", "items": "考核项目",
    "satisfaction": "民主评议满意度（%）", "rating": "民主评议等次", "period": "所属期间", "theme": "主题",
    "case_text": "案例", "case_sanction_id": "身边案例（处分记录）", "case_clue_id": "身边案例（问题线索）",
    "organiser_id": "组织单位", "speaker": "主讲人", "session_id": "廉政教育活动",
    # reminders, ceremonies, opinion replies, closed years
    "state": "办理状态", "done_by": "办理人", "done_at": "办理时间", "how": "处理方式",
    "snooze_until": "稍后提醒至", "event_date": "事宜日期", "tables": "宴席桌数", "guests": "宾客人数",
    "public_car": "使用公车", "public_funds": "使用公款", "subordinate_gifts": "收受下属及管理服务对象礼金",
    "relation": "当事人关系", "scope": "邀请范围", "pledge_signed": "签订承诺书",
    "end_time": "结束时间", "number_year": "编号年度", "number_seq": "编号", "discipline": "纪律类别",
    "style": "“四风”类别", "eight_rules": "八项规定问题", "forbidden": "不得操办",
    "reported_on": "报备日期", "late": "迟报（按工作日）", "purpose": "用途", "as_of": "截至日期", "conclusion": "回复意见",
    "issued_at": "出具时间", "issued_by": "出具人", "closed_at": "归档时间", "closed_by": "归档人",
    # a restore (entity "workspace")
    "backup_created_at": "备份时间", "backup_head": "备份的日志链头", "replaced_head": "原工作区的日志链头",
    "kept_as": "原工作区保存为", "superseded_backups": "作废的备份", "last_id": "末条编号",
    "hash": "哈希值",
}
TABLE_FIELD_LABELS: dict[tuple[str, str], str] = {
    ("people", "name"): "姓名", ("units", "name"): "单位名称", ("units", "kind"): "单位类别",
    ("risk_points", "name"): "风险点", ("risk_points", "code"): "风险点编号",
    ("risk_assessments", "description"): "表现形式", ("risk_assessments", "category"): "风险类别",
    ("risk_assessments", "status"): "评估状态", ("risk_assessments", "measures"): "防控措施",
    ("risk_assessments", "source_year"): "复制自年度", ("risk_assessments", "drafts"): "生成的草稿",
    ("risk_assessments", "confirmed"): "确认的评估", ("risk_assessments", "risk_point_id"): "风险点",
    ("risk_level_changes", "risk_point_id"): "风险点",
    ("risk_level_changes", "changed_on"): "调整日期", ("risk_level_changes", "reason"): "调整原因",
    ("risk_measures", "text"): "防控措施",
    ("inspections", "kind"): "检查类型",
    ("findings", "code"): "问题编号", ("findings", "source"): "问题来源",
    ("findings", "unit_id"): "问题所在单位", ("findings", "description"): "问题描述",
    ("findings", "category"): "问题类别", ("findings", "kind"): "整改类型",
    ("findings", "status"): "整改状态", ("findings", "measures"): "整改措施",
    ("finding_progress", "text"): "进展情况", ("finding_extensions", "reason"): "延期原因",
    ("finding_status_changes", "changed_on"): "办理日期",
    ("talks", "kind"): "谈话类型", ("talks", "reason"): "谈话事由", ("talks", "place"): "谈话地点",
    ("talk_participants", "role"): "参加身份", ("talk_participants", "name"): "姓名",
    ("ledger_entries", "person_id"): "被处置人", ("ledger_entries", "unit_id"): "所在单位",
    ("ledger_entries", "handling"): "线索处置",
    ("sanctions", "person_id"): "受处分（处理）人", ("sanctions", "kind"): "处分种类",
    ("sanctions", "decided_on"): "决定时间", ("sanctions", "category"): "违纪违法类别",
    ("sanctions", "impact_months"): "影响期（月）", ("sanctions", "impact_end"): "影响期至",
    ("clues", "source"): "线索来源", ("clues", "unit_id"): "所涉单位", ("clues", "problem"): "反映的主要问题",
    ("clues", "status"): "办理状态", ("clues", "closed_on"): "办结日期", ("clues", "result"): "办结情况",
    ("clue_people", "person_id"): "被反映人",
    ("pledges", "level"): "责任书层级", ("pledges", "unit_id"): "签订单位", ("pledges", "person_id"): "签订人（名册）",
    ("pledges", "position"): "签订人职务",
    ("studies", "unit_id"): "研究主体", ("studies", "reporter"): "汇报人",
    ("unit_assessments", "unit_id"): "被考核单位", ("assessment_items", "name"): "考核项目",
    ("assessment_items", "source"): "考核方式", ("assessment_items", "assessment_id"): "考核记录",
    ("leader_reports", "person_id"): "述职人", ("leader_reports", "reported_on"): "述职日期",
    ("leader_reports", "summary"): "述职述廉要点",
    ("duty_reports", "kind"): "报送类别", ("duty_reports", "unit_id"): "报送单位", ("duty_reports", "title"): "标题",
    ("duty_reports", "received_on"): "收到日期",
    ("education_sessions", "form"): "教育形式", ("education_sessions", "content"): "主要内容",
    ("education_sessions", "place"): "地点",
    ("reminder_states", "key"): "提醒",
    ("ceremony_reports", "kind"): "报备事项", ("opinion_replies", "purpose"): "意见回复用途",
    ("ledger_entries", "category"): "问题类别",
    ("report_texts", "period_start"): "报告期间起", ("report_texts", "period_end"): "报告期间止",
    ("report_texts", "scope"): "报告范围（单位）", ("report_texts", "sections"): "报告正文",
    ("report_texts", "saved_by"): "保存人", ("report_texts", "generated_at"): "生成 Word 的时间",
    ("holiday_workdays", "day"): "调休上班日", ("workspace", "source"): "备份文件",
    ("phrases", "field"): "用于", ("phrases", "kind"): "谈话类型", ("phrases", "reason"): "谈话事由",
    ("phrases", "text"): "常用语",
}
UNIT_FIELDS = {"unit_id", "parent_id", "from_unit_id", "to_unit_id", "resp_unit_id", "unit_ids", "organiser_id"}
# Fixed codes shown by their labels; dictionary codes by the dictionary's.
CODE_LABELS: dict[tuple[str, str], dict[str, str]] = {
    ("findings", "status"): FINDING_STATUS, ("findings", "result"): FINDING_RESULT,
    ("finding_status_changes", "from_status"): FINDING_STATUS,
    ("finding_status_changes", "to_status"): FINDING_STATUS,
    ("risk_assessments", "status"): ASSESSMENT_STATUS, ("talk_participants", "role"): PARTICIPANT_ROLES,
    ("holiday_arrangements", "festival"): FESTIVALS, ("holiday_workdays", "festival"): FESTIVALS,
    ("ceremony_reports", "relation"): CEREMONY_RELATIONS, ("ceremony_reports", "scope"): CEREMONY_SCOPES,
    ("dict_items", "discipline"): DISCIPLINES, ("dict_items", "style"): FOUR_STYLES,
    ("clues", "status"): CLUE_STATUS, ("clues", "outcome"): CLUE_OUTCOMES,
    ("unit_assessments", "grade"): ASSESSMENT_GRADES, ("leader_reports", "rating"): APPRAISAL_RATINGS,
    ("duty_reports", "kind"): DUTY_REPORT_KINDS, ("assessment_items", "source"): ASSESSMENT_SOURCES,
    ("unit_assessments", "source"): ASSESSMENT_SOURCES,  # the sources of its items
}
DICT_FIELDS: dict[tuple[str, str], str] = {
    ("units", "kind"): "unit_kind", ("people", "political_status"): "political_status",
    ("risk_assessments", "category"): "risk_category", ("inspections", "kind"): "inspection_type",
    ("findings", "source"): "finding_source", ("findings", "category"): "finding_category",
    ("findings", "kind"): "finding_type", ("talks", "kind"): "talk_type", ("talks", "reason"): "talk_reason",
    ("ledger_entries", "political_status"): "political_status", ("ledger_entries", "clue_source"): "clue_source",
    ("ledger_entries", "handling"): "clue_handling", ("ledger_entries", "methods"): "disposal_method",
    ("ledger_methods", "method"): "disposal_method", ("ceremony_reports", "kind"): "ceremony_kind",
    ("opinion_replies", "purpose"): "opinion_purpose", ("ledger_entries", "category"): "finding_category",
    ("sanctions", "kind"): "sanction_kind", ("sanctions", "category"): "violation_category",
    ("sanctions", "political_status"): "political_status", ("clues", "source"): "clue_source",
    ("clues", "way"): "clue_way",
    ("pledges", "level"): "pledge_level", ("studies", "meeting"): "study_meeting",
    ("education_sessions", "form"): "education_form",
}
SORTS = {"id": AuditEntry.id, "user": AuditEntry.user_name, "action": AuditEntry.action,
         "entity": AuditEntry.entity}


@dataclass(frozen=True)
class AuditFilter:
    user: str | None = None
    action: str | None = None
    entity: str | None = None
    date_from: dt.date | None = None   # local days, both ends included
    date_to: dt.date | None = None
    text: str = ""


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime            # local time
    user_name: str
    action: str
    entity: str
    entity_id: str
    summary: str
    old: dict
    new: dict

    @property
    def action_label(self) -> str:
        return AUDIT_ACTIONS.get(self.action, self.action)

    @property
    def entity_label(self) -> str:
        return ENTITY_LABELS.get(self.entity, self.entity)

    @property
    def changed_fields(self) -> str:
        """The fields an update changed (a creation or deletion lists its record in the detail)."""
        if self.action != "update":
            return ""
        keys = [k for k in dict.fromkeys([*self.old, *self.new]) if k != "version"]
        return "、".join(field_label(self.entity, k) for k in _form_order(self.entity, keys))


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


def _utc_bound(day: dt.date) -> str:
    local = dt.datetime.combine(day, dt.time()).astimezone()  # the PC's time zone
    return local.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def _local(at: str) -> dt.datetime:
    return dt.datetime.fromisoformat(at).replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def search_audit_ids(session: Session, actor: Actor, filt: AuditFilter, sort: str = "id",
                     descending: bool = True) -> list[int]:
    """Ids of the audit rows the filter matches, sorted in SQL (newest first by default)."""
    require_role(actor, Role.ADMIN)
    query = select(AuditEntry.id)
    if filt.user:
        query = query.where(AuditEntry.user_name == filt.user)
    if filt.action:
        query = query.where(AuditEntry.action == filt.action)
    if filt.entity:
        query = query.where(AuditEntry.entity == filt.entity)
    if filt.date_from:
        query = query.where(AuditEntry.at >= _utc_bound(filt.date_from))
    if filt.date_to:
        query = query.where(AuditEntry.at < _utc_bound(filt.date_to + dt.timedelta(days=1)))
    if filt.text.strip():
        query = query.where(like_any(filt.text.strip(), AuditEntry.summary, AuditEntry.old,
                                     AuditEntry.new, AuditEntry.entity_id, AuditEntry.user_name))
    column = SORTS.get(sort, AuditEntry.id)
    order = column.desc() if descending else column.asc()
    tie = AuditEntry.id.desc() if descending else AuditEntry.id.asc()
    return list(session.scalars(query.order_by(order, tie)))


def _json(text: str) -> dict:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {"?": text}
    return value if isinstance(value, dict) else {"值": value}


def audit_rows(session: Session, ids: Sequence[int]) -> list[AuditRow]:
    """The rows of a page of ids, in that order."""
    entries = session.scalars(select(AuditEntry).where(AuditEntry.id.in_(list(ids)))).all()
    rows = [AuditRow(e.id, _local(e.at), e.user_name, e.action, e.entity, e.entity_id, e.summary,
                     _json(e.old), _json(e.new)) for e in entries]
    return ordered_by_ids(rows, ids)


def audit_users(session: Session) -> list[str]:
    """Every name that appears in the trail (also former and unknown users), for the filter."""
    return sorted(session.scalars(select(AuditEntry.user_name).distinct()))


def audit_entities(session: Session) -> list[str]:
    return sorted(session.scalars(select(AuditEntry.entity).distinct()))


def field_label(entity: str, field: str) -> str:
    return TABLE_FIELD_LABELS.get((entity, field)) or FIELD_LABELS.get(field, field)


# Fields holding another record's id, shown by what names that record (only the ids in the row
# are read; a deleted record keeps its number).
REFERENCES = {
    "person_id": (Person.id, Person.name), "resp_person_id": (Person.id, Person.name),
    "leader_id": (Person.id, Person.name), "head_id": (Person.id, Person.name),
    "risk_point_id": (RiskPoint.id, RiskPoint.code + " " + RiskPoint.name),
    "finding_id": (Finding.id, Finding.code), "finding_ids": (Finding.id, Finding.code),
    "inspection_id": (Inspection.id, Inspection.inspected_on.cast(String) + " " + Inspection.title),
}
LEVEL_FIELDS = {"level", "from_level", "to_level"}


@dataclass(frozen=True)
class _Names:
    """What turns stored values into what a clerk reads: unit names, the records ids point
    at, dictionary labels."""

    entity: str
    units: dict[int, str]
    refs: dict[str, dict[int, str]]
    vocab: Vocabulary


def _participant(value: dict) -> str:
    """A talk's participant as the form shows one: 被谈话人：张三（财务科·科长）."""
    role = PARTICIPANT_ROLES.get(value.get("role", ""), value.get("role", ""))
    where = "·".join(str(v) for v in (value.get("unit"), value.get("position")) if v)
    return f"{role}：{value.get('name', '')}" + (f"（{where}）" if where else "")


def _text(field: str, value: object, names: _Names) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return bool_label(value)
    if field in UNIT_FIELDS and isinstance(value, int):
        return names.units.get(value, f"（单位 {value}）")
    if field in REFERENCES and isinstance(value, int):
        return names.refs.get(field, {}).get(value, str(value))
    if field in LEVEL_FIELDS and value in LEVELS:
        return f"{'一二三'[int(value) - 1]}级"
    if field == "role" and isinstance(value, str) and value in ROLE_LABELS:
        return ROLE_LABELS[value]
    if isinstance(value, list):
        return "、".join(_text(field, v, names) for v in value)
    if field == "participants" and isinstance(value, dict):
        return _participant(value)
    if isinstance(value, dict):
        return "；".join(f"{field_label(names.entity, k)}：{_text(k, v, names)}" for k, v in value.items())
    key = (names.entity, field)
    if isinstance(value, str) and key in CODE_LABELS:
        return CODE_LABELS[key].get(value, value)
    if isinstance(value, str) and key in DICT_FIELDS:
        return names.vocab.label(DICT_FIELDS[key], value)
    return str(value)


def _refs(session: Session, values: list[tuple[str, object]]) -> dict[str, dict[int, str]]:
    wanted: dict[str, set[int]] = {}
    for field, value in values:
        if field in REFERENCES:
            ids = value if isinstance(value, list) else [value]
            wanted.setdefault(field, set()).update(i for i in ids if isinstance(i, int))
    return {field: dict(session.execute(select(*REFERENCES[field]).where(REFERENCES[field][0].in_(ids))).all())
            for field, ids in wanted.items() if ids}


def _form_order(entity: str, keys: list[str]) -> list[str]:
    """The table's columns in their order (the form's, roughly), then the values beside them."""
    table = Base.metadata.tables.get(entity)
    order = {c.name: i for i, c in enumerate(table.columns)} if table is not None else {}
    return sorted(keys, key=lambda k: order.get(k, len(order)))


def value_texts(session: Session, entity: str, values: Sequence[tuple[str, object]]) -> list[str]:
    """Each (field, stored value) of a record in table `entity` as the 操作日志 shows it to a
    clerk (a refused stale save shows its changes the same way)."""
    names = _Names(entity, dict(session.execute(select(Unit.id, Unit.name)).all()),
                   _refs(session, list(values)), load_vocabulary(session))
    return [_text(k, v, names) for k, v in values]


def field_changes(session: Session, row: AuditRow) -> list[FieldChange]:
    """Old and new value of each field the row touched (a creation has new values only, a
    deletion old ones only), in the table's column order, with unit ids shown as unit names,
    ids of people, risk points, findings and inspections as what names them, and codes by
    their labels."""
    keys = _form_order(row.entity, [k for k in dict.fromkeys([*row.old, *row.new]) if k != "version"])
    values = [(k, v) for k in keys for v in (row.old.get(k), row.new.get(k))]
    names = _Names(row.entity, dict(session.execute(select(Unit.id, Unit.name)).all()),
                   _refs(session, values), load_vocabulary(session))
    return [FieldChange(k, field_label(row.entity, k), _text(k, row.old.get(k), names),
                        _text(k, row.new.get(k), names)) for k in keys]
