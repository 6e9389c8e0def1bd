"""What a form holds, as plain JSON data (a draft's fields), read from its widgets — so every
FormDialog has drafts without code of its own.

The inputs are the dialog's attributes that are input widgets, keyed by attribute name, in the
order they were set (the order restoring follows, so a field that fills another's choices comes
first). A widget of our own that holds more than Qt sees (people chosen, files pending, a date
that may be empty) offers `draft_value()` / `set_draft_value(value)`, and is then one input.
Password fields are never read."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QTextEdit,
    QWidget,
)

DATA_ROLE = Qt.ItemDataRole.UserRole


def _plain(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def is_input(widget: object) -> bool:
    """A widget whose content the clerk types or chooses (and a draft keeps)."""
    if not isinstance(widget, QWidget):
        return False
    if callable(getattr(widget, "draft_value", None)):
        return True
    if isinstance(widget, QLineEdit):
        return widget.echoMode() == QLineEdit.EchoMode.Normal
    if isinstance(widget, QListWidget):
        return True  # counted only when its items are ticked (see `read`)
    return isinstance(widget, QPlainTextEdit | QTextEdit | QComboBox | QCheckBox | QRadioButton
                      | QAbstractSpinBox)


def inputs(owner: QWidget) -> Iterator[tuple[str, QWidget]]:
    """(attribute name, widget) of `owner`'s inputs, in the order the attributes were set."""
    for name, value in list(vars(owner).items()):
        if not name.startswith("_") and value is not owner and is_input(value):
            yield name, value


def read(widget: QWidget) -> Any:
    """The widget's content as plain data."""
    custom = getattr(widget, "draft_value", None)
    if callable(custom):
        return custom()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        data = widget.currentData()
        return {"data": data if _plain(data) else None, "text": widget.currentText()}
    if isinstance(widget, QCheckBox | QRadioButton):
        return widget.isChecked()
    if isinstance(widget, QDateTimeEdit):
        if widget.displayFormat() and "y" not in widget.displayFormat():
            return widget.time().toString("HH:mm:ss")
        return widget.date().toPython().isoformat()
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.value()
    if isinstance(widget, QListWidget):
        ticked = [i for i in range(widget.count())
                  if widget.item(i).flags() & Qt.ItemFlag.ItemIsUserCheckable
                  and widget.item(i).checkState() == Qt.CheckState.Checked]
        return [_item_key(widget, i) for i in ticked]
    return None


def _item_key(widget: QListWidget, row: int) -> Any:
    data = widget.item(row).data(DATA_ROLE)
    return data if _plain(data) and data is not None else widget.item(row).text()


def write(widget: QWidget, value: Any) -> None:
    """Puts `value` (as `read` gave it) back into the widget."""
    custom = getattr(widget, "set_draft_value", None)
    if callable(custom):
        custom(value)
    elif isinstance(widget, QLineEdit) and isinstance(value, str):
        widget.setText(value)
    elif isinstance(widget, QPlainTextEdit | QTextEdit) and isinstance(value, str):
        widget.setPlainText(value)
    elif isinstance(widget, QComboBox) and isinstance(value, dict):
        _write_combo(widget, value)
    elif isinstance(widget, QCheckBox | QRadioButton) and isinstance(value, bool):
        widget.setChecked(value)
    elif isinstance(widget, QDateTimeEdit) and isinstance(value, str):
        if ":" in value:
            widget.setTime(QTime.fromString(value, "HH:mm:ss"))
        else:
            day = dt.date.fromisoformat(value)
            widget.setDate(QDate(day.year, day.month, day.day))
    elif isinstance(widget, QSpinBox | QDoubleSpinBox) and isinstance(value, int | float):
        widget.setValue(value)
    elif isinstance(widget, QListWidget) and isinstance(value, list):
        wanted = set(map(_hashable, value))
        for i in range(widget.count()):
            if widget.item(i).flags() & Qt.ItemFlag.ItemIsUserCheckable:
                on = _hashable(_item_key(widget, i)) in wanted
                widget.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def _write_combo(combo: QComboBox, value: dict) -> None:
    data, text = value.get("data"), value.get("text", "")
    index = combo.findData(data) if data not in (None, "") else -1
    if index < 0 and text:
        index = combo.findText(text, Qt.MatchFlag.MatchExactly)
    if index < 0 and data == "":
        index = combo.findData("")
    if index >= 0:
        combo.setCurrentIndex(index)
    elif combo.isEditable():
        combo.setCurrentIndex(-1)
        combo.setEditText(text)


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def capture(owner: QWidget) -> dict[str, Any]:
    """Every input's content, keyed by attribute name."""
    return {name: read(widget) for name, widget in inputs(owner)}


def restore(owner: QWidget, fields: dict[str, Any]) -> None:
    """Puts a captured state back, field by field in the form's own order; names the form no
    longer has are ignored (a draft from an older version of the form)."""
    for name, widget in inputs(owner):
        if name in fields:
            write(widget, fields[name])


def field_of(owner: QWidget, focused: QWidget | None) -> str:
    """The input that holds (or contains) the focused widget ("" when none does)."""
    while focused is not None:
        for name, widget in inputs(owner):
            if widget is focused:
                return name
        focused = focused.parentWidget()
        if focused is owner:
            return ""
    return ""
