"""What crosses between the holiday calendar and its callers: an arrangement (放假 range and
调休 days) and its draft, a festival reminder, a year's table for the admin page."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.vocab import FESTIVALS


@dataclass(frozen=True)
class Arrangement:
    id: int | None
    year: int
    festival: str
    first_day: dt.date
    last_day: dt.date
    source: str  # seed·user·computed (no arrangement entered: the festival day itself)
    version: int = 0

    @property
    def label(self) -> str:
        return FESTIVALS[self.festival]


@dataclass(frozen=True)
class FestivalReminder:
    """One reminder per stretch of time off; festivals whose 放假 overlap share one."""

    key: str  # stable, for the done/snoozed state: "festival:2025:mid_autumn+national"
    year: int
    festivals: tuple[str, ...]
    rest_start: dt.date
    rest_end: dt.date
    remind_on: dt.date
    arrangement_known: bool

    @property
    def label(self) -> str:
        return "、".join(FESTIVALS[f] for f in self.festivals)


@dataclass(frozen=True)
class FestivalYearRow:
    festival: str
    label: str
    festival_day: dt.date                # computed offline
    entered: Arrangement | None          # the official 放假 range, when entered


@dataclass(frozen=True)
class HolidayYear:
    """A year as 系统管理 shows it: each festival's computed day beside its entered 放假 range,
    and the year's 调休 working days."""

    year: int
    festivals: tuple[FestivalYearRow, ...]
    workdays: tuple[tuple[dt.date, str], ...]  # (day, festival code)

    @property
    def entered_count(self) -> int:
        return sum(1 for f in self.festivals if f.entered is not None)

    @property
    def complete(self) -> bool:
        return self.entered_count == len(self.festivals)


@dataclass(frozen=True)
class ArrangementDraft:
    year: int
    festival: str
    first_day: dt.date
    last_day: dt.date
    id: int | None = None
    version: int | None = None

