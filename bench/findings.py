"""问题整改台账: the findings tab's query → first rows painted against raw sqlite3 reading the same
first page with its units (the 整改完成率 of the set follows, timed as a reference); the 整改完成率
figures alone against one raw aggregate query (target ratio ≤ 3). The page's baseline adds a
bare QTableView painting the same cells (target ratio ≤ 1.5, bench/pages.py)."""
from __future__ import annotations

import sqlite3

from bench.common import Result, interleaved
from bench.context import BenchContext
from bench.pages import PAGE_ROWS, first_screen, floor_result, page_query, page_result

FIRST_PAGE_SQL = f"""
SELECT f.id, f.code, f.found_on, u.name, f.description, f.source, r.name, f.resp_person_name,
       f.deadline, f.status, f.result, f.closed_on, f.revisit,
       (SELECT count(*) FROM finding_extensions e WHERE e.finding_id = f.id),
       (SELECT group_concat(p.text, '；') FROM finding_progress p WHERE p.finding_id = f.id)
FROM findings f JOIN units u ON u.id = f.unit_id LEFT JOIN units r ON r.id = f.resp_unit_id
ORDER BY f.found_on DESC, f.id DESC LIMIT {PAGE_ROWS}"""

STATS_SQL = """
SELECT count(*), sum(status = 'pending'), sum(status = 'in_progress'), sum(status = 'rectified'),
       sum(status = 'closed'), sum(status = 'closed' AND result = 'done'),
       sum(status = 'closed' AND result = 'mostly'),
       sum(status IN ('pending', 'in_progress') AND deadline < ?),
       sum(status IN ('pending', 'in_progress') AND deadline BETWEEN ? AND ?)
FROM findings"""


def _raw(ctx: BenchContext, sql: str, params: tuple = ()):  # noqa: ANN202
    def query() -> None:
        conn = sqlite3.connect(ctx.db_file)
        conn.execute(sql, params).fetchall()
        conn.close()

    return query


def findings_page(ctx: BenchContext) -> list[Result]:
    from ui.pages.findings_tab import FindingsTab

    ctx.qt_app()
    page = FindingsTab(ctx.ws, ctx.actor)
    ours, base, floor = first_screen(ctx, page, _raw(ctx, FIRST_PAGE_SQL))
    whole, _ = interleaved(page_query(ctx, page, until_count=True), lambda: None, repeat=3)
    count = page.model.total_count()
    page.close()
    return [page_result("问题整改台账：查询→首屏绘制", ours, base, note=f"{count} 个问题"),
            Result("问题整改台账：查询→共 N 个及整改完成率（参考）", whole, None, None),
            floor_result("问题整改台账", floor)]


def completion_figures(ctx: BenchContext) -> list[Result]:
    import datetime as dt

    from app.registers.findings.stats import completion_stats
    from app.registers.findings.types import FindingFilter

    today = ctx.ws.today()
    soon = today + dt.timedelta(days=ctx.ws.settings.due_soon_days)

    def ours() -> None:
        with ctx.ws.reading() as session:
            completion_stats(session, ctx.actor, FindingFilter(), today)

    mine, base = interleaved(ours, _raw(ctx, STATS_SQL, (today.isoformat(), today.isoformat(), soon.isoformat())))
    return [Result("整改完成率（全部问题）", mine, base, 3.0)]


MEASUREMENTS = [findings_page, completion_figures]
