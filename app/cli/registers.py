"""`import` and `export`: the registers through the Excel engine, documents through DOCUMENTS."""
from __future__ import annotations

import argparse
import sys

from app.cli.documents import DOCUMENTS
from app.cli.options import (
    CommandError,
    WorkspaceOptions,
    open_workspace,
    sign_in,
    stderr_progress,
    unit_id_named,
)


def cmd_import(args: argparse.Namespace, opts: WorkspaceOptions) -> int:
    from app.excel.importer import commit_import, plan_import
    from app.excel.matching import parse_mappings

    if not args.file.is_file():
        raise CommandError(f"找不到文件：{args.file}")
    ws = open_workspace(opts, daily_backup=not args.dry_run)
    try:
        sign_in(ws, opts)
        # A dry run only reads: it works on a read-only workspace too.
        with (ws.reading() if args.dry_run else ws.writing()) as session:
            plan = plan_import(session, ws.actor, args.register, args.file, year=args.year,
                               create_missing=args.create_missing, today=ws.today(),
                               progress=stderr_progress(),
                               mappings=parse_mappings(session, args.map))
            for line in plan.report_lines():
                print(line)
            if not plan.ok:
                print("有被拒绝的行：未写入任何数据。请修改后重新导入。", file=sys.stderr)
                return 1
            if args.dry_run:
                print("预览完成（--dry-run）：未写入任何数据。")
                return 0
            result = commit_import(session, ws.actor, plan, progress=stderr_progress(),
                                   remember_mappings=args.remember)
        for line in result.report_lines():
            print(line)
        return 0
    finally:
        ws.close()


def cmd_export(args: argparse.Namespace, opts: WorkspaceOptions) -> int:
    ws = open_workspace(opts, beside_window=True)
    try:
        sign_in(ws, opts)
        from app.excel.registry import REGISTERS
        from app.excel.writer import export_register

        document = DOCUMENTS.get(args.register)
        # A register with a document exporter too: the suffix decides (.xlsx is the register's).
        if document is not None and not (args.register in REGISTERS and args.out.suffix.lower() == ".xlsx"):
            print(document(args, ws))
            return 0

        if args.register not in REGISTERS:
            known = "、".join([*REGISTERS, *DOCUMENTS])
            raise CommandError(f"不能导出“{args.register}”。可导出：{known}")
        if args.out.suffix.lower() != ".xlsx":
            raise CommandError(f"{args.register} 导出为 .xlsx 文件，请把 --out 改为 .xlsx。")
        unit_id = unit_id_named(ws, args.unit)
        with ws.writing() as session:
            count = export_register(session, ws.actor, args.register, args.out,
                                    bureau=ws.settings.bureau_name, year=args.year,
                                    unit_id=unit_id, today=ws.today(),
                                    progress=stderr_progress())
        print(f"已导出 {count} 行到 {args.out}")
        return 0
    finally:
        ws.close()





