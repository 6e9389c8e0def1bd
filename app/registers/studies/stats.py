"""专题研究 figures: the 党组's studies of a year against the seed's minimum (首页, the page, the
report), and studies per unit's 班子."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.registers.studies.query import conditions, search_study_ids, study_rows
from app.registers.studies.rules import MIN_PER_YEAR
from app.registers.studies.types import StudyFilter, StudyRow, YearStudies
from db.models import Study


def party_year(session: Session, actor: Actor, year: int, until: dt.date | None = None) -> YearStudies:
    """The 党组's studies of `year` (up to `until`, when given) as the actor sees them (a
    unit-limited user sees none: the 党组's are no unit's)."""
    filt = StudyFilter(year=year, party_only=True, end=until)
    dates = tuple(session.scalars(select(Study.held_on).where(*conditions(session, actor, filt))
                                  .order_by(Study.held_on)))
    return YearStudies(year, len(dates), MIN_PER_YEAR, dates)


def studies_in(session: Session, actor: Actor, start: dt.date, end: dt.date,
               unit_id: int | None = None) -> list[StudyRow]:
    """The studies held within [start, end], oldest first: the 党组's and every unit's, or
    those of one unit (and the units below it)."""
    filt = StudyFilter(start=start, end=end, unit_id=unit_id)
    return study_rows(session, search_study_ids(session, actor, filt, "held_on", False))


def studies_by_unit(session: Session, actor: Actor, year: int) -> dict[int | None, int]:
    """Studies of `year` per studying unit (None: the 党组)."""
    where = conditions(session, actor, StudyFilter(year=year))
    return {uid: int(n) for uid, n in session.execute(
        select(Study.unit_id, func.count()).where(*where).group_by(Study.unit_id))}
