"""Date arithmetic and wording the registers share: a date N months later (the month's last day
where the day does not exist); dates and times as documents write them (2025年3月5日 14:30)."""
from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it has no such day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))



def chinese_date(day: dt.date) -> str:
    """2025年3月5日 (no leading zeros, as documents are written)."""
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_when(day: dt.date, start: dt.time | None = None, end: dt.time | None = None) -> str:
    """2025年3月5日 14:30—15:10 · 2025年3月5日 14:30 · 2025年3月5日."""
    text = chinese_date(day)
    if start is not None:
        text += f" {start:%H:%M}"
        if end is not None:
            text += f"—{end:%H:%M}"
    return text
