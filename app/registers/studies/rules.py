"""The seed's “年内班子专题研究…不少于两次”, counted per calendar year: when to remind and how
urgently. Pure rules: no session."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MIN_PER_YEAR = 2
HALF_WAY = (7, 1)   # from 1 July a year with none is reminded of
LAST_QUARTER = 10   # from 1 October a year with fewer than two


@dataclass(frozen=True)
class StudyDue:
    year: int
    count: int
    since: dt.date     # when the reminder began
    due: dt.date       # the year's last day
    last_quarter: bool

    @property
    def missing(self) -> int:
        return MIN_PER_YEAR - self.count


def study_due(count: int, today: dt.date) -> StudyDue | None:
    """The reminder for the year of `today` with `count` studies so far: from 1 July while there
    has been none, and from 1 October while there are fewer than two; None otherwise."""
    year = today.year
    half_way = dt.date(year, *HALF_WAY)
    last_quarter = dt.date(year, LAST_QUARTER, 1)
    end = dt.date(year, 12, 31)
    if count == 0 and today >= half_way:
        return StudyDue(year, count, half_way, end, today >= last_quarter)
    if count < MIN_PER_YEAR and today >= last_quarter:
        return StudyDue(year, count, last_quarter, end, True)
    return None
