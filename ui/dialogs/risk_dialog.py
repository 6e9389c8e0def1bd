"""The risk point form: the point (unit, code, post, duty item, name) and one year's assessment
(description, category, likelihood × consequence with the level they suggest, the level — a
change needs a reason —, several measures, who is responsible, next review); beside it the
point's level changes and assessments across years. Also the small 停用 form."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.auth import Actor
from app.dictionaries import load_vocabulary
from app.registers.risks import query as risks_query
from app.registers.risks import types as risks_types
from app.registers.risks import write as risks_write
from app.registers.risks.rules import suggest_level
from app.registers.units.query import list_units
from app.vocab import LEVELS
from ui.dialogs.form import NOTE_STYLE, FormDialog
from ui.models.columns import CENTER, Column, RowsTableModel
from ui.widgets.combos import DictCombo, SearchCombo
from ui.widgets.dates import OptionalDate
from ui.widgets.field_form import ERROR_STYLE

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.workspace.facade import Workspace

TITLE_NEW, TITLE_EDIT = "新增风险点", "风险点 — {name}（{year}年）"
L_UNIT, L_CODE, L_POST, L_DUTY, L_NAME = "单位/科室", "编号", "岗位", "职权事项", "风险点"
L_YEAR, L_DESCRIPTION, L_CATEGORY, L_SCORE = "年度", "表现形式", "风险类别", "可能性×后果"
L_LEVEL, L_REASON, L_PERSON, L_LEADER, L_REVIEW = "风险等级", "调整原因", "责任人", "责任领导", "下次复核"
L_STATUS, L_MEASURES = "状态", "防控措施（每行一条）"
CODE_HINT = "留空则自动编号；创建后不再修改"
UNIT_HINT = "输入单位名称的一部分可快速查找"
SCORE_NONE = "未评分"
SUGGESTION = "建议：{label}（评分 {score}；≥{high} 为{l1}，≥{mid} 为{l2}）"
ADOPT = "采用建议"
REASON_NEW = "新风险点首次评定，无需填写"
REASON_SAME = "等级未调整时无需填写"
REASON_NEEDED = "原为{label}，调整等级须写明原因"
REVIEW_TEXT = "设定"
STATUS_CHOICES = (("confirmed", "已确认（计入统计）"), ("draft", "草稿（排查中，确认后计入）"))
HISTORY_TITLE = "等级调整记录（跨年度）"
YEARS_LINE = "各年度评估：{years}"
NO_HISTORY = "暂无记录。"
MEASURES_HINT = "可写多条措施，每行一条；编号（1. 2、）会自动去掉。"

HISTORY_COLUMNS = (
    Column("year", "年度", 40), Column("changed_on", "日期", 80),
    Column("from_text", "原等级", 46, CENTER), Column("to_text", "新等级", 46, CENTER),
    Column("reason", "原因", 190, tooltip=True), Column("user_name", "调整人", 64),
)


class RiskDialog(FormDialog):
    DRAFT_RECORD = "row"
    DRAFT_WHAT = "风险点"
    def __init__(self, ws: Workspace, actor: Actor, row: risks_types.RiskRow | None = None, *,
                 year: int | None = None, unit_id: int | None = None, as_draft: bool = False,
                 parent: QWidget | None = None, read_only: bool = False) -> None:
        title = TITLE_EDIT.format(name=row.name, year=row.year) if row else TITLE_NEW
        super().__init__(ws, actor, title, parent, read_only=read_only)
        self.row, self.settings = row, ws.settings
        with ws.reading() as session:
            vocab = load_vocabulary(session)
            self.units = list_units(session)
            history = risks_query.level_history(session, row.point_id) if row else []
            years = risks_query.point_years(session, row.point_id) if row else []
        self.baseline = row.level if row else None  # a change from it needs a reason

        self.unit_combo = SearchCombo(self)
        self.unit_combo.lineEdit().setPlaceholderText(UNIT_HINT)
        self.code_edit = QLineEdit(self)
        self.code_edit.setPlaceholderText(CODE_HINT)
        self.post_edit, self.duty_edit, self.name_edit = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(2000, 2100)
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.category_combo = DictCombo(vocab, "risk_category", optional=False, parent=self)
        self.likelihood_spin, self.consequence_spin = self._score_spin(), self._score_spin()
        self.suggestion_label = QLabel(self)
        self.suggestion_label.setStyleSheet(NOTE_STYLE)
        self.adopt_button = QPushButton(ADOPT, self)
        self.adopt_button.clicked.connect(self.adopt_suggestion)
        self.level_combo = QComboBox(self)
        for level in LEVELS:
            self.level_combo.addItem(self.settings.level_label(level), level)
        self.reason_edit = QLineEdit(self)
        self.person_edit, self.leader_edit = QLineEdit(self), QLineEdit(self)
        self.review_edit = OptionalDate(ws.today(), REVIEW_TEXT, self)
        self.status_combo = QComboBox(self)
        for code, label in STATUS_CHOICES:
            self.status_combo.addItem(label, code)
        self.measures_edit = QPlainTextEdit(self)

        self.add_row(L_UNIT, self.unit_combo, "unit_id")
        self.add_row(L_CODE, self.code_edit, "code")
        self.add_row(L_POST, self.post_edit, "post")
        self.add_row(L_DUTY, self.duty_edit, "duty_item")
        self.add_row(L_NAME, self.name_edit, "name")
        self.add_row(L_YEAR, self.year_spin, "year")
        self.add_row(L_DESCRIPTION, self.description_edit, "description")
        self.add_row(L_CATEGORY, self.category_combo, "category")
        self.add_row(L_SCORE, self._score_row(), "likelihood")
        self.field_form.fields["consequence"] = self.consequence_spin
        self.field_form.error_labels["consequence"] = self.field_form.error_labels["likelihood"]
        self.add_row(L_LEVEL, self.level_combo, "level")
        self.add_row(L_REASON, self.reason_edit, "level_reason")
        self.add_row(L_PERSON, self.person_edit, "responsible_person")
        self.add_row(L_LEADER, self.leader_edit, "responsible_leader")
        self.add_row(L_REVIEW, self.review_edit, "next_review")
        if row is None:
            self.add_row(L_STATUS, self.status_combo, "status")
        else:
            self.status_combo.hide()  # an assessment's status moves by 确认 / 停用 / 启用

        self.history_model = RowsTableModel(HISTORY_COLUMNS, [_HistoryLine(h, self.settings) for h in history],
                                            parent=self)
        self._two_columns(years)
        self.finish_layout()
        self._tab_order()
        self._fill(row, year, unit_id, as_draft)
        for spin in (self.likelihood_spin, self.consequence_spin):
            spin.valueChanged.connect(lambda _v: self.update_suggestion())
        self.level_combo.currentIndexChanged.connect(lambda _i: self.update_reason())
        self.update_suggestion()
        self.update_reason()
        self.resize(max(self.sizeHint().width(), 1000), min(self.sizeHint().height(), 700))

    # ---- layout --------------------------------------------------------------------------

    def _score_spin(self) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(0, 5)
        spin.setSpecialValueText(SCORE_NONE)
        return spin

    def _score_row(self) -> QWidget:
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.likelihood_spin)
        row.addWidget(QLabel("×", holder))
        row.addWidget(self.consequence_spin)
        row.addWidget(self.suggestion_label, 1)
        row.addWidget(self.adopt_button)
        return holder

    def _two_columns(self, years: list[risks_types.YearAssessment]) -> None:
        """The form on the left; measures and the history across years on the right."""
        self.body.removeWidget(self.field_form)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.field_form)
        left.addStretch(1)
        columns.addLayout(left, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel(L_MEASURES, self))
        right.addWidget(self.measures_edit, 2)
        hint = QLabel(MEASURES_HINT, self)
        hint.setStyleSheet(NOTE_STYLE)
        hint.setWordWrap(True)
        right.addWidget(hint)
        measures_error = QLabel(self)
        measures_error.setStyleSheet(ERROR_STYLE)
        measures_error.setWordWrap(True)
        measures_error.hide()
        right.addWidget(measures_error)
        self.field_form.fields["measures"] = self.measures_edit
        self.field_form.error_labels["measures"] = measures_error
        box = QGroupBox(HISTORY_TITLE, self)
        inner = QVBoxLayout(box)
        self.history_view = QTableView(box)
        self.history_view.setModel(self.history_model)
        self.history_view.verticalHeader().setVisible(False)
        self.history_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.history_view.horizontalHeader().setStretchLastSection(True)
        self.history_view.setAlternatingRowColors(True)
        for number, spec in enumerate(HISTORY_COLUMNS):
            self.history_view.setColumnWidth(number, spec.width)
        inner.addWidget(self.history_view)
        shown = "　".join(f"{y.year}年 {self.settings.level_label(y.level)}（{y.status_label}）" for y in years)
        self.years_label = QLabel(YEARS_LINE.format(years=shown) if years else NO_HISTORY, box)
        self.years_label.setWordWrap(True)
        self.years_label.setStyleSheet(NOTE_STYLE)
        inner.addWidget(self.years_label)
        right.addWidget(box, 3)
        columns.addLayout(right, 1)
        self.body.insertLayout(0, columns)

    def _tab_order(self) -> None:
        """Tab leaves the multi-line fields (the order itself follows the layout: the form on
        the left, then the measures on the right)."""
        for edit in (self.description_edit, self.measures_edit):
            edit.setTabChangesFocus(True)

    def _fill(self, row: risks_types.RiskRow | None, year: int | None, unit_id: int | None, as_draft: bool) -> None:
        current_unit = row.unit_id if row else unit_id
        self.unit_combo.set_items([(u.name if u.active else f"{u.name}（已停用）", u.id)
                                   for u in self.units if u.active or u.id == current_unit], current_unit)
        self.year_spin.setValue(row.year if row else (year or self.ws.today().year))
        self.year_spin.setEnabled(row is None and not self.read_only)
        self.status_combo.setCurrentIndex(1 if as_draft else 0)
        if row is None:
            self.level_combo.setCurrentIndex(2)
            return
        self.code_edit.setText(row.code)
        self.code_edit.setReadOnly(True)
        self.post_edit.setText(row.post)
        self.duty_edit.setText(row.duty_item)
        self.name_edit.setText(row.name)
        self.description_edit.setPlainText(row.description)
        self.category_combo.set_code(row.category)
        self.likelihood_spin.setValue(row.likelihood or 0)
        self.consequence_spin.setValue(row.consequence or 0)
        self.level_combo.setCurrentIndex(self.level_combo.findData(row.level))
        self.person_edit.setText(row.responsible_person)
        self.leader_edit.setText(row.responsible_leader)
        self.review_edit.set_value(row.next_review)
        self.measures_edit.setPlainText("\n".join(row.measures))

    # ---- behaviour -------------------------------------------------------------------------

    def suggested_level(self) -> int | None:
        return suggest_level(self.likelihood_spin.value() or None, self.consequence_spin.value() or None,
                             self.settings.risk_score_thresholds)

    def update_suggestion(self) -> None:
        """The level likelihood × consequence suggests; the clerk decides."""
        level = self.suggested_level()
        if level is None:
            self.suggestion_label.setText("")
        else:
            high, mid = self.settings.risk_score_thresholds
            self.suggestion_label.setText(SUGGESTION.format(
                label=self.settings.level_label(level), high=high, mid=mid,
                score=self.likelihood_spin.value() * self.consequence_spin.value(),
                l1=self.settings.level_label(1), l2=self.settings.level_label(2)))
        self.adopt_button.setEnabled(level is not None and level != self.level_combo.currentData()
                                     and not self.read_only)

    def adopt_suggestion(self) -> None:
        level = self.suggested_level()
        if level is not None:
            self.level_combo.setCurrentIndex(self.level_combo.findData(level))

    def update_reason(self) -> None:
        changed = self.baseline is not None and self.level_combo.currentData() != self.baseline
        self.reason_edit.setEnabled(changed and not self.read_only)
        if self.baseline is None:
            self.reason_edit.setPlaceholderText(REASON_NEW)
        elif changed:
            self.reason_edit.setPlaceholderText(
                REASON_NEEDED.format(label=self.settings.level_label(self.baseline)))
        else:
            self.reason_edit.setPlaceholderText(REASON_SAME)
        self.update_suggestion()

    # ---- saving ----------------------------------------------------------------------------

    def draft(self) -> risks_types.RiskDraft:
        row = self.row
        return risks_types.RiskDraft(
            unit_id=self.unit_combo.current_data(), name=self.name_edit.text(),
            year=self.year_spin.value(), category=self.category_combo.code(),
            level=self.level_combo.currentData(), post=self.post_edit.text(),
            duty_item=self.duty_edit.text(), code="" if row else self.code_edit.text(),
            description=self.description_edit.toPlainText(),
            likelihood=self.likelihood_spin.value() or None,
            consequence=self.consequence_spin.value() or None,
            measures=tuple(self.measures()), responsible_person=self.person_edit.text(),
            responsible_leader=self.leader_edit.text(),
            next_review=self.review_edit.value(),
            level_reason=self.reason_edit.text() if self.reason_edit.isEnabled() else "",
            status=self.status_combo.currentData(),
            id=row.id if row else None, version=row.version if row else None,
            point_version=row.point_version if row else None, correction_reason=self.correction_reason)

    def measures(self) -> list[str]:
        from app.registers.risks.rules import split_measures

        lines = [line for line in self.measures_edit.toPlainText().splitlines() if line.strip()]
        return [m for line in lines for m in (split_measures(line) or (line.strip(),))]

    def save_record(self, session: Session) -> int:
        return risks_write.save_risk(session, self.actor, self.draft(), self.ws.today())




    def draft_summary(self, fields: dict) -> str:
        name = fields.get("name_edit", "")
        return f"（{name}）" if name else ""


class _HistoryLine:
    """A level change as the history table shows it (labels from the settings)."""

    def __init__(self, change: risks_types.LevelChangeRow, settings) -> None:  # noqa: ANN001
        self.year, self.changed_on, self.reason = change.year, change.changed_on, change.reason
        self.user_name = change.user_name
        self.from_text = settings.level_label(change.from_level) if change.from_level else "—"
        self.to_text = settings.level_label(change.to_level)


RETIRE_TITLE = "停用风险点 — {name}（{year}年）"
L_RETIRE_REASON = "停用原因"
RETIRE_HINT = "如 职能划转、事项取消、岗位撤并。停用后不再计入统计，也不会带入下一年度排查；记录保留，可重新启用。"


class RetireDialog(FormDialog):
    """停用 one year's assessment with a reason (kept in the audit log); never a deletion."""

    def __init__(self, ws: Workspace, actor: Actor, row: risks_types.RiskRow, parent: QWidget | None = None) -> None:
        super().__init__(ws, actor, RETIRE_TITLE.format(name=row.name, year=row.year), parent)
        self.row = row
        self.reason_edit = QLineEdit(self)
        hint = QLabel(RETIRE_HINT, self)
        hint.setWordWrap(True)
        hint.setStyleSheet(NOTE_STYLE)
        self.add_row(L_RETIRE_REASON, self.reason_edit, "reason", hint=hint)
        self.finish_layout()
        self.resize(520, self.sizeHint().height())

    def save_record(self, session: Session) -> int:
        risks_write.retire_risk(session, self.actor, self.row.id, self.row.version,
                              reason=self.reason_edit.text(), correction_reason=self.correction_reason)
        return self.row.id

