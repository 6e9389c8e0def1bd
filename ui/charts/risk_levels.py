"""各单位风险等级: one stacked horizontal bar per unit — 一级, 二级, 三级 in their colours, the most
severe unit on top, counts on the bars — for a year (default the latest confirmed) and a unit
kind. Only confirmed assessments count. A click on a segment opens 廉政风险点 filtered to that
unit, level and year.

`plot_risk_levels(figure, rows, settings, year=…)` (app/charts/risk_levels.py) is the pure plotting;
the data comes from `app.registers.risks.stats.risk_levels_by_unit`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel

from app.charts.risk_levels import plot_risk_levels
from app.dictionaries import load_vocabulary
from app.registers.risks import stats
from ui.charts.panel import ChartPanel
from ui.widgets.filters import refill_years

TITLE = "各单位风险等级"
YEAR_LABEL, KIND_LABEL, ALL_KINDS = "年度", "单位类别", "全部单位"


@dataclass(frozen=True)
class RiskLevelsData:
    year: int | None
    years: list[int] = field(default_factory=list)
    rows: list[stats.UnitLevels] = field(default_factory=list)


class RiskLevelsChart(ChartPanel):
    KEY = "risk_levels"
    TITLE = TITLE
    TARGET_PAGE = "risks"

    def build_filters(self, bar: QHBoxLayout) -> None:
        self.year: int | None = None
        self.year_combo = QComboBox(self)
        self.year_combo.setMinimumContentsLength(6)
        self.kind_combo = QComboBox(self)
        self.kind_combo.addItem(ALL_KINDS, "")
        with self.ws.reading() as session:  # a handful of dictionary items
            for entry in load_vocabulary(session).entries("unit_kind"):
                self.kind_combo.addItem(entry.label, entry.code)
        bar.addWidget(QLabel(YEAR_LABEL, self))
        bar.addWidget(self.year_combo)
        bar.addWidget(QLabel(KIND_LABEL, self))
        bar.addWidget(self.kind_combo)
        self.year_combo.currentIndexChanged.connect(self._year_chosen)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.refresh())

    def _year_chosen(self, _index: int) -> None:
        self.year = self.year_combo.currentData()
        self.refresh()

    def fetch(self, session: Any) -> RiskLevelsData:
        year = stats.resolve_year(session, self.year)
        kind = self.kind_combo.currentData() or ""
        rows = stats.risk_levels_by_unit(session, self.actor, year, kind) if year else []
        return RiskLevelsData(year, stats.assessment_years(session), rows)

    def plot(self, figure: Any, data: RiskLevelsData) -> list[tuple[Any, dict]]:
        self.year = data.year
        refill_years(self.year_combo, data.years, data.year)
        return plot_risk_levels(figure, data.rows, self.ws.settings, year=data.year)

    def navigation(self, payload: dict) -> dict:
        """The register filtered to what the segment counts: that unit, level and year, confirmed."""
        return {**payload, "status": "confirmed"}
