"""廉政教育 (the seed's 四(三)): the sessions held (教育活动) and who has not taken part this year
(参加情况)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ui.pages.coverage_tab import CoverageTab
from ui.pages.education_tab import EducationTab

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE = "廉政教育"
TAB_SESSIONS, TAB_COVERAGE = "教育活动", "参加情况"


class EducationPage(QWidget):
    TITLE = TITLE
    counts_changed = Signal(str)
    ready = Signal()
    navigate_requested = Signal(str, dict)

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.sessions = EducationTab(ws, actor, self)
        self.coverage = CoverageTab(ws, actor, self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.sessions, TAB_SESSIONS)
        self.tabs.addTab(self.coverage, TAB_COVERAGE)
        for tab in (self.sessions, self.coverage):
            tab.counts_changed.connect(lambda text, t=tab: self._counts(t, text))
            tab.ready.connect(self.ready)
            tab.navigate_requested.connect(self.navigate_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(self._tab_changed)

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.coverage:
            self.coverage.refresh()  # sessions may have changed since
        self.counts_changed.emit(self.count_label.text())

    @property
    def count_label(self) -> QLabel:
        return self.tabs.currentWidget().count_label

    def _counts(self, tab: QWidget, text: str) -> None:
        if tab is self.tabs.currentWidget():
            self.counts_changed.emit(text)

    def is_ready(self) -> bool:
        return self.sessions.is_ready() and self.coverage.is_ready()

    def open_draft(self, form_key: str) -> None:
        """A draft of the education form: the sessions tab opens it."""
        self.tabs.setCurrentWidget(self.sessions)
        self.sessions.open_draft(form_key)

    def apply_navigation(self, filters: dict) -> None:
        """{"tab": "coverage", "year"} or the sessions' filters ({"record_id"} from search, timeline)."""
        if filters.get("tab") == "coverage":
            self.tabs.setCurrentWidget(self.coverage)
            self.coverage.apply_navigation(filters)
            return
        self.tabs.setCurrentWidget(self.sessions)
        self.sessions.apply_navigation({k: v for k, v in filters.items() if k != "tab"})
