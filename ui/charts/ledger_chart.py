"""统计图表 › 第一种形态运用情况: methods by quarter (methods counted: their sum may exceed 人次),
人次 by unit, and the share of 班子成员 and 重要岗位; a click opens the ledger filtered to the bar.
The drawing is app/charts/ledger.py (the report draws with it too)."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel

from app.charts.ledger import plot_ledger
from app.registers.ledger.query import entry_years
from app.registers.ledger.stats import LedgerStats, ledger_statistics
from ui.charts.chart_widget import Pickable
from ui.charts.panel import ChartPanel
from ui.widgets.filters import YearFilter

TITLE = "第一种形态运用情况"
YEAR_LABEL = "年度"


class LedgerChart(ChartPanel):
    KEY, TITLE, TARGET_PAGE = "ledger", TITLE, "ledger"

    def build_filters(self, bar: QHBoxLayout) -> None:
        with self.ws.reading() as session:
            years = set(entry_years(session)) | {self.ws.today().year}
        bar.addWidget(QLabel(YEAR_LABEL))
        self.year_filter = YearFilter(years, self.ws.today().year, parent=self)
        self.year_filter.changed.connect(self.refresh)
        bar.addWidget(self.year_filter)

    def fetch(self, session: Any) -> LedgerStats:
        return ledger_statistics(session, self.actor, self.year_filter.year())

    def plot(self, figure: Any, data: LedgerStats) -> list[Pickable]:
        return plot_ledger(figure, data)
