"""Reading 廉政教育: the filter in SQL (a unit-limited user sees the sessions their units organised
or took part in), rows by id with their participants, the years on record, a person's sessions."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import exists, extract, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.auth import Actor
from app.common import clean, like_any, ordered_by_ids
from app.dictionaries import load_vocabulary
from app.errors import NotFound
from app.registers.education.rules import BUREAU, WARNING_FORMS
from app.registers.education.types import ENTITY, EducationFilter, EducationRow
from app.registers.talks.types import ParticipantRow
from app.registers.units.query import descendant_unit_ids
from app.timeline import TimelineItem
from app.visibility import readable
from db.models import Attachment, DictItem, EducationParticipant, EducationSession, Unit

ROLE = "participant"  # ParticipantRow.role of everyone here


def _form_order():
    return (select(DictItem.sort_order).where(DictItem.domain == "education_form",
                                              DictItem.code == EducationSession.form)
            .correlate(EducationSession).scalar_subquery())


def _people_count():
    return (select(func.count(EducationParticipant.id)).where(EducationParticipant.session_id == EducationSession.id)
            .correlate(EducationSession).scalar_subquery())


SORT_KEYS = {"held_on": lambda: EducationSession.held_on, "form": _form_order,
             "theme": lambda: EducationSession.theme, "speaker": lambda: EducationSession.speaker,
             "people": _people_count, "organiser": lambda: EducationSession.organiser_id}


def _in_units(units: Sequence[int] | set[int]) -> object:
    """Organised by one of `units`, or with a participant of one of them (at the time)."""
    p = aliased(EducationParticipant)
    listed = sorted(units)
    return or_(EducationSession.organiser_id.in_(listed),
               exists().where(p.session_id == EducationSession.id, p.unit_id.in_(listed)).correlate(EducationSession))


def conditions(session: Session, actor: Actor, filt: EducationFilter) -> list:
    """The WHERE of `filt` and of the actor's units."""
    where: list = []
    where.append(readable(actor, EducationSession))
    if filt.year is not None:
        where.append(EducationSession.held_on.between(dt.date(filt.year, 1, 1), dt.date(filt.year, 12, 31)))
    if filt.start is not None:
        where.append(EducationSession.held_on >= filt.start)
    if filt.end is not None:
        where.append(EducationSession.held_on <= filt.end)
    if filt.form:
        where.append(EducationSession.form == filt.form)
    if filt.warning_only:
        where.append(EducationSession.form.in_(WARNING_FORMS))
    if filt.unit_id is not None:
        where.append(_in_units(descendant_unit_ids(session, filt.unit_id)))
    if filt.person_id is not None:
        person = filt.person_id
        where.append(EducationSession.id.in_(select(EducationParticipant.session_id)
                                             .where(EducationParticipant.person_id == person)))
    text = clean(filt.text)
    if text:
        named = select(EducationParticipant.session_id).where(like_any(text, EducationParticipant.name))
        where.append(or_(like_any(text, EducationSession.theme, EducationSession.case_text, EducationSession.speaker,
                                  EducationSession.place, EducationSession.content, EducationSession.notes),
                         EducationSession.id.in_(named)))
    return where


def search_session_ids(session: Session, actor: Actor, filt: EducationFilter, sort: str = "held_on",
                       descending: bool = True, *, limit: int | None = None) -> list[int]:
    """Ids of the sessions matching `filt` that the actor sees, sorted in SQL (newest first)."""
    column = SORT_KEYS.get(sort, SORT_KEYS["held_on"])()
    order = column.desc() if descending else column.asc()
    ties = ((EducationSession.held_on.desc(), EducationSession.id.desc()) if descending
            else (EducationSession.held_on, EducationSession.id))
    query = select(EducationSession.id).where(*conditions(session, actor, filt)).order_by(order, *ties).limit(limit)
    return list(session.scalars(query))


def session_rows(session: Session, ids: Sequence[int]) -> list[EducationRow]:
    """The rows of `ids` with their participants, in that order (plain column queries: a
    警示教育大会 holds hundreds of people)."""
    if not ids:
        return []
    vocab = load_vocabulary(session)
    people: dict[int, list[ParticipantRow]] = {}
    for sid, name, pid, unit_id, unit_name, position in session.execute(
            select(EducationParticipant.session_id, EducationParticipant.name, EducationParticipant.person_id,
                   EducationParticipant.unit_id, EducationParticipant.unit_name, EducationParticipant.position)
            .where(EducationParticipant.session_id.in_(ids))
            .order_by(EducationParticipant.session_id, EducationParticipant.seq)):
        people.setdefault(sid, []).append(ParticipantRow(ROLE, name, pid, unit_id, unit_name, position))
    files = dict(session.execute(select(Attachment.entity_id, func.count()).where(
        Attachment.entity == ENTITY, Attachment.entity_id.in_(ids)).group_by(Attachment.entity_id)).all())
    rows = [EducationRow(e.id, e.held_on, e.form, vocab.label("education_form", e.form), e.theme, e.case_text,
                         e.case_sanction_id, e.case_clue_id, e.organiser_id, organiser or BUREAU, e.place,
                         e.speaker, e.content, e.notes, tuple(people.get(e.id, ())), files.get(e.id, 0), e.version)
            for e, organiser in session.execute(
                select(EducationSession, Unit.name).outerjoin(Unit, EducationSession.organiser_id == Unit.id)
                .where(EducationSession.id.in_(ids)))]
    return ordered_by_ids(rows, ids)


def get_session(session: Session, session_id: int) -> EducationRow:
    rows = session_rows(session, [session_id])
    if not rows:
        raise NotFound("该廉政教育记录不存在（可能已被删除）。")
    return rows[0]


def education_years(session: Session) -> list[int]:
    """Years that hold sessions, newest first."""
    years = {int(y) for (y,) in session.execute(select(extract("year", EducationSession.held_on)).distinct()) if y}
    return sorted(years, reverse=True)


def recent_speakers(session: Session, limit: int = 20) -> list[str]:
    """主讲人 of earlier sessions, most often first (the form's completions)."""
    count = func.count()
    return list(session.scalars(select(EducationSession.speaker).where(EducationSession.speaker != "")
                                .group_by(EducationSession.speaker).order_by(count.desc(), EducationSession.speaker)
                                .limit(limit)))


def sessions_of_person(session: Session, actor: Actor, person_id: int, start: dt.date | None = None,
                       end: dt.date | None = None) -> list[EducationRow]:
    """The sessions the person took part in that the actor may read, oldest first."""
    query = (select(EducationSession.id).join(EducationParticipant, EducationParticipant.session_id == EducationSession.id)
             .where(EducationParticipant.person_id == person_id, readable(actor, EducationSession)))
    if start is not None:
        query = query.where(EducationSession.held_on >= start)
    if end is not None:
        query = query.where(EducationSession.held_on <= end)
    return session_rows(session, list(session.scalars(query.order_by(EducationSession.held_on, EducationSession.id))))


def education_timeline_items(session: Session, actor: Actor, person_id: int) -> list[TimelineItem]:
    """The person's timeline: the sessions they took part in."""
    return [TimelineItem(r.held_on, "education", r.form_label,
                         f"参加{r.organiser_name}组织的“{r.theme}”" + (f"（主讲：{r.speaker}）" if r.speaker else ""), r.id)
            for r in sessions_of_person(session, actor, person_id)]
