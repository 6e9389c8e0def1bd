"""The 提醒谈话 of a 婚丧喜庆报备: the talk form (谈话记录), prefilled for the report — type 提醒谈话,
reason 婚丧喜庆报备, the reporter as 被谈话人, the points such a talk makes — saved through the
ceremonies service, which records the talk with the talks service and links it to the report in
one transaction (both or neither)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.registers.ceremonies import query as ceremonies_query
from app.registers.ceremonies import write as ceremonies_write
from app.registers.ceremonies.types import CeremonyRow
from ui.dialogs.talk_dialog import TalkDialog

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE = "登记提醒谈话 — {summary}"


class CeremonyTalkDialog(TalkDialog):
    """The talk form for one report; `saved(talk_id)` once the talk is recorded and linked."""

    def __init__(self, ws: Workspace, actor: Actor, report: CeremonyRow, parent: QWidget | None = None,
                 **kw: object) -> None:
        self.report = report
        super().__init__(ws, actor, None, parent, prefill=ceremonies_query.reminder_talk_draft(report, ws.today()), **kw)
        self.setWindowTitle(TITLE.format(summary=report.summary))
        if self.save_new_button is not None:  # one talk per report
            self.save_new_button.hide()

    def draft_scope(self) -> str:
        return f"report{self.report.id}"

    def draft_record_id(self) -> int | None:
        return None

    def save_record(self, session: Session) -> int:
        """One call of the ceremonies service: the talk (with its attachments) and its link."""
        return ceremonies_write.create_reminder_talk(session, self.actor, self.report.id, self.report.version,
                                                     self.draft(), self.ws.today())

    def save_and_new(self) -> bool:
        return self.save()


def record_reminder_talk(parent: QWidget, ws: Workspace, actor: Actor, report: CeremonyRow) -> int | None:
    """Opens the form; the new talk's id once saved and linked, None when closed without it."""
    dialog = CeremonyTalkDialog(ws, actor, report, parent)
    return dialog.saved_id if dialog.exec() else None
