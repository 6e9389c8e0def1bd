"""各单位风险等级: one stacked horizontal bar per unit — 一级, 二级, 三级 in their colours, the most
severe unit on top, counts on the bars — for a year (default the latest confirmed) and a unit
kind. Only confirmed assessments count. A click on a segment opens 廉政风险点 filtered to that
unit, level and year.

`plot_risk_levels(figure, rows, settings, year=…)` is the pure plotting (the 首页 may reuse it);
the data comes from `app.services.risk_stats.risk_levels_by_unit`.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel

from app.services import risk_stats as stats
from app.services.dictionaries import load_vocabulary
from app.settings import Settings
from app.vocab import LEVELS
from ui.charts.panel import ChartPanel
from ui.widgets.control_level_tree import readable_text

TITLE = "各单位风险等级"
CHART_TITLE = "{year}年 各单位廉政风险点等级分布（已确认）"
X_LABEL = "风险点数（个）"
EMPTY = "该年度没有已确认的风险点"
NO_DATA = "尚无已确认的风险点"
YEAR_LABEL, KIND_LABEL, ALL_KINDS = "年度", "单位类别", "全部单位"
YEAR_ITEM = "{year}年"


def plot_risk_levels(figure: Any, rows: Sequence[stats.UnitLevels], settings: Settings, *,
                     year: int | None = None, title: str | None = None) -> list[tuple[Any, dict]]:
    """Draws the stacked bars on `figure` (a matplotlib Figure, cleared by the caller) and returns
    the clickable segments with their payloads {"unit_id", "level", "year"}."""
    ax = figure.add_subplot()
    heading = title if title is not None else (CHART_TITLE.format(year=year) if year else "")
    if heading:
        ax.set_title(heading, fontsize=11)
    if not rows:
        ax.text(0.5, 0.5, EMPTY if year else NO_DATA, ha="center", va="center", transform=ax.transAxes,
                color="#666666")
        ax.set_axis_off()
        return []
    positions = list(range(len(rows)))[::-1]  # the first (most severe) unit on top
    left = [0] * len(rows)
    pickables: list[tuple[Any, dict]] = []
    for level in LEVELS:
        counts = [row.count(level) for row in rows]
        colour = settings.level_color(level)
        bars = ax.barh(positions, counts, left=left, height=0.7, color=colour, edgecolor="white",
                       linewidth=0.6, label=settings.level_label(level))
        ax.bar_label(bars, labels=[str(n) if n else "" for n in counts], label_type="center",
                     color=readable_text(colour), fontsize=8)
        for bar, row, n in zip(bars, rows, counts, strict=True):
            if n:
                pickables.append((bar, {"unit_id": row.unit_id, "level": level, "year": year}))
        left = [a + b for a, b in zip(left, counts, strict=True)]
    ax.set_yticks(positions, [row.unit_name for row in rows], fontsize=9)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlabel(X_LABEL)
    ax.set_xlim(0, max(left) * 1.08 + 0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)
    figure.legend(loc="outside lower center", frameon=False, fontsize=9, ncols=3)
    return pickables


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
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in data.years:
            self.year_combo.addItem(YEAR_ITEM.format(year=year), year)
        self.year_combo.setCurrentIndex(self.year_combo.findData(data.year))
        self.year_combo.blockSignals(False)
        return plot_risk_levels(figure, data.rows, self.ws.settings, year=data.year)

    def navigation(self, payload: dict) -> dict:
        """The register filtered to what the segment counts: that unit, level and year, confirmed."""
        return {**payload, "status": "confirmed"}
