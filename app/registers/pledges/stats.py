"""责任书 figures: a year's pledges drawn up and signed, by level (the report's “n of m”, the
page's line under the table, 首页's reminder)."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.dictionaries import load_vocabulary
from app.registers.pledges.query import conditions
from app.registers.pledges.types import LevelCount, PledgeFigures, PledgeFilter
from db.models import Pledge


def pledge_figures(session: Session, actor: Actor, year: int, unit_id: int | None = None) -> PledgeFigures:
    """The actor's view of `year`'s pledges (of a unit and those below it, when given): listed
    and signed per level, in the dictionary's order (levels without pledges left out)."""
    where = conditions(session, actor, PledgeFilter(year=year, unit_id=unit_id))
    counts = {level: (int(listed), int(signed or 0)) for level, listed, signed in session.execute(
        select(Pledge.level, func.count(), func.count(Pledge.signed_on)).where(*where).group_by(Pledge.level))}
    vocab = load_vocabulary(session)
    levels = [(e.code, e.label) for e in vocab.entries("pledge_level", include_inactive=True)]
    levels += [(code, code) for code in counts if code not in {c for c, _ in levels}]
    return PledgeFigures(year, tuple(LevelCount(code, label, *counts[code]) for code, label in levels
                                     if code in counts))
