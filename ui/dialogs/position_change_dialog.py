"""职务变动: a dated event that moves a person (unit, position, rank) and stays as history."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QLineEdit, QPlainTextEdit, QWidget

from app.auth import Actor
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.units import query as units_query
from ui.dialogs.form import FormDialog
from ui.widgets.combos import SearchCombo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.workspace.facade import Workspace

TITLE = "记录职务变动 — {person}"
L_DATE, L_UNIT, L_POSITION, L_RANK = "变动日期", "新单位", "新职务", "新职级"
L_PROMOTION, L_NOTES = "提拔", "备注"
PROMOTION_TEXT = "属于提拔任用（提醒进行任前廉政谈话）"
RANK_HINT = "职级不变可留空"
DATE_FORMAT = "yyyy-MM-dd"


class PositionChangeDialog(FormDialog):
    def __init__(self, ws: Workspace, actor: Actor, person: people_types.PersonRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(ws, actor, TITLE.format(person=person.display), parent)
        self.person = person
        with ws.reading() as session:
            units = units_query.list_units(session, include_inactive=False)
        today = ws.today()
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.unit_combo = SearchCombo(self)
        self.unit_combo.set_items([(u.name, u.id) for u in units], person.unit_id)
        self.position_edit = QLineEdit(person.position, self)
        self.rank_edit = QLineEdit(person.rank, self)
        self.rank_edit.setPlaceholderText(RANK_HINT)
        self.promotion_check = QCheckBox(PROMOTION_TEXT, self)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.add_row(L_DATE, self.date_edit, "changed_on")
        self.add_row(L_UNIT, self.unit_combo, "to_unit_id")
        self.add_row(L_POSITION, self.position_edit, "to_position")
        self.add_row(L_RANK, self.rank_edit, "to_rank")
        self.add_row(L_PROMOTION, self.promotion_check, "is_promotion")
        self.add_row(L_NOTES, self.notes_edit, "notes")
        self.finish_layout()
        self.resize(max(self.sizeHint().width(), 480), self.sizeHint().height())

    def save_record(self, session: Session) -> int:
        draft = people_types.PositionChangeDraft(
            person_id=self.person.id, changed_on=self.date_edit.date().toPython(),
            to_unit_id=self.unit_combo.current_data(), to_position=self.position_edit.text(),
            to_rank=self.rank_edit.text(), is_promotion=self.promotion_check.isChecked(),
            notes=self.notes_edit.toPlainText(), person_version=self.person.version)
        return people_write.record_position_change(session, self.actor, draft, self.ws.today())
