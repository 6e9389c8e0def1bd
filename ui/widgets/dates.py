"""Date fields for forms: `DateEdit` (yyyy-MM-dd with the calendar popup, optionally capped at
today) and `OptionalDate` (☐ [2026-06-15] — a date a record may lack: 回复日期, 回访日期,
整改时限, 下次复核…).

Keyboard: a date field is one Tab stop. Digits fill it section by section (2026 06 15, the
cursor moves on by itself), ←/→ move between sections, ↑/↓ step the section under the cursor,
Alt+↓ opens the calendar. Tab leaves the field from any section (QDateEdit's own Tab walks
its sections, three Tabs to leave it — and none at all while it shows a special value).

OptionalDate is one stop too: unticked, the box has the focus and Space (or a digit, which also
starts the date) ticks it and moves into the date; ticked, the date has the focus and Space
unticks it. `value()` is None while unticked. `changed` is emitted on every change; `edited`
only on the clerk's own."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QDateEdit, QHBoxLayout, QWidget

DATE_FORMAT = "yyyy-MM-dd"


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def is_tab(event: QEvent) -> bool | None:
    """True for Tab, False for Shift+Tab, None for any other event."""
    if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
        return None
    if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
        return None
    if event.key() == Qt.Key.Key_Backtab or (event.key() == Qt.Key.Key_Tab
                                             and event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
        return False
    return True if event.key() == Qt.Key.Key_Tab else None


class TabLeaves(QObject):
    """An event filter that makes Tab leave any date field it is installed on (QDateEdit's own
    Tab walks the sections, and does nothing while a special value is shown)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        forward = is_tab(event)
        if forward is None or not isinstance(watched, QWidget):
            return False
        QWidget.focusNextPrevChild(watched, forward)
        return True


class DateEdit(QDateEdit):
    """yyyy-MM-dd with a calendar; `latest` (e.g. today) caps it. Tab leaves it at once."""

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

    def event(self, event: QEvent) -> bool:  # noqa: D102 — Qt override
        forward = is_tab(event)
        if forward is not None:
            QWidget.focusNextPrevChild(self, forward)  # the next field, not the next section
            return True
        return super().event(event)


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
        self.check.installEventFilter(self)
        self.edit.installEventFilter(self)
        self.setFocusProxy(self.check)  # once: a proxy set later would reorder Qt's Tab chain
        self._update_focus()

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

    # ---- drafts (ui/dialogs/form_state.py) ---------------------------------------------------

    def draft_value(self) -> str | None:
        day = self.value()
        return day.isoformat() if day else None

    def set_draft_value(self, value: object) -> None:
        self.set_value(dt.date.fromisoformat(value) if isinstance(value, str) else None)

    # ---- behaviour ---------------------------------------------------------------------------

    def _toggled(self, on: bool) -> None:
        had_focus = self.check.hasFocus() or self.edit.hasFocus()
        self._update_focus()
        self.edit.setEnabled(on and self.isEnabled())
        if had_focus:  # the one stop moved between the box and the date: keep the hands there
            (self.edit if on else self.check).setFocus(Qt.FocusReason.TabFocusReason)
        self.changed.emit()
        if not self._setting:
            self.edited.emit()

    def _update_focus(self) -> None:
        """One Tab stop: the box while unticked, the date while ticked."""
        ticked = self.check.isChecked()
        self.check.setFocusPolicy(Qt.FocusPolicy.ClickFocus if ticked else Qt.FocusPolicy.StrongFocus)

    def _date_changed(self, _date: QDate) -> None:
        if self.check.isChecked():
            self.changed.emit()
            if not self._setting:
                self.edited.emit()

    def eventFilter(self, watched, event: QEvent) -> bool:  # noqa: ANN001, N802 — Qt override
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if watched is self.edit and plain and event.key() == Qt.Key.Key_Space:
            self.check.setChecked(False)  # Space unticks: the field is empty again
            return True
        if watched is self.check and plain and event.text().isdigit() and not self.check.isChecked():
            self.check.setChecked(True)  # a digit starts the date at once
            self.edit.setFocus(Qt.FocusReason.TabFocusReason)
            self.edit.setSelectedSection(QDateEdit.Section.YearSection)
            QApplication.sendEvent(self.edit, QKeyEvent(QEvent.Type.KeyPress, event.key(), event.modifiers(),
                                                        event.text()))
            return True
        return False

    def changeEvent(self, event) -> None:  # noqa: ANN001, N802 — Qt override
        super().changeEvent(event)
        self.edit.setEnabled(self.isEnabled() and self.check.isChecked())
