"""廉政风险点: the page's query → first rows painted against raw sqlite3 of the same first page
(same year, filter and order, measures included) plus a bare QTableView painting the same
cells (target ratio ≤ 1.5), and the chart “risk levels by
unit”: its data against a raw GROUP BY, and its drawing (ChartWidget + plot_risk_levels) against
a bare matplotlib Figure of the same stacked bars (target ratio ≤ 1.3)."""
from __future__ import annotations

import sqlite3

from bench.common import Result, interleaved
from bench.context import BenchContext
from bench.pages import PAGE_ROWS, first_screen, floor_result, page_query, page_result

# Units, their points, the year's assessments, read in that order (CROSS JOIN), as the page reads them.
RISKS_SQL = f"""
WITH page AS (
  SELECT a.id, a.level, p.code, p.name AS point, p.post, p.duty_item, u.name AS unit, a.category,
         a.responsible_person, a.responsible_leader, a.status, a.next_review, a.year
  FROM units u CROSS JOIN risk_points p ON p.unit_id = u.id CROSS JOIN risk_assessments a ON a.risk_point_id = p.id
  WHERE a.year = (SELECT MAX(year) FROM risk_assessments WHERE status = 'confirmed')
    AND a.status != 'retired'
  ORDER BY (CASE u.kind WHEN 'office' THEN 0 WHEN 'affiliate' THEN 1 WHEN 'other' THEN 2 ELSE 9 END),
           u.sort_order, u.name, u.id, a.level, p.code, a.id
  LIMIT {PAGE_ROWS})
SELECT page.*, (SELECT GROUP_CONCAT(m.text, '；') FROM risk_measures m WHERE m.assessment_id = page.id)
FROM page"""

LEVELS_SQL = """
SELECT p.unit_id, a.level, COUNT(*) FROM risk_assessments a JOIN risk_points p ON a.risk_point_id = p.id
WHERE a.year = (SELECT MAX(year) FROM risk_assessments WHERE status = 'confirmed') AND a.status = 'confirmed'
GROUP BY p.unit_id, a.level"""


def _raw(ctx: BenchContext, sql: str):  # noqa: ANN202
    def query() -> None:
        conn = sqlite3.connect(ctx.db_file)
        conn.execute(sql).fetchall()
        conn.close()

    return query


def risks_page(ctx: BenchContext) -> list[Result]:
    from app.registers.risks.query import risk_rows
    from ui.pages.risks_page import RisksPage

    ctx.qt_app()
    page = RisksPage(ctx.ws, ctx.actor)
    ours, base, floor = first_screen(ctx, page, _raw(ctx, RISKS_SQL))
    whole, _ = interleaved(page_query(ctx, page, until_count=True), lambda: None, repeat=3)
    rows = page.model.total_count()

    def data_only() -> None:  # what the worker thread does before the first rows are shown
        fetch = page.query()
        with ctx.ws.reading() as session:
            risk_rows(session, fetch(session, "unit", False, limit=PAGE_ROWS))

    data, data_base = interleaved(data_only, _raw(ctx, RISKS_SQL))
    page.show()
    page.view.viewport().repaint()
    painted, _ = interleaved(page.view.viewport().repaint, lambda: None)
    page.close()
    return [page_result("廉政风险点：查询→首屏绘制", ours, base, note=f"{rows} 条"),
            Result("廉政风险点：查询→共 N 条、各等级计数、防控等级（参考）", whole, None, None),
            Result("廉政风险点：其中后台查询（首页 100 个 id + 行）", data, data_base, None),
            Result("廉政风险点：其中表格重绘一次（参考）", painted, None, None),
            floor_result("廉政风险点", floor)]


def risk_chart(ctx: BenchContext) -> list[Result]:
    from app.charts.risk_levels import plot_risk_levels
    from app.registers.risks.stats import risk_levels_by_unit
    from ui.charts.chart_widget import ChartWidget

    ctx.qt_app()
    ws, actor, settings = ctx.ws, ctx.actor, ctx.ws.settings

    def fetch() -> list:
        with ws.reading() as session:
            return risk_levels_by_unit(session, actor, None)

    rows = fetch()
    data_ours, data_base = interleaved(fetch, _raw(ctx, LEVELS_SQL))

    widget = ChartWidget()
    widget.resize(1100, 650)
    widget.show()

    def ours() -> None:
        widget.draw(lambda figure: plot_risk_levels(figure, rows, settings, year=2026))
        widget.canvas.draw()  # the render draw_idle would do at the next event loop turn

    def bare() -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        figure = Figure(figsize=(11, 6.5), dpi=100, layout="constrained")
        canvas = FigureCanvasAgg(figure)
        ax = figure.add_subplot()
        positions = list(range(len(rows)))[::-1]
        left = [0] * len(rows)
        for level in (1, 2, 3):
            counts = [r.count(level) for r in rows]
            bars = ax.barh(positions, counts, left=left, color=settings.level_color(level),
                           label=settings.level_label(level))
            ax.bar_label(bars, labels=[str(n) if n else "" for n in counts], label_type="center")
            left = [a + b for a, b in zip(left, counts, strict=True)]
        ax.set_yticks(positions, [r.unit_name for r in rows])
        ax.set_title("各单位廉政风险点等级分布")
        figure.legend(loc="outside lower center", ncols=3)
        canvas.draw()

    drawn, bare_drawn = interleaved(ours, bare)
    widget.close()
    return [Result("风险等级图：统计数据", data_ours, data_base, 3.0, note=f"{len(rows)} 个单位"),
            Result("风险等级图：绘制（含点击区域）", drawn, bare_drawn, 1.3,
                   note="对比同样条形的裸 matplotlib Figure")]


MEASUREMENTS = [risks_page, risk_chart]
