"""Puts the one table's tooltips (ui/help/fields.py) on a form's fields. Called by FieldForm as
a row is added and by FormDialog once the form is built (for fields registered beside another
on one line), so no form writes a tooltip of its own for a field."""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QWidget

from ui.help.fields import FormHelp, form_help, tip_html


def help_of(widget: QWidget) -> FormHelp | None:
    """The table's entry for the form `widget` belongs to (its nearest window or tab with one)."""
    node: QWidget | None = widget
    while node is not None:
        entry = form_help(cls.__name__ for cls in type(node).__mro__)
        if entry is not None:
            return entry
        node = node.parentWidget()
    return None


def apply_tip(form: QWidget, widget: QWidget, field: str, label: QWidget | None = None) -> bool:
    """The field's tooltip (and its label's) from the table; False when the table has none."""
    entry = help_of(form)
    if entry is None or field not in entry.fields:
        return False
    text = tip_html(*entry.fields[field])
    widget.setToolTip(text)
    if label is not None:
        label.setToolTip(text)
    return True


def apply_tips(owner: QWidget, forms: Iterable) -> None:  # noqa: ANN001 — FieldForms
    """Every field of `forms` (FieldForm objects), however it was registered."""
    for form in forms:
        for field, widget in form.fields.items():
            apply_tip(owner, widget, field)
