"""A unit's 主体责任考核 form: year, unit, its 主要负责人, the scoring table with the total worked out
as it is typed and the grade it proposes, the grade the 党组 gave, 一票否决 with its reason — a
veto proposed from a third- or fourth-form measure in the unit that year is offered to adopt —,
the date, the files."""
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

from app.registers.assessments import write as assessments_write
from app.registers.assessments.query import previous_items
from app.registers.assessments.rules import DEFAULT_ITEMS, grade_of, total_of
from app.registers.assessments.types import (
    ENTITY,
    AssessmentDraft,
    AssessmentRow,
    VetoCase,
)
from app.registers.assessments.veto import veto_proposal
from app.registers.units.query import list_units
from app.settings import load_settings
from app.vocab import ASSESSMENT_GRADES
from ui.dialogs.form import FormDialog
from ui.widgets.attachment_list import AttachmentList
from ui.widgets.combos import SearchCombo
from ui.widgets.dates import OptionalDate
from ui.widgets.person_picker import PersonPicker
from ui.widgets.scoring_table import ScoringTable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE_NEW, TITLE_EDIT = "登记主体责任考核", "主体责任考核 — {summary}"
L_YEAR, L_UNIT, L_HEAD, L_DATE, L_ITEMS, L_TOTAL = "年度", "被考核单位", "主要负责人", "考核日期", "评分表", "总分"
L_GRADE, L_VETO, L_REASON, L_FILES, L_NOTES = "考核等次", "一票否决", "否决原因", "附件", "备注"
HEAD_HINT = "留空：按人员名册取该单位主要负责人"
NOT_GRADED = "未评定"
TOTAL_TEXT = "{total} 分 · 按分数线建议等次：{grade}"
TOTAL_PENDING = "各项均评分后计算（权重合计 {weights}%）"
VETO_TEXT = "否决评先评优（等次最高为“一般”）"
PROPOSAL = "建议一票否决：{reason}"
ADOPT = "采纳"
ASSESSED = "已考核"
RED = "color: #c0392b;"


