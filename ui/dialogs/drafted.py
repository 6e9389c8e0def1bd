"""`DraftedForm`: a FormDialog mixin that never loses what was typed.

The form is stored as a draft (app/drafts.py: per user, in the database) every few seconds
while it differs from what was opened; opening the same form again (the same `form_key`) after
a crash or a close offers the draft back; closing with typed content asks whether to discard it
or keep it as a draft; a successful save clears it (`clear_draft` in the save's unit of work).

A dialog using it implements `form_state() -> dict` (plain JSON data), `restore_state(dict)`,
the `form_key` property and `draft_summary(payload) -> str`; it calls `start_drafts()` at the end
of its constructor, after setting `self._baseline = self.form_state()`, and owns a `status` label.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer

from app import drafts
from app.errors import QingfengError
from ui import messages

DRAFT_SAVED = "草稿已自动保存 {time}"
OFFER = "发现 {when} 未保存的{what}草稿{who}。\n要恢复草稿中的内容吗？"
RESTORE, DONT_RESTORE = "恢复草稿", "不恢复"
ASK_CLOSE = "已填写的内容还没有保存。\n关闭后将保留为草稿，下次打开时可以恢复；也可以放弃这些内容。"
DISCARD, KEEP_DRAFT = "放弃已填写的内容", "保留草稿并关闭"
AUTOSAVE_MS = 3000


def local_time(saved_at: dt.datetime) -> str:
    """A draft's time (naive UTC in the database) as the clerk's clock shows it."""
    return saved_at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class DraftedForm:
    DRAFT_WHAT = ""  # 谈话记录: what the offer calls the draft
    _baseline: dict
    _last_saved: dict | None = None

    # ---- what the dialog provides ----------------------------------------------------------

    @property
    def form_key(self) -> str:
        raise NotImplementedError

    def form_state(self) -> dict:
        raise NotImplementedError

    def restore_state(self, state: dict) -> None:
        raise NotImplementedError

    def draft_summary(self, payload: dict) -> str:
        """A few words saying which record the draft is (shown in the offer)."""
        return ""

    # ---- behaviour -------------------------------------------------------------------------

    def start_drafts(self, interval_ms: int = AUTOSAVE_MS) -> None:
        self._last_saved = None
        self.autosave_timer = QTimer(self, interval=interval_ms)  # type: ignore[arg-type]
        self.autosave_timer.timeout.connect(self.autosave)
        if not self.read_only:  # type: ignore[attr-defined]
            self.autosave_timer.start()
            self.offer_draft()

    def is_dirty(self) -> bool:
        return self.form_state() != self._baseline

    def autosave(self) -> bool:
        """Stores the form as a draft when it differs from what was opened (and from the last
        draft); True when written."""
        state = self.form_state()
        if self.read_only or state == self._baseline or state == self._last_saved:  # type: ignore[attr-defined]
            return False
        try:
            with self.ws.writing() as session:  # type: ignore[attr-defined]
                drafts.save_draft(session, self.actor, self.form_key, state)  # type: ignore[attr-defined]
        except QingfengError as error:  # e.g. the workspace went read-only: the form stays open
            self.status.setText(str(error))  # type: ignore[attr-defined]
            return False
        self._last_saved = state
        self.status.setText(DRAFT_SAVED.format(time=dt.datetime.now().strftime("%H:%M:%S")))  # type: ignore[attr-defined]
        return True

    def offer_draft(self) -> bool:
        """Offers the draft left by a crash or a close; True when it was restored."""
        ws, actor = self.ws, self.actor  # type: ignore[attr-defined]
        with ws.reading() as session:
            saved = drafts.load_draft(session, actor, self.form_key)
        if saved is None or saved.payload == self._baseline:
            return False
        text = OFFER.format(when=local_time(saved.saved_at), what=self.DRAFT_WHAT,
                            who=self.draft_summary(saved.payload))
        if messages.ask(self.parentWidget(), text, RESTORE, DONT_RESTORE):  # type: ignore[attr-defined]
            self.restore_state(saved.payload)
            self._last_saved = saved.payload
            return True
        self.clear_draft()
        return False

    def clear_draft(self) -> None:
        with self.ws.writing() as session:  # type: ignore[attr-defined]
            drafts.clear_draft(session, self.actor, self.form_key)  # type: ignore[attr-defined]

    def close_with_draft(self) -> None:
        """On close (Esc, 取消, the window's ✕): typed content is discarded or kept as a draft."""
        if not self.read_only and self.is_dirty():  # type: ignore[attr-defined]
            if messages.ask(self, ASK_CLOSE, DISCARD, KEEP_DRAFT):  # type: ignore[arg-type]
                self.clear_draft()
            else:
                self.autosave()
        self.autosave_timer.stop()
