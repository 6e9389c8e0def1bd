"""Commands over the registers: import and export. Registered into app.cli.COMMANDS."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from app.cli import CommandError, WorkspaceOptions, open_workspace, register_command, sign_in
from app.progress import Progress

# Documents `export` can make besides the registers' .xlsx: name -> handler(args, ws) -> message.
DocumentExporter = Callable[[argparse.Namespace, object], str]
DOCUMENT_EXPORTERS: dict[str, DocumentExporter] = {}


def _ledger_docx(args: argparse.Namespace, ws: object) -> str:
    from app.services.ledger_docx import cli_export

    return cli_export(args, ws)


DOCUMENT_EXPORTERS["ledger"] = _ledger_docx  # .docx; .xlsx goes to the Excel engine


def _stderr_progress() -> Progress:
    last = [-1]

    def report(done: int, total: int, text: str) -> None:
        percent = int(done * 100 / total) if total else 0
        if percent // 10 != last[0] and sys.stderr.isatty():
            last[0] = percent // 10
            print(f"\r{text} {percent}%", end="", file=sys.stderr, flush=True)

    return Progress(report)


def cmd_import(args: argparse.Namespace, opts: WorkspaceOptions) -> int:
    from app.excel import commit_import, plan_import

    if not args.file.is_file():
        raise CommandError(f"找不到文件：{args.file}")
    ws = open_workspace(opts, daily_backup=True)
    try:
        sign_in(ws, opts)
        with ws.writing() as session:
            plan = plan_import(session, ws.actor, args.register, args.file, year=args.year,
                               create_missing=args.create_missing, today=ws.today(),
                               progress=_stderr_progress())
            for line in plan.report_lines():
                print(line)
            if not plan.ok:
                print("有被拒绝的行：未写入任何数据。请修改后重新导入。", file=sys.stderr)
                return 1
            if args.dry_run:
                print("预览完成（--dry-run）：未写入任何数据。")
                return 0
            result = commit_import(session, ws.actor, plan, progress=_stderr_progress())
        for line in result.report_lines():
            print(line)
        return 0
    finally:
        ws.close()


def cmd_export(args: argparse.Namespace, opts: WorkspaceOptions) -> int:
    ws = open_workspace(opts, beside_window=True)
    try:
        sign_in(ws, opts)
        from app.excel import REGISTERS, export_register

        document = DOCUMENT_EXPORTERS.get(args.register)
        # A register with a document exporter too: the suffix decides (.xlsx is the register's).
        if document is not None and not (args.register in REGISTERS and args.out.suffix.lower() == ".xlsx"):
            print(document(args, ws))
            return 0

        if args.register not in REGISTERS:
            known = "、".join([*REGISTERS, *DOCUMENT_EXPORTERS])
            raise CommandError(f"不能导出“{args.register}”。可导出：{known}")
        if args.out.suffix.lower() != ".xlsx":
            raise CommandError(f"{args.register} 导出为 .xlsx 文件，请把 --out 改为 .xlsx。")
        unit_id = unit_id_named(ws, args.unit)
        with ws.writing() as session:
            count = export_register(session, ws.actor, args.register, args.out,
                                    bureau=ws.settings.bureau_name, year=args.year,
                                    unit_id=unit_id, today=ws.today(),
                                    progress=_stderr_progress())
        print(f"已导出 {count} 行到 {args.out}")
        return 0
    finally:
        ws.close()


def unit_id_named(ws, name: str | None) -> int | None:  # noqa: ANN001 — app.workspace.Workspace
    """The id of the unit named on the command line (`--unit NAME`), None without one."""
    if not name:
        return None
    from app.services.people import unit_ids_by_name

    with ws.reading() as session:
        ids = unit_ids_by_name(session)
    if name not in ids:
        raise CommandError(f"没有名为“{name}”的单位。")
    return ids[name]


register_command("import", cmd_import)
register_command("export", cmd_export)

from app.services.talk_record import cli_export as _export_talks  # noqa: E402

DOCUMENT_EXPORTERS["talks"] = _export_talks  # a record (.docx --id) or the list (.xlsx)
from app.services.dossier import cli_export as _export_dossier  # noqa: E402
from app.services.opinions import cli_export as _export_opinion  # noqa: E402

DOCUMENT_EXPORTERS["dossier"] = _export_dossier  # 廉政档案 .docx: --person 姓名[@单位] [--from] [--to]
DOCUMENT_EXPORTERS["opinion"] = _export_opinion  # 党风廉政意见回复 .docx: --people --purpose [--to]
from app.reports import cli as _reports_cli  # noqa: E402,F401 — adds "report" and "archive"
