"""Monthly coverage: the 工作作风纪律检查 of each month of a year (the plan's 1–2 a month),
for the page, 首页 and the report."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.registers.inspections.query import _query
from app.registers.inspections.types import STYLE_CHECK, InspectionFilter
from db.models import Inspection


@dataclass(frozen=True)
class MonthCoverage:
    month: int
    count: int
    state: str  # "ok" · "missing" (a past month with none) · "current" (this month, none yet) · "future"

    @property
    def flagged(self) -> bool:
        return self.state == "missing"


@dataclass(frozen=True)
class YearCoverage:
    year: int
    months: tuple[MonthCoverage, ...]

    @property
    def missing_months(self) -> list[int]:
        return [m.month for m in self.months if m.flagged]


def inspections_per_month(session: Session, actor: Actor, year: int,
                          kind: str | None = STYLE_CHECK) -> list[int]:
    """Twelve counts (January first) of the inspections of `kind` (None = every kind) the
    actor sees, dated in each month of `year`."""
    filt = InspectionFilter(year=year, kind=kind or "")
    ids = _query(session, actor, filt).subquery()
    month = extract("month", Inspection.inspected_on)
    counts = dict(session.execute(
        select(month, func.count()).where(Inspection.id.in_(select(ids.c.id))).group_by(month)).all())
    return [int(counts.get(m, 0)) for m in range(1, 13)]


def monthly_coverage(session: Session, actor: Actor, year: int, today: dt.date) -> YearCoverage:
    """DESIGN "monthly coverage": each month's 工作作风纪律检查 count. A month that has ended
    with none is flagged ("missing"); the current month without one yet is "current"."""
    counts = inspections_per_month(session, actor, year, STYLE_CHECK)
    months = []
    for month, count in enumerate(counts, start=1):
        first = dt.date(year, month, 1)
        if count:
            state = "ok"
        elif first > today:
            state = "future"
        elif (year, month) == (today.year, today.month):
            state = "current"
        else:
            state = "missing"
        months.append(MonthCoverage(month, count, state))
    return YearCoverage(year, tuple(months))


def coverage_years(session: Session, actor: Actor, today: dt.date, count: int = 3) -> list[YearCoverage]:
    """The coverage of the last `count` years up to today's, newest first."""
    return [monthly_coverage(session, actor, today.year - n, today) for n in range(count)]

