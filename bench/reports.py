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
    """Each register's own statistics for the year, called once: the report's twelve sections
    read these registers (issues 19 and 20 added 问题线索和处分's, 婚丧喜庆's, 问题类别's,
    谈心谈话覆盖's, 主体责任's and 廉政教育's figures to the report; before, the baseline
    called only the first five registers' while the report counted all of them)."""
    from app.registers.ceremonies.query import ceremony_figures
    from app.registers.ceremonies.types import CeremonyFilter
    from app.registers.clues.stats import clue_figures
    from app.registers.clues.types import ClueFilter
    from app.registers.duty_reports.stats import tracking
    from app.registers.duty_reports.types import HALF_YEAR
    from app.registers.education import stats as education_stats
    from app.registers.findings import stats as finding_stats
    from app.registers.findings.types import FindingFilter
    from app.registers.holidays.query import festival_reminders
    from app.registers.inspections import stats as inspections
    from app.registers.ledger import stats as ledger_stats
    from app.registers.ledger.types import LedgerFilter
    from app.registers.pledges.stats import pledge_figures
    from app.registers.risks import stats as risk_stats
    from app.registers.sanctions.stats import sanction_figures
    from app.registers.sanctions.types import SanctionFilter
    from app.registers.studies.stats import party_year, studies_in
    from app.registers.talks import stats as talk_stats

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    settings = ctx.ws.settings

    def run() -> None:
        actor = ctx.actor
        with ctx.ws.reading() as s:
            risk_stats.unit_levels(s, actor, year)
            risk_stats.risk_levels_by_unit(s, actor, year)
            inspections.inspections_per_month(s, actor, year)
            inspections.monthly_coverage(s, actor, year, today)
            finding_stats.completion_stats(s, actor, FindingFilter(year=year), today)
            finding_stats.stats_by_unit(s, actor, FindingFilter(year=year), today)
            talk_stats.talk_counts(s, actor, start, end)
            talk_stats.monthly_stats(s, actor, year)
            ledger_stats.ledger_statistics(s, actor, year)
            clue_figures(s, actor, ClueFilter(start=start, end=end), today)
            sanction_figures(s, actor, SanctionFilter(start=start, end=end), today)
            festival_reminders(s, year, settings.festival_lead_days)
            ceremony_figures(s, actor, CeremonyFilter(start=start, end=end))
            finding_stats.category_counts(s, actor, FindingFilter(start=start, end=end), today)
            ledger_stats.category_counts(s, actor, LedgerFilter(start=start, end=end))
            talk_stats.heart_talk_coverage(s, actor, start, end)
            pledge_figures(s, actor, year)
            studies_in(s, actor, start, end)
            party_year(s, actor, year, end)
            tracking(s, actor, year, HALF_YEAR, today, settings)
            education_stats.education_figures(s, actor, start, end)
            education_stats.coverage(s, actor, year)

    return run


def _first_five(ctx: BenchContext, year: int, today: dt.date):  # noqa: ANN202
    """The baseline as it was before issues 19 and 20 widened the report (a reference row)."""
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

    ours, base, base5 = interleaved(figures, _registers(ctx, period.start.year, today),
                                    _first_five(ctx, period.start.year, today), repeat=5)
    f = figures()
    charts = best_of(lambda: report_charts(f), repeat=1, warmup=1)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        with ctx.ws.writing() as s:
            export_report(s, ctx.actor, f, generated_report(f), Path(folder) / "报告.docx")
        whole = time.perf_counter() - start
    return [
        Result(f"报告数字（{period.label}）", ours, base, 3.0,
               note="对比：报告所读各台账（12 部分）自身统计函数各调用一次"),
        Result(f"报告数字（{period.label}，对比前五个台账，参考）", ours, base5, None,
               note="对比：只调用风险点、监督检查、整改、谈话、第一种形态五个台账的统计（第 19、20 号之前的基线）"),
        Result("报告图表（5 幅，200 dpi）", charts, None, None, note="后台运行，有进度"),
        Result("生成 Word 报告（含图表）", whole, None, None, note="后台运行，有进度"),
    ]


MEASUREMENTS = [report]
