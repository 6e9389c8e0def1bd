"""各单位问题整改情况, the drawing: per unit (its 责任单位, units below rolled up) a bar split by
status — 已销号, 已整改（待验收）, 整改中 (基本完成 apart), 待整改 — with its 整改完成率 at the end.
Pure matplotlib: the 统计图表 panel (ui/charts/findings_chart.py) and the report draw with it;
the data comes from `app.registers.findings.stats`.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.registers.findings import stats as st

CHART_TITLE = "{scope}问题整改情况（按责任单位）　整改完成率 {rate}，基本完成 {mostly}"
ALL_YEARS = "各年度"
YEAR = "{year}年"
RATE_TEXT = " {rate}"
X_LABEL = "问题数"
EMPTY = "所选年度没有问题整改记录"
# (status, result) → legend label, colour; the order of the stacked segments.
SEGMENTS = (
    (("closed", ""), "已销号", "#3f8f3f"),
    (("rectified", ""), "已整改（待验收）", "#4a90d9"),
    (("in_progress", "mostly"), "整改中（基本完成）", "#f6c26b"),
    (("in_progress", ""), "整改中", "#f29b2e"),
    (("pending", ""), "待整改", "#b8b8b8"),
)


def percent(value: float | None) -> str:
    """A rate as the office writes it: 83%; — for an empty set."""
    return "—" if value is None else f"{value * 100:.0f}%"


def _count(stats: st.FindingStats, status: str, result: str) -> int:
    if status == "in_progress":
        return stats.mostly if result == "mostly" else stats.in_progress - stats.mostly
    return getattr(stats, status)


def plot_findings_by_unit(figure: Any, units: Sequence[st.UnitFindingStats], total: st.FindingStats,
                          year: int | None, *, title: str | None = None, empty: str = EMPTY,
                          legend_below: bool = False) -> list[tuple[Any, dict]]:
    """Draws one bar per unit split by status, its 整改完成率 at the end, on `figure`; returns the
    clickable segments with {"unit_id", "status", "label"[, "year"]}. The title names the year
    (or 各年度) and the rates unless `title` is given; `legend_below` puts the legend under the
    chart (on paper, where a long bar would run under it)."""
    ax = figure.add_subplot()
    scope = YEAR.format(year=year) if year else ALL_YEARS
    ax.set_title(title if title is not None else CHART_TITLE.format(
        scope=scope, rate=percent(total.rate), mostly=percent(total.mostly_rate)), fontsize=11)
    if not units:
        ax.text(0.5, 0.5, empty, ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return []
    names = [u.unit_name for u in reversed(units)]
    shown = list(reversed(units))
    left = [0] * len(shown)
    pickables: list[tuple[Any, dict]] = []
    for (status, result), label, colour in SEGMENTS:
        widths = [_count(u.stats, status, result) for u in shown]
        bars = ax.barh(names, widths, left=left, color=colour, label=label, height=0.7)
        for bar, unit, width in zip(bars, shown, widths, strict=True):
            if width:
                payload = {"unit_id": unit.unit_id, "status": status, "label": f"{unit.unit_name} · {label}"}
                if year:
                    payload["year"] = year
                pickables.append((bar, payload))
        left = [a + b for a, b in zip(left, widths, strict=True)]
    for y, (unit, end) in enumerate(zip(shown, left, strict=True)):
        ax.text(end, y, RATE_TEXT.format(rate=percent(unit.stats.rate)), va="center", fontsize=8,
                color="#333333")
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(X_LABEL)
    ax.set_xlim(0, max(left) * 1.12 + 1)
    ax.tick_params(axis="y", labelsize=8)
    if legend_below:
        figure.legend(*ax.get_legend_handles_labels(), loc="outside lower center", fontsize=8,
                      frameon=False, ncols=len(SEGMENTS))
    else:
        ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.grid(axis="x", alpha=0.3)
    return pickables
