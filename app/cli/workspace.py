"""`init` (a new workspace and its administrator) and `check` (the file and the audit chain)."""
from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from app.audit import ChainHead
from app.cli.backup import backup_password
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

    heads = anchor_heads(args.head, args.anchor)
    ws = open_workspace(opts, read_only_if_locked=True)
    try:
        report = check_workspace(ws, heads)
    finally:
        ws.close()
    for line in report.lines:
        print(line)
    return 0 if report.ok else 1


def anchor_heads(codes: list[str], anchor: Path | None) -> list[tuple[str, ChainHead]]:
    """The heads `check` is asked to hold the chain against: 校验码 written down (`--head`) and
    the head an encrypted (or a plain) backup recorded (`--anchor`, asking for its password)."""
    from app.workspace.crypto import is_container, read_manifest

    heads = []
    for written in codes:
        head = ChainHead.from_code(written)
        if head is None:
            raise CommandError(f"校验码“{written}”格式不对：应为“编号:校验字符”，校验字符至少 16 个，"
                               "如 1234:ABCDEFGHIJKLMNOP。")
        heads.append((f"校验码 {written.strip()}", head))
    if anchor is not None:
        if not anchor.is_file():
            raise CommandError(f"找不到备份文件：{anchor}")
        if is_container(anchor):
            manifest = read_manifest(anchor, backup_password(confirm=False))
            recorded = manifest.get("chain_head") or {}
            head = ChainHead(int(recorded.get("last_id", 0)), str(recorded.get("hash", "")))
        else:
            from app.workspace.backups import read_head

            head, _ = read_head(anchor)
        heads.append((f"备份“{anchor.name}”", head))
    return heads
