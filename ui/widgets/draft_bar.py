"""Bars above a register's table. `DraftBar`: the unsaved drafts of the register's form — a line
saying how many and the newest, and buttons reached by Tab: 恢复 (opens the form with the newest
draft) and 删除 (asks, then deletes it); hidden while there are none. `draft_line` words a draft
the same way here and on 首页. `OnlyBar`: the table shows only what an import brought."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ui import messages

if TYPE_CHECKING:
    from app.drafts import SavedDraft

NOTICE = "有 {n} 份未保存的{what}草稿，最近一份：{newest}"
DRAFT_LINE = "{when} {what}{summary}"
RESTORE, DELETE = "恢复草稿", "删除草稿…"
ASK_DELETE = "删除这份草稿吗？\n{line}\n删除后其中的内容不能再恢复。"
STYLE = "QWidget#draftBar { background: #fff6d5; border: 1px solid #ecd9a0; }"


def draft_line(draft: SavedDraft) -> str:
    # start-up time: 首页 shows this list before the drafts (and the ORM models) are imported
    from ui.dialogs.drafted import local_time

    what = draft.meta.get("what") or draft.meta.get("title") or draft.form_key.split(":", 1)[0]
    return DRAFT_LINE.format(when=local_time(draft.saved_at), what=what, summary=draft.meta.get("summary", ""))


def ask_delete(parent: QWidget, draft: SavedDraft) -> bool:
    return messages.ask(parent, ASK_DELETE.format(line=draft_line(draft)), DELETE.rstrip("…"))


class DraftBar(QWidget):
    restore_requested = Signal(str)  # the draft's key
    delete_requested = Signal(str)

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftBar")
        self.setStyleSheet(STYLE)
        self.what = what
        self.drafts: list[SavedDraft] = []
        self.label = QLabel(self)
        self.restore_button = QPushButton(RESTORE, self)
        self.delete_button = QPushButton(DELETE, self)
        self.restore_button.clicked.connect(lambda: self.drafts and self.restore_requested.emit(self.drafts[-1].form_key))
        self.delete_button.clicked.connect(self._delete)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 3, 8, 3)
        row.addWidget(self.label, 1)
        row.addWidget(self.restore_button)
        row.addWidget(self.delete_button)
        self.hide()

    def set_drafts(self, drafts: Sequence[SavedDraft]) -> None:
        self.drafts = list(drafts)
        if self.drafts:
            self.label.setText(NOTICE.format(n=len(self.drafts), what=self.what, newest=draft_line(self.drafts[-1])))
        self.setVisible(bool(self.drafts))

    def _delete(self) -> None:
        if self.drafts and ask_delete(self, self.drafts[-1]):
            self.delete_requested.emit(self.drafts[-1].form_key)


ONLY_STYLE = "QWidget#onlyBar { background: #e8f3e8; border: 1px solid #b9d8b9; }"
SHOW_ALL = "显示全部记录"


class OnlyBar(QWidget):
    """Above a register's table after an import: "正在显示刚导入的 8 条记录" and 显示全部."""

    show_all = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onlyBar")
        self.setStyleSheet(ONLY_STYLE)
        self.label = QLabel(self)
        self.button = QPushButton(SHOW_ALL, self)
        self.button.clicked.connect(self.show_all)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 3, 8, 3)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self.hide()

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.show()
