"""Writing people: save (validated, position changes recorded as dated events), 停用/启用,
delete (only when nothing points at the person). Every change audited in the same transaction."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, require_write
from app.common import (
    clean,
    limited_text,
    not_future,
    required_text,
)
from app.dictionaries import load_vocabulary, require_code
from app.errors import ValidationError
from app.pinyin import pinyin_key
from app.registers.people.query import person_references
from app.registers.people.types import PersonDraft, PositionChangeDraft
from app.stale import load_for_update
from db.models import (
    Person,
    PositionChange,
    Unit,
)


def _validate_person(session: Session, draft: PersonDraft) -> tuple[str, Unit]:
    name = required_text(draft.name, "姓名", "name", 20)
    if draft.unit_id is None:
        raise ValidationError("请选择所在单位。", "unit_id")
    unit = session.get(Unit, draft.unit_id)
    if unit is None:
        raise ValidationError("所选单位不存在。", "unit_id")
    require_code(load_vocabulary(session), "political_status", draft.political_status,
                 "political_status", required=False)
    limited_text(draft.position, "职务", "position", 100)
    limited_text(draft.rank, "职级", "rank", 50)
    limited_text(draft.key_post, "重要岗位", "key_post", 50)
    limited_text(draft.staff_no, "工号", "staff_no", 40)
    limited_text(draft.notes, "备注", "notes", 2000)
    if draft.gender not in ("", "男", "女"):
        raise ValidationError("性别只能是“男”或“女”。", "gender")
    same = session.scalars(select(Person).where(
        Person.name == name, Person.unit_id == draft.unit_id,
        Person.staff_no == clean(draft.staff_no))).first()
    if same is not None and same.id != draft.id:
        raise ValidationError(
            f"“{unit.name}”中已有同名人员“{name}”。如确为两人，请填写工号加以区分。", "name")
    return name, unit


def save_person(session: Session, actor: Actor, draft: PersonDraft) -> int:
    """Adds or edits a person; raises ValidationError naming the first bad field."""
    name, unit = _validate_person(session, draft)
    require_write(actor, unit.id, unit.name)
    values = dict(
        name=name, pinyin=pinyin_key(name), unit_id=unit.id, position=clean(draft.position),
        rank=clean(draft.rank), political_status=draft.political_status,
        is_leader=draft.is_leader, key_post=clean(draft.key_post), staff_no=clean(draft.staff_no),
        gender=draft.gender, active=draft.active, notes=clean(draft.notes),
    )
    if draft.id is None:
        person = Person(**values)
        session.add(person)
        session.flush()
        audit.created(session, actor, person, summary=f"新增人员 {name}")
        return person.id
    person = load_for_update(session, Person, draft.id, draft.version, "人员")
    require_write(actor, person.unit_id)
    before = audit.snapshot(person)
    for key, value in values.items():
        setattr(person, key, value)
    session.flush()
    audit.updated(session, actor, person, before, summary=f"修改人员 {name}")
    return person.id


def set_person_active(session: Session, actor: Actor, person_id: int, active: bool,
                      version: int | None = None) -> None:
    person = load_for_update(session, Person, person_id, version, "人员")
    require_write(actor, person.unit_id)
    before = audit.snapshot(person)
    person.active = active
    session.flush()
    audit.updated(session, actor, person, before, summary=("启用" if active else "停用") + person.name)


def delete_person(session: Session, actor: Actor, person_id: int) -> None:
    """Deletes a person nothing refers to (entered by mistake); otherwise says what refers."""
    person = load_for_update(session, Person, person_id, None, "人员")
    require_write(actor, person.unit_id)
    refs = person_references(session, person_id)
    if refs:
        listed = "、".join(f"{k} {v} 条" for k, v in refs.items())
        raise ValidationError(f"“{person.name}”已被记录引用（{listed}），不能删除，可以停用。")
    audit.deleted(session, actor, person)
    session.delete(person)
    session.flush()


def record_position_change(session: Session, actor: Actor, draft: PositionChangeDraft,
                           today: dt.date) -> int:
    """Moves a person (unit, position, rank) as a dated event; the person row follows it.

    The event stays as history and raises the 任前廉政谈话 reminder until that talk is recorded.
    """
    person = load_for_update(session, Person, draft.person_id, draft.person_version, "人员")
    require_write(actor, person.unit_id)
    if draft.changed_on is None:
        raise ValidationError("请填写变动日期。", "changed_on")
    not_future(draft.changed_on, today, "变动日期", "changed_on")
    target = session.get(Unit, draft.to_unit_id) if draft.to_unit_id else None
    if target is None:
        raise ValidationError("请选择新单位。", "to_unit_id")
    require_write(actor, target.id, target.name)
    to_position = required_text(draft.to_position, "新职务", "to_position", 100)
    to_rank = limited_text(draft.to_rank, "新职级", "to_rank", 50)
    if (target.id, to_position, to_rank or person.rank) == (person.unit_id, person.position, person.rank):
        raise ValidationError("新单位、职务和职级与现在相同，没有变动。", "to_position")
    change = PositionChange(
        person_id=person.id, changed_on=draft.changed_on, from_unit_id=person.unit_id,
        to_unit_id=target.id, from_position=person.position, to_position=to_position,
        from_rank=person.rank, to_rank=to_rank or person.rank, is_promotion=draft.is_promotion,
        notes=limited_text(draft.notes, "备注", "notes", 2000))
    session.add(change)
    session.flush()
    audit.created(session, actor, change, summary=f"{person.name} 职务变动")
    # Only a change dated after the latest recorded one moves the person's current post.
    latest = session.scalar(select(func.max(PositionChange.changed_on)).where(
        PositionChange.person_id == person.id, PositionChange.id != change.id))
    if latest is None or draft.changed_on >= latest:
        before = audit.snapshot(person)
        person.unit_id, person.position, person.rank = target.id, to_position, change.to_rank
        session.flush()
        audit.updated(session, actor, person, before, summary=f"{person.name} 职务变动")
    return change.id

