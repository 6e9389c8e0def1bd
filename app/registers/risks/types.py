"""What crosses between the risk register and its callers: RiskDraft in, RiskRow out, the
filter, a point's level history and its assessments by year; the assessment statuses."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.registers.risks.rules import numbered

DRAFT, CONFIRMED, RETIRED = "draft", "confirmed", "retired"


@dataclass(frozen=True)
class RiskRow:
    """One year's assessment of a risk point, as the register shows it."""

    id: int                      # the assessment
    point_id: int
    code: str
    unit_id: int
    unit_name: str
    unit_kind: str
    post: str
    duty_item: str
    name: str
    year: int
    description: str
    category: str
    category_label: str
    level: int
    likelihood: int | None
    consequence: int | None
    measures: tuple[str, ...]
    responsible_person: str
    responsible_leader: str
    next_review: dt.date | None
    status: str
    status_label: str
    confirmed_by: str
    version: int                 # the assessment's
    point_version: int

    @property
    def active(self) -> bool:
        return self.status != RETIRED

    @property
    def score(self) -> int | None:
        return self.likelihood * self.consequence if self.likelihood and self.consequence else None

    @property
    def measures_text(self) -> str:
        return numbered(self.measures)


@dataclass(frozen=True)
class RiskFilter:
    year: int | None = None      # None: the latest confirmed year
    unit_id: int | None = None   # with the units below it (unless not with_sub_units)
    unit_kind: str = ""
    level: int | None = None
    category: str = ""
    status: str = ""             # "" = all but retired · "all" · draft · confirmed · retired
    text: str = ""
    top_control_only: bool = False  # 一级防控单位和科室: units with a confirmed 一级 point
    point_id: int | None = None
    with_sub_units: bool = True  # False: the unit's own points only (what a chart bar counts)


@dataclass(frozen=True)
class LevelChangeRow:
    year: int
    changed_on: dt.date
    from_level: int | None
    to_level: int
    reason: str
    user_name: str


@dataclass(frozen=True)
class YearAssessment:
    id: int
    year: int
    level: int
    status: str
    status_label: str


@dataclass(frozen=True)
class RiskDraft:
    """What the risk form (or an import row) holds: the point's identity and one year's
    assessment. `id` names the assessment being edited; `point_id` alone adds a new year's
    assessment of an existing point; neither adds a new risk point."""

    unit_id: int | None
    name: str
    year: int | None
    category: str
    level: int | None
    post: str = ""
    duty_item: str = ""
    code: str = ""                   # blank: numbered automatically (FX2026-0001)
    description: str = ""
    likelihood: int | None = None
    consequence: int | None = None
    measures: tuple[str, ...] = ()
    responsible_person: str = ""
    responsible_leader: str = ""
    next_review: dt.date | None = None
    level_reason: str = ""           # required when the level differs from the previous one
    status: str = CONFIRMED          # a new assessment: confirmed, or a draft of the 排查
    point_id: int | None = None
    point_version: int | None = None
    id: int | None = None
    version: int | None = None
    correction_reason: str = ""      # an administrator correcting a closed year

