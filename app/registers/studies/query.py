"""Reading 专题研究: the filter in SQL (a unit-limited user sees their units' 班子 studies; the
党组's own belong to no unit), rows by id, the years on record."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.common import clean, like_any, ordered_by_ids
from app.dictionaries import load_vocabulary
from app.errors import NotFound
from app.registers.studies.types import ENTITY, PARTY_GROUP, StudyFilter, StudyRow
from app.registers.units.query import descendant_unit_ids
from app.visibility import readable
from db.models import Attachment, Study, Unit

SORT_KEYS = {"held_on": Study.held_on, "meeting": Study.meeting, "reporter": Study.reporter,
             "presided": Study.presided, "unit": Study.unit_id}


def conditions(session: Session, actor: Actor, filt: StudyFilter) -> list:
    """The WHERE of `filt` and of the actor's units."""
    where: list = []
    where.append(readable(actor, Study))
    if filt.year is not None:
        where.append(Study.held_on.between(dt.date(filt.year, 1, 1), dt.date(filt.year, 12, 31)))
    if filt.start is not None:
        where.append(Study.held_on >= filt.start)
    if filt.end is not None:
        where.append(Study.held_on <= filt.end)
    if filt.party_only:
        where.append(Study.unit_id.is_(None))
    elif filt.unit_id is not None:
        where.append(Study.unit_id.in_(descendant_unit_ids(session, filt.unit_id)))
    if filt.meeting:
        where.append(Study.meeting == filt.meeting)
    text = clean(filt.text)
    if text:
        where.append(like_any(text, Study.topics, Study.reporter, Study.presided, Study.decisions,
                               Study.attendees, Study.notes))
    return where


def search_study_ids(session: Session, actor: Actor, filt: StudyFilter, sort: str = "held_on",
                     descending: bool = True, *, limit: int | None = None) -> list[int]:
    """Ids of the studies matching `filt` that the actor sees, sorted in SQL (newest first)."""
    column = SORT_KEYS.get(sort, Study.held_on)
    order = column.desc() if descending else column.asc()
    ties = (Study.held_on.desc(), Study.id.desc()) if descending else (Study.held_on, Study.id)
    query = select(Study.id).where(*conditions(session, actor, filt)).order_by(order, *ties).limit(limit)
    return list(session.scalars(query))


def study_rows(session: Session, ids: Sequence[int]) -> list[StudyRow]:
    """The rows of `ids`, in that order."""
    if not ids:
        return []
    vocab = load_vocabulary(session)
    files = dict(session.execute(select(Attachment.entity_id, func.count()).where(
        Attachment.entity == ENTITY, Attachment.entity_id.in_(ids)).group_by(Attachment.entity_id)).all())
    rows = [StudyRow(s.id, s.held_on, s.meeting, vocab.label("study_meeting", s.meeting), s.unit_id,
                     unit_name or PARTY_GROUP, s.topics, s.presided, s.reporter, s.attendees, s.decisions,
                     s.notes, files.get(s.id, 0), s.version)
            for s, unit_name in session.execute(select(Study, Unit.name).outerjoin(Unit, Study.unit_id == Unit.id)
                                                .where(Study.id.in_(ids)))]
    return ordered_by_ids(rows, ids)


def get_study(session: Session, study_id: int) -> StudyRow:
    rows = study_rows(session, [study_id])
    if not rows:
        raise NotFound("该专题研究记录不存在（可能已被删除）。")
    return rows[0]


def study_years(session: Session) -> list[int]:
    """Years that hold studies, newest first."""
    years = {int(y) for (y,) in session.execute(select(extract("year", Study.held_on)).distinct()) if y}
    return sorted(years, reverse=True)


def recent_people(session: Session, limit: int = 20) -> list[str]:
    """Who presided or reported before, most often first (the form's completions)."""
    found: dict[str, int] = {}
    for column in (Study.presided, Study.reporter):
        for name, n in session.execute(select(column, func.count()).where(column != "").group_by(column)):
            found[name] = found.get(name, 0) + n
    return [name for name, _ in sorted(found.items(), key=lambda x: (-x[1], x[0]))][:limit]


