"""Register pages: first page of rows painted, against a raw sqlite3 query of the same first page
with the same filter and order (target ratio ≤ 3)."""
from __future__ import annotations

import sqlite3

from bench.common import Result, interleaved
from bench.context import BenchContext, wait_until

PAGE_ROWS = 100


def _page_open(ctx: BenchContext, page_class, **kwargs):  # noqa: ANN001, ANN202
    """Constructing the page, showing it, its first rows painted (a reference figure)."""
    app = ctx.qt_app()

    def open_page() -> None:
        page = page_class(ctx.ws, ctx.actor, **kwargs)
        page.resize(1366, 700)
        page.show()
        wait_until(app, page.is_ready)
        page.view.viewport().repaint()  # the first rows painted
        page.close()
        page.deleteLater()
        app.processEvents()

    return open_page


def page_query(ctx: BenchContext, page) -> object:  # noqa: ANN001
    """The page's data path: query issued (filter, sort) → first page of rows painted."""
    app = ctx.qt_app()
    page.resize(1366, 700)
    page.show()
    wait_until(app, page.is_ready)

    def run() -> None:
        page.refresh()
        wait_until(app, page.is_ready)
        page.view.viewport().repaint()

    return run


def _raw(ctx: BenchContext, sql: str, params: tuple = ()):  # noqa: ANN202
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
    opened, _ = interleaved(_page_open(ctx, PeoplePage), _raw(ctx, PEOPLE_SQL), repeat=3)
    page.close()
    return [Result("人员与单位：查询→首屏绘制", ours, base, 3.0),
            Result("人员与单位：新建页面→首屏绘制（参考）", opened, None, None)]


MEASUREMENTS = [people_page]
