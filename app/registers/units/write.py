"""Writing units: save (name unique, no parent loops), 停用/启用, delete (only when nothing
points at the unit). Every change audited; 管理员 and unlimited 录入员 only."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, require_all_units, require_write
from app.common import (
    limited_text,
    required_text,
)
from app.dictionaries import load_vocabulary, require_code
from app.errors import ValidationError
from app.registers.units.query import descendant_unit_ids, unit_references
from app.registers.units.types import UnitDraft
from app.stale import load_for_update
from db.models import (
    Person,
    Unit,
)


def save_unit(session: Session, actor: Actor, draft: UnitDraft) -> int:
    """Adds or edits a unit. Names are unique; a unit cannot sit below itself."""
    require_write(actor)
    if draft.id is None:
        require_all_units(actor, "单位设置（新增单位）")
    name = required_text(draft.name, "单位名称", "name", 100)
    require_code(load_vocabulary(session), "unit_kind", draft.kind, "kind")
    clash = session.scalars(select(Unit).where(Unit.name == name)).first()
    if clash is not None and clash.id != draft.id:
        raise ValidationError(f"已有名为“{name}”的单位。", "name")
    if draft.parent_id is not None:
        if session.get(Unit, draft.parent_id) is None:
            raise ValidationError("上级单位不存在。", "parent_id")
        if draft.id is not None and draft.parent_id in descendant_unit_ids(session, draft.id):
            raise ValidationError("上级单位不能是本单位或其下级单位。", "parent_id")
    notes = limited_text(draft.notes, "备注", "notes", 2000)
    if draft.id is None:
        unit = Unit(name=name, kind=draft.kind, parent_id=draft.parent_id,
                    sort_order=draft.sort_order, active=draft.active, notes=notes)
        session.add(unit)
        session.flush()
        audit.created(session, actor, unit)
        return unit.id
    unit = load_for_update(session, Unit, draft.id, draft.version, "单位")
    require_write(actor, unit.id, unit.name)
    before = audit.snapshot(unit)
    unit.name, unit.kind, unit.parent_id = name, draft.kind, draft.parent_id
    unit.sort_order, unit.active, unit.notes = draft.sort_order, draft.active, notes
    session.flush()
    audit.updated(session, actor, unit, before)
    return unit.id


def set_unit_active(session: Session, actor: Actor, unit_id: int, active: bool,
                    version: int | None = None) -> None:
    """停用/启用: a unit with records is never deleted, only deactivated."""
    unit = load_for_update(session, Unit, unit_id, version, "单位")
    require_write(actor, unit.id, unit.name)
    if not active:
        active_people = session.scalar(
            select(func.count()).where(Person.unit_id == unit_id, Person.active))
        if active_people:
            raise ValidationError(
                f"“{unit.name}”还有 {active_people} 名在册人员，请先将他们调到其他单位或停用后再停用本单位。")
    before = audit.snapshot(unit)
    unit.active = active
    session.flush()
    audit.updated(session, actor, unit, before)


def delete_unit(session: Session, actor: Actor, unit_id: int) -> None:
    """Deletes a unit nothing refers to (a typo); otherwise tells what refers to it."""
    unit = load_for_update(session, Unit, unit_id, None, "单位")
    require_write(actor, unit.id, unit.name)
    refs = unit_references(session, unit_id)
    if refs:
        listed = "、".join(f"{k} {v} 条" for k, v in refs.items())
        raise ValidationError(f"“{unit.name}”已被记录引用（{listed}），不能删除，可以停用。")
    audit.deleted(session, actor, unit)
    session.delete(unit)
    session.flush()

