"""Sign-in: username and password; the service's Chinese message shown inline; the dialog
stays open on failure (five failures lock the account for a while, the service says so)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import QingfengError

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

log = logging.getLogger(__name__)

TITLE = "登录 — 清风台账"
HEADING = "清风台账"
L_USER, L_PASSWORD = "用户名", "密码"
SIGN_IN, QUIT = "登录", "退出"
EMPTY = "请输入用户名和密码。"


class SignInDialog(QDialog):
    """`check(username, password) -> Actor` replaces the workspace's sign-in (the restore of a
    damaged workspace accepts an administrator of the backup too)."""

    def __init__(self, ws: Workspace | None, username: str = "", parent: QWidget | None = None, *,
                 heading: str = HEADING, check: Callable[[str, str], Actor] | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor: Actor | None = None
        self._check = check or (lambda name, password: ws.sign_in(name, password))
        self.setWindowTitle(TITLE)
        heading = QLabel(heading, self)
        heading.setStyleSheet("font-size: 15pt; font-weight: bold; color: #a61b1b;")
        bureau = QLabel(_bureau(ws), self)
        bureau.setStyleSheet("color: #555;")
        self.user_edit = QLineEdit(username, self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #c0392b;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(L_USER, self.user_edit)
        form.addRow(L_PASSWORD, self.password_edit)
        buttons = QDialogButtonBox(self)
        self.sign_in_button = buttons.addButton(SIGN_IN, QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in_button.setDefault(True)
        buttons.addButton(QUIT, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(bureau)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(360)
        (self.password_edit if username else self.user_edit).setFocus()

    def try_sign_in(self) -> bool:
        username, password = self.user_edit.text().strip(), self.password_edit.text()
        if not username or not password:
            return self._fail(EMPTY)
        try:
            self.actor = self._check(username, password)
        except QingfengError as exc:
            return self._fail(str(exc))
        self.accept()
        return True

    def _fail(self, text: str) -> bool:
        self.error_label.setText(text)
        self.error_label.show()
        self.password_edit.clear()
        self.password_edit.setFocus()
        return False


def _bureau(ws: Workspace | None) -> str:
    if ws is None:  # signing in against a backup, before any workspace is open
        return ""
    try:
        return ws.settings.bureau_name
    except Exception:  # noqa: BLE001 — a damaged file must still show the sign-in
        log.warning("settings unreadable at sign-in", exc_info=True)
        return ""
