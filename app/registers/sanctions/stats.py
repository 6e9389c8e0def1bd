"""Figures of 处分与组织处理, for the page, the report and 首页: records by kind and by form
(第二种形态 by kind is what the report asks), and those in their 影响期 on a day.

诫勉 records are made by ledger entries: the ledger counts them (第一种形态 人次), so these
figures leave them out unless asked (`with_admonish`), and a 诫勉 is never counted twice."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.dictionaries import load_vocabulary
from app.registers.sanctions.query import conditions, sanction_rows
from app.registers.sanctions.rules import ADMONISH
from app.registers.sanctions.types import (
    KindCount,
    SanctionFigures,
    SanctionFilter,
    SanctionRow,
)
from db.models import Sanction


def sanction_figures(session: Session, actor: Actor, filt: SanctionFilter, day: dt.date, *,
                     with_admonish: bool = False) -> SanctionFigures:
    """Counts of the records matching `filt` that the actor sees: by kind (most first, then the
    dictionary's order), by form, and how many are in their 影响期 on `day`; in SQL."""
    where = conditions(session, actor, filt)
    if not with_admonish and filt.kind != ADMONISH:
        where.append(Sanction.kind != ADMONISH)
    vocab = load_vocabulary(session)
    order = {e.code: i for i, e in enumerate(vocab.entries("sanction_kind", include_inactive=True))}
    kinds = []
    for code, n in session.execute(select(Sanction.kind, func.count()).where(*where).group_by(Sanction.kind)):
        entry = vocab.entry("sanction_kind", code)
        kinds.append(KindCount(code, vocab.label("sanction_kind", code), entry.family if entry else "",
                               entry.form if entry else None, int(n)))
    kinds.sort(key=lambda k: (-k.count, order.get(k.code, 999)))
    by_form: dict[int, int] = {}
    for k in kinds:
        if k.form:
            by_form[k.form] = by_form.get(k.form, 0) + k.count
    effective = session.scalar(select(func.count()).select_from(Sanction).where(
        *where, Sanction.decided_on <= day, Sanction.impact_end >= day)) or 0
    return SanctionFigures(sum(k.count for k in kinds), by_form, tuple(kinds), int(effective))


def impact_ending(session: Session, actor: Actor, start: dt.date, end: dt.date) -> list[SanctionRow]:
    """Records (诫勉 left to the ledger's own reminder) whose 影响期 ends within [start, end],
    soonest first."""
    where = conditions(session, actor, SanctionFilter())
    ids = session.scalars(select(Sanction.id).where(*where, Sanction.kind != ADMONISH,
                                                    Sanction.impact_end.between(start, end))
                          .order_by(Sanction.impact_end, Sanction.id))
    return sanction_rows(session, list(ids))
