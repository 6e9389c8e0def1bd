"""Units (单位/科室) and people (人员): the register every other one points at."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, require_all_units, require_write
from app.errors import NotFound, ValidationError
from app.pinyin import pinyin_key
from app.services.common import (
    clean,
    like_any,
    limited_text,
    load_for_update,
    not_future,
    ordered_by_ids,
    required_text,
)
from app.services.dictionaries import load_vocabulary, require_code
from db.models import (
    CeremonyReport,
    Finding,
    LedgerEntry,
    Person,
    PositionChange,
    RiskPoint,
    TalkParticipant,
    Unit,
    inspection_units,
)

UNIT_KIND_ORDER = {"office": 0, "affiliate": 1, "other": 2}
# The same order in SQL, for sorting registers by unit.
UNIT_ORDER_SQL = (case(UNIT_KIND_ORDER, value=Unit.kind, else_=9), Unit.sort_order, Unit.name)

# ---- units ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    kind: str
    kind_label: str
    parent_id: int | None
    sort_order: int
    active: bool
    notes: str
    version: int
    people_count: int


@dataclass(frozen=True)
class UnitDraft:
    name: str
    kind: str
    parent_id: int | None = None
    sort_order: int = 0
    active: bool = True
    notes: str = ""
    id: int | None = None
    version: int | None = None


def list_units(session: Session, include_inactive: bool = True) -> list[UnitRow]:
    """Every unit in display order: 局机关科室, then 直属单位, then others; then their order."""
    vocab = load_vocabulary(session)
    counts = dict(session.execute(
        select(Person.unit_id, func.count()).where(Person.active).group_by(Person.unit_id)).all())
    units = session.scalars(select(Unit)).all()
    rows = [
        UnitRow(u.id, u.name, u.kind, vocab.label("unit_kind", u.kind), u.parent_id, u.sort_order,
                u.active, u.notes, u.version, counts.get(u.id, 0))
        for u in units if include_inactive or u.active
    ]
    rows.sort(key=lambda r: (UNIT_KIND_ORDER.get(r.kind, 9), r.sort_order, r.name))
    return rows


def unit_ids_by_name(session: Session) -> dict[str, int]:
    return {name: uid for uid, name in session.execute(select(Unit.id, Unit.name))}


def descendant_unit_ids(session: Session, unit_id: int) -> set[int]:
    """The unit and every unit below it."""
    children: dict[int | None, list[int]] = {}
    for uid, parent in session.execute(select(Unit.id, Unit.parent_id)):
        children.setdefault(parent, []).append(uid)
    found, stack = set(), [unit_id]
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(children.get(current, []))
    return found


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


def unit_references(session: Session, unit_id: int) -> dict[str, int]:
    checks = {
        "人员": select(func.count()).where(Person.unit_id == unit_id),
        "下级单位": select(func.count()).where(Unit.parent_id == unit_id),
        "风险点": select(func.count()).where(RiskPoint.unit_id == unit_id),
        "问题整改": select(func.count()).where(
            (Finding.unit_id == unit_id) | (Finding.resp_unit_id == unit_id)),
        "监督检查": select(func.count()).where(inspection_units.c.unit_id == unit_id),
        "第一种形态台账": select(func.count()).where(LedgerEntry.unit_id == unit_id),
    }
    return {label: n for label, q in checks.items() if (n := session.scalar(q))}


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


# ---- people --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    unit_id: int
    unit_name: str
    position: str
    rank: str
    political_status: str
    political_label: str
    is_leader: bool
    key_post: str
    staff_no: str
    gender: str
    active: bool
    notes: str
    version: int

    @property
    def display(self) -> str:
        """How a person is told apart from a homonym: 张伟（办公室·科长）."""
        detail = "·".join(x for x in (self.unit_name, self.position) if x)
        return f"{self.name}（{detail}）" if detail else self.name


@dataclass(frozen=True)
class PersonDraft:
    name: str
    unit_id: int | None
    position: str = ""
    rank: str = ""
    political_status: str = ""
    is_leader: bool = False
    key_post: str = ""
    staff_no: str = ""
    gender: str = ""
    active: bool = True
    notes: str = ""
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class PersonFilter:
    text: str = ""
    unit_id: int | None = None  # with the units below it
    unit_kind: str = ""
    include_inactive: bool = False
    leaders_only: bool = False
    key_post_only: bool = False
    political_status: str = ""


PEOPLE_SORT_KEYS = {
    "name": Person.pinyin,
    "unit": UNIT_ORDER_SQL[0],
    "position": Person.position,
    "rank": Person.rank,
    "political_status": Person.political_status,
    "is_leader": Person.is_leader,
    "key_post": Person.key_post,
    "staff_no": Person.staff_no,
    "active": Person.active,
}


def _people_query(session: Session, actor: Actor, filt: PersonFilter):  # noqa: ANN202
    query = select(Person.id).join(Unit, Person.unit_id == Unit.id)
    conditions = []
    if not filt.include_inactive:
        conditions.append(Person.active)
    if filt.unit_id is not None:
        conditions.append(Person.unit_id.in_(descendant_unit_ids(session, filt.unit_id)))
    if filt.unit_kind:
        conditions.append(Unit.kind == filt.unit_kind)
    if actor.unit_ids is not None:
        conditions.append(Person.unit_id.in_(actor.unit_ids))
    if filt.leaders_only:
        conditions.append(Person.is_leader)
    if filt.key_post_only:
        conditions.append(Person.key_post != "")
    if filt.political_status:
        conditions.append(Person.political_status == filt.political_status)
    text = clean(filt.text)
    if text:
        conditions.append(like_any(text, Person.name, Person.pinyin, Person.position,
                                   Person.staff_no, Person.rank))
    return query.where(and_(*conditions)) if conditions else query


def search_people_ids(session: Session, actor: Actor, filt: PersonFilter,
                      sort: str = "unit", descending: bool = False, *,
                      limit: int | None = None) -> list[int]:
    """Ids of the people matching `filt`, sorted in SQL (the table fetches rows as shown);
    `limit`: the first ids only (the table's first page, shown before the rest)."""
    column = PEOPLE_SORT_KEYS.get(sort, UNIT_ORDER_SQL[0])
    order = column.desc() if descending else column.asc()
    query = _people_query(session, actor, filt).order_by(
        order, *UNIT_ORDER_SQL, Person.is_leader.desc(), Person.id).limit(limit)
    return list(session.scalars(query))


def people_rows(session: Session, ids: Sequence[int]) -> list[PersonRow]:
    if not ids:
        return []
    vocab = load_vocabulary(session)
    people = session.execute(
        select(Person, Unit.name).join(Unit, Person.unit_id == Unit.id).where(Person.id.in_(ids))
    ).all()
    rows = [
        PersonRow(p.id, p.name, p.unit_id, unit_name, p.position, p.rank, p.political_status,
                  vocab.label("political_status", p.political_status), p.is_leader, p.key_post,
                  p.staff_no, p.gender, p.active, p.notes, p.version)
        for p, unit_name in people
    ]
    return ordered_by_ids(rows, ids)


def get_person(session: Session, person_id: int) -> PersonRow:
    rows = people_rows(session, [person_id])
    if not rows:
        raise NotFound("该人员不存在。")
    return rows[0]


def find_people(session: Session, name: str, unit_name: str | None = None) -> list[PersonRow]:
    """People with exactly this name (and unit, when given): homonyms come back together."""
    query = select(Person.id).join(Unit, Person.unit_id == Unit.id).where(Person.name == clean(name))
    if unit_name:
        query = query.where(Unit.name == clean(unit_name))
    return people_rows(session, list(session.scalars(query.order_by(Person.active.desc(), Person.id))))


def suggest_people(session: Session, actor: Actor, text: str, limit: int = 20) -> list[PersonRow]:
    """For pickers: names or pinyin initials starting with `text`, then containing it."""
    text = clean(text).lower()
    if not text:
        return []
    ids = search_people_ids(session, actor, PersonFilter(text=text), sort="name")
    rows = people_rows(session, ids[: limit * 3])

    def rank(row: PersonRow) -> tuple[int, str]:
        starts = row.name.startswith(text) or any(
            k.startswith(text) for k in pinyin_key(row.name).split())
        return (0 if starts else 1, pinyin_key(row.name))

    return sorted(rows, key=rank)[:limit]


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


def person_references(session: Session, person_id: int) -> dict[str, int]:
    checks = {
        "谈话记录": select(func.count()).where(TalkParticipant.person_id == person_id),
        "第一种形态台账": select(func.count()).where(LedgerEntry.person_id == person_id),
        "问题整改": select(func.count()).where(Finding.resp_person_id == person_id),
        "婚丧喜庆报备": select(func.count()).where(CeremonyReport.person_id == person_id),
        "职务变动": select(func.count()).where(PositionChange.person_id == person_id),
    }
    return {label: n for label, q in checks.items() if (n := session.scalar(q))}


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


# ---- position changes ---------------------------------------------------------------------


@dataclass(frozen=True)
class PositionChangeDraft:
    person_id: int
    changed_on: dt.date
    to_unit_id: int
    to_position: str
    to_rank: str = ""
    is_promotion: bool = False
    notes: str = ""
    person_version: int | None = None


@dataclass(frozen=True)
class PositionChangeRow:
    id: int
    person_id: int
    person_name: str
    changed_on: dt.date
    from_unit_name: str
    to_unit_name: str
    from_position: str
    to_position: str
    from_rank: str
    to_rank: str
    is_promotion: bool
    notes: str


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


def position_changes(session: Session, person_ids: Iterable[int] | None = None) -> list[PositionChangeRow]:
    """Position changes (all, or of some people), newest first."""
    units = dict(session.execute(select(Unit.id, Unit.name)).all())
    query = select(PositionChange, Person.name).join(Person, PositionChange.person_id == Person.id)
    if person_ids is not None:
        query = query.where(PositionChange.person_id.in_(list(person_ids)))
    query = query.order_by(PositionChange.changed_on.desc(), PositionChange.id.desc())
    return [
        PositionChangeRow(c.id, c.person_id, name, c.changed_on, units.get(c.from_unit_id, ""),
                          units.get(c.to_unit_id, ""), c.from_position, c.to_position,
                          c.from_rank, c.to_rank, c.is_promotion, c.notes)
        for c, name in session.execute(query)
    ]
