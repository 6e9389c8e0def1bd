"""The main window: navigation on the left, one page per register (created on first show),
a status bar (workspace, user and role, read-only notice; a page's counts are its own, once,
beside its table).
Geometry and the last page are remembered in ui.ini in the workspace folder."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.auth import Actor
from ui.pages.registry import PageSpec, registered_pages
from ui.shortcuts import PAGE_KEYS, make_shortcut
from ui.workers import wait_for_tasks

if TYPE_CHECKING:
    from app.workspace.facade import Workspace

APP_TITLE = "清风台账"
WINDOW_TITLE = "清风台账 — {bureau}"
WORKSPACE = "工作区：{where}"
USER = "用户：{name}（{role}）"
READ_ONLY = "只读：{reason}"
DAMAGED = "数据文件已损坏（{what}），已以只读方式打开，未做任何写入。"
SETTINGS_FILE = "ui.ini"
KEY_GEOMETRY, KEY_STATE, KEY_PAGE = "window/geometry", "window/splitter", "window/page"
DEFAULT_SIZE = QSize(1366, 768)
START_PAGE = "home"
NAV_WIDTH = 150
HELP_BUTTON = "帮助"
HELP_TIP = "使用说明（F1）、快捷键一览（Ctrl+/）、导出使用说明 PDF、新版本说明、关于"
NAV_STYLE = """
QWidget#navPanel { background: #f3f5f8; border-right: 1px solid #d5d9df; }
QLabel#brand { font-size: 14pt; font-weight: bold; color: #a61b1b; padding: 12px 4px 10px 14px; }
QListWidget#navigation { background: transparent; font-size: 11pt; outline: 0; }
QListWidget#navigation::item { padding: 8px 14px; border: 0px; color: #222; }
QListWidget#navigation::item:hover { background: #e4e8ee; }
QListWidget#navigation::item:selected { background: #b8312f; color: white; }
QToolButton#helpButton { border: none; color: #444; padding: 8px 14px; text-align: left; font-size: 10pt; }
QToolButton#helpButton:hover { background: #e4e8ee; }
QToolButton#helpButton::menu-indicator { image: none; width: 0px; }
"""


def ui_settings(ws: Workspace) -> QSettings:
    """ui.ini beside the data (per workspace), or in the user's config folder (server URL)."""
    if ws.data_dir is not None:
        return QSettings(str(Path(ws.data_dir) / SETTINGS_FILE), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "qingfeng-taizhang", "ui")


