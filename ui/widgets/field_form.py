"""`FieldForm`: labelled fields, each with an error line beneath it. A `ValidationError` from a
service is shown next to the field its `.field` names (else on the form's own line) and that
field gets the focus; nothing typed is lost."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from app.errors import QingfengError, ValidationError
from ui.help.tips import apply_tip

ERROR_STYLE = "color: #c0392b;"
NOTE_STYLE = "color: #666;"


class FieldForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.fields: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.form_error = QLabel(self)
        self.form_error.setStyleSheet(ERROR_STYLE)
        self.form_error.setWordWrap(True)
        self.form_error.hide()

    def add_row(self, label: str, widget: QWidget, field: str = "",
                hint: QWidget | None = None) -> QWidget:
        """A labelled field with its (hidden) error line beneath; `field` is the service's name."""
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if hint is not None:
            column.addWidget(hint)
        if field:
            error = QLabel(holder)
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            column.addWidget(error)
            self.error_labels[field] = error
            self.fields[field] = widget
        self.form.addRow(label, holder)
        if field:  # what goes there and how: ui/help/fields.py, the one table
            apply_tip(self, widget, field, self.form.labelForField(holder))
        return widget

    def clear_errors(self) -> None:
        for label in self.error_labels.values():
            label.clear()
            label.hide()
        self.form_error.clear()
        self.form_error.hide()

    def show_error(self, exc: QingfengError) -> None:
        field = exc.field if isinstance(exc, ValidationError) else ""
        label = self.error_labels.get(field)
        if label is None:
            self.form_error.setText(str(exc))
            self.form_error.show()
            return
        label.setText(str(exc))
        label.show()
        self.fields[field].setFocus(Qt.FocusReason.OtherFocusReason)

    def error_text(self, field: str = "") -> str:
        """What is shown next to `field` ("" = the form's own line)."""
        label = self.error_labels.get(field) if field else self.form_error
        return label.text() if label is not None and not label.isHidden() else ""
