"""统计图表 › 问题类别统计: findings and first-form 人次 of a year by the headings of their 问题类别
(六项纪律, 四风, or the 中央八项规定精神 items); a click on a findings bar opens 问题整改台账
filtered to the 问题类别 counted there. The drawing is app/charts/categories.py."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel

from app.categories import BY_DISCIPLINE, GROUPINGS, by_heading
from app.charts.categories import plot_categories
from app.dictionaries import load_vocabulary
from app.registers.findings import stats as finding_stats
from app.registers.findings.types import FindingFilter
from app.registers.inspections.query import inspection_years
from app.registers.ledger import stats as ledger_stats
from app.registers.ledger.types import LedgerFilter
from ui.charts.chart_widget import Pickable
from ui.charts.panel import ChartPanel
from ui.widgets.filters import YearFilter

TITLE = "问题类别统计"
YEAR_LABEL, GROUPING_LABEL = "年度", "口径"
SHOWN = "问题类别：{label}"


class CategoriesChart(ChartPanel):
    KEY, TITLE, TARGET_PAGE = "categories", TITLE, "inspections"

    def build_filters(self, bar: QHBoxLayout) -> None:
        with self.ws.reading() as session:
            years = set(inspection_years(session)) | {self.ws.today().year}
        bar.addWidget(QLabel(YEAR_LABEL))
        self.year_filter = YearFilter(years, self.ws.today().year, parent=self)
        self.year_filter.changed.connect(self.refresh)
        bar.addWidget(self.year_filter)
        bar.addWidget(QLabel(GROUPING_LABEL))
        self.grouping = QComboBox(self)
        for code, label in GROUPINGS.items():
            self.grouping.addItem(label, code)
        self.grouping.setCurrentIndex(self.grouping.findData(BY_DISCIPLINE))
        self.grouping.currentIndexChanged.connect(lambda _i: self.refresh())
        bar.addWidget(self.grouping)

    def fetch(self, session: Any) -> dict[str, Any]:
        year, by = self.year_filter.year(), self.grouping.currentData()
        vocab = load_vocabulary(session)
        findings = finding_stats.category_counts(session, self.actor, FindingFilter(year=year), self.ws.today())
        ledger = ledger_stats.category_counts(session, self.actor, LedgerFilter(year=year))
        return {"year": year, "by": by, "findings": by_heading(vocab, findings, by),
                "ledger": by_heading(vocab, ledger, by)}

    def plot(self, figure: Any, data: dict[str, Any]) -> list[Pickable]:
        scope = f"{data['year']}年" if data["year"] else "各年度"
        return plot_categories(figure, data["findings"], data["ledger"], data["by"], scope)

    def navigation(self, payload: dict) -> dict:
        """The findings of that year counted under the clicked heading."""
        filters: dict = {"categories": tuple(payload["categories"]), "label": SHOWN.format(label=payload["label"])}
        if self.data and self.data["year"]:
            filters["year"] = self.data["year"]
        return filters
