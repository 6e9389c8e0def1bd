"""`upgrade` and `copy` (管理员): the server's schema upgrade, and moving a workspace between a
SQLite folder and a PostgreSQL database. Registered into app.cli.COMMANDS."""
from __future__ import annotations

import argparse
import sys

from app.cli.options import (
    CommandError,
    WorkspaceOptions,
    credentials,
    open_workspace,
    sign_in,
)


def cmd_upgrade(args: argparse.Namespace, opts: WorkspaceOptions) -> int:
    from db.session import is_sqlite

    if opts.db and not is_sqlite(opts.db):
        from app.workspace.server import display_url, upgrade_server

        username, password = credentials(opts)
        result = upgrade_server(opts.db, username, password)
        where = display_url(opts.db)
        if result.changed:
            print(f"已升级 {where} 的数据库结构：版本 {result.before} → {result.after}。")
        else:
            print(f"{where} 的数据库结构已是最新（版本 {result.after}），未做修改。")
        return 0
    from app.auth import Role, require_role
    from db import migrate

    ws = open_workspace(opts)  # a SQLite workspace upgrades as it opens (after a backup)
    try:
        sign_in(ws, opts)
        require_role(ws.actor, Role.ADMIN)
    finally:
        ws.close()
    print(f"单机工作区打开时已自动升级（升级前的数据另存在 backups 中）；现为版本 {migrate.head_revision()}。")
    return 0


def cmd_copy(args: argparse.Namespace, opts: WorkspaceOptions) -> int:
    from app.cli.options import stderr_progress
    from app.workspace.copying import copy_workspace

    if not opts.user:
        raise CommandError("复制需要源工作区的管理员登录：请用 --user 指定用户名"
                           "（密码取自 QINGFENG_PASSWORD 或提示输入）。")
    username, password = credentials(opts)
    report = copy_workspace(args.source, args.target, username, password, progress=stderr_progress())
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"已复制：{report.source} → {report.target}")
    width = max(len(t) for t in report.counts)
    for table, n in sorted(report.counts.items()):
        print(f"  {table.ljust(width)}  {n} 行")
    print(f"附件 {report.attachments} 个；操作日志链完整：共 {report.chain_rows} 条"
          f"（含本次复制 1 条），链头 {report.head.hash[:16]}…")
    print("校验通过：每张表的行数和内容与源一致。")
    return 0


