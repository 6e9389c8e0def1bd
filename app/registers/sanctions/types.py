"""What crosses between the 处分与组织处理 services and their callers: draft in, row out, the
filter, the figures. One record is one measure given to one person (a 党纪 and a 政务 measure
given by one decision are two records, each with its own 影响期)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from app.registers.sanctions.rules import (
    ADMONISH,
    FAMILIES,
    FORM_LABELS,
    in_effect,
    measure_text,
    reply_line,
)

ENTITY = "sanctions"


@dataclass(frozen=True)
class SanctionDraft:
    person_id: int | None
    kind: str
    decided_on: dt.date | None
    decision_organ: str = ""
    document_no: str = ""
    facts: str = ""
    category: str = ""
    impact_months: int | None = None     # None: the kind's
    probation_months: int | None = None  # 留党察看's 察看期 (12 or 24)
    notes: str = ""
    ledger_entry_id: int | None = None   # a 需转出 ledger entry this record transfers
    correction_reason: str = ""
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class SanctionRow:
    id: int
    person_id: int
    person_name: str
    unit_id: int | None
    unit_name: str
    position: str
    political_status: str
    political_label: str
    kind: str
    kind_label: str
    family: str
    form: int | None
    bars: str
    decision_organ: str
    decided_on: dt.date
    document_no: str
    facts: str
    category: str
    category_label: str
    impact_months: int | None
    probation_months: int | None
    impact_end: dt.date | None
    ledger_entry_id: int | None
    notes: str
    version: int

    @property
    def from_ledger(self) -> bool:
        """诫勉 made by a ledger entry: the entry owns it."""
        return self.kind == ADMONISH and self.ledger_entry_id is not None

    @property
    def family_label(self) -> str:
        return FAMILIES.get(self.family, "")

    @property
    def form_label(self) -> str:
        return FORM_LABELS.get(self.form, "") if self.form else ""

    @property
    def measure(self) -> str:
        """党内警告处分 · 调整职务处理 · 诫勉."""
        return measure_text(self.kind_label, self.family)

    @property
    def person_display(self) -> str:
        detail = "·".join(x for x in (self.unit_name, self.position) if x)
        return f"{self.person_name}（{detail}）" if detail else self.person_name

    @property
    def unit_and_position(self) -> str:
        return f"{self.unit_name}{self.position}"

    @property
    def impact_text(self) -> str:
        """至 2027-03-05 · 无 (no period)."""
        return f"至 {self.impact_end:%Y-%m-%d}" if self.impact_end else "无"

    @property
    def summary(self) -> str:
        return f"{self.decided_on:%Y-%m-%d} {self.person_name} {self.kind_label}"

    def in_effect(self, day: dt.date) -> bool:
        return in_effect(self.decided_on, self.impact_end, day)

    def reply_line(self, day: dt.date) -> str:
        """The measure as an 意见回复 states it on `day` (rules.reply_line)."""
        return reply_line(self.decided_on, self.decision_organ, self.measure, self.impact_end, day)

    def draft(self, **changes: object) -> SanctionDraft:
        base = SanctionDraft(
            person_id=self.person_id, kind=self.kind, decided_on=self.decided_on,
            decision_organ=self.decision_organ, document_no=self.document_no, facts=self.facts,
            category=self.category, impact_months=self.impact_months, probation_months=self.probation_months,
            notes=self.notes, ledger_entry_id=self.ledger_entry_id, id=self.id, version=self.version)
        return replace(base, **changes)


@dataclass(frozen=True)
class SanctionFilter:
    text: str = ""                     # person, unit, position, facts, organ, 文号, notes
    year: int | None = None            # of the decision
    start: dt.date | None = None       # decided within [start, end]
    end: dt.date | None = None
    unit_id: int | None = None         # the unit filed under, with the units below it
    kind: str = ""
    family: str = ""
    form: int | None = None
    person_id: int | None = None
    in_effect_on: dt.date | None = None  # 影响期内 on this day


@dataclass(frozen=True)
class KindCount:
    code: str
    label: str
    family: str
    form: int | None
    count: int


@dataclass(frozen=True)
class SanctionFigures:
    total: int
    by_form: dict[int, int]              # form → records (诫勉 under 1)
    by_kind: tuple[KindCount, ...]       # most first
    in_effect: int                       # 影响期内 on the day asked

    @property
    def second_form(self) -> int:
        return self.by_form.get(2, 0)

    @property
    def third_form(self) -> int:
        return self.by_form.get(3, 0)

    def kinds_of_form(self, form: int) -> tuple[KindCount, ...]:
        return tuple(k for k in self.by_kind if k.form == form)
