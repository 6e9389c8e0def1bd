"""`FormDialog`: the base of every record dialog, and everything a form does by construction.

Rows of (label, widget, field name); a failed save shows the service's message next to the
field `ValidationError.field` names, focuses that field, and keeps the dialog open with
everything typed. The keyboard, for every form:
- the focus starts in the first field (or, for a restored draft, where the clerk was typing);
- Tab follows the layouts (what is drawn left to right, top to bottom, a column to its end:
  `ui/widgets/focus_chain.py`), each date one stop;
- Enter in a one-line field moves to the next (from the last one to 保存; Enter on a focused
  button presses it); a multi-line field takes Enter as a new line;
- Ctrl+S and Ctrl+Enter save (Ctrl+Enter is 保存并新建 in a form that offers it); Esc closes,
  keeping what was typed as a draft (`ui/dialogs/drafted.py`: drafts need no code in a form).

A subclass adds rows with `add_row()`, calls `finish_layout()`, and implements
`save_record(session) -> id` as ONE call of its register's service (the service writes the
record with all its parts — participants, links, attachments — and its audit rows); the form's
draft ends in the same unit of work. The keyboard order and the draft's baseline are taken once
the subclass's constructor has returned (`__init_subclass__` wraps it), so a form built on this
class has them without calling anything."""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.auth import Actor, Role
from app.errors import QingfengError
from ui import messages
from ui.dialogs.drafted import DraftedForm
from ui.help.tips import apply_tips
from ui.shortcuts import make_shortcut
from ui.widgets.dates import TabLeaves
from ui.widgets.field_form import NOTE_STYLE, FieldForm
from ui.widgets.focus_chain import chain, focus_stops

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.workspace.facade import Workspace

__all__ = ["FormDialog", "NOTE_STYLE"]

SAVE = "保存"
CANCEL = "取消"
CLOSE = "关闭"
SAVE_TIP = "保存（Ctrl+S 或 Ctrl+Enter）"
READ_ONLY_NOTE = "只读：当前用户或工作区不能修改此记录。"
CORRECTION_FIELD = "correction_reason"
CORRECTION_TITLE = "更正已归档年度的记录"
CORRECTION_LABEL = "{message}\n\n请填写更正原因（记入操作日志）："
CORRECTION_HINT = "如：录入时日期写错"
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)

_building: dict[int, int] = {}  # id(dialog) → constructors still running (see __init_subclass__)


class _ListEnter(QObject):
    """On a field's list of earlier values: Enter with nothing highlighted closes the list and
    moves on (the list would otherwise swallow it)."""

    def __init__(self, form: FormDialog) -> None:
        super().__init__(form)
        self.edits: dict[QObject, QWidget] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in ENTER_KEYS
                and isinstance(watched, QAbstractItemView) and not watched.currentIndex().isValid()):
            watched.hide()
            self.parent().move_on()
            return True
        return False