class MainWindow(QMainWindow):
    page_shown = Signal(str)
    actor_changed = Signal(object)

    def __init__(self, ws: Workspace, actor: Actor, *, remember: bool = True) -> None:
        super().__init__()
        self.ws, self.actor = ws, actor
        self.specs: list[PageSpec] = registered_pages()
        self.pages: dict[str, QWidget] = {}
        self.holders: dict[str, QScrollArea] = {}  # each page in its scroll area
        self._remember = remember
        self.idle_lock: QObject | None = None  # ui.idle_lock.IdleLock, set by ui.app.start_safety
        self.settings = ui_settings(ws)
        self.update_title()

        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(NAV_WIDTH)
        self.nav.setFrameShape(QFrame.Shape.NoFrame)
        for number, spec in enumerate(self.specs):
            item = QListWidgetItem(spec.label, self.nav)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            if number < len(PAGE_KEYS):
                item.setToolTip(PAGE_KEYS[number])
        self.stack = QStackedWidget(self)
        brand = QLabel(APP_TITLE, self)
        brand.setObjectName("brand")
        panel = QWidget(self)
        panel.setObjectName("navPanel")
        panel.setStyleSheet(NAV_STYLE)
        left = QVBoxLayout(panel)
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(0)
        left.addWidget(brand)
        left.addWidget(self.nav, 1)
        self.help_button = QToolButton(panel)
        self.help_button.setObjectName("helpButton")
        self.help_button.setText(HELP_BUTTON + " ▸")
        self.help_button.setToolTip(HELP_TIP)
        self.help_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.help_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.help_button.setFixedWidth(NAV_WIDTH)
        self._help_menu = QMenu(self)  # filled when first shown (start-up time)
        self._help_menu.aboutToShow.connect(lambda: self.help_menu)
        self.help_button.setMenu(self._help_menu)
        left.addWidget(self.help_button)
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(panel)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._on_nav)
        for number in range(min(len(PAGE_KEYS), len(self.specs))):  # Ctrl+1 … Ctrl+0
            make_shortcut(self, "page", lambda n=number: self.nav.setCurrentRow(n), index=number)
        make_shortcut(self, "search_all", self.open_search)
        make_shortcut(self, "shortcuts", self.show_shortcuts)
        self._search = None  # F1: ui.help.context.install_help_key, once the window has painted

        self._build_status_bar()
        self._restore()

    @property
    def help_menu(self) -> QMenu:
        """帮助 ▸ (ui.help.context.help_menu), its actions added on first use: the help's
        modules are imported after the first paint."""
        if not self._help_menu.actions():
            from ui.help.context import fill_help_menu

            fill_help_menu(self._help_menu, self)
        return self._help_menu

    def update_title(self) -> None:
        self.setWindowTitle(WINDOW_TITLE.format(bureau=self.ws.settings.bureau_name))

    # ---- pages -----------------------------------------------------------------------------

    def page_keys(self) -> list[str]:
        return [spec.key for spec in self.specs]

    def show_page(self, key: str) -> bool:
        """Shows the page `key`; False when no such page is registered."""
        keys = self.page_keys()
        if key not in keys:
            return False
        self.nav.setCurrentRow(keys.index(key))
        return True

    def current_key(self) -> str | None:
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def current_page(self) -> QWidget | None:
        key = self.current_key()
        return self.pages.get(key) if key else None

    def page(self, key: str) -> QWidget:
        """The page `key`, created on first use."""
        if key not in self.pages:
            spec = next(s for s in self.specs if s.key == key)
            page = spec.factory(self.ws, self.actor)
            self.pages[key] = page
            self.holders[key] = _scrolling(page)
            self.stack.addWidget(self.holders[key])
            saved = getattr(page, "settings_saved", None)
            if saved is not None:
                saved.connect(self.update_title)
            navigate = getattr(page, "navigate_requested", None)
            if navigate is not None:
                navigate.connect(self.navigate)
            replaced = getattr(page, "workspace_replaced", None)
            if replaced is not None:  # after the emitting page has returned: it is rebuilt
                replaced.connect(lambda _result: QTimer.singleShot(0, self.after_restore))
        return self.pages[key]

    def after_restore(self) -> bool:
        """The database was swapped (a restore): every page showed the old data, and the
        restored file has its own users. Sign in afresh, then rebuild the pages; the window
        closes when nobody signs in."""
        from ui.dialogs.sign_in import SignInDialog

        wait_for_tasks()
        for holder in self.holders.values():
            self.stack.removeWidget(holder)
            holder.deleteLater()
        self.pages.clear()
        self.holders.clear()
        dialog = SignInDialog(self.ws, self.actor.username, self)
        if not dialog.exec():
            self.close()
            return False
        self.set_actor(dialog.actor)
        self.show_start_page()
        return True

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.user_label.setText(USER.format(name=actor.name, role=actor.role.label))
        self.update_title()
        self.show_read_only_notice()
        self.actor_changed.emit(actor)

    def navigate(self, key: str, filters: dict) -> bool:
        """Shows page `key` filtered by `filters` (a chart's bar, a figure on 首页, a reminder).

        A page that accepts filters implements `apply_navigation(filters: dict)`; the keys are the
        page's own (e.g. {"unit_id": 3, "level": 1, "year": 2026}).
        """
        if not self.show_page(key):
            return False
        page = self.page(key)
        if "draft" in filters:  # 首页's list of drafts: the page opens the form with it
            opener = getattr(page, "open_draft", None)
            if opener is not None:
                QTimer.singleShot(0, lambda: opener(filters["draft"]))
            return True
        ending = getattr(page, "end_only", None)
        if ending is not None:
            ending()  # an import's view ends where navigation starts
        apply = getattr(page, "apply_navigation", None)
        if apply is not None:
            apply(dict(filters))
        return True

    def open_search(self) -> QWidget:
        """搜索全部 (Ctrl+K): a hit opens its record through `navigate`; only the registered
        pages' registers are searched."""
        from ui.dialogs.search_dialog import SearchDialog

        if self._search is None:
            self._search = SearchDialog(self.ws, self.actor, set(self.page_keys()), self)
            self._search.open_requested.connect(self.navigate)
        self._search.open()
        self._search.start()
        return self._search

    def show_shortcuts(self) -> QWidget:
        """快捷键一览 (Ctrl+/)."""
        from ui.help.shortcut_sheet import ShortcutSheet

        sheet = ShortcutSheet(self)
        sheet.open()
        return sheet

    def _on_nav(self, row: int) -> None:
        if not 0 <= row < len(self.specs):
            return
        key = self.specs[row].key
        self.page(key)  # created on first show
        self.stack.setCurrentWidget(self.holders[key])
        self.page_shown.emit(key)

    # ---- status bar ------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        if self.ws.data_dir:
            where = tip = str(self.ws.data_dir)
        else:
            from app.workspace.server import describe_server, display_url

            where, tip = describe_server(self.ws.url), display_url(self.ws.url)
        self.workspace_label = QLabel(WORKSPACE.format(where=where), self)
        self.workspace_label.setToolTip(tip)
        self.user_label = QLabel(USER.format(name=self.actor.name, role=self.actor.role.label), self)
        self.read_only_label = QLabel(self)
        self.read_only_label.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.show_read_only_notice()
        bar.addWidget(self.workspace_label)
        bar.addWidget(self.read_only_label)
        bar.addPermanentWidget(self.user_label)

    def show_read_only_notice(self) -> None:
        text = ""
        if self.ws.damaged:
            text = DAMAGED.format(what=self.ws.damaged[:60])
        elif self.ws.read_only:
            text = READ_ONLY.format(reason=self.ws.read_only_reason)
        self.read_only_label.setText(text)
        self.read_only_label.setVisible(bool(text))

    # ---- geometry and last page ------------------------------------------------------------

    def _restore(self) -> None:
        geometry = self.settings.value(KEY_GEOMETRY) if self._remember else None
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(DEFAULT_SIZE)

    def last_page_key(self) -> str | None:
        key = self.settings.value(KEY_PAGE)
        return key if isinstance(key, str) and key in self.page_keys() else None

    def show_start_page(self) -> None:
        """首页 when it exists (what the office opens every morning), else the last page shown."""
        key = START_PAGE if START_PAGE in self.page_keys() else self.last_page_key() if self._remember else None
        if key is None or not self.show_page(key):
            self.nav.setCurrentRow(0)

    def save_state(self) -> None:
        if not self._remember or self.ws.damaged:  # nothing is written beside a damaged file
            return
        self.settings.setValue(KEY_GEOMETRY, self.saveGeometry())
        key = self.current_key()
        if key:
            self.settings.setValue(KEY_PAGE, key)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 — Qt override
        self.save_state()
        wait_for_tasks(10_000)  # a worker's session must end before the workspace closes
        super().closeEvent(event)


def _scrolling(page: QWidget) -> QScrollArea:
    """The page in a frameless scroll area: a window narrower than a page's filter bar scrolls
    that page instead of every page forcing the window wide (a stacked widget takes the widest
    minimum of all its pages)."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(page)
    return area
