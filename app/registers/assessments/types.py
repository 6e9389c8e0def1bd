"""What crosses between the 考核 / 述职述廉 services and their callers."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from app.attachments import FileChanges
from app.vocab import APPRAISAL_RATINGS, ASSESSMENT_GRADES, ASSESSMENT_SOURCES

ENTITY = "unit_assessments"   # attachments and audit rows of a unit's 考核
REPORT_ENTITY = "leader_reports"  # attachments (the 述职述廉报告) and audit rows


@dataclass(frozen=True)
class ItemDraft:
    name: str
    source: str                 # daily · key · report · appraisal
    weight: int | None          # % of the total
    score: float | None = None  # 0–100; a 民主评议 item's is its 满意度


@dataclass(frozen=True)
class ItemRow:
    name: str
    source: str
    weight: int
    score: float | None

    @property
    def source_label(self) -> str:
        return ASSESSMENT_SOURCES.get(self.source, self.source)

    def as_draft(self) -> ItemDraft:
        return ItemDraft(self.name, self.source, self.weight, self.score)


@dataclass(frozen=True)
class AssessmentDraft:
    year: int | None
    unit_id: int | None
    items: tuple[ItemDraft, ...]
    grade: str = ""                      # "" 未评定
    veto: bool = False
    veto_reason: str = ""
    veto_sanction_id: int | None = None  # the sanction the veto came from
    head_id: int | None = None           # None: the unit's head now (people.query.unit_heads)
    assessed_on: dt.date | None = None
    notes: str = ""
    files: FileChanges = FileChanges()   # attachments added and removed with this save
    correction_reason: str = ""
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class AssessmentRow:
    id: int
    year: int
    unit_id: int
    unit_name: str
    head_id: int | None
    head_name: str
    assessed_on: dt.date | None
    items: tuple[ItemRow, ...]
    total: float | None
    grade: str
    veto: bool
    veto_reason: str
    veto_sanction_id: int | None
    notes: str
    attachment_count: int
    version: int

    @property
    def grade_label(self) -> str:
        return ASSESSMENT_GRADES.get(self.grade, "未评定")

    @property
    def total_text(self) -> str:
        return "" if self.total is None else f"{self.total:.1f}"

    @property
    def veto_text(self) -> str:
        return "一票否决" if self.veto else ""

    @property
    def satisfaction(self) -> float | None:
        """The unit's 民主评议 满意度: the weighted mean of its 民主评议 items' scores."""
        scored = [i for i in self.items if i.source == "appraisal" and i.score is not None]
        weight = sum(i.weight for i in scored)
        return round(sum(i.weight * i.score for i in scored) / weight, 1) if weight else None  # type: ignore[operator]

    def source_score(self, source: str) -> float | None:
        """The score of one source (the weighted mean of its items), for the 考核 sheet."""
        items = [i for i in self.items if i.source == source]
        if not items or any(i.score is None for i in items):
            return None
        weight = sum(i.weight for i in items)
        return round(sum(i.weight * i.score for i in items) / weight, 1)  # type: ignore[operator]

    @property
    def weights_text(self) -> str:
        """日常抽查30%、重点检查30%、述职述廉20%、民主评议20%"""
        return "、".join(f"{i.name}{i.weight}%" for i in self.items)

    @property
    def summary(self) -> str:
        return f"{self.year}年 {self.unit_name}"

    def draft(self, **changes: object) -> AssessmentDraft:
        base = AssessmentDraft(self.year, self.unit_id, tuple(i.as_draft() for i in self.items), self.grade,
                               self.veto, self.veto_reason, self.veto_sanction_id, self.head_id,
                               self.assessed_on, self.notes, id=self.id, version=self.version)
        return replace(base, **changes)


@dataclass(frozen=True)
class AssessmentFilter:
    year: int | None = None
    unit_id: int | None = None   # with the units below it
    grade: str = ""              # "none": 未评定
    veto: bool | None = None
    head_id: int | None = None
    text: str = ""               # unit, head, veto reason, notes


@dataclass(frozen=True)
class LeaderReportDraft:
    year: int | None
    person_id: int | None
    reported_on: dt.date | None = None
    summary: str = ""
    satisfaction: float | None = None
    rating: str = ""             # excellent · competent · basic · incompetent; "" 未评议
    notes: str = ""
    files: FileChanges = FileChanges()   # attachments added and removed with this save
    correction_reason: str = ""
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class LeaderReportRow:
    id: int
    year: int
    person_id: int
    person_name: str
    unit_id: int | None
    unit_name: str
    position: str
    reported_on: dt.date | None
    summary: str
    satisfaction: float | None
    rating: str
    notes: str
    attachment_count: int
    version: int

    @property
    def rating_label(self) -> str:
        return APPRAISAL_RATINGS.get(self.rating, "")

    @property
    def satisfaction_text(self) -> str:
        return "" if self.satisfaction is None else f"{self.satisfaction:g}%"

    @property
    def person_display(self) -> str:
        detail = "·".join(x for x in (self.unit_name, self.position) if x)
        return f"{self.person_name}（{detail}）" if detail else self.person_name

    @property
    def appraisal_text(self) -> str:
        """满意度 95.2%，评议等次 优秀"""
        parts = [f"满意度 {self.satisfaction_text}" if self.satisfaction is not None else "",
                 f"评议等次 {self.rating_label}" if self.rating else ""]
        return "，".join(p for p in parts if p)

    def draft(self, **changes: object) -> LeaderReportDraft:
        base = LeaderReportDraft(self.year, self.person_id, self.reported_on, self.summary, self.satisfaction,
                                 self.rating, self.notes, id=self.id, version=self.version)
        return replace(base, **changes)


@dataclass(frozen=True)
class LeaderReportFilter:
    year: int | None = None
    unit_id: int | None = None   # the unit of the time, with the units below it
    person_id: int | None = None
    rating: str = ""
    text: str = ""               # name, unit, position, summary, notes


@dataclass(frozen=True)
class VetoCase:
    """A serious case in a unit's year: a third- or fourth-form measure of someone in it."""

    sanction_id: int
    person_name: str
    measure: str                 # 留党察看 · 开除党籍 …
    form: int
    decided_on: dt.date

    @property
    def reason(self) -> str:
        """2026-05-03 张三 受留党察看处分（第三种形态）"""
        forms = {3: "第三种形态", 4: "第四种形态"}
        return f"{self.decided_on:%Y-%m-%d} {self.person_name} 受{self.measure}（{forms.get(self.form, '')}）"


@dataclass(frozen=True)
class UnitScore:
    """One unit's result for the chart and the report."""

    unit_id: int
    unit_name: str
    total: float | None
    grade: str
    veto: bool

    @property
    def grade_label(self) -> str:
        return ASSESSMENT_GRADES.get(self.grade, "未评定")


@dataclass(frozen=True)
class AssessmentFigures:
    year: int
    scores: tuple[UnitScore, ...]          # highest total first
    by_grade: dict[str, int]               # grade code ("" 未评定) → units
    vetoed: tuple[str, ...]                # unit names
    reports: int                           # 述职述廉 of the year
    mean_satisfaction: float | None        # of the leaders' 民主评议

    @property
    def assessed(self) -> int:
        return len(self.scores)
