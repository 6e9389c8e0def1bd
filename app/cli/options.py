"""What every command shares: the workspace options, opening the workspace, signing in, the log
file, progress on stderr, `--unit NAME`.

Commands that read or write records sign in (`--user NAME`, the password from QINGFENG_PASSWORD
or a prompt); on the demo workspace they sign in as the demo administrator."""
from __future__ import annotations

import argparse
import datetime as dt
import getpass
import logging
import logging.handlers
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from app.errors import QingfengError
from app.progress import Progress

log = logging.getLogger("app")


@dataclass(frozen=True)
class WorkspaceOptions:
    data_dir: Path | None = None
    db: str | None = None
    demo: bool = False
    scale: int = 1
    as_of: dt.date | None = None
    user: str | None = None


class CommandError(QingfengError):
    """A command failed in a way the user can act on; exit code 1."""


def workspace_options(args: argparse.Namespace) -> WorkspaceOptions:
    """The options as given; without --data-dir, --db or --demo, the workspace that qingfeng.ini
    names (app/workspace/config.py: so clerks never type the server's address)."""
    data_dir, db = args.data_dir, args.db
    if data_dir is None and db is None and not args.demo:
        from app.workspace.config import configured_workspace

        configured = configured_workspace()
        if configured is not None:
            log.info("workspace from %s", configured.source)
            data_dir, db = configured.data_dir, configured.db
    return WorkspaceOptions(data_dir=data_dir, db=db, demo=args.demo, scale=args.scale,
                            as_of=args.as_of, user=args.user)


def open_workspace(opts: WorkspaceOptions, *, read_only_if_locked: bool = False,
                   beside_window: bool = False, daily_backup: bool = False,
                   check_later: bool = False):  # noqa: ANN201
    """The workspace the options name; the demo is built first when it does not exist.

    `beside_window`: export and backup run while the window is open (see Workspace.open).
    `daily_backup`: the day's automatic backup when this process holds the workspace.
    `check_later`: the window checks the file after its first paint (Workspace.open).
    """
    if opts.data_dir is not None and opts.db is None and not check_later:
        from db.backup import start_quick_check  # checked while the modules below import

        start_quick_check(Path(opts.data_dir) / "qingfeng.sqlite3")
    from app.workspace.facade import Workspace

    data_dir = opts.data_dir
    if opts.demo:
        from app.demo.build import ensure_demo

        as_of = opts.as_of or dt.date.today()
        data_dir = ensure_demo(opts.data_dir, as_of, opts.scale)
        ws = Workspace.open(data_dir, as_of=as_of, read_only_if_locked=read_only_if_locked,
                            beside_window=beside_window, check_later=check_later)
    else:
        ws = Workspace.open(data_dir, opts.db, as_of=opts.as_of, read_only_if_locked=read_only_if_locked,
                            beside_window=beside_window, check_later=check_later)
    setup_file_logging(ws.data_dir or _server_log_dir())
    if daily_backup:
        from app.workspace.backups import backup_on_open

        backup_on_open(ws)
        if ws.backup_problem:  # the work goes on; `check` and 首页 keep saying so
            print(f"警告：{ws.backup_problem}（本次操作照常进行）", file=sys.stderr)
    return ws


def sign_in(ws, opts: WorkspaceOptions) -> None:  # noqa: ANN001
    """Signs the command in: the demo administrator on the demo, else --user and a password."""
    username, password = credentials(opts)
    ws.sign_in(username, password, via="命令行，演示" if opts.demo and not opts.user else "命令行")
    if ws.anchor_warning:
        print(ws.anchor_warning, file=sys.stderr)


def credentials(opts: WorkspaceOptions) -> tuple[str, str]:
    """The user name and password a command signs in with (the demo administrator on the demo)."""
    if opts.demo and not opts.user:
        from app.demo.build import DEMO_PASSWORD

        return "admin", DEMO_PASSWORD
    if not opts.user:
        raise CommandError("此命令需要登录：请用 --user 指定用户名（密码取自 QINGFENG_PASSWORD 或提示输入）。")
    password = os.environ.get("QINGFENG_PASSWORD")
    if password is None:
        if opts.demo:
            from app.demo.build import DEMO_PASSWORD

            password = DEMO_PASSWORD
        elif sys.stdin.isatty():
            password = getpass.getpass(f"用户 {opts.user} 的密码：")
        else:
            raise CommandError("请通过环境变量 QINGFENG_PASSWORD 提供密码。")
    return opts.user, password


def _server_log_dir() -> Path:
    """A server workspace has no folder: its log goes to the user's own data folder."""
    from platformdirs import user_data_dir

    from app.workspace.facade import APP_NAME

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "server"


def setup_file_logging(data_dir: Path | None) -> None:
    if data_dir is None or any(isinstance(h, logging.handlers.RotatingFileHandler)
                               for h in logging.getLogger().handlers):
        return
    folder = data_dir / "logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            folder / "qingfeng.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return  # a read-only folder: log to stderr only
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def stderr_progress() -> Progress:
    last = [-1]

    def report(done: int, total: int, text: str) -> None:
        percent = int(done * 100 / total) if total else 0
        if percent // 10 != last[0] and sys.stderr.isatty():
            last[0] = percent // 10
            print(f"\r{text} {percent}%", end="", file=sys.stderr, flush=True)

    return Progress(report)


def unit_id_named(ws, name: str | None) -> int | None:  # noqa: ANN001 — app.workspace.Workspace
    """The id of the unit named on the command line (`--unit NAME`), None without one."""
    if not name:
        return None
    from app.registers.units.query import unit_ids_by_name

    with ws.reading() as session:
        ids = unit_ids_by_name(session)
    if name not in ids:
        raise CommandError(f"没有名为“{name}”的单位。")
    return ids[name]

