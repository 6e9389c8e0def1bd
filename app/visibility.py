"""What a user may read: one rule, for every read path.

A user limited to some units (`Actor.unit_ids`) reads the records of those units only; everyone
else reads everything. A record belongs to the units its register declares below — a person to
their unit, a finding to where it was found and to its 责任单位, a talk to its 被谈话人's units
(at the time), an inspection to the units it inspected (none listed: the whole system) — and a
record with several units is readable when any of them is the user's. Workspace-wide data
(dictionaries, holidays, settings) belongs to no unit and is readable by all.

Every query that reads a register's rows for an actor adds `readable(actor, Model)` to its WHERE
(or `unit_rule(actor, column…)` where it reads through another table); a filter chosen by the
user (`--unit`, the 单位 box) is checked with `require_readable_unit`. A new register declares its
main table in RULES — one line — and `tests/unit/test_read_scope.py` fails until it does (every
table naming a unit is declared or exempted), and walks its read functions as a unit-limited
clerk on the demo.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true
from sqlalchemy.orm import Session, aliased

from app.auth import Actor
from app.errors import PermissionDenied
from db.models import (
    Base,
    CeremonyReport,
    Clue,
    ClueSubject,
    DutyReport,
    EducationParticipant,
    EducationSession,
    Finding,
    Inspection,
    LeaderReport,
    LedgerEntry,
    OpinionReply,
    Person,
    Pledge,
    PositionChange,
    RiskAssessment,
    RiskLevelChange,
    RiskPoint,
    Sanction,
    Study,
    Talk,
    TalkParticipant,
    Unit,
    UnitAssessment,
    inspection_units,
)

Units = frozenset[int]


def readable_units(actor: Actor) -> Units | None:
    """The units the actor reads; None = every unit."""
    return actor.unit_ids


def is_limited(actor: Actor) -> bool:
    return actor.unit_ids is not None


def may_read_unit(actor: Actor, unit_id: int | None) -> bool:
    """A unit-limited user reads their own units only (a record of no unit is workspace-wide
    only where the register says so, so None is not theirs)."""
    return actor.unit_ids is None or (unit_id is not None and unit_id in actor.unit_ids)


def may_read_any(actor: Actor, unit_ids: object) -> bool:
    """A record of several units: readable when any of them is the actor's."""
    return actor.unit_ids is None or any(u in actor.unit_ids for u in unit_ids)  # type: ignore[attr-defined]


def require_readable_unit(actor: Actor, unit_id: int | None, unit_name: str = "", *,
                          session: Session | None = None) -> None:
    """A unit chosen as a filter or a report's subject must be one of the actor's (named in the
    refusal: `unit_name`, else looked up in `session`)."""
    if not may_read_unit(actor, unit_id):
        if not unit_name and session is not None and unit_id is not None:
            unit_name = session.scalar(select(Unit.name).where(Unit.id == unit_id)) or ""
        raise PermissionDenied(f"当前用户只能查看指定单位的记录，无权查看“{unit_name or unit_id}”的记录。")


def unit_rule(actor: Actor, *columns: Any) -> ColumnElement[bool]:
    """Any of the unit `columns` is one of the actor's (a NULL matches none); TRUE when unlimited."""
    if actor.unit_ids is None:
        return true()
    units = sorted(actor.unit_ids)
    if not units:
        return false()
    return or_(*(column.in_(units) for column in columns))


def _talk(units: list[int]) -> ColumnElement[bool]:
    talkee = aliased(TalkParticipant)
    return exists().where(talkee.talk_id == Talk.id, talkee.role == "talkee", talkee.unit_id.in_(units))


def _inspection(units: list[int]) -> ColumnElement[bool]:
    listed = exists().where(inspection_units.c.inspection_id == Inspection.id)
    mine = exists().where(inspection_units.c.inspection_id == Inspection.id, inspection_units.c.unit_id.in_(units))
    return or_(~listed, mine)  # none listed: the whole system, theirs too


def _education(units: list[int]) -> ColumnElement[bool]:
    attendee = aliased(EducationParticipant)
    took_part = exists().where(attendee.session_id == EducationSession.id, attendee.unit_id.in_(units))
    return or_(EducationSession.organiser_id.in_(units), took_part)


