"""The first-form ledger entry (第一种形态台账): the person as filed (taken from the people register,
editable), the clue and how it was handled, the disposal, 回访, links and attachments.

A second-form method is flagged as soon as it is ticked; saving asks the clerk to confirm, and
the entry is then listed as 需转出. The 影响期 end and the planned 回访 follow the methods and the
date until the clerk sets them by hand."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import archive
from app.auth import Actor, Role
from app.dictionaries import load_vocabulary
from app.errors import NeedsConfirmation
from app.registers.ledger import query as ledger_query
from app.registers.ledger import rules as ledger_rules
from app.registers.ledger import types as ledger_types
from app.registers.ledger import write as ledger_write
from app.registers.ledger.query import candidate_findings, candidate_talks, get_entry
from app.registers.ledger.talk import talk_draft_for_entry
from app.registers.ledger.types import LedgerRow
from app.registers.people.types import is_non_member
from app.registers.units.query import list_units
from ui import messages
from ui.dialogs.form import NOTE_STYLE, FormDialog
from ui.widgets.attachment_list import AttachmentList
from ui.widgets.checklist import CheckList
from ui.widgets.combos import DictCombo, SearchCombo
from ui.widgets.dates import DateEdit, OptionalDate
from ui.widgets.field_form import ERROR_STYLE, FieldForm
from ui.widgets.person_picker import PersonPicker

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.workspace.facade import Workspace

TITLE_NEW, TITLE_EDIT = "新增第一种形态台账", "第一种形态台账 — {name} {day}"
G_PERSON, G_CLUE, G_DISPOSAL, G_REVISIT = "被处置人（处理时的情况）", "问题线索", "处置", "回访与备注"
L_PERSON, L_UNIT, L_POSITION, L_RANK, L_POLITICAL = "姓名", "单位", "职务", "职级", "政治面貌"
L_LEADER, L_KEY_POST = "班子成员", "重要岗位"
L_SOURCE, L_HANDLING, L_SENT, L_DUE, L_REPLIED, L_PROBLEM = (
    "线索来源", "线索处置", "发函日期", "回复期限", "回复日期", "主要问题")
L_METHODS, L_ORGAN, L_DATE, L_HANDLER, L_IMPACT = "处置方式", "决定机关", "处理时间", "承办人", "影响期至"
L_PLANNED, L_DONE, L_RESULT, L_NOTES, L_CORRECTION = "计划回访", "回访日期", "回访情况", "备注", "更正原因"
L_CATEGORY = "问题类别"
LEADER_TEXT = "属于班子成员（关键少数）"
SNAPSHOT_HINT = "取自人员名册，可修改；此后人员调动或变更不影响本条记录。"
REFILL = "按人员名册重新填写"
SECOND_FORM_SUFFIX = "（第二种形态）"
CHOSEN, NONE_CHOSEN = "已选：{labels}", "请勾选处置方式（可多选）"
CLEARED_CHOSEN = "线索已予了结：不勾选处置方式，不计入第一种形态人次，不安排回访。"
NON_MEMBER_NOTE = "非中共党员：第一种形态适用于党员，保存后标注“非党员”，单独统计。"
SECOND_FORM_NOTE = "“{labels}”属于第二种形态，不应记入本台账：保存后该条列为“需转出”。"
ORGANS = ("局机关纪委", "局党组", "局机关党委")
TAB_TALKS, TAB_FINDINGS, TAB_FILES = "关联谈话记录（{n}）", "关联问题整改（{n}）", "附件（{n}）"
NO_TALKS, NO_FINDINGS = "该人员暂无可关联的谈话记录。", "该人员暂无可关联的问题整改记录。"
CORRECTION_HINT = "该年度已归档，管理员更正需填写原因"
NEW_TALK = "新建谈话记录…"
NEW_TALK_TIP = "以本条的人员、处理时间和问题新建一条谈话记录（如谈话提醒），保存后自动关联"
PICK_PERSON_FIRST = "请先选择人员，再新建谈话记录。"
RED = "#c0392b"


def _group(title: str, form: FieldForm, parent: QWidget) -> QGroupBox:
    box = QGroupBox(title, parent)
    QVBoxLayout(box).addWidget(form)
    return box


def _text_box(parent: QWidget, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().height() * lines + 12)
    return box


class LedgerDialog(FormDialog):
    DRAFT_RECORD = "entry"
    DRAFT_WHAT = "第一种形态台账"
    def __init__(self, ws: Workspace, actor: Actor, entry: LedgerRow | None = None, *,
                 parent: QWidget | None = None, read_only: bool = False) -> None:
        title = TITLE_EDIT.format(name=entry.person_name, day=entry.decided_on) if entry else TITLE_NEW
        super().__init__(ws, actor, title, parent, read_only=read_only)
        self._warning: NeedsConfirmation | None = None
        with ws.reading() as session:
            if entry is not None and entry.talk_ids is None:  # a table row: read its links too
                entry = get_entry(session, entry.id)
            self.vocab = load_vocabulary(session)
            self.units = list_units(session)
            self.closed = archive.closed_years(session)
        self.entry = entry
        self.confirmed = entry is not None and entry.second_form
        self.confirmed_non_member = entry is not None and entry.non_member
        self.settings = ws.settings
        today = ws.today()

        # ---- widgets in the order of the paper form (Tab follows it) ----
        self.person_picker = PersonPicker(ws, actor, self)
        self.unit_combo = SearchCombo(self)
        self.position_edit, self.rank_edit = QLineEdit(self), QLineEdit(self)
        self.political_combo = DictCombo(self.vocab, "political_status", parent=self)
        self.leader_check = QCheckBox(LEADER_TEXT, self)
        self.key_post_edit = QLineEdit(self)
        self.refill_button = QPushButton(REFILL, self)
        self.source_combo = DictCombo(self.vocab, "clue_source", parent=self)
        self.handling_combo = DictCombo(self.vocab, "clue_handling", parent=self)
        self.sent_date, self.due_date, self.replied_date = (OptionalDate(today, parent=self) for _ in range(3))
        self.problem_edit = _text_box(self, 3)
        self.category_combo = DictCombo(self.vocab, "finding_category", parent=self)
        self.methods_list = CheckList(self)
        self.methods_list.setFixedHeight(self.fontMetrics().height() * 9)
        self.methods_chosen = QLabel(self)
        self.methods_chosen.setStyleSheet(NOTE_STYLE)
        self.methods_chosen.setWordWrap(True)
        self.second_form_note = QLabel(self)
        self.second_form_note.setStyleSheet(ERROR_STYLE)
        self.second_form_note.setWordWrap(True)
        self.non_member_note = QLabel(NON_MEMBER_NOTE, self)
        self.non_member_note.setStyleSheet(ERROR_STYLE)
        self.non_member_note.setWordWrap(True)
        self.organ_combo = QComboBox(self)
        self.organ_combo.setEditable(True)
        self.organ_combo.addItems(ORGANS)
        self.date_edit = DateEdit(today, self, latest=today)
        self.handler_edit = QLineEdit(self)
        self.impact_date, self.planned_date = OptionalDate(today, parent=self), OptionalDate(today, parent=self)
        self.done_date = OptionalDate(today, parent=self)
        self.result_edit = _text_box(self, 2)
        self.notes_edit = _text_box(self, 2)
        self.correction_edit = QLineEdit(self)
        self.correction_edit.setPlaceholderText(CORRECTION_HINT)

        self._layout_forms()
        self.talks_list, self.findings_list = CheckList(self, NO_TALKS), CheckList(self, NO_FINDINGS)
        self.attachments = AttachmentList(ws, actor, ledger_types.ENTITY, self, read_only=self.read_only)
        self.new_talk_button = QPushButton(NEW_TALK, self)
        self.new_talk_button.setToolTip(NEW_TALK_TIP)
        self.new_talk_button.clicked.connect(self.new_talk)
        talks_tab = QWidget(self)
        talks_row = QHBoxLayout(talks_tab)
        talks_row.setContentsMargins(0, 0, 0, 0)
        talks_row.addWidget(self.talks_list, 1)
        talks_row.addWidget(self.new_talk_button, 0, Qt.AlignmentFlag.AlignTop)
        self.tabs = QTabWidget(self)
        for widget in (talks_tab, self.findings_list, self.attachments):
            self.tabs.addTab(widget, "")
        self.tabs.setFixedHeight(self.fontMetrics().height() * 7)
        self.body.addWidget(self.tabs)
        self.finish_layout()
        for widget in (self.refill_button, self.talks_list, self.findings_list, self.new_talk_button):
            widget.setEnabled(not self.read_only)

        # Dates that differ from what the rules give were set by hand: they stay as they are.
        self._impact_by_hand = entry is not None and entry.impact_end != ledger_rules.default_impact_end(
            self.settings, entry.methods, entry.decided_on)
        self._planned_by_hand = entry is not None and entry.revisit_planned != ledger_rules.default_revisit(
            self.settings, entry.decided_on)
        self._fill(entry)
        self.person_picker.person_changed.connect(self._person_changed)
        self.refill_button.clicked.connect(self.refill_snapshot)
        self.handling_combo.currentIndexChanged.connect(lambda _i: self._show_letter_rows())
        self.handling_combo.currentIndexChanged.connect(lambda _i: self._methods_changed())
        self.political_combo.currentIndexChanged.connect(lambda _i: self._show_non_member())
        self.methods_list.changed.connect(self._methods_changed)
        self.date_edit.dateChanged.connect(lambda _d: self._update_defaults())
        self.impact_date.edited.connect(lambda: setattr(self, "_impact_by_hand", True))
        self.planned_date.edited.connect(lambda: setattr(self, "_planned_by_hand", True))
        for widget in (self.talks_list, self.findings_list):
            widget.changed.connect(self._update_tabs)
        self.attachments.changed.connect(self._update_tabs)
        self._show_letter_rows()
        self._methods_changed()
        self._show_non_member()
        self._update_tabs()
        self.resize(max(self.sizeHint().width(), 900), self.sizeHint().height())

    # ---- layout ----------------------------------------------------------------------------

    def _layout_forms(self) -> None:
        self.body.removeWidget(self.field_form)
        person, clue = self.field_form, self.add_form()
        disposal, revisit = self.add_form(), self.add_form()
        person.add_row(L_PERSON, self.person_picker, "person_id")
        person.add_row(L_UNIT, self.unit_combo, "unit_id")
        person.add_row(L_POSITION, self.position_edit, "position")
        person.add_row(L_RANK, self.rank_edit, "rank")
        person.add_row(L_POLITICAL, self.political_combo, "political_status", hint=self.non_member_note)
        person.add_row(L_LEADER, self.leader_check, "is_leader")
        person.add_row(L_KEY_POST, self.key_post_edit, "key_post")
        hint = QLabel(SNAPSHOT_HINT, self)
        hint.setStyleSheet(NOTE_STYLE)
        hint.setWordWrap(True)
        refill = QHBoxLayout()
        refill.addWidget(hint, 1)
        refill.addWidget(self.refill_button)
        person.form.addRow(refill)
        clue.add_row(L_SOURCE, self.source_combo, "clue_source")
        clue.add_row(L_HANDLING, self.handling_combo, "handling")
        clue.add_row(L_SENT, self.sent_date, "letter_sent_on")
        clue.add_row(L_DUE, self.due_date, "reply_due")
        clue.add_row(L_REPLIED, self.replied_date, "replied_on")
        clue.add_row(L_PROBLEM, self.problem_edit, "problem")
        clue.add_row(L_CATEGORY, self.category_combo, "category")
        notes = QWidget(self)
        notes_column = QVBoxLayout(notes)
        notes_column.setContentsMargins(0, 0, 0, 0)
        notes_column.setSpacing(0)
        notes_column.addWidget(self.methods_chosen)
        notes_column.addWidget(self.second_form_note)
        disposal.add_row(L_METHODS, self.methods_list, "methods", hint=notes)
        disposal.add_row(L_ORGAN, self.organ_combo, "decision_organ")
        disposal.add_row(L_DATE, self.date_edit, "decided_on")
        disposal.add_row(L_HANDLER, self.handler_edit, "handler")
        disposal.add_row(L_IMPACT, self.impact_date, "impact_end")
        revisit.add_row(L_PLANNED, self.planned_date, "revisit_planned")
        revisit.add_row(L_DONE, self.done_date, "revisit_done_on")
        revisit.add_row(L_RESULT, self.result_edit, "revisit_result")
        revisit.add_row(L_NOTES, self.notes_edit, "notes")
        revisit.add_row(L_CORRECTION, self.correction_edit, "correction_reason")
        self.clue_form, self.disposal_form, self.revisit_form = clue, disposal, revisit
        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(_group(G_PERSON, person, self))
        left.addWidget(_group(G_CLUE, clue, self))
        right.addWidget(_group(G_DISPOSAL, disposal, self))
        right.addWidget(_group(G_REVISIT, revisit, self))
        for column in (left, right):
            column.addStretch(1)
            columns.addLayout(column, 1)
        self.body.insertLayout(0, columns)

    def _fill(self, entry: LedgerRow | None) -> None:
        second = {e.code for e in self.vocab.entries("disposal_method", include_inactive=True) if e.form == 2}
        methods = [e for e in self.vocab.entries("disposal_method")
                   if e.active or (entry is not None and e.code in entry.methods)]
        methods.sort(key=lambda e: e.form == 2)  # the first form's items first
        self.methods_list.set_items(
            [(e.label + (SECOND_FORM_SUFFIX if e.code in second else ""), e.code) for e in methods],
            entry.methods if entry else (), {code: RED for code in second})
        self.methods_list.scroll_to_checked()
        keep = entry.unit_id if entry else None
        self.unit_combo.set_items([(u.name if u.active else f"{u.name}（已停用）", u.id)
                                   for u in self.units if u.active or u.id == keep], keep)
        self._second = second
        if entry is None:
            self.organ_combo.setCurrentText(ORGANS[0])
            self._reload_links(None)
            self.attachments.load(None)
            return
        self.person_picker.set_person(entry.person_id, entry.person_name)
        self._set_snapshot(entry.snapshot())
        if entry.unit_id is not None and self.unit_combo.current_data() is None:
            self.unit_combo.setEditText(entry.unit_name)
        self.source_combo.set_code(entry.clue_source)
        self.handling_combo.set_code(entry.handling)
        self.sent_date.set_value(entry.letter_sent_on)
        self.due_date.set_value(entry.reply_due)
        self.replied_date.set_value(entry.replied_on)
        self.problem_edit.setPlainText(entry.problem)
        self.category_combo.set_code(entry.category)
        self.organ_combo.setCurrentText(entry.decision_organ)
        self.date_edit.set_value(entry.decided_on)
        self.handler_edit.setText(entry.handler)
        self.impact_date.set_value(entry.impact_end)
        self.planned_date.set_value(entry.revisit_planned)
        self.done_date.set_value(entry.revisit_done_on)
        self.result_edit.setPlainText(entry.revisit_result)
        self.notes_edit.setPlainText(entry.notes)
        self._reload_links(entry.person_id, entry.talk_ids, entry.finding_ids)
        self.attachments.load(entry.id)

    # ---- behaviour -------------------------------------------------------------------------

    def _set_snapshot(self, snap: ledger_types.PersonSnapshot) -> None:
        self.unit_combo.set_current_data(snap.unit_id)
        self.position_edit.setText(snap.position)
        self.rank_edit.setText(snap.rank)
        self.political_combo.set_code(snap.political_status)
        self.leader_check.setChecked(snap.is_leader)
        self.key_post_edit.setText(snap.key_post)

    def refill_snapshot(self) -> None:
        """The person's facts as the register holds them now."""
        person_id = self.person_picker.person_id()
        if person_id is not None:
            with self.ws.reading() as session:
                self._set_snapshot(ledger_query.person_snapshot(session, person_id))

    def _person_changed(self, person_id: int | None) -> None:
        if person_id is None:
            return
        self.refill_snapshot()
        self._reload_links(person_id, self.talks_list.checked(), self.findings_list.checked())

    def _reload_links(self, person_id: int | None, talks=(), findings=()) -> None:  # noqa: ANN001
        with self.ws.reading() as session:
            talk_rows = candidate_talks(session, person_id, list(talks))
            finding_rows = candidate_findings(session, person_id, list(findings))
        self.talks_list.set_items([(c.label, c.id) for c in talk_rows], talks)
        self.findings_list.set_items([(c.label, c.id) for c in finding_rows], findings)

    def new_talk(self) -> None:
        """Opens the talk form prefilled from this entry; the saved talk is linked (ticked)."""
        from ui.dialogs.talk_dialog import TalkDialog

        person_id = self.person_picker.person_id()
        if person_id is None:
            messages.warn(self, PICK_PERSON_FIRST)
            return
        prefill = talk_draft_for_entry(person_id, self.date_edit.date().toPython(),
                                       self.problem_edit.toPlainText(), self.methods_list.checked())
        dialog = TalkDialog(self.ws, self.actor, parent=self, prefill=prefill)
        created: list[int] = []
        dialog.saved.connect(created.append)
        dialog.exec()
        if created:
            self._reload_links(person_id, [*self.talks_list.checked(), *created],
                               self.findings_list.checked())
            self._update_tabs()

    def _show_non_member(self) -> None:
        self.non_member_note.setVisible(is_non_member(self.political_combo.code()))

    def _show_letter_rows(self) -> None:
        inquiry = self.handling_combo.code() in ledger_rules.LETTER_HANDLINGS
        for widget in (self.sent_date, self.due_date, self.replied_date):
            self.clue_form.form.setRowVisible(widget.parentWidget(), inquiry)

    def _methods_changed(self) -> None:
        chosen = self.methods_list.checked()
        cleared = self.handling_combo.code() in ledger_rules.CLEARED_HANDLINGS
        self.methods_chosen.setText(CHOSEN.format(labels="、".join(
            self.vocab.label("disposal_method", m) for m in chosen)) if chosen else
            CLEARED_CHOSEN if cleared else NONE_CHOSEN)
        second = [self.vocab.label("disposal_method", m) for m in chosen if m in self._second]
        self.second_form_note.setText(SECOND_FORM_NOTE.format(labels="、".join(second)) if second else "")
        self.second_form_note.setVisible(bool(second))
        self._update_defaults()

    def _update_defaults(self) -> None:
        day = self.date_edit.date().toPython()
        year = day.year
        self.revisit_form.form.setRowVisible(
            self.correction_edit.parentWidget(),
            self.actor.role >= Role.ADMIN and (year in self.closed or (
                self.entry is not None and self.entry.decided_on.year in self.closed)))
        if not self._impact_by_hand:
            self.impact_date.set_value(ledger_rules.default_impact_end(self.settings, self.methods_list.checked(), day))
        if not self._planned_by_hand:
            self.planned_date.set_value(ledger_rules.default_revisit(self.settings, day, self.methods_list.checked()))
        self.done_date.set_default(min(ledger_rules.default_revisit(self.settings, day), self.ws.today()))

    def _update_tabs(self) -> None:
        for index, (text, count) in enumerate((
                (TAB_TALKS, len(self.talks_list.checked())), (TAB_FINDINGS, len(self.findings_list.checked())),
                (TAB_FILES, self.attachments.count()))):
            self.tabs.setTabText(index, text.format(n=count))

    # ---- saving ----------------------------------------------------------------------------

    def draft(self) -> ledger_types.LedgerDraft:
        unit_id = self.unit_combo.current_data()
        unit_name = self.entry.unit_name if self.entry and unit_id == self.entry.unit_id else ""
        snapshot = ledger_types.PersonSnapshot(
            unit_id, unit_name, self.position_edit.text(), self.rank_edit.text(), self.political_combo.code(),
            self.leader_check.isChecked(), self.key_post_edit.text())
        return ledger_types.LedgerDraft(
            person_id=self.person_picker.person_id(), problem=self.problem_edit.toPlainText(),
            methods=tuple(self.methods_list.checked()), decided_on=self.date_edit.date().toPython(),
            snapshot=snapshot, clue_source=self.source_combo.code(), handling=self.handling_combo.code(),
            letter_sent_on=self.sent_date.value(), reply_due=self.due_date.value(),
            replied_on=self.replied_date.value(), decision_organ=self.organ_combo.currentText(),
            handler=self.handler_edit.text(), impact_end=self.impact_date.value(),
            revisit_planned=self.planned_date.value(), revisit_done_on=self.done_date.value(),
            revisit_result=self.result_edit.toPlainText(), notes=self.notes_edit.toPlainText(),
            talk_ids=tuple(self.talks_list.checked()), finding_ids=tuple(self.findings_list.checked()),
            confirm_second_form=self.confirmed, confirm_non_member=self.confirmed_non_member,
            correction_reason=self.correction_edit.text(),
            id=self.entry.id if self.entry else None, version=self.entry.version if self.entry else None,
            files=self.attachments.changes(), category=self.category_combo.code())

    def save_record(self, session: Session) -> int:
        """One call of the ledger service: the entry, its links and its attachments."""
        try:
            return ledger_write.save_entry(session, self.actor, self.draft(), self.ws.today())
        except NeedsConfirmation as warning:
            self._warning = warning
            raise

    # ---- drafts ----------------------------------------------------------------------------




    def draft_summary(self, fields: dict) -> str:
        name = (fields.get("person_picker") or {}).get("text", "")
        return f"（{name}）" if name else ""

    def form_state(self) -> dict:
        state = super().form_state()
        state["_by_hand"] = [self._impact_by_hand, self._planned_by_hand]
        return state

    def restore_state(self, state: dict) -> None:
        """The links offered follow the person, so they are read again before being ticked."""
        self._reload_links(self.person_picker.person_id() if "person_picker" not in state else
                           (state["person_picker"] or {}).get("person_id"),
                           state.get("talks_list", []), state.get("findings_list", []))
        super().restore_state(state)
        self._impact_by_hand, self._planned_by_hand = state.get("_by_hand", [False, False])
        self._update_tabs()

    def save(self) -> bool:
        """Saves; a second-form method, or a person who is not a Party member, is confirmed by
        the clerk first (nothing typed is lost)."""
        while True:
            self._warning = None
            if super().save():
                return True
            if self._warning is None or not messages.ask(self, self._warning.message, "仍然保存"):
                return False
            if self._warning.field == "political_status":
                self.confirmed_non_member = True
            else:
                self.confirmed = True

