"""`init` (a new workspace and its administrator) and `check` (the file and the audit chain)."""
from __future__ import annotations

import argparse
import getpass
import os
import sys

from app.cli.options import CommandError, WorkspaceOptions, open_workspace


def _password_for_new_admin() -> str:
    password = os.environ.get("QINGFENG_PASSWORD")
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise CommandError("请通过环境变量 QINGFENG_PASSWORD 提供管理员密码。")
    first = getpass.getpass("设置管理员密码：")
    if getpass.getpass("再次输入密码：") != first:
        raise CommandError("两次输入的密码不一致。")
    return first


def cmd_init(args: argparse.Namespace, opts: WorkspaceOptions) -> int:
    from app.workspace.facade import Workspace

    ws = Workspace.create(opts.data_dir, opts.db, admin_username=args.admin,
                          admin_password=_password_for_new_admin(),
                          admin_display_name=args.display_name, bureau_name=args.bureau,
                          as_of=opts.as_of)
    where = ws.data_dir or ws.url
    ws.close()
    print(f"已创建工作区：{where}（管理员 {args.admin}）")
    return 0


def cmd_check(args: argparse.Namespace, opts: WorkspaceOptions) -> int:
    from app.workspace.checks import check_workspace

    ws = open_workspace(opts, read_only_if_locked=True)
    try:
        report = check_workspace(ws)
    finally:
        ws.close()
    for line in report.lines:
        print(line)
    return 0 if report.ok else 1
