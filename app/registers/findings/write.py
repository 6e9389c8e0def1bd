"""Writing findings: save (validated; a new one gets the year's next code), delete (with the
closed-year guard). Status steps, extensions and progress are workflow.py's."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import archive, audit
from app.auth import Actor, require_write
from app.common import limited_text, not_future, required_text
from app.dictionaries import load_vocabulary, require_code
from app.errors import ValidationError
from app.registers.findings.query import finding_references
from app.registers.findings.types import FindingDraft
from app.stale import load_for_update
from app.vocab import FINDING_STATUS
from db.models import (
    Finding,
    FindingStatusChange,
    Inspection,
    Person,
    RiskPoint,
    Unit,
)


def next_code(session: Session, year: int) -> str:
    """The next free 问题编号 of `year`: 2026-001, 2026-002 …"""
    prefix = f"{year}-"
    used = [c[len(prefix):] for c in session.scalars(select(Finding.code).where(Finding.code.like(f"{prefix}%")))]
    numbers = [int(n) for n in used if n.isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def _validated(session: Session, actor: Actor, draft: FindingDraft, today: dt.date) -> dict:
    vocab = load_vocabulary(session)
    require_code(vocab, "finding_source", draft.source, "source")
    if draft.found_on is None:
        raise ValidationError("请填写发现日期。", "found_on")
    not_future(draft.found_on, today, "发现日期", "found_on")
    unit = session.get(Unit, draft.unit_id) if draft.unit_id else None
    if unit is None:
        raise ValidationError("请选择被检查（问题所在）单位。", "unit_id")
    require_write(actor, unit.id, unit.name)
    description = required_text(draft.description, "问题描述", "description", 2000)
    require_code(vocab, "finding_category", draft.category, "category", required=False)
    require_code(vocab, "finding_type", draft.kind, "kind", required=False)
    if draft.resp_unit_id is not None:
        resp_unit = session.get(Unit, draft.resp_unit_id)
        if resp_unit is None:
            raise ValidationError("所选责任单位不存在。", "resp_unit_id")
        require_write(actor, resp_unit.id, resp_unit.name)
    person_name = limited_text(draft.resp_person_name, "责任人", "resp_person_id", 50)
    if draft.resp_person_id is not None:
        person = session.get(Person, draft.resp_person_id)
        if person is None:
            raise ValidationError("所选责任人不存在。", "resp_person_id")
        person_name = person.name
    if draft.deadline is not None and draft.deadline < draft.found_on:
        raise ValidationError("整改时限不能早于发现日期。", "deadline")
    if draft.inspection_id is not None:
        inspection = session.get(Inspection, draft.inspection_id)
        if inspection is None:
            raise ValidationError("所选监督检查不存在。", "inspection_id")
        if draft.found_on < inspection.inspected_on:
            raise ValidationError(f"发现日期不能早于所属检查的日期（{inspection.inspected_on:%Y-%m-%d}）。",
                                  "found_on")
    if draft.risk_point_id is not None and session.get(RiskPoint, draft.risk_point_id) is None:
        raise ValidationError("所选风险点不存在。", "risk_point_id")
    code = limited_text(draft.code, "问题编号", "code", 40)
    if code:
        clash = session.scalars(select(Finding.id).where(Finding.code == code)).first()
        if clash is not None and clash != draft.id:
            raise ValidationError(f"问题编号“{code}”已被使用。", "code")
    return dict(
        code=code, source=draft.source, inspection_id=draft.inspection_id, found_on=draft.found_on,
        unit_id=unit.id, description=description, category=draft.category,
        risk_point_id=draft.risk_point_id,
        requirement=limited_text(draft.requirement, "整改要求", "requirement", 2000),
        measures=limited_text(draft.measures, "整改措施", "measures", 2000),
        resp_unit_id=draft.resp_unit_id, resp_person_id=draft.resp_person_id,
        resp_person_name=person_name, resp_leader=limited_text(draft.resp_leader, "责任领导", "resp_leader", 50),
        kind=draft.kind, deadline=draft.deadline, revisit=draft.revisit,
        notes=limited_text(draft.notes, "备注", "notes", 2000))


def save_finding(session: Session, actor: Actor, draft: FindingDraft, today: dt.date) -> int:
    """Adds a finding (待整改, its first history line 登记) or edits one; raises ValidationError
    naming the first bad field. A deadline once set moves only by `extend_deadline` (with a
    reason, the old date kept). Closed years refuse a 录入员 (an administrator corrects with a
    reason)."""
    require_write(actor)
    values = _validated(session, actor, draft, today)
    year = draft.found_on.year
    if draft.id is None:
        correcting = archive.guard_year(session, actor, year, draft.correction_reason, "问题整改记录")
        values["code"] = values["code"] or next_code(session, year)
        finding = Finding(status="pending", **values)
        session.add(finding)
        session.flush()
        session.add(FindingStatusChange(finding_id=finding.id, from_status="", to_status="pending",
                                        changed_on=draft.found_on, reason="登记", user_name=actor.name))
        audit.created(session, actor, finding, summary=f"登记问题 {finding.code}")
    else:
        finding = load_for_update(session, Finding, draft.id, draft.version, "问题")
        require_write(actor, finding.unit_id)
        require_write(actor, finding.resp_unit_id)
        correcting = archive.guard_year(session, actor, finding.found_on.year, draft.correction_reason,
                                        "问题整改记录")
        correcting = archive.guard_year(session, actor, year, draft.correction_reason,
                                        "问题整改记录") or correcting
        if finding.closed_on is not None:  # closed in a year: part of that year's ledger too
            correcting = archive.guard_year(session, actor, finding.closed_on.year, draft.correction_reason,
                                            "问题整改记录") or correcting
        if finding.deadline is not None and values["deadline"] != finding.deadline:
            raise ValidationError(f"整改时限已定为 {finding.deadline:%Y-%m-%d}；如需延期，请使用“延期…”"
                                  "并填写原因（原时限会保留）。", "deadline")
        values["code"] = values["code"] or finding.code or next_code(session, year)
        before = audit.snapshot(finding)
        for key, value in values.items():
            setattr(finding, key, value)
        session.flush()
        audit.updated(session, actor, finding, before, summary=f"修改问题 {finding.code}")
    if correcting:
        archive.record_correction(session, actor, "findings", finding.id, year, draft.correction_reason)
    return finding.id


def delete_finding(session: Session, actor: Actor, finding_id: int, correction_reason: str = "") -> None:
    """Deletes a finding entered by mistake: only one still 待整改 with no history, evidence or
    links; the rest of the ledger is kept. In a closed year only an administrator, with a reason."""
    finding = load_for_update(session, Finding, finding_id, None, "问题")
    require_write(actor, finding.unit_id)
    require_write(actor, finding.resp_unit_id)
    correction = archive.guard_year(session, actor, finding.found_on.year, correction_reason, "问题整改记录")
    refs = finding_references(session, finding_id)
    if refs or finding.status != "pending":
        listed = "、".join(f"{k} {v} 条" for k, v in refs.items()) or FINDING_STATUS[finding.status]
        raise ValidationError(f"问题 {finding.code} 已有办理记录（{listed}），不能删除。")
    audit.deleted(session, actor, finding, summary=f"删除问题 {finding.code}")
    for change in session.scalars(select(FindingStatusChange).where(FindingStatusChange.finding_id == finding_id)):
        session.delete(change)
    session.flush()  # the history rows first: no ORM relationship orders the two deletes
    session.delete(finding)
    session.flush()
    if correction:
        archive.record_correction(session, actor, "findings", finding_id, finding.found_on.year, correction_reason)

