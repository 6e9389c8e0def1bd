"""Figures of 问题线索, for the page, the report and 首页: clues by status, by the way handled and
by where the 办结 ones led, and the 函询 answers overdue (working days, holiday calendar)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.dictionaries import load_vocabulary
from app.registers.clues.query import awaiting_reply, conditions
from app.registers.clues.rules import CLOSED, HANDLING, RECEIVED, SHELVE
from app.registers.clues.types import ClueFigures, ClueFilter
from app.vocab import CLUE_OUTCOMES
from db.models import Clue


def clue_figures(session: Session, actor: Actor, filt: ClueFilter, today: dt.date) -> ClueFigures:
    """Counts of the clues matching `filt` that the actor sees (in SQL); overdue answers of
    those clues as of `today`."""
    where = conditions(session, actor, filt)
    by_status = dict(session.execute(select(Clue.status, func.count()).where(*where).group_by(Clue.status)).all())
    shelved = session.scalar(select(func.count()).select_from(Clue).where(
        *where, Clue.status != CLOSED, Clue.way == SHELVE)) or 0
    vocab = load_vocabulary(session)
    ways = dict(session.execute(select(Clue.way, func.count()).where(*where, Clue.way != "").group_by(Clue.way)).all())
    by_way = tuple((e.code, e.label, int(ways.get(e.code, 0))) for e in vocab.entries("clue_way", include_inactive=True)
                   if ways.get(e.code) or e.active)
    outcomes = dict(session.execute(select(Clue.outcome, func.count()).where(*where, Clue.status == CLOSED)
                                    .group_by(Clue.outcome)).all())
    by_outcome = tuple((code, label, int(outcomes.get(code, 0))) for code, label in CLUE_OUTCOMES.items())
    matching = set(session.scalars(select(Clue.id).where(*where)))
    overdue = sum(1 for c in awaiting_reply(session, actor) if c.id in matching and c.reply_overdue(today))
    total = sum(int(n) for n in by_status.values())
    return ClueFigures(total, int(by_status.get(RECEIVED, 0)), int(by_status.get(HANDLING, 0)),
                       int(by_status.get(CLOSED, 0)), int(shelved), by_way, by_outcome, overdue)
