"""系统管理: tabs for the settings, the dictionaries, holidays and 常用语; for an administrator also users, the
audit log (操作日志) and backups. Further tabs come with `add_tab`."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.auth import Actor, Role
from ui.pages.admin_dictionaries import DictionaryTab
from ui.pages.admin_holidays import HolidayTab
from ui.pages.admin_phrases import PhrasesTab
from ui.pages.admin_settings import SettingsTab

if TYPE_CHECKING:
    from app.workspace.facade import Workspace

TITLE = "系统管理"
TAB_SETTINGS = "系统设置"
TAB_DICTIONARIES = "数据字典"
TAB_USERS, TAB_AUDIT, TAB_BACKUPS = "用户", "操作日志", "备份"
DAMAGED_TAB = "数据文件已损坏，这部分内容无法读取。请在“备份”中从备份恢复。"
TAB_HOLIDAYS = "节假日安排"
TAB_PHRASES = "常用语"


class AdminPage(QWidget):
    TITLE = TITLE
    settings_saved = Signal()
    workspace_replaced = Signal(object)  # a restore swapped the database: sign in afresh

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.tabs = QTabWidget(self)
        self.users_tab = self.audit_tab = self.backups_tab = None
        if actor.role >= Role.ADMIN and ws.damaged:  # what the administrator needs first
            self.backups_tab = self._admin_tab("backups")
        self.settings_tab = self._built(lambda: SettingsTab(ws, actor, self), TAB_SETTINGS)
        self.dictionary_tab = self._built(lambda: DictionaryTab(ws, actor, self), TAB_DICTIONARIES)
        self.holiday_tab = self._built(lambda: HolidayTab(ws, actor, self), TAB_HOLIDAYS)
        self.phrases_tab = self._built(lambda: PhrasesTab(ws, actor, self), TAB_PHRASES)
        if isinstance(self.settings_tab, SettingsTab):
            self.settings_tab.settings_saved.connect(self.settings_saved)
        if actor.role >= Role.ADMIN:
            self.users_tab = self._admin_tab("users")
            self.audit_tab = self._admin_tab("audit")
            if self.backups_tab is None:
                self.backups_tab = self._admin_tab("backups")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.tabs)

    def _admin_tab(self, key: str) -> QWidget | None:
        from ui.pages.admin_audit import AuditTab
        from ui.pages.admin_backups import BackupsTab
        from ui.pages.admin_users import UsersTab

        kind, label = {"users": (UsersTab, TAB_USERS), "audit": (AuditTab, TAB_AUDIT),
                       "backups": (BackupsTab, TAB_BACKUPS)}[key]
        tab = self._built(lambda: kind(self.ws, self.actor, self), label)
        if isinstance(tab, BackupsTab):
            tab.workspace_replaced.connect(self.workspace_replaced)
        return tab if isinstance(tab, kind) else None

    def _built(self, make, label: str) -> QWidget:  # noqa: ANN001
        """The tab, added. On a damaged file only 备份 (which restores) is built; the others say
        why they are empty instead of failing on the first read."""
        if self.ws.damaged and label != TAB_BACKUPS:  # tabs read their data lazily, too
            widget = QLabel(DAMAGED_TAB, self)
            widget.setWordWrap(True)
        else:
            widget = make()
        self.add_tab(widget, label)
        return widget

    def add_tab(self, widget: QWidget, label: str) -> None:
        self.tabs.addTab(widget, label)

    def show_tab(self, label: str) -> bool:
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index) == label:
                self.tabs.setCurrentIndex(index)
                return True
        return False

    def apply_navigation(self, filters: dict) -> None:
        """{"tab": "holidays", "year": Y}: that year's 放假 arrangements (a reminder on 首页);
        {"tab": "users"} or {"tab": "backups"}: that tab (首页's first-week list)."""
        if filters.get("tab") == "holidays" and isinstance(self.holiday_tab, HolidayTab):
            self.tabs.setCurrentWidget(self.holiday_tab)
            if filters.get("year"):
                self.holiday_tab.show_year(filters["year"])
        tab = {"users": self.users_tab, "backups": self.backups_tab}.get(filters.get("tab", ""))
        if tab is not None:
            self.tabs.setCurrentWidget(tab)

    def is_ready(self) -> bool:
        return self.audit_tab is None or self.audit_tab.is_ready()
