"""The report's charts, drawn with the same plotting as 统计图表 (app/charts) on Agg figures at
print resolution, sized to the page: the A4 text width, and half the 版心's height or all of it
(with its caption line). The 附件 prints them after its tables, the whole-page ones first, then
the half-page ones two to a page: a chart never leaves the rest of a page empty because it did not
fit there (app/reports/document.py orders them, resources/templates/work_report.py lays them
out). A chart whose natural height (its bars) is over `HALF_FIT` takes a whole page; a half-page
one with many bars gets smaller tick labels."""
from __future__ import annotations

from dataclasses import dataclass

from app.charts.render import render_png
from app.progress import Progress
from app.reports.figures import ReportFigures

WIDTH_CM = 15.5
# The 版心 is 22.5 cm high; a chart's caption line and spacing take about 0.9 cm.
HALF_CM, FULL_CM = 9.8, 20.4
HALF_FIT = 13.0          # natural heights up to this squeeze into half a page
MANY_BARS, SMALL_LABELS = 16, 7.5


@dataclass(frozen=True)
class ChartImage:
    png: bytes
    width_cm: float
    height_cm: float

    @property
    def whole_page(self) -> bool:
        return self.height_cm > HALF_CM


def _sized(plot, natural_cm: float, bars: int = 0) -> ChartImage:  # noqa: ANN001 — plot(figure)
    """`plot` drawn half a page high (or a whole page when its natural height needs it); a
    half-page chart of many bars with smaller tick labels."""
    height = HALF_CM if natural_cm <= HALF_FIT else FULL_CM

    def draw(figure) -> None:  # noqa: ANN001
        plot(figure)
        if height == HALF_CM and bars > MANY_BARS:
            for ax in figure.axes:
                ax.tick_params(axis="y", labelsize=SMALL_LABELS)

    return ChartImage(render_png(draw, WIDTH_CM, height), WIDTH_CM, height)


def _risk_chart(f: ReportFigures) -> ChartImage | None:
    from app.charts.risk_levels import plot_risk_levels

    rows = f.risks.by_severity
    if not rows:
        return None
    return _sized(lambda fig: plot_risk_levels(fig, rows, f.settings, year=f.risks.year),
                  max(4.0, 2.6 + 0.36 * len(rows)), len(rows))


def _inspection_chart(f: ReportFigures) -> ChartImage | None:
    from app.charts.inspections import plot_inspections_per_month

    months = f.inspections.months
    if not months:
        return None
    return _sized(lambda fig: plot_inspections_per_month(
        fig, [m.label for m in months], [m.style for m in months], [m.other for m in months],
        [m.missing for m in months], scope=f.period.label + ("全系统" if f.unit_id else "")), 7.0)


def _finding_chart(f: ReportFigures) -> ChartImage | None:
    from app.charts.findings import plot_findings_by_unit
    from app.reports.summaries import percent

    units, total = f.findings.by_unit, f.findings.total
    if not units:
        return None
    title = (f"{f.period.label}问题整改情况（按责任单位）\n"
             f"整改完成率 {percent(total.rate)}，基本完成 {percent(total.mostly_rate)}")
    return _sized(lambda fig: plot_findings_by_unit(fig, units, total, None, title=title, legend_below=True),
                  max(6.0, 3.0 + 0.45 * len(units)), len(units))


def _talk_chart(f: ReportFigures) -> ChartImage | None:
    from app.charts.talks import plot_talk_months

    t = f.talks
    if not t.total.times:
        return None
    months = tuple(range(1, len(t.month_labels) + 1))

    def plot(fig) -> None:  # noqa: ANN001
        ax = fig.add_subplot()
        plot_talk_months(ax, t.monthly, people=False, months=months, labels=t.month_labels,
                         title=f"{f.period.label}谈话次数（按月份、类型）", legend_columns=4)

    return _sized(plot, 8.0)


def _ledger_chart(f: ReportFigures) -> ChartImage | None:
    from app.charts.ledger import plot_ledger

    if not f.ledger.person_times:
        return None
    bars = max(len(f.ledger.methods), min(len(f.ledger.units), 12))
    return _sized(lambda fig: plot_ledger(fig, f.ledger, scope=f.period.label, compact=True),
                  max(6.0, 3.5 + 0.55 * bars), bars)


def _duty_chart(f: ReportFigures) -> ChartImage | None:
    from app.charts.assessments import plot_unit_scores

    a = f.duty.assessment
    if a is None or not any(s.total is not None for s in a.scores):
        return None
    bars = sum(1 for s in a.scores if s.total is not None)
    return _sized(lambda fig: plot_unit_scores(fig, a.scores, a.year, f.settings.assessment_grade_scores),
                  max(6.0, 2.6 + 0.42 * bars), bars)


CHARTS = {"risks": _risk_chart, "inspections": _inspection_chart, "findings": _finding_chart,
          "talks": _talk_chart, "ledger": _ledger_chart, "duty": _duty_chart}


def report_charts(figures: ReportFigures, progress: Progress | None = None) -> dict[str, ChartImage]:
    """Section key → its chart (sections without data have none)."""
    progress = progress or Progress()
    found = {}
    for n, (key, draw) in enumerate(CHARTS.items()):
        progress.report(n, len(CHARTS), "绘制统计图…")
        image = draw(figures)
        if image is not None:
            found[key] = image
    return found
