"""谈话记录: the page's query → first page painted, unfiltered and with a text filter, against raw
sqlite3 queries that return the same first page (same filter, same order, talkees and talkers
joined in SQL) plus a bare QTableView painting the same cells — target ratio ≤ 1.5, as for
the other register pages (bench/pages.py).

A LIMIT query stops at the first 100 rows it meets in index order; the page then reads every
matching id (共 N 条, scrolling), so two more rows compare that whole load with raw sqlite3 doing
it too: every matching id in order, then the first page's rows."""
from __future__ import annotations

from bench.common import Result, interleaved
from bench.context import BenchContext
from bench.pages import (
    PAGE_ROWS,
    _page_open,
    _raw,
    first_screen,
    floor_result,
    page_query,
    page_result,
)

TEXT = "报销"  # in 提醒 and 诫勉 records: a selective filter over every talk's text

_ROW = """
SELECT t.id, t.talk_date, t.start_time, t.kind, t.reason, t.place, t.signed, t.follow_up,
       (SELECT group_concat(p.name || '（' || p.unit_name || '·' || p.position || '）', '、')
          FROM talk_participants p WHERE p.talk_id = t.id AND p.role = 'talkee'),
       (SELECT group_concat(p.name, '、')
          FROM talk_participants p WHERE p.talk_id = t.id AND p.role = 'talker')
FROM talks t {where}
ORDER BY t.talk_date DESC, t.start_time DESC, t.id DESC
LIMIT {limit}"""

ALL_SQL = _ROW.format(where="", limit=PAGE_ROWS)
TEXT_WHERE = """
WHERE t.content LIKE :p OR t.response LIKE :p OR t.follow_up LIKE :p
   OR t.id IN (SELECT q.talk_id FROM talk_participants q WHERE q.name LIKE :p)"""
TEXT_SQL = _ROW.format(where=TEXT_WHERE, limit=PAGE_ROWS)


IDS_SQL = "SELECT t.id FROM talks t {where} ORDER BY t.talk_date DESC, t.start_time DESC, t.id DESC"


def _raw_ids_then_page(ctx: BenchContext, where: str, params: dict):  # noqa: ANN202
    import sqlite3

    def query() -> None:
        conn = sqlite3.connect(ctx.db_file)
        ids = [r[0] for r in conn.execute(IDS_SQL.format(where=where), params)]
        marks = ",".join("?" * min(len(ids), PAGE_ROWS))
        conn.execute(_ROW.format(where=f"WHERE t.id IN ({marks})", limit=PAGE_ROWS), ids[:PAGE_ROWS]).fetchall()
        conn.close()

    return query


def talks_page(ctx: BenchContext) -> list[Result]:
    import sqlite3

    from ui.pages.talks_page import TalksPage

    ctx.qt_app()
    conn = sqlite3.connect(ctx.db_file)
    total = conn.execute("SELECT count(*) FROM talks").fetchone()[0]
    matching = conn.execute(f"SELECT count(*) FROM ({TEXT_SQL.replace(f'LIMIT {PAGE_ROWS}', '')})",
                            {"p": f"%{TEXT}%"}).fetchone()[0]
    conn.close()
    page = TalksPage(ctx.ws, ctx.actor)
    ours, base, floor = first_screen(ctx, page, _raw(ctx, ALL_SQL))
    page.search_box.blockSignals(True)  # no debounce: the measurement starts at the query
    page.search_box.setText(TEXT)
    page.search_box.blockSignals(False)
    filtered, base_filtered, _ = first_screen(ctx, page, _raw(ctx, TEXT_SQL, {"p": f"%{TEXT}%"}))
    assert page.model.total_count() == matching, (page.model.total_count(), matching)
    filtered2, base_filtered2 = interleaved(page_query(ctx, page, until_count=True),
                                            _raw_ids_then_page(ctx, TEXT_WHERE, {"p": f"%{TEXT}%"}))
    page.search_box.blockSignals(True)
    page.search_box.clear()
    page.search_box.blockSignals(False)
    ours2, base2 = interleaved(page_query(ctx, page, until_count=True), _raw_ids_then_page(ctx, "", {}))
    opened, _ = interleaved(_page_open(ctx, TalksPage), _raw(ctx, ALL_SQL), repeat=3)
    page.close()
    return [page_result("谈话记录：查询→首屏绘制", ours, base, note=f"共 {total} 条"),
            page_result(f"谈话记录：正文筛选“{TEXT}”→首屏绘制", filtered, base_filtered,
                        note=f"命中 {matching} 条"),
            Result("谈话记录：查询→共 N 条（对照：原始查询取全部 id 再取首页）", ours2, base2, None),
            Result(f"谈话记录：正文筛选“{TEXT}”→共 N 条（对照：原始查询取全部命中 id 再取首页）", filtered2,
                   base_filtered2, None),
            Result("谈话记录：新建页面→首屏绘制（参考）", opened, None, None),
            floor_result("谈话记录", floor)]


MEASUREMENTS = [talks_page]
