"""The tracking of reports up the line: for a year and a kind, each period's due date and, per
责任单位, what arrived and when (late after the due date); the periods due around a day (首页)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.registers.duty_reports.query import conditions
from app.registers.duty_reports.rules import due_date, periods_of
from app.registers.duty_reports.types import (
    HALF_YEAR,
    INFO,
    RESEARCH,
    Cell,
    DutyReportFilter,
    PeriodStatus,
    TrackedUnit,
    Tracking,
)
from app.registers.pledges.query import responsible_units
from app.settings import Settings
from db.models import DutyReport

KINDS = (HALF_YEAR, INFO, RESEARCH)


def tracking(session: Session, actor: Actor, year: int, kind: str, today: dt.date, settings: Settings,
             unit_id: int | None = None) -> Tracking:
    """The year's reports of `kind` against the year's 责任单位 the actor sees (one unit, when
    given): per period its due date, how many units sent something and who has not."""
    units = [u for u in responsible_units(session, actor, year) if unit_id is None or u.id == unit_id]
    where = conditions(session, actor, DutyReportFilter(year=year, kind=kind))
    found: dict[tuple[int, int], tuple[int, dt.date]] = {
        (uid, period): (int(n), first) for uid, period, n, first in session.execute(
            select(DutyReport.unit_id, DutyReport.period, func.count(), func.min(DutyReport.received_on))
            .where(*where).group_by(DutyReport.unit_id, DutyReport.period))}
    periods = []
    dues = {p: due_date(kind, year, p, settings) for p in periods_of(kind)}
    rows = []
    for unit in units:
        cells = {p: Cell(n, first, first > dues[p]) for (uid, p), (n, first) in found.items() if uid == unit.id}
        rows.append(TrackedUnit(unit.id, unit.name, cells))
    for period, due in dues.items():
        missing = tuple(r.unit_name for r in rows if period not in r.cells)
        periods.append(PeriodStatus(kind, year, period, due, len(rows), len(rows) - len(missing), missing))
    return Tracking(kind, year, today, tuple(periods), tuple(rows))


def periods_due(session: Session, actor: Actor, today: dt.date, settings: Settings,
                back_days: int = 62, unit_id: int | None = None) -> list[PeriodStatus]:
    """Periods of every kind whose due date lies from `back_days` ago to `due_soon_days` ahead
    and from which some 责任单位 the actor sees (or `unit_id`) has sent nothing yet (首页's
    reminders)."""
    found = []
    for year in (today.year - 1, today.year):
        for kind in KINDS:
            for status in tracking(session, actor, year, kind, today, settings, unit_id).periods:
                ahead = (status.due - today).days
                if -back_days <= ahead <= settings.due_soon_days and status.missing:
                    found.append(status)
    return sorted(found, key=lambda s: (s.due, s.kind))
