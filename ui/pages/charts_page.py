"""统计图表: the registered charts, one at a time, each with its filters and export; a click on
a bar opens the register filtered to what the bar counts."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

from ui.charts.registry import CHARTS, ChartSpec

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

LIST_WIDTH = 190


class ChartsPage(QWidget):
    TITLE = "统计图表"
    navigate_requested = Signal(str, dict)
    ready = Signal()

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None,
                 charts: list[ChartSpec] | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.specs = list(CHARTS if charts is None else charts)
        self.panels: dict[str, QWidget] = {}
        self.list = QListWidget()
        self.list.setFixedWidth(LIST_WIDTH)
        self.list.setStyleSheet("QListWidget::item { padding: 7px 6px; }")
        for spec in self.specs:
            item = QListWidgetItem(spec.label)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.list.addItem(item)
        self.stack = QStackedWidget()
        layout = QHBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.stack, 1)
        self.list.currentRowChanged.connect(self._show_row)
        if self.specs:
            self.list.setCurrentRow(0)

    def panel(self, key: str) -> QWidget:
        if key not in self.panels:
            spec = next(s for s in self.specs if s.key == key)
            panel = spec.create(self.ws, self.actor)
            panel.navigate_requested.connect(self.navigate_requested)
            panel.ready.connect(self.ready)
            self.panels[key] = panel
            self.stack.addWidget(panel)
        return self.panels[key]

    def show_chart(self, key: str) -> bool:
        keys = [s.key for s in self.specs]
        if key not in keys:
            return False
        self.list.setCurrentRow(keys.index(key))
        return True

    def current_panel(self) -> QWidget | None:
        return self.stack.currentWidget()

    def is_ready(self) -> bool:
        panel = self.current_panel()
        return panel is None or panel.is_ready()

    def apply_navigation(self, filters: dict) -> None:
        """{"chart": key} selects a chart."""
        if "chart" in filters:
            self.show_chart(filters["chart"])

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            self.stack.setCurrentWidget(self.panel(self.specs[row].key))