class _EnterMovesOn(QObject):
    """On an editable combo's text: Enter (its list closed) moves on, as in any one-line field
    (an inline completion would otherwise swallow it)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in ENTER_KEYS and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            completer = watched.completer() if isinstance(watched, QComboBox) else None
            popup = completer.popup() if completer is not None else None
            if popup is None or not popup.isVisible():
                self.parent().move_on()
                return True
        return False


class FormDialog(DraftedForm, QDialog):
    """Subclasses add rows with `add_row()`, call `finish_layout()`, and implement
    `save_record(session) -> id` (raising the service's errors)."""

    def __init_subclass__(cls, **kw: object) -> None:
        """Runs `_built()` once the outermost constructor of a form has returned."""
        super().__init_subclass__(**kw)
        init = cls.__dict__.get("__init__")
        if init is None:
            return

        @functools.wraps(init)
        def wrapped(self: FormDialog, *args: object, **kwargs: object) -> None:
            key = id(self)
            _building[key] = _building.get(key, 0) + 1
            try:
                init(self, *args, **kwargs)
            finally:
                _building[key] -= 1
                outermost = _building[key] == 0
                if outermost:
                    del _building[key]
            if outermost:
                self._built()

        cls.__init__ = wrapped  # type: ignore[misc]

    def __init__(self, ws: Workspace, actor: Actor, title: str, parent: QWidget | None = None,
                 *, read_only: bool = False) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.read_only = read_only or ws.read_only or actor.role < Role.EDITOR
        self.saved_id: int | None = None
        # An administrator's reason for correcting a closed year: asked when the service wants
        # one and the form has no field of its own for it; subclasses pass it in their drafts.
        self.correction_reason = ""
        self._opened_title = title
        self._shown_once = False
        self.setWindowTitle(title)
        self.field_form = FieldForm(self)
        self.forms = [self.field_form]  # more with add_form(): a dialog in columns
        self.fields, self.error_labels = self.field_form.fields, self.field_form.error_labels
        self.buttons = QDialogButtonBox(self)
        self.status = QLabel(self)  # the draft's state, 已保存…: one quiet line under the form
        self.status.setStyleSheet(NOTE_STYLE)
        if self.read_only:
            self.save_button = None
            self.buttons.addButton(CLOSE, QDialogButtonBox.ButtonRole.RejectRole)
        else:
            self.save_button = self.buttons.addButton(SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
            self.save_button.setToolTip(SAVE_TIP)
            self.buttons.addButton(CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
            make_shortcut(self, "save", self.save)
            make_shortcut(self, "save_by_keyboard", self.save_by_keyboard)
        for button in self.buttons.buttons():
            button.setAutoDefault(False)  # Enter in a field never saves or closes by itself
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.field_form)
        self._tab_leaves = TabLeaves(self)
        self._enter_moves_on = _EnterMovesOn(self)
        self._list_enter = _ListEnter(self)

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
        self.body.addWidget(self.status)
        self.body.addWidget(self.buttons)

    # ---- the keyboard ----------------------------------------------------------------------

    def _built(self) -> None:
        """The form is complete and filled: its Tab order, its draft's baseline, the offer of a
        draft left earlier. Tab leaves every multi-line field (a tab character is never typed in
        a form)."""
        for edit in self.findChildren(QPlainTextEdit) + self.findChildren(QTextEdit):
            edit.setTabChangesFocus(True)
        for combo in self.findChildren(QComboBox):
            if combo.isEditable():  # what is typed is the field's value, not a new list item,
                combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # and Enter moves on
                combo.installEventFilter(self._enter_moves_on)
        for view in self.findChildren(QAbstractItemView):
            view.setTabKeyNavigation(False)  # a table's Tab leaves it; arrows move in it
        for edit in self.findChildren(QDateTimeEdit):
            edit.installEventFilter(self._tab_leaves)  # a date is one stop, whatever its class
        self.tab_stops = chain(self)
        apply_tips(self, self.forms)  # fields registered beside another get theirs too
        self.start_drafts()

    def first_field(self) -> QWidget | None:
        """Where the focus starts: the field a restored draft was typed in, else the first
        field that takes it."""
        restored = self.restored_focus()
        if restored is not None and restored.isEnabled() and restored.isVisibleTo(self):
            return restored.focusProxy() or restored
        buttons = set(self.buttons.buttons())
        return next((w for w in self.tab_stops if w not in buttons and w.isEnabled()
                     and w.isVisibleTo(self) and w.focusPolicy() & Qt.FocusPolicy.TabFocus), None)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 — Qt override
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            for button in self.buttons.buttons():  # the box makes 保存 the default as it shows:
                button.setDefault(False)            # no button looks as if Enter pressed it
            first = self.first_field()
            if first is not None:  # a date's first section selected; a text's cursor at its end
                first.setFocus(Qt.FocusReason.TabFocusReason if isinstance(first, QAbstractSpinBox)
                               else Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 — Qt override
        """Enter, not taken by the field itself (a list's pick, a new line), moves on."""
        if event.key() in ENTER_KEYS and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            focused = QApplication.focusWidget()
            if isinstance(focused, QPushButton | QToolButton) and self.isAncestorOf(focused):
                focused.click()  # a focused button: Enter presses it
                return
            self.move_on()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 — Qt override
        """Tab and Shift+Tab follow the layouts' order (read afresh: fields shown, hidden or
        added since), whatever Qt's own focus chain has become."""
        if not self._shown_once:
            return super().focusNextPrevChild(forward)
        stops = [w for w in focus_stops(self) if w.isVisible() and w.isEnabled()
                 and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        focused = QApplication.focusWidget()
        here = next((i for i, w in enumerate(stops) if w is focused or w.isAncestorOf(focused)), None)
        if not stops or here is None:
            return super().focusNextPrevChild(forward)
        target = stops[(here + (1 if forward else -1)) % len(stops)]
        target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
        return True

    def list_moves_on(self, edit: QWidget, completer: QCompleter) -> None:
        """A one-line field with a list of earlier values: Enter on the list takes the value
        highlighted (or keeps what is typed) and moves on, as Enter in the field does."""
        completer.activated[str].connect(lambda _text: QTimer.singleShot(0, lambda: edit.hasFocus() and self.move_on()))
        completer.popup().installEventFilter(self._list_enter)
        self._list_enter.edits[completer.popup()] = edit

    def move_on(self) -> None:
        """To the next field; from the last one to 保存 (never to 取消)."""
        self.focusNextChild()
        focused = QApplication.focusWidget()
        if focused in self.buttons.buttons() and self.save_button is not None:
            self.save_button.setFocus(Qt.FocusReason.TabFocusReason)

    def save_by_keyboard(self) -> bool:
        """Ctrl+Enter: 保存 (a form that offers 保存并新建 takes it for that)."""
        return self.save()

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
        """Saves in one unit of work (`saved_id` set; the form's draft ends in it) and stays
        open, e.g. before a dialog that needs the record to exist; on failure shows the
        message, keeping what was typed (and its draft)."""
        if self.read_only:
            return False
        for form in self.forms:
            form.clear_errors()
        try:
            with self.ws.writing() as session:
                self.saved_id = self.save_record(session)
                self.end_draft(session)
        except QingfengError as exc:
            if self._asked_correction(exc):
                return self.save_in_place()
            self._form_of(getattr(exc, "field", "")).show_error(exc)
            return False
        except Exception as exc:  # noqa: BLE001 — a bug: logged and shown; what was typed stays
            messages.show_error(self, exc)
            return False
        self.after_save()
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

    # ---- closing ---------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc, 取消, ✕: closes; what was typed stays as a draft."""
        self.keep_draft()
        super().reject()

    def done(self, result: int) -> None:
        self.stop_drafts()
        super().done(result)
