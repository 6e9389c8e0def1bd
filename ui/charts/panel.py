"""`ChartPanel`: one chart on 统计图表 — its filters, its data (fetched off the GUI thread), its
plot, export, and where a click leads.

A chart subclasses it: KEY, TITLE, TARGET_PAGE; `build_filters(bar)`; `fetch(session)` (runs on a
worker thread, returns plain data); `plot(figure, data)` (returns the clickable artists with their
payloads); optionally `navigation(payload)` (the filters of TARGET_PAGE a click opens). Register
it in ui/charts/__init__.py (one line in CHARTS).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui import messages
from ui.charts.chart_widget import EXPORT_FILTER, ChartWidget, Pickable
from ui.workers import run_task

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.workspace.facade import Workspace

EXPORT_BUTTON = "导出图片…"
EXPORT_DONE = "图表已导出到："  # the path follows once, under it (messages.inform_file)
CLICK_HINT = "点击图中的条形可打开对应的记录。"
LOADING = "正在统计…"


class ChartPanel(QWidget):
    KEY = ""
    TITLE = ""
    TARGET_PAGE = ""  # the register page a click opens

    navigate_requested = Signal(str, dict)
    ready = Signal()

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.data: Any = None
        self._loading = False
        self._loaded = False
        bar = QHBoxLayout()
        self.build_filters(bar)
        bar.addStretch(1)
        self.export_button = QPushButton(EXPORT_BUTTON)
        self.export_button.clicked.connect(self.export_dialog)
        bar.addWidget(self.export_button)
        self.chart = ChartWidget(self)
        self.chart.clicked.connect(self._on_click)
        self.hint = QLabel(CLICK_HINT if self.TARGET_PAGE else "")
        self.hint.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.hint)

    # ---- hooks ---------------------------------------------------------------------------

    def build_filters(self, bar: QHBoxLayout) -> None:
        """Adds the chart's filter widgets; call `self.refresh()` when one changes."""

    def fetch(self, session: Session) -> Any:  # runs on a worker thread
        raise NotImplementedError

    def plot(self, figure: Any, data: Any) -> list[Pickable]:
        raise NotImplementedError

    def navigation(self, payload: dict) -> dict:
        """The TARGET_PAGE filters for a clicked payload (default: the payload itself)."""
        return payload

    # ---- behaviour -----------------------------------------------------------------------

    def is_ready(self) -> bool:
        return self._loaded and not self._loading

    def showEvent(self, event: Any) -> None:  # noqa: N802 — Qt override
        super().showEvent(event)
        if not self._loaded and not self._loading:
            self.refresh()

    def refresh(self) -> None:
        """Recomputes the data off the GUI thread, then redraws."""
        self._loading = True
        self.hint.setText(LOADING)

        def work(progress: Any) -> Any:
            with self.ws.reading() as session:
                return self.fetch(session)

        def done(data: Any) -> None:
            self.data = data
            self.chart.draw(lambda figure: self.plot(figure, data))
            self._loading, self._loaded = False, True
            self.hint.setText(CLICK_HINT if self.TARGET_PAGE else "")
            self.ready.emit()

        def failed(error: BaseException) -> None:
            self._loading = False
            self._loaded = True
            self.hint.setText("")
            messages.show_error(self, error)

        run_task(self, work, on_done=done, on_error=failed)

    def _on_click(self, payload: dict) -> None:
        if self.TARGET_PAGE:
            self.navigate_requested.emit(self.TARGET_PAGE, self.navigation(payload))

    def export_dialog(self) -> None:
        name = f"{self.ws.settings.bureau_name}{self.TITLE}.png"
        path = messages.choose_save_path(self, EXPORT_BUTTON, name, EXPORT_FILTER)
        if path is not None:
            saved = self.export_to(path)
            messages.inform_file(self, EXPORT_DONE, saved)

    def export_to(self, path: Path) -> Path:
        """Saves the chart and records the export in the audit trail."""
        from app import audit

        saved = self.chart.export(path)
        if not self.ws.read_only:
            with self.ws.writing() as session:
                audit.exported(session, self.actor, "chart", saved.name, scope=self.TITLE)
        return saved
