"""The monthly coverage strip (DESIGN "monthly coverage"): one row of twelve months per year,
each month's 工作作风纪律检查 count; a month that ended without one is flagged red, this month
without one yet amber. A click on a month asks for that month's inspections."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QToolButton, QWidget

from app.registers.inspections.stats import YearCoverage

YEAR = "{year}年"
CELL = {"ok": "{m}月 · {n}次", "missing": "{m}月 · 缺", "current": "{m}月 · 未查", "future": "{m}月"}
TIP = {"ok": "{year}年{m}月：工作作风纪律检查 {n} 次", "missing": "{year}年{m}月：没有开展工作作风纪律检查",
       "current": "{year}年{m}月：本月尚未开展工作作风纪律检查", "future": "{year}年{m}月：尚未到来"}
STYLE = {"ok": "background:#e4f2e4; color:#245c24;", "missing": "background:#f8d7d7; color:#a02020; font-weight:bold;",
         "current": "background:#fdebc4; color:#7a5200;", "future": "background:#f2f2f2; color:#9a9a9a;"}
LEGEND = "每月工作作风纪律检查（计划每月 1–2 次）：红色为当月未开展，点击月份查看当月检查"
CELL_WIDTH = 66


class CoverageStrip(QWidget):
    month_clicked = Signal(int, int)  # year, month

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(3)
        self.grid.setVerticalSpacing(3)
        self.legend = QLabel(LEGEND, self)
        self.legend.setStyleSheet("color: #666;")
        self.cells: dict[tuple[int, int], QToolButton] = {}
        self.years: list[YearCoverage] = []

    def set_coverage(self, years: Sequence[YearCoverage]) -> None:
        """Rebuilds the strip, one row per year (the given order)."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None and item.widget() is not self.legend:
                item.widget().deleteLater()
        self.cells.clear()
        self.years = list(years)
        for row, year in enumerate(self.years):
            label = QLabel(YEAR.format(year=year.year), self)
            missing = year.missing_months
            if missing:
                label.setToolTip("未开展的月份：" + "、".join(f"{m}月" for m in missing))
            self.grid.addWidget(label, row, 0)
            for month in year.months:
                cell = QToolButton(self)
                cell.setText(CELL[month.state].format(m=month.month, n=month.count))
                cell.setToolTip(TIP[month.state].format(year=year.year, m=month.month, n=month.count))
                cell.setStyleSheet(f"QToolButton {{ {STYLE[month.state]} border: none; padding: 2px; }}")
                cell.setFixedWidth(CELL_WIDTH)
                cell.setCursor(Qt.CursorShape.PointingHandCursor)
                cell.clicked.connect(lambda _c=False, y=year.year, m=month.month: self.month_clicked.emit(y, m))
                self.grid.addWidget(cell, row, month.month)
                self.cells[(year.year, month.month)] = cell
        self.grid.addWidget(self.legend, len(self.years), 0, 1, 13)
        self.grid.setColumnStretch(13, 1)

    def cell_text(self, year: int, month: int) -> str:
        return self.cells[(year, month)].text()
