"""首页's reminder list: open reminders by urgency, each opening its record; 标记已办 (how),
稍后提醒 (until a day), and 已办记录 — what was done, by whom, when and how — with 重新打开.

The panel shows what the page loaded off the GUI thread (`set_data`); its writes are one small
row each, and `changed` asks the page to load again."""
from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.auth import Actor, Role
from app.errors import QingfengError
from ui import messages
from ui.models.columns import CENTER, Column, RowsTableModel
from ui.widgets.rows_view import rows_view

if TYPE_CHECKING:
    from app import reminders as rem
    from app.workspace.facade import Workspace

HEADING = "待办提醒"
COUNTS = "{label} {n}"
NOTHING = "暂无待办提醒"
DONE_HEADING = "已办记录（最近 {n} 条）"
OPEN, DONE, SNOOZE, REOPEN = "打开记录", "标记已办…", "稍后提醒", "重新打开"
SHOW_DONE, SHOW_OPEN = "已办记录", "返回待办"
SNOOZE_CHOICES = (("明天", 1), ("三天后", 3), ("一周后", 7), ("一个月后", 30))
SNOOZED_NOTE = "已推迟到 {day:%Y-%m-%d}"
OPEN_TIP = "打开该提醒对应的记录（回车或双击）"
DONE_LIMIT = 200


def _reminders():  # noqa: ANN202
    """app.reminders, imported when the first reminders arrive: the panel is part of the first
    page, painted before the registers behind the reminders are imported (start-up time)."""
    from app import reminders

    return reminders


@functools.cache
def urgency_style(urgency: int) -> tuple[str, str]:
    """(text colour, background) of an urgency."""
    rem = _reminders()
    return {rem.OVERDUE: ("#a02020", "#f8d7d7"), rem.TODAY: ("#7a4b00", "#fde3b0"),
            rem.SOON: ("#6b5a00", "#fff3cc"), rem.INFO: ("#2f4f6f", "#e8eff7")}[urgency]


