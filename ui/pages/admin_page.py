"""系统管理: tabs for the settings and the dictionaries; later issues add users, the audit log
and backups as further tabs (`add_tab`)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.auth import Actor
from ui.pages.admin_dictionaries import DictionaryTab
from ui.pages.admin_holidays import HolidayTab
from ui.pages.admin_settings import SettingsTab

if TYPE_CHECKING:
    from app.workspace import Workspace

TITLE = "系统管理"
TAB_SETTINGS = "系统设置"
TAB_DICTIONARIES = "数据字典"
TAB_HOLIDAYS = "节假日安排"


class AdminPage(QWidget):
    TITLE = TITLE
    settings_saved = Signal()

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.tabs = QTabWidget(self)
        self.settings_tab = SettingsTab(ws, actor, self)
        self.settings_tab.settings_saved.connect(self.settings_saved)
        self.dictionary_tab = DictionaryTab(ws, actor, self)
        self.add_tab(self.settings_tab, TAB_SETTINGS)
        self.add_tab(self.dictionary_tab, TAB_DICTIONARIES)
        self.holiday_tab = HolidayTab(ws, actor, self)
        self.add_tab(self.holiday_tab, TAB_HOLIDAYS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.tabs)

    def add_tab(self, widget: QWidget, label: str) -> None:
        self.tabs.addTab(widget, label)

    def apply_navigation(self, filters: dict) -> None:
        """{"tab": "holidays", "year": Y}: that year's 放假 arrangements (a reminder on 首页)."""
        if filters.get("tab") == "holidays":
            self.tabs.setCurrentWidget(self.holiday_tab)
            if filters.get("year"):
                self.holiday_tab.show_year(filters["year"])

    def is_ready(self) -> bool:
        return True
