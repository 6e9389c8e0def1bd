"""F1 anywhere, and the help menu.

One key filter on the application sees F1 in every window — the main window, every form, every
other dialog — so no window has to ask for it. The chapter is found from where the keyboard is:
walking up from the focused widget, the first window or tab named in ui/help/fields.py (a form,
the import, the annual 排查, 备份…) gives it; in the main window otherwise, the page shown. The
main window shows it on its help page (with a way back); a dialog gets a help window of its
own, beside it and usable while the dialog stays modal.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMenu, QTabWidget, QWidget
from shiboken6 import isValid

from ui.help.fields import chapter_of
from ui.shortcuts import key_text

HELP_PAGE = "help"
START_CHAPTER = "start"
MENU_MANUAL = "使用说明\t{key}"
MENU_SHORTCUTS = "快捷键一览\t{key}"
MENU_PDF = "导出使用说明（PDF）…"
MENU_NOTES = "新版本说明"
MENU_ABOUT = "关于清风台账"


def _class_names(widget: QObject) -> list[str]:
    return [cls.__name__ for cls in type(widget).__mro__]


def _ancestors(widget: QWidget) -> Iterator[QWidget]:
    current: QWidget | None = widget
    while current is not None:
        yield current
        current = current.parentWidget()


def _visible_tab_chapter(root: QWidget) -> str | None:
    """The chapter of the tab shown in `root` (系统管理 › 备份, 报告 › 年度归档…), if it has one."""
    for tabs in root.findChildren(QTabWidget):
        current = tabs.currentWidget()
        if tabs.isVisibleTo(root) and current is not None:
            chapter = chapter_of(_class_names(current))
            if chapter:
                return chapter
    return None


def chapter_for(widget: QWidget, known: set[str]) -> str:
    """The chapter F1 opens from `widget` (one of `known`, else the start chapter)."""
    for node in _ancestors(widget):
        chapter = chapter_of(_class_names(node))
        if chapter is None and isinstance(node, QTabWidget) and node.currentWidget() is not None:
            chapter = chapter_of(_class_names(node.currentWidget()))
        if chapter is None and callable(getattr(node, "current_page", None)):  # the main window
            page = node.current_page()
            chapter = (_visible_tab_chapter(page) if page is not None else None) or node.current_key()
        if chapter in known:
            return chapter
    return START_CHAPTER


def _main_window(widget: QWidget) -> Any:
    window = widget.window()
    return window if callable(getattr(window, "navigate", None)) and HELP_PAGE in window.page_keys() else None


def open_help(widget: QWidget, chapter: str | None = None) -> QWidget:
    """Shows the chapter for `widget` (or `chapter`): on the help page when `widget` is in the
    main window, else in a help window over its dialog. Returns what shows it."""
    from ui.help.manual import chapters

    known = {c.key for c in chapters()}
    key = chapter if chapter in known else chapter_for(widget, known)
    window = _main_window(widget)
    if window is not None:
        back = window.current_key()
        window.navigate(HELP_PAGE, {"chapter": key, "back": back if back != HELP_PAGE else None})
        return window.page(HELP_PAGE)
    from ui.help.window import HelpWindow

    owner = widget.window()
    helper = owner.findChild(HelpWindow, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if helper is None:
        helper = HelpWindow(owner)
    helper.show_chapter(key)
    return helper


class HelpKey(QObject):
    """F1 in any window of the application opens that window's chapter."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_F1 and not event.modifiers()):
            # the key's receiver (the focused widget; the event is offered to it first)
            focus = watched if isinstance(watched, QWidget) else QApplication.focusWidget()
            if focus is not None:
                open_help(focus)
                return True
        return False


_installed: list[HelpKey] = []  # the filter on the running application, once installed


def install_help_key() -> HelpKey | None:
    """Installs the F1 filter on the application, once. (Found again by the reference kept
    here: the application's findChild with a Python class cost 20 ms on the way to the first
    paint — its first call loads PySide's signature support.)"""
    app = QApplication.instance()
    if app is None:
        return None
    if _installed and isValid(_installed[0]) and _installed[0].parent() is app:
        return _installed[0]
    key = HelpKey(app)
    app.installEventFilter(key)
    _installed[:] = [key]
    return key


def fill_help_menu(menu: QMenu, window: Any) -> QMenu:
    """帮助 ▸ for the main window (its navigation panel), added to its `menu`: the manual, the
    shortcut sheet, the PDF, the release notes and 关于, each shown by the help page."""
    menu.addAction(MENU_MANUAL.format(key="F1"), lambda: open_help(window.nav))
    menu.addAction(MENU_SHORTCUTS.format(key=key_text("Ctrl+/")), window.show_shortcuts)
    menu.addSeparator()
    menu.addAction(MENU_PDF, lambda: _on_help_page(window, "export_pdf"))
    menu.addAction(MENU_NOTES, lambda: _on_help_page(window, "show_release_notes"))
    menu.addAction(MENU_ABOUT, lambda: _on_help_page(window, "show_about"))
    return menu


def _on_help_page(window: Any, method: str) -> None:
    getattr(window.page(HELP_PAGE), method)()
