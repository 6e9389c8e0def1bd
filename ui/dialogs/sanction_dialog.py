"""The 处分（组织处理） form: the person (unit, position and political status as filed at the
decision), the kind with its 影响期 worked out live — 留党察看's 察看期, a period of its own where
the decision sets one (停职检查, 严重警告 given in place of 撤销党内职务) —, the decision, the facts.
A 党纪 kind for a person who is not a Party member is flagged as soon as both are chosen; the
service refuses it with the reason by the field. Opened prefilled from a 需转出 ledger entry."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget

from app import archive
from app.auth import Actor, Role
from app.dictionaries import load_vocabulary
from app.registers.people.query import get_person
from app.registers.people.types import is_non_member
from app.registers.sanctions import write as sanctions_write
from app.registers.sanctions.rules import ADMONISH, MAX_MONTHS, PARTY, PROBATION, impact_end
from app.registers.sanctions.types import SanctionDraft, SanctionRow
from ui.dialogs.form import NOTE_STYLE, FormDialog
from ui.widgets.combos import DictCombo
from ui.widgets.dates import DateEdit
from ui.widgets.field_form import ERROR_STYLE
from ui.widgets.person_picker import PersonPicker

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.workspace.facade import Workspace

TITLE_NEW, TITLE_EDIT, TITLE_TRANSFER = "新增处分（组织处理）", "处分（组织处理） — {summary}", "转为处分记录"
L_PERSON, L_KIND, L_PROBATION, L_MONTHS, L_END = "受处分（处理）人", "处分（处理）种类", "察看期", "影响期", "影响期至"
L_ORGAN, L_DATE, L_NUMBER, L_CATEGORY, L_FACTS, L_NOTES, L_CORRECTION = (
    "决定机关", "决定时间", "决定文号", "违纪违法类别", "主要违纪违法事实", "备注", "更正原因")
PROBATIONS = (("一年", 12), ("二年", 24))
BY_KIND = "按种类（{months}）"
NO_PERIOD = "无影响期（可填写月数）"
END_TEXT = "{end}　{bars}"
FILED_AS, FILED_NEW = "决定时：{detail}（此后人员调动不影响本条）", "单位、职务和政治面貌取自人员名册，保存时记入本条。"
NOT_MEMBER = "{name}的政治面貌为“{status}”，不是中共党员，不能给予党纪处分。"
TRANSFER_NOTE = "由第一种形态台账中“需转出”的条目转来；保存后该条目标注为“已转出”。"
ORGANS = ("局党组", "局机关纪委", "局机关党委")
CORRECTION_HINT = "该年度已归档，管理员更正需填写原因"


def _text_box(parent: QWidget, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().height() * lines + 12)
    return box


class SanctionDialog(FormDialog):
    def __init__(self, ws: Workspace, actor: Actor, record: SanctionRow | None = None, *,
                 prefill: SanctionDraft | None = None, parent: QWidget | None = None, read_only: bool = False) -> None:
        title = TITLE_EDIT.format(summary=record.summary) if record else (TITLE_TRANSFER if prefill else TITLE_NEW)
        super().__init__(ws, actor, title, parent, read_only=read_only)
        self.record, self.prefill = record, prefill
        today = ws.today()
        with ws.reading() as session:
            self.vocab = load_vocabulary(session)
            self.closed = archive.closed_years(session)
        self._status = ""
        self.person_picker = PersonPicker(ws, actor, self)
        self.filed_label = QLabel(self)
        self.filed_label.setStyleSheet(NOTE_STYLE)
        self.member_note = QLabel(self)
        self.member_note.setStyleSheet(ERROR_STYLE)
        self.member_note.setWordWrap(True)
        hints = QWidget(self)
        column = QVBoxLayout(hints)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.filed_label)
        column.addWidget(self.member_note)
        self.kind_combo = DictCombo(self.vocab, "sanction_kind", parent=self)
        admonish = self.kind_combo.findData(ADMONISH)
        if admonish >= 0:
            self.kind_combo.removeItem(admonish)  # 诫勉 is entered in the ledger
        self.probation_combo = QComboBox(self)
        for text, months in PROBATIONS:
            self.probation_combo.addItem(text, months)
        self.months_spin = QSpinBox(self)
        self.months_spin.setRange(0, MAX_MONTHS)
        self.months_spin.setSuffix(" 个月")
        self.end_label = QLabel(self)
        self.end_label.setWordWrap(True)
        self.organ_combo = QComboBox(self)
        self.organ_combo.setEditable(True)
        self.organ_combo.addItems(ORGANS)
        self.date_edit = DateEdit(today, self, latest=today)
        self.number_edit = QLineEdit(self)
        self.number_edit.setPlaceholderText("如 文广旅党组〔2026〕5号")
        self.category_combo = DictCombo(self.vocab, "violation_category", parent=self)
        self.facts_edit = _text_box(self, 4)
        self.notes_edit = _text_box(self, 2)
        self.correction_edit = QLineEdit(self)
        self.correction_edit.setPlaceholderText(CORRECTION_HINT)

        self.add_row(L_PERSON, self.person_picker, "person_id", hint=hints)
        self.add_row(L_KIND, self.kind_combo, "kind")
        self.add_row(L_PROBATION, self.probation_combo, "probation_months")
        self.add_row(L_MONTHS, self.months_spin, "impact_months")
        self.add_row(L_END, self.end_label)
        self.add_row(L_ORGAN, self.organ_combo, "decision_organ")
        self.add_row(L_DATE, self.date_edit, "decided_on")
        self.add_row(L_NUMBER, self.number_edit, "document_no")
        self.add_row(L_CATEGORY, self.category_combo, "category")
        self.add_row(L_FACTS, self.facts_edit, "facts")
        self.add_row(L_NOTES, self.notes_edit, "notes")
        self.add_row(L_CORRECTION, self.correction_edit, "correction_reason")
        if prefill is not None and record is None:
            note = QLabel(TRANSFER_NOTE, self)
            note.setStyleSheet(NOTE_STYLE)
            note.setWordWrap(True)
            self.body.addWidget(note)
        self.finish_layout()
        self._fill()
        self.person_picker.person_changed.connect(lambda _pid: self._person_changed())
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._kind_changed())
        for signal in (self.probation_combo.currentIndexChanged, self.months_spin.valueChanged,
                       self.date_edit.dateChanged):
            signal.connect(lambda *_: self.update_period())
        self.date_edit.dateChanged.connect(lambda *_: self._update_correction())
        self._kind_changed()
        self._update_correction()
        self.resize(max(self.sizeHint().width(), 600), self.sizeHint().height())

    # ---- content ---------------------------------------------------------------------------

    def _fill(self) -> None:
        source = self.record.draft() if self.record is not None else self.prefill
        if self.record is not None:
            r = self.record
            self.person_picker.set_person(r.person_id, r.person_display)
            self.filed_label.setText(FILED_AS.format(detail="·".join(
                x for x in (r.unit_name, r.position, r.political_label) if x)))
            self._status = r.political_status
        else:
            self.filed_label.setText(FILED_NEW)
            if source is not None and source.person_id is not None:
                with self.ws.reading() as session:
                    person = get_person(session, source.person_id)
                self.person_picker.set_person(person.id, person.display)
                self._status = person.political_status
        if source is None:
            self.organ_combo.setCurrentText(ORGANS[0])
            return
        self.kind_combo.set_code(source.kind)
        if source.probation_months:
            self.probation_combo.setCurrentIndex(max(self.probation_combo.findData(source.probation_months), 0))
        kind = self.vocab.entry("sanction_kind", source.kind)
        default = kind.months if kind else None
        self.months_spin.setValue(source.impact_months if source.impact_months not in (None, default) else 0)
        self.organ_combo.setCurrentText(source.decision_organ)
        if source.decided_on is not None:
            self.date_edit.set_value(source.decided_on)
        self.number_edit.setText(source.document_no)
        self.category_combo.set_code(source.category)
        self.facts_edit.setPlainText(source.facts)
        self.notes_edit.setPlainText(source.notes)

    def _person_changed(self) -> None:
        person_id = self.person_picker.person_id()
        if person_id is None:
            return
        with self.ws.reading() as session:
            self._status = get_person(session, person_id).political_status
        if self.record is None or person_id != self.record.person_id:
            self.filed_label.setText(FILED_NEW)
        self.update_member_note()

    def _kind_changed(self) -> None:
        kind = self.vocab.entry("sanction_kind", self.kind_combo.code())
        self.field_form.form.setRowVisible(self.probation_combo.parentWidget(), self.kind_combo.code() == PROBATION)
        months = kind.months if kind else None
        self.months_spin.setSpecialValueText(BY_KIND.format(months=f"{months} 个月") if months else NO_PERIOD)
        self.update_period()
        self.update_member_note()

    def months(self) -> int | None:
        """The period the record will have: the spin's, else the kind's."""
        kind = self.vocab.entry("sanction_kind", self.kind_combo.code())
        return self.months_spin.value() or (kind.months if kind else None)

    def probation(self) -> int | None:
        return self.probation_combo.currentData() if self.kind_combo.code() == PROBATION else None

    def update_period(self) -> None:
        """影响期至 as the service will count it (rules.impact_end), with what the kind bars."""
        kind = self.vocab.entry("sanction_kind", self.kind_combo.code())
        end = impact_end(self.date_edit.value(), self.months(), self.probation())
        shown = f"{end:%Y-%m-%d}" if end is not None else "无"
        self.end_label.setText(END_TEXT.format(end=shown, bars=f"（{kind.bars}）" if kind and kind.bars else ""))

    def update_member_note(self) -> None:
        kind = self.vocab.entry("sanction_kind", self.kind_combo.code())
        wrong = kind is not None and kind.family == PARTY and is_non_member(self._status)
        self.member_note.setText(NOT_MEMBER.format(name=self.person_picker.text().split("（")[0],
                                                   status=self.vocab.label("political_status", self._status))
                                 if wrong else "")
        self.member_note.setVisible(wrong)

    def _update_correction(self) -> None:
        years = {self.date_edit.value().year} | ({self.record.decided_on.year} if self.record else set())
        needed = bool(years & self.closed) and self.actor.role >= Role.ADMIN
        self.field_form.form.setRowVisible(self.correction_edit.parentWidget(), needed)

    # ---- saving ----------------------------------------------------------------------------

    def draft(self) -> SanctionDraft:
        kind = self.vocab.entry("sanction_kind", self.kind_combo.code())
        spin = self.months_spin.value() or None
        return SanctionDraft(
            person_id=self.person_picker.person_id(), kind=self.kind_combo.code(), decided_on=self.date_edit.value(),
            decision_organ=self.organ_combo.currentText(), document_no=self.number_edit.text(),
            facts=self.facts_edit.toPlainText(), category=self.category_combo.code(),
            impact_months=spin if spin != (kind.months if kind else None) else None,
            probation_months=self.probation(), notes=self.notes_edit.toPlainText(),
            ledger_entry_id=self.record.ledger_entry_id if self.record else (
                self.prefill.ledger_entry_id if self.prefill else None),
            correction_reason=self.correction_edit.text() or self.correction_reason,
            id=self.record.id if self.record else None, version=self.record.version if self.record else None)

    def save_record(self, session: Session) -> int:
        return sanctions_write.save_sanction(session, self.actor, self.draft(), self.ws.today())
