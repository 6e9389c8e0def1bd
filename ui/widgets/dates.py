"""Date fields for forms: a date edit with the calendar popup and ISO format, and one that may be
left empty (unticked)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
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
    """☐ [date]: unticked means no date (`value()` None); ticking it offers `default`."""

    def __init__(self, day: dt.date | None, default: dt.date, text: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(text, self)
        self.edit = DateEdit(day or default, self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.set_value(day)
        self.setFocusProxy(self.edit)

    def value(self) -> dt.date | None:
        return self.edit.value() if self.check.isChecked() else None

    def set_value(self, day: dt.date | None) -> None:
        self.check.setChecked(day is not None)
        self.edit.setEnabled(day is not None)
        if day is not None:
            self.edit.set_value(day)