def _local(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    return moment.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


OPEN_COLUMNS = (
    Column("urgency", "紧急程度", 72, CENTER, format=lambda u: _reminders().URGENCY_LABELS.get(u, ""),
           color=lambda r: urgency_style(r.urgency)[0], background=lambda r: urgency_style(r.urgency)[1]),
    Column("kind", "类别", 96),
    Column("title", "事项", 250, tooltip=True, stretch=True),
    Column("due", "期限", 84, CENTER),
    Column("detail", "说明", 240, tooltip=True),
)
DONE_COLUMNS = (
    Column("done_at", "办理时间", 118, format=_local),
    Column("kind", "类别", 104),
    Column("title", "事项", 250, tooltip=True, stretch=True),
    Column("done_by", "办理人", 72),
    Column("how", "办理方式", 160, tooltip=True),
)


class ReminderPanel(QWidget):
    open_requested = Signal(str, dict)
    changed = Signal()

    def __init__(self, ws: Workspace, actor: Actor, openable: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor, self.openable = ws, actor, openable
        self.heading = QLabel(HEADING, self)
        self.heading.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.counts = QLabel(self)
        self.counts.setStyleSheet("color: #555;")
        self.open_button = QPushButton(OPEN, self)
        self.open_button.setToolTip(OPEN_TIP)
        self.done_button = QPushButton(DONE, self)
        self.snooze_button = QPushButton(SNOOZE, self)
        menu = QMenu(self.snooze_button)
        for label, days in SNOOZE_CHOICES:
            action = QAction(label, menu)
            action.triggered.connect(lambda _c=False, d=days: self.snooze_selected(d))
            menu.addAction(action)
        self.snooze_button.setMenu(menu)
        self.reopen_button = QPushButton(REOPEN, self)
        self.history_button = QPushButton(SHOW_DONE, self)
        self.history_button.setCheckable(True)
        bar = QHBoxLayout()
        bar.addWidget(self.heading)
        bar.addWidget(self.counts)
        bar.addStretch(1)
        for widget in (self.open_button, self.done_button, self.snooze_button, self.reopen_button,
                       self.history_button):
            bar.addWidget(widget)

        self.open_model = RowsTableModel(OPEN_COLUMNS, parent=self)
        self.done_model = RowsTableModel(DONE_COLUMNS, parent=self)
        self.open_view = rows_view(self.open_model, self, single=True, wrap=False, row_height=26)
        self.done_view = rows_view(self.done_model, self, single=True, wrap=False, row_height=26)
        self.empty = QLabel(NOTHING, self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #888; font-size: 11pt;")
        self.stack = QStackedWidget(self)
        for widget in (self.open_view, self.done_view, self.empty):
            self.stack.addWidget(widget)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(bar)
        column.addWidget(self.stack, 1)

        self.open_button.clicked.connect(self.open_selected)
        self.done_button.clicked.connect(self.mark_selected_done)
        self.reopen_button.clicked.connect(self.reopen_selected)
        self.history_button.toggled.connect(lambda _on: self._show())
        self.open_view.activated.connect(lambda _index: self.open_selected())
        self.open_view.doubleClicked.connect(lambda _index: self.open_selected())
        self.open_view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.done_view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._show()

    # ---- data ------------------------------------------------------------------------------

    def set_data(self, open_reminders: list[rem.Reminder], done: list[rem.DoneReminder]) -> None:
        key = getattr(self.selected(), "key", None)
        self.open_model.set_rows(open_reminders)
        self.done_model.set_rows(done)
        by_urgency: dict[int, int] = {}
        for reminder in open_reminders:
            by_urgency[reminder.urgency] = by_urgency.get(reminder.urgency, 0) + 1
        labels = _reminders().URGENCY_LABELS
        self.counts.setText(" · ".join(COUNTS.format(label=labels[u], n=n)
                                       for u, n in sorted(by_urgency.items())))
        if key is None or not self.select_key(key):
            self.open_view.selectRow(0)  # the most urgent: Enter opens it
        self._show()

    def select_key(self, key: str) -> bool:
        model, view = (self.done_model, self.done_view) if self.showing_done() else (self.open_model, self.open_view)
        for row, item in enumerate(model.rows()):
            if item.key == key:
                view.selectRow(row)
                return True
        return False

    def showing_done(self) -> bool:
        return self.history_button.isChecked()

    def selected(self) -> Any:
        model, view = (self.done_model, self.done_view) if self.showing_done() else (self.open_model, self.open_view)
        rows = view.selectionModel().selectedRows()
        return model.row_at(rows[0]) if rows else None

    def _show(self) -> None:
        done = self.showing_done()
        self.history_button.setText(SHOW_OPEN if done else SHOW_DONE)
        self.heading.setText(DONE_HEADING.format(n=self.done_model.rowCount()) if done else HEADING)
        self.counts.setVisible(not done)
        if done:
            self.stack.setCurrentWidget(self.done_view)
        else:
            self.stack.setCurrentWidget(self.open_view if self.open_model.rowCount() else self.empty)
        self._update_buttons()

    def _update_buttons(self) -> None:
        done = self.showing_done()
        writable = self.actor.role >= Role.EDITOR and not self.ws.read_only
        item = self.selected()
        for widget in (self.open_button, self.done_button, self.snooze_button):
            widget.setVisible(not done)
        self.reopen_button.setVisible(done)
        self.open_button.setEnabled(item is not None and not done and item.page in self.openable)
        self.done_button.setEnabled(item is not None and writable)
        self.snooze_button.setEnabled(item is not None and writable)
        self.reopen_button.setEnabled(item is not None and writable)

    # ---- actions ---------------------------------------------------------------------------

    def open_selected(self) -> None:
        item = self.selected()
        if isinstance(item, _reminders().Reminder) and item.page in self.openable:
            self.open_requested.emit(item.page, dict(item.filters))

    def make_done_dialog(self) -> Any:
        """The 标记已办 dialog for the selected reminder (None when none is selected); a save
        asks the page to load again."""
        item = self.selected()
        if not isinstance(item, _reminders().Reminder):
            return None
        from ui.dialogs.reminder_done_dialog import ReminderDoneDialog

        dialog = ReminderDoneDialog(self.ws, self.actor, item, self)
        dialog.accepted.connect(self.changed)
        return dialog

    def mark_selected_done(self) -> None:
        dialog = self.make_done_dialog()
        if dialog is not None:
            dialog.exec()

    def snooze_selected(self, days: int) -> None:
        rem = _reminders()
        item = self.selected()
        if not isinstance(item, rem.Reminder):
            return
        today = self.ws.today()
        self._write(lambda s: rem.snooze(s, self.actor, item.key, today + dt.timedelta(days=days), today,
                                         kind=item.kind, title=item.title))

    def reopen_selected(self) -> None:
        rem = _reminders()
        item = self.selected()
        if isinstance(item, rem.DoneReminder):
            self._write(lambda s: rem.reopen(s, self.actor, item.key))

    def _write(self, fn: Any) -> None:
        try:
            with self.ws.writing() as session:
                fn(session)
        except QingfengError as exc:
            messages.show_error(self, exc)
            return
        self.changed.emit()
