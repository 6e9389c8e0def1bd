"""报告报送登记表 in Excel: what the units sent up the line — a half-year report on their
responsibility, the monthly 信息, the yearly 调研报告. A half-year report or a 调研报告 is matched
by its unit, kind, year and period (one each); a 信息 by those and its title (many a month).
所属期间 is written as offices write it: 上半年/下半年, 3月 (or 3), 全年 (or blank for a 调研报告)."""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from app.common import limited_text
from app.dictionaries import normalize
from app.excel.adapter import Register
from app.excel.columns import Column, RowInput, RowOutcome, RowRejected, changed
from app.registers.duty_reports.query import duty_report_rows, search_duty_report_ids
from app.registers.duty_reports.rules import valid_period
from app.registers.duty_reports.types import (
    HALF_YEAR,
    INFO,
    RESEARCH,
    DutyReportDraft,
    DutyReportFilter,
    DutyReportRow,
)
from app.registers.duty_reports.write import save_duty_report
from app.vocab import DUTY_REPORT_KINDS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.excel.context import ApplyContext, PlanContext
    from app.excel.plan import PlannedRow

CHUNK = 1000
KINDS = {**{label: code for code, label in DUTY_REPORT_KINDS.items()},
         "半年报告": HALF_YEAR, "半年工作报告": HALF_YEAR, "主体责任落实情况报告": HALF_YEAR, "落实情况报告": HALF_YEAR,
         "信息": INFO, "工作信息": INFO, "廉政信息": INFO, "调研报告": RESEARCH, "调研": RESEARCH}
HALVES = {"上半年": 1, "上": 1, "1": 1, "下半年": 2, "下": 2, "2": 2}
WHOLE_YEAR = ("", "全年", "年度", "全年度", "0")
_MONTH = re.compile(r"^(?:\d{4}年)?(\d{1,2})月?(?:份)?$")


def period_text(kind: str, period: int) -> str:
    """The period as a clerk writes it in the sheet (the year is its own column)."""
    if kind == HALF_YEAR:
        return "上半年" if period == 1 else "下半年"
    return f"{period}月" if kind == INFO else "全年"


def parse_period(kind: str, written: object) -> int:
    text = normalize(str(written or "")).replace(" ", "")
    if kind == HALF_YEAR:
        period = HALVES.get(re.sub(r"^\d{4}年", "", text))
    elif kind == INFO:
        match = _MONTH.match(text)
        period = int(match.group(1)) if match else None
    else:
        period = 0 if re.sub(r"^\d{4}", "", text) in WHOLE_YEAR else None
    if period is None or not valid_period(kind, period):
        hint = {HALF_YEAR: "上半年或下半年", INFO: "月份，如 3月", RESEARCH: "全年（或留空）"}[kind]
        raise RowRejected(f"“所属期间”的值“{written}”不对：{DUTY_REPORT_KINDS[kind]}应填{hint}。")
    return period


class DutyReportsRegister(Register):
    key = "duty_reports"
    title = "报告报送登记表"
    yearly = True
    needs_year = True
    columns = (
        Column("year", "年度", ("报送年度", "所属年度"), kind="year", width=7),
        Column("kind", "报送类别", ("类别", "报告类别", "报告类型", "类型"), kind="choice", choices=KINDS,
               required=True, width=13),
        Column("period", "所属期间", ("期间", "所属月份", "月份", "半年"), width=10),
        Column("unit", "报送单位", ("单位", "所在单位", "报送科室"), required=True, width=18, names="unit"),
        Column("title", "标题", ("报告标题", "信息标题", "题目", "名称"), width=36),
        Column("received_on", "收到日期", ("报送日期", "收到时间", "日期"), kind="date", required=True, width=11),
        Column("notes", "备注", ("说明",), width=18),
    )

    def prepare(self, ctx: PlanContext, rows: Sequence[RowInput]) -> None:
        existing: dict[tuple, DutyReportRow] = {}
        for year in sorted({r.year for r in rows if r.year}):
            ids = search_duty_report_ids(ctx.session, ctx.actor, DutyReportFilter(year=year))
            for start in range(0, len(ids), CHUNK):
                for r in duty_report_rows(ctx.session, ids[start:start + CHUNK]):
                    existing[_key(r.unit_id, r.kind, r.year, r.period, r.title)] = r
        ctx.state["duty_reports"] = existing

    def plan_row(self, ctx: PlanContext, row: RowInput) -> RowOutcome:
        kind = str(row.get("kind"))
        period = parse_period(kind, row.get("period", ""))
        written = str(row.get("unit", "") or "").strip()
        unit = ctx.unit_ref(written, "报送单位")
        title = limited_text(str(row.get("title", "") or ""), "标题", "title", 200)
        found: DutyReportRow | None = None if not isinstance(unit, int) else \
            ctx.state["duty_reports"].get(_key(unit, kind, row.year, period, title))  # type: ignore[union-attr]
        before = ({"received_on": found.received_on, "title": found.title, "notes": found.notes} if found else
                  {"received_on": None, "title": title, "notes": ""})
        after = dict(before, received_on=row.get("received_on"))
        if "title" in row.present:
            after["title"] = title
        if "notes" in row.present:
            after["notes"] = limited_text(str(row.get("notes", "") or ""), "备注", "notes", 2000)
        values = {"unit_id": unit, "kind": kind, "year": row.year, "period": period, **after}
        summary = f"{written} {row.year}年{period_text(kind, period)}{DUTY_REPORT_KINDS[kind]}"
        if found is None:
            return RowOutcome("add", values, summary,
                              match_key=(str(unit), kind, row.year, period, normalize(title) if kind == INFO else ""))
        action = "unchanged" if after == before else "update"
        return RowOutcome(action, values, summary, found.id, found.version, changed(self.columns, before, after))

    def apply_row(self, ctx: ApplyContext, row: PlannedRow) -> int:
        v = ctx.values(row)
        return save_duty_report(ctx.session, ctx.actor, DutyReportDraft(
            v["unit_id"], v["kind"], v["year"], v["period"], v["received_on"], v["title"], v["notes"],
            id=row.target_id, version=row.target_version), ctx.today)

    def export_rows(self, session: Session, actor: Actor, *, year: int | None,
                    unit_id: int | None) -> Iterator[list[object]]:
        ids = search_duty_report_ids(session, actor, DutyReportFilter(year=year, unit_id=unit_id), "received_on", False)
        for start in range(0, len(ids), CHUNK):
            for r in duty_report_rows(session, ids[start:start + CHUNK]):
                yield [r.year, r.kind_label, period_text(r.kind, r.period), r.unit_name, r.title, r.received_on, r.notes]


def _key(unit_id: int, kind: str, year: int | None, period: int, title: str) -> tuple:
    """One half-year report and one 调研报告 per unit and period; 信息 told apart by their title."""
    return (unit_id, kind, year, period, normalize(title) if kind == INFO else "")
