"""`TrackingGrid`: a year's reports up the line of one kind — a row per 责任单位, a column per
period (its due date under its name) — each cell 已报 (the date), 迟报, 未报 (past due, in red) or
blank (not yet due); a click names the unit and period."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.registers.duty_reports.types import INFO, RESEARCH, Tracking

GREEN, ORANGE, RED, GREY = "#1e7b34", "#b35c00", "#c0392b", "#8a8a8a"
TEXTS = {"received": ("已报 {day}", GREEN), "late": ("迟报 {day}", ORANGE), "missing": ("未报", RED),
         "due": ("", GREY), "future": ("", GREY)}
DATA_ROLE = Qt.ItemDataRole.UserRole


def period_header(kind: str, period: int) -> str:
    if kind == INFO:
        return f"{period}月"
    if kind == RESEARCH:
        return "调研报告"
    return "上半年" if period == 1 else "下半年"


class TrackingGrid(QTableWidget):
    cell_chosen = Signal(int, int)  # unit id, period

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.cellClicked.connect(self._clicked)
        self.tracking: Tracking | None = None

    def show_tracking(self, tracking: Tracking) -> None:
        self.tracking = tracking
        self.clear()
        periods = tracking.periods
        self.setColumnCount(len(periods))
        self.setRowCount(len(tracking.units))
        self.setHorizontalHeaderLabels([f"{period_header(p.kind, p.period)}\n截止{p.due:%m-%d}（{p.received}/{p.expected}）"
                                        for p in periods])
        self.setVerticalHeaderLabels([u.unit_name for u in tracking.units])
        for row, unit in enumerate(tracking.units):
            for column, period in enumerate(periods):
                state = tracking.state(unit, period)
                text, color = TEXTS[state]
                cell = unit.cells.get(period.period)
                shown = text.format(day=f"{cell.first:%m-%d}" if cell and cell.first else "")
                if cell is not None and cell.count > 1:
                    shown += f"（{cell.count}篇）"
                item = QTableWidgetItem(shown)
                item.setForeground(QBrush(QColor(color)))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setData(DATA_ROLE, (unit.unit_id, period.period))
                item.setToolTip(f"{unit.unit_name} {period.label}{period.kind_label}：{shown or '未到截止日期'}")
                self.setItem(row, column, item)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch if len(periods) <= 2
                                    else QHeaderView.ResizeMode.Interactive)
        if len(periods) > 2:
            for column in range(len(periods)):
                self.setColumnWidth(column, 86)

    def _clicked(self, row: int, column: int) -> None:
        item = self.item(row, column)
        if item is not None:
            unit_id, period = item.data(DATA_ROLE)
            self.cell_chosen.emit(unit_id, period)

    def chosen(self) -> tuple[int, int] | None:
        item = self.currentItem()
        return item.data(DATA_ROLE) if item is not None else None
