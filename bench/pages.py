"""Register pages: first page of rows painted, against a raw sqlite3 query of the same first page
with the same filter and order (target ratio ≤ 3).

The event is the page's own data path: `refresh()` (the query issued with the page's filters and
sort) → the first page of rows in the table → the table's viewport painted. The count (共 N 条)
and the figures beside the table follow; "→ 共 N 条" rows time that too, as reference figures."""
from __future__ import annotations

import sqlite3
import time

from bench.common import Result, interleaved
from bench.context import BenchContext, wait_until

PAGE_ROWS = 100


def _page_open(ctx: BenchContext, page_class, **kwargs):  # noqa: ANN001, ANN202
    """Constructing the page, showing it, its first rows painted (a reference figure)."""
    app = ctx.qt_app()

    def open_page() -> float:
        start = time.perf_counter()
        page = page_class(ctx.ws, ctx.actor, **kwargs)
        page.resize(1366, 700)
        page.show()
        wait_until(app, lambda: page.model.rows_current)
        page.view.viewport().repaint()  # the first rows painted
        elapsed = time.perf_counter() - start
        wait_until(app, page.is_ready)
        page.close()
        page.deleteLater()
        app.processEvents()
        return elapsed

    return open_page


def page_query(ctx: BenchContext, page, *, until_count: bool = False) -> object:  # noqa: ANN001
    """The page's data path: query issued (filter, sort) → first page of rows painted (or, with
    `until_count`, → the whole load answered: 共 N 条 and the page's figures shown)."""
    app = ctx.qt_app()
    page.resize(1366, 700)
    page.show()
    wait_until(app, page.is_ready)

    def run() -> float:
        wait_until(app, page.is_ready)  # the previous load's tail is not timed twice
        start = time.perf_counter()
        page.refresh()
        wait_until(app, page.is_ready if until_count else (lambda: page.model.rows_current))
        page.view.viewport().repaint()
        elapsed = time.perf_counter() - start
        wait_until(app, page.is_ready)
        return elapsed

    return run


def _raw(ctx: BenchContext, sql: str, params: tuple | dict = ()):  # noqa: ANN202
    def query() -> None:
        conn = sqlite3.connect(ctx.db_file)
        conn.execute(sql, params).fetchall()
        conn.close()

    return query


PEOPLE_SQL = f"""
SELECT p.id, p.name, u.name, p.position, p.rank, p.political_status, p.is_leader, p.key_post,
       p.staff_no, p.gender, p.active
FROM people p JOIN units u ON p.unit_id = u.id
WHERE p.active
ORDER BY CASE u.kind WHEN 'office' THEN 0 WHEN 'affiliate' THEN 1 WHEN 'other' THEN 2 ELSE 9 END,
         u.sort_order, u.name, p.is_leader DESC, p.id
LIMIT {PAGE_ROWS}"""


def people_page(ctx: BenchContext) -> list[Result]:
    from ui.pages.people_page import PeoplePage

    ctx.qt_app()
    page = PeoplePage(ctx.ws, ctx.actor)
    ours, base = interleaved(page_query(ctx, page), _raw(ctx, PEOPLE_SQL))
    counted, _ = interleaved(page_query(ctx, page, until_count=True), lambda: None, repeat=3)
    opened, _ = interleaved(_page_open(ctx, PeoplePage), lambda: None, repeat=3)
    total = page.model.total_count()
    page.close()
    return [Result("人员与单位：查询→首屏绘制", ours, base, 3.0, note=f"共 {total} 人"),
            Result("人员与单位：查询→共 N 人（参考）", counted, None, None),
            Result("人员与单位：新建页面→首屏绘制（参考）", opened, None, None)]


MEASUREMENTS = [people_page]
