"""第一种形态台账: the page's query → first rows painted against raw sqlite3 reading the same first
page with its methods plus a bare QTableView painting the same cells (target ratio ≤ 1.5);
the whole load (共 N 条 and the figures under the table)
against raw sqlite3 doing that work too, and the statistics alone (target ratio ≤ 3)."""
from __future__ import annotations

import sqlite3

from bench.common import Result, interleaved
from bench.context import BenchContext
from bench.pages import PAGE_ROWS, first_screen, floor_result, page_query, page_result

SECOND_FORM = """SELECT m.entry_id FROM ledger_methods m JOIN dict_items d
                 ON d.domain = 'disposal_method' AND d.code = m.method WHERE d.form = 2"""

# The first page of the filed ledger (all years), its methods, and the figures of the same set.
PAGE_SQL = [
    f"""SELECT e.* FROM ledger_entries e WHERE e.id NOT IN ({SECOND_FORM})
        ORDER BY e.decided_on, e.id LIMIT {PAGE_ROWS}""",
    f"""SELECT m.entry_id, m.method FROM ledger_methods m WHERE m.entry_id IN (
        SELECT e.id FROM ledger_entries e WHERE e.id NOT IN ({SECOND_FORM})
        ORDER BY e.decided_on, e.id LIMIT {PAGE_ROWS}) ORDER BY m.entry_id, m.seq""",
]
QUARTER = ("CASE WHEN CAST(strftime('%m', e.decided_on) AS INTEGER) <= 3 THEN 1 "
           "WHEN CAST(strftime('%m', e.decided_on) AS INTEGER) <= 6 THEN 2 "
           "WHEN CAST(strftime('%m', e.decided_on) AS INTEGER) <= 9 THEN 3 ELSE 4 END")
STATS_SQL = [
    f"SELECT {QUARTER}, count(*) FROM ledger_entries e WHERE e.id NOT IN ({SECOND_FORM}) GROUP BY 1",
    f"""SELECT m.method, {QUARTER}, count(*) FROM ledger_methods m JOIN ledger_entries e ON m.entry_id = e.id
        WHERE e.id NOT IN ({SECOND_FORM}) GROUP BY 1, 2""",
    f"""SELECT e.unit_id, e.unit_name, count(*) FROM ledger_entries e WHERE e.id NOT IN ({SECOND_FORM})
        GROUP BY 1, 2""",
    f"""SELECT sum(e.is_leader), sum(e.key_post != '') FROM ledger_entries e
        WHERE e.id NOT IN ({SECOND_FORM})""",
    f"SELECT count(*) FROM ledger_entries e WHERE e.id IN ({SECOND_FORM})",
]


def _raw(ctx: BenchContext, statements: list[str]):  # noqa: ANN202
    def run() -> None:
        conn = sqlite3.connect(ctx.db_file)
        for sql in statements:
            conn.execute(sql).fetchall()
        conn.close()

    return run


def ledger_page(ctx: BenchContext) -> list[Result]:
    from ui.pages.ledger_page import LedgerPage

    ctx.qt_app()
    page = LedgerPage(ctx.ws, ctx.actor)
    page.year_filter.setCurrentIndex(page.year_filter.findData(0))  # 全部年度: the most rows
    ours, base, floor = first_screen(ctx, page, _raw(ctx, PAGE_SQL))
    whole, whole_base = interleaved(page_query(ctx, page, until_count=True), _raw(ctx, PAGE_SQL + STATS_SQL),
                                    repeat=3)
    entries = page.model.total_count()
    page.close()
    return [page_result("第一种形态台账：查询→首屏绘制", ours, base, note=f"{entries} 条，全部年度"),
            Result("第一种形态台账：查询→共 N 条及统计（参考）", whole, whole_base, None,
                   note="对比原始查询首页与统计"),
            floor_result("第一种形态台账", floor)]


def ledger_statistics(ctx: BenchContext) -> list[Result]:
    from app.registers.ledger.stats import ledger_statistics as stats

    def ours() -> None:
        with ctx.ws.reading() as session:
            stats(session, ctx.actor)

    measured, base = interleaved(ours, _raw(ctx, STATS_SQL))
    return [Result("第一种形态台账：全部年度统计", measured, base, 3.0)]


MEASUREMENTS = [ledger_page, ledger_statistics]
