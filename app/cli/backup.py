"""`backup [--out FILE]` and `restore FILE` (管理员). Registered into app.cli.COMMANDS.

The backup password (for a backup outside the data folder, and to restore one): the environment
variable QINGFENG_BACKUP_PASSWORD, else asked for at the terminal (twice for a new backup).
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from app.cli.options import (
    CommandError,
    WorkspaceOptions,
    credentials,
    open_workspace,
    sign_in,
)
from app.errors import NoWorkspace, UnusableDatabase, WorkspaceError
from app.progress import Progress


def backup_password(*, confirm: bool) -> str:
    from app.workspace.crypto import PASSWORD_ENV

    password = os.environ.get(PASSWORD_ENV)
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise CommandError(f"请通过环境变量 {PASSWORD_ENV} 提供备份密码。")
    first = getpass.getpass("备份密码：")
    if confirm and getpass.getpass("再次输入备份密码：") != first:
        raise CommandError("两次输入的备份密码不一致。")
    return first


def _progress() -> Progress:
    from app.cli.options import stderr_progress

    return stderr_progress()


def cmd_backup(args: argparse.Namespace, opts: WorkspaceOptions) -> int:
    from app.auth import Role, require_role
    from app.workspace.backups import create_backup, is_inside, require_backup_target

    _refuse_server(opts, "pg_dump")
    ws = open_workspace(opts, beside_window=True)
    try:
        sign_in(ws, opts)
        require_role(ws.actor, Role.ADMIN)  # before a password is asked for
        out: Path | None = args.out
        password = None
        if out is not None:
            require_backup_target(out, ws.data_dir)
            if not is_inside(out, ws.data_dir):
                password = backup_password(confirm=True)
        info = create_backup(ws, ws.actor, out, password=password, progress=_progress())
    finally:
        ws.close()
    encrypted = "（已用备份密码加密）" if info.kind == "external" else ""
    print(f"已备份到 {info.path}{encrypted}（操作日志链头第 {info.head.last_id} 条）")
    print(f"校验码：{info.head.code}")
    if info.kind == "external":
        print("请把校验码抄在备份登记簿上（与备份分开保存）；日后用 python -m app check --head 校验码 "
              "核对操作日志未被截断或改写。")
    return 0


def _refuse_server(opts: WorkspaceOptions, what: str) -> None:
    from db.session import is_sqlite

    if opts.db and not is_sqlite(opts.db):
        raise CommandError(f"服务器数据库（PostgreSQL）由 IT 管理员用 {what} 处理，见 README“服务器数据库”。"
                           "要把单机备份搬到服务器上：先把它恢复到一个文件夹，再用 python -m app copy。")


def cmd_restore(args: argparse.Namespace, opts: WorkspaceOptions) -> int:
    from app.workspace.crypto import is_container

    _refuse_server(opts, "pg_restore")
    source: Path = args.file
    if not source.is_file():
        raise CommandError(f"找不到备份文件：{source}")
    password = backup_password(confirm=False) if is_container(source) else None
    try:
        ws = open_workspace(opts)
    except (NoWorkspace, UnusableDatabase) as missing:  # an unusable file is set aside, not deleted
        return _restore_into_folder(Path(missing.folder), source, password, opts)
    try:
        result = _restore_over(ws, source, password, opts)
    finally:
        ws.close()
    for line in result.lines():
        print(line)
    return 0


def _restore_over(ws, source: Path, password: str | None, opts: WorkspaceOptions):  # noqa: ANN001, ANN202
    """An open workspace: its administrator restores; a damaged one that cannot sign anyone in
    accepts an administrator of the backup."""
    from app.auth import Role, require_role
    from app.workspace.restore import (
        authenticate_in_backup,
        discard,
        restore_backup,
        stage_backup,
    )

    username, user_password = credentials(opts)
    actor = None
    try:
        actor = ws.sign_in(username, user_password, via="命令行")
        require_role(actor, Role.ADMIN)
    except WorkspaceError:
        if not ws.damaged:
            raise
    staged = stage_backup(ws.data_dir, source, password, _progress())
    try:
        if actor is None:
            actor = authenticate_in_backup(staged, username, user_password)
        return restore_backup(ws, actor, staged)
    finally:
        discard(staged)


def _restore_into_folder(folder: Path, source: Path, password: str | None,
                         opts: WorkspaceOptions) -> int:
    """A folder with no workspace (a new PC): an administrator of the backup restores it."""
    from app.workspace.facade import holding_lock
    from app.workspace.restore import (
        authenticate_in_backup,
        discard,
        restore_backup,
        stage_backup,
    )

    username, user_password = credentials(opts)
    with holding_lock(folder):
        staged = stage_backup(folder, source, password, _progress())
        try:
            actor = authenticate_in_backup(staged, username, user_password)
            result = restore_backup(folder, actor, staged)
        finally:
            discard(staged)
    for line in result.lines():
        print(line)
    return 0


