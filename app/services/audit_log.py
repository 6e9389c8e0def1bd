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

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth import Actor, Role, require_role
from app.services.common import like_any, ordered_by_ids
from app.vocab import AUDIT_ACTIONS, ENTITY_LABELS, ROLE_LABELS, bool_label
from db.models import AuditEntry, Unit

# Column names → labels; per table where one name means different things.
FIELD_LABELS: dict[str, str] = {
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
    "version": "版本", "reason": "原因",
    "bureau_name": "单位名称", "due_soon_days": "即将到期提前天数", "level_labels": "风险等级名称",
    "level_colors": "风险等级颜色", "risk_score_thresholds": "评分定级阈值",
    "impact_months": "影响期（月）", "revisit_months": "回访期限（月）",
    "festival_lead_days": "节前提醒提前（工作日）", "pre_talk_days": "任前谈话期限（天）",
    "idle_lock_minutes": "无操作自动锁定（分钟）",
}
TABLE_FIELD_LABELS: dict[tuple[str, str], str] = {
    ("people", "name"): "姓名", ("units", "name"): "单位名称", ("units", "kind"): "单位类别",
}
UNIT_FIELDS = {"unit_id", "parent_id", "from_unit_id", "to_unit_id", "resp_unit_id"}
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
        return "、".join(field_label(self.entity, k) for k in keys)


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
    from app.field_labels import register_field_label

    return (TABLE_FIELD_LABELS.get((entity, field)) or register_field_label(entity, field)
            or FIELD_LABELS.get(field, field))


def value_text(field: str, value: object, units: dict[int, str]) -> str:
    """A stored value as the clerk reads it (yes/no, a unit's name, a role's label)."""
    return _text(field, value, units)


def _text(field: str, value: object, units: dict[int, str]) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return bool_label(value)
    if field in UNIT_FIELDS and isinstance(value, int):
        return units.get(value, f"（单位 {value}）")
    if field == "role" and isinstance(value, str):
        return ROLE_LABELS.get(value, value)
    if isinstance(value, list):
        return "、".join(_text(field, v, units) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}：{_text(field, v, units)}" for k, v in value.items())
    return str(value)


def field_changes(session: Session, row: AuditRow) -> list[FieldChange]:
    """Old and new value of each field the row touched (a creation has new values only, a
    deletion old ones only), unit ids shown as unit names."""
    units = dict(session.execute(select(Unit.id, Unit.name)).all())
    keys = [k for k in dict.fromkeys([*row.old, *row.new]) if k != "version"]
    return [FieldChange(k, field_label(row.entity, k), _text(k, row.old.get(k), units),
                        _text(k, row.new.get(k), units)) for k in keys]
