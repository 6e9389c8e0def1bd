"""`DraftedForm`: the part of every FormDialog that never loses what was typed.

Nothing to implement in a form: its fields are read from its widgets (`ui/dialogs/form_state.py`)
once its constructor has run (the baseline), and then
- stored as a draft (app/drafts.py: per user, in the database) within a second of the clerk's
  last keystroke or click, at once when the focus moves to another field (so also when the idle
  lock covers the screen), and every few seconds whatever else changed it;
- offered back when the same form is opened for the same record: 恢复草稿 is the default
  (Enter), 暂不恢复 (Esc) keeps the draft — listed on 首页 and above the register's table, each
  deletable there on purpose — and is not asked about again;
- kept when the form is closed unsaved (Esc, 取消, ✕): no question, the draft is there;
- ended by a successful save, in the save's own unit of work (FormDialog.save_in_place).

A form may say which record it is for (`draft_scope()`: "new" or the id; by default its opening
title, distinct per record), what it is called in the offer (`DRAFT_WHAT`, by default its title),
a summary (`draft_summary(fields)`), and extend `form_state` / `restore_state` for what its
widgets do not hold (then `restore_state` calls super first).
"""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from app import drafts
from app.errors import QingfengError
from ui import messages
from ui.dialogs import form_state

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

DRAFT_SAVED = "草稿已自动保存 {time}"
DRAFT_KEPT = "已恢复 {when} 的草稿"
OFFER = "发现 {when} 未保存的{what}草稿{who}。\n要恢复草稿中的内容吗？"
CHANGED_SINCE = "\n注意：该记录在草稿保存后已被修改，恢复后保存时将提示冲突。"
RESTORE, DONT_RESTORE = "恢复草稿", "暂不恢复（保留草稿）"
QUIET_MS = 600      # a keystroke's draft is written this long after the typing stops
POLL_MS = 3000      # changes made without a key or a click (a worker filling a field)
TOUCHES = {QEvent.Type.KeyRelease, QEvent.Type.InputMethod, QEvent.Type.MouseButtonRelease,
           QEvent.Type.Wheel}

# A draft the clerk asked to restore from 首页 or a register page: the next form of its kind
# restores it without asking (ui/pages: `request_restore`, then the page opens its form).
_requested: list[str] = []


def request_restore(form_key: str) -> None:
    _requested[:] = [form_key]


