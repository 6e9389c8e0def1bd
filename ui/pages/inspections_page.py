"""监督检查与整改: two tabs — 问题整改台账 (findings) and 监督检查 (inspections with the monthly
coverage strip) — that open each other: an inspection's 查看问题 lists its findings."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ui.pages.findings_tab import FindingsTab
from ui.pages.inspections_tab import InspectionsTab

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE = "监督检查与整改"
TAB_FINDINGS, TAB_INSPECTIONS = "问题整改台账", "监督检查"
INSPECTION_ONLY = "检查“{label}”发现的问题"


class InspectionsPage(QWidget):
    TITLE = TITLE
    counts_changed = Signal(str)
    ready = Signal()

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.findings = FindingsTab(ws, actor, self)
        self.inspections = InspectionsTab(ws, actor, self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.findings, TAB_FINDINGS)
        self.tabs.addTab(self.inspections, TAB_INSPECTIONS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        for tab in (self.findings, self.inspections):
            tab.counts_changed.connect(lambda text, t=tab: self._counts(t, text))
            tab.ready.connect(self.ready)
        self.tabs.currentChanged.connect(lambda _i: self.counts_changed.emit(self.count_label.text()))
        self.inspections.show_findings.connect(self.show_inspection_findings)
        self.inspections.add_finding.connect(self.add_finding_for)

    @property
    def count_label(self) -> QLabel:
        """The current tab's 共 N 条 (the main window's status bar shows it)."""
        return self.tabs.currentWidget().count_label

    def _counts(self, tab: QWidget, text: str) -> None:
        if tab is self.tabs.currentWidget():
            self.counts_changed.emit(text)

    def is_ready(self) -> bool:
        return self.findings.is_ready() and self.inspections.is_ready()

    def apply_navigation(self, filters: dict) -> None:
        """The inspections tab for {"tab": "inspections"}, {"year", "month"} (a month without a
        工作作风纪律检查, from 首页's reminders) or {"inspection_id"} alone (a search hit); the
        findings tab otherwise (see FindingsTab.apply_navigation: unit_id, status, overdue,
        due_soon, year, source, resp_person_id, finding_id, text; {"tab": "findings",
        "inspection_id"} lists an inspection's findings)."""
        to_inspections = (filters.get("tab") == "inspections" or "month" in filters
                          or (filters.get("tab") != "findings" and set(filters) == {"inspection_id"}))
        if to_inspections:
            self.tabs.setCurrentWidget(self.inspections)
            self.inspections.apply_navigation(filters)
            return
        self.tabs.setCurrentWidget(self.findings)
        self.findings.apply_navigation(filters)

    def open_draft(self, form_key: str) -> None:
        """A draft of a finding or of an inspection: its own tab opens the form."""
        tab = self.inspections if form_key.startswith(self.inspections.FORM + ":") else self.findings
        self.tabs.setCurrentWidget(tab)
        tab.open_draft(form_key)

    def show_inspection_findings(self, inspection_id: int, label: str) -> None:
        self.apply_navigation({"tab": "findings", "inspection_id": inspection_id,
                               "label": INSPECTION_ONLY.format(label=label)})

    def add_finding_for(self, inspection_id: int) -> None:
        if self.findings.new_record(inspection_id=inspection_id) is not None:
            self.inspections.after_change(inspection_id)
