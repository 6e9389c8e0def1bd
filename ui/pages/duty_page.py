"""主体责任 (the seed's 二(一) and 五): the 党组's responsibility in tabs — 责任书, 专题研究, 考核,
述职述廉, 报告报送 and 约谈建议. 首页's reminders open the tab they are about."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ui.pages.assessments_tab import AssessmentsTab
from ui.pages.duty_reports_tab import DutyReportsTab
from ui.pages.interviews_tab import InterviewsTab
from ui.pages.leader_reports_tab import LeaderReportsTab
from ui.pages.pledges_tab import PledgesTab
from ui.pages.studies_tab import StudiesTab

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE = "主体责任"
TABS = (("pledges", "责任书", PledgesTab), ("studies", "专题研究", StudiesTab),
        ("assessments", "考核", AssessmentsTab), ("reports", "述职述廉", LeaderReportsTab),
        ("up_the_line", "报告报送", DutyReportsTab), ("interviews", "约谈建议", InterviewsTab))
# 首页's reminders name a tab by what they are about.
TAB_OF = {"pledges": "pledges", "studies": "studies", "assessments": "assessments", "leaders": "reports",
          "reports": "up_the_line", "interviews": "interviews"}
# A person's timeline names the record by its kind (app/registers/*/query.py timeline providers).
TAB_OF_KIND = {"责任书": "pledges", "述职述廉": "reports", "主体责任考核": "assessments"}


class DutyPage(QWidget):
    TITLE = TITLE
    counts_changed = Signal(str)
    ready = Signal()
    navigate_requested = Signal(str, dict)

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.pages: dict[str, QWidget] = {}
        for key, label, factory in TABS:
            page = factory(ws, actor, self)
            self.pages[key] = page
            self.tabs.addTab(page, label)
            page.counts_changed.connect(lambda text, p=page: self._counts(p, text))
            page.ready.connect(self.ready)
            page.navigate_requested.connect(self.navigate_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(lambda _i: self.counts_changed.emit(self.count_label.text()))

    @property
    def count_label(self) -> QLabel:
        return self.tabs.currentWidget().count_label

    def _counts(self, page: QWidget, text: str) -> None:
        if page is self.tabs.currentWidget():
            self.counts_changed.emit(text)

    def is_ready(self) -> bool:
        return all(page.is_ready() for page in self.pages.values())

    def show_tab(self, key: str) -> QWidget:
        page = self.pages[key]
        self.tabs.setCurrentWidget(page)
        return page

    def open_draft(self, form_key: str) -> None:
        """A draft of one of the tabs' forms: that tab opens it."""
        page = next(p for p in self.pages.values() if form_key.startswith(getattr(p, "FORM", "") + ":")
                    and getattr(p, "FORM", ""))
        self.tabs.setCurrentWidget(page)
        page.open_draft(form_key)

    def apply_navigation(self, filters: dict) -> None:
        """{"tab": pledges · studies · assessments · leaders · reports · interviews, …the tab's filters}."""
        key = TAB_OF.get(filters.get("tab", ""), TAB_OF_KIND.get(filters.get("timeline_kind", ""), "pledges"))
        rest = {k: v for k, v in filters.items() if k not in ("tab", "timeline_kind", "person_id")}
        self.show_tab(key).apply_navigation(rest)
