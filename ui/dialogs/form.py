"""`FormDialog`: the base of every record dialog. Rows of (label, widget, field name); a failed
save shows the service's message next to the field `ValidationError.field` names, focuses that
field, and keeps the dialog open with everything typed. Ctrl+S saves, Esc cancels."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.auth import Actor, Role
from app.errors import QingfengError, ValidationError
from ui import messages

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.workspace import Workspace

SAVE = "保存"
CANCEL = "取消"
CLOSE = "关闭"
READ_ONLY_NOTE = "只读：当前用户或工作区不能修改此记录。"
ERROR_STYLE = "color: #c0392b;"
NOTE_STYLE = "color: #666;"


class FormDialog(QDialog):
    """Subclasses add rows with `add_row()` and implement `save_record(session) -> id`."""

    def __init__(self, ws: Workspace, actor: Actor, title: str, parent: QWidget | None = None,
                 *, read_only: bool = False) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.read_only = read_only or ws.read_only or actor.role < Role.EDITOR
        self.saved_id: int | None = None
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.fields: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.form_error = QLabel(self)
        self.form_error.setStyleSheet(ERROR_STYLE)
        self.form_error.setWordWrap(True)
        self.form_error.hide()
        self.buttons = QDialogButtonBox(self)
        if self.read_only:
            self.save_button = None
            self.buttons.addButton(CLOSE, QDialogButtonBox.ButtonRole.RejectRole)
        else:
            self.save_button = self.buttons.addButton(SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
            self.save_button.setDefault(True)
            self.buttons.addButton(CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
            QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.form)

    def finish_layout(self) -> None:
        """Call at the end of the subclass's constructor (after any extra widgets)."""
        if self.read_only:
            note = QLabel(READ_ONLY_NOTE, self)
            note.setStyleSheet(NOTE_STYLE)
            self.body.addWidget(note)
            for widget in self.fields.values():
                widget.setEnabled(False)
        self.body.addWidget(self.form_error)
        self.body.addWidget(self.buttons)

    def add_row(self, label: str, widget: QWidget, field: str = "", hint: QLabel | None = None) -> QWidget:
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
        return widget

    # ---- saving ----------------------------------------------------------------------------

    def save_record(self, session: Session) -> int:
        raise NotImplementedError

    def save(self) -> bool:
        """Saves in one unit of work; on failure shows the message and stays open."""
        if self.read_only:
            return False
        self.clear_errors()
        try:
            with self.ws.writing() as session:
                self.saved_id = self.save_record(session)
        except QingfengError as exc:
            self.show_error(exc)
            return False
        except Exception as exc:  # noqa: BLE001 — a bug: logged and shown; what was typed stays
            messages.show_error(self, exc)
            return False
        self.accept()
        return True

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
        widget = self.fields[field]
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def error_text(self, field: str = "") -> str:
        """What is shown next to `field` ("" = the form's own line); for tests."""
        label = self.error_labels.get(field) if field else self.form_error
        return label.text() if label is not None and not label.isHidden() else ""
