"""Filter-bar widgets the register pages share: a unit picker, a year picker and a date range.
Each emits `changed` when the clerk changes it; the page then calls `refresh()`."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from app.registers.units.types import UnitRow
from ui.widgets.combos import SearchCombo

ALL_UNITS = "全部单位"
ALL_YEARS = "全部年度"
YEAR = "{year}年"
DATE_RANGE = "日期"
TO = "至"
DATE_FORMAT = "yyyy-MM-dd"


class UnitFilter(SearchCombo):
    """全部单位, then every unit (inactive ones marked); `unit_id()` None = all."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(170)
        self.activated.connect(lambda _i: self.changed.emit())

    def set_units(self, units: Sequence[UnitRow], current: int | None = None) -> None:
        items = [(ALL_UNITS, 0)] + [(u.name if u.active else f"{u.name}（已停用）", u.id) for u in units]
        self.set_items(items, current or 0)

    def unit_id(self) -> int | None:
        return self.current_data() or None


class YearFilter(QComboBox):
    """Years newest first, optionally 全部年度; `year()` None = all."""

    changed = Signal()

    def __init__(self, years: Sequence[int], current: int | None = None, *, allow_all: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if allow_all:
            self.addItem(ALL_YEARS, 0)
        for year in sorted(set(years), reverse=True):
            self.addItem(YEAR.format(year=year), year)
        self.setCurrentIndex(max(self.findData(current or 0), 0))
        self.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def year(self) -> int | None:
        return self.currentData() or None


def refill_years(combo: QComboBox, years: Sequence[int], current: int | None) -> None:
    """`combo` holds `years` (in the order given) with `current` chosen, without signalling a
    change: the years a page or chart found with its data."""
    combo.blockSignals(True)
    combo.clear()
    for year in years:
        combo.addItem(YEAR.format(year=year), year)
    combo.setCurrentIndex(combo.findData(current))
    combo.blockSignals(False)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateRangeFilter(QWidget):
    """☐ 日期 [from] 至 [to]; `range()` is (None, None) while unticked."""

    changed = Signal()

    def __init__(self, start: dt.date, end: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled_check = QCheckBox(DATE_RANGE, self)
        self.start_edit, self.end_edit = QDateEdit(_qdate(start), self), QDateEdit(_qdate(end), self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.enabled_check)
        row.addWidget(self.start_edit)
        row.addWidget(QLabel(TO, self))
        row.addWidget(self.end_edit)
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_FORMAT)
            edit.setEnabled(False)
            edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.enabled_check.toggled.connect(self._toggled)

    def _toggled(self, on: bool) -> None:
        self.start_edit.setEnabled(on)
        self.end_edit.setEnabled(on)
        self.changed.emit()

    def range(self) -> tuple[dt.date | None, dt.date | None]:
        if not self.enabled_check.isChecked():
            return None, None
        start, end = self.start_edit.date().toPython(), self.end_edit.date().toPython()
        return (start, end) if start <= end else (end, start)
