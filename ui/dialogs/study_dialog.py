"""The 专题研究 form: when, which meeting, whose (the 局党组, or a unit's 班子), the topics, who
presided and reported, who attended, what was decided, the minutes attached."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCompleter, QLineEdit, QPlainTextEdit, QWidget

from app.dictionaries import load_vocabulary
from app.registers.studies import write as studies_write
from app.registers.studies.query import recent_people
from app.registers.studies.types import ENTITY, PARTY_GROUP, StudyDraft, StudyRow
from app.registers.units.query import list_units
from ui.dialogs.form import FormDialog
from ui.widgets.attachment_list import AttachmentList
from ui.widgets.combos import DictCombo, SearchCombo
from ui.widgets.dates import DateEdit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE_NEW, TITLE_EDIT = "登记专题研究", "专题研究 — {summary}"
L_DATE, L_MEETING, L_UNIT, L_TOPICS = "会议日期", "会议形式", "研究主体", "研究议题"
L_PRESIDED, L_REPORTER, L_ATTENDEES, L_DECISIONS, L_FILES, L_NOTES = (
    "主持人", "汇报人", "参会人员", "研究决定", "会议纪要", "备注")
TOPICS_HINT = "如：传达学习省纪委全会精神，研究部署本年度党风廉政建设工作"
PARTY = -1  # the combo's value of the 局党组


def _text_box(parent: QWidget, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setFixedHeight(parent.fontMetrics().height() * lines + 14)
    box.setTabChangesFocus(True)
    return box


class StudyDialog(FormDialog):
    def __init__(self, ws: Workspace, actor: Actor, row: StudyRow | None = None, *,
                 parent: QWidget | None = None, read_only: bool = False) -> None:
        super().__init__(ws, actor, TITLE_EDIT.format(summary=row.summary) if row else TITLE_NEW, parent,
                         read_only=read_only)
        self.row = row
        today = ws.today()
        with ws.reading() as session:
            vocab = load_vocabulary(session)
            units = list_units(session, include_inactive=False)
            names = recent_people(session)
        self.date_edit = DateEdit(row.held_on if row else today, self, latest=today)
        self.meeting_combo = DictCombo(vocab, "study_meeting", optional=False, parent=self)
        self.unit_combo = SearchCombo(self)
        choices = ([(PARTY_GROUP, PARTY)] if actor.unit_ids is None else [])
        choices += [(u.name, u.id) for u in units if actor.may_touch_unit(u.id)]
        self.unit_combo.set_items(choices, choices[0][1] if choices else None)
        self.topics_edit = _text_box(self, 3)
        self.topics_edit.setPlaceholderText(TOPICS_HINT)
        self.presided_edit, self.reporter_edit = QLineEdit(self), QLineEdit(self)
        for edit in (self.presided_edit, self.reporter_edit):
            edit.setCompleter(QCompleter(names, edit))
        self.attendees_edit = _text_box(self, 2)
        self.decisions_edit = _text_box(self, 4)
        self.attachments = AttachmentList(ws, actor, ENTITY, self, read_only=self.read_only)
        self.notes_edit = QLineEdit(self)
        for label, widget, field in ((L_DATE, self.date_edit, "held_on"), (L_MEETING, self.meeting_combo, "meeting"),
                                     (L_UNIT, self.unit_combo, "unit_id"), (L_TOPICS, self.topics_edit, "topics"),
                                     (L_PRESIDED, self.presided_edit, "presided"),
                                     (L_REPORTER, self.reporter_edit, "reporter"),
                                     (L_ATTENDEES, self.attendees_edit, "attendees"),
                                     (L_DECISIONS, self.decisions_edit, "decisions"),
                                     (L_FILES, self.attachments, "attachments"), (L_NOTES, self.notes_edit, "notes")):
            self.add_row(label, widget, field)
        self.finish_layout()
        if row is not None:
            self.meeting_combo.set_code(row.meeting)
            self.unit_combo.set_current_data(PARTY if row.unit_id is None else row.unit_id)
            self.topics_edit.setPlainText(row.topics)
            self.presided_edit.setText(row.presided)
            self.reporter_edit.setText(row.reporter)
            self.attendees_edit.setPlainText(row.attendees)
            self.decisions_edit.setPlainText(row.decisions)
            self.notes_edit.setText(row.notes)
        self.attachments.load(row.id if row else None)
        self.resize(max(self.sizeHint().width(), 620), self.sizeHint().height())

    def draft(self) -> StudyDraft:
        unit = self.unit_combo.current_data()
        return StudyDraft(
            held_on=self.date_edit.value(), meeting=self.meeting_combo.code(), topics=self.topics_edit.toPlainText(),
            unit_id=None if unit in (None, PARTY) else unit, presided=self.presided_edit.text(),
            reporter=self.reporter_edit.text(), attendees=self.attendees_edit.toPlainText(),
            decisions=self.decisions_edit.toPlainText(), notes=self.notes_edit.text(),
            files=self.attachments.changes(), correction_reason=self.correction_reason, id=self.row.id if self.row else None,
            version=self.row.version if self.row else None)

    def save_record(self, session: Session) -> int:
        return studies_write.save_study(session, self.actor, self.draft(), self.ws.today())
