"""The small forms of the rectification workflow: a step (开始整改 … 验收销号, 退回, 重新打开),
a deadline extension (延期) and a progress note (进展). Each saves through the workflow service,
which says what is missing next to the field."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from app.auth import Actor
from app.registers.findings import workflow as wf
from app.registers.findings.types import FindingRow
from app.vocab import FINDING_RESULT, FINDING_TRANSITIONS
from ui.dialogs.form import NOTE_STYLE, FormDialog
from ui.widgets.dates import DateEdit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.workspace.facade import Workspace

STEP_TITLE = "{step} — {code}"
L_ON, L_CLOSED_ON = "办理日期", "销号日期"
L_RESULT, L_ACCEPTED_BY, L_ACCEPTED_ON = "整改结果", "验收人", "验收日期"
L_REASON, L_NOTE = "原因", "说明"
NOTE_HINT = "可选：本步的简要说明"
REASON_HINT = "必填：为什么退回或重新打开"
CLOSE_HINT = "只有“已完成”的问题才能销号；基本完成的，请退回整改并选择验收结论“基本完成”。"
L_VERDICT, VERDICT_HINT = "验收结论", "验收认为基本完成、仍需继续整改的，选“基本完成”。"
EXT_TITLE = "延期 — {code}"
L_CURRENT, L_NEW, L_EXT_REASON, L_ASKED = "现整改时限", "新的整改时限", "延期原因", "申请日期"
EXT_HINT = "原时限和延期原因会保留在延期记录中。"
PROGRESS_TITLE = "添加整改进展 — {code}"
L_NOTED_ON, L_TEXT = "进展日期", "进展情况"


def _text_edit(parent: QWidget, lines: int, placeholder: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setFixedHeight(parent.fontMetrics().height() * lines + 14)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    return edit


class StepDialog(FormDialog):
    """One step of the workflow from the finding's current status to `to_status`."""

    def __init__(self, ws: Workspace, actor: Actor, finding: FindingRow, to_status: str,
                 parent: QWidget | None = None) -> None:
        step = FINDING_TRANSITIONS[(finding.status, to_status)]
        super().__init__(ws, actor, STEP_TITLE.format(step=step, code=finding.code), parent)
        self.finding, self.to_status = finding, to_status
        today = ws.today()
        self.on_edit = DateEdit(today, self, latest=today)
        closing = to_status == "closed"
        back = (finding.status, to_status) in wf.NEEDS_REASON
        self.add_row(L_CLOSED_ON if closing else L_ON, self.on_edit, "on")
        self.result_combo = QComboBox(self)
        self.accepted_by_edit = QLineEdit(self)
        self.accepted_on_edit = DateEdit(today, self, latest=today)
        if closing:
            self.result_combo.addItem("", "")
            for code, label in FINDING_RESULT.items():
                self.result_combo.addItem(label, code)
            hint = QLabel(CLOSE_HINT, self)
            hint.setStyleSheet(NOTE_STYLE)
            self.add_row(L_RESULT, self.result_combo, "result", hint=hint)
            self.add_row(L_ACCEPTED_BY, self.accepted_by_edit, "accepted_by")
            self.add_row(L_ACCEPTED_ON, self.accepted_on_edit, "accepted_on")
        self.returned = (finding.status, to_status) == wf.RETURNED
        if self.returned:
            self.result_combo.addItem("", "")
            self.result_combo.addItem(FINDING_RESULT[wf.MOSTLY], wf.MOSTLY)
            hint = QLabel(VERDICT_HINT, self)
            hint.setStyleSheet(NOTE_STYLE)
            self.add_row(L_VERDICT, self.result_combo, "result", hint=hint)
        # not on the form: kept hidden (they would sit, empty, at its top-left corner)
        hidden = () if closing else (self.accepted_by_edit, self.accepted_on_edit)
        if not closing and not self.returned:
            hidden += (self.result_combo,)
        for widget in hidden:
            widget.hide()
        self.reason_edit = _text_edit(self, 3, REASON_HINT if back else NOTE_HINT)
        self.add_row(L_REASON if back else L_NOTE, self.reason_edit, "reason")
        self.finish_layout()
        self.resize(max(self.sizeHint().width(), 460), self.sizeHint().height())

    def save_record(self, session: Session) -> int:
        closing = self.to_status == "closed"
        wf.change_status(session, self.actor, wf.StatusChange(
            self.finding.id, self.finding.version, self.to_status, self.on_edit.value(),
            reason=self.reason_edit.toPlainText(),
            result=(self.result_combo.currentData() or "") if closing or self.returned else "",
            accepted_by=self.accepted_by_edit.text() if closing else "",
            accepted_on=self.accepted_on_edit.value() if closing else None,
            correction_reason=self.correction_reason), self.ws.today())
        return self.finding.id


class ExtensionDialog(FormDialog):
    def __init__(self, ws: Workspace, actor: Actor, finding: FindingRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(ws, actor, EXT_TITLE.format(code=finding.code), parent)
        self.finding = finding
        today = ws.today()
        current = finding.deadline
        self.add_row(L_CURRENT, QLabel(f"{current:%Y-%m-%d}" if current else "—", self))
        self.new_edit = DateEdit(max(current or today, today), self)
        self.reason_edit = _text_edit(self, 3)
        self.asked_edit = DateEdit(today, self, latest=today)
        hint = QLabel(EXT_HINT, self)
        hint.setStyleSheet(NOTE_STYLE)
        self.add_row(L_NEW, self.new_edit, "new_deadline", hint=hint)
        self.add_row(L_EXT_REASON, self.reason_edit, "reason")
        self.add_row(L_ASKED, self.asked_edit, "on")
        self.finish_layout()
        self.resize(max(self.sizeHint().width(), 460), self.sizeHint().height())

    def save_record(self, session: Session) -> int:
        wf.extend_deadline(session, self.actor, wf.Extension(
            self.finding.id, self.finding.version, self.new_edit.value(), self.reason_edit.toPlainText(),
            self.asked_edit.value(), correction_reason=self.correction_reason), self.ws.today())
        return self.finding.id


class ProgressDialog(FormDialog):
    def __init__(self, ws: Workspace, actor: Actor, finding: FindingRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(ws, actor, PROGRESS_TITLE.format(code=finding.code), parent)
        self.finding = finding
        today = ws.today()
        self.date_edit = DateEdit(today, self, latest=today)
        self.text_edit = _text_edit(self, 4)
        self.add_row(L_NOTED_ON, self.date_edit, "noted_on")
        self.add_row(L_TEXT, self.text_edit, "text")
        self.finish_layout()
        self.resize(max(self.sizeHint().width(), 460), self.sizeHint().height())

    def save_record(self, session: Session) -> int:
        return wf.add_progress(session, self.actor, wf.ProgressNote(
            self.finding.id, self.date_edit.value(), self.text_edit.toPlainText(),
            correction_reason=self.correction_reason), self.ws.today())
