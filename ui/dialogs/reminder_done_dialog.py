"""标记已办: how the reminder was handled (e.g. 已通过办公系统推送); who and when are recorded by
the service. The reminder leaves the open list and stays in 已办记录."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from app import reminders as rem
from app.auth import Actor
from ui.dialogs.form import NOTE_STYLE, FormDialog

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.workspace.facade import Workspace

TITLE = "标记已办"
L_WHAT, L_HOW = "提醒事项", "办理方式"
HOW_CHOICES = ("已通过办公系统推送", "已发送廉政提醒短信", "已电话督促", "已当面提醒", "已发督办函",
               "已组织复核", "已完成回访", "已告知组织人事部门")
HOW_HINT = "可从列表中选择，也可直接填写；办理人和办理时间自动记录。"
FESTIVAL_KIND = "节前廉政提醒"


class ReminderDoneDialog(FormDialog):
    def __init__(self, ws: Workspace, actor: Actor, reminder: rem.Reminder,
                 parent: QWidget | None = None) -> None:
        super().__init__(ws, actor, TITLE, parent)
        self.reminder = reminder
        what = QLabel(f"{reminder.kind}：{reminder.title}", self)
        what.setWordWrap(True)
        self.how_combo = QComboBox(self)
        self.how_combo.setEditable(True)
        self.how_combo.addItems(HOW_CHOICES)
        self.how_combo.setCurrentIndex(0 if reminder.kind == FESTIVAL_KIND else -1)
        self.how_combo.setMinimumWidth(320)
        hint = QLabel(HOW_HINT, self)
        hint.setStyleSheet(NOTE_STYLE)
        self.add_row(L_WHAT, what)
        self.add_row(L_HOW, self.how_combo, "how", hint=hint)
        self.finish_layout()
        self.how_combo.setFocus()

    def how(self) -> str:
        return self.how_combo.currentText()

    def draft_scope(self) -> str:
        return self.reminder.key  # one title for every reminder: the key tells them apart

    def save_record(self, session: Session) -> int:
        rem.mark_done(session, self.actor, self.reminder.key, self.how(), kind=self.reminder.kind,
                      title=self.reminder.title)
        return 0
