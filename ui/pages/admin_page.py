"""系统管理: tabs for the settings and the dictionaries; for an administrator also users, the
audit log (操作日志) and backups. Further tabs come with `add_tab`."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.auth import Actor, Role
from ui.pages.admin_dictionaries import DictionaryTab
from ui.pages.admin_settings import SettingsTab

if TYPE_CHECKING:
    from app.workspace import Workspace

TITLE = "系统管理"
TAB_SETTINGS = "系统设置"
TAB_DICTIONARIES = "数据字典"
TAB_USERS, TAB_AUDIT, TAB_BACKUPS = "用户", "操作日志", "备份"


class AdminPage(QWidget):
    TITLE = TITLE
    settings_saved = Signal()
    workspace_replaced = Signal(object)  # a restore swapped the database: sign in afresh

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.tabs = QTabWidget(self)
        self.settings_tab = SettingsTab(ws, actor, self)
        self.settings_tab.settings_saved.connect(self.settings_saved)
        self.dictionary_tab = DictionaryTab(ws, actor, self)
        self.add_tab(self.settings_tab, TAB_SETTINGS)
        self.add_tab(self.dictionary_tab, TAB_DICTIONARIES)
        self.users_tab = self.audit_tab = self.backups_tab = None
        if actor.role >= Role.ADMIN:
            from ui.pages.admin_audit import AuditTab
            from ui.pages.admin_backups import BackupsTab
            from ui.pages.admin_users import UsersTab

            self.users_tab = UsersTab(ws, actor, self)
            self.audit_tab = AuditTab(ws, actor, self)
            self.backups_tab = BackupsTab(ws, actor, self)
            self.backups_tab.workspace_replaced.connect(self.workspace_replaced)
            self.add_tab(self.users_tab, TAB_USERS)
            self.add_tab(self.audit_tab, TAB_AUDIT)
            self.add_tab(self.backups_tab, TAB_BACKUPS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.tabs)

    def add_tab(self, widget: QWidget, label: str) -> None:
        self.tabs.addTab(widget, label)

    def show_tab(self, label: str) -> bool:
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index) == label:
                self.tabs.setCurrentIndex(index)
                return True
        return False

    def is_ready(self) -> bool:
        return self.audit_tab is None or self.audit_tab.is_ready()
