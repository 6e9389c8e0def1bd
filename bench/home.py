"""首页: its data (the figures and every reminder, read on a worker) against raw sqlite3 counting
the same figures, and the page from construction to the chart drawn, with the longest time the
GUI thread stood still meanwhile (matplotlib is imported on a worker after the first paint)."""
from __future__ import annotations

import sqlite3
import time

from bench.common import Result, best_of, interleaved
from bench.context import BenchContext, wait_until

PAGES = {"risks", "inspections", "talks", "ledger", "people"}

# The same figures as raw SQL: confirmed risk points per unit and level of the latest confirmed
# year (一级风险点, 一级防控单位 and the chart's data), open and overdue
# findings, talks of the month (次 and 人次), style checks of the month, first-form 人次 of the year.
RAW = (
    """SELECT rp.unit_id, u.name, u.kind, ra.level, count(*) FROM risk_assessments ra
       JOIN risk_points rp ON ra.risk_point_id = rp.id JOIN units u ON rp.unit_id = u.id
       WHERE ra.status = 'confirmed'
         AND ra.year = (SELECT year FROM risk_assessments WHERE status = 'confirmed' ORDER BY year DESC LIMIT 1)
       GROUP BY rp.unit_id, ra.level""",
    """SELECT count(*), sum(status IN ('pending', 'in_progress') AND deadline < :today)
       FROM findings WHERE status != 'closed'""",
    """SELECT count(DISTINCT t.id), count(p.id) FROM talks t
       LEFT JOIN talk_participants p ON p.talk_id = t.id AND p.role = 'talkee'
       WHERE t.talk_date BETWEEN :first AND :last""",
    "SELECT count(*) FROM inspections WHERE kind = 'style' AND inspected_on BETWEEN :first AND :last",
    "SELECT count(*) FROM ledger_entries WHERE decided_on BETWEEN :jan1 AND :dec31",
)


def home_data(ctx: BenchContext) -> list[Result]:
    from app import reminders as rem
    from app.home import home_figures, month_bounds

    today = ctx.ws.today()
    first, last = month_bounds(today)
    params = {"today": today.isoformat(), "first": first.isoformat(), "last": last.isoformat(),
              "jan1": f"{today.year}-01-01", "dec31": f"{today.year}-12-31"}
    conn = sqlite3.connect(ctx.db_file)

    def figures() -> None:
        with ctx.ws.reading() as session:
            home_figures(session, ctx.actor, today, PAGES)

    def raw() -> None:
        for sql in RAW:
            conn.execute(sql, params).fetchall()

    def reminders() -> int:
        with ctx.ws.reading() as session:
            return len(rem.reminders(session, ctx.actor, today, ctx.ws.settings))

    try:
        ours_s, raw_s = interleaved(figures, raw, repeat=5)
        count = reminders()
        reminders_s = best_of(reminders, repeat=3)
    finally:
        conn.close()
    return [Result("首页数字（含各单位风险等级）", ours_s, raw_s, None, note="参考：各登记簿服务的统计口径"),
            Result("首页提醒（全部种类）", reminders_s, None, None, note=f"{count} 条提醒，在后台线程读取")]


def home_page(ctx: BenchContext) -> list[Result]:
    from PySide6.QtCore import QTimer

    from ui.pages.home_page import HomePage

    app = ctx.qt_app()
    stalls: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        stalls.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    started = time.perf_counter()
    page = HomePage(ctx.ws, ctx.actor)
    page.resize(1216, 720)
    page.show()
    wait_until(app, page.is_ready)
    ready = time.perf_counter() - started
    timer.stop()
    page.close()
    page.deleteLater()
    app.processEvents()
    return [Result("首页：构建到图表画好（首次，含导入 matplotlib）", ready, None, None),
            Result("首页：其间 GUI 线程最长停顿", max(stalls or [0.0]), None, None,
                   note="数据与 matplotlib 导入在后台线程；图表在首次绘制后画")]


MEASUREMENTS = [home_data, home_page]
