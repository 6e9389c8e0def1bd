"""谈话统计, the drawing of talks per month stacked by type, counted as 次 (records) or 人次
(talkees summed over records). Pure matplotlib: the 统计图表 panel (ui/charts/talks_chart.py)
and the report draw with it; the data is `app.registers.talks.stats.monthly_stats`.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.registers.talks import stats

PEOPLE = "人次"
TITLE_MONTH = "{year}年谈话{measure}（按月份、类型）"
# One colour per type, the same on every chart (dictionary items added later take the rest).
PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#9c755f", "#bab0ac",
           "#76b7b2", "#edc948", "#ff9da7")


def kind_colours(kinds: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Talk type code → its colour (dictionary order)."""
    return {code: PALETTE[i % len(PALETTE)] for i, (code, _) in enumerate(kinds)}


def plot_talk_months(ax: Any, monthly: stats.MonthlyStats, *, people: bool,
                     months: Sequence[int] = tuple(range(1, 13)), labels: Sequence[str] | None = None,
                     title: str | None = None, legend_columns: int = 7) -> list[tuple[Any, dict]]:
    """Stacked bars of `months` (the keys of `monthly.cells`, 1–12 by default, labelled 1月…
    unless `labels`) on `ax`, one segment per type, the month's total on top; returns the
    clickable segments with {"kind", "month", "year"}."""
    colours = kind_colours(monthly.kinds)
    labels = list(labels) if labels is not None else [f"{m}月" for m in months]
    pickables = []
    bottoms = [0] * len(months)
    for code, label in monthly.kinds:
        cells = [monthly.cells.get((m, code)) for m in months]
        values = [0 if c is None else (c.people if people else c.times) for c in cells]
        if not any(values):
            continue
        bars = ax.bar(labels, values, bottom=bottoms, color=colours[code], label=label, width=0.7)
        for month, bar, value in zip(months, bars, values, strict=True):
            if value:
                pickables.append((bar, {"kind": code, "month": month, "year": monthly.year}))
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    for x, height in enumerate(bottoms):
        if height:
            ax.annotate(str(height), (x, height), ha="center", va="bottom", fontsize=8,
                        xytext=(0, 2), textcoords="offset points")
    measure = PEOPLE if people else "次数"
    ax.set_title(title if title is not None else TITLE_MONTH.format(year=monthly.year, measure=measure))
    ax.set_ylabel(PEOPLE if people else "次")
    ax.set_ylim(0, max(bottoms, default=0) * 1.1 + 1)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), fontsize=9, ncols=legend_columns,
              frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return pickables
