"""`DraftList` (首页): every unsaved draft of the signed-in clerk, newest first — what form, when,
for whom. Enter or 恢复 opens the form with it (on its register's page); Delete or 删除… asks,
then deletes it. Hidden while there are none. A draft of a form no page reopens (a step of a
finding, a 提醒谈话 of a 报备) is restored by opening that form again; here it can be deleted."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.pages.registry import FORM_PAGES
from ui.widgets.draft_bar import ask_delete, draft_line

if TYPE_CHECKING:
    from app.drafts import SavedDraft

TITLE = "未保存的草稿（{n}）"
RESTORE, DELETE = "恢复", "删除…"
ELSEWHERE = "（在原表单中打开时恢复）"
KEY_ROLE = Qt.ItemDataRole.UserRole


class DraftList(QGroupBox):
    restore_requested = Signal(str, str)  # page, draft key
    delete_requested = Signal(str)

    def __init__(self, pages: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = pages
        self.drafts: list[SavedDraft] = []
        self.list = QListWidget(self)
        self.list.setMaximumHeight(self.fontMetrics().height() * 5 + 12)
        self.list.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self.restore_current())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.restore_button = QPushButton(RESTORE, self)
        self.delete_button = QPushButton(DELETE, self)
        self.restore_button.clicked.connect(self.restore_current)
        self.delete_button.clicked.connect(self.delete_current)
        buttons = QVBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        row = QHBoxLayout(self)
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        self.hide()

    def set_drafts(self, drafts: Sequence[SavedDraft]) -> None:
        self.drafts = sorted(drafts, key=lambda d: d.saved_at, reverse=True)
        self.list.clear()
        for draft in self.drafts:
            page = self.page_of(draft)
            item = QListWidgetItem(draft_line(draft) + ("" if page else ELSEWHERE), self.list)
            item.setData(KEY_ROLE, draft.form_key)
            item.setToolTip(draft.meta.get("title", ""))
        self.setTitle(TITLE.format(n=len(self.drafts)))
        if self.drafts:
            self.list.setCurrentRow(0)
        self.setVisible(bool(self.drafts))
        self._update_buttons()

    def page_of(self, draft: SavedDraft) -> str:
        page = FORM_PAGES.get(draft.form_key.split(":", 1)[0], "")
        return page if page in self.pages else ""

    def current(self) -> SavedDraft | None:
        row = self.list.currentRow()
        return self.drafts[row] if 0 <= row < len(self.drafts) else None

    def restore_current(self) -> None:
        draft = self.current()
        if draft is not None and self.page_of(draft):
            self.restore_requested.emit(self.page_of(draft), draft.form_key)

    def delete_current(self) -> None:
        draft = self.current()
        if draft is not None and ask_delete(self, draft):
            self.delete_requested.emit(draft.form_key)

    def _update_buttons(self) -> None:
        draft = self.current()
        self.restore_button.setEnabled(draft is not None and bool(self.page_of(draft)))
        self.delete_button.setEnabled(draft is not None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        if watched is self.list and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Delete:
            self.delete_current()
            return True
        return super().eventFilter(watched, event)
