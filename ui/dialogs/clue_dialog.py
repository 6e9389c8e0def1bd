"""The 问题线索 form in two columns: 受理 (date, source, the people named, their unit, the problem,
the handler, the reporter — shown and editable only for an administrator or the clue's handler)
and 处置 (the way, its own dates — 函询 with the deadline worked out in working days, 初核 —,
办结 with where it led and the record it led to). The status follows from what is filled in."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app import archive
from app.auth import Actor, Role
from app.dictionaries import load_vocabulary
from app.registers.clues import query as clues_query
from app.registers.clues import write as clues_write
from app.registers.clues.rules import FIRST_FORM, INQUIRY, SANCTION, VERIFY, may_see_reporter, reply_deadline, status_of
from app.registers.clues.types import ClueDraft, ClueRow
from app.registers.holidays.query import calendar_for
from app.registers.talks.types import ParticipantDraft
from app.registers.units.query import list_units
from app.vocab import CLUE_OUTCOMES, CLUE_STATUS
from ui.dialogs.form import NOTE_STYLE, FormDialog
from ui.widgets.combos import DictCombo, SearchCombo
from ui.widgets.dates import DateEdit, OptionalDate
from ui.widgets.field_form import ERROR_STYLE, FieldForm
from ui.widgets.participant_picker import ParticipantPicker

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.workspace.facade import Workspace

TITLE_NEW, TITLE_EDIT = "新增问题线索", "问题线索 — {summary}"
G_RECEIVED, G_HANDLING = "受理", "处置与办结"
L_RECEIVED, L_SOURCE, L_PEOPLE, L_UNIT, L_PROBLEM, L_HANDLER, L_REPORTER = (
    "受理日期", "线索来源", "被反映人", "所涉单位", "反映的主要问题", "承办人", "举报人")
L_WAY, L_SENT, L_DUE, L_REPLIED, L_VSTART, L_VEND = "处置方式", "发函日期", "回复期限", "回复日期", "初核开始", "初核结束"
L_STATUS, L_CLOSED, L_OUTCOME, L_ENTRY, L_SANCTION, L_TALK, L_RESULT, L_NOTES, L_CORRECTION = (
    "办理状态", "办结日期", "办结去向", "关联台账条目", "关联处分记录", "函询谈话", "办结情况", "备注", "更正原因")
REPORTER_NOTE = "仅管理员和承办人可见，不导出、不打印、不可搜索。"
DUE_HINT = "不填则为发函后 {days} 个工作日：{day}（已计节假日）"
UNIT_AUTO, NONE = "（按第一名被反映人）", "（无）"
LATE = "　函询回复已逾期（应于 {day} 前回复）"
CORRECTION_HINT = "该年度已归档，管理员更正需填写原因"


def _text_box(parent: QWidget, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().height() * lines + 12)
    return box


def _group(title: str, form: FieldForm, parent: QWidget) -> QGroupBox:
    box = QGroupBox(title, parent)
    QVBoxLayout(box).addWidget(form)
    return box


class ClueDialog(FormDialog):
    def __init__(self, ws: Workspace, actor: Actor, clue: ClueRow | None = None, *,
                 parent: QWidget | None = None, read_only: bool = False) -> None:
        super().__init__(ws, actor, TITLE_EDIT.format(summary=clue.summary) if clue else TITLE_NEW, parent,
                         read_only=read_only)
        self.clue = clue
        today = ws.today()
        with ws.reading() as session:
            vocab = load_vocabulary(session)
            units = list_units(session)
            handlers = clues_query.handler_choices(session)
            self.closed_years = archive.closed_years(session)
        self.received_edit = DateEdit(today, self, latest=today)
        self.source_combo = DictCombo(vocab, "clue_source", parent=self)
        self.people_picker = ParticipantPicker(ws, actor, self, outsiders=False, field="person_ids")
        self.unit_combo = SearchCombo(self)
        self.unit_combo.set_items([(UNIT_AUTO, None), *((u.name, u.id) for u in units if u.active or (
            clue is not None and u.id == clue.unit_id))], None)
        self.problem_edit = _text_box(self, 3)
        self.handler_combo = QComboBox(self)
        self.handler_combo.addItem(NONE, None)
        for user_id, name in handlers:
            self.handler_combo.addItem(name, user_id)
        self.reporter_edit = QLineEdit(self)
        self.reporter_edit.setPlaceholderText(REPORTER_NOTE)
        self.way_combo = DictCombo(vocab, "clue_way", parent=self)
        self.sent_date, self.due_date, self.replied_date = (OptionalDate(today, parent=self) for _ in range(3))
        self.due_hint = QLabel(self)
        self.due_hint.setStyleSheet(NOTE_STYLE)
        self.start_date, self.end_date = OptionalDate(today, parent=self), OptionalDate(today, parent=self)
        self.status_label = QLabel(self)
        self.closed_date = OptionalDate(today, parent=self)
        self.outcome_combo = QComboBox(self)
        self.outcome_combo.addItem("", "")
        for code, label in CLUE_OUTCOMES.items():
            self.outcome_combo.addItem(label, code)
        self.entry_combo, self.sanction_combo, self.talk_combo = QComboBox(self), QComboBox(self), QComboBox(self)
        self.result_edit = _text_box(self, 2)
        self.notes_edit = _text_box(self, 2)
        self.correction_edit = QLineEdit(self)
        self.correction_edit.setPlaceholderText(CORRECTION_HINT)
        self._layout()
        self.finish_layout()
        self._fill(clue)
        self.people_picker.changed.connect(self._reload_links)
        self.handler_combo.currentIndexChanged.connect(lambda _i: self._show_reporter())
        self.way_combo.currentIndexChanged.connect(lambda _i: self._show_way())
        for widget in (self.sent_date, self.due_date, self.replied_date, self.closed_date):
            widget.changed.connect(self._update_state)
        self.outcome_combo.currentIndexChanged.connect(lambda _i: self._update_state())
        self.received_edit.dateChanged.connect(lambda _d: self._update_correction())
        self._show_way()
        self._show_reporter()
        self._update_correction()
        self.resize(max(self.sizeHint().width(), 980), self.sizeHint().height())

    def _layout(self) -> None:
        self.body.removeWidget(self.field_form)
        received, handling = self.field_form, self.add_form()
        note = QLabel(REPORTER_NOTE, self)
        note.setStyleSheet(NOTE_STYLE)
        received.add_row(L_RECEIVED, self.received_edit, "received_on")
        received.add_row(L_SOURCE, self.source_combo, "source")
        received.add_row(L_PEOPLE, self.people_picker, "person_ids")
        received.add_row(L_UNIT, self.unit_combo, "unit_id")
        received.add_row(L_PROBLEM, self.problem_edit, "problem")
        received.add_row(L_HANDLER, self.handler_combo, "handler_id")
        received.add_row(L_REPORTER, self.reporter_edit, "reporter", hint=note)
        handling.add_row(L_WAY, self.way_combo, "way")
        handling.add_row(L_SENT, self.sent_date, "letter_sent_on")
        handling.add_row(L_DUE, self.due_date, "reply_due", hint=self.due_hint)
        handling.add_row(L_REPLIED, self.replied_date, "replied_on")
        handling.add_row(L_VSTART, self.start_date, "verify_start")
        handling.add_row(L_VEND, self.end_date, "verify_end")
        handling.add_row(L_STATUS, self.status_label)
        handling.add_row(L_CLOSED, self.closed_date, "closed_on")
        handling.add_row(L_OUTCOME, self.outcome_combo, "outcome")
        handling.add_row(L_ENTRY, self.entry_combo, "ledger_entry_id")
        handling.add_row(L_SANCTION, self.sanction_combo, "sanction_id")
        handling.add_row(L_TALK, self.talk_combo, "talk_id")
        handling.add_row(L_RESULT, self.result_edit, "result")
        handling.add_row(L_NOTES, self.notes_edit, "notes")
        handling.add_row(L_CORRECTION, self.correction_edit, "correction_reason")
        self.received_form, self.handling_form = received, handling
        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(_group(G_RECEIVED, received, self))
        right.addWidget(_group(G_HANDLING, handling, self))
        for column in (left, right):
            column.addStretch(1)
            columns.addLayout(column, 1)
        self.body.insertLayout(0, columns)

    # ---- content ---------------------------------------------------------------------------

    def _fill(self, clue: ClueRow | None) -> None:
        if clue is None:
            me = self.handler_combo.findData(self.actor.id)
            self.handler_combo.setCurrentIndex(max(me, 0))
            self._reload_links()
            return
        self.received_edit.set_value(clue.received_on)
        self.source_combo.set_code(clue.source)
        self.people_picker.set_participants([ParticipantDraft(p.name, p.person_id, p.unit_name, p.position)
                                             for p in clue.people])
        self.unit_combo.set_current_data(clue.unit_id)
        self.problem_edit.setPlainText(clue.problem)
        index = self.handler_combo.findData(clue.handler_id)
        if index < 0 and clue.handler_name:
            self.handler_combo.addItem(clue.handler_name, None)
            index = self.handler_combo.count() - 1
        self.handler_combo.setCurrentIndex(max(index, 0))
        self.reporter_edit.setText(clue.reporter or "")
        self.way_combo.set_code(clue.way)
        self.sent_date.set_value(clue.letter_sent_on)
        self.due_date.set_value(clue.reply_due)
        self.replied_date.set_value(clue.replied_on)
        self.start_date.set_value(clue.verify_start)
        self.end_date.set_value(clue.verify_end)
        self.closed_date.set_value(clue.closed_on)
        self.outcome_combo.setCurrentIndex(max(self.outcome_combo.findData(clue.outcome), 0))
        self.result_edit.setPlainText(clue.result)
        self.notes_edit.setPlainText(clue.notes)
        self._reload_links(clue.ledger_entry_id, clue.sanction_id, clue.talk_id)

    def person_ids(self) -> tuple[int, ...]:
        return tuple(p.person_id for p in self.people_picker.participants() if p.person_id is not None)

    def _reload_links(self, entry: int | None = None, sanction: int | None = None, talk: int | None = None) -> None:
        keep = (entry or self.entry_combo.currentData(), sanction or self.sanction_combo.currentData(),
                talk or self.talk_combo.currentData())
        with self.ws.reading() as session:
            found = clues_query.link_candidates(session, self.person_ids())
        for combo, key, current in ((self.entry_combo, "entries", keep[0]), (self.sanction_combo, "sanctions", keep[1]),
                                    (self.talk_combo, "talks", keep[2])):
            combo.clear()
            combo.addItem(NONE, None)
            for record_id, label in found[key]:
                combo.addItem(label, record_id)
            combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)

    def _may_see_reporter(self) -> bool:
        if self.clue is not None:
            return may_see_reporter(self.actor, self.clue.handler_id)
        return may_see_reporter(self.actor, self.handler_combo.currentData())

    def _show_reporter(self) -> None:
        self.received_form.form.setRowVisible(self.reporter_edit.parentWidget(), self._may_see_reporter())

    def _show_way(self) -> None:
        way = self.way_combo.code()
        rows = {INQUIRY: (self.sent_date, self.due_date, self.replied_date, self.talk_combo),
                VERIFY: (self.start_date, self.end_date)}
        for code, widgets in rows.items():
            for widget in widgets:
                self.handling_form.form.setRowVisible(widget.parentWidget(), way == code)
        self._update_state()

    def _update_state(self) -> None:
        days = self.ws.settings.inquiry_reply_working_days
        sent = self.sent_date.value()
        if sent is not None:
            with self.ws.reading() as session:  # kept while the 放假/调休 table is unchanged
                self.calendar = calendar_for(session)
            self.due_hint.setText(DUE_HINT.format(days=days, day=f"{reply_deadline(self.calendar, sent, days):%Y-%m-%d}"))
        else:
            self.due_hint.setText("")
        status = status_of(self.way_combo.code(), self.closed_date.value())
        due = self.due_date.value() or (reply_deadline(self.calendar, sent, days) if sent else None)
        late = (self.way_combo.code() == INQUIRY and due is not None and due < self.ws.today()
                and self.replied_date.value() is None and status != "closed")
        self.status_label.setText(CLUE_STATUS[status] + (LATE.format(day=f"{due:%Y-%m-%d}") if late else ""))
        self.status_label.setStyleSheet(ERROR_STYLE if late else "")
        outcome = self.outcome_combo.currentData()
        self.handling_form.form.setRowVisible(self.entry_combo.parentWidget(), outcome == FIRST_FORM)
        self.handling_form.form.setRowVisible(self.sanction_combo.parentWidget(), outcome == SANCTION)

    def _update_correction(self) -> None:
        years = {self.received_edit.value().year} | ({self.clue.received_on.year} if self.clue else set())
        needed = bool(years & self.closed_years) and self.actor.role >= Role.ADMIN
        self.handling_form.form.setRowVisible(self.correction_edit.parentWidget(), needed)

    # ---- saving ----------------------------------------------------------------------------

    def draft(self) -> ClueDraft:
        handler_id = self.handler_combo.currentData()
        handler_name = "" if handler_id is not None else (self.handler_combo.currentText()
                                                          if self.handler_combo.currentIndex() > 0 else "")
        return ClueDraft(
            received_on=self.received_edit.value(), problem=self.problem_edit.toPlainText(),
            person_ids=self.person_ids(), source=self.source_combo.code(), unit_id=self.unit_combo.current_data(),
            handler_id=handler_id, handler_name=handler_name,
            reporter=self.reporter_edit.text() if self._may_see_reporter() else None,
            way=self.way_combo.code(), letter_sent_on=self.sent_date.value(), reply_due=self.due_date.value(),
            replied_on=self.replied_date.value(), verify_start=self.start_date.value(),
            verify_end=self.end_date.value(), closed_on=self.closed_date.value(),
            outcome=self.outcome_combo.currentData() or "", result=self.result_edit.toPlainText(),
            ledger_entry_id=self.entry_combo.currentData(), sanction_id=self.sanction_combo.currentData(),
            talk_id=self.talk_combo.currentData(), notes=self.notes_edit.toPlainText(),
            correction_reason=self.correction_edit.text() or self.correction_reason,
            id=self.clue.id if self.clue else None, version=self.clue.version if self.clue else None)

    def save_record(self, session: Session) -> int:
        return clues_write.save_clue(session, self.actor, self.draft(), self.ws.today())
