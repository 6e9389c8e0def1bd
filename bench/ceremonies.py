"""婚丧喜庆报备 and the 廉政档案.

The page: query → first page painted, unfiltered and 仅迟报, against raw sqlite3 reading the same
first page plus a bare QTableView painting the same cells (target ratio ≤ 1.5, as for the other
register pages; the figures under the table follow in the worker, a reference row times that
whole load). 迟报 is a stored flag (worked out in working days when saved and whenever the
放假/调休 table changes), so the 仅迟报 baseline is the same first page `WHERE late`.
The dossier: one person's records from five registers against raw sqlite3 reading the same rows
(a reference figure: the view reads it off the GUI thread)."""
from __future__ import annotations

import sqlite3

from bench.common import Result, interleaved
from bench.context import BenchContext
from bench.pages import (
    PAGE_ROWS,
    _page_open,
    first_screen,
    floor_result,
    page_query,
    page_result,
)

IDS_SQL = "SELECT id FROM ceremony_reports ORDER BY event_date DESC, id DESC"
ROW_SQL = """
SELECT r.id, r.person_name, r.unit_name, r.position, r.kind, r.event_date, r.place, r.tables, r.guests,
       r.public_car, r.public_funds, r.subordinate_gifts, r.reported_on, r.notes, t.talk_date,
       (SELECT group_concat(p.name, '、') FROM talk_participants p WHERE p.talk_id = t.id AND p.role = 'talker')
FROM ceremony_reports r LEFT JOIN talks t ON t.id = r.talk_id
WHERE r.id IN ({marks}) ORDER BY r.event_date DESC, r.id DESC"""
FIGURES_SQL = """SELECT count(*), sum(late), sum(public_car OR public_funds OR subordinate_gifts), count(talk_id)
FROM ceremony_reports"""


FIRST_PAGE_SQL = """
SELECT r.id, r.person_name, r.unit_name, r.position, r.kind, r.event_date, r.place, r.tables, r.guests,
       r.public_car, r.public_funds, r.subordinate_gifts, r.reported_on, r.notes, t.talk_date,
       (SELECT group_concat(p.name, '、') FROM talk_participants p WHERE p.talk_id = t.id AND p.role = 'talker')
FROM ceremony_reports r LEFT JOIN talks t ON t.id = r.talk_id {where}
ORDER BY r.event_date DESC, r.id DESC LIMIT {limit}"""


def _raw_first_page(ctx: BenchContext, late_only: bool = False):  # noqa: ANN202
    sql = FIRST_PAGE_SQL.format(where="WHERE r.late" if late_only else "", limit=PAGE_ROWS)

    def query() -> None:
        conn = sqlite3.connect(ctx.db_file)
        conn.execute(sql).fetchall()
        conn.close()

    return query


def _raw_page(ctx: BenchContext):  # noqa: ANN202
    """Every id, the figures and the first page: the whole load."""
    def query() -> None:
        conn = sqlite3.connect(ctx.db_file)
        ids = [r[0] for r in conn.execute(IDS_SQL)]
        conn.execute(FIGURES_SQL).fetchall()
        page = ids[:PAGE_ROWS]
        conn.execute(ROW_SQL.format(marks=",".join("?" * len(page))), page).fetchall()
        conn.close()

    return query


DOSSIER_SQL = (
    "SELECT * FROM position_changes WHERE person_id = :p",
    "SELECT t.*, p.* FROM talks t JOIN talk_participants p ON p.talk_id = t.id "
    "WHERE t.id IN (SELECT talk_id FROM talk_participants WHERE person_id = :p AND role = 'talkee')",
    "SELECT * FROM ceremony_reports WHERE person_id = :p",
    "SELECT e.*, m.method FROM ledger_entries e LEFT JOIN ledger_methods m ON m.entry_id = e.id WHERE e.person_id = :p",
    "SELECT * FROM findings WHERE resp_person_id = :p",
)


def ceremonies_page(ctx: BenchContext) -> list[Result]:
    from ui.pages.ceremonies_page import CeremoniesPage

    ctx.qt_app()
    conn = sqlite3.connect(ctx.db_file)
    total = conn.execute("SELECT count(*) FROM ceremony_reports").fetchone()[0]
    conn.close()
    page = CeremoniesPage(ctx.ws, ctx.actor)
    ours, base, floor = first_screen(ctx, page, _raw_first_page(ctx))
    whole, base_whole = interleaved(page_query(ctx, page, until_count=True), _raw_page(ctx), repeat=3)
    page.late_check.setChecked(True)  # reloads; page_query waits for it
    late, base_late, floor_late = first_screen(ctx, page, _raw_first_page(ctx, late_only=True))
    late_count = page.model.total_count()
    opened, _ = interleaved(_page_open(ctx, CeremoniesPage), _raw_page(ctx), repeat=3)
    page.close()
    worker, base_worker = interleaved(_worker(ctx), _raw_page(ctx))
    return [page_result("婚丧喜庆报备：查询→首屏绘制", ours, base, note=f"共 {total} 条"),
            Result("婚丧喜庆报备：查询→共 N 条及迟报统计（参考）", whole, base_whole, None,
                   note="对比原始查询全部 id、统计与首页"),
            page_result("婚丧喜庆报备：仅迟报→首屏绘制", late, base_late,
                        note=f"迟报 {late_count} 条（存储的迟报标记，有索引）；原始查询同样按标记筛选首页"),
            Result("婚丧喜庆报备：其中后台查询（全部 id 排序 + 统计 + 首页 100 行）", worker, base_worker, None),
            floor_result("婚丧喜庆报备", floor),
            Result("婚丧喜庆报备：新建页面→首屏绘制（参考）", opened, None, None)]


def _worker(ctx: BenchContext):  # noqa: ANN202
    """What the page's worker does, without Qt: the ids, the figures, the first page of rows."""
    from app.registers.ceremonies import query as svc
    from app.registers.ceremonies.types import CeremonyFilter

    def run() -> None:
        with ctx.ws.reading() as session:
            ids = svc.search_report_ids(session, ctx.actor, CeremonyFilter())
            svc.ceremony_figures(session, ctx.actor, CeremonyFilter())
            svc.report_rows(session, ids[:PAGE_ROWS])

    return run


def dossier(ctx: BenchContext) -> list[Result]:
    from app.registers.people.dossier import person_dossier

    conn = sqlite3.connect(ctx.db_file)
    person = conn.execute(
        "SELECT person_id FROM talk_participants WHERE role = 'talkee' AND person_id IS NOT NULL "
        "GROUP BY person_id ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    conn.close()
    today = ctx.ws.today()

    def ours() -> None:
        with ctx.ws.reading() as session:
            person_dossier(session, ctx.actor, person, today=today).items()

    def raw() -> None:
        db = sqlite3.connect(ctx.db_file)
        for sql in DOSSIER_SQL:
            db.execute(sql, {"p": person}).fetchall()
        db.close()

    with ctx.ws.reading() as session:
        count = len(person_dossier(session, ctx.actor, person, today=today).items())
    mine, base = interleaved(ours, raw)
    return [Result("廉政档案：读取一人的全部记录（参考）", mine, base, None, note=f"{count} 条记录")]


MEASUREMENTS = [ceremonies_page, dossier]
