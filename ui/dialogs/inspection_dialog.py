"""The inspection form (监督检查): date, type, name, the units inspected (none ticked = the whole
system), inspectors, what was found; below, the findings it produced."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.auth import Actor
from app.dictionaries import load_vocabulary
from app.registers.findings import query as findings_query
from app.registers.findings import types as findings_types
from app.registers.inspections import types as inspections_types
from app.registers.inspections import write as inspections_write
from app.registers.units.query import list_units
from ui.dialogs.form import NOTE_STYLE, FormDialog
from ui.models.columns import Column, RowsTableModel
from ui.widgets.combos import DictCombo
from ui.widgets.dates import DateEdit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.workspace.facade import Workspace

TITLE_NEW, TITLE_EDIT = "登记监督检查", "监督检查 — {title}"
L_DATE, L_KIND, L_TITLE, L_UNITS = "检查日期", "检查类型", "检查名称", "被检查单位"
L_INSPECTORS, L_SUMMARY = "检查人员", "检查情况"
UNITS_HINT = "不勾选任何单位表示全系统检查"
CHOSEN = "已选 {count} 个：{names}"
TITLE_HINT = "如：3月份工作作风纪律检查"
FINDINGS_TITLE = "本次检查发现的问题（{count}）"
FINDINGS_EMPTY = "尚未登记问题。保存后可在“问题整改台账”中登记，或点击工具栏“登记问题…”。"
OPEN_FINDINGS = "在问题整改台账中查看"
FINDING_COLUMNS = (Column("code", "编号", 76), Column("unit_name", "被检查单位", 110),
                   Column("description", "问题", 240, tooltip=True), Column("status_label", "状态", 96))


class InspectionDialog(FormDialog):
    DRAFT_RECORD = "row"
    DRAFT_WHAT = "监督检查"
    open_findings = Signal()

    def __init__(self, ws: Workspace, actor: Actor, row: inspections_types.InspectionRow | None = None, *,
                 parent: QWidget | None = None, read_only: bool = False) -> None:
        title = TITLE_EDIT.format(title=row.title) if row else TITLE_NEW
        super().__init__(ws, actor, title, parent, read_only=read_only)
        self.row = row
        today = ws.today()
        with ws.reading() as session:
            vocab = load_vocabulary(session)
            units = list_units(session)
            ids = findings_query.search_finding_ids(session, actor, findings_types.FindingFilter(inspection_id=row.id), today,
                                        sort="code", descending=False) if row else []
            findings = findings_query.finding_rows(session, ids, today)
        self.date_edit = DateEdit(row.inspected_on if row else today, self, latest=today)
        self.kind_combo = DictCombo(vocab, "inspection_type", optional=False, parent=self)
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(TITLE_HINT)
        self.units_list = QListWidget(self)
        self.units_list.setFixedHeight(self.fontMetrics().height() * 7)
        chosen = set(row.unit_ids) if row else set()
        for unit in sorted(units, key=lambda u: u.id not in chosen):  # the ticked ones first
            if not unit.active and unit.id not in chosen:
                continue
            item = QListWidgetItem(unit.name, self.units_list)
            item.setData(Qt.ItemDataRole.UserRole, unit.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if unit.id in chosen else Qt.CheckState.Unchecked)
        self.units_hint = QLabel(self)
        self.units_hint.setStyleSheet(NOTE_STYLE)
        self.units_hint.setWordWrap(True)
        self.units_list.itemChanged.connect(lambda _item: self._show_chosen())
        self._show_chosen()
        self.inspectors_edit = QLineEdit(self)
        self.summary_edit = QPlainTextEdit(self)
        self.summary_edit.setFixedHeight(self.fontMetrics().height() * 4 + 14)
        self.summary_edit.setTabChangesFocus(True)
        self.add_row(L_DATE, self.date_edit, "inspected_on")
        self.add_row(L_KIND, self.kind_combo, "kind")
        self.add_row(L_TITLE, self.title_edit, "title")
        self.add_row(L_UNITS, self.units_list, "unit_ids", hint=self.units_hint)
        self.add_row(L_INSPECTORS, self.inspectors_edit, "inspectors")
        self.add_row(L_SUMMARY, self.summary_edit, "summary")
        self.findings_model = RowsTableModel(FINDING_COLUMNS, findings, parent=self)
        self.body.addWidget(self._findings_box(len(findings)))
        self.finish_layout()
        if row is not None:
            self.kind_combo.set_code(row.kind)
            self.title_edit.setText(row.title)
            self.inspectors_edit.setText(row.inspectors)
            self.summary_edit.setPlainText(row.summary)
        self.resize(max(self.sizeHint().width(), 640), min(self.sizeHint().height(), 700))

    def _findings_box(self, count: int) -> QGroupBox:
        box = QGroupBox(FINDINGS_TITLE.format(count=count), self)
        column = QVBoxLayout(box)
        if not count:
            note = QLabel(FINDINGS_EMPTY, box)
            note.setStyleSheet(NOTE_STYLE)
            note.setWordWrap(True)
            column.addWidget(note)
            return box
        view = QTableView(box)
        view.setModel(self.findings_model)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setStretchLastSection(True)
        view.setFixedHeight(self.fontMetrics().height() * 7)
        for number, spec in enumerate(FINDING_COLUMNS):
            view.setColumnWidth(number, spec.width)
        column.addWidget(view)
        row = QHBoxLayout()
        row.addStretch(1)
        button = QPushButton(OPEN_FINDINGS, box)
        button.clicked.connect(self._open_findings)
        row.addWidget(button)
        column.addLayout(row)
        return box

    def _open_findings(self) -> None:
        self.open_findings.emit()
        self.reject()

    def _show_chosen(self) -> None:
        names = [self.units_list.item(i).text() for i in range(self.units_list.count())
                 if self.units_list.item(i).checkState() == Qt.CheckState.Checked]
        self.units_hint.setText(CHOSEN.format(count=len(names), names="、".join(names)) if names else UNITS_HINT)

    def checked_units(self) -> tuple[int, ...]:
        return tuple(self.units_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.units_list.count())
                     if self.units_list.item(i).checkState() == Qt.CheckState.Checked)

    def draft(self) -> inspections_types.InspectionDraft:
        return inspections_types.InspectionDraft(
            inspected_on=self.date_edit.value(), kind=self.kind_combo.code(), title=self.title_edit.text(),
            unit_ids=self.checked_units(), inspectors=self.inspectors_edit.text(),
            summary=self.summary_edit.toPlainText(), id=self.row.id if self.row else None,
            version=self.row.version if self.row else None, correction_reason=self.correction_reason)

    def save_record(self, session: Session) -> int:
        return inspections_write.save_inspection(session, self.actor, self.draft(), self.ws.today())
