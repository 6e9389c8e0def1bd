"""`ScoringTable`: a 考核's editable scoring table — 考核项目, 考核方式 (日常抽查 · 重点检查 · 述职述廉 ·
民主评议), 权重 %, 得分 (0–100; a 民主评议 item's is its 满意度; 未评分 until scored) — one line of
fields per item, in a grid, so Tab goes along a line and down the table; ✕ removes a line, 添加项目
adds one. `changed` on every edit, for the form's live total."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.registers.assessments.types import ItemDraft
from app.vocab import ASSESSMENT_SOURCES

HEADERS = ("考核项目", "考核方式", "权重（%）", "得分", "")
ADD, REMOVE_TIP = "添加项目", "删除这一项"
UNSCORED = "未评分"


class _Line:
    """The fields of one item."""

    def __init__(self, parent: QWidget, item: ItemDraft) -> None:
        self.name = QLineEdit(item.name, parent)
        self.source = QComboBox(parent)
        for code, label in ASSESSMENT_SOURCES.items():
            self.source.addItem(label, code)
        self.source.setCurrentIndex(max(self.source.findData(item.source), 0))
        self.weight = QSpinBox(parent)
        self.weight.setRange(0, 100)
        self.weight.setSuffix("%")
        self.weight.setValue(item.weight or 0)
        self.score = QDoubleSpinBox(parent)
        self.score.setRange(-1, 100)
        self.score.setDecimals(1)
        self.score.setSpecialValueText(UNSCORED)
        self.score.setValue(-1 if item.score is None else item.score)
        self.remove = QToolButton(parent)
        self.remove.setText("✕")
        self.remove.setToolTip(REMOVE_TIP)

    @property
    def widgets(self) -> tuple[QWidget, ...]:
        return self.name, self.source, self.weight, self.score, self.remove

    def item(self) -> ItemDraft:
        return ItemDraft(self.name.text(), self.source.currentData(), self.weight.value() or None,
                         None if self.score.value() < 0 else round(self.score.value(), 1))


class ScoringTable(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[_Line] = []
        self.grid_holder = QWidget(self)
        self.grid = QGridLayout(self.grid_holder)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(3)
        self.grid.setColumnStretch(0, 1)
        for column, text in enumerate(HEADERS):
            self.grid.addWidget(QLabel(f"<b>{text}</b>" if text else "", self.grid_holder), 0, column)
        self.add_button = QPushButton(ADD, self)
        self.add_button.clicked.connect(lambda: self.add_item(ItemDraft("", "daily", 10)))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.grid_holder)
        column.addLayout(buttons)

    def _relay(self) -> None:
        """The lines placed in the grid again, in order (after one is removed)."""
        for number, line in enumerate(self.lines, start=1):
            for col, widget in enumerate(line.widgets):
                self.grid.addWidget(widget, number, col)

    def add_item(self, item: ItemDraft) -> None:
        line = _Line(self.grid_holder, item)
        self.lines.append(line)
        for col, widget in enumerate(line.widgets):
            self.grid.addWidget(widget, len(self.lines), col)
            widget.setEnabled(self.add_button.isEnabled())
        line.name.textChanged.connect(lambda _t: self.changed.emit())
        line.source.currentIndexChanged.connect(lambda _i: self.changed.emit())
        line.weight.valueChanged.connect(lambda _v: self.changed.emit())
        line.score.valueChanged.connect(lambda _v: self.changed.emit())
        line.remove.clicked.connect(lambda: self.remove_row(self.lines.index(line)))
        self.changed.emit()

    def set_items(self, items: Sequence[ItemDraft]) -> None:
        for number in reversed(range(len(self.lines))):
            self._drop(number)
        for item in items:
            self.add_item(item)
        self.changed.emit()

    def _drop(self, number: int) -> None:
        line = self.lines.pop(number)
        for widget in line.widgets:
            self.grid.removeWidget(widget)
            widget.deleteLater()

    def remove_row(self, number: int) -> None:
        if 0 <= number < len(self.lines):
            self._drop(number)
            self._relay()
            self.changed.emit()

    def row_count(self) -> int:
        return len(self.lines)

    def items(self) -> tuple[ItemDraft, ...]:
        return tuple(line.item() for line in self.lines)

    def set_score(self, row: int, score: float | None) -> None:
        self.lines[row].score.setValue(-1 if score is None else score)

    def draft_value(self) -> list[dict]:
        """The table as a form's draft keeps it."""
        return [{"name": i.name, "source": i.source, "weight": i.weight, "score": i.score} for i in self.items()]

    def set_draft_value(self, value: object) -> None:
        if isinstance(value, list):
            self.set_items([ItemDraft(str(v.get("name", "")), str(v.get("source", "daily")), v.get("weight"),
                                      v.get("score")) for v in value if isinstance(v, dict)])

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 — Qt override (read-only forms)
        self.add_button.setEnabled(enabled)
        for line in self.lines:
            for widget in line.widgets:
                widget.setEnabled(enabled)
