"""`PhraseMenu`: the office's 常用语 (app/phrases.py) for the talk being typed, as a menu at the
text cursor: ↓/↑ choose, Enter inserts where the clerk is typing, Esc closes. A short list read
when asked for."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QPlainTextEdit, QWidget

from app.phrases import phrases_for

if TYPE_CHECKING:
    from app.workspace.facade import Workspace

NONE = "（暂无常用语：可在“系统管理 › 常用语”中添加）"
SHOWN = 60  # characters of a phrase in the menu (the whole of it in the tooltip)


class PhraseMenu(QWidget):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.kind = self.reason = ""
        self.menu: QMenu | None = None
        self.hide()

    def set_scope(self, kind: str, reason: str) -> None:
        self.kind, self.reason = kind, reason

    def pop_up(self, edit: QPlainTextEdit, field: str) -> QMenu:
        """Shows the phrases of `field` at `edit`'s cursor; a choice is inserted there."""
        with self.ws.reading() as session:
            phrases = phrases_for(session, field, self.kind, self.reason)
        menu = QMenu(edit)
        menu.setToolTipsVisible(True)
        for phrase in phrases:
            shown = phrase.text if len(phrase.text) <= SHOWN else phrase.text[:SHOWN - 1] + "…"
            action = menu.addAction(shown)
            action.setToolTip(phrase.text)
            action.triggered.connect(lambda _c=False, text=phrase.text: _insert(edit, text))
        if not phrases:
            menu.addAction(NONE).setEnabled(False)
        elif menu.actions():
            menu.setActiveAction(menu.actions()[0])
        edit.setFocus()
        menu.popup(edit.viewport().mapToGlobal(edit.cursorRect().bottomLeft()))
        self.menu = menu
        return menu


def _insert(edit: QPlainTextEdit, text: str) -> None:
    edit.insertPlainText(text)
    edit.setFocus()
