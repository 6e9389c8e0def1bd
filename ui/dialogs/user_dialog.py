"""A user account (管理员): user name, name, role, unit limits and — for a new account — the
password twice; and the reset-password dialog."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from app.auth import Actor, Role
from app.errors import ValidationError
from app.registers.units.query import list_units
from app.registers.users import types as users_types
from app.registers.users import write as users_write
from ui.dialogs.form import FormDialog
from ui.widgets.field_form import NOTE_STYLE

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.workspace.facade import Workspace

TITLE_NEW = "新增用户"
TITLE_EDIT = "编辑用户 — {name}"
TITLE_RESET = "重置密码 — {name}"
L_USERNAME, L_NAME, L_ROLE, L_UNITS = "用户名", "姓名", "角色", "限定单位"
L_PASSWORD, L_AGAIN = "密码", "再次输入密码"
ROLE_HINTS = {Role.ADMIN: "管理员：全部功能，包括用户、备份与恢复、系统设置。",
              Role.EDITOR: "录入员：录入和修改台账；可限定只管理某些单位。",
              Role.VIEWER: "查阅：只能查看、导出和打印。"}
UNITS_HINT = "不勾选任何单位 = 全部单位。限定单位的用户只能看到和修改所选单位（含下级）的记录。"
MISMATCH = "两次输入的密码不一致。"


class UserDialog(FormDialog):
    def __init__(self, ws: Workspace, actor: Actor, user: users_types.UserRow | None = None,
                 parent: QWidget | None = None) -> None:
        title = TITLE_EDIT.format(name=user.username) if user else TITLE_NEW
        super().__init__(ws, actor, title, parent, read_only=actor.role < Role.ADMIN)
        self.user = user
        with ws.reading() as session:
            units = [u for u in list_units(session) if u.active or (user and u.id in user.unit_ids)]
        self.username_edit = QLineEdit(self)
        self.username_edit.setMaxLength(50)
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(50)
        self.role_combo = QComboBox(self)
        for role in (Role.VIEWER, Role.EDITOR, Role.ADMIN):
            self.role_combo.addItem(role.label, role)
        self.role_hint = QLabel(self)
        self.role_hint.setStyleSheet(NOTE_STYLE)
        self.units_list = QListWidget(self)
        self.units_list.setFixedHeight(self.fontMetrics().height() * 7)
        for unit in units:
            item = QListWidgetItem(unit.name, self.units_list)
            item.setData(Qt.ItemDataRole.UserRole, unit.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = user is not None and unit.id in user.unit_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        units_hint = QLabel(UNITS_HINT, self)
        units_hint.setWordWrap(True)
        units_hint.setStyleSheet(NOTE_STYLE)
        self.add_row(L_USERNAME, self.username_edit, "username")
        self.add_row(L_NAME, self.name_edit, "display_name")
        self.add_row(L_ROLE, self.role_combo, "role", hint=self.role_hint)
        self.add_row(L_UNITS, self.units_list, "unit_ids", hint=units_hint)
        self.password_edit = self.again_edit = None
        if user is None:  # an existing account's password is reset, never shown or edited here
            self.password_edit, self.again_edit = _password_edit(self), _password_edit(self)
            self.add_row(L_PASSWORD, self.password_edit, "password")
            self.add_row(L_AGAIN, self.again_edit, "password_again")
        self.finish_layout()
        self.role_combo.currentIndexChanged.connect(self._role_changed)
        if user is not None:
            self.username_edit.setText(user.username)
            self.username_edit.setEnabled(False)  # the name the audit trail knows it by
            self.name_edit.setText(user.display_name)
            self.role_combo.setCurrentIndex(self.role_combo.findData(user.role))
        else:
            self.role_combo.setCurrentIndex(self.role_combo.findData(Role.EDITOR))
        self._role_changed()
        first_checked = next((self.units_list.item(i) for i in range(self.units_list.count())
                              if self.units_list.item(i).checkState() == Qt.CheckState.Checked), None)
        if first_checked is not None:
            self.units_list.scrollToItem(first_checked)
        self.resize(max(self.sizeHint().width(), 460), self.sizeHint().height())

    def _role_changed(self) -> None:
        role = self.role_combo.currentData()
        self.role_hint.setText(ROLE_HINTS[role])
        self.units_list.setEnabled(role != Role.ADMIN and not self.read_only)

    def unit_ids(self) -> list[int]:
        if self.role_combo.currentData() == Role.ADMIN:
            return []
        return [item.data(Qt.ItemDataRole.UserRole) for item in
                (self.units_list.item(i) for i in range(self.units_list.count()))
                if item.checkState() == Qt.CheckState.Checked]

    def set_units_checked(self, unit_ids: set[int]) -> None:
        for i in range(self.units_list.count()):
            item = self.units_list.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in unit_ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def save_record(self, session: Session) -> int:
        role = self.role_combo.currentData()
        if self.user is not None:
            users_write.update_user(session, self.actor, self.user.id, self.user.version,
                            display_name=self.name_edit.text(), role=role, unit_ids=self.unit_ids())
            return self.user.id
        if self.password_edit.text() != self.again_edit.text():
            raise ValidationError(MISMATCH, "password_again")
        return users_write.create_user(session, self.actor, self.username_edit.text(), self.password_edit.text(),
                               role, self.name_edit.text(), self.unit_ids())


class ResetPasswordDialog(FormDialog):
    def __init__(self, ws: Workspace, actor: Actor, user: users_types.UserRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(ws, actor, TITLE_RESET.format(name=user.username), parent,
                         read_only=actor.role < Role.ADMIN)
        self.user = user
        self.password_edit, self.again_edit = _password_edit(self), _password_edit(self)
        self.add_row(L_PASSWORD, self.password_edit, "password")
        self.add_row(L_AGAIN, self.again_edit, "password_again")
        self.finish_layout()
        self.resize(max(self.sizeHint().width(), 380), self.sizeHint().height())

    def save_record(self, session: Session) -> int:
        if self.password_edit.text() != self.again_edit.text():
            raise ValidationError(MISMATCH, "password_again")
        users_write.reset_password(session, self.actor, self.user.id, self.password_edit.text())
        return self.user.id


def _password_edit(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit
