"""A year's archive as one folder of the filed files: every yearly register's filed .xlsx (the
Excel engine's own export for that year), the first-form ledger also as .docx, each talk's
谈话记录表 (.docx), the year's report, and 归档清单.txt listing them. The folder appears whole
or not at all (written beside, then renamed); each register export is audited as usual and the
archive adds one row naming the folder."""
from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app import audit
from app.archive import closed_years
from app.audit import current_head
from app.auth import Actor, Role, require_role
from app.documents import render_docx
from app.errors import ValidationError
from app.excel.registry import REGISTERS
from app.excel.writer import export_register
from app.progress import Progress
from app.registers.ledger.documents import export_ledger_docx
from app.registers.talks.documents import RICH_FIELDS, TEMPLATE, record_context
from app.registers.talks.query import search_talk_ids, talk_rows
from app.registers.talks.types import TalkFilter
from app.registry import FILED
from app.reports.document import write_report
from app.reports.figures import own_unit, report_figures
from app.reports.period import ReportPeriod, chinese_date
from app.reports.summaries import generated_report
from app.reports.texts import load_text
from db.models import Unit

# (register key, file name) in filing order: every register app/registry.py files.
FILED_REGISTERS = FILED


LEDGER_DOCX = "05 第一种形态工作台账.docx"


TALK_FOLDER = "04 谈话记录表"


REPORT_NAME = f"{len(FILED) + 1:02d} " + "{year}年度工作总结.docx"  # after the registers' files


LISTING = "归档清单.txt"


@dataclass(frozen=True)
class ArchiveResult:
    folder: Path
    files: tuple[tuple[str, int | None], ...]   # (relative name, rows or None)
    closed: bool


# The year's findings are those found in it and those closed (销号) in it: closing the year makes
# both read-only, so both are filed with it.
ARCHIVE_OPTIONS: dict[str, dict[str, object]] = {"findings": {"closed_too": True}}


def folder_name(bureau: str, year: int) -> str:
    """The archive folder's name: 市文化广电和旅游局2025年度台账归档."""
    return f"{bureau}{year}年度台账归档"


def _safe(text: str) -> str:
    return "".join("_" if c in '\\/:*?"<>|' else c for c in text).strip()


def export_archive(session: Session, actor: Actor, year: int, parent: Path | str, *, bureau: str,
                   today: dt.date, progress: Progress | None = None) -> ArchiveResult:
    """Writes `<parent>/<bureau><year>年度台账归档/` with the year's filed files (what the actor
    may see; a unit-limited clerk's folder is named `<bureau><their unit><year>…`) and returns
    what it holds. Refuses a year not yet ended or a folder that exists.

    It only reads: run it in a reading session (minutes for a large year: nobody's saves wait),
    then `record_archive_export` in a short writing one — one audit row for the whole folder."""
    require_role(actor, Role.VIEWER)
    progress = progress or Progress()
    if year >= today.year:
        raise ValidationError(f"{year} 年度尚未结束，不能导出归档。", "year")
    owner = bureau  # whose archive: a unit-limited clerk's holds their own unit's records only
    if actor.unit_ids is not None:
        owner = f"{bureau}{session.get(Unit, own_unit(session, actor)).name}"
    target = Path(parent) / folder_name(_safe(owner), year)
    if target.exists():
        raise ValidationError(f"“{target}”已存在，请另选位置或先移走它。", "folder")
    work = target.with_name(f".{target.name}.part")
    if work.exists():
        shutil.rmtree(work)  # a cancelled earlier try
    work.mkdir(parents=True)
    files: list[tuple[str, int | None]] = []
    registers = list(FILED_REGISTERS)
    steps = len(registers) + 3
    try:
        for n, (key, name) in enumerate(registers):
            progress.report(n, steps, f"导出{REGISTERS[key].title}…")
            count = export_register(session, actor, key, work / name, bureau=bureau, year=year,
                                    today=today, options=ARCHIVE_OPTIONS.get(key), audited=False)
            files.append((name, count))
        progress.report(len(registers), steps, "导出第一种形态工作台账（Word）…")
        count = export_ledger_docx(session, actor, work / LEDGER_DOCX, bureau=bureau, year=year, today=today,
                                   audited=False)
        files.append((LEDGER_DOCX, count))
        talks = _talk_records(session, actor, year, work / TALK_FOLDER, bureau, progress)
        files.append((TALK_FOLDER + "/", talks))
        progress.report(steps - 1, steps, "生成年度报告…")
        report = REPORT_NAME.format(year=year)
        period = ReportPeriod.of_year(year)
        figures = report_figures(session, actor, period, today=today)
        saved = load_text(session, actor, period, figures.unit_id)  # the 工作总结 as the office wrote it
        write_report(actor, figures, saved.sections if saved and saved.sections else generated_report(figures),
                     work / report)
        files.append((report, None))
        closed = year in closed_years(session)
        _listing(work / LISTING, owner, year, files, closed, actor, today, current_head(session).code)
        work.rename(target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    progress.report(steps, steps, "完成")
    return ArchiveResult(target, tuple(files), closed)


def record_archive_export(session: Session, actor: Actor, year: int, result: ArchiveResult) -> None:
    """The audit row of an archive folder written by `export_archive` (a writing session)."""
    audit.record(session, actor, "export", "year_closures", year,
                 summary=f"导出 {year} 年度归档到“{result.folder}”，共 {len(result.files)} 项")


def _talk_records(session: Session, actor: Actor, year: int, folder: Path, bureau: str,
                  progress: Progress) -> int:
    """Each talk of the year the actor sees, as its 谈话记录表 (.docx), named by date and type."""
    from docxtpl import RichText


    folder.mkdir()
    ids = search_talk_ids(session, actor, TalkFilter(year=year), "date", False)
    for start in range(0, len(ids), 50):
        for done, row in enumerate(talk_rows(session, ids[start:start + 50]), start):
            progress.report(done, len(ids), f"导出谈话记录表（{done + 1}/{len(ids)}）…")
            context: dict[str, object] = dict(record_context(row, bureau))
            for key in RICH_FIELDS:
                context[key] = RichText(context[key])
            names = "、".join(p.name for p in row.talkees[:3]) + ("等" if len(row.talkees) > 3 else "")
            render_docx(TEMPLATE, context, folder / _safe(f"{row.talk_date:%Y-%m-%d} 第{row.id}号 "
                                                          f"{row.kind_label} {names}.docx"))
    return len(ids)


def _listing(path: Path, bureau: str, year: int, files: list[tuple[str, int | None]], closed: bool,
             actor: Actor, today: dt.date, chain_code: str) -> None:
    lines = [f"{bureau}{year}年度台账归档", "",
             f"年度状态：{'已归档（只读）' if closed else '尚未归档：以下为导出时的记录，之后仍可能修改'}",
             f"导出人：{actor.name}　导出日期：{chinese_date(today)}",
             f"操作日志校验码：{chain_code}（导出时的操作日志链头；日后可用 python -m app check --head {chain_code} "
             "核对操作日志未被截断或改写）", "", "文件："]
    for name, count in files:
        lines.append(f"  {name}" + (f"（{count} 条）" if count is not None else ""))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

