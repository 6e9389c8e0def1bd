"""The command line: `python -m app [COMMAND] [options]` (DESIGN "Command line").

Workspace options may stand before or after the command. Commands that read or write records
sign in (`--user NAME`, the password from QINGFENG_PASSWORD or a prompt); on the demo workspace
they sign in as the demo administrator; `check` and `--help` need no sign-in.
"""
from __future__ import annotations

import argparse
import datetime as dt
import getpass
import logging
import logging.handlers
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.errors import QingfengError, WorkspaceLocked

log = logging.getLogger("app")

REGISTERS = ("people", "units", "risks", "inspections", "findings", "talks", "ledger", "ceremonies")
PAGE_KEYS = ("home", "risks", "inspections", "talks", "ledger", "ceremonies", "people", "charts",
             "reports", "admin")


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


# ---- argument parsing ---------------------------------------------------------------------


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.replace("/", "-").replace(".", "-"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，应为 2026-03-15。") from None


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"尺寸“{text}”格式不对，应为 1366x768。") from None
    return width, height


def _workspace_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    def default(value: object) -> object:
        return argparse.SUPPRESS if suppress else value

    group = parser.add_argument_group("工作区选项（可放在命令前或命令后）")
    group.add_argument("--data-dir", type=Path, default=default(None), help="工作区文件夹")
    group.add_argument("--db", default=default(None), help="数据库文件路径或 PostgreSQL URL")
    group.add_argument("--demo", action="store_true", default=default(False), help="使用演示工作区")
    group.add_argument("--scale", type=int, default=default(1), help="演示数据规模倍数")
    group.add_argument("--as-of", type=_date, default=default(None), help="把“今天”设为此日期")
    group.add_argument("--user", default=default(None), help="登录用户名（密码取自 QINGFENG_PASSWORD 或提示输入）")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m app", description="清风台账 — 机关纪委廉政工作台账")
    _workspace_options(parser, suppress=False)
    window = parser.add_argument_group("窗口选项")
    window.add_argument("--screenshot", type=Path, help="把页面渲染为 PNG 后退出")
    window.add_argument("--page", choices=PAGE_KEYS, metavar="KEY", help="页面：" + "、".join(PAGE_KEYS))
    window.add_argument("--size", type=_size, default=(1366, 768), help="窗口尺寸，如 1366x768")

    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    _workspace_options(common, suppress=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[common], help=help_text, description=help_text)

    p = command("init", "新建工作区及其管理员")
    p.add_argument("--admin", required=True, help="管理员用户名")
    p.add_argument("--display-name", default="", help="管理员姓名")
    p.add_argument("--bureau", help="单位名称（用于导出标题），如 市文化广电和旅游局")

    p = command("import", "从 Excel 导入台账（有被拒绝的行时不写入任何数据）")
    p.add_argument("register", choices=REGISTERS, metavar="REGISTER", help="、".join(REGISTERS))
    p.add_argument("file", type=Path)
    p.add_argument("--dry-run", action="store_true", help="只预览，不写入")
    p.add_argument("--create-missing", action="store_true", help="同时新增缺少的单位、人员和字典项")
    p.add_argument("--year", type=int, help="表中没有年度时使用的年度")

    p = command("export", "导出台账或文书")
    p.add_argument("register", metavar="REGISTER",
                   help="、".join(REGISTERS) + "，或文书 dossier、opinion、report，或年度归档 archive")
    p.add_argument("--out", type=Path, required=True, help="输出文件（.xlsx 或 .docx；archive 为文件夹）")
    p.add_argument("--year", type=int, help="只导出该年度（默认全部年度）")
    p.add_argument("--unit", help="只导出该单位")
    p.add_argument("--id", type=int, help="单条记录（如 talks --id N 导出谈话记录表）")
    p.add_argument("--person", help="人员姓名（dossier；同名时写成 姓名@单位）")
    p.add_argument("--people", help="人员姓名，以逗号或顿号分隔（opinion；同名时写成 姓名@单位）")
    p.add_argument("--purpose", help="意见回复用途（opinion）：提拔任用、评先评优、其他")
    p.add_argument("--from", dest="date_from", type=_date, help="起始日期（report、dossier）")
    p.add_argument("--to", dest="date_to", type=_date, help="截止日期（report、dossier；opinion 的回复日期，默认今天）")

    p = command("backup", "备份工作区（管理员）")
    p.add_argument("--out", type=Path, help="备份文件；数据文件夹以外的位置写成加密备份，"
                   "备份密码取自 QINGFENG_BACKUP_PASSWORD 或提示输入")
    p = command("restore", "从备份恢复工作区（管理员；先校验备份，恢复前的数据另存为备份）")
    p.add_argument("file", type=Path, help="备份文件（.sqlite3，或加密的 .qfbak）")
    command("check", "检查数据文件完整性和操作日志链")
    command("upgrade", "升级服务器数据库的结构（管理员；单机工作区打开时自动升级）")
    p = command("copy", "在单机工作区和服务器数据库之间复制整个工作区（管理员；目标须为空）")
    p.add_argument("--from", dest="source", required=True, metavar="SRC",
                   help="源：工作区文件夹，或 PostgreSQL URL")
    p.add_argument("--to", dest="target", required=True, metavar="DST",
                   help="目标：新的（空）文件夹，或空的 PostgreSQL 数据库 URL")
    return parser


