"""谈话统计 on 统计图表: a year's talks per month stacked by type (or per unit), counted as 次
(records) or 人次 (talkees summed over records). A click opens 谈话记录 filtered to the bar.
The monthly drawing is app/charts/talks.py (the report draws with it too)."""
from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel

from app.charts.talks import kind_colours, plot_talk_months
from app.registers.talks import stats
from app.registers.talks.query import talk_years
from ui.charts.panel import ChartPanel
from ui.widgets.filters import YearFilter

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

TITLE = "谈话统计"
BY_MONTH, BY_UNIT = "按月份", "按单位"
TIMES, PEOPLE = "次数（次）", "人次"
TITLE_UNIT = "{year}年谈话人次（按被谈话人单位、类型）{more}"
MORE_UNITS = "，人次最多的 {n} 个单位"
TOTAL = "全年合计：{times} 次，{people} 人次"
EMPTY = "该年度没有谈话记录"
MAX_UNITS = 20


class TalksChart(ChartPanel):
    KEY, TITLE, TARGET_PAGE = "talks", TITLE, "talks"

    def build_filters(self, bar: QHBoxLayout) -> None:
        with self.ws.reading() as session:
            years = talk_years(session) or [self.ws.today().year]
        self.year_filter = YearFilter(years, max(years), allow_all=False, parent=self)
        self.view_combo = QComboBox(self)
        self.view_combo.addItems([BY_MONTH, BY_UNIT])
        self.measure_combo = QComboBox(self)
        self.measure_combo.addItems([TIMES, PEOPLE])
        self.total_label = QLabel(self)
        for widget in (self.year_filter, self.view_combo, self.measure_combo, self.total_label):
            bar.addWidget(widget)
        self.year_filter.changed.connect(self.refresh)
        self.view_combo.currentIndexChanged.connect(lambda _i: self._view_changed())
        self.measure_combo.currentIndexChanged.connect(lambda _i: self.redraw())

    def _view_changed(self) -> None:
        self.measure_combo.setEnabled(self.view_combo.currentIndex() == 0)
        self.refresh()

    @property
    def by_unit(self) -> bool:
        return self.view_combo.currentIndex() == 1

    @property
    def people(self) -> bool:
        return self.measure_combo.currentIndex() == 1 or self.by_unit

    def fetch(self, session: Session) -> dict[str, Any]:
        year = self.year_filter.year() or self.ws.today().year
        monthly = stats.monthly_stats(session, self.actor, year)
        data: dict[str, Any] = {"year": year, "monthly": monthly}
        if self.by_unit:
            data["units"] = stats.unit_stats(session, self.actor, dt.date(year, 1, 1), dt.date(year, 12, 31))
        return data

    def redraw(self) -> None:
        if self.data is not None:
            self.chart.draw(lambda figure: self.plot(figure, self.data))

    def plot(self, figure: Any, data: dict[str, Any]) -> list:
        monthly: stats.MonthlyStats = data["monthly"]
        total = monthly.total
        self.total_label.setText(TOTAL.format(times=total.times, people=total.people))
        ax = figure.add_subplot()
        colours = kind_colours(monthly.kinds)
        if not total.times:
            ax.text(0.5, 0.5, EMPTY, ha="center", va="center", transform=ax.transAxes, color="#666")
            ax.set_axis_off()
            return []
        if self.by_unit and "units" in data:
            return self._plot_units(ax, data["year"], data["units"], monthly.kinds, colours)
        return self._plot_months(ax, monthly, colours)

    def _plot_months(self, ax: Any, monthly: stats.MonthlyStats, colours: dict[str, str]) -> list:
        return plot_talk_months(ax, monthly, people=self.people)

    def _plot_units(self, ax: Any, year: int, units: list[stats.UnitStats],
                    kinds: tuple[tuple[str, str], ...], colours: dict[str, str]) -> list:
        shown = sorted(units, key=lambda u: -u.people)[:MAX_UNITS][::-1]
        names = [u.unit_name for u in shown]
        lefts = [0] * len(shown)
        pickables = []
        for code, label in kinds:
            values = [u.by_kind.get(code, 0) for u in shown]
            if not any(values):
                continue
            bars = ax.barh(names, values, left=lefts, color=colours[code], label=label, height=0.7)
            for unit, bar, value in zip(shown, bars, values):
                if value and unit.unit_id is not None:
                    pickables.append((bar, {"kind": code, "unit_id": unit.unit_id, "year": year}))
            lefts = [a + v for a, v in zip(lefts, values)]
        for y, (unit, width) in enumerate(zip(shown, lefts)):
            ax.annotate(f"{width} 人次 / {unit.times} 次", (width, y), va="center", fontsize=8,
                        xytext=(3, 0), textcoords="offset points")
        ax.set_title(TITLE_UNIT.format(year=year, more=MORE_UNITS.format(n=MAX_UNITS)
                                       if len(units) > MAX_UNITS else ""))
        ax.set_xlim(0, max(lefts, default=0) * 1.25 + 1)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.legend(loc="lower right", fontsize=8, frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="y", labelsize=8)
        return pickables

    def navigation(self, payload: dict) -> dict:
        """A month's bar: that month and type; a unit's bar: that unit, year and type."""
        if "month" in payload:
            year, month = payload["year"], payload["month"]
            last = calendar.monthrange(year, month)[1]
            return {"kind": payload["kind"], "start": dt.date(year, month, 1),
                    "end": dt.date(year, month, last)}
        return {"kind": payload["kind"], "unit_id": payload["unit_id"], "year": payload["year"]}
