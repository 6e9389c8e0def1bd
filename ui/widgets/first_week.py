"""首页's 第一周 list for a new workspace (app/first_week.py): the five things an office sets up
first, each ticked as soon as it is done, each with a button to where it is done; an
administrator's 不再显示 puts it away. Read off the GUI thread; hidden when there is nothing to
show (an older workspace, dismissed, all done, or a user who is not an administrator).
app.first_week (the ORM models behind it) is imported by the worker: 首页 paints first."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.auth import Actor, Role
from app.errors import QingfengError
from ui import messages
from ui.workers import run_task

if TYPE_CHECKING:
    from app import first_week
    from app.workspace.facade import Workspace

HEADING = "新工作区的第一周"
INTRO = "按顺序做完这几件事，程序就能正常使用了。做完的事会自动打勾。"
PROGRESS = "已完成 {done} / {total}"
GO, READ = "去设置", "查看说明"
DISMISS, DISMISS_TIP = "不再显示", "以后不再在首页显示这份清单（可在使用说明“开始使用”中再看）"
DONE_MARK, TODO_MARK = "✔", "○"
STYLE = """
QFrame#firstWeek { background: #fffaf0; border: 1px solid #f0d9a8; border-radius: 4px; }
QLabel#firstWeekHeading { font-size: 12pt; font-weight: bold; color: #8a5a00; border: none; }
QLabel { border: none; }
"""


class FirstWeekList(QFrame):
    navigate_requested = Signal(str, dict)
    loaded = Signal()

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.state: first_week.FirstWeek | None = None
        self._loading = False
        self.setObjectName("firstWeek")
        self.setStyleSheet(STYLE)
        heading = QLabel(HEADING, self)
        heading.setObjectName("firstWeekHeading")
        self.progress_label = QLabel(self)
        self.progress_label.setStyleSheet("color: #8a5a00;")
        self.dismiss_button = QPushButton(DISMISS, self)
        self.dismiss_button.setToolTip(DISMISS_TIP)
        self.dismiss_button.clicked.connect(self.dismiss)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.progress_label)
        top.addStretch(1)
        top.addWidget(self.dismiss_button)
        intro = QLabel(INTRO, self)
        intro.setStyleSheet("color: #555;")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addWidget(intro)
        layout.addLayout(self.grid)
        self.hide()

    def is_ready(self) -> bool:
        return not self._loading

    def refresh(self) -> None:
        """Reads the steps in the background (administrators only: they set the office up)."""
        if self.actor.role < Role.ADMIN or self._loading:
            return
        self._loading = True
        ws = self.ws

        def work(_progress: Any) -> first_week.FirstWeek:
            from app import first_week  # the ORM models: after the first paint (start-up time)

            with ws.reading() as session:
                return first_week.first_week(session, ws.today(), file_backups=ws.is_sqlite)

        run_task(self, work, on_done=self._show, on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        self.loaded.emit()
        messages.show_error(self, error)

    def _show(self, state: first_week.FirstWeek) -> None:
        self._loading = False
        self.state = state
        self._fill(state)
        self.loaded.emit()

    def _fill(self, state: first_week.FirstWeek) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        if not state.shown:
            self.hide()
            return
        for row, step in enumerate(state.steps):
            mark = QLabel(DONE_MARK if step.done else TODO_MARK, self)
            mark.setStyleSheet(f"color: {'#1e7b34' if step.done else '#999'}; font-weight: bold;")
            label = QLabel(f"{row + 1}. {step.label}", self)
            label.setStyleSheet("color: #888;" if step.done else "font-weight: bold;")
            hint = QLabel(step.hint, self)
            hint.setStyleSheet("color: #888;" if step.done else "color: #444;")
            button = QPushButton(READ if step.page == "help" else GO, self)
            button.clicked.connect(lambda _c=False, s=step: self.navigate_requested.emit(s.page, dict(s.filters)))
            for column, widget in enumerate((mark, label, hint, button)):
                self.grid.addWidget(widget, row, column)
        self.grid.setColumnStretch(2, 1)
        done = sum(step.done for step in state.steps)
        self.progress_label.setText(PROGRESS.format(done=done, total=len(state.steps)))
        self.dismiss_button.setEnabled(not self.ws.read_only)
        self.show()

    def dismiss(self) -> None:
        from app import first_week

        try:
            with self.ws.writing() as session:
                first_week.dismiss(session, self.actor)
        except QingfengError as exc:
            messages.warn(self, str(exc))
            return
        self.hide()
