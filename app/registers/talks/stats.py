"""Talk statistics (DESIGN "Definitions"): 次 = talk records; 人次 = talkees summed over records.

A collective talk with five talkees is 1 次 and 5 人次. Per unit, a talk counts once (1 次) for
each unit one of its talkees belonged to at the time, and each talkee counts in their own unit
(人次); so the per-unit 次 may sum to more than the total when a collective talk spans units.
Talkees outside the people register are counted under OUTSIDERS. Routine talks are never a
first-form figure: those live in the ledger's statistics.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import distinct, extract, func, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.dictionaries import load_vocabulary
from app.registers.talks.query import talk_conditions
from app.registers.talks.types import TALKEE, TALKER, TalkFilter
from app.registers.units.query import descendant_unit_ids
from app.registers.units.types import UNIT_KIND_ORDER
from app.visibility import readable, unit_rule
from db.models import Person, Talk, TalkParticipant, Unit

OUTSIDERS = "名册外人员"


@dataclass(frozen=True)
class Counts:
    times: int   # 次
    people: int  # 人次


@dataclass(frozen=True)
class MonthlyStats:
    """A year's talks per month (1–12) and type: cells[(month, kind)] = Counts."""

    year: int
    kinds: tuple[tuple[str, str], ...]       # (code, label) in dictionary order
    cells: dict[tuple[int, str], Counts]

    def month_total(self, month: int) -> Counts:
        found = [c for (m, _), c in self.cells.items() if m == month]
        return Counts(sum(c.times for c in found), sum(c.people for c in found))

    def kind_total(self, kind: str) -> Counts:
        found = [c for (_, k), c in self.cells.items() if k == kind]
        return Counts(sum(c.times for c in found), sum(c.people for c in found))

    @property
    def total(self) -> Counts:
        return Counts(sum(c.times for c in self.cells.values()),
                      sum(c.people for c in self.cells.values()))


@dataclass(frozen=True)
class UnitStats:
    unit_id: int | None    # None: talkees outside the people register
    unit_name: str
    times: int             # 次: talks with a talkee of this unit
    people: int            # 人次: this unit's talkees summed over talks
    by_kind: dict[str, int]  # 人次 per talk type


def _talkee_conditions(session: Session, actor: Actor, unit_id: int | None) -> list:
    """Which talkees count: those of the actor's units (unit-limited users) and of the unit."""
    conditions: list = [TalkParticipant.role == TALKEE]
    conditions.append(unit_rule(actor, TalkParticipant.unit_id))
    if unit_id is not None:
        conditions.append(TalkParticipant.unit_id.in_(descendant_unit_ids(session, unit_id)))
    return conditions


def talk_counts(session: Session, actor: Actor, start: dt.date, end: dt.date,
                kinds: tuple[str, ...] = (), unit_id: int | None = None) -> Counts:
    """次 and 人次 of talks dated within [start, end] (of `kinds`, when given; of a unit and
    those below it, when given) — e.g. 首页's “talks this month”."""
    filt = TalkFilter(start=start, end=end, unit_id=unit_id)
    conditions = talk_conditions(session, actor, filt)
    if kinds:
        conditions.append(Talk.kind.in_(kinds))
    times = session.scalar(select(func.count()).select_from(Talk).where(*conditions))
    people = session.scalar(
        select(func.count(TalkParticipant.id)).join(Talk, TalkParticipant.talk_id == Talk.id)
        .where(*conditions, *_talkee_conditions(session, actor, unit_id)))
    return Counts(times or 0, people or 0)


def monthly_stats(session: Session, actor: Actor, year: int, unit_id: int | None = None) -> MonthlyStats:
    """次 and 人次 per month and talk type for `year` (optionally of one unit and those below)."""
    vocab = load_vocabulary(session)
    conditions = talk_conditions(session, actor, TalkFilter(year=year, unit_id=unit_id))
    month = extract("month", Talk.talk_date)
    times = session.execute(select(month, Talk.kind, func.count(distinct(Talk.id)))
                            .where(*conditions).group_by(month, Talk.kind)).all()
    people = dict(((int(m), k), n) for m, k, n in session.execute(
        select(month, Talk.kind, func.count(TalkParticipant.id))
        .join(Talk, TalkParticipant.talk_id == Talk.id)
        .where(*conditions, *_talkee_conditions(session, actor, unit_id))
        .group_by(month, Talk.kind)).all())
    cells = {(int(m), k): Counts(n, people.get((int(m), k), 0)) for m, k, n in times}
    used = {k for _, k in cells}
    entries = vocab.entries("talk_type", include_inactive=True)
    kinds = [(e.code, e.label) for e in entries if e.active or e.code in used]
    kinds += [(k, k) for k in sorted(used - {e.code for e in entries})]
    return MonthlyStats(year, tuple(kinds), cells)


