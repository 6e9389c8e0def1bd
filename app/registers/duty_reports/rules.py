"""When each report up the line is due (the seed's 五(一): 每半年向党组报告1次, 每月至少报送1篇信息,
每年报送1篇调研报告). Pure rules: no session; the day counts come from settings."""
from __future__ import annotations

import calendar
import datetime as dt

from app.registers.duty_reports.types import HALF_YEAR, INFO, RESEARCH
from app.settings import Settings, month_day


def periods_of(kind: str) -> tuple[int, ...]:
    if kind == HALF_YEAR:
        return (1, 2)
    if kind == INFO:
        return tuple(range(1, 13))
    return (0,)


def period_span(kind: str, year: int, period: int) -> tuple[dt.date, dt.date]:
    """The days a period covers."""
    if kind == HALF_YEAR:
        return (dt.date(year, 1, 1), dt.date(year, 6, 30)) if period == 1 else (dt.date(year, 7, 1), dt.date(year, 12, 31))
    if kind == INFO:
        return dt.date(year, period, 1), dt.date(year, period, calendar.monthrange(year, period)[1])
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def due_date(kind: str, year: int, period: int, settings: Settings) -> dt.date:
    """A half-year report `half_year_report_days` after its half ends; a month's 信息 by the
    month's last day; the 调研报告 by `research_report_due` of its year."""
    if kind == HALF_YEAR:
        return period_span(kind, year, period)[1] + dt.timedelta(days=settings.half_year_report_days)
    if kind == INFO:
        return period_span(kind, year, period)[1]
    return month_day(settings.research_report_due, year) or dt.date(year, 11, 30)


def valid_period(kind: str, period: int) -> bool:
    return kind in (HALF_YEAR, INFO, RESEARCH) and period in periods_of(kind)
