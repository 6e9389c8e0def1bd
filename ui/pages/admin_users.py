"""系统管理 › 用户 (管理员): the accounts (a short list), add, edit role and unit limits, reset a
password (which also lifts a lock-out), deactivate and reactivate."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.auth import Actor, Role
from app.errors import QingfengError
from app.registers.users import query as users_query
from app.registers.users import types as users_types
from app.registers.users import write as users_write
from ui import messages
from ui.dialogs.user_dialog import ResetPasswordDialog, UserDialog
from ui.models.columns import CENTER, Column, RowsTableModel, muted_unless_active
from ui.widgets.field_form import NOTE_STYLE
from ui.widgets.rows_view import ROOMY, rows_view, selected_row

if TYPE_CHECKING:
    from app.workspace.facade import Workspace

NEW, EDIT, RESET, DEACTIVATE, ACTIVATE = "新增用户…", "编辑…", "重置密码…", "停用", "启用"
HELP = ("停用的用户不能登录，其操作记录保留。连续 5 次密码错误的账户锁定 15 分钟；"
        "重置密码可立即解除锁定。")
ASK_DEACTIVATE = "停用用户“{name}”？停用后该用户不能登录，其操作记录保留，可随时重新启用。"

COLUMNS = (
    Column("username", "用户名", 100),
    Column("display_name", "姓名", 100),
    Column("role_label", "角色", 70, CENTER),
    Column("units_text", "可管理的单位", 260, tooltip=True, stretch=True),
    Column("active", "状态", 60, CENTER, format=lambda v: "在用" if v else "已停用"),
    Column("locked", "锁定", 60, CENTER, format=lambda v: "已锁定" if v else ""),
)


class UsersTab(QWidget):
    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.editable = actor.role >= Role.ADMIN and not ws.read_only
        self.model = RowsTableModel(COLUMNS, row_color=muted_unless_active, parent=self)
        self.view = rows_view(self.model, self, single=True, row_height=self.fontMetrics().height() + 10,
                              extra_width=ROOMY)
        self.view.doubleClicked.connect(lambda _i: self.edit_user())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())
        self.new_button = QPushButton(NEW, self)
        self.edit_button = QPushButton(EDIT, self)
        self.reset_button = QPushButton(RESET, self)
        self.toggle_button = QPushButton(DEACTIVATE, self)
        self.new_button.clicked.connect(self.new_user)
        self.edit_button.clicked.connect(self.edit_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.toggle_button.clicked.connect(self.toggle_user)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.reset_button, self.toggle_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        note = QLabel(HELP, self)
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(note)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        with self.ws.reading() as session:
            rows = users_query.list_users(session, now=dt.datetime.now(dt.UTC).replace(tzinfo=None))
        self.model.set_rows(rows)
        for number, row in enumerate(rows):
            if row.id == select_id:
                self.view.selectRow(number)
        self.update_buttons()

    def selected(self) -> users_types.UserRow | None:
        return selected_row(self.view)

    def update_buttons(self) -> None:
        row = self.selected()
        self.new_button.setEnabled(self.editable)
        for button in (self.edit_button, self.reset_button, self.toggle_button):
            button.setEnabled(self.editable and row is not None)
        self.toggle_button.setText(ACTIVATE if row is not None and not row.active else DEACTIVATE)
        if row is not None and row.id == self.actor.id:  # nobody deactivates themselves
            self.toggle_button.setEnabled(False)

    def new_user(self) -> None:
        dialog = UserDialog(self.ws, self.actor, parent=self)
        if dialog.exec():
            self.reload(dialog.saved_id)

    def edit_user(self) -> None:
        row = self.selected()
        if row is None or not self.editable:
            return
        dialog = UserDialog(self.ws, self.actor, row, parent=self)
        if dialog.exec():
            self.reload(row.id)

    def reset_password(self) -> None:
        row = self.selected()
        if row is not None and ResetPasswordDialog(self.ws, self.actor, row, parent=self).exec():
            messages.inform(self, f"已为“{row.username}”设置新密码。")
            self.reload(row.id)

    def toggle_user(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.active and not messages.ask(self, ASK_DEACTIVATE.format(name=row.username), DEACTIVATE):
            return
        try:
            with self.ws.writing() as session:
                users_write.set_user_active(session, self.actor, row.id, not row.active, row.version)
        except QingfengError as exc:
            messages.show_error(self, exc)
        self.reload(row.id)