def local_time(saved_at: dt.datetime) -> str:
    """A draft's time (naive UTC in the database) as the clerk's clock shows it."""
    return saved_at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class DraftedForm:
    DRAFT_WHAT = ""           # 谈话记录: what the offer calls the draft ("" = the title)
    DRAFT_RECORD = ""         # the attribute holding the record edited (its .id, .version), if any
    ws: Workspace
    actor: Actor
    read_only: bool
    status: QLabel
    draft_key = ""
    _baseline: dict
    _last_saved: dict | None = None
    _drafting = False

    # ---- what a form may say -------------------------------------------------------------

    def draft_scope(self) -> str:
        """Which record the form is for: its id, "new" (a form with a DRAFT_RECORD that holds
        none), or else a digest of the title it opened with (distinct per record here)."""
        record_id = self.draft_record_id()
        if record_id is not None:
            return str(record_id)
        if self.DRAFT_RECORD:
            return "new"
        title = getattr(self, "_opened_title", "")
        return "t" + hashlib.sha1(title.encode()).hexdigest()[:10]

    def _draft_record(self) -> object | None:
        return getattr(self, self.DRAFT_RECORD, None) if self.DRAFT_RECORD else None

    def draft_record_id(self) -> int | None:
        """The record being edited (a register page opens it again from a draft)."""
        value = getattr(self._draft_record(), "id", None)
        return value if isinstance(value, int) else None

    def draft_version(self) -> int | None:
        """The version the record had when the form opened (a draft of an older one is flagged)."""
        value = getattr(self._draft_record(), "version", None)
        return value if isinstance(value, int) else None

    def draft_summary(self, fields: dict) -> str:
        """A few words saying which record the draft is (shown in the offer and on 首页)."""
        return ""

    def form_state(self) -> dict[str, Any]:
        """Everything typed, as plain data."""
        return form_state.capture(self)  # type: ignore[arg-type]

    def restore_state(self, state: dict[str, Any]) -> None:
        form_state.restore(self, state)  # type: ignore[arg-type]

    # ---- the machinery --------------------------------------------------------------------

    @property
    def draft_base(self) -> str:
        return drafts.base_key(type(self).__name__, self.draft_scope())

    def start_drafts(self) -> None:
        """Called once the form is built and filled (FormDialog does): the baseline, the offer,
        the timers."""
        self._baseline = self.form_state()
        self._last_saved = None
        self.draft_key = drafts.new_key(type(self).__name__, self.draft_scope())
        self._restored_focus = ""
        if self.read_only:
            return
        self._drafting = True
        self._quiet = QTimer(self, singleShot=True, interval=QUIET_MS)  # type: ignore[arg-type]
        self._quiet.timeout.connect(self.autosave)
        self._poll = QTimer(self, interval=POLL_MS)  # type: ignore[arg-type]
        self._poll.timeout.connect(self.autosave)
        self._poll.start()
        QApplication.instance().installEventFilter(self)  # type: ignore[arg-type]
        QApplication.instance().focusChanged.connect(self._focus_moved)
        self._offer_or_restore()

    def stop_drafts(self) -> None:
        if not self._drafting:
            return
        self._drafting = False
        self._quiet.stop()
        self._poll.stop()
        QApplication.instance().removeEventFilter(self)  # type: ignore[arg-type]
        try:
            QApplication.instance().focusChanged.disconnect(self._focus_moved)
        except (RuntimeError, TypeError):  # already gone with the dialog
            pass

    def is_dirty(self) -> bool:
        return self.form_state() != self._baseline

    def payload(self, fields: dict) -> dict:
        focused = form_state.field_of(self, QApplication.focusWidget())  # type: ignore[arg-type]
        meta = {"form": type(self).__name__, "what": self.DRAFT_WHAT or self._opened_title,
                "title": self.windowTitle(), "summary": self.draft_summary(fields),  # type: ignore[attr-defined]
                "record_id": self.draft_record_id(), "version": self.draft_version(),
                "focus": focused or self._restored_focus}
        return {"meta": meta, "fields": fields}

    def autosave(self) -> bool:
        """Stores the form as a draft when it differs from what was opened and from the last
        draft (a form changed back to what it opened with has none); True when written."""
        if not self._drafting:
            return False
        state = self.form_state()
        if state == self._last_saved or (state == self._baseline and self._last_saved is None):
            return False
        try:
            with self.ws.writing() as session:
                if state == self._baseline:
                    drafts.clear_draft(session, self.actor, self.draft_key)
                else:
                    drafts.save_draft(session, self.actor, self.draft_key, self.payload(state))
        except QingfengError as error:  # e.g. the workspace went read-only: the form stays open
            self.status.setText(str(error))
            return False
        self._last_saved = state if state != self._baseline else None
        if state != self._baseline:
            self.status.setText(DRAFT_SAVED.format(time=dt.datetime.now().strftime("%H:%M:%S")))
        return True

    def keep_draft(self) -> None:
        """Closing unsaved: what was typed stays as a draft (no question asked)."""
        if self._drafting and self.is_dirty():
            self.autosave()
        self.stop_drafts()

    def _offer_or_restore(self) -> None:
        """A draft asked for from 首页 is restored; else the newest not declined is offered."""
        requested = _requested.pop() if _requested else ""
        with self.ws.reading() as session:
            if requested and drafts.key_base(requested) == self.draft_base:
                saved = drafts.load_draft(session, self.actor, requested)
            else:
                requested = ""
                saved = drafts.load_offered(session, self.actor, self.draft_base)
        if saved is None or saved.fields == self._baseline:
            return
        if not requested:
            text = OFFER.format(when=local_time(saved.saved_at), what=saved.meta.get("what") or "",
                                who=saved.meta.get("summary", ""))
            old = saved.meta.get("version")
            if old is not None and self.draft_version() is not None and old != self.draft_version():
                text += CHANGED_SINCE
            if not messages.ask(self.parentWidget(), text, RESTORE, DONT_RESTORE,  # type: ignore[attr-defined]
                                default_yes=True):
                with self.ws.writing() as session:
                    drafts.decline_draft(session, self.actor, saved.form_key)
                return
        self.restore_state(saved.fields)
        self.draft_key = saved.form_key  # this form goes on writing the same draft
        self._last_saved = self.form_state()
        self._restored_focus = saved.meta.get("focus", "")
        self.status.setText(DRAFT_KEPT.format(when=local_time(saved.saved_at)))

    def restored_focus(self) -> QWidget | None:
        """The field the clerk was typing in when the restored draft was stored."""
        widget = getattr(self, self._restored_focus, None) if self._restored_focus else None
        return widget if isinstance(widget, QWidget) else None

    def end_draft(self, session) -> None:  # noqa: ANN001 — the save's unit of work
        drafts.clear_draft(session, self.actor, self.draft_key)

    def after_save(self) -> None:
        """The draft ended with the save: a form that stays open starts a fresh one."""
        self._last_saved = None
        self.draft_key = drafts.new_key(type(self).__name__, self.draft_scope())

    # ---- when ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        if (self._drafting and event.type() in TOUCHES and isinstance(watched, QWidget)
                and (watched is self or self.isAncestorOf(watched))):  # type: ignore[attr-defined]
            self._quiet.start()
        return False

    def _focus_moved(self, old: QWidget | None, _new: QWidget | None) -> None:
        if self._drafting and old is not None and (old is self or self.isAncestorOf(old)):  # type: ignore[attr-defined]
            self.autosave()
