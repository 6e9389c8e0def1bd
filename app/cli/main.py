"""The command line: `python -m app [COMMAND] [options]` (DESIGN "Command line").

Workspace options may stand before or after the command. Commands that read or write records
sign in (`--user NAME`, the password from QINGFENG_PASSWORD or a prompt); on the demo workspace
they sign in as the demo administrator; `check` and `--help` need no sign-in."""
from __future__ import annotations

import argparse
import gc
import importlib
import logging
import logging.handlers
import os
import sys
from collections.abc import Callable, Sequence

from app.cli.options import (
    WorkspaceOptions,
    open_workspace,
    setup_file_logging,
    workspace_options,
)
from app.cli.parser import parse_command_line
from app.errors import QingfengError, WorkspaceLocked

log = logging.getLogger("app")


Handler = Callable[[argparse.Namespace, WorkspaceOptions], int]

# command -> "module:function"; a command's module is imported when it runs (the window needs none).
COMMANDS: dict[str, str] = {
    "init": "app.cli.workspace:cmd_init",
    "check": "app.cli.workspace:cmd_check",
    "import": "app.cli.registers:cmd_import",
    "export": "app.cli.registers:cmd_export",
    "search": "app.cli.search:cmd_search",
    "backup": "app.cli.backup:cmd_backup",
    "restore": "app.cli.backup:cmd_restore",
    "upgrade": "app.cli.server:cmd_upgrade",
    "copy": "app.cli.server:cmd_copy",
}


def handler_of(command: str) -> Handler:
    module, _, function = COMMANDS[command].partition(":")
    return getattr(importlib.import_module(module), function)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_command_line(argv)
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
    try:
        return handler_of(args.command)(args, opts)
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
    else:
        gc.disable()  # the window's start runs without the cyclic collector (ui.app.interaction_starts)
    from ui.app import run_window  # the composition root may import ui/

    def create_workspace(**admin: str):  # noqa: ANN202 — first start: the window's own `init`
        from app.workspace.facade import Workspace

        ws = Workspace.create(opts.data_dir, opts.db, as_of=opts.as_of, **admin)
        setup_file_logging(ws.data_dir)
        return ws

    def open_for_window(read_only_if_locked: bool):  # noqa: ANN202
        if config_error is not None:
            raise config_error  # shown in a message box: a window has no console
        # The window checks the file after its first paint (a screenshot has none: now).
        return open_workspace(opts, read_only_if_locked=read_only_if_locked,
                              check_later=args.screenshot is None)

    return run_window(
        open_for_window,
        screenshot=args.screenshot, page=args.page, size=args.size, demo=opts.demo, user=opts.user,
        open_text=args.open,
        create_workspace=None if opts.demo else create_workspace)

