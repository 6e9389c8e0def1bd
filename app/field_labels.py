"""Chinese names of the registers' fields, per table, where the shared names in
app/services/audit_log.py (FIELD_LABELS) do not fit: what the 操作日志 detail and a refused
stale save (app/stale.py) show a clerk instead of a column name. The names follow the
registers' forms and Excel headers."""
from __future__ import annotations

_BY_TABLE: dict[str, dict[str, str]] = {
    "inspections": {
        "inspected_on": "检查日期", "kind": "检查类型", "title": "检查名称", "inspectors": "检查人员",
        "summary": "检查情况", "units": "被检查单位",
    },
    "findings": {
        "code": "问题编号", "source": "问题来源", "inspection_id": "所属检查", "found_on": "发现日期",
        "unit_id": "被检查单位", "description": "问题", "category": "问题类别",
        "risk_point_id": "关联风险点", "requirement": "整改要求", "measures": "整改措施",
        "resp_unit_id": "责任单位", "resp_person_id": "责任人", "resp_person_name": "责任人",
        "resp_leader": "责任领导", "kind": "整改类型", "deadline": "整改时限", "status": "状态",
        "result": "整改结果", "rectified_on": "整改完成日期", "accepted_by": "验收人",
        "accepted_on": "验收日期", "closed_on": "销号日期", "revisit": "回头看",
    },
    "risk_points": {"code": "编号", "name": "风险点", "post": "岗位", "duty_item": "职权事项"},
    "risk_assessments": {
        "risk_point_id": "风险点", "description": "表现形式", "category": "风险类别",
        "level": "风险等级", "likelihood": "可能性", "consequence": "后果严重性",
        "measures": "防控措施", "responsible_person": "责任人", "responsible_leader": "责任领导",
        "next_review": "下次复核", "status": "状态", "confirmed_at": "确认时间",
        "confirmed_by": "确认人", "reason": "调整原因",
    },
    "talks": {
        "talk_date": "谈话日期", "start_time": "开始时间", "kind": "谈话类型", "reason": "谈话事由",
        "place": "谈话地点", "content": "谈话内容", "response": "本人表态", "follow_up": "后续要求",
        "signed": "是否签字", "finding_id": "关联问题", "risk_point_id": "关联风险点",
        "participants": "谈话人员",
    },
    "ledger_entries": {
        "person_name": "姓名", "unit_name": "单位", "clue_source": "线索来源",
        "handling": "处置情况", "letter_sent_on": "函询发出日期", "reply_due": "函询回复期限",
        "replied_on": "函询回复日期", "problem": "主要问题", "decision_organ": "决定机关",
        "decided_on": "处理时间", "handler": "承办人", "impact_end": "影响期截止",
        "revisit_planned": "计划回访日期", "revisit_done_on": "回访日期",
        "revisit_result": "回访情况", "methods": "处置方式",
    },
}


def register_field_label(table: str, field: str) -> str | None:
    """The register's own name for `field` of `table`, or None."""
    return _BY_TABLE.get(table, {}).get(field)
