"""What crosses between the findings register and its callers: FindingDraft in, FindingRow
out, the filter; the statuses that are open or not closed, and their order."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

OPEN_STATUSES = ("pending", "in_progress")  # the ones that can be overdue


NOT_CLOSED = ("pending", "in_progress", "rectified")


STATUS_ORDER = {"pending": 0, "in_progress": 1, "rectified": 2, "closed": 3}


@dataclass(frozen=True)
class FindingDraft:
    source: str
    found_on: dt.date | None
    unit_id: int | None
    description: str
    category: str = ""
    requirement: str = ""
    measures: str = ""
    resp_unit_id: int | None = None
    resp_person_id: int | None = None
    resp_person_name: str = ""  # free text when the person is not in the register
    resp_leader: str = ""
    kind: str = ""
    deadline: dt.date | None = None
    revisit: bool = False
    notes: str = ""
    inspection_id: int | None = None
    risk_point_id: int | None = None
    code: str = ""  # blank: the next 问题编号 of the year (2026-007)
    id: int | None = None
    version: int | None = None
    correction_reason: str = ""


@dataclass(frozen=True)
class FindingRow:
    id: int
    code: str
    source: str
    source_label: str
    inspection_id: int | None
    inspection_label: str
    found_on: dt.date
    unit_id: int
    unit_name: str
    description: str
    category: str
    category_label: str
    risk_point_id: int | None
    requirement: str
    measures: str
    resp_unit_id: int | None
    resp_unit_name: str
    resp_person_id: int | None
    resp_person_name: str
    resp_leader: str
    kind: str
    kind_label: str
    deadline: dt.date | None
    original_deadline: dt.date | None  # before the first extension (= deadline when none)
    extensions: tuple[tuple[dt.date | None, dt.date, str], ...]  # (old, new, reason)
    status: str
    status_label: str
    result: str
    result_label: str
    rectified_on: dt.date | None
    accepted_by: str
    accepted_on: dt.date | None
    closed_on: dt.date | None
    revisit: bool
    notes: str
    progress: tuple[tuple[dt.date, str], ...]  # dated notes, oldest first
    reopen_count: int
    version: int
    overdue: bool
    due_soon: bool
    days_left: int | None  # deadline − today, for open findings with a deadline

    @property
    def owner_unit_name(self) -> str:
        return self.resp_unit_name or self.unit_name

    @property
    def deadline_state(self) -> str:
        return "overdue" if self.overdue else ("due_soon" if self.due_soon else "")

    @property
    def latest_progress(self) -> str:
        return f"{self.progress[-1][0]:%Y-%m-%d} {self.progress[-1][1]}" if self.progress else ""

    @property
    def progress_text(self) -> str:
        """Every note on its own line, dated: how the ledger's 进展 column reads."""
        return "\n".join(f"{day:%Y-%m-%d} {text}" for day, text in self.progress)

    @property
    def extension_text(self) -> str:
        """原定 2026-03-31，延至 2026-05-31（原因）; several extensions one per line."""
        return "\n".join(f"原定 {old:%Y-%m-%d}，延至 {new:%Y-%m-%d}（{reason}）" if old else
                         f"延至 {new:%Y-%m-%d}（{reason}）" for old, new, reason in self.extensions)


@dataclass(frozen=True)
class FindingFilter:
    text: str = ""
    year: int | None = None          # the year found
    closed_too: bool = False         # with year: also those closed (销号) in it (a year's archive)
    unit_id: int | None = None       # owner unit, with the units below it
    source: str = ""
    status: str = ""                 # a status code, "open" (not yet 已销号) or "" (all)
    deadline: str = ""               # "overdue" · "due_soon" · ""
    resp_person_id: int | None = None
    resp_person: str = ""            # part of the responsible person's name
    inspection_id: int | None = None
    category: str = ""
    categories: tuple[str, ...] | None = None  # any of these 问题类别 ("" for none); None: any
    revisit_only: bool = False
    start: dt.date | None = None     # found within [start, end] (a report's period)
    end: dt.date | None = None

