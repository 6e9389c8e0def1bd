"""Register pages: first page of rows painted, against the floor any widget page has — the raw
sqlite3 query of the same first page (same filter, same order, the same joined columns) plus a
bare QTableView painting the same cells, both measured in the same run (target ratio ≤ 1.5).

The event is the page's own data path: `refresh()` (the query issued with the page's filters and
sort) → the first page of rows in the table → the table's viewport painted. The count (共 N 条)
and the figures beside the table follow; "→ 共 N 条" rows time that too, as reference figures."""
from __future__ import annotations

import sqlite3
import time

from bench.common import Result, interleaved
from bench.context import BenchContext, settle, wait_for, wait_until

PAGE_ROWS = 100
PAGE_TARGET = 1.5
PAGE_BASELINE = "基线：同一首屏的原始 sqlite3 查询 + 裸 QTableView 绘制同样单元格"


def page_result(name: str, ours: float, baseline: float, note: str = "") -> Result:
    """A page's query → first rows painted against raw query + bare paint (PAGE_TARGET)."""
    return Result(name, ours, baseline, PAGE_TARGET,
                  note="；".join(part for part in (note, PAGE_BASELINE) if part))


def floor_result(name: str, floor: float) -> Result:
    return Result(f"{name}：同样单元格的裸 QTableView 绘制（参考）", floor, None, None,
                  note="无本程序代码的绘制下限：重置模型后绘制一次")


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

    model = page.model
    loaded = (page.ready, model.loaded)

    def run() -> float:
        wait_for(page.is_ready, *loaded)  # the previous load's tail is not timed twice,
        settle(app)                       # nor what it left posted to the event loop
        start = time.perf_counter()
        page.refresh()
        if until_count:
            wait_for(page.is_ready, *loaded)
        else:
            wait_for(lambda: model.rows_current, model.first_rows, model.loaded)
        page.view.viewport().repaint()
        elapsed = time.perf_counter() - start
        wait_for(page.is_ready, *loaded)
        return elapsed

    return run


class BarePaint:
    """A bare QTableView + QStandardItemModel holding the page's shown texts, at the page's size,
    column widths and row height (the same cells on screen; asserted), reset and painted as a
    page's view is when new rows arrive: what showing those cells costs Qt with no program at
    all — the second half of a page's baseline."""

    def __init__(self, ctx: BenchContext, page) -> None:  # noqa: ANN001
        from PySide6.QtGui import QStandardItem, QStandardItemModel
        from PySide6.QtWidgets import QTableView

        self.app = ctx.qt_app()
        source = page.model
        self.model = bare = QStandardItemModel(source.rowCount(), source.columnCount())
        for row in range(source.rowCount()):
            for column in range(source.columnCount()):
                bare.setItem(row, column, QStandardItem(source.index(row, column).data() or ""))
        self.view = view = QTableView()
        view.setModel(bare)
        view.resize(page.view.size())
        view.verticalHeader().setVisible(False)
        view.setAlternatingRowColors(True)
        # The same cells: the page's column widths and row height (a bare view's default rows are
        # taller — 30 px against the page's 24 here — so it painted a fifth fewer rows).
        view.verticalHeader().setDefaultSectionSize(page.view.verticalHeader().defaultSectionSize())
        for column in range(source.columnCount()):
            view.setColumnWidth(column, page.view.columnWidth(column))
        view.show()
        self.app.processEvents()
        shown = view.rowAt(view.viewport().height() - 1), page.view.rowAt(page.view.viewport().height() - 1)
        assert shown[0] == shown[1], f"the bare view shows rows to {shown[0]}, the page to {shown[1]}"

    def paint(self) -> None:
        self.model.beginResetModel()
        self.model.endResetModel()
        self.view.viewport().repaint()

    def close(self) -> None:
        self.view.close()


def first_screen(ctx: BenchContext, page, raw) -> tuple[float, float, float]:  # noqa: ANN001
    """The page's query → first rows painted (`page_query`), interleaved with its baseline — the
    raw query and the bare paint of the same cells, timed together — so load on the machine hits
    both alike (the paint measured apart, at another moment, made a page's ratio swing by a
    third between runs). Returns ours, the baseline, and the bare paint alone (reference)."""
    from bench.common import best_of

    ours = page_query(ctx, page)
    ours()  # the page holds the rows the bare view copies
    bare = BarePaint(ctx, page)

    def baseline() -> None:
        raw()
        bare.paint()

    # A first screen takes milliseconds: 31 runs, not 11 — at 11, 谈话记录's ratio at scale 50
    # moved 1.36–1.69 between runs of the same code (41 runs: 1.37–1.39).
    mine, base = interleaved(ours, baseline, repeat=31)
    floor = best_of(bare.paint, repeat=11, warmup=2)
    bare.close()
    return mine, base, floor


def _raw(ctx: BenchContext, sql: str, params: tuple | dict = ()):  # noqa: ANN202
    def query() -> None:
        conn = sqlite3.connect(ctx.db_file)
        conn.execute(sql, params).fetchall()
        conn.close()

    return query


# The units read first (CROSS JOIN), as the page reads them since migration 0018: both walk
# ix_units_display_order and ix_people_unit_leader, no row sorted.
PEOPLE_SQL = f"""
SELECT p.id, p.name, u.name, p.position, p.rank, p.political_status, p.is_leader, p.key_post,
       p.staff_no, p.gender, p.active
FROM units u CROSS JOIN people p ON p.unit_id = u.id
WHERE p.active
ORDER BY (CASE u.kind WHEN 'office' THEN 0 WHEN 'affiliate' THEN 1 WHEN 'other' THEN 2 ELSE 9 END),
         u.sort_order, u.name, u.id, p.is_leader DESC, p.id
LIMIT {PAGE_ROWS}"""


def people_page(ctx: BenchContext) -> list[Result]:
    from ui.pages.people_page import PeoplePage

    ctx.qt_app()
    page = PeoplePage(ctx.ws, ctx.actor)
    ours, base, floor = first_screen(ctx, page, _raw(ctx, PEOPLE_SQL))
    counted, _ = interleaved(page_query(ctx, page, until_count=True), lambda: None, repeat=3)
    opened, _ = interleaved(_page_open(ctx, PeoplePage), lambda: None, repeat=3)
    total = page.model.total_count()
    page.close()
    return [page_result("人员与单位：查询→首屏绘制", ours, base, note=f"共 {total} 人"),
            Result("人员与单位：查询→共 N 人（参考）", counted, None, None),
            Result("人员与单位：新建页面→首屏绘制（参考）", opened, None, None),
            floor_result("人员与单位", floor)]


MEASUREMENTS = [people_page]