class AssessmentDialog(FormDialog):
    def __init__(self, ws: Workspace, actor: Actor, row: AssessmentRow | None = None, *,
                 parent: QWidget | None = None, read_only: bool = False, year: int | None = None) -> None:
        super().__init__(ws, actor, TITLE_EDIT.format(summary=row.summary) if row else TITLE_NEW, parent,
                         read_only=read_only)
        self.row = row
        self.proposal: VetoCase | None = None
        today = ws.today()
        with ws.reading() as session:
            units = list_units(session, include_inactive=False)
            self.lines = load_settings(session).assessment_grade_scores
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(row.year if row else (year or today.year - 1))
        self.unit_combo = SearchCombo(self)
        self.unit_combo.set_items([(u.name, u.id) for u in units if actor.may_touch_unit(u.id)])
        self.head_picker = PersonPicker(ws, actor, self)
        self.head_picker.setPlaceholderText(HEAD_HINT)
        self.date_edit = OptionalDate(today, ASSESSED, self)
        self.scoring = ScoringTable(self)
        self.total_label = QLabel(self)
        self.grade_combo = QComboBox(self)
        self.grade_combo.addItem(NOT_GRADED, "")
        for code, label in ASSESSMENT_GRADES.items():
            self.grade_combo.addItem(label, code)
        veto_row = QWidget(self)
        line = QHBoxLayout(veto_row)
        line.setContentsMargins(0, 0, 0, 0)
        self.veto_check = QCheckBox(VETO_TEXT, veto_row)
        self.proposal_label = QLabel(veto_row)
        self.proposal_label.setStyleSheet(RED)
        self.adopt_button = QPushButton(ADOPT, veto_row)
        self.adopt_button.clicked.connect(self.adopt_proposal)
        line.addWidget(self.veto_check)
        line.addWidget(self.proposal_label, 1)
        line.addWidget(self.adopt_button)
        self.reason_edit = QLineEdit(self)
        self.attachments = AttachmentList(ws, actor, ENTITY, self, read_only=self.read_only)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setFixedHeight(self.fontMetrics().height() * 2 + 12)
        self.notes_edit.setTabChangesFocus(True)
        self.add_row(L_YEAR, self.year_spin, "year")
        self.add_row(L_UNIT, self.unit_combo, "unit_id")
        self.add_row(L_HEAD, self.head_picker, "head_id")
        self.add_row(L_DATE, self.date_edit, "assessed_on")
        self.add_row(L_ITEMS, self.scoring, "items")
        self.add_row(L_TOTAL, self.total_label)
        self.add_row(L_GRADE, self.grade_combo, "grade")
        self.add_row(L_VETO, veto_row, "veto")
        self.add_row(L_REASON, self.reason_edit, "veto_reason")
        self.add_row(L_FILES, self.attachments, "attachments")
        self.add_row(L_NOTES, self.notes_edit, "notes")
        self.finish_layout()
        if row is not None:
            self.unit_combo.set_current_data(row.unit_id)
            if row.head_id is not None:
                self.head_picker.set_person(row.head_id, row.head_name)
            self.date_edit.set_value(row.assessed_on)
            self.scoring.set_items([i.as_draft() for i in row.items])
            self.grade_combo.setCurrentIndex(max(self.grade_combo.findData(row.grade), 0))
            self.veto_check.setChecked(row.veto)
            self.reason_edit.setText(row.veto_reason)
            self.notes_edit.setPlainText(row.notes)
            self.veto_sanction_id = row.veto_sanction_id
        else:
            self.veto_sanction_id = None
            self.scoring.set_items(DEFAULT_ITEMS)
        self.attachments.load(row.id if row else None)
        self.scoring.changed.connect(self.show_total)
        self.veto_check.toggled.connect(lambda _on: self.show_total())
        self.unit_combo.activated.connect(lambda _i: self._unit_or_year_changed())
        self.year_spin.valueChanged.connect(lambda _v: self._unit_or_year_changed())
        self.show_total()
        self.find_proposal()
        self.resize(max(self.sizeHint().width(), 700), min(self.sizeHint().height(), 760))

    def _unit_or_year_changed(self) -> None:
        """A new assessment starts from the unit's last scoring table (scores left out)."""
        unit_id = self.unit_combo.current_data()
        if self.row is None and unit_id is not None:
            with self.ws.reading() as session:
                earlier = previous_items(session, unit_id, self.year_spin.value())
            if earlier and all(i.score is None for i in self.scoring.items()):
                self.scoring.set_items([i.as_draft() for i in earlier])
        self.find_proposal()

    def show_total(self) -> None:
        items = self.scoring.items()
        total = total_of(items) if sum(i.weight or 0 for i in items) == 100 else None
        if total is None:
            self.total_label.setText(TOTAL_PENDING.format(weights=sum(i.weight or 0 for i in items)))
            return
        grade = grade_of(total, self.lines, self.veto_check.isChecked())
        self.total_label.setText(TOTAL_TEXT.format(total=f"{total:.1f}", grade=ASSESSMENT_GRADES[grade]))

    def find_proposal(self) -> None:
        """A veto proposed for the unit's year (veto.py): shown with 采纳 until adopted."""
        unit_id = self.unit_combo.current_data()
        self.proposal = None
        if unit_id is not None:
            with self.ws.reading() as session:
                self.proposal = veto_proposal(session, self.actor, unit_id, self.year_spin.value())
        shown = self.proposal is not None and not self.veto_check.isChecked()
        self.proposal_label.setText(PROPOSAL.format(reason=self.proposal.reason) if self.proposal else "")
        self.proposal_label.setVisible(shown)
        self.adopt_button.setVisible(shown and not self.read_only)

    def adopt_proposal(self) -> None:
        if self.proposal is None:
            return
        self.veto_check.setChecked(True)
        self.reason_edit.setText(self.proposal.reason)
        self.veto_sanction_id = self.proposal.sanction_id
        if self.grade_combo.currentData() in ("good", "fair"):
            self.grade_combo.setCurrentIndex(self.grade_combo.findData("average"))
        self.proposal_label.hide()
        self.adopt_button.hide()

    def draft(self) -> AssessmentDraft:
        veto = self.veto_check.isChecked()
        return AssessmentDraft(
            year=self.year_spin.value(), unit_id=self.unit_combo.current_data(), items=self.scoring.items(),
            grade=self.grade_combo.currentData() or "", veto=veto, veto_reason=self.reason_edit.text(),
            veto_sanction_id=self.veto_sanction_id if veto else None, head_id=self.head_picker.person_id(),
            assessed_on=self.date_edit.value(), notes=self.notes_edit.toPlainText(),
            files=self.attachments.changes(), correction_reason=self.correction_reason, id=self.row.id if self.row else None,
            version=self.row.version if self.row else None)

    def save_record(self, session: Session) -> int:
        return assessments_write.save_assessment(session, self.actor, self.draft(), self.ws.today())