def unit_stats(session: Session, actor: Actor, start: dt.date | None = None,
               end: dt.date | None = None, kinds: tuple[str, ...] = ()) -> list[UnitStats]:
    """次 and 人次 per talkee unit (at the time of the talk) for talks within [start, end], in the
    units' display order, outsiders last; units without talks are left out."""
    conditions = talk_conditions(session, actor, TalkFilter(start=start, end=end))
    if kinds:
        conditions.append(Talk.kind.in_(kinds))
    rows = session.execute(
        select(TalkParticipant.unit_id, Talk.kind, func.count(TalkParticipant.id),
               func.count(distinct(Talk.id)))
        .join(Talk, TalkParticipant.talk_id == Talk.id)
        .where(*conditions, *_talkee_conditions(session, actor, None))
        .group_by(TalkParticipant.unit_id, Talk.kind)).all()
    times = dict(session.execute(
        select(TalkParticipant.unit_id, func.count(distinct(Talk.id)))
        .join(Talk, TalkParticipant.talk_id == Talk.id)
        .where(*conditions, *_talkee_conditions(session, actor, None))
        .group_by(TalkParticipant.unit_id)).all())
    units = {u.id: u for u in session.scalars(select(Unit))}
    people: dict[int | None, int] = {}
    by_kind: dict[int | None, dict[str, int]] = {}
    for unit_id, kind, n_people, _ in rows:
        people[unit_id] = people.get(unit_id, 0) + n_people
        by_kind.setdefault(unit_id, {})[kind] = n_people

    def order(unit_id: int | None) -> tuple:
        unit = units.get(unit_id) if unit_id is not None else None
        if unit is None:
            return (99, 0, "")
        return (UNIT_KIND_ORDER.get(unit.kind, 9), unit.sort_order, unit.name)

    return [UnitStats(uid, units[uid].name if uid in units else OUTSIDERS, times.get(uid, 0),
                      people[uid], by_kind[uid])
            for uid in sorted(people, key=order)]


# ---- 谈心谈话 coverage --------------------------------------------------------------------------

HEART_KIND = "heart"


@dataclass(frozen=True)
class UnitCoverage:
    unit_id: int
    unit_name: str
    people: int          # active people on the roster now
    covered: int         # of them, those who were 被谈话人 in a 谈心谈话 of the period

    @property
    def rate(self) -> float | None:
        return self.covered / self.people if self.people else None


@dataclass(frozen=True)
class Coverage:
    """谈心谈话 coverage of a period: who of the people on the roster (active now, in the actor's
    units) took part in at least one 谈心谈话 (as 被谈话人, or as 谈话人: a 谈心 is a conversation
    of two) — per unit, and the names of those who had none."""

    start: dt.date
    end: dt.date
    units: tuple[UnitCoverage, ...]
    uncovered: tuple[tuple[int, str, str, str], ...]   # (person id, name, unit, position)

    @property
    def people(self) -> int:
        return sum(u.people for u in self.units)

    @property
    def covered(self) -> int:
        return sum(u.covered for u in self.units)

    @property
    def rate(self) -> float | None:
        return self.covered / self.people if self.people else None


def heart_talk_coverage(session: Session, actor: Actor, start: dt.date, end: dt.date,
                        unit_id: int | None = None) -> Coverage:
    """谈心谈话 coverage of [start, end] (a year: the seed's 谈心谈话 with every member at least
    once a year): the active people of the actor's units (and of `unit_id` with the units below
    it), each counted in their unit now, covered when they took part in a 谈心谈话 dated in the
    period, whatever their unit then. Units in display order; the uncovered by unit."""
    people = select(Person.id, Person.name, Person.position, Person.unit_id).where(Person.active,
                                                                                   readable(actor, Person))
    if unit_id is not None:
        people = people.where(Person.unit_id.in_(descendant_unit_ids(session, unit_id)))
    roster = session.execute(people).all()
    talked = set(session.scalars(
        select(TalkParticipant.person_id).distinct().join(Talk, TalkParticipant.talk_id == Talk.id)
        .where(TalkParticipant.role.in_((TALKEE, TALKER)), TalkParticipant.person_id.is_not(None),
               Talk.kind == HEART_KIND, Talk.talk_date.between(start, end))))
    units = {u.id: u for u in session.scalars(select(Unit))}
    counts: dict[int, list[int]] = {}
    uncovered = []
    for pid, name, position, uid in roster:
        entry = counts.setdefault(uid, [0, 0])
        entry[0] += 1
        if pid in talked:
            entry[1] += 1
        else:
            uncovered.append((uid, pid, name, position))

    def order(uid: int) -> tuple:
        unit = units[uid]
        return (UNIT_KIND_ORDER.get(unit.kind, 9), unit.sort_order, unit.name)

    ordered = sorted(counts, key=order)
    rank = {uid: n for n, uid in enumerate(ordered)}
    return Coverage(start, end, tuple(UnitCoverage(uid, units[uid].name, *counts[uid]) for uid in ordered),
                    tuple((pid, name, units[uid].name, position)
                          for uid, pid, name, position in sorted(uncovered, key=lambda u: (rank[u[0]], u[2]))))
