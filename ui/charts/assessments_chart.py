"""各单位主体责任考核得分 on 统计图表: a year's totals per unit coloured by grade, 一票否决 marked; a
click opens 主体责任 › 考核 at that unit. The drawing is app/charts/assessments.py (the report
draws with it too)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout

from app.charts.assessments import plot_unit_scores
from app.registers.assessments.query import assessment_years
from app.registers.assessments.stats import unit_scores
from app.settings import load_settings
from ui.charts.chart_widget import Pickable
from ui.charts.panel import ChartPanel
from ui.widgets.filters import YearFilter

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

TITLE = "各单位主体责任考核得分"


class AssessmentsChart(ChartPanel):
    KEY, TITLE, TARGET_PAGE = "assessments", TITLE, "duty"

    def build_filters(self, bar: QHBoxLayout) -> None:
        with self.ws.reading() as session:
            years = assessment_years(session) or [self.ws.today().year - 1]
        default = self.ws.today().year - 1 if self.ws.today().year - 1 in years else max(years)
        self.year_filter = YearFilter(years, default, allow_all=False, parent=self)
        self.year_filter.changed.connect(self.refresh)
        bar.addWidget(self.year_filter)

    def fetch(self, session: Session) -> dict[str, Any]:
        year = self.year_filter.year() or self.ws.today().year - 1
        return {"year": year, "scores": unit_scores(session, self.actor, year),
                "lines": load_settings(session).assessment_grade_scores}

    def plot(self, figure: Any, data: dict[str, Any]) -> list[Pickable]:
        return plot_unit_scores(figure, data["scores"], data["year"], data["lines"])

    def navigation(self, payload: dict) -> dict:
        return {"tab": "assessments", **payload}
