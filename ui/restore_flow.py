"""Backup and restore as the window does them: in the background with a progress dialog, the
window waiting; and the offer, when the data file cannot be used (0 bytes, another program's,
damaged), of the newest backup that passes every check or another one (`RestoreOfferDialog`):
into the folder (`restore_into_folder`, an administrator of the backup confirms; the first start
uses it too), or over the open damaged workspace (an administrator of the workspace — or of the
backup, when the damaged file cannot sign anyone in). Every way ends in `app/workspace/restore.py`."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QWidget

from app.auth import Actor, Role, require_role
from app.errors import WorkspaceError
from app.progress import Progress
from app.workspace.restore import (
    RestoreResult,
    authenticate_in_backup,
    discard,
    newest_passing_backup,
    restore_backup,
    stage_backup,
)
from ui.workers import run_task, wait_for_tasks

if TYPE_CHECKING:
    from app.errors import UnusableDatabase
    from app.workspace.facade import Workspace
    from app.workspace.restore import StagedBackup

RESTORE_TITLE = "从备份恢复"
STAGING = "正在校验备份（解密、完整性、操作日志链）…"
RESTORING = "正在恢复…"
FINDING = "正在查找最新的完好备份…"
DAMAGED_PROBLEM = "数据文件已损坏：{what}\n已以只读方式打开，未做任何写入。"
ADMIN_SIGN_IN = "恢复需要管理员登录"
BACKUP_ADMIN_SIGN_IN = "用备份中的管理员账户登录"


def run_and_wait(parent: QWidget | None, fn: Callable[[Progress], Any], *, title: str,
                 label: str) -> Any:
    """Runs `fn(progress)` off the GUI thread with a progress dialog while the caller waits in a
    local event loop; returns its result, raises its error, None when cancelled."""
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def finish(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()

    run_task(parent, fn, on_done=lambda r: finish("result", r), on_error=lambda e: finish("error", e),
             on_cancel=lambda: finish("cancelled", True), title=title, label=label)
    if not outcome:
        loop.exec()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


def restore_in_window(parent: QWidget | None, ws: Workspace, actor: Actor, source: Path,
                      password: str | None) -> RestoreResult | None:
    """Verifies `source` and, when it is whole, swaps it in (everyone signs in again after)."""
    wait_for_tasks()  # no worker may hold a session while the file is swapped

    def work(progress: Progress) -> RestoreResult:
        staged = stage_backup(ws.data_dir, source, password, progress)
        try:
            progress.report(1, 1, RESTORING)
            return restore_backup(ws, actor, staged)
        finally:
            discard(staged)

    return run_and_wait(parent, work, title=RESTORE_TITLE, label=STAGING)


def admin_for_restore(ws: Workspace, staged: StagedBackup, username: str, password: str) -> Actor:
    """An administrator of the workspace, or of the backup when the workspace cannot sign in."""
    try:
        actor = ws.sign_in(username, password)
    except WorkspaceError:
        return authenticate_in_backup(staged, username, password)
    require_role(actor, Role.ADMIN)
    return actor


def backup_password(parent: QWidget | None, source: Path) -> tuple[bool, str | None]:
    """(go on, password): an encrypted backup's password asked for; (True, None) for a plain one."""
    from app.workspace.crypto import is_container
    from ui.dialogs.backup_password import BackupPasswordDialog

    if not (source.is_file() and is_container(source)):
        return True, None
    dialog = BackupPasswordDialog(None, confirm=False, parent=parent)
    return (True, dialog.password) if dialog.exec() else (False, None)


def restore_into_folder(parent: QWidget | None, folder: Path, source: Path,
                        password: str | None = None) -> RestoreResult | None:
    """`source` restored into a folder whose workspace cannot be opened (none yet, or its data
    file unusable — kept byte for byte in backups/), confirmed by an administrator of the backup;
    None when the clerk cancelled. Raises QingfengError with the reason."""
    from app.workspace.facade import holding_lock
    from ui.dialogs.sign_in import SignInDialog

    if password is None:
        go_on, password = backup_password(parent, source)
        if not go_on:
            return None
    with holding_lock(folder):
        staged = run_and_wait(parent, lambda p: stage_backup(folder, source, password, p),
                              title=RESTORE_TITLE, label=STAGING)
        if staged is None:  # cancelled
            return None
        try:
            sign_in = SignInDialog(None, "", parent, heading=BACKUP_ADMIN_SIGN_IN,
                                   check=lambda u, p: authenticate_in_backup(staged, u, p))
            if not sign_in.exec():
                return None
            actor = sign_in.actor
            return run_and_wait(parent, lambda _p: restore_backup(folder, actor, staged),
                                title=RESTORE_TITLE, label=RESTORING)
        finally:
            discard(staged)


def offer_restore_of_unusable(refused: UnusableDatabase, parent: QWidget | None = None) -> bool:
    """The window's start on a data file with nothing of ours in it (0 bytes, another program's):
    the newest backup that passes offered, another chosen, or 退出. True when one was restored
    (the caller opens the workspace as usual)."""
    from ui.dialogs.restore_offer import RestoreOfferDialog

    folder = Path(refused.folder)  # type: ignore[arg-type]
    dialog = RestoreOfferDialog(refused.problem, refused.backup,  # type: ignore[arg-type]
                                lambda owner, source: restore_into_folder(owner, folder, source), parent=parent)
    return bool(dialog.exec())


def offer_restore_of_damaged(ws: Workspace, parent: QWidget | None = None) -> bool:
    """At start on a damaged workspace: its newest backup that passes offered, another chosen,
    or 暂不恢复 (it stays open read-only). True when the workspace was restored (it is
    reconnected; the caller signs in afresh)."""
    from ui.dialogs.restore_offer import NOT_NOW, RestoreOfferDialog
    from ui.dialogs.sign_in import SignInDialog

    backup = run_and_wait(parent, lambda _p: newest_passing_backup(ws.data_dir), title=RESTORE_TITLE,
                          label=FINDING)

    def restore(owner: QWidget, source: Path) -> RestoreResult | None:
        go_on, password = backup_password(owner, source)
        if not go_on:
            return None
        staged = run_and_wait(owner, lambda p: stage_backup(ws.data_dir, source, password, p),
                              title=RESTORE_TITLE, label=STAGING)
        if staged is None:
            return None
        try:
            dialog = SignInDialog(ws, "", owner, heading=ADMIN_SIGN_IN,
                                  check=lambda u, p: admin_for_restore(ws, staged, u, p))
            if not dialog.exec():
                return None
            actor = dialog.actor
            wait_for_tasks()  # no worker may hold a session while the file is swapped
            return run_and_wait(owner, lambda _p: restore_backup(ws, actor, staged),
                                title=RESTORE_TITLE, label=RESTORING)
        finally:
            discard(staged)

    dialog = RestoreOfferDialog(DAMAGED_PROBLEM.format(what=ws.damaged), backup, restore, decline=NOT_NOW,
                                parent=parent)
    return bool(dialog.exec())
