"""报告: the figures of the last full year's report against the registers' own statistics calls
for that year (what the report adds: per source, per type, per kind; target ratio ≤ 3), the
charts at print resolution and the whole .docx (reference figures: they run in the background
with a progress dialog)."""
from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from bench.common import Result, best_of, interleaved
from bench.context import BenchContext


def _registers(ctx: BenchContext, year: int, today: dt.date):  # noqa: ANN202
    from app.registers.findings import stats as finding_stats
    from app.registers.findings.types import FindingFilter
    from app.registers.inspections import stats as inspections
    from app.registers.ledger.stats import ledger_statistics
    from app.registers.risks import stats as risk_stats
    from app.registers.talks import stats as talk_stats

    def run() -> None:
        with ctx.ws.reading() as s:
            risk_stats.unit_levels(s, ctx.actor, year)
            risk_stats.risk_levels_by_unit(s, ctx.actor, year)
            inspections.inspections_per_month(s, ctx.actor, year)
            inspections.monthly_coverage(s, ctx.actor, year, today)
            finding_stats.completion_stats(s, ctx.actor, FindingFilter(year=year), today)
            finding_stats.stats_by_unit(s, ctx.actor, FindingFilter(year=year), today)
            talk_stats.talk_counts(s, ctx.actor, dt.date(year, 1, 1), dt.date(year, 12, 31))
            talk_stats.monthly_stats(s, ctx.actor, year)
            ledger_statistics(s, ctx.actor, year)

    return run


def report(ctx: BenchContext) -> list[Result]:
    from app.reports.charts import report_charts
    from app.reports.document import export_report
    from app.reports.figures import report_figures
    from app.reports.period import ReportPeriod
    from app.reports.summaries import generated_report

    today = ctx.ws.today()
    period = ReportPeriod.of_year(today.year - 1)

    def figures():  # noqa: ANN202
        with ctx.ws.reading() as s:
            return report_figures(s, ctx.actor, period, today=today)

    ours, base = interleaved(figures, _registers(ctx, period.start.year, today), repeat=3)
    f = figures()
    charts = best_of(lambda: report_charts(f), repeat=1, warmup=1)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        with ctx.ws.writing() as s:
            export_report(s, ctx.actor, f, generated_report(f), Path(folder) / "报告.docx")
        whole = time.perf_counter() - start
    return [
        Result(f"报告数字（{period.label}）", ours, base, 3.0, note="对比：各台账自身统计函数各调用一次"),
        Result("报告图表（5 幅，200 dpi）", charts, None, None, note="后台运行，有进度"),
        Result("生成 Word 报告（含图表）", whole, None, None, note="后台运行，有进度"),
    ]


MEASUREMENTS = [report]
