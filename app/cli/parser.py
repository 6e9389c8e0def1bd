"""The command line: `python -m app [COMMAND] [options]` (DESIGN "Command line").

Workspace options may stand before or after the command. Commands that read or write records
sign in (`--user NAME`, the password from QINGFENG_PASSWORD or a prompt); on the demo workspace
they sign in as the demo administrator; `check` and `--help` need no sign-in."""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

REGISTERS = ("people", "units", "risks", "inspections", "findings", "talks", "ledger", "ceremonies", "clues",
             "sanctions", "pledges", "studies", "education", "assessments", "duty_reports")


PAGE_KEYS = ("home", "risks", "inspections", "talks", "ledger", "clues", "sanctions", "ceremonies", "people",
             "charts", "reports", "admin", "duty", "education", "help")


def _columns(text: str) -> int:
    """Terminal columns `text` takes (a Chinese character two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class HelpFormatter(argparse.HelpFormatter):
    """Wraps help text for a terminal read in Chinese: a line may break between Chinese
    characters or after punctuation, never inside a word or a key (people, 1366x768), and is
    measured in columns (a Chinese character is two)."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        tokens = re.findall(r"[A-Za-z0-9_.:/\\-]+[、，；：。）)]*|\s+|.[、，；：。）)]*", " ".join(text.split()))
        lines, line = [], ""
        for token in tokens:
            if line and _columns(line + token.rstrip()) > width:
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line += token
        return [*lines, line.rstrip()] if line.strip() else lines

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:  # the option column, measured in columns
            widest = max(_columns(self._format_action_invocation(a))
                         for a in (action, *self._iter_indented_subactions(action)))
            self._action_max_length = max(self._action_max_length, widest + self._current_indent)

    def _format_action(self, action: argparse.Action) -> str:
        """argparse's, with the option's width in columns (a Chinese metavar is twice as wide)."""
        help_position = min(self._action_max_length + 2, self._max_help_position)
        help_width = max(self._width - help_position, 11)
        action_width = help_position - self._current_indent - 2
        header = self._format_action_invocation(action)
        indent_first = help_position
        if not action.help:
            header = " " * self._current_indent + header + "\n"
        elif _columns(header) <= action_width:
            header = " " * self._current_indent + header + " " * (action_width - _columns(header) + 2)
            indent_first = 0
        else:
            header = " " * self._current_indent + header + "\n"
        parts = [header]
        help_text = self._expand_help(action) if action.help and action.help.strip() else ""
        if help_text:
            lines = self._split_lines(help_text, help_width)
            parts.append(" " * indent_first + lines[0] + "\n")
            parts += [" " * help_position + line + "\n" for line in lines[1:]]
        elif not header.endswith("\n"):
            parts.append("\n")
        parts += [self._format_action(sub) for sub in self._iter_indented_subactions(action)]
        return self._join_parts(parts)


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


def _window_options(parser: argparse.ArgumentParser) -> None:
    _workspace_options(parser, suppress=False)
    window = parser.add_argument_group("窗口选项")
    window.add_argument("--screenshot", type=Path, help="把页面渲染为 PNG 后退出")
    window.add_argument("--page", choices=PAGE_KEYS, metavar="KEY", help="页面：" + "、".join(PAGE_KEYS))
    window.add_argument("--size", type=_size, default=(1366, 768), help="窗口尺寸，如 1366x768")
    window.add_argument("--open", metavar="TEXT",
                        help="截图前先点页面上名为 TEXT 的标签页、按钮或操作（如 新增、备份），打开的窗口一并截入")


def parse_command_line(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The arguments, as `build_parser().parse_args(argv)` gives them. The window's start (no
    command: what the menu entry runs) is read by the window's options alone, without building
    every command's parser (a few milliseconds of the start); anything those options do not
    take — a command, --help, --version, a mistake — goes to the whole parser, so its help and
    its messages are the same."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if not any(arg.startswith(("-h", "--h", "--v")) for arg in argv):
        window = argparse.ArgumentParser(prog="python -m app", add_help=False, exit_on_error=False)
        _window_options(window)
        try:
            args, rest = window.parse_known_args(argv)
        except argparse.ArgumentError:
            rest = argv
        if not rest:
            args.command = None
            return args
    return build_parser().parse_args(argv)


def build_parser() -> argparse.ArgumentParser:
    from app.version import version_line  # not on the window's way (parse_command_line)

    parser = argparse.ArgumentParser(
        prog="python -m app", description="清风台账 — 机关纪委廉政工作台账", formatter_class=HelpFormatter)
    parser.add_argument("--version", action="version", version=version_line(), help="显示版本后退出")
    _window_options(parser)

    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    _workspace_options(common, suppress=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[common], help=help_text, description=help_text,
                                   formatter_class=HelpFormatter)

    p = command("init", "新建工作区及其管理员")
    p.add_argument("--admin", required=True, help="管理员用户名")
    p.add_argument("--display-name", default="", help="管理员姓名")
    p.add_argument("--bureau", help="单位名称（用于导出标题），如 市文化广电和旅游局")

    p = command("import", "从 Excel 导入台账（有被拒绝的行时不写入任何数据）")
    p.add_argument("register", choices=REGISTERS, metavar="REGISTER", help="、".join(REGISTERS))
    p.add_argument("file", type=Path)
    p.add_argument("--dry-run", action="store_true", help="只预览，不写入")
    p.add_argument("--create-missing", action="store_true", help="同时新增缺少的单位、人员和字典项")
    p.add_argument("--map", action="append", default=[], metavar="写法=名称",
                   help="把文件中的单位或人员当作已有的（可重复），如 --map 艺术剧院=市艺术剧院、"
                        "--map 林静（艺术剧院）=林静（市艺术剧院）")
    p.add_argument("--remember", action="store_true", help="记住本次 --map 的对应，下次导入自动使用")
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

    p = command("search", "搜索全部台账（同 Ctrl+K），每行一条结果")
    p.add_argument("text", help="要搜索的文字（姓名、拼音首字母或任意内容）")
    p.add_argument("--limit", type=int, default=8, help="每类最多列出的条数（默认 8，与 Ctrl+K 相同）")

    p = command("backup", "备份工作区（管理员）")
    p.add_argument("--out", type=Path, help="备份文件；数据文件夹以外的位置写成加密备份，"
                   "备份密码取自 QINGFENG_BACKUP_PASSWORD 或提示输入")
    p = command("restore", "从备份恢复工作区（管理员；先校验备份，恢复前的数据另存为备份）")
    p.add_argument("file", type=Path, help="备份文件（.sqlite3，或加密的 .qfbak）")
    p = command("check", "检查数据文件、操作日志链、记录封存和附件文件（无需登录）")
    p.add_argument("--anchor", type=Path, metavar="FILE.qfbak",
                   help="同时核对此备份记录的操作日志链头（加密备份的密码取自 QINGFENG_BACKUP_PASSWORD 或提示输入）")
    p.add_argument("--head", action="append", default=[], metavar="ID:HASH",
                   help="同时核对抄存的校验码（如 1234:ABCDEFGHIJKLMNOP），可多次给出")
    command("upgrade", "升级服务器数据库的结构（管理员；单机工作区打开时自动升级）")
    p = command("copy", "在单机工作区和服务器数据库之间复制整个工作区（管理员；目标须为空）")
    p.add_argument("--from", dest="source", required=True, metavar="SRC",
                   help="源：工作区文件夹，或 PostgreSQL URL")
    p.add_argument("--to", dest="target", required=True, metavar="DST",
                   help="目标：新的（空）文件夹，或空的 PostgreSQL 数据库 URL")
    return parser

