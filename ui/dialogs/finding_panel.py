"""The right half of the finding form: where the finding stands (status, deadline in red or
amber), the workflow steps it may take now, and its history — 进展, 流程记录, 延期记录 — and
佐证材料 (evidence attachments)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import attachments
from app.auth import Role
from app.errors import QingfengError
from app.registers.findings import workflow as wf
from app.registers.findings.types import FindingRow
from app.vocab import FINDING_STATUS, FINDING_TRANSITIONS
from ui import messages
from ui.dialogs.form import (
    CORRECTION_FIELD,
    CORRECTION_HINT,
    CORRECTION_LABEL,
    CORRECTION_TITLE,
)
from ui.models.columns import Column, RowsTableModel
from ui.widgets.attachment_list import open_attachment
from ui.widgets.rows_view import rows_view

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

OVERDUE, DUE_SOON = "#c0392b", "#b9770e"
STATUS_LINE = "当前状态：<b>{status}</b>　整改时限：{deadline}"
OVERDUE_TEXT = "<span style='color:{c}'><b>{day}（已逾期 {n} 天）</b></span>"
DUE_SOON_TEXT = "<span style='color:{c}'><b>{day}（{n} 天后到期）</b></span>"
CLOSED_LINE = "　整改结果：{result}　验收：{by} {on}　销号：{closed}"
NO_DEADLINE = "未设定"
EXTEND, PROGRESS = "延期…", "添加进展…"
TAB_PROGRESS, TAB_STEPS, TAB_EXTENSIONS, TAB_FILES = "整改进展", "流程记录", "延期记录", "佐证材料"
ADD_FILE, OPEN_FILE, REMOVE_FILE = "添加…", "打开", "移除"
ASK_REMOVE = "从本问题中移除附件“{name}”吗？"
FILE_FILTER = "所有文件 (*)"
FILE_TITLE = "选择佐证材料"
NEW_NOTE = "保存后可办理整改流程、添加进展和佐证材料。"

PROGRESS_COLUMNS = (Column("noted_on", "日期", 84), Column("text", "进展情况", 260, tooltip=True),
                    Column("user_name", "记录人", 70))
STEP_COLUMNS = (Column("changed_on", "日期", 84), Column("step", "办理", 130),
                Column("to_status", "办理后状态", 100, format=lambda s: FINDING_STATUS.get(s, s)),
                Column("reason", "原因 / 说明", 220, tooltip=True), Column("user_name", "办理人", 70))
EXTENSION_COLUMNS = (Column("extended_on", "申请日期", 84), Column("old_deadline", "原时限", 84),
                     Column("new_deadline", "新时限", 84), Column("reason", "延期原因", 200, tooltip=True),
                     Column("user_name", "办理人", 70))
FILE_COLUMNS = (Column("filename", "文件名", 260, tooltip=True),
                Column("size", "大小", 70, format=lambda n: f"{max(1, n // 1024)} KB"),
                Column("added_by", "添加人", 70))


def status_html(row: FindingRow) -> str:
    """当前状态 … with the deadline red when overdue, amber when due soon."""
    deadline = f"{row.deadline:%Y-%m-%d}" if row.deadline else NO_DEADLINE
    if row.overdue:
        deadline = OVERDUE_TEXT.format(c=OVERDUE, day=deadline, n=-(row.days_left or 0))
    elif row.due_soon:
        deadline = DUE_SOON_TEXT.format(c=DUE_SOON, day=deadline, n=row.days_left)
    line = STATUS_LINE.format(status=row.status_label, deadline=deadline)
    if row.status == "closed":
        line += CLOSED_LINE.format(result=row.result_label, by=row.accepted_by,
                                   on=f"{row.accepted_on:%Y-%m-%d}" if row.accepted_on else "",
                                   closed=f"{row.closed_on:%Y-%m-%d}" if row.closed_on else "")
    return line


class FindingPanel(QWidget):
    """Shows one finding's state and history; `step_requested(to_status)`, `extend_requested`,
    `progress_requested` ask the dialog to open the small forms."""

    step_requested = Signal(str)
    extend_requested = Signal()
    progress_requested = Signal()
    files_changed = Signal()

    def __init__(self, ws: Workspace, actor: Actor, writable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor, self.writable = ws, actor, writable
        self.row: FindingRow | None = None
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self.status_label.setWordWrap(True)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(4)
        self.step_buttons: dict[str, QPushButton] = {}
        for (frm, to), label in FINDING_TRANSITIONS.items():  # one button per step; those of
            button = QPushButton(label, self)                # the current status are shown
            button.clicked.connect(lambda _c=False, t=to: self.step_requested.emit(t))
            self.step_buttons[f"{frm}>{to}"] = button
            self.buttons.addWidget(button)
        self.extend_button = QPushButton(EXTEND, self)
        self.extend_button.clicked.connect(self.extend_requested)
        self.progress_button = QPushButton(PROGRESS, self)
        self.progress_button.clicked.connect(self.progress_requested)
        self.buttons.addWidget(self.extend_button)
        self.buttons.addWidget(self.progress_button)
        self.buttons.addStretch(1)
        self.progress_model = RowsTableModel(PROGRESS_COLUMNS, parent=self)
        self.steps_model = RowsTableModel(STEP_COLUMNS, parent=self)
        self.extensions_model = RowsTableModel(EXTENSION_COLUMNS, parent=self)
        self.files_model = RowsTableModel(FILE_COLUMNS, parent=self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(rows_view(self.progress_model, self, stretch=1, wrap=False), TAB_PROGRESS)
        self.tabs.addTab(rows_view(self.steps_model, self, stretch=3, wrap=False), TAB_STEPS)
        self.tabs.addTab(rows_view(self.extensions_model, self, stretch=3, wrap=False), TAB_EXTENSIONS)
        self.tabs.addTab(self._files_tab(), TAB_FILES)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status_label)
        layout.addLayout(self.buttons)
        layout.addWidget(self.tabs, 1)
        self.show_new()

    def _files_tab(self) -> QWidget:
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        self.files_view = rows_view(self.files_model, holder, stretch=0, wrap=False)
        column.addWidget(self.files_view, 1)
        row = QHBoxLayout()
        self.file_buttons = {}
        for key, text, handler in (("add", ADD_FILE, self.add_file), ("open", OPEN_FILE, self.open_file),
                                   ("remove", REMOVE_FILE, self.remove_file)):
            button = QPushButton(text, holder)
            button.clicked.connect(lambda _c=False, h=handler: h())
            self.file_buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        return holder

    # ---- state -----------------------------------------------------------------------------

    def show_new(self) -> None:
        self.row = None
        self.status_label.setText(NEW_NOTE)
        for button in (*self.step_buttons.values(), self.extend_button, self.progress_button,
                       *self.file_buttons.values()):
            button.setVisible(False)

    def show_row(self, row: FindingRow, history: wf.FindingHistory, files: list) -> None:
        self.row = row
        self.status_label.setText(status_html(row))
        for key, button in self.step_buttons.items():
            frm, _to = key.split(">")
            button.setVisible(frm == row.status)
            button.setEnabled(self.writable)
        self.extend_button.setVisible(row.status in ("pending", "in_progress") and row.deadline is not None)
        self.progress_button.setVisible(True)
        for button in (self.extend_button, self.progress_button, self.file_buttons["add"],
                       self.file_buttons["remove"]):
            button.setEnabled(self.writable)
        for button in self.file_buttons.values():
            button.setVisible(True)
        self.progress_model.set_rows(list(reversed(history.progress)))
        self.steps_model.set_rows(list(history.changes))
        self.extensions_model.set_rows(list(history.extensions))
        self.files_model.set_rows(files)
        self.tabs.setTabText(0, f"{TAB_PROGRESS}（{len(history.progress)}）")
        self.tabs.setTabText(2, f"{TAB_EXTENSIONS}（{len(history.extensions)}）")
        self.tabs.setTabText(3, f"{TAB_FILES}（{len(files)}）")

    def visible_steps(self) -> list[str]:
        """Labels of the step buttons offered now (tests, and what a clerk sees)."""
        return [b.text() for b in self.step_buttons.values() if not b.isHidden()]

    # ---- evidence ----------------------------------------------------------------------------

    def _selected_file(self) -> attachments.AttachmentRow | None:
        index = self.files_view.currentIndex()
        return self.files_model.row_at(index) if index.isValid() else None

    def _write(self, change: Callable, reason: str = "") -> bool:
        """`change(session, correction_reason)`; a closed year's evidence asks an administrator
        for the reason of the correction, then tries again."""
        try:
            with self.ws.writing() as session:
                change(session, reason)
        except QingfengError as exc:
            if getattr(exc, "field", "") == CORRECTION_FIELD and not reason and self.actor.role >= Role.ADMIN:
                reason = messages.ask_text(self, CORRECTION_TITLE, CORRECTION_LABEL.format(message=exc.message),
                                           CORRECTION_HINT)
                if reason:
                    return self._write(change, reason)
                return False
            messages.warn(self, str(exc))
            return False
        self.files_changed.emit()
        return True

    @staticmethod
    def _filed_years(row: FindingRow) -> tuple[int, ...]:
        """Evidence belongs to the rectification: a finding closed in a year is filed there."""
        return (row.closed_on.year,) if row.closed_on else ()

    def add_file(self, path: Path | None = None) -> bool:
        row = self.row
        if row is None:
            return False
        path = path or messages.choose_open_path(self, FILE_TITLE, FILE_FILTER)
        if path is None:
            return False
        store = attachments.store_for(self.ws)
        return self._write(lambda s, reason: attachments.attach(
            s, self.actor, store, "findings", row.id, path, unit_id=row.unit_id,
            years=self._filed_years(row), correction_reason=reason))

    def open_file(self) -> None:
        chosen = self._selected_file()
        if chosen is None:
            return
        open_attachment(self, self.ws, chosen.id)

    def remove_file(self) -> None:
        chosen, row = self._selected_file(), self.row
        if chosen is None or row is None:
            return
        if messages.ask(self, ASK_REMOVE.format(name=chosen.filename), REMOVE_FILE):
            self._write(lambda s, reason: attachments.detach(
                s, self.actor, chosen.id, unit_id=row.unit_id, years=self._filed_years(row),
                correction_reason=reason))
