"""The 廉政教育 form: date, form, theme, organiser (the 局党组 or a unit), place, speaker, the case
studied (for 以案释法 and 警示教育 first), the people who took part (by unit, one by one, or from a
签到表; 人次 counted), what was done, the materials attached."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.dictionaries import load_vocabulary
from app.registers.education import write as education_write
from app.registers.education.cases import CLUE, SANCTION, own_cases
from app.registers.education.query import recent_speakers
from app.registers.education.rules import BUREAU, CASE_FORMS
from app.registers.education.types import ENTITY, EducationDraft, EducationRow
from app.registers.units.query import list_units
from ui.dialogs.form import FormDialog
from ui.widgets.attachment_list import AttachmentList
from ui.widgets.attendee_list import AttendeeList
from ui.widgets.combos import DictCombo, SearchCombo
from ui.widgets.dates import DateEdit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE_NEW, TITLE_EDIT = "登记廉政教育", "廉政教育 — {summary}"
L_DATE, L_FORM, L_THEME, L_ORGANISER, L_PLACE, L_SPEAKER, L_CASE = (
    "活动日期", "教育形式", "主题", "组织单位", "地点", "主讲人", "案例")
L_PEOPLE, L_CONTENT, L_FILES, L_NOTES, L_OWN = "参加人员", "主要内容", "材料", "备注", "身边案例"
NO_OWN_CASE = "（不是本系统的案例）"
CASE_HINT = "以案释法、警示教育所学的案例；身边事写明当事单位和处理结果"
BUREAU_ID = -1


class EducationDialog(FormDialog):
    def __init__(self, ws: Workspace, actor: Actor, row: EducationRow | None = None, *,
                 parent: QWidget | None = None, read_only: bool = False) -> None:
        super().__init__(ws, actor, TITLE_EDIT.format(summary=row.summary) if row else TITLE_NEW, parent,
                         read_only=read_only)
        self.row = row
        today = ws.today()
        with ws.reading() as session:
            vocab = load_vocabulary(session)
            units = list_units(session, include_inactive=False)
            speakers = recent_speakers(session)
            cases = own_cases(session, actor, today)
        self.date_edit = DateEdit(row.held_on if row else today, self, latest=today)
        self.form_combo = DictCombo(vocab, "education_form", optional=False, parent=self)
        self.theme_edit = QLineEdit(self)
        self.organiser_combo = SearchCombo(self)
        choices = [(BUREAU, BUREAU_ID)] if actor.unit_ids is None else []
        choices += [(u.name, u.id) for u in units if actor.may_touch_unit(u.id)]
        self.organiser_combo.set_items(choices, choices[0][1] if choices else None)
        self.place_edit = QLineEdit(self)
        self.speaker_edit = QLineEdit(self)
        self.speaker_edit.setCompleter(QCompleter(speakers, self.speaker_edit))
        self.case_edit = QPlainTextEdit(self)
        self.case_edit.setPlaceholderText(CASE_HINT)
        self.case_edit.setFixedHeight(self.fontMetrics().height() * 2 + 14)
        self.case_edit.setTabChangesFocus(True)
        self.own_combo = SearchCombo(self)  # 身边事: a 处分 or 问题线索 of our own
        self.own_combo.set_items([(NO_OWN_CASE, "")] + [(c.label, f"{c.kind}:{c.id}") for c in cases], "")
        self._own_texts = {f"{c.kind}:{c.id}": c.case_text for c in cases}
        self.own_combo.activated.connect(lambda _i: self._own_case_chosen())
        self.attendees = AttendeeList(ws, actor, self)
        self.content_edit = QPlainTextEdit(self)
        self.content_edit.setFixedHeight(self.fontMetrics().height() * 2 + 14)
        self.content_edit.setTabChangesFocus(True)
        self.attachments = AttachmentList(ws, actor, ENTITY, self, read_only=self.read_only)
        self.notes_edit = QLineEdit(self)
        left = self.field_form
        right = self.add_form(self)
        for label, widget, field in ((L_DATE, self.date_edit, "held_on"), (L_FORM, self.form_combo, "form"),
                                     (L_THEME, self.theme_edit, "theme"),
                                     (L_ORGANISER, self.organiser_combo, "organiser_id"),
                                     (L_PLACE, self.place_edit, "place"), (L_SPEAKER, self.speaker_edit, "speaker"),
                                     (L_CASE, self.case_edit, "case_text"), (L_OWN, self.own_combo, "case_sanction_id"),
                                     (L_CONTENT, self.content_edit, "content"),
                                     (L_FILES, self.attachments, "attachments"), (L_NOTES, self.notes_edit, "notes")):
            self.add_row(label, widget, field)
        right.add_row(L_PEOPLE, self.attendees, "participants")
        self._columns(left, right)
        self.finish_layout()
        self.form_combo.currentIndexChanged.connect(lambda _i: self._case_first())
        if row is not None:
            self.form_combo.set_code(row.form)
            self.theme_edit.setText(row.theme)
            self.organiser_combo.set_current_data(BUREAU_ID if row.organiser_id is None else row.organiser_id)
            self.place_edit.setText(row.place)
            self.speaker_edit.setText(row.speaker)
            self.case_edit.setPlainText(row.case_text)
            if row.case_sanction_id or row.case_clue_id:
                self.own_combo.set_current_data(f"{SANCTION}:{row.case_sanction_id}" if row.case_sanction_id
                                                else f"{CLUE}:{row.case_clue_id}")
            self.attendees.set_participants(row.participants)
            self.content_edit.setPlainText(row.content)
            self.notes_edit.setText(row.notes)
        self.attachments.load(row.id if row else None)
        self.resize(1080, 620)

    def _columns(self, left: QWidget, right: QWidget) -> None:
        """The record's fields on the left, the participants beside them."""
        row = QHBoxLayout()
        self.body.removeWidget(left)
        fields = QVBoxLayout()  # the fields keep their height; the list takes what is left
        fields.addWidget(left)
        fields.addStretch(1)
        row.addLayout(fields, 5)
        row.addWidget(right, 6)
        self.body.insertLayout(0, row)

    def _own_case_chosen(self) -> None:
        chosen = self.own_combo.current_data()
        if chosen and not self.case_edit.toPlainText().strip():
            self.case_edit.setPlainText(self._own_texts.get(chosen, ""))

    def _case_first(self) -> None:
        if self.form_combo.code() in CASE_FORMS and not self.case_edit.toPlainText().strip():
            self.case_edit.setFocus()

    def draft(self) -> EducationDraft:
        organiser = self.organiser_combo.current_data()
        kind, _, number = (self.own_combo.current_data() or "").partition(":")
        own = (kind, int(number) if number else None)
        return EducationDraft(
            held_on=self.date_edit.value(), form=self.form_combo.code(), theme=self.theme_edit.text(),
            participants=self.attendees.participants(),
            organiser_id=None if organiser in (None, BUREAU_ID) else organiser,
            case_text=self.case_edit.toPlainText(),
            case_sanction_id=own[1] if own[0] == SANCTION else None,
            case_clue_id=own[1] if own[0] == CLUE else None,
            place=self.place_edit.text(), speaker=self.speaker_edit.text(), content=self.content_edit.toPlainText(),
            notes=self.notes_edit.text(), files=self.attachments.changes(), correction_reason=self.correction_reason,
            id=self.row.id if self.row else None, version=self.row.version if self.row else None)

    def save_record(self, session: Session) -> int:
        return education_write.save_session(session, self.actor, self.draft(), self.ws.today())
