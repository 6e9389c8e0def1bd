"""廉政教育 figures (DESIGN's counting, as talks): 次 = sessions, 人次 = participants summed over
sessions, each in their unit of the time. A unit's figures count the sessions it organised or
took part in (次) and its own participants (人次); a unit-limited user's, their units' only.
Coverage: of the people on the register now, who took part in a session of the year — per unit,
and the list of those who have not."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.dictionaries import load_vocabulary
from app.registers.education.query import conditions
from app.registers.education.rules import WARNING_FORMS
from app.registers.education.types import (
    AbsentPerson,
    Coverage,
    EducationFigures,
    EducationFilter,
    FormCount,
    UnitCoverage,
)
from app.registers.units.query import UNIT_ORDER_SQL, descendant_unit_ids
from app.visibility import readable, unit_rule
from db.models import EducationParticipant, EducationSession, Person, Unit


def _participant_conditions(session: Session, actor: Actor, unit_id: int | None) -> list:
    where: list = [unit_rule(actor, EducationParticipant.unit_id)]
    if unit_id is not None:
        where.append(EducationParticipant.unit_id.in_(descendant_unit_ids(session, unit_id)))
    return where


def education_figures(session: Session, actor: Actor, start: dt.date, end: dt.date,
                      unit_id: int | None = None) -> EducationFigures:
    """次 and 人次 by form of the sessions held within [start, end]."""
    where = conditions(session, actor, EducationFilter(start=start, end=end, unit_id=unit_id))
    times = dict(session.execute(select(EducationSession.form, func.count()).where(*where)
                                 .group_by(EducationSession.form)).all())
    people = dict(session.execute(
        select(EducationSession.form, func.count(EducationParticipant.id))
        .join(EducationParticipant, EducationParticipant.session_id == EducationSession.id)
        .where(*where, *_participant_conditions(session, actor, unit_id)).group_by(EducationSession.form)).all())
    vocab = load_vocabulary(session)
    forms = [(e.code, e.label) for e in vocab.entries("education_form", include_inactive=True)]
    forms += [(code, code) for code in times if code not in {c for c, _ in forms}]
    by_form = tuple(FormCount(code, label, int(times[code]), int(people.get(code, 0)))
                    for code, label in forms if code in times)
    warning = [f for f in by_form if f.code in WARNING_FORMS]
    return EducationFigures(by_form, FormCount("warning", "警示教育", sum(f.times for f in warning),
                                               sum(f.people for f in warning)))


def coverage(session: Session, actor: Actor, year: int, unit_id: int | None = None) -> Coverage:
    """Per active unit the actor sees (of `unit_id` and below, when given), its active people,
    how many of them took part in a session of `year`, and the 人次 counted in it; and the
    people who have not taken part, by unit."""
    units_query = select(Unit.id, Unit.name).where(Unit.active, readable(actor, Unit))
    if unit_id is not None:
        units_query = units_query.where(Unit.id.in_(descendant_unit_ids(session, unit_id)))
    units = list(session.execute(units_query.order_by(*UNIT_ORDER_SQL)))
    wanted = [uid for uid, _ in units]
    in_year = EducationSession.held_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31))
    took_part = (select(EducationParticipant.person_id)
                 .join(EducationSession, EducationParticipant.session_id == EducationSession.id)
                 .where(in_year, EducationParticipant.person_id.is_not(None)))
    people = dict(session.execute(select(Person.unit_id, func.count()).where(
        Person.active, Person.unit_id.in_(wanted)).group_by(Person.unit_id)).all())
    present = dict(session.execute(select(Person.unit_id, func.count(distinct(Person.id))).where(
        Person.active, Person.unit_id.in_(wanted), Person.id.in_(took_part)).group_by(Person.unit_id)).all())
    times = dict(session.execute(
        select(EducationParticipant.unit_id, func.count(EducationParticipant.id))
        .join(EducationSession, EducationParticipant.session_id == EducationSession.id)
        .where(in_year, EducationParticipant.unit_id.in_(wanted)).group_by(EducationParticipant.unit_id)).all())
    rows = tuple(UnitCoverage(uid, name, int(people.get(uid, 0)), int(present.get(uid, 0)), int(times.get(uid, 0)))
                 for uid, name in units if people.get(uid))
    absent = tuple(AbsentPerson(pid, name, uid, unit_name, position, bool(leader), key_post)
                   for pid, name, uid, unit_name, position, leader, key_post in session.execute(
                       select(Person.id, Person.name, Unit.id, Unit.name, Person.position, Person.is_leader,
                              Person.key_post).join(Unit, Person.unit_id == Unit.id)
                       .where(Person.active, Person.unit_id.in_(wanted), Person.id.not_in(took_part))
                       .order_by(*UNIT_ORDER_SQL, Person.pinyin, Person.id)))
    return Coverage(year, rows, absent)
