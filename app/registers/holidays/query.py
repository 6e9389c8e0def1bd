"""Reading the holiday calendar: the arrangements entered, the work calendar of some years,
the festival reminders (keyed to the start of each 放假), a year's table, the years missing."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, func, select, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.orm import Session

from app.common import SharedWhileUnchanged
from app.errors import ValidationError
from app.registers.holidays.rules import (
    FESTIVAL_ORDER,
    FIRST_YEAR,
    LAST_YEAR,
    WorkCalendar,
    festival_day,
)
from app.registers.holidays.types import (
    Arrangement,
    FestivalReminder,
    FestivalYearRow,
    HolidayYear,
)
from app.vocab import FESTIVALS
from db.models import HolidayArrangement, HolidayWorkday


def arrangements(session: Session, year: int) -> list[Arrangement]:
    """The year's arrangement for every festival: entered ones, else the computed festival day."""
    entered = {a.festival: a for a in session.scalars(
        select(HolidayArrangement).where(HolidayArrangement.year == year))}
    found = []
    for festival in FESTIVAL_ORDER:
        row = entered.get(festival)
        if row is not None:
            found.append(Arrangement(row.id, year, festival, row.first_day, row.last_day,
                                     row.source, row.version))
        elif FIRST_YEAR <= year <= LAST_YEAR:
            day = festival_day(festival, year)
            found.append(Arrangement(None, year, festival, day, day, "computed"))
    return found


def work_calendar(session: Session, years: range | list[int]) -> WorkCalendar:
    holidays: set[dt.date] = set()
    for year in years:
        for a in arrangements(session, year):
            if a.source != "computed":
                holidays.update(a.first_day + dt.timedelta(days=i)
                                for i in range((a.last_day - a.first_day).days + 1))
    workdays = set(session.scalars(select(HolidayWorkday.day)))
    return WorkCalendar(holidays, workdays)


def calendar_for(session: Session) -> WorkCalendar:
    """The working-day calendar for counting around any days: the whole 放假/调休 table (a span
    between two days years apart counts every year between), the same days as `work_calendar`.

    Read once and shared between sessions while the tables' fingerprint holds (one aggregate
    statement, as app.dictionaries keeps the vocabulary): a page of 报备 rows asks for it each
    time and the table changes a few times a year. The fingerprint is taken after an autoflush,
    so a change in this session's unit of work (and `refresh_late` after it) reads the new table."""
    def read() -> WorkCalendar:
        connection = session.connection()
        holidays: set[dt.date] = set()
        for first, last in connection.execute(_RANGES):
            holidays.update(first + dt.timedelta(days=i) for i in range((last - first).days + 1))
        return WorkCalendar(holidays, set(connection.execute(_WORKDAYS).scalars()))

    return _SHARED.get(session, read)


class _DayNumber(FunctionElement):
    """A date as a whole number, for the fingerprint's sums: SQLite keeps a date as YYYY-MM-DD
    text (2026-02-14 → 20260214); PostgreSQL counts days since 1970 (whatever its DateStyle)."""

    type = BigInteger()
    name = "day_number"
    inherit_cache = True


@compiles(_DayNumber)
def _day_number_text(element: _DayNumber, compiler, **kw) -> str:  # noqa: ANN001
    return f"CAST(replace({compiler.process(element.clauses, **kw)}, '-', '') AS BIGINT)"


@compiles(_DayNumber, "postgresql")
def _day_number_days(element: _DayNumber, compiler, **kw) -> str:  # noqa: ANN001
    return f"CAST({compiler.process(element.clauses, **kw)} - DATE '1970-01-01' AS BIGINT)"


_A, _W = HolidayArrangement, HolidayWorkday
_DAY = _DayNumber(_W.day)
# The arrangements' rows, versions and last change (every change goes through the ORM: it bumps
# the version); the 调休 days' rows and sums of their day numbers, plain and squared (the table
# has no version): one statement, each table read once.
_ARRANGED = select(func.count(_A.id), func.sum(_A.version), func.max(_A.updated_at)).subquery()
_WORKING = select(func.count(_W.day), func.sum(_DAY), func.sum(_DAY * _DAY)).subquery()
_SHARED: SharedWhileUnchanged[WorkCalendar] = SharedWhileUnchanged(
    select(_ARRANGED, _WORKING).select_from(_ARRANGED.join(_WORKING, true())))
_RANGES = select(_A.first_day, _A.last_day)
_WORKDAYS = select(_W.day)


def festival_reminders(session: Session, year: int, lead_working_days: int) -> list[FestivalReminder]:
    """The year's festival integrity reminders: `lead_working_days` working days before the 放假
    starts (the festival day when no arrangement is entered); overlapping 放假 merged."""
    calendar = work_calendar(session, [year - 1, year, year + 1])
    spans = []
    for a in arrangements(session, year):
        known = a.source != "computed"
        start = calendar.rest_start(a.first_day) if known else a.first_day
        spans.append([start, a.last_day, [a.festival], known])
    spans.sort(key=lambda s: s[0])
    merged: list[list] = []
    for span in spans:
        if merged and span[0] <= merged[-1][1] + dt.timedelta(days=1):
            last = merged[-1]
            last[1] = max(last[1], span[1])
            last[2] += span[2]
            last[3] = last[3] and span[3]
        else:
            merged.append(span)
    reminders = []
    for start, end, festivals, known in merged:
        ordered = tuple(f for f in FESTIVAL_ORDER if f in festivals)
        reminders.append(FestivalReminder(
            key=f"festival:{year}:{'+'.join(ordered)}", year=year, festivals=ordered,
            rest_start=start, rest_end=end,
            remind_on=calendar.working_days_before(start, lead_working_days),
            arrangement_known=known))
    return reminders


def holiday_year(session: Session, year: int) -> HolidayYear:
    """The year's festivals (computed day and entered 放假 range) and 调休 working days."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(f"年度应在 {FIRST_YEAR}–{LAST_YEAR} 之间。", "year")
    entered = {a.festival: a for a in arrangements(session, year) if a.source != "computed"}
    rows = tuple(FestivalYearRow(f, FESTIVALS[f], festival_day(f, year), entered.get(f))
                 for f in FESTIVAL_ORDER)
    workdays = tuple((day, festival) for day, festival in session.execute(
        select(HolidayWorkday.day, HolidayWorkday.festival)
        .where(HolidayWorkday.day.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        .order_by(HolidayWorkday.day)))
    return HolidayYear(year, rows, workdays)


def entered_years(session: Session) -> list[int]:
    """Years with at least one 放假 range entered (seeded or typed), oldest first."""
    return list(session.scalars(select(HolidayArrangement.year).distinct().order_by(HolidayArrangement.year)))


def missing_years(session: Session, today: dt.date) -> list[int]:
    """This year and the next without a complete 放假 table: the years to enter from the State
    Council's notice (the next year's is usually published in November)."""
    found = []
    for year in (today.year, today.year + 1):
        count = session.scalar(select(func.count()).select_from(HolidayArrangement)
                               .where(HolidayArrangement.year == year)) or 0
        if count < len(FESTIVAL_ORDER):
            found.append(year)
    return found

