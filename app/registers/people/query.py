"""Reading people: the page's filter in SQL, rows by id, lookups by name (homonyms told
apart by unit), pinyin-initial suggestions, `姓名@单位` resolution, and position changes."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from sqlalchemy import Select, and_, bindparam, func, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.common import (
    clean,
    like_any,
    ordered_by_ids,
)
from app.dictionaries import load_vocabulary
from app.errors import NotFound, ValidationError
from app.pinyin import pinyin_key
from app.registers.people.types import PersonFilter, PersonRow, PositionChangeRow
from app.registers.units.query import UNIT_ORDER_SQL, descendant_unit_ids
from app.visibility import readable
from db.joins import outer_first
from db.models import (
    CeremonyReport,
    EducationParticipant,
    Finding,
    LeaderReport,
    LedgerEntry,
    Person,
    Pledge,
    PositionChange,
    TalkParticipant,
    Unit,
)

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


def search_people_ids(session: Session, actor: Actor, filt: PersonFilter,
                      sort: str = "unit", descending: bool = False, *,
                      limit: int | None = None) -> list[int]:
    """Ids of the people matching `filt`, sorted in SQL (the table fetches rows as shown);
    `limit`: the first ids only (the table's first page, shown before the rest).

    By unit (the page's default), the order is the units' (ix_units_display_order, or …_desc),
    then each unit's people as ix_people_unit_leader holds them; `Unit.id` after the unit's name
    changes nothing (names are unique) but tells SQLite that each unit is one group of the outer
    loop, so with the units read first no row is sorted: EXPLAIN QUERY PLAN shows the two
    indexes and no temp b-tree (tests/unit/test_people_order.py)."""
    units = frozenset(descendant_unit_ids(session, filt.unit_id)) if filt.unit_id is not None else None
    session.flush()  # what this session wrote is read back (the connection does not autoflush)
    return session.connection().execute(
        _ids_statement(actor, filt, units, sort, descending, limit)).scalars().all()


@lru_cache(maxsize=64)
def _ids_statement(actor: Actor, filt: PersonFilter, units: frozenset[int] | None,
                   sort: str, descending: bool, limit: int | None) -> Select:
    """The id query, built once per user, filter (`units`: the unit filter's subtree, read
    per call) and order: a statement built anew costs more than the read of a screenful
    (SQLAlchemy walks a new statement for its cache key, ~0.2 ms)."""
    column = PEOPLE_SORT_KEYS.get(sort, UNIT_ORDER_SQL[0])
    by_unit = column is UNIT_ORDER_SQL[0]
    if by_unit:  # descending: the kinds reversed, each kind's units as ascending
        kind, *rest = UNIT_ORDER_SQL
        first: tuple = (kind.desc() if descending else kind, *rest, Unit.id)
        query = select(Person.id).select_from(outer_first(Unit, Person, Person.unit_id == Unit.id))
    else:
        first = (column.desc() if descending else column.asc(), *UNIT_ORDER_SQL)
        query = select(Person.id).join(Unit, Person.unit_id == Unit.id)
    conditions = []
    if not filt.include_inactive:
        conditions.append(Person.active)
    if units is not None:
        conditions.append(Person.unit_id.in_(sorted(units)))
    if filt.unit_kind:
        conditions.append(Unit.kind == filt.unit_kind)
    conditions.append(readable(actor, Person))
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
    return (query.where(and_(*conditions))
            .order_by(*first, Person.is_leader.desc(), Person.id).limit(limit))


_PEOPLE = (select(Person.id, Person.name, Person.unit_id, Unit.name, Person.position, Person.rank,
                  Person.political_status, Person.is_leader, Person.key_post, Person.staff_no, Person.gender,
                  Person.active, Person.notes, Person.version)
           .join(Unit, Person.unit_id == Unit.id).where(Person.id.in_(bindparam("ids", expanding=True))))


def people_rows(session: Session, ids: Sequence[int]) -> list[PersonRow]:
    if not ids:
        return []
    vocab = load_vocabulary(session)
    session.flush()  # what this session wrote is read back (the connection does not autoflush)
    people = session.connection().execute(_PEOPLE, {"ids": list(ids)}).all()  # columns, no ORM objects
    rows = [
        PersonRow(pid, name, unit_id, unit_name, position, rank, political,
                  vocab.label("political_status", political), is_leader, key_post,
                  staff_no, gender, active, notes, version)
        for (pid, name, unit_id, unit_name, position, rank, political, is_leader, key_post, staff_no,
             gender, active, notes, version) in people
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
    return sorted(rows, key=lambda row: (0 if name_starts(row.name, text) else 1, pinyin_key(row.name)))[:limit]


def lead_match(rows: Sequence[PersonRow], text: str) -> PersonRow | None:
    """The match a picker's Enter may take without a choice: the only one, or the only one
    whose name or initials begin with `text` (highlighted, so the clerk sees it); None when the
    clerk must choose — homonyms never have one."""
    if len(rows) == 1:
        return rows[0]
    starting = [r for r in rows if name_starts(r.name, text)]
    return starting[0] if len(starting) == 1 else None


def name_starts(name: str, text: str) -> bool:
    """The name, or its pinyin initials or spelling, begins with `text` (张伟 for 张, zw, zhang):
    a picker highlights such a match when it is the only one."""
    text = clean(text).lower()
    return bool(text) and (name.startswith(text) or any(k.startswith(text) for k in pinyin_key(name).split()))


def person_references(session: Session, person_id: int) -> dict[str, int]:
    checks = {
        "谈话记录": select(func.count()).where(TalkParticipant.person_id == person_id),
        "第一种形态台账": select(func.count()).where(LedgerEntry.person_id == person_id),
        "问题整改": select(func.count()).where(Finding.resp_person_id == person_id),
        "婚丧喜庆报备": select(func.count()).where(CeremonyReport.person_id == person_id),
        "职务变动": select(func.count()).where(PositionChange.person_id == person_id),
        "党风廉政建设责任书": select(func.count()).where((Pledge.person_id == person_id)
                                                  | (Pledge.leader_id == person_id)),
        "述职述廉": select(func.count()).where(LeaderReport.person_id == person_id),
        "廉政教育": select(func.count()).where(EducationParticipant.person_id == person_id),
    }
    return {label: n for label, q in checks.items() if (n := session.scalar(q))}


def position_changes(session: Session, actor: Actor,
                     person_ids: Iterable[int] | None = None) -> list[PositionChangeRow]:
    """The position changes the actor may read (all, or of some people), newest first."""
    units = dict(session.execute(select(Unit.id, Unit.name)).all())
    query = (select(PositionChange, Person.name).join(Person, PositionChange.person_id == Person.id)
             .where(readable(actor, PositionChange)))
    if person_ids is not None:
        query = query.where(PositionChange.person_id.in_(list(person_ids)))
    query = query.order_by(PositionChange.changed_on.desc(), PositionChange.id.desc())
    return [
        PositionChangeRow(c.id, c.person_id, name, c.changed_on, units.get(c.from_unit_id, ""),
                          units.get(c.to_unit_id, ""), c.from_position, c.to_position,
                          c.from_rank, c.to_rank, c.is_promotion, c.notes)
        for c, name in session.execute(query)
    ]


def resolve_person(session: Session, written: str) -> PersonRow:
    """“姓名” or “姓名@单位” → the person. Homonyms without a unit are refused with the candidates
    listed as they should be written."""
    name, _, unit = (part.strip() for part in written.strip().partition("@"))
    found = find_people(session, name, unit or None)
    if not found:
        where = f"（{unit}）" if unit else ""
        raise ValidationError(f"人员名册中没有“{name}”{where}。")
    if len(found) > 1:
        listed = "、".join(f"{p.name}@{p.unit_name}" + ("（已停用）" if not p.active else "") for p in found)
        raise ValidationError(f"“{written.strip()}”有 {len(found)} 人同名，请写成“姓名@单位”：{listed}")
    return found[0]



# A unit's 主要负责人: the head post of the unit (not its deputy), a 班子成员 first.
_HEAD_POSTS = ("局长", "科长", "主任", "馆长", "院长", "支队长", "大队长", "队长", "所长", "站长", "团长")


def _head_score(position: str, is_leader: bool) -> int:
    score = 2 if is_leader else 0
    for part in position.replace("，", "、").replace(",", "、").split("、"):
        part = part.strip()
        if not part or part.startswith("副"):
            continue
        if part in _HEAD_POSTS or part.endswith("书记"):
            score += 2
        elif part.endswith(_HEAD_POSTS):
            score += 1  # 办公室主任 of a 馆: a head, not the unit's
    return score


def unit_heads(session: Session, unit_ids: Iterable[int]) -> dict[int, PersonRow]:
    """Each unit's 主要负责人 as the people register shows it now: the active person whose
    position names the unit's head post (党组书记、局长 · 科长 · 党支部书记、馆长; never a 副),
    a 班子成员 first; a unit whose people hold no such post has none."""
    wanted = list(unit_ids)
    if not wanted:
        return {}
    best: dict[int, tuple[int, int]] = {}
    for pid, unit_id, position, leader in session.execute(
            select(Person.id, Person.unit_id, Person.position, Person.is_leader)
            .where(Person.unit_id.in_(wanted), Person.active).order_by(Person.id)):
        score = _head_score(position or "", bool(leader))
        if score >= 2 and score > best.get(unit_id, (0, 0))[0]:
            best[unit_id] = (score, pid)
    rows = {r.id: r for r in people_rows(session, [pid for _, pid in best.values()])}
    return {unit_id: rows[pid] for unit_id, (_, pid) in best.items() if pid in rows}