def workspace_options(args: argparse.Namespace) -> WorkspaceOptions:
    """The options as given; without --data-dir, --db or --demo, the workspace that qingfeng.ini
    names (app/local_config.py: so clerks never type the server's address)."""
    data_dir, db = args.data_dir, args.db
    if data_dir is None and db is None and not args.demo:
        from app.local_config import configured_workspace

        configured = configured_workspace()
        if configured is not None:
            log.info("workspace from %s", configured.source)
            data_dir, db = configured.data_dir, configured.db
    return WorkspaceOptions(data_dir=data_dir, db=db, demo=args.demo, scale=args.scale,
                            as_of=args.as_of, user=args.user)


# ---- opening and signing in ---------------------------------------------------------------


def open_workspace(opts: WorkspaceOptions, *, read_only_if_locked: bool = False,
                   beside_window: bool = False, daily_backup: bool = False):  # noqa: ANN201
    """The workspace the options name; the demo is built first when it does not exist.

    `beside_window`: export and backup run while the window is open (see Workspace.open).
    `daily_backup`: the day's automatic backup when this process holds the workspace.
    """
    if opts.data_dir is not None and opts.db is None:  # checked while the modules below import
        from db.backup import start_quick_check

        start_quick_check(Path(opts.data_dir) / "qingfeng.sqlite3")
    from app.workspace import Workspace

    data_dir = opts.data_dir
    if opts.demo:
        from app.demo import ensure_demo

        as_of = opts.as_of or dt.date.today()
        data_dir = ensure_demo(opts.data_dir, as_of, opts.scale)
        ws = Workspace.open(data_dir, as_of=as_of, read_only_if_locked=read_only_if_locked,
                            beside_window=beside_window)
    else:
        ws = Workspace.open(data_dir, opts.db, as_of=opts.as_of,
                            read_only_if_locked=read_only_if_locked, beside_window=beside_window)
    setup_file_logging(ws.data_dir or _server_log_dir())
    if daily_backup:
        from app.backups import backup_on_open

        backup_on_open(ws)
    return ws


def sign_in(ws, opts: WorkspaceOptions) -> None:  # noqa: ANN001
    """Signs the command in: the demo administrator on the demo, else --user and a password."""
    username, password = credentials(opts)
    ws.sign_in(username, password, via="命令行，演示" if opts.demo and not opts.user else "命令行")


