"""The idle lock (DESIGN "Threat model"): after `settings.idle_lock_minutes` without input the
data is hidden until the signed-in user's password is given.

Idle time is measured on the wall clock (`time.time()`), checked every few seconds: after the PC
slept the first check sees the jump and locks at once. Locking covers every open window with a
curtain (the main window's is the lock screen, a dialog's a compact one) and hides their titles;
dialogs stay open underneath with everything typed (a form's draft is stored as the curtain
takes the focus), cannot be closed while locked, and get the focus back in the field being typed
in when unlocked. Input to
anything but a curtain is swallowed, shortcuts too; a window that appears while locked (a
message from background work) gets its curtain as it shows. Ctrl+L locks at once.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.errors import QingfengError
from ui.shortcuts import make_shortcut

if TYPE_CHECKING:
    from app.workspace.facade import Workspace

LOCKED_TITLE = "清风台账（已锁定）"
HEADING = "清风台账已锁定"
REASON_IDLE = "{minutes} 分钟无操作，数据已隐藏。"
REASON_MANUAL = "已手动锁定，数据已隐藏。"
KEPT = "解锁后，打开的窗口和已填写的内容原样保留。离开电脑时可按 Ctrl+L 立即锁定。"
USER = "当前用户：{name}（{role}）"
PROMPT = "请输入密码解锁"
COMPACT = "已锁定 — 请输入密码解锁"
UNLOCK = "解锁"
EMPTY = "请输入密码。"
CHECK_MS = 5_000
SWALLOWED = {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride,
             QEvent.Type.Shortcut, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
             QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel, QEvent.Type.ContextMenu,
             QEvent.Type.InputMethod, QEvent.Type.DragEnter, QEvent.Type.Drop}
ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
            QEvent.Type.Wheel, QEvent.Type.InputMethod}
CURTAIN_STYLE = """
QFrame#lockCurtain { background: #eef1f5; }
QLabel#lockHeading { font-size: 18pt; font-weight: bold; color: #a61b1b; }
QLabel#lockError { color: #c0392b; }
QFrame#lockPanel { background: white; border: 1px solid #d5d9df; border-radius: 6px; }
"""


class LockCurtain(QFrame):
    """An opaque cover over one window with a password field; Enter unlocks, no key passes on."""

    unlock_requested = Signal(object, str)  # (curtain, password)

    def __init__(self, window: QWidget, *, full: bool, heading: str = HEADING, reason: str = "",
                 user: str = "") -> None:
        super().__init__(window)
        self.setObjectName("lockCurtain")
        self.setStyleSheet(CURTAIN_STYLE)
        self.setAutoFillBackground(True)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(PROMPT)
        self.password_edit.returnPressed.connect(self._request)
        self.unlock_button = QPushButton(UNLOCK, self)
        self.unlock_button.clicked.connect(self._request)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("lockError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        row = QHBoxLayout()
        row.addWidget(self.password_edit, 1)
        row.addWidget(self.unlock_button)
        outer = QVBoxLayout(self)
        if full:
            panel = QFrame(self)
            panel.setObjectName("lockPanel")
            panel.setFixedWidth(420)
            inner = QVBoxLayout(panel)
            inner.setContentsMargins(28, 24, 28, 24)
            inner.setSpacing(10)
            title = QLabel(heading, panel)
            title.setObjectName("lockHeading")
            inner.addWidget(title)
            for text in (reason, user):
                if text:
                    inner.addWidget(QLabel(text, panel))
            kept = QLabel(KEPT, panel)
            kept.setWordWrap(True)
            kept.setStyleSheet("color: #666;")
            inner.addWidget(kept)
            inner.addLayout(row)
            inner.addWidget(self.error_label)
            outer.addStretch(1)
            outer.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
            outer.addStretch(2)
        else:
            box = QWidget(self)
            box.setFixedWidth(340)
            column = QVBoxLayout(box)
            column.addWidget(QLabel(COMPACT, box))
            column.addLayout(row)
            column.addWidget(self.error_label)
            outer.addStretch(1)
            outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
            outer.addStretch(1)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
            self.raise_()
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 — Qt override
        event.accept()  # Esc or Enter must not reach the dialog underneath (cancel / save)

    def _request(self) -> None:
        self.unlock_requested.emit(self, self.password_edit.text())

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.password_edit.clear()
        self.password_edit.setFocus()


class IdleLock(QObject):
    """Installed once per main window. `clock` is the wall clock (tests pass their own)."""

    locked_changed = Signal(bool)

    def __init__(self, window: QWidget, ws: Workspace, *, clock: Callable[[], float] = time.time,
                 check_ms: int = CHECK_MS) -> None:
        super().__init__(window)
        self.window, self.ws, self.clock = window, ws, clock
        self.locked = False
        self.last_input = clock()
        self.curtains: dict[QWidget, LockCurtain] = {}
        self._titles: dict[QWidget, str] = {}
        self._focus: dict[QWidget, QWidget] = {}  # where each window's typing was, for the unlock
        self._reason = ""
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        make_shortcut(window, "lock", lambda: self.lock(manual=True),
                      context=Qt.ShortcutContext.ApplicationShortcut)
        QApplication.instance().installEventFilter(self)

    def guards(self) -> bool:
        """Its window is there and shown: a lock that outlives its window (closed, or deleted
        under it) covers nothing, swallows nothing and never locks."""
        return isValid(self.window) and self.window.isVisible()

    def idle_seconds(self) -> float:
        return self.clock() - self.last_input

    def limit_seconds(self) -> float:
        return self.ws.settings.idle_lock_minutes * 60

    def check(self) -> None:
        """The periodic look at the wall clock: lock when the user has been away long enough."""
        if (not self.locked and self.ws.actor is not None and self.guards()
                and self.idle_seconds() >= self.limit_seconds()):
            self.lock()

    # ---- locking ---------------------------------------------------------------------------

    def lock(self, *, manual: bool = False) -> None:
        if self.locked:
            return
        self.locked = True
        minutes = self.ws.settings.idle_lock_minutes
        self._reason = REASON_MANUAL if manual else REASON_IDLE.format(minutes=minutes)
        QToolTip.hideText()
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and widget.isWindow():
                self._cover(widget)
        self._focus_reachable()
        self.locked_changed.emit(True)

    def _cover(self, window: QWidget) -> None:
        if window in self.curtains or isinstance(window, LockCurtain):
            return
        actor = self.ws.actor
        user = USER.format(name=actor.name, role=actor.role.label) if actor else ""
        curtain = LockCurtain(window, full=window is self.window, reason=self._reason, user=user)
        curtain.unlock_requested.connect(self.try_unlock)
        curtain.destroyed.connect(lambda _o=None, w=window: self.curtains.pop(w, None))
        self.curtains[window] = curtain
        self._titles[window] = window.windowTitle()
        focused = window.focusWidget()
        if focused is not None and not _inside_curtain(focused):
            self._focus[window] = focused
        window.setWindowTitle(LOCKED_TITLE)

    def _focus_reachable(self) -> None:
        """The password field where typing can reach: the topmost modal dialog, else the window."""
        modal = QApplication.activeModalWidget()
        target = self.curtains.get(modal) if modal is not None else None
        target = target or self.curtains.get(self.window)
        if target is not None:
            target.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def try_unlock(self, curtain: LockCurtain, password: str) -> bool:
        if not password:
            curtain.show_error(EMPTY)
            return False
        try:
            self.ws.unlock(password)
        except QingfengError as exc:
            curtain.show_error(str(exc))
            return False
        self.unlock()
        return True

    def unlock(self) -> None:
        # Back to the field being typed in, before the curtains go (a curtain hidden with the
        # focus would pass it on to the next field, selecting its text).
        for window, focused in self._focus.items():
            if window in self.curtains and focused.isVisible() and focused.isEnabled():
                focused.setFocus(Qt.FocusReason.OtherFocusReason)
        for window, curtain in list(self.curtains.items()):
            curtain.hide()
            curtain.deleteLater()
            window.setWindowTitle(self._titles.get(window, window.windowTitle()))
        self.curtains.clear()
        self._titles.clear()
        self._focus.clear()
        self.locked = False
        self.last_input = self.clock()
        self.locked_changed.emit(False)

    # ---- input -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        kind = event.type()
        if not self.locked:
            if kind in ACTIVITY:
                self.last_input = self.clock()
            return False
        if not self.guards():  # its window gone (another window may be open): nothing to cover
            return False
        if isinstance(watched, QWidget):
            if _inside_curtain(watched):
                return False
            if kind == QEvent.Type.Show and watched.isWindow():
                QTimer.singleShot(0, lambda w=watched: self._cover_late(w))
                return False
            if kind == QEvent.Type.Close and isinstance(watched, QDialog):
                event.ignore()
                return True  # a dialog keeps what was typed in it
            if kind in SWALLOWED:
                if kind == QEvent.Type.KeyPress:
                    self._focus_reachable()
                return True
            return False
        return kind == QEvent.Type.Shortcut  # QShortcut / QAction objects: nothing fires

    def _cover_late(self, window: QWidget) -> None:
        if self.locked and window.isVisible():
            self._cover(window)
            self._focus_reachable()


def _inside_curtain(widget: QWidget | None) -> bool:
    while widget is not None:
        if isinstance(widget, LockCurtain):
            return True
        widget = widget.parentWidget()
    return False
