"""A leader's 述职述廉 form: the year, who reported (a registered person: unit and position kept as
they were), when, the points of the report, the 民主评议 满意度 and 等次, the report attached."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.registers.assessments import write as assessments_write
from app.registers.assessments.types import (
    REPORT_ENTITY,
    LeaderReportDraft,
    LeaderReportRow,
)
from app.vocab import APPRAISAL_RATINGS
from ui.dialogs.form import FormDialog
from ui.widgets.attachment_list import AttachmentList
from ui.widgets.dates import OptionalDate
from ui.widgets.person_picker import PersonPicker

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE_NEW, TITLE_EDIT = "登记述职述廉", "述职述廉 — {name}"
L_YEAR, L_PERSON, L_DATE, L_SUMMARY, L_SATISFACTION, L_RATING, L_FILES, L_NOTES = (
    "年度", "述职人", "述职日期", "述职述廉要点", "民主评议满意度", "评议等次", "述职述廉报告", "备注")
NOT_RATED, NOT_GIVEN, HELD = "未评议", "未测评", "已述职"


class LeaderReportDialog(FormDialog):
    def __init__(self, ws: Workspace, actor: Actor, row: LeaderReportRow | None = None, *,
                 parent: QWidget | None = None, read_only: bool = False, year: int | None = None) -> None:
        super().__init__(ws, actor, TITLE_EDIT.format(name=row.person_name) if row else TITLE_NEW, parent,
                         read_only=read_only)
        self.row = row
        today = ws.today()
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(row.year if row else (year or today.year - 1))
        self.person_picker = PersonPicker(ws, actor, self)
        self.date_edit = OptionalDate(today, HELD, self)
        self.summary_edit = QPlainTextEdit(self)
        self.summary_edit.setFixedHeight(self.fontMetrics().height() * 6 + 14)
        self.summary_edit.setTabChangesFocus(True)
        self.satisfaction_spin = QDoubleSpinBox(self)
        self.satisfaction_spin.setRange(-1, 100)
        self.satisfaction_spin.setDecimals(1)
        self.satisfaction_spin.setSuffix("%")
        self.satisfaction_spin.setSpecialValueText(NOT_GIVEN)
        self.satisfaction_spin.setValue(-1)
        self.rating_combo = QComboBox(self)
        self.rating_combo.addItem(NOT_RATED, "")
        for code, label in APPRAISAL_RATINGS.items():
            self.rating_combo.addItem(label, code)
        self.attachments = AttachmentList(ws, actor, REPORT_ENTITY, self, read_only=self.read_only)
        self.notes_edit = QLineEdit(self)
        for label, widget, field in ((L_YEAR, self.year_spin, "year"), (L_PERSON, self.person_picker, "person_id"),
                                     (L_DATE, self.date_edit, "reported_on"), (L_SUMMARY, self.summary_edit, "summary"),
                                     (L_SATISFACTION, self.satisfaction_spin, "satisfaction"),
                                     (L_RATING, self.rating_combo, "rating"),
                                     (L_FILES, self.attachments, "attachments"), (L_NOTES, self.notes_edit, "notes")):
            self.add_row(label, widget, field)
        self.finish_layout()
        if row is not None:
            self.person_picker.set_person(row.person_id, row.person_display)
            self.date_edit.set_value(row.reported_on)
            self.summary_edit.setPlainText(row.summary)
            self.satisfaction_spin.setValue(-1 if row.satisfaction is None else row.satisfaction)
            self.rating_combo.setCurrentIndex(max(self.rating_combo.findData(row.rating), 0))
            self.notes_edit.setText(row.notes)
        self.attachments.load(row.id if row else None)
        self.resize(max(self.sizeHint().width(), 560), self.sizeHint().height())

    def draft(self) -> LeaderReportDraft:
        satisfaction = self.satisfaction_spin.value()
        return LeaderReportDraft(
            year=self.year_spin.value(), person_id=self.person_picker.person_id(), reported_on=self.date_edit.value(),
            summary=self.summary_edit.toPlainText(), satisfaction=None if satisfaction < 0 else satisfaction,
            rating=self.rating_combo.currentData() or "", notes=self.notes_edit.text(),
            files=self.attachments.changes(), correction_reason=self.correction_reason, id=self.row.id if self.row else None,
            version=self.row.version if self.row else None)

    def save_record(self, session: Session) -> int:
        return assessments_write.save_report(session, self.actor, self.draft(), self.ws.today())
