"""What crosses between the inspections register and its callers: InspectionDraft in,
InspectionRow out, the filter."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# The inspection type the plan counts month by month (DESIGN "monthly coverage").
STYLE_CHECK = "style"


@dataclass(frozen=True)
class InspectionDraft:
    inspected_on: dt.date | None
    kind: str
    title: str
    unit_ids: tuple[int, ...] = ()  # none = the whole system (全系统)
    inspectors: str = ""
    summary: str = ""
    id: int | None = None
    version: int | None = None
    correction_reason: str = ""  # an administrator correcting a closed year


@dataclass(frozen=True)
class InspectionRow:
    id: int
    inspected_on: dt.date
    kind: str
    kind_label: str
    title: str
    unit_ids: tuple[int, ...]
    unit_names: tuple[str, ...]
    inspectors: str
    summary: str
    finding_count: int
    open_finding_count: int
    version: int

    @property
    def units_text(self) -> str:
        return "、".join(self.unit_names) if self.unit_names else "全系统"

    @property
    def label(self) -> str:
        """How a finding form names it: 2026-03-05 三月份工作作风纪律检查."""
        return f"{self.inspected_on:%Y-%m-%d} {self.title}"


@dataclass(frozen=True)
class InspectionFilter:
    text: str = ""
    year: int | None = None
    unit_id: int | None = None  # inspections of this unit (or a unit below it)
    kind: str = ""
    start: dt.date | None = None
    end: dt.date | None = None

