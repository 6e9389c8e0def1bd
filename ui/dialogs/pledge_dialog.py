"""The 责任书 form: year, level, the signing unit — or a person signing for themself (a 班子成员,
a post: name and position taken from the register) —, who signed for the unit, the 责任领导, the
signing date (unticked: not yet signed) and the scanned copy."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from app.dictionaries import load_vocabulary
from app.registers.people.query import get_person, unit_heads
from app.registers.pledges import write as pledges_write
from app.registers.pledges.types import ENTITY, PledgeDraft, PledgeRow
from app.registers.units.query import list_units
from ui.dialogs.form import NOTE_STYLE, FormDialog
from ui.widgets.attachment_list import AttachmentList
from ui.widgets.combos import DictCombo, SearchCombo
from ui.widgets.dates import OptionalDate
from ui.widgets.person_picker import PersonPicker

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE_NEW, TITLE_EDIT = "登记党风廉政建设责任书", "党风廉政建设责任书 — {summary}"
L_YEAR, L_LEVEL, L_UNIT, L_PERSON, L_SIGNER = "年度", "责任书层级", "签订单位", "签订人（个人）", "单位负责人"
L_LEADER, L_SIGNED, L_FILES, L_NOTES = "责任领导", "签订日期", "扫描件", "备注"
PERSON_HINT = "班子成员、岗位人员本人签订时选择；单位签订时留空。"
SIGNED_TEXT = "已签订"
LEADER_HINT = "如局党组书记、分管领导；可从名册选择或直接输入姓名"


class PledgeDialog(FormDialog):
    def __init__(self, ws: Workspace, actor: Actor, row: PledgeRow | None = None, *,
                 parent: QWidget | None = None, read_only: bool = False, year: int | None = None) -> None:
        super().__init__(ws, actor, TITLE_EDIT.format(summary=row.summary) if row else TITLE_NEW, parent,
                         read_only=read_only)
        self.row = row
        today = ws.today()
        with ws.reading() as session:
            vocab = load_vocabulary(session)
            units = list_units(session, include_inactive=False)
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(row.year if row else (year or today.year))
        self.level_combo = DictCombo(vocab, "pledge_level", optional=False, parent=self)
        self.unit_combo = SearchCombo(self)
        self.unit_combo.set_items([(u.name, u.id) for u in units if actor.may_touch_unit(u.id)])
        self.person_picker = PersonPicker(ws, actor, self)
        self.person_picker.person_changed.connect(self._person_chosen)
        person_hint = QLabel(PERSON_HINT, self)
        person_hint.setStyleSheet(NOTE_STYLE)
        self.signer_edit = QLineEdit(self)
        self.leader_picker = PersonPicker(ws, actor, self)
        self.leader_picker.setPlaceholderText(LEADER_HINT)
        self.signed_date = OptionalDate(today, SIGNED_TEXT, self)
        self.attachments = AttachmentList(ws, actor, ENTITY, self, read_only=self.read_only)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.notes_edit.setTabChangesFocus(True)
        self.add_row(L_YEAR, self.year_spin, "year")
        self.add_row(L_LEVEL, self.level_combo, "level")
        self.add_row(L_UNIT, self.unit_combo, "unit_id")
        self.add_row(L_PERSON, self.person_picker, "person_id", hint=person_hint)
        self.add_row(L_SIGNER, self.signer_edit, "signer_name")
        self.add_row(L_LEADER, self.leader_picker, "leader_id")
        self.add_row(L_SIGNED, self.signed_date, "signed_on")
        self.add_row(L_FILES, self.attachments, "attachments")
        self.add_row(L_NOTES, self.notes_edit, "notes")
        self.unit_combo.activated.connect(lambda _i: self._unit_chosen())
        self.finish_layout()
        if row is not None:
            self.level_combo.set_code(row.level)
            self.unit_combo.set_current_data(row.unit_id)
            if row.person_id is not None:
                self.person_picker.set_person(row.person_id, row.signer_text)
            self.signer_edit.setText("" if row.personal else row.signer_name)
            self.leader_picker.set_person(row.leader_id, row.leader_name)
            self.signed_date.set_value(row.signed_on)
            self.notes_edit.setPlainText(row.notes)
        self.attachments.load(row.id if row else None)
        self._person_chosen(self.person_picker.person_id())
        self.resize(max(self.sizeHint().width(), 560), self.sizeHint().height())

    def _person_chosen(self, person_id: int | None) -> None:
        """A person's pledge: their unit, and no one signs for it."""
        self.signer_edit.setEnabled(person_id is None and not self.read_only)
        if person_id is None:
            return
        with self.ws.reading() as session:
            person = get_person(session, person_id)
        self.unit_combo.set_current_data(person.unit_id)

    def _unit_chosen(self) -> None:
        """A unit's pledge: its head signs for it (the clerk may write another name)."""
        unit_id = self.unit_combo.current_data()
        if unit_id is None or self.signer_edit.text().strip() or self.person_picker.person_id() is not None:
            return
        with self.ws.reading() as session:
            head = unit_heads(session, [unit_id]).get(unit_id)
        if head is not None:
            self.signer_edit.setText(head.name)

    def draft(self) -> PledgeDraft:
        leader_id = self.leader_picker.person_id()
        leader_text = self.leader_picker.text().strip()
        return PledgeDraft(
            year=self.year_spin.value(), level=self.level_combo.code(), unit_id=self.unit_combo.current_data(),
            person_id=self.person_picker.person_id(), signer_name=self.signer_edit.text(),
            leader_id=leader_id, leader_name=leader_text.split("（")[0] if leader_id is None else "",
            signed_on=self.signed_date.value(), notes=self.notes_edit.toPlainText(),
            files=self.attachments.changes(), correction_reason=self.correction_reason,
            id=self.row.id if self.row else None, version=self.row.version if self.row else None)

    def save_record(self, session: Session) -> int:
        return pledges_write.save_pledge(session, self.actor, self.draft(), self.ws.today())
