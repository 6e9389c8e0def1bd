"""The data file cannot be used (0 bytes, another program's file, damaged): what is wrong, the
newest backup in the data folder that passes every check a restore makes, and the clerk's three
ways on — 从该备份恢复, 选择其他备份… (a U 盘's encrypted backup), or 退出 (暂不恢复 where the
damaged file can still be read). The restore itself is the caller's (`ui/restore_flow.py`: into
the folder, or over the open damaged workspace, both through `app/workspace/restore.py`)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.errors import QingfengError
from ui import messages
from ui.widgets.field_form import NOTE_STYLE

if TYPE_CHECKING:
    from app.workspace.backups import BackupInfo
    from app.workspace.restore import RestoreResult

TITLE = "数据文件无法使用 — 清风台账"
HEADING = "数据文件无法使用"
NEWEST = ("数据文件夹中最新的通过检查的备份：\n{name}\n（{kind}，{when}，操作日志到第 {last} 条；"
          "已核对完整性和操作日志链）")
NONE_PASSING = ("数据文件夹中没有通过检查的备份。如有其他备份文件（如 U 盘上的加密备份 .qfbak），"
                "请选择“选择其他备份…”。")
KEPT = ("恢复时，现在的数据文件会原样另存到 backups 文件夹（文件名以 pre-restore 开头），不会删除；"
        "恢复需要用备份中的管理员账户登录。")
RESTORE_NEWEST, CHOOSE_OTHER, QUIT, NOT_NOW = "从该备份恢复", "选择其他备份…", "退出", "暂不恢复"
PICK_BACKUP = "选择备份文件"
BACKUP_FILTER = "清风台账备份 (*.qfbak *.sqlite3);;所有文件 (*)"

RestoreFrom = Callable[[QWidget, Path], "RestoreResult | None"]


class RestoreOfferDialog(QDialog):
    """After exec() (accepted): `result`, the restore done. `restore(dialog, source)` restores
    `source` (asking a backup password and an administrator's sign-in as it needs): its
    RestoreResult, None when the clerk cancelled, a QingfengError shown here otherwise."""

    def __init__(self, problem: str, backup: BackupInfo | None, restore: RestoreFrom, *,
                 decline: str = QUIT, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backup, self._restore = backup, restore
        self.result: RestoreResult | None = None
        self.setWindowTitle(TITLE)
        heading = QLabel(HEADING, self)
        heading.setStyleSheet("font-size: 15pt; font-weight: bold; color: #a61b1b;")
        self.problem_label = QLabel(problem, self)
        self.problem_label.setWordWrap(True)
        if backup is not None:
            offer = NEWEST.format(name=backup.path.name, kind=backup.kind_label,
                                  when=backup.created_at.replace("T", " ")[:16], last=backup.head.last_id)
        else:
            offer = NONE_PASSING
        self.offer_label = QLabel(offer, self)
        self.offer_label.setWordWrap(True)
        kept = QLabel(KEPT, self)
        kept.setWordWrap(True)
        kept.setStyleSheet(NOTE_STYLE)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton(RESTORE_NEWEST, QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setVisible(backup is not None)
        self.other_button = buttons.addButton(CHOOSE_OTHER, QDialogButtonBox.ButtonRole.ActionRole)
        self.decline_button = buttons.addButton(decline, QDialogButtonBox.ButtonRole.RejectRole)
        for button in (self.restore_button, self.other_button, self.decline_button):  # room around the text
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(button.text()) + 32)
        (self.restore_button if backup is not None else self.other_button).setDefault(True)
        self.restore_button.clicked.connect(self.restore_newest)
        self.other_button.clicked.connect(lambda: self.restore_from(None))
        self.decline_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.offer_label)
        layout.addWidget(kept)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def restore_newest(self) -> bool:
        return self.backup is not None and self.restore_from(self.backup.path)

    def restore_from(self, source: Path | None) -> bool:
        """Restores `source` (asked for when None); True, and the dialog accepted, when done."""
        source = source or messages.choose_open_path(self, PICK_BACKUP, BACKUP_FILTER)
        if source is None:
            return False
        try:
            result = self._restore(self, source)
        except QingfengError as exc:
            messages.show_error(self, exc)
            return False
        if result is None:  # cancelled: the offer stays
            return False
        self.result = result
        messages.inform(self, "\n".join(result.lines()))
        self.accept()
        return True
