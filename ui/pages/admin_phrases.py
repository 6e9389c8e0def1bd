"""系统管理 › 常用语: the office's phrases for a talk's content, 本人表态 and 后续要求 (a short list),
each for a talk type and reason or for any; the talk form inserts them with Ctrl+J. 录入员 and
管理员 edit them; Enter opens one, 新增 adds one."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.auth import Actor, Role
from app.dictionaries import load_vocabulary
from app.phrases import FIELDS, PhraseRow, list_phrases
from ui.models.columns import (
    CENTER,
    RIGHT,
    Column,
    RowsTableModel,
    active_label,
    muted_unless_active,
)
from ui.widgets.field_form import NOTE_STYLE

if TYPE_CHECKING:
    from app.workspace.facade import Workspace

NEW, EDIT = "新增…", "编辑…"
HELP = "谈话记录的“谈话内容”“本人表态”“后续要求”中按 Ctrl+J 插入；适用于所选谈话类型和事由（不限 = 全部）。"
READ_ONLY = "查阅用户只能查看常用语。"
ANY = "不限"


class _Line:
    """A phrase as the table shows it (labels of its codes)."""

    def __init__(self, row: PhraseRow, labels: dict[tuple[str, str], str]) -> None:
        self.row, self.id, self.text, self.active, self.sort_order = row, row.id, row.text, row.active, row.sort_order
        self.field = FIELDS.get(row.field, row.field)
        self.kind = labels.get(("talk_type", row.kind), ANY) if row.kind else ANY
        self.reason = labels.get(("talk_reason", row.reason), ANY) if row.reason else ANY


COLUMNS = (
    Column("field", "用于", 70), Column("kind", "谈话类型", 90), Column("reason", "谈话事由", 110),
    Column("text", "常用语", 420, tooltip=True), Column("sort_order", "排序", 44, RIGHT),
    Column("active", "状态", 50, CENTER, format=active_label),
)


class PhrasesTab(QWidget):
    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.editable = actor.role >= Role.EDITOR and actor.unit_ids is None and not ws.read_only
        self.model = RowsTableModel(COLUMNS, row_color=muted_unless_active, parent=self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for number, spec in enumerate(COLUMNS):
            self.view.setColumnWidth(number, spec.width + 20)
        self.view.doubleClicked.connect(lambda _i: self.edit_phrase())
        self.view.installEventFilter(self)
        self.new_button, self.edit_button = QPushButton(NEW, self), QPushButton(EDIT, self)
        self.new_button.clicked.connect(self.new_phrase)
        self.edit_button.clicked.connect(self.edit_phrase)
        note = QLabel(HELP if self.editable else READ_ONLY, self)
        note.setStyleSheet(NOTE_STYLE)
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(note)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        with self.ws.reading() as session:  # a short list the office keeps
            vocab = load_vocabulary(session)
            rows = list_phrases(session)
        labels = {(d, e.code): e.label for d in ("talk_type", "talk_reason")
                  for e in vocab.entries(d, include_inactive=True)}
        self.model.set_rows([_Line(r, labels) for r in rows])
        for number, line in enumerate(self.model.rows()):
            if line.id == select_id:
                self.view.selectRow(number)
        self._update_buttons()

    def selected(self) -> PhraseRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0]).row if rows else None

    def _update_buttons(self) -> None:
        self.new_button.setEnabled(self.editable)
        self.edit_button.setEnabled(self.editable and self.selected() is not None)

    def new_phrase(self) -> None:
        from ui.dialogs.phrase_dialog import PhraseDialog

        dialog = PhraseDialog(self.ws, self.actor, parent=self)
        if dialog.exec():
            self.reload(dialog.saved_id)

    def edit_phrase(self) -> None:
        from ui.dialogs.phrase_dialog import PhraseDialog

        phrase = self.selected()
        if phrase is not None and self.editable:
            dialog = PhraseDialog(self.ws, self.actor, phrase, parent=self)
            if dialog.exec():
                self.reload(phrase.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        if watched is self.view and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.edit_phrase()
            return True
        return super().eventFilter(watched, event)
