"""谈心谈话 coverage of a year, unit by unit, and who has had none (opened from the talks page):
the office sees whom it still owes a talk before the year is out."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.registers.talks.stats import Coverage
from ui.models.columns import CENTER, RIGHT, Column, RowsTableModel
from ui.widgets.rows_view import rows_view

TITLE = "谈心谈话覆盖情况（{span}）"
SUMMARY = "在册 {people} 人，已谈心谈话 {covered} 人，覆盖率 {rate}；尚未谈话 {left} 人。"
UNITS, PEOPLE = "各单位", "尚未谈心谈话的人员"
CLOSE = "关闭"


@dataclass(frozen=True)
class _Person:
    unit: str
    name: str
    position: str


def rate_text(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.0f}%"


UNIT_COLUMNS = (Column("unit_name", "单位", 170), Column("people", "在册", 50, RIGHT),
                Column("covered", "已谈", 50, RIGHT), Column("rate", "覆盖率", 60, CENTER, format=rate_text))
PEOPLE_COLUMNS = (Column("unit", "单位", 160), Column("name", "姓名", 80), Column("position", "职务", 160, stretch=True))


class CoverageDialog(QDialog):
    def __init__(self, coverage: Coverage, span: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE.format(span=span))
        summary = QLabel(SUMMARY.format(people=coverage.people, covered=coverage.covered,
                                        rate=rate_text(coverage.rate), left=len(coverage.uncovered)), self)
        self.units = RowsTableModel(UNIT_COLUMNS, list(coverage.units), parent=self)
        self.people = RowsTableModel(PEOPLE_COLUMNS, [_Person(unit, name, position)
                                                      for _pid, name, unit, position in coverage.uncovered], parent=self)
        columns = QHBoxLayout()
        for title, model in ((UNITS, self.units), (PEOPLE, self.people)):
            column = QVBoxLayout()
            column.addWidget(QLabel(title, self))
            column.addWidget(rows_view(model, self, sortable=True))
            columns.addLayout(column, 1)
        buttons = QDialogButtonBox(self)
        buttons.addButton(CLOSE, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)
        self.resize(860, 520)
