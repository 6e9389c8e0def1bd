"""The backup password: asked for when a backup is written outside the data folder (twice, and
checked against the registered one) or an encrypted backup is restored; and registered by the
administrator (系统管理 › 备份 › 设置备份密码)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.auth import Actor
from app.errors import ValidationError
from app.workspace.crypto import check_backup_password, set_backup_password
from ui.dialogs.form import FormDialog
from ui.widgets.field_form import NOTE_STYLE, FieldForm

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.workspace.facade import Workspace

TITLE_WRITE = "加密备份 — 备份密码"
TITLE_READ = "恢复加密备份 — 备份密码"
TITLE_SET = "设置备份密码"
L_PASSWORD, L_AGAIN = "备份密码", "再次输入"
NOTE_WRITE = ("备份将写到数据文件夹以外，用备份密码加密。没有这个密码，任何人（包括本单位）都无法恢复此备份，"
              "请妥善保管。")
NOTE_READ = "请输入制作此备份时使用的备份密码。"
NOTE_SET = ("登记本单位统一的备份密码。程序只保存它的校验值，不保存密码本身；以后制作加密备份时，"
            "输入的密码必须与此一致，以免手误做出无法恢复的备份。")
MISMATCH = "两次输入的密码不一致。"
GO, CANCEL = "继续", "取消"


class BackupPasswordDialog(QDialog):
    """`password` after exec(); `confirm` (a new backup): asked twice and checked against the
    registered password. Works on a read-only workspace too (restoring a damaged one)."""

    def __init__(self, ws: Workspace, *, confirm: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.confirm = ws, confirm
        self.password = ""
        self.setWindowTitle(TITLE_WRITE if confirm else TITLE_READ)
        self.form = FieldForm(self)
        self.password_edit, self.again_edit = _password_edit(self), _password_edit(self)
        self.form.add_row(L_PASSWORD, self.password_edit, "backup_password")
        if confirm:
            self.form.add_row(L_AGAIN, self.again_edit, "password_again")
        note = QLabel(NOTE_WRITE if confirm else NOTE_READ, self)
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        buttons = QDialogButtonBox(self)
        self.go_button = buttons.addButton(GO, QDialogButtonBox.ButtonRole.AcceptRole)
        self.go_button.setDefault(True)
        buttons.addButton(CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(note)
        layout.addWidget(self.form.form_error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def try_accept(self) -> bool:
        self.form.clear_errors()
        password = self.password_edit.text()
        try:
            if not password:
                raise ValidationError("请输入备份密码。", "backup_password")
            if self.confirm:
                if password != self.again_edit.text():
                    raise ValidationError(MISMATCH, "password_again")
                with self.ws.reading() as session:
                    check_backup_password(session, password)
        except ValidationError as exc:
            self.form.show_error(exc)
            return False
        self.password = password
        self.accept()
        return True


class SetBackupPasswordDialog(FormDialog):
    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ws, actor, TITLE_SET, parent)
        self.password_edit, self.again_edit = _password_edit(self), _password_edit(self)
        self.add_row(L_PASSWORD, self.password_edit, "backup_password")
        self.add_row(L_AGAIN, self.again_edit, "password_again")
        note = QLabel(NOTE_SET, self)
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        self.body.addWidget(note)
        self.finish_layout()
        self.setMinimumWidth(440)

    def save_record(self, session: Session) -> int:
        if self.password_edit.text() != self.again_edit.text():
            raise ValidationError(MISMATCH, "password_again")
        set_backup_password(session, self.actor, self.password_edit.text())
        return 0


def _password_edit(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit
