"""`FormDialog`: the base of every record dialog. Rows of (label, widget, field name); a failed
save shows the service's message next to the field `ValidationError.field` names, focuses that
field, and keeps the dialog open with everything typed. Ctrl+S saves, Esc cancels."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.auth import Actor, Role
from app.errors import QingfengError
from ui import messages
from ui.widgets.field_form import NOTE_STYLE, FieldForm

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.workspace.facade import Workspace

__all__ = ["FormDialog", "NOTE_STYLE"]

SAVE = "保存"
CANCEL = "取消"
CLOSE = "关闭"
READ_ONLY_NOTE = "只读：当前用户或工作区不能修改此记录。"
CORRECTION_FIELD = "correction_reason"
CORRECTION_TITLE = "更正已归档年度的记录"
CORRECTION_LABEL = "{message}\n\n请填写更正原因（记入操作日志）："
CORRECTION_HINT = "如：录入时日期写错"


class FormDialog(QDialog):
    """Subclasses add rows with `add_row()`, call `finish_layout()`, and implement
    `save_record(session) -> id` (raising the service's errors)."""

    def __init__(self, ws: Workspace, actor: Actor, title: str, parent: QWidget | None = None,
                 *, read_only: bool = False) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.read_only = read_only or ws.read_only or actor.role < Role.EDITOR
        self.saved_id: int | None = None
        # An administrator's reason for correcting a closed year: asked when the service wants
        # one and the form has no field of its own for it; subclasses pass it in their drafts.
        self.correction_reason = ""
        self.setWindowTitle(title)
        self.field_form = FieldForm(self)
        self.forms = [self.field_form]  # more with add_form(): a dialog in columns
        self.fields, self.error_labels = self.field_form.fields, self.field_form.error_labels
        self.buttons = QDialogButtonBox(self)
        if self.read_only:
            self.save_button = None
            self.buttons.addButton(CLOSE, QDialogButtonBox.ButtonRole.RejectRole)
        else:
            self.save_button = self.buttons.addButton(SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
            self.save_button.setDefault(True)
            self.save_button.setToolTip("保存（Ctrl+S）")
            self.buttons.addButton(CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
            QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.field_form)

    def add_row(self, label: str, widget: QWidget, field: str = "",
                hint: QWidget | None = None) -> QWidget:
        return self.field_form.add_row(label, widget, field, hint)

    def add_form(self, parent: QWidget | None = None) -> FieldForm:
        """A further column of fields the subclass places itself; a service's message finds its
        field in whichever form holds it, and read-only disables them all."""
        form = FieldForm(parent or self)
        self.forms.append(form)
        return form

    def _form_of(self, field: str) -> FieldForm:
        return next((f for f in self.forms if field and field in f.error_labels), self.field_form)

    def finish_layout(self) -> None:
        """Call at the end of the subclass's constructor (after any extra widgets)."""
        if self.read_only:
            note = QLabel(READ_ONLY_NOTE, self)
            note.setStyleSheet(NOTE_STYLE)
            self.body.addWidget(note)
            for form in self.forms:
                for widget in form.fields.values():
                    widget.setEnabled(False)
        self.body.addWidget(self.field_form.form_error)
        self.body.addWidget(self.buttons)

    # ---- saving ----------------------------------------------------------------------------

    def save_record(self, session: Session) -> int:
        raise NotImplementedError

    def save(self) -> bool:
        """Saves in one unit of work and closes; on failure shows the message and stays open."""
        if not self.save_in_place():
            return False
        self.accept()
        return True

    def save_in_place(self) -> bool:
        """Saves in one unit of work (`saved_id` set) and stays open, e.g. before a dialog that
        needs the record to exist; on failure shows the message, keeping what was typed."""
        if self.read_only:
            return False
        for form in self.forms:
            form.clear_errors()
        try:
            with self.ws.writing() as session:
                self.saved_id = self.save_record(session)
        except QingfengError as exc:
            if self._asked_correction(exc):
                return self.save_in_place()
            self._form_of(getattr(exc, "field", "")).show_error(exc)
            return False
        except Exception as exc:  # noqa: BLE001 — a bug: logged and shown; what was typed stays
            messages.show_error(self, exc)
            return False
        return True

    def _asked_correction(self, exc: QingfengError) -> bool:
        """A closed year wants an administrator's reason: asked once, then the save is retried."""
        if (getattr(exc, "field", "") != CORRECTION_FIELD or self.correction_reason
                or any(CORRECTION_FIELD in form.error_labels for form in self.forms)
                or self.actor.role < Role.ADMIN):
            return False
        reason = messages.ask_text(self, CORRECTION_TITLE, CORRECTION_LABEL.format(message=exc.message),
                                   CORRECTION_HINT)
        if reason is None:
            return False
        self.correction_reason = reason
        return True

    def error_text(self, field: str = "") -> str:
        return self._form_of(field).error_text(field)