def credentials(opts: WorkspaceOptions) -> tuple[str, str]:
    """The user name and password a command signs in with (the demo administrator on the demo)."""
    if opts.demo and not opts.user:
        from app.demo import DEMO_PASSWORD

        return "admin", DEMO_PASSWORD
    if not opts.user:
        raise CommandError("此命令需要登录：请用 --user 指定用户名（密码取自 QINGFENG_PASSWORD 或提示输入）。")
    password = os.environ.get("QINGFENG_PASSWORD")
    if password is None:
        if opts.demo:
            from app.demo import DEMO_PASSWORD

            password = DEMO_PASSWORD
        elif sys.stdin.isatty():
            password = getpass.getpass(f"用户 {opts.user} 的密码：")
        else:
            raise CommandError("请通过环境变量 QINGFENG_PASSWORD 提供密码。")
    return opts.user, password


def _server_log_dir() -> Path:
    """A server workspace has no folder: its log goes to the user's own data folder."""
    from platformdirs import user_data_dir

    from app.workspace import APP_NAME

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


# ---- commands -----------------------------------------------------------------------------

Handler = Callable[[argparse.Namespace, WorkspaceOptions], int]


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
    from app.workspace import Workspace

    ws = Workspace.create(opts.data_dir, opts.db, admin_username=args.admin,
                          admin_password=_password_for_new_admin(),
                          admin_display_name=args.display_name, bureau_name=args.bureau,
                          as_of=opts.as_of)
    where = ws.data_dir or ws.url
    ws.close()
    print(f"已创建工作区：{where}（管理员 {args.admin}）")
    return 0


def cmd_check(args: argparse.Namespace, opts: WorkspaceOptions) -> int:
    from app.checks import check_workspace

    ws = open_workspace(opts, read_only_if_locked=True)
    try:
        report = check_workspace(ws)
    finally:
        ws.close()
    for line in report.lines:
        print(line)
    return 0 if report.ok else 1


COMMANDS: dict[str, Handler] = {"init": cmd_init, "check": cmd_check}


def register_command(name: str, handler: Handler) -> None:
    COMMANDS[name] = handler


def _load_command_modules() -> None:
    # Commands that live beside their services register themselves here.
    from app import cli_backup, cli_registers, cli_server  # noqa: F401


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        opts = workspace_options(args)
    except QingfengError as exc:  # an unusable qingfeng.ini
        if args.command is None:
            return _run_window(args, WorkspaceOptions(), config_error=exc)
        print(f"错误：{exc.message}", file=sys.stderr)
        return 1
    if args.command is None:
        return _run_window(args, opts)
    _load_command_modules()
    handler = COMMANDS.get(args.command)
    if handler is None:
        print(f"命令 {args.command} 尚未提供。", file=sys.stderr)
        return 2
    try:
        return handler(args, opts)
    except WorkspaceLocked as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 1
    except QingfengError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断，未写入任何数据。", file=sys.stderr)
        return 130


def _run_window(args: argparse.Namespace, opts: WorkspaceOptions,
                config_error: QingfengError | None = None) -> int:
    if args.screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        if args.page is None:
            print("截图模式需要 --page KEY。", file=sys.stderr)
            return 2
    from ui.app import run_window  # the composition root may import ui/

    def create_workspace(**admin: str):  # noqa: ANN202 — first start: the window's own `init`
        from app.workspace import Workspace

        ws = Workspace.create(opts.data_dir, opts.db, as_of=opts.as_of, **admin)
        setup_file_logging(ws.data_dir)
        return ws

    def open_for_window(read_only_if_locked: bool):  # noqa: ANN202
        if config_error is not None:
            raise config_error  # shown in a message box: a window has no console
        return open_workspace(opts, read_only_if_locked=read_only_if_locked)

    return run_window(
        open_for_window,
        screenshot=args.screenshot, page=args.page, size=args.size, demo=opts.demo, user=opts.user,
        create_workspace=None if opts.demo else create_workspace)
