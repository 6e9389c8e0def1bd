"""What crosses between the 报告报送 services and their callers."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from app.attachments import FileChanges
from app.vocab import DUTY_REPORT_KINDS

ENTITY = "duty_reports"
HALF_YEAR, INFO, RESEARCH = "half_year", "info", "research"


def period_label(kind: str, year: int, period: int) -> str:
    """2026年上半年 · 2026年3月 · 2026年度"""
    if kind == HALF_YEAR:
        return f"{year}年{'上' if period == 1 else '下'}半年"
    if kind == INFO:
        return f"{year}年{period}月"
    return f"{year}年度"


@dataclass(frozen=True)
class DutyReportDraft:
    unit_id: int | None
    kind: str
    year: int | None
    period: int = 0                  # half: 1 or 2; info: the month; research: 0
    received_on: dt.date | None = None
    title: str = ""
    notes: str = ""
    files: FileChanges = FileChanges()   # attachments added and removed with this save
    correction_reason: str = ""
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class DutyReportRow:
    id: int
    unit_id: int
    unit_name: str
    kind: str
    year: int
    period: int
    title: str
    received_on: dt.date
    notes: str
    attachment_count: int
    version: int

    @property
    def kind_label(self) -> str:
        return DUTY_REPORT_KINDS.get(self.kind, self.kind)

    @property
    def period_label(self) -> str:
        return period_label(self.kind, self.year, self.period)

    def draft(self, **changes: object) -> DutyReportDraft:
        base = DutyReportDraft(self.unit_id, self.kind, self.year, self.period, self.received_on, self.title,
                               self.notes, id=self.id, version=self.version)
        return replace(base, **changes)


@dataclass(frozen=True)
class DutyReportFilter:
    year: int | None = None
    kind: str = ""
    period: int | None = None
    unit_id: int | None = None
    text: str = ""


@dataclass(frozen=True)
class Cell:
    """One unit's reports of one period."""

    count: int
    first: dt.date | None
    late: bool          # the first arrived after the due date

    @property
    def received(self) -> bool:
        return self.count > 0


@dataclass(frozen=True)
class PeriodStatus:
    kind: str
    year: int
    period: int
    due: dt.date
    expected: int
    received: int
    missing: tuple[str, ...]   # units that have sent nothing yet

    @property
    def label(self) -> str:
        return period_label(self.kind, self.year, self.period)

    @property
    def kind_label(self) -> str:
        return DUTY_REPORT_KINDS.get(self.kind, self.kind)


@dataclass(frozen=True)
class TrackedUnit:
    unit_id: int
    unit_name: str
    cells: dict[int, Cell]     # period → cell


@dataclass(frozen=True)
class Tracking:
    """A year's reports of one kind: the periods with their due dates, one row per 责任单位."""

    kind: str
    year: int
    today: dt.date
    periods: tuple[PeriodStatus, ...]
    units: tuple[TrackedUnit, ...]

    def state(self, unit: TrackedUnit, period: PeriodStatus) -> str:
        """received · late · missing (past its due date) · due (not yet due) · future"""
        cell = unit.cells.get(period.period)
        if cell is not None and cell.received:
            return "late" if cell.late else "received"
        if period.due < self.today:
            return "missing"
        first_day = dt.date(period.year, 1, 1)
        return "due" if self.today >= first_day else "future"
