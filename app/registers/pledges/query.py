"""Reading 责任书: the filter in SQL (a unit-limited user sees their units' pledges), rows by id,
the years on record, a year's 责任单位, a person's pledges (廉政档案, timeline)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.common import clean, like_any, ordered_by_ids
from app.dictionaries import load_vocabulary
from app.errors import NotFound
from app.registers.pledges.types import ENTITY, PledgeFilter, PledgeRow
from app.registers.units.query import UNIT_ORDER_SQL, descendant_unit_ids
from app.timeline import TimelineItem
from app.visibility import readable
from db.models import Attachment, DictItem, Pledge, Unit

# The kinds of unit that carry the 主体责任 when a year has no list yet: 科室 and 直属单位.
RESPONSIBLE_KINDS = ("office", "affiliate")


def _level_order():
    return (select(DictItem.sort_order).where(DictItem.domain == "pledge_level", DictItem.code == Pledge.level)
            .correlate(Pledge).scalar_subquery())


SORT_KEYS = {
    "year": lambda: Pledge.year,
    "level": _level_order,
    "unit": lambda: UNIT_ORDER_SQL[0],
    "signer": lambda: Pledge.signer_name,
    "leader": lambda: Pledge.leader_name,
    "signed_on": lambda: Pledge.signed_on,
}


def conditions(session: Session, actor: Actor, filt: PledgeFilter) -> list:
    """The WHERE of `filt` and of the actor's units."""
    where: list = []
    where.append(readable(actor, Pledge))
    if filt.year is not None:
        where.append(Pledge.year == filt.year)
    if filt.level:
        where.append(Pledge.level == filt.level)
    if filt.unit_id is not None:
        where.append(Pledge.unit_id.in_(descendant_unit_ids(session, filt.unit_id)))
    if filt.signed is True:
        where.append(Pledge.signed_on.is_not(None))
    elif filt.signed is False:
        where.append(Pledge.signed_on.is_(None))
    if filt.person_id is not None:
        where.append(or_(Pledge.person_id == filt.person_id, Pledge.leader_id == filt.person_id))
    text = clean(filt.text)
    if text:
        named = select(Unit.id).where(like_any(text, Unit.name))
        where.append(or_(like_any(text, Pledge.signer_name, Pledge.position, Pledge.leader_name, Pledge.notes),
                         Pledge.unit_id.in_(named)))
    return where


def search_pledge_ids(session: Session, actor: Actor, filt: PledgeFilter, sort: str = "level",
                      descending: bool = False, *, limit: int | None = None) -> list[int]:
    """Ids of the pledges matching `filt` that the actor sees, sorted in SQL (by default the
    levels in the dictionary's order, then the newest year, the units in their order)."""
    column = SORT_KEYS.get(sort, SORT_KEYS["level"])()
    ties = (Pledge.year.desc(), _level_order(), *UNIT_ORDER_SQL, Pledge.person_id.is_not(None),
            Pledge.signer_name, Pledge.id)
    order = column.desc() if descending else column.asc()
    query = (select(Pledge.id).join(Unit, Pledge.unit_id == Unit.id)
             .where(*conditions(session, actor, filt)).order_by(order, *ties).limit(limit))
    return list(session.scalars(query))


def pledge_rows(session: Session, ids: Sequence[int]) -> list[PledgeRow]:
    """The rows of `ids`, in that order."""
    if not ids:
        return []
    vocab = load_vocabulary(session)
    files = dict(session.execute(select(Attachment.entity_id, func.count()).where(
        Attachment.entity == ENTITY, Attachment.entity_id.in_(ids)).group_by(Attachment.entity_id)).all())
    rows = [PledgeRow(p.id, p.year, p.level, vocab.label("pledge_level", p.level), p.unit_id, unit_name,
                      p.person_id, p.signer_name, p.position, p.leader_id, p.leader_name, p.signed_on,
                      p.notes, files.get(p.id, 0), p.version)
            for p, unit_name in session.execute(select(Pledge, Unit.name).join(Unit, Pledge.unit_id == Unit.id)
                                                .where(Pledge.id.in_(ids)))]
    return ordered_by_ids(rows, ids)


def get_pledge(session: Session, pledge_id: int) -> PledgeRow:
    rows = pledge_rows(session, [pledge_id])
    if not rows:
        raise NotFound("该责任书记录不存在（可能已被删除）。")
    return rows[0]


def pledge_years(session: Session) -> list[int]:
    """Years that hold pledges, newest first."""
    return sorted(session.scalars(select(Pledge.year).distinct()), reverse=True)


@dataclass(frozen=True)
class ResponsibleUnit:
    id: int
    name: str


def responsible_units(session: Session, actor: Actor, year: int) -> list[ResponsibleUnit]:
    """The year's 责任单位 the actor sees: the units that sign a unit pledge that year; a year
    without a list takes the latest earlier year's; none at all, the active 科室 and 直属单位.
    In the units' display order."""
    listed_year = session.scalar(select(func.max(Pledge.year)).where(
        Pledge.year <= year, Pledge.person_id.is_(None)))
    query = select(Unit.id, Unit.name)
    if listed_year is not None:
        query = query.where(Unit.id.in_(select(Pledge.unit_id).where(
            Pledge.year == listed_year, Pledge.person_id.is_(None))))
    else:
        query = query.where(Unit.active, Unit.kind.in_(RESPONSIBLE_KINDS))
    query = query.where(readable(actor, Unit))
    return [ResponsibleUnit(uid, name) for uid, name in session.execute(query.order_by(*UNIT_ORDER_SQL))]


def pledges_of_person(session: Session, actor: Actor, person_id: int, start=None, end=None) -> list[PledgeRow]:
    """Pledges the person signed or is the 责任领导 of that the actor may read, oldest first; a
    year counts when it overlaps [start, end]."""
    query = select(Pledge.id).where(or_(Pledge.person_id == person_id, Pledge.leader_id == person_id),
                                    readable(actor, Pledge))
    if start is not None:
        query = query.where(Pledge.year >= start.year)
    if end is not None:
        query = query.where(Pledge.year <= end.year)
    return pledge_rows(session, list(session.scalars(query.order_by(Pledge.year, Pledge.id))))


def pledge_timeline_items(session: Session, actor: Actor, person_id: int) -> list[TimelineItem]:
    """The person's timeline (app.registers.people.timeline): pledges signed, dated when signed."""
    items = []
    for row in pledges_of_person(session, actor, person_id):
        if row.signed_on is None:
            continue
        role = "签订" if row.person_id == person_id else "作为责任领导签订"
        items.append(TimelineItem(row.signed_on, "duty", "责任书",
                                  f"{role}{row.year}年党风廉政建设责任书（{row.level_label}·{row.unit_name}）", row.id))
    return items
