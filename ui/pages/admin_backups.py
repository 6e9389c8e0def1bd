"""系统管理 › 备份 (管理员): the backups in the data folder, 立即备份, an encrypted backup to
another place (a USB stick), 从备份恢复 (a listed backup or a file), and the backup password."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.auth import Actor, Role
from app.workspace.backups import (
    EXTERNAL_SUFFIX,
    BackupInfo,
    create_backup,
    list_backups,
)
from app.workspace.crypto import backup_password_registered, is_container
from ui import messages
from ui.dialogs.backup_password import BackupPasswordDialog, SetBackupPasswordDialog
from ui.models.columns import RIGHT, Column, RowsTableModel
from ui.restore_flow import restore_in_window, run_and_wait
from ui.widgets.field_form import NOTE_STYLE
from ui.widgets.rows_view import ROOMY, rows_view, selected_row

if TYPE_CHECKING:
    from app.workspace.facade import Workspace
    from app.workspace.restore import RestoreResult

BACKUP_NOW, BACKUP_OUT = "立即备份", "备份到其他位置（加密）…"
RESTORE_SELECTED, RESTORE_FILE = "从所选备份恢复…", "从文件恢复…"
SET_PASSWORD, CHANGE_PASSWORD = "设置备份密码…", "更改备份密码…"
HELP = ("程序每天第一次打开时自动备份到数据文件夹的 backups 中，保留最近 7 天、4 周、12 个月各一份；"
        "升级和恢复之前也会先备份。写到数据文件夹以外（如 U 盘）的备份连同附件一起用备份密码加密，"
        "没有密码无法恢复。恢复前先校验备份（解密、完整性、操作日志链），当前数据另存为“恢复前备份”，"
        "恢复后需要重新登录。每份备份都有“校验码”（操作日志链头）：加密备份的校验码请抄在备份登记簿上，"
        "日后“检查”时可用它发现操作日志被截断或改写。")
SERVER_HELP = ("这是服务器数据库（PostgreSQL），几台电脑共用。它由 IT 管理员在服务器上用 pg_dump 定时备份、"
               "用 pg_restore 恢复（见 README“服务器数据库”），本页的备份和恢复按钮只用于单机工作区。"
               "要把单机工作区搬到服务器上（或搬回来）：python -m app copy --from 源 --to 目标。")
BACKING_UP = "正在备份…"
BACKED_UP = "已备份：{path}\n操作日志链头：第 {last} 条，校验码 {code}。"
BACKED_UP_OUT = ("已写入加密备份：{path}\n操作日志链头：第 {last} 条。请妥善保管备份密码。\n\n"
                 "校验码：{code}\n请把校验码抄在备份登记簿上（与备份分开保存）：日后“检查”时输入它，"
                 "可发现操作日志被截断或改写。")
ASK_RESTORE = ("用备份“{name}”替换当前全部数据吗？\n\n当前数据会先另存为“恢复前备份”；"
               "恢复后所有人需要重新登录。")
RESTORE, CANCEL = "恢复", "取消"
PICK_OUT, PICK_IN = "加密备份保存到", "选择备份文件"
OUT_NAME = "清风台账备份-{day}" + EXTERNAL_SUFFIX
FILE_FILTER = f"清风台账备份 (*{EXTERNAL_SUFFIX} *.sqlite3);;所有文件 (*)"
INSIDE = "这个位置在数据文件夹之内。加密备份请选择数据文件夹以外的位置（如 U 盘）。"
PASSWORD_SET = "备份密码已登记。以后制作加密备份时须使用这个密码。"

COLUMNS = (
    Column("created_at", "时间", 140, format=lambda v: v.replace("T", " ")),
    Column("kind_label", "类型", 100),
    Column("head", "操作日志", 90, RIGHT, format=lambda h: f"到第 {h.last_id} 条"),
    Column("code", "校验码", 190, value=lambda b: b.head.code),
    Column("size", "大小", 80, RIGHT, format=lambda n: f"{n / 1_048_576:.1f} MB"),
    Column("path", "文件", 260, format=lambda p: p.name, tooltip=True, stretch=True),
)


class BackupsTab(QWidget):
    workspace_replaced = Signal(object)  # RestoreResult: the main window signs in afresh

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.is_admin = actor.role >= Role.ADMIN
        self.model = RowsTableModel(COLUMNS, parent=self)
        self.view = rows_view(self.model, self, single=True, row_height=self.fontMetrics().height() + 10,
                              extra_width=ROOMY)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())
        self.backup_button = QPushButton(BACKUP_NOW, self)
        self.out_button = QPushButton(BACKUP_OUT, self)
        self.restore_button = QPushButton(RESTORE_SELECTED, self)
        self.restore_file_button = QPushButton(RESTORE_FILE, self)
        self.password_button = QPushButton(SET_PASSWORD, self)
        self.backup_button.clicked.connect(self.backup_now)
        self.out_button.clicked.connect(lambda: self.backup_to(None))
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button.clicked.connect(lambda: self.restore_file(None))
        self.password_button.clicked.connect(self.set_password)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.out_button, self.restore_button,
                       self.restore_file_button, self.password_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.note = note = QLabel(HELP if ws.data_dir is not None else SERVER_HELP, self)
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(note)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(list(reversed(list_backups(self.ws.data_dir))) if self.ws.data_dir else [])
        self.update_buttons()

    def selected(self) -> BackupInfo | None:
        return selected_row(self.view)

    def update_buttons(self) -> None:
        sqlite = self.ws.db_path is not None
        for button in (self.backup_button, self.out_button, self.restore_file_button):
            button.setEnabled(self.is_admin and sqlite)
        self.restore_button.setEnabled(self.is_admin and sqlite and self.selected() is not None)
        self.password_button.setEnabled(self.is_admin and sqlite and not self.ws.read_only)
        self.password_button.setText(CHANGE_PASSWORD if self._password_registered() else SET_PASSWORD)

    def _password_registered(self) -> bool:
        try:
            with self.ws.reading() as session:
                return backup_password_registered(session)
        except Exception:
            if not self.ws.damaged:
                raise
            return False  # a damaged file: the tab must still offer the restore

    # ---- backing up ------------------------------------------------------------------------

    def backup_now(self) -> BackupInfo | None:
        ws, actor = self.ws, self.actor
        info = self._run(lambda p: create_backup(ws, actor, progress=p))
        if info is not None:
            self.reload()
            messages.inform(self, BACKED_UP.format(path=info.path, last=info.head.last_id, code=info.head.code))
        return info

    def backup_to(self, path: Path | None, password: str | None = None) -> BackupInfo | None:
        """An encrypted backup outside the data folder (`path`/`password` None: asked for)."""
        if path is None:
            path = messages.choose_save_path(self, PICK_OUT, OUT_NAME.format(day=self.ws.today()),
                                             FILE_FILTER)
            if path is None:
                return None
        from app.workspace.backups import is_inside

        if is_inside(path, self.ws.data_dir):
            messages.warn(self, INSIDE)
            return None
        if password is None:
            dialog = BackupPasswordDialog(self.ws, confirm=True, parent=self)
            if not dialog.exec():
                return None
            password = dialog.password
        ws, actor = self.ws, self.actor
        info = self._run(lambda p: create_backup(ws, actor, path, password=password, progress=p))
        if info is not None:
            messages.inform(self, BACKED_UP_OUT.format(path=info.path, last=info.head.last_id, code=info.head.code))
        return info

    def _run(self, fn) -> object:  # noqa: ANN001
        try:
            return run_and_wait(self, fn, title=BACKUP_NOW, label=BACKING_UP)
        except Exception as exc:  # noqa: BLE001 — shown: a clerk's message, or a logged bug
            messages.show_error(self, exc)
            return None

    # ---- restoring -------------------------------------------------------------------------

    def restore_selected(self) -> RestoreResult | None:
        backup = self.selected()
        return self.restore_file(backup.path) if backup is not None else None

    def restore_file(self, path: Path | None, password: str | None = None) -> RestoreResult | None:
        if path is None:
            path = messages.choose_open_path(self, PICK_IN, FILE_FILTER)
            if path is None:
                return None
        if not messages.ask(self, ASK_RESTORE.format(name=path.name), RESTORE, CANCEL):
            return None
        if password is None and path.is_file() and is_container(path):
            dialog = BackupPasswordDialog(self.ws, confirm=False, parent=self)
            if not dialog.exec():
                return None
            password = dialog.password
        try:
            result = restore_in_window(self, self.ws, self.actor, path, password)
        except Exception as exc:  # noqa: BLE001 — shown: a clerk's message, or a logged bug
            messages.show_error(self, exc)
            return None
        if result is not None:
            messages.inform(self, "\n".join(result.lines()))
            self.workspace_replaced.emit(result)
        return result

    def set_password(self) -> None:
        if SetBackupPasswordDialog(self.ws, self.actor, self).exec():
            messages.inform(self, PASSWORD_SET)
            self.update_buttons()