def _point_of(units: list[int]) -> Any:
    return select(RiskPoint.id).where(RiskPoint.unit_id.in_(units))


# table → the condition "this row is of one of `units`" (a sorted list of unit ids).
RULES: dict[str, Callable[[list[int]], ColumnElement[bool]]] = {
    "units": lambda u: Unit.id.in_(u),
    "people": lambda u: Person.unit_id.in_(u),
    "position_changes": lambda u: or_(PositionChange.from_unit_id.in_(u), PositionChange.to_unit_id.in_(u)),
    "risk_points": lambda u: RiskPoint.unit_id.in_(u),
    "risk_assessments": lambda u: RiskAssessment.risk_point_id.in_(_point_of(u)),
    "risk_level_changes": lambda u: RiskLevelChange.risk_point_id.in_(_point_of(u)),
    "inspections": _inspection,
    "findings": lambda u: or_(Finding.unit_id.in_(u), Finding.resp_unit_id.in_(u)),
    "talks": _talk,
    "ledger_entries": lambda u: LedgerEntry.unit_id.in_(u),
    "ceremony_reports": lambda u: CeremonyReport.unit_id.in_(u),
    # A clue: the unit it concerns and the units of the people it names.
    "clues": lambda u: or_(Clue.unit_id.in_(u), Clue.id.in_(select(ClueSubject.clue_id).where(ClueSubject.unit_id.in_(u)))),
    "sanctions": lambda u: Sanction.unit_id.in_(u),
    # A reply is about a person: the unit they are in now.
    "opinion_replies": lambda u: OpinionReply.person_id.in_(select(Person.id).where(Person.unit_id.in_(u))),
    # 主体责任: the unit that signs, is studied by its 班子 (the 党组's own: no unit's), is assessed,
    # reports; a 述职述廉 the leader's unit at the time. 廉政教育: the organiser and the units of
    # those who took part (at the time).
    "pledges": lambda u: Pledge.unit_id.in_(u),
    "studies": lambda u: Study.unit_id.in_(u),
    "unit_assessments": lambda u: UnitAssessment.unit_id.in_(u),
    "leader_reports": lambda u: LeaderReport.unit_id.in_(u),
    "duty_reports": lambda u: DutyReport.unit_id.in_(u),
    "education_sessions": _education,
}

# Tables that name a unit but are no register of their own, with why (the walking test checks
# that every table with a unit column is in RULES or here).
NOT_RULED: dict[str, str] = {
    "users": "accounts: 管理员 only (系统管理 › 用户)",
    "user_units": "a user's unit limits: 管理员 only",
    "talk_participants": "read with their talk (RULES['talks'])",
    "inspection_units": "read with their inspection (RULES['inspections'])",
    "clue_people": "read with their clue (RULES['clues'])",
    "education_participants": "read with their session (RULES['education_sessions'])",
}


def readable(actor: Actor, model: Any) -> ColumnElement[bool]:
    """The WHERE condition "the actor may read this row of `model`" (a mapped class or a table
    name declared in RULES); TRUE for a user of every unit."""
    name = model if isinstance(model, str) else model.__tablename__
    rule = RULES[name]
    if actor.unit_ids is None:
        return true()
    units = sorted(actor.unit_ids)
    return rule(units) if units else false()


def readable_all(actor: Actor, *models: Any) -> ColumnElement[bool]:
    return and_(*(readable(actor, m) for m in models))


def readable_ids(session: Session, actor: Actor, table: str, ids: Iterable[object]) -> set[str]:
    """Which of `ids` (of a table in RULES; for another table: all for a user of every unit,
    none for a unit-limited one) the actor may read, as text — for lists that name records by
    table and id as the audit trail does (corrections)."""
    wanted = [str(i) for i in ids]
    if actor.unit_ids is None:
        return set(wanted)
    if table not in RULES or not wanted:
        return set()
    model = next(m.class_ for m in Base.registry.mappers if m.local_table.name == table)
    (pk,) = model.__table__.primary_key.columns
    typed = [int(i) for i in wanted if i.isdigit()]
    return {str(i) for i in session.scalars(select(pk).where(pk.in_(typed), readable(actor, model)))}
