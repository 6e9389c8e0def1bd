"""Date fields for forms: `DateEdit` (yyyy-MM-dd with the calendar popup, optionally capped at
today) and `OptionalDate` (☐ [2026-06-15] — a date a record may lack: 回复日期, 回访日期,
整改时限…).

OptionalDate unticked: `value()` is None and the date box is disabled; ticking it offers
`default` (or the last date shown). `changed` is emitted on every change; `edited` only on the
clerk's own."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget

DATE_FORMAT = "yyyy-MM-dd"


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateEdit(QDateEdit):
    """yyyy-MM-dd with a calendar; `latest` (e.g. today) caps it."""

    def __init__(self, day: dt.date, parent: QWidget | None = None, *, latest: dt.date | None = None) -> None:
        super().__init__(qdate(day), parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATE_FORMAT)
        if latest is not None:
            self.setMaximumDate(qdate(latest))

    def value(self) -> dt.date:
        return self.date().toPython()

    def set_value(self, day: dt.date) -> None:
        self.setDate(qdate(day))


class OptionalDate(QWidget):
    changed = Signal()
    edited = Signal()  # the clerk ticked, unticked or changed the date

    def __init__(self, default: dt.date, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(text, self)
        self.edit = DateEdit(default, self)
        self.edit.setEnabled(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)
        self._setting = False
        self.check.toggled.connect(self._toggled)
        self.edit.dateChanged.connect(self._date_changed)
        self.setFocusProxy(self.check)

    def value(self) -> dt.date | None:
        return self.edit.value() if self.check.isChecked() else None

    def set_value(self, day: dt.date | None) -> None:
        """Sets the date (or unticks) without counting as the clerk's edit."""
        self._setting = True
        try:
            if day is not None:
                self.edit.set_value(day)
            self.check.setChecked(day is not None)
        finally:
            self._setting = False

    def set_default(self, day: dt.date) -> None:
        """The date offered when the clerk ticks an empty field."""
        if not self.check.isChecked():
            self._setting = True
            self.edit.set_value(day)
            self._setting = False

    def _toggled(self, on: bool) -> None:
        self.edit.setEnabled(on and self.isEnabled())
        self.changed.emit()
        if not self._setting:
            self.edited.emit()

    def _date_changed(self, _date: QDate) -> None:
        if self.check.isChecked():
            self.changed.emit()
            if not self._setting:
                self.edited.emit()

    def changeEvent(self, event) -> None:  # noqa: ANN001, N802 — Qt override
        super().changeEvent(event)
        self.edit.setEnabled(self.isEnabled() and self.check.isChecked())
