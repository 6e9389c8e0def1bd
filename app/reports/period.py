"""The period a report covers: 上半年, 下半年, 全年 of a year, or any range of days."""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from app.dates import chinese_date  # re-exported: the report modules name it here
from app.errors import ValidationError

HALVES = {1: "上半年", 2: "下半年"}


@dataclass(frozen=True)
class ReportPeriod:
    start: dt.date
    end: dt.date

    @classmethod
    def of_year(cls, year: int) -> ReportPeriod:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def half(cls, year: int, half: int) -> ReportPeriod:
        """上半年 (1) or 下半年 (2)."""
        if half == 1:
            return cls(dt.date(year, 1, 1), dt.date(year, 6, 30))
        return cls(dt.date(year, 7, 1), dt.date(year, 12, 31))

    @classmethod
    def checked(cls, start: dt.date | None, end: dt.date | None) -> ReportPeriod:
        """A period from two dates the user gave; ValidationError when they are missing or
        out of order."""
        if start is None or end is None:
            raise ValidationError("请填写报告的起止日期。", "start" if start is None else "end")
        if end < start:
            raise ValidationError("截止日期不能早于起始日期。", "end")
        return cls(start, end)

    @property
    def label(self) -> str:
        """2025年度 · 2025年上半年 · 2025年下半年 · 2025年3月1日至2025年9月30日."""
        s, e = self.start, self.end
        if s.year == e.year and (s.month, s.day) == (1, 1):
            if (e.month, e.day) == (12, 31):
                return f"{s.year}年度"
            if (e.month, e.day) == (6, 30):
                return f"{s.year}年{HALVES[1]}"
        if s.year == e.year and (s.month, s.day) == (7, 1) and (e.month, e.day) == (12, 31):
            return f"{s.year}年{HALVES[2]}"
        return f"{chinese_date(s)}至{chinese_date(e)}"

    @property
    def span_text(self) -> str:
        """统计期间 as written under the title: 2025年1月1日至2025年12月31日."""
        return f"{chinese_date(self.start)}至{chinese_date(self.end)}"

    @property
    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month the period touches, in order."""
        found, year, month = [], self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            found.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found

    def month_span(self, year: int, month: int) -> tuple[dt.date, dt.date, bool]:
        """The part of (year, month) inside the period, and whether it is the whole month."""
        first = dt.date(year, month, 1)
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        start, end = max(first, self.start), min(last, self.end)
        return start, end, (start, end) == (first, last)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def month_label(year: int, month: int, several_years: bool) -> str:
    """3月, or 2025年3月 when the period spans several years."""
    return f"{year}年{month}月" if several_years else f"{month}月"
