"""The 婚丧喜庆事宜报备 form: who reports (a registered person; unit and position as filed), whose
event and what kind, its scale and whom it invites, what it declares (公车 · 公款 · 下属及管理服务对象
礼金), the 承诺书 (signed, its scan attached), the report day with the rule worked out live in
working days, and the office's 提醒谈话 — picked from the reporter's talks or recorded from here
(the report is saved first). A kind marked 不得操办, a scale above the settings' limits or any
declared concern is named in red, and a 提醒谈话 is proposed until one is linked."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app import archive
from app.auth import Actor, Role
from app.dictionaries import load_vocabulary
from app.registers.ceremonies import query as ceremonies_query
from app.registers.ceremonies import write as ceremonies_write
from app.registers.ceremonies.rules import rule_text, scale_excess, timeliness
from app.registers.ceremonies.types import CAR, ENTITY, FUNDS, GIFTS, CeremonyDraft, CeremonyRow
from app.vocab import CEREMONY_RELATIONS, CEREMONY_SCOPES, FORBIDDEN_SCOPES
from ui.dialogs.form import NOTE_STYLE, FormDialog
from ui.widgets.attachment_list import AttachmentList
from ui.widgets.combos import DictCombo
from ui.widgets.dates import DateEdit
from ui.widgets.field_form import ERROR_STYLE
from ui.widgets.person_picker import PersonPicker

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.workspace.facade import Workspace

TITLE_NEW, TITLE_EDIT = "新增婚丧喜庆报备", "婚丧喜庆报备 — {summary}"
L_PERSON, L_KIND, L_DATE, L_PLACE, L_SCALE = "报备人", "报备事项", "举办日期", "举办地点", "规模"
L_CONCERNS, L_REPORTED, L_TIMING, L_TALK, L_NOTES, L_CORRECTION = (
    "涉及情形", "报备日期", "报备时限", "提醒谈话", "备注", "更正原因")
L_RELATION, L_SCOPE, L_PLEDGE = "当事人", "邀请范围", "承诺书"
TABLES, GUESTS, UNKNOWN = " 桌", " 人", "未填"
NOT_GIVEN = "（未填）"
PLEDGE_TEXT = "已签订《婚丧喜庆事宜廉洁承诺书》（扫描件作为附件）"
CONCERN_NOTE = "需关注：{concerns}。应及时提醒纠正，建议进行提醒谈话。"
FORBIDDEN_NOTE = "{kind}属不得操办事项"
SCALE_NOTE = "超过规定规模：{excess}"
SCOPE_NOTE = "邀请管理服务对象"
TALK_PROPOSED = "建议登记提醒谈话…"
FILED_AS, FILED_NEW = "报备时：{detail}（此后人员调动不影响本条）", "单位、职务取自人员名册，保存时记入报备。"
NO_TALK, RECORD_TALK, RECORD_TALK_TIP = "（无）", "登记提醒谈话…", "先保存本报备，再按报备内容登记一次提醒谈话"
TIMING = "应于 {deadline} 前报备（{rule}）· {text}"
PLACE_HINT = "如 锦江饭店三楼宴会厅"
CORRECTION_HINT = "该年度已归档，管理员更正需填写原因"
GREEN, RED = "#1e7b34", "#c0392b"


def _count_box(parent: QWidget, suffix: str, most: int) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(-1, most)
    box.setSpecialValueText(UNKNOWN)  # −1: not given
    box.setSuffix(suffix)
    box.setValue(-1)
    return box


def _count(box: QSpinBox) -> int | None:
    return None if box.value() < 0 else box.value()


class CeremonyDialog(FormDialog):
    DRAFT_RECORD = "report"
    DRAFT_WHAT = "婚丧喜庆报备"
    def __init__(self, ws: Workspace, actor: Actor, report: CeremonyRow | None = None, *,
                 parent: QWidget | None = None, read_only: bool = False) -> None:
        super().__init__(ws, actor, TITLE_EDIT.format(summary=report.summary) if report else TITLE_NEW,
                         parent, read_only=read_only)
        self.report = report
        today = ws.today()
        with ws.reading() as session:
            vocab = load_vocabulary(session)
            self._load_calendar(session, [today, *([report.event_date, report.reported_on] if report else [])])
            self.closed = archive.closed_years(session)

        self.person_picker = PersonPicker(ws, actor, self)
        self.filed_label = QLabel(self)
        self.filed_label.setStyleSheet(NOTE_STYLE)
        self.kind_combo = DictCombo(vocab, "ceremony_kind", parent=self)
        self.forbidden = {e.code: e.label for e in vocab.entries("ceremony_kind", include_inactive=True) if e.forbidden}
        self.relation_combo, self.scope_combo = QComboBox(self), QComboBox(self)
        for combo, choices in ((self.relation_combo, CEREMONY_RELATIONS), (self.scope_combo, CEREMONY_SCOPES)):
            combo.addItem(NOT_GIVEN, "")
            for code, label in choices.items():
                combo.addItem(label, code)
        self.event_edit = DateEdit(today, self)
        self.place_edit = QLineEdit(self)
        self.place_edit.setPlaceholderText(PLACE_HINT)
        self.tables_box = _count_box(self, TABLES, ceremonies_write.MAX_TABLES)
        self.guests_box = _count_box(self, GUESTS, ceremonies_write.MAX_GUESTS)
        self.car_check, self.funds_check, self.gifts_check = (QCheckBox(t, self) for t in (CAR, FUNDS, GIFTS))
        self.concern_note = QLabel(self)
        self.concern_note.setStyleSheet(ERROR_STYLE)
        self.concern_note.setWordWrap(True)
        self.pledge_check = QCheckBox(PLEDGE_TEXT, self)
        self.attachments = AttachmentList(ws, actor, ENTITY, self, read_only=self.read_only)
        self.reported_edit = DateEdit(today, self, latest=today)
        self.timing_label = QLabel(self)
        self.timing_label.setWordWrap(True)
        self.talk_combo = QComboBox(self)
        self.talk_button = QPushButton(RECORD_TALK, self)
        self.talk_button.setToolTip(RECORD_TALK_TIP)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.correction_edit = QLineEdit(self)
        self.correction_edit.setPlaceholderText(CORRECTION_HINT)

        self.add_row(L_PERSON, self.person_picker, "person_id", hint=self.filed_label)
        self.add_row(L_KIND, self.kind_combo, "kind")
        self.add_row(L_RELATION, self.relation_combo, "relation")
        self.add_row(L_DATE, self.event_edit, "event_date")
        self.add_row(L_PLACE, self.place_edit, "place")
        self.add_row(L_SCALE, self._row(self.tables_box, self.guests_box), "tables")
        self.field_form.error_labels["guests"] = self.field_form.error_labels["tables"]
        self.field_form.fields["guests"] = self.guests_box
        self.add_row(L_SCOPE, self.scope_combo, "scope")
        self.add_row(L_CONCERNS, self._row(self.car_check, self.funds_check, self.gifts_check), "concerns",
                     hint=self.concern_note)
        self.add_row(L_PLEDGE, self.pledge_check, "pledge_signed", hint=self.attachments)
        self.add_row(L_REPORTED, self.reported_edit, "reported_on")
        self.add_row(L_TIMING, self.timing_label)
        self.add_row(L_TALK, self._row(self.talk_combo, self.talk_button, stretch=0), "talk_id")
        self.add_row(L_NOTES, self.notes_edit, "notes")
        self.add_row(L_CORRECTION, self.correction_edit, "correction_reason")
        self.finish_layout()
        self.talk_button.setEnabled(not self.read_only)
        for first, second in zip(order := [self.person_picker, self.kind_combo, self.relation_combo, self.event_edit,
                                           self.place_edit, self.tables_box, self.guests_box, self.scope_combo,
                                           self.car_check, self.funds_check, self.gifts_check, self.pledge_check,
                                           self.reported_edit, self.talk_combo, self.talk_button,
                                           self.notes_edit, self.correction_edit], order[1:]):
            QWidget.setTabOrder(first, second)

        self._fill(report)
        self.person_picker.person_changed.connect(lambda _pid: self._person_changed())
        for signal in (self.kind_combo.currentIndexChanged, self.event_edit.dateChanged,
                       self.reported_edit.dateChanged):
            signal.connect(lambda *_: self.update_timing())
        self.event_edit.dateChanged.connect(lambda *_: self._update_correction())
        for check in (self.car_check, self.funds_check, self.gifts_check):
            check.toggled.connect(lambda _on: self._update_concerns())
        for signal in (self.kind_combo.currentIndexChanged, self.scope_combo.currentIndexChanged,
                       self.tables_box.valueChanged, self.guests_box.valueChanged,
                       self.talk_combo.currentIndexChanged):
            signal.connect(lambda *_: self._update_concerns())
        self.talk_button.clicked.connect(self.record_talk)
        self.update_timing()
        self._update_concerns()
        self._update_correction()
        self.resize(max(self.sizeHint().width(), 620), self.sizeHint().height())

    def _row(self, *widgets: QWidget, stretch: int = 1) -> QWidget:
        holder = QWidget(self)
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            line.addWidget(widget, 1 if isinstance(widget, QComboBox) else 0)
        if stretch:
            line.addStretch(1)
        holder.setFocusProxy(widgets[0])
        return holder

    # ---- content ---------------------------------------------------------------------------

    def _fill(self, report: CeremonyRow | None) -> None:
        if report is None:
            self.filed_label.setText(FILED_NEW)
            self._reload_talks()
            self.attachments.load(None)
            return
        self.person_picker.set_person(report.person_id, report.person_display)
        self.filed_label.setText(FILED_AS.format(detail="·".join(x for x in (report.unit_name, report.position) if x)))
        self.kind_combo.set_code(report.kind)
        self.relation_combo.setCurrentIndex(max(self.relation_combo.findData(report.relation), 0))
        self.scope_combo.setCurrentIndex(max(self.scope_combo.findData(report.scope), 0))
        self.pledge_check.setChecked(report.pledge_signed)
        self.attachments.load(report.id)
        self.event_edit.set_value(report.event_date)
        self.place_edit.setText(report.place)
        self.tables_box.setValue(-1 if report.tables is None else report.tables)
        self.guests_box.setValue(-1 if report.guests is None else report.guests)
        self.car_check.setChecked(report.public_car)
        self.funds_check.setChecked(report.public_funds)
        self.gifts_check.setChecked(report.subordinate_gifts)
        self.reported_edit.set_value(report.reported_on)
        self.notes_edit.setPlainText(report.notes)
        self._reload_talks(report.talk_id)

    def _person_changed(self) -> None:
        person_id = self.person_picker.person_id()
        if person_id is None:
            return
        if self.report is None or person_id != self.report.person_id:
            self.filed_label.setText(FILED_NEW)
        self._reload_talks(self.talk_combo.currentData())

    def _reload_talks(self, keep: int | None = None) -> None:
        with self.ws.reading() as session:
            talks = ceremonies_query.candidate_talks(session, self.person_picker.person_id(), self.event_edit.value(), keep)
        self.talk_combo.clear()
        self.talk_combo.addItem(NO_TALK, None)
        for talk_id, label in talks:
            self.talk_combo.addItem(label, talk_id)
        self.talk_combo.setCurrentIndex(max(self.talk_combo.findData(keep), 0) if keep is not None else 0)

    def update_timing(self) -> None:
        """The rule and how this report meets it, in working days (red when late)."""
        kind = self.kind_combo.code()
        event, reported = self.event_edit.value(), self.reported_edit.value()
        if not {event.year, reported.year} <= self._years:  # a year the calendar does not hold yet
            with self.ws.reading() as session:
                self._load_calendar(session, [event, reported])
        timing = timeliness(self.calendar, kind, event, reported)
        self.timing_label.setText(TIMING.format(deadline=f"{timing.deadline:%Y-%m-%d}", rule=rule_text(kind),
                                                text=timing.text))
        self.timing_label.setStyleSheet(f"color: {RED if timing.late else GREEN};")

    def _load_calendar(self, session: Session, days: list) -> None:
        self.calendar = ceremonies_query.calendar_for(session)
        self._years = {d.year + i for d in days for i in (-1, 0, 1)}

    def concerns(self) -> list[str]:
        """What the report as typed declares that the rules forbid (as CeremonyRow.concerns)."""
        kind = self.kind_combo.code()
        settings = self.ws.settings
        excess = scale_excess(_count(self.tables_box), _count(self.guests_box), settings.ceremony_max_tables,
                              settings.ceremony_max_guests)
        return [text for flag, text in (
            (kind in self.forbidden, FORBIDDEN_NOTE.format(kind=self.forbidden.get(kind, ""))),
            (bool(excess), SCALE_NOTE.format(excess=excess)),
            (self.scope_combo.currentData() in FORBIDDEN_SCOPES, SCOPE_NOTE),
            (self.car_check.isChecked(), CAR), (self.funds_check.isChecked(), FUNDS),
            (self.gifts_check.isChecked(), GIFTS)) if flag]

    def _update_concerns(self) -> None:
        """Each concern named in red; the 提醒谈话 proposed until one is linked."""
        concerns = self.concerns()
        self.concern_note.setText(CONCERN_NOTE.format(concerns="；".join(concerns)))
        self.concern_note.setVisible(bool(concerns))
        proposed = bool(concerns) and self.talk_combo.currentData() is None
        self.talk_button.setText(TALK_PROPOSED if proposed else RECORD_TALK)
        self.talk_button.setStyleSheet(f"color: {RED}; font-weight: bold;" if proposed else "")

    def _update_correction(self) -> None:
        years = {self.event_edit.value().year} | ({self.report.event_date.year} if self.report else set())
        needed = bool(years & self.closed) and self.actor.role >= Role.ADMIN
        self.field_form.form.setRowVisible(self.correction_edit.parentWidget(), needed)

    # ---- the 提醒谈话 ------------------------------------------------------------------------

    def record_talk(self) -> None:
        """Saves the report as it stands (staying open), then the talk form for it."""
        from ui.dialogs.ceremony_talk import record_reminder_talk

        if not self._save_in_place():
            return
        talk_id = record_reminder_talk(self, self.ws, self.actor, self.report)  # type: ignore[arg-type]
        with self.ws.reading() as session:
            self.report = ceremonies_query.get_report(session, self.report.id)  # type: ignore[union-attr]
        self.setWindowTitle(TITLE_EDIT.format(summary=self.report.summary))
        self._reload_talks(talk_id if talk_id is not None else self.report.talk_id)

    def _save_in_place(self) -> bool:
        if not self.save_in_place():
            return False
        with self.ws.reading() as session:
            self.report = ceremonies_query.get_report(session, self.saved_id)
        self.attachments.load(self.report.id)  # the scans are saved: no longer pending
        return True

    # ---- saving ----------------------------------------------------------------------------

    def draft(self) -> CeremonyDraft:
        return CeremonyDraft(
            person_id=self.person_picker.person_id(), kind=self.kind_combo.code(),
            event_date=self.event_edit.value(), reported_on=self.reported_edit.value(),
            place=self.place_edit.text(), tables=_count(self.tables_box), guests=_count(self.guests_box),
            public_car=self.car_check.isChecked(), public_funds=self.funds_check.isChecked(),
            subordinate_gifts=self.gifts_check.isChecked(), talk_id=self.talk_combo.currentData(),
            notes=self.notes_edit.toPlainText(), correction_reason=self.correction_edit.text(),
            id=self.report.id if self.report else None, version=self.report.version if self.report else None,
            relation=self.relation_combo.currentData(), scope=self.scope_combo.currentData(),
            pledge_signed=self.pledge_check.isChecked(), files=self.attachments.changes())

    def save_record(self, session: Session) -> int:
        return ceremonies_write.save_report(session, self.actor, self.draft(), self.ws.today())
