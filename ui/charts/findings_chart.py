"""各单位问题整改情况: per unit (its 责任单位, units below rolled up), a bar split by status —
已销号 (已完成 / 基本完成), 已整改（待验收）, 整改中, 待整改 — with its 整改完成率 at the end; a
click on a segment opens 问题整改台账 filtered to that unit and status. The drawing is
app/charts/findings.py (the report draws with it too)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout

from app.charts.findings import plot_findings_by_unit
from app.registers.findings import stats as st
from app.registers.findings.types import FindingFilter
from app.registers.inspections.query import inspection_years
from ui.charts.chart_widget import Pickable
from ui.charts.panel import ChartPanel
from ui.widgets.filters import YearFilter

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

TITLE = "各单位问题整改情况"


class FindingsByUnitChart(ChartPanel):
    KEY, TITLE, TARGET_PAGE = "findings_by_unit", TITLE, "inspections"

    def build_filters(self, bar: QHBoxLayout) -> None:
        with self.ws.reading() as session:
            years = inspection_years(session)
        self.year_filter = YearFilter(years, None, parent=self)
        self.year_filter.changed.connect(self.refresh)
        bar.addWidget(self.year_filter)

    def fetch(self, session: Session) -> dict[str, Any]:
        year, today = self.year_filter.year(), self.ws.today()
        filt = FindingFilter(year=year)
        return {"year": year, "total": st.completion_stats(session, self.actor, filt, today),
                "units": st.stats_by_unit(session, self.actor, filt, today)}

    def plot(self, figure: Any, data: dict[str, Any]) -> list[Pickable]:
        return plot_findings_by_unit(figure, data["units"], data["total"], data["year"])

    def navigation(self, payload: dict) -> dict:
        """The findings of that unit (and the units below it) in that status."""
        return {k: v for k, v in payload.items() if k in ("unit_id", "status", "year")}
