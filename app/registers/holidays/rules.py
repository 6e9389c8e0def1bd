"""Festival days computed offline (lunar-python) and the work calendar they give with the
放假/调休 table: working days before and after a day."""
from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from functools import lru_cache

from app.vocab import FESTIVALS

FESTIVAL_ORDER = tuple(FESTIVALS)  # new_year … national, in calendar order


FIRST_YEAR, LAST_YEAR = 1950, 2100


@lru_cache(maxsize=2048)
def festival_day(festival: str, year: int) -> dt.date:
    """The day of `festival` in `year` (Gregorian), computed offline."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"year {year} outside {FIRST_YEAR}–{LAST_YEAR}")
    fixed = {"new_year": (1, 1), "labour": (5, 1), "national": (10, 1)}
    if festival in fixed:
        return dt.date(year, *fixed[festival])
    from lunar_python import Lunar

    if festival == "qingming":
        # The jieqi table of the lunar year that starts in `year` holds that spring's 清明.
        solar = Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]
    else:
        month, day = {"spring": (1, 1), "dragon": (5, 5), "mid_autumn": (8, 15)}[festival]
        solar = Lunar.fromYmd(year, month, day).getSolar()
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


def festival_days(year: int) -> dict[str, dt.date]:
    return {f: festival_day(f, year) for f in FESTIVAL_ORDER}


def _weekdays_to(ordinal: int) -> int:
    """Monday–Friday days from 0001-01-01 (a Monday, ordinal 1) up to and including `ordinal`."""
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


class WorkCalendar:
    """Working days: Monday–Friday, minus 放假 days, plus 调休 working weekends."""

    def __init__(self, holidays: set[dt.date], workdays: set[dt.date]) -> None:
        self.holidays = holidays
        self.workdays = workdays
        # What differs from Monday–Friday, as sorted day numbers (date.toordinal): weekdays off
        # (a 放假 on a weekday) and weekend days worked (a 调休 not also a 放假) — counting the
        # working days of a span is then weekday arithmetic and two bisections, not a day walk.
        self._off = sorted(d.toordinal() for d in holidays if d.weekday() < 5)
        self._on = sorted(d.toordinal() for d in workdays if d.weekday() >= 5 and d not in holidays)
        self._off_set, self._on_set = frozenset(self._off), frozenset(self._on)

    def is_workday(self, day: dt.date) -> bool:
        if day in self.holidays:
            return False
        return day in self.workdays or day.weekday() < 5

    def working_days_before(self, day: dt.date, count: int) -> dt.date:
        """The working day `count` working days before `day` (count 0: `day` itself)."""
        return self._walk(day, count, -1)

    def working_days_after(self, day: dt.date, count: int) -> dt.date:
        """The working day `count` working days after `day` (count 0: `day` itself)."""
        return self._walk(day, count, 1)

    def _walk(self, day: dt.date, count: int, step: int) -> dt.date:
        """`count` working days from `day` in the direction of `step`, on day numbers (is_workday's
        rule: a weekday (ordinal % 7 not 6 or 0) not off, or a weekend day worked)."""
        if count <= 0:
            return day
        current, off, on = day.toordinal(), self._off_set, self._on_set
        while count > 0:
            current += step
            if current in on or (current % 7 not in (0, 6) and current not in off):
                count -= 1
        return dt.date.fromordinal(current)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (negative when end < start)."""
        sign, (a, b) = (1, (start, end)) if start <= end else (-1, (end, start))
        first, last = a.toordinal(), b.toordinal()
        off, on = self._off, self._on
        days = (_weekdays_to(last) - _weekdays_to(first)
                - (bisect_right(off, last) - bisect_right(off, first))
                + (bisect_right(on, last) - bisect_right(on, first)))
        return sign * days

    def rest_start(self, first_day: dt.date) -> dt.date:
        """Where the time off really begins: a 放假 that joins a weekend starts with the weekend."""
        current = first_day
        while not self.is_workday(current - dt.timedelta(days=1)) and (first_day - current).days < 7:
            current -= dt.timedelta(days=1)
        return current

