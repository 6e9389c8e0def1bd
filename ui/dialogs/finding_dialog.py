"""The finding form (问题整改): the paper form's fields on the left, in its order — 问题 and where
it was found, what to do, who does it by when — and on the right where it stands, the workflow
steps it may take now and its history (FindingPanel). A step, an extension or a progress note
refreshes the right side and keeps what was typed on the left."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app import attachments
from app.auth import Actor
from app.dictionaries import load_vocabulary
from app.registers.findings import query as findings_query
from app.registers.findings import types as findings_types
from app.registers.findings import workflow as wf
from app.registers.findings import write as findings_write
from app.registers.inspections.query import inspection_choices
from app.registers.people.query import people_rows, search_people_ids
from app.registers.people.types import PersonFilter
from app.registers.units.query import list_units
from ui.dialogs.finding_panel import FindingPanel
from ui.dialogs.form import NOTE_STYLE, FormDialog
from ui.widgets.combos import DictCombo, SearchCombo
from ui.widgets.dates import DateEdit, OptionalDate

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.workspace.facade import Workspace

TITLE_NEW, TITLE_EDIT = "登记问题", "问题整改 — {code}"
L_CODE, L_SOURCE, L_INSPECTION, L_FOUND_ON = "问题编号", "问题来源", "所属检查", "发现日期"
L_UNIT, L_CATEGORY, L_DESCRIPTION, L_REQUIREMENT = "被检查单位", "问题类别", "问题描述", "整改要求"
L_RESP_UNIT, L_RESP_PERSON, L_RESP_LEADER = "责任单位", "责任人", "责任领导"
L_KIND, L_DEADLINE, L_MEASURES, L_REVISIT, L_NOTES = "整改类型", "整改时限", "整改措施", "回头看", "备注"
L_RISK = "关联风险点"
NO_RISK = "（不关联风险点）"
CODE_HINT = "留空则自动编号（年份-序号）"
NO_INSPECTION = "（不关联检查）"
SAME_UNIT = "（同被检查单位）"
PERSON_HINT = "从名册选择，或直接输入姓名"
DEADLINE_TEXT = "设定"
DEADLINE_FIXED = "整改时限已确定；如需延期，请点击右侧“延期…”并填写原因。"
REVISIT_TEXT = "列入“回头看”"
FORM_WIDTH, PANEL_WIDTH, MAX_HEIGHT = 470, 600, 720


def _text(parent: QWidget, lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setFixedHeight(parent.fontMetrics().height() * lines + 14)
    edit.setTabChangesFocus(True)  # Tab moves on along the paper form
    return edit


class FindingDialog(FormDialog):
    DRAFT_RECORD = "row"
    DRAFT_WHAT = "问题整改"
    def __init__(self, ws: Workspace, actor: Actor, finding_id: int | None = None, *,
                 inspection_id: int | None = None, unit_id: int | None = None,
                 parent: QWidget | None = None, read_only: bool = False) -> None:
        today = ws.today()
        with ws.reading() as session:
            self.row = findings_query.get_finding(session, finding_id, today) if finding_id else None
            vocab = load_vocabulary(session)
            units = list_units(session)
            self.inspections = inspection_choices(session, actor)
        title = TITLE_EDIT.format(code=self.row.code) if self.row else TITLE_NEW
        super().__init__(ws, actor, title, parent, read_only=read_only)
        keep = {self.row.unit_id, self.row.resp_unit_id} if self.row else set()
        unit_items = [(u.name if u.active else f"{u.name}（已停用）", u.id) for u in units
                      if u.active or u.id in keep]

        self.code_edit = QLineEdit(self)
        self.code_edit.setPlaceholderText(CODE_HINT)
        self.source_combo = DictCombo(vocab, "finding_source", optional=False, parent=self)
        self.inspection_combo = SearchCombo(self)
        self.inspection_combo.set_items([(NO_INSPECTION, 0)] + [(i.label, i.id) for i in self.inspections], 0)
        self.found_on_edit = DateEdit(today, self, latest=today)
        self.unit_combo = SearchCombo(self)
        self.unit_combo.set_items(unit_items, unit_id)
        self.category_combo = DictCombo(vocab, "finding_category", parent=self)
        self.risk_combo = SearchCombo(self)
        self.description_edit = _text(self, 3)
        self.requirement_edit = _text(self, 2)
        self.resp_unit_combo = SearchCombo(self)
        self.resp_unit_combo.set_items([(SAME_UNIT, 0)] + unit_items, 0)
        self.resp_person_combo = SearchCombo(self)
        self.resp_person_combo.lineEdit().setPlaceholderText(PERSON_HINT)
        self.resp_leader_edit = QLineEdit(self)
        self.kind_combo = DictCombo(vocab, "finding_type", parent=self)
        self.deadline_edit = OptionalDate(today, DEADLINE_TEXT, self)
        self.deadline_hint = QLabel(DEADLINE_FIXED, self)
        self.deadline_hint.setStyleSheet(NOTE_STYLE)
        self.deadline_hint.setWordWrap(True)
        self.deadline_hint.hide()
        self.measures_edit = _text(self, 3)
        self.revisit_check = QCheckBox(REVISIT_TEXT, self)
        self.notes_edit = _text(self, 2)

        for label, widget, field, hint in (
                (L_CODE, self.code_edit, "code", None), (L_SOURCE, self.source_combo, "source", None),
                (L_INSPECTION, self.inspection_combo, "inspection_id", None),
                (L_FOUND_ON, self.found_on_edit, "found_on", None), (L_UNIT, self.unit_combo, "unit_id", None),
                (L_CATEGORY, self.category_combo, "category", None),
                (L_RISK, self.risk_combo, "risk_point_id", None),
                (L_DESCRIPTION, self.description_edit, "description", None),
                (L_REQUIREMENT, self.requirement_edit, "requirement", None),
                (L_RESP_UNIT, self.resp_unit_combo, "resp_unit_id", None),
                (L_RESP_PERSON, self.resp_person_combo, "resp_person_id", None),
                (L_RESP_LEADER, self.resp_leader_edit, "resp_leader", None),
                (L_KIND, self.kind_combo, "kind", None),
                (L_DEADLINE, self.deadline_edit, "deadline", self.deadline_hint),
                (L_MEASURES, self.measures_edit, "measures", None),
                (L_REVISIT, self.revisit_check, "revisit", None), (L_NOTES, self.notes_edit, "notes", None)):
            self.add_row(label, widget, field, hint)

        self.panel = FindingPanel(ws, actor, not self.read_only, self)
        self.panel.step_requested.connect(self.take_step)
        self.panel.extend_requested.connect(self.extend)
        self.panel.progress_requested.connect(self.add_progress)
        self.panel.files_changed.connect(self.reload)
        self._side_by_side()
        self.finish_layout()
        self._fill(self.row, inspection_id)
        self.unit_combo.currentIndexChanged.connect(lambda _i: self._load_people())
        self.unit_combo.currentIndexChanged.connect(lambda _i: self._load_risks())
        self.resp_unit_combo.currentIndexChanged.connect(lambda _i: self._load_people())
        self.inspection_combo.activated.connect(lambda _i: self._inspection_chosen())
        if self.row is not None:
            self.reload()
            self.resize(FORM_WIDTH + PANEL_WIDTH, min(self.sizeHint().height(), MAX_HEIGHT))
        else:  # nothing to show beside a new finding yet: the note says what comes after saving
            self.panel.tabs.hide()
            self.body.insertWidget(1, self.panel.status_label)
            self.panel.hide()
            self.resize(FORM_WIDTH + 40, min(self.sizeHint().height(), MAX_HEIGHT))

    def _side_by_side(self) -> None:
        self.body.removeWidget(self.field_form)
        columns = QHBoxLayout()
        self.field_form.setMinimumWidth(FORM_WIDTH - 20)
        columns.addWidget(self.field_form, 0)
        columns.addWidget(self.panel, 1)
        self.body.insertLayout(0, columns)

    def _fill(self, row: findings_types.FindingRow | None, inspection_id: int | None) -> None:
        if row is None:
            if inspection_id:
                self.inspection_combo.set_current_data(inspection_id)
                self._inspection_chosen()
            self._load_people()
            self._load_risks()
            return
        self.code_edit.setText(row.code)
        self.source_combo.set_code(row.source)
        self.inspection_combo.set_current_data(row.inspection_id or 0)
        self.found_on_edit.set_value(row.found_on)
        self.unit_combo.set_current_data(row.unit_id)
        self.category_combo.set_code(row.category)
        self._load_risks(row.risk_point_id)
        self.description_edit.setPlainText(row.description)
        self.requirement_edit.setPlainText(row.requirement)
        self.resp_unit_combo.set_current_data(row.resp_unit_id or 0)
        self._load_people(row.resp_person_id)
        if row.resp_person_id is None:
            self.resp_person_combo.setEditText(row.resp_person_name)
        self.resp_leader_edit.setText(row.resp_leader)
        self.kind_combo.set_code(row.kind)
        self.deadline_edit.set_value(row.deadline)
        fixed = row.deadline is not None
        self.deadline_edit.setEnabled(not fixed and not self.read_only)
        self.deadline_hint.setVisible(fixed and not self.read_only)
        self.measures_edit.setPlainText(row.measures)
        self.revisit_check.setChecked(row.revisit)
        self.notes_edit.setPlainText(row.notes)

    def _inspection_chosen(self) -> None:
        """A finding of an inspection: dated on it, from 监督检查, in one of its units."""
        chosen = next((i for i in self.inspections if i.id == self.inspection_combo.current_data()), None)
        if chosen is None or self.row is not None:
            return
        self.found_on_edit.set_value(chosen.inspected_on)
        self.source_combo.set_code("inspection")
        if chosen.unit_ids and self.unit_combo.current_data() not in chosen.unit_ids:
            self.unit_combo.set_current_data(chosen.unit_ids[0])

    def _load_risks(self, select: int | None = None) -> None:
        """The unit's risk points (a short list), so a finding can name the risk it shows."""
        from app.registers.risks.query import point_choices

        keep = select if select is not None else self.risk_combo.current_data()
        with self.ws.reading() as session:
            choices = point_choices(session, self.actor, self.unit_combo.current_data())
        self.risk_combo.set_items([(NO_RISK, 0)] + [(label, pid) for pid, label in choices],
                                  keep if keep in {pid for pid, _ in choices} else 0)

    def _load_people(self, select: int | None = None) -> None:
        """The responsible unit's people (else the unit's): a short list, read here."""
        unit_id = self.resp_unit_combo.current_data() or self.unit_combo.current_data()
        typed = self.resp_person_combo.currentText()
        people = []
        if unit_id:
            with self.ws.reading() as session:
                ids = search_people_ids(session, self.actor, PersonFilter(unit_id=unit_id), sort="unit")
                people = people_rows(session, ids[:300])
        self.resp_person_combo.set_items([(p.display, p.id) for p in people], select)
        if select is None and typed:
            self.resp_person_combo.setEditText(typed)

    # ---- the workflow side ------------------------------------------------------------------

    def reload(self) -> None:
        """Re-reads the finding (status, version, history); the fields on the left stay as typed."""
        if self.row is None:
            return
        with self.ws.reading() as session:
            self.row = findings_query.get_finding(session, self.row.id, self.ws.today())
            history = wf.finding_history(session, self.row.id)
            files = attachments.attachments_of(session, "findings", self.row.id)
        self.panel.show_row(self.row, history, files)
        if self.row.deadline is not None:  # moved only by 延期: not the clerk's to type
            self.deadline_edit.set_value(self.row.deadline)
            self.deadline_edit.setEnabled(False)
            self.deadline_hint.setVisible(not self.read_only)

    def _small_form(self, dialog: FormDialog) -> bool:
        done = bool(dialog.exec())
        if done:
            self.reload()
        return done

    def take_step(self, to_status: str) -> bool:
        from ui.dialogs.finding_steps import StepDialog

        return self.row is not None and self._small_form(StepDialog(self.ws, self.actor, self.row, to_status, self))

    def extend(self) -> bool:
        from ui.dialogs.finding_steps import ExtensionDialog

        return self.row is not None and self._small_form(ExtensionDialog(self.ws, self.actor, self.row, self))

    def add_progress(self) -> bool:
        from ui.dialogs.finding_steps import ProgressDialog

        return self.row is not None and self._small_form(ProgressDialog(self.ws, self.actor, self.row, self))

    # ---- saving -----------------------------------------------------------------------------

    def draft(self) -> findings_types.FindingDraft:
        person_id = self.resp_person_combo.current_data()
        return findings_types.FindingDraft(
            source=self.source_combo.code(), found_on=self.found_on_edit.value(),
            unit_id=self.unit_combo.current_data(), description=self.description_edit.toPlainText(),
            category=self.category_combo.code(), requirement=self.requirement_edit.toPlainText(),
            measures=self.measures_edit.toPlainText(), resp_unit_id=self.resp_unit_combo.current_data() or None,
            resp_person_id=person_id,
            resp_person_name="" if person_id else self.resp_person_combo.currentText(),
            resp_leader=self.resp_leader_edit.text(), kind=self.kind_combo.code(),
            deadline=self.deadline_edit.value(), revisit=self.revisit_check.isChecked(),
            notes=self.notes_edit.toPlainText(), inspection_id=self.inspection_combo.current_data() or None,
            risk_point_id=self.risk_combo.current_data() or None, code=self.code_edit.text(),
            id=self.row.id if self.row else None, version=self.row.version if self.row else None,
            correction_reason=self.correction_reason)

    def save_record(self, session: Session) -> int:
        return findings_write.save_finding(session, self.actor, self.draft(), self.ws.today())
