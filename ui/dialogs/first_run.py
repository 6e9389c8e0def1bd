"""First start: the chosen data folder holds no workspace. Create it with its administrator (what
`python -m app init --admin NAME` does), or restore a backup into it (a new PC)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import QingfengError, ValidationError
from ui import messages
from ui.widgets.field_form import NOTE_STYLE, FieldForm

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE = "新建工作区 — 清风台账"
HEADING = "欢迎使用清风台账"
INTRO = ("数据文件夹“{folder}”中还没有工作区。请填写单位名称并设置管理员账户；"
         "管理员可在“系统管理 › 用户”中为其他同事开设账户。")
L_BUREAU, L_ADMIN, L_NAME = "单位名称", "管理员用户名", "管理员姓名"
L_PASSWORD, L_AGAIN = "密码", "再次输入密码"
BUREAU_HINT = "用于导出和打印的标题，如“市文化广电和旅游局”。"
CREATE, RESTORE, QUIT = "创建工作区", "从备份恢复…", "退出"
MISMATCH = "两次输入的密码不一致。"
NEED_ADMIN = "请填写管理员用户名。"
NEED_BUREAU = "请填写单位名称。"
PICK_BACKUP = "选择备份文件"
BACKUP_FILTER = "清风台账备份 (*.qfbak *.sqlite3);;所有文件 (*)"

CreateWorkspace = Callable[..., "Workspace"]


class FirstRunDialog(QDialog):
    """After exec(): `workspace` and `actor` (the administrator, signed in), or `restored` True
    when a backup was restored into the folder (the caller opens it as usual)."""

    def __init__(self, folder: Path, create: CreateWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder, self._create = folder, create
        self.workspace: Workspace | None = None
        self.actor: Actor | None = None
        self.restored = False
        self.setWindowTitle(TITLE)
        heading = QLabel(HEADING, self)
        heading.setStyleSheet("font-size: 15pt; font-weight: bold; color: #a61b1b;")
        intro = QLabel(INTRO.format(folder=folder), self)
        intro.setWordWrap(True)
        intro.setStyleSheet(NOTE_STYLE)
        self.form = FieldForm(self)
        self.bureau_edit = QLineEdit(self)
        self.admin_edit = QLineEdit("admin", self)
        self.name_edit = QLineEdit(self)
        self.password_edit, self.again_edit = QLineEdit(self), QLineEdit(self)
        for edit in (self.password_edit, self.again_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        hint = QLabel(BUREAU_HINT, self)
        hint.setStyleSheet(NOTE_STYLE)
        self.form.add_row(L_BUREAU, self.bureau_edit, "bureau_name", hint)
        self.form.add_row(L_ADMIN, self.admin_edit, "username")
        self.form.add_row(L_NAME, self.name_edit, "display_name")
        self.form.add_row(L_PASSWORD, self.password_edit, "password")
        self.form.add_row(L_AGAIN, self.again_edit, "password_again")
        buttons = QDialogButtonBox(self)
        self.create_button = buttons.addButton(CREATE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setDefault(True)
        self.restore_button = buttons.addButton(RESTORE, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QUIT, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(lambda: self.restore(None))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.form.form_error)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.bureau_edit.setFocus()

    def create(self) -> bool:
        """Creates the workspace and signs its administrator in; errors stay next to the fields."""
        self.form.clear_errors()
        username, password = self.admin_edit.text().strip(), self.password_edit.text()
        try:
            if not self.bureau_edit.text().strip():
                raise ValidationError(NEED_BUREAU, "bureau_name")
            if not username:
                raise ValidationError(NEED_ADMIN, "username")
            if password != self.again_edit.text():
                raise ValidationError(MISMATCH, "password_again")
            ws = self._create(admin_username=username, admin_password=password,
                              admin_display_name=self.name_edit.text().strip(),
                              bureau_name=self.bureau_edit.text().strip())
        except QingfengError as exc:
            self.form.show_error(exc)
            return False
        self.workspace = ws
        self.actor = ws.sign_in(username, password)
        self.accept()
        return True

    def restore(self, source: Path | None, password: str | None = None) -> bool:
        """A backup into the empty folder, confirmed by an administrator of the backup."""
        from ui.restore_flow import restore_into_folder

        source = source or messages.choose_open_path(self, PICK_BACKUP, BACKUP_FILTER)
        if source is None:
            return False
        try:
            result = restore_into_folder(self, self.folder, source, password)
        except QingfengError as exc:
            messages.show_error(self, exc)
            return False
        if result is None:  # cancelled
            return False
        messages.inform(self, "\n".join(result.lines()))
        self.restored = True
        self.accept()
        return True
