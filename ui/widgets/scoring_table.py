"""`ScoringTable`: a 考核's editable scoring table — 考核项目, 考核方式 (日常抽查 · 重点检查 · 述职述廉 ·
民主评议), 权重 %, 得分 (0–100; a 民主评议 item's is its 满意度; blank until scored) — with rows
added and removed; `changed` on every edit, for the form's live total."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.registers.assessments.types import ItemDraft
from app.vocab import ASSESSMENT_SOURCES

HEADERS = ("考核项目", "考核方式", "权重（%）", "得分")
ADD, REMOVE = "添加项目", "删除所选项目"
UNSCORED = "未评分"
NAME, SOURCE, WEIGHT, SCORE = range(4)


class ScoringTable(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((SOURCE, 96), (WEIGHT, 84), (SCORE, 90)):
            self.table.setColumnWidth(column, width)
        self.table.setMinimumHeight(self.fontMetrics().height() * 9)
        self.add_button, self.remove_button = QPushButton(ADD, self), QPushButton(REMOVE, self)
        self.add_button.clicked.connect(lambda: self.add_item(ItemDraft("", "daily", 10)))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table)
        column.addLayout(buttons)

    def add_item(self, item: ItemDraft) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QLineEdit(item.name, self.table)
        name.setFrame(False)
        source = QComboBox(self.table)
        for code, label in ASSESSMENT_SOURCES.items():
            source.addItem(label, code)
        source.setCurrentIndex(max(source.findData(item.source), 0))
        weight = QSpinBox(self.table)
        weight.setRange(0, 100)
        weight.setSuffix("%")
        weight.setValue(item.weight or 0)
        score = QDoubleSpinBox(self.table)
        score.setRange(-1, 100)
        score.setDecimals(1)
        score.setSpecialValueText(UNSCORED)
        score.setValue(-1 if item.score is None else item.score)
        for column, widget in ((NAME, name), (SOURCE, source), (WEIGHT, weight), (SCORE, score)):
            self.table.setCellWidget(row, column, widget)
        name.textChanged.connect(lambda _t: self.changed.emit())
        source.currentIndexChanged.connect(lambda _i: self.changed.emit())
        weight.valueChanged.connect(lambda _v: self.changed.emit())
        score.valueChanged.connect(lambda _v: self.changed.emit())
        self.changed.emit()

    def set_items(self, items: Sequence[ItemDraft]) -> None:
        self.table.setRowCount(0)
        for item in items:
            self.add_item(item)
        self.changed.emit()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)
        self.changed.emit()

    def items(self) -> tuple[ItemDraft, ...]:
        found = []
        for row in range(self.table.rowCount()):
            name: QLineEdit = self.table.cellWidget(row, NAME)  # type: ignore[assignment]
            source: QComboBox = self.table.cellWidget(row, SOURCE)  # type: ignore[assignment]
            weight: QSpinBox = self.table.cellWidget(row, WEIGHT)  # type: ignore[assignment]
            score: QDoubleSpinBox = self.table.cellWidget(row, SCORE)  # type: ignore[assignment]
            found.append(ItemDraft(name.text(), source.currentData(), weight.value() or None,
                                   None if score.value() < 0 else round(score.value(), 1)))
        return tuple(found)

    def set_score(self, row: int, score: float | None) -> None:
        widget: QDoubleSpinBox = self.table.cellWidget(row, SCORE)  # type: ignore[assignment]
        widget.setValue(-1 if score is None else score)
