"""Backup and restore as the window does them: in the background with a progress dialog, the
window waiting; and the offer, when the workspace opened damaged, to restore its newest good
backup (an administrator of the workspace — or of the backup, when the damaged file cannot sign
anyone in — confirms it)."""
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
    newest_good_backup,
    restore_backup,
    stage_backup,
)
from ui import messages
from ui.workers import run_task, wait_for_tasks

if TYPE_CHECKING:
    from app.workspace.facade import Workspace
    from app.workspace.restore import StagedBackup

RESTORE_TITLE = "从备份恢复"
STAGING = "正在校验备份（解密、完整性、操作日志链）…"
RESTORING = "正在恢复…"
FINDING = "正在查找最新的完好备份…"
NO_GOOD_BACKUP = ("数据文件已损坏：{what}\n\n数据文件夹中没有可用的完好备份。已以只读方式打开，未做任何写入；"
                  "如有加密备份（U 盘），可由管理员在“系统管理 › 备份”中选择“从文件恢复”。")
ASK_RESTORE = ("数据文件已损坏：{what}\n\n最新的完好备份：{when}（{kind}，操作日志到第 {last} 条）。\n\n"
               "从这个备份恢复吗？损坏的文件会原样另存，不会丢弃。恢复需要管理员登录。")
RESTORE, NOT_NOW = "从备份恢复", "暂不恢复"
ADMIN_SIGN_IN = "恢复需要管理员登录"


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


def offer_restore_of_damaged(ws: Workspace, parent: QWidget | None = None) -> bool:
    """At start on a damaged workspace: find the newest good backup and offer it. True when the
    workspace was restored (it is reconnected; the caller signs in afresh)."""
    from ui.dialogs.sign_in import SignInDialog

    staged = run_and_wait(parent, lambda p: newest_good_backup(ws.data_dir, p), title=RESTORE_TITLE,
                          label=FINDING)
    if staged is None:
        messages.warn(parent, NO_GOOD_BACKUP.format(what=ws.damaged))
        return False
    try:
        text = ASK_RESTORE.format(what=ws.damaged, when=staged.created_at.replace("T", " "),
                                  kind=_kind_label(staged.kind), last=staged.head.last_id)
        if not messages.ask(parent, text, RESTORE, NOT_NOW):
            return False
        dialog = SignInDialog(ws, "", parent, heading=ADMIN_SIGN_IN,
                              check=lambda u, p: admin_for_restore(ws, staged, u, p))
        if not dialog.exec():
            return False
        actor = dialog.actor
        wait_for_tasks()
        result = run_and_wait(parent, lambda _p: restore_backup(ws, actor, staged),
                              title=RESTORE_TITLE, label=RESTORING)
    finally:
        discard(staged)
    messages.inform(parent, "\n".join(result.lines()))
    return True


def _kind_label(kind: str) -> str:
    from app.workspace.backups import KIND_LABELS

    return KIND_LABELS.get(kind, kind or "备份")
