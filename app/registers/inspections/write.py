"""Writing inspections: save (units inspected, none = the whole system; a unit-limited user
only their own units), delete (with the closed-year guard). Audited in the same transaction."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import archive, audit
from app.auth import Actor, require_all_units, require_write
from app.common import (
    clean,
    limited_text,
    not_future,
    required_text,
)
from app.dictionaries import load_vocabulary, require_code
from app.errors import ValidationError
from app.registers.inspections.types import InspectionDraft
from app.stale import load_for_update
from db.models import Finding, Inspection, Unit


def _validate(session: Session, actor: Actor, draft: InspectionDraft, today: dt.date) -> tuple[str, list[Unit]]:
    if draft.inspected_on is None:
        raise ValidationError("请填写检查日期。", "inspected_on")
    not_future(draft.inspected_on, today, "检查日期", "inspected_on")
    require_code(load_vocabulary(session), "inspection_type", draft.kind, "kind")
    title = required_text(draft.title, "检查名称", "title", 200)
    units = []
    for unit_id in dict.fromkeys(draft.unit_ids):
        unit = session.get(Unit, unit_id)
        if unit is None:
            raise ValidationError("所选被检查单位不存在。", "unit_ids")
        require_write(actor, unit.id, unit.name)
        units.append(unit)
    if not units and actor.unit_ids is not None:
        raise ValidationError("限定单位的用户不能登记全系统检查，请选择被检查单位。", "unit_ids")
    limited_text(draft.inspectors, "检查人员", "inspectors", 500)
    limited_text(draft.summary, "检查情况", "summary", 4000)
    return title, units


def _require_units(actor: Actor, inspection: Inspection) -> None:
    """An existing inspection is the actor's to change when all its units are theirs; a
    system-wide one (no units) belongs to no unit: only a user of all units changes it."""
    if not inspection.units:
        require_all_units(actor, "全系统检查")
    for unit in inspection.units:
        require_write(actor, unit.id, unit.name)


def save_inspection(session: Session, actor: Actor, draft: InspectionDraft, today: dt.date) -> int:
    """Adds or edits an inspection; raises ValidationError naming the first bad field. A closed
    year refuses a 录入员 and needs an administrator's correction reason."""
    require_write(actor)
    title, units = _validate(session, actor, draft, today)
    year = draft.inspected_on.year
    unit_ids = sorted(u.id for u in units)
    if draft.id is None:
        correcting = archive.guard_year(session, actor, year, draft.correction_reason, "监督检查")
        inspection = Inspection(inspected_on=draft.inspected_on, kind=draft.kind, title=title,
                                inspectors=clean(draft.inspectors), summary=clean(draft.summary))
        inspection.units = units
        session.add(inspection)
        session.flush()
        audit.created(session, actor, inspection, summary=f"新增监督检查 {title}", unit_ids=unit_ids)
    else:
        inspection = load_for_update(session, Inspection, draft.id, draft.version, "监督检查记录")
        _require_units(actor, inspection)
        correcting = archive.guard_year(session, actor, inspection.inspected_on.year,
                                        draft.correction_reason, "监督检查")
        correcting = archive.guard_year(session, actor, year, draft.correction_reason, "监督检查") or correcting
        findings_before = session.scalar(select(func.min(Finding.found_on)).where(
            Finding.inspection_id == inspection.id))
        if findings_before is not None and draft.inspected_on > findings_before:
            raise ValidationError(f"该检查发现的问题最早登记于 {findings_before:%Y-%m-%d}，"
                                  "检查日期不能晚于它。", "inspected_on")
        before = audit.snapshot(inspection, unit_ids=sorted(u.id for u in inspection.units))
        inspection.inspected_on, inspection.kind, inspection.title = draft.inspected_on, draft.kind, title
        inspection.inspectors, inspection.summary = clean(draft.inspectors), clean(draft.summary)
        inspection.units = units
        session.flush()
        audit.updated(session, actor, inspection, before, summary=f"修改监督检查 {title}",
                      unit_ids=unit_ids)
    if correcting:
        archive.record_correction(session, actor, "inspections", inspection.id, year,
                                  draft.correction_reason)
    return inspection.id


def delete_inspection(session: Session, actor: Actor, inspection_id: int, correction_reason: str = "") -> None:
    """Deletes an inspection entered by mistake; one that produced findings is kept. In a closed
    year only an administrator, with a reason."""
    inspection = load_for_update(session, Inspection, inspection_id, None, "监督检查记录")
    require_write(actor)
    _require_units(actor, inspection)
    year = inspection.inspected_on.year
    correction = archive.guard_year(session, actor, year, correction_reason, "监督检查")
    linked = session.scalar(select(func.count()).where(Finding.inspection_id == inspection_id))
    if linked:
        raise ValidationError(f"“{inspection.title}”已登记了 {linked} 个问题，不能删除。")
    audit.deleted(session, actor, inspection, summary=f"删除监督检查 {inspection.title}",
                  unit_ids=sorted(u.id for u in inspection.units))
    inspection.units = []
    session.delete(inspection)
    session.flush()
    if correction:
        archive.record_correction(session, actor, "inspections", inspection_id, year, correction_reason)

