"""The documents `export` makes besides the registers' .xlsx: a talk's 谈话记录表, the ledger as
.docx, a person's 廉政档案, the 党风廉政意见回复, the report and the year's archive.

`DOCUMENTS[name](args, ws) -> message`: cmd_export (app/cli/registers.py) finds a renderer here;
the renderers turn arguments into one call of the register's or the report's own function."""
from __future__ import annotations

import argparse
from collections.abc import Callable

from app.cli.options import CommandError, unit_id_named
from app.dictionaries import load_vocabulary
from app.errors import ValidationError
from app.registers.ledger.documents import export_ledger_docx
from app.registers.opinions.query import split_names
from app.registers.opinions.write import issue_opinions
from app.registers.people.documents import export_dossier
from app.registers.people.query import (
    resolve_person,
)
from app.registers.talks.documents import export_talk_record
from app.reports.archive_export import export_archive, record_archive_export
from app.reports.document import export_generated_report
from app.reports.period import ReportPeriod
from app.workspace.facade import Workspace


def export_dossier_command(args: argparse.Namespace, ws: Workspace) -> str:
    """`export dossier --person 姓名[@单位] --out F.docx [--from D] [--to D]`."""
    if not args.person:
        raise CommandError("导出廉政档案需要 --person 姓名（同名时写成 姓名@单位）。")
    with ws.reading() as session:
        person = resolve_person(session, args.person)
    with ws.writing() as session:
        dossier = export_dossier(session, ws.actor, person.id, args.out, bureau=ws.settings.bureau_name,
                                 today=ws.today(), start=args.date_from, end=args.date_to)
    return f"已导出 {person.display} 的廉政档案（{dossier.period_text}，{len(dossier.items())} 条记录）到 {args.out}"


def export_opinion_command(args: argparse.Namespace, ws: Workspace) -> str:
    """`export opinion --people 姓名[@单位],… --purpose 提拔任用|评先评优|其他 --out F.docx [--to 日期]`:
    one document for all the people named; the date is --to, else today."""
    names = split_names(args.people or "")
    if not names:
        raise CommandError("出具意见回复需要 --people 姓名（多人以逗号或顿号分隔，同名时写成 姓名@单位）。")
    with ws.reading() as session:
        purpose = load_vocabulary(session).resolve("opinion_purpose", args.purpose or "")
        if purpose is None:
            raise CommandError("--purpose 应为 提拔任用、评先评优 或 其他。")
        people = [resolve_person(session, name) for name in names]
    as_of = args.date_to or ws.today()
    with ws.writing() as session:
        issued = issue_opinions(session, ws.actor, [p.id for p in people], purpose, as_of, args.out,
                                bureau=ws.settings.bureau_name, today=ws.today())
    flagged = [f.person.name for f in issued.facts if f.in_impact]
    note = f"；影响期内：{'、'.join(flagged)}" if flagged else ""
    return f"已出具 {len(people)} 份党风廉政意见回复（截至 {as_of:%Y-%m-%d}）到 {args.out}{note}"


def export_talk_record_command(args: argparse.Namespace, ws: Workspace) -> str:
    """`export talks --out F.docx --id N` → the record; `--out F.xlsx` → the list (all years
    unless --year, one unit and those below it with --unit) through the Excel engine."""
    suffix = args.out.suffix.lower()
    if suffix == ".docx":
        if args.id is None:
            raise CommandError("导出谈话记录表需要 --id（谈话记录的编号）。导出列表请用 .xlsx 文件。")
        with ws.writing() as session:
            export_talk_record(session, ws.actor, args.id, args.out, ws.settings.bureau_name)
        return f"已导出谈话记录表（第 {args.id} 号）到 {args.out}"
    if suffix != ".xlsx":
        raise CommandError("talks 导出为 .xlsx（列表）或 .docx（谈话记录表，需 --id）。")
    from app.excel.writer import export_register

    unit_id = unit_id_named(ws, args.unit)
    with ws.writing() as session:
        count = export_register(session, ws.actor, "talks", args.out, bureau=ws.settings.bureau_name,
                                year=args.year, unit_id=unit_id, today=ws.today())
    return f"已导出 {count} 行到 {args.out}"


def export_ledger_docx_command(args: argparse.Namespace, ws: Workspace) -> str:
    """`export ledger --out F.docx [--year Y] [--unit NAME]` (a .xlsx goes to the Excel engine)."""
    unit_id = unit_id_named(ws, args.unit)
    with ws.writing() as session:
        count = export_ledger_docx(session, ws.actor, args.out, bureau=ws.settings.bureau_name,
                                   year=args.year, unit_id=unit_id, today=ws.today())
    return f"已导出 {count} 行到 {args.out}"


def export_report_command(args: argparse.Namespace, ws: Workspace) -> str:
    """`export report --from D --to D [--unit NAME] --out F.docx` (--year Y: that whole year)."""
    if args.year and not (args.date_from or args.date_to):
        period = ReportPeriod.of_year(args.year)
    else:
        if args.date_from is None or args.date_to is None:
            raise ValidationError("报告需要 --from 和 --to（如 --from 2025-01-01 --to 2025-12-31），或 --year。")
        period = ReportPeriod.checked(args.date_from, args.date_to)
    unit_id = unit_id_named(ws, args.unit)
    export_generated_report(ws, ws.actor, period, args.out, unit_id=unit_id)
    return f"已生成报告（{period.label}）：{args.out}"


def export_archive_command(args: argparse.Namespace, ws: Workspace) -> str:
    """`export archive --year Y --out FOLDER`: the year's archive folder inside FOLDER."""
    if args.year is None:
        raise ValidationError("导出归档需要 --year（如 --year 2025）。")
    with ws.reading() as session:
        result = export_archive(session, ws.actor, args.year, args.out, bureau=ws.settings.bureau_name,
                                today=ws.today())
    with ws.writing() as session:
        record_archive_export(session, ws.actor, args.year, result)
    lines = [f"已导出 {args.year} 年度归档：{result.folder}"]
    lines += [f"  {name}" + (f"（{n} 条）" if n is not None else "") for name, n in result.files]
    return "\n".join(lines)


DocumentExporter = Callable[[argparse.Namespace, Workspace], str]
DOCUMENTS: dict[str, DocumentExporter] = {
    "talks": export_talk_record_command,     # a record (.docx --id) or the list (.xlsx)
    "ledger": export_ledger_docx_command,    # .docx; .xlsx goes to the Excel engine
    "dossier": export_dossier_command,       # 廉政档案 .docx: --person 姓名[@单位] [--from] [--to]
    "opinion": export_opinion_command,       # 党风廉政意见回复 .docx: --people --purpose [--to]
    "report": export_report_command,         # --from D --to D [--unit NAME] --out F.docx (or --year Y)
    "archive": export_archive_command,       # --year Y --out FOLDER
}
