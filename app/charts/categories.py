"""问题类别统计, the drawing: findings (问题整改) and first-form 人次 (第一种形态) counted by the
headings of their 问题类别 — the 六项纪律, the 四风, or the 中央八项规定精神 items one by one. Pure
matplotlib: the 统计图表 panel (ui/charts/categories_chart.py) and the report draw with it; the
counts are folded by app/categories.py from the registers' own `category_counts`."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.categories import GROUPINGS, HeadingCount

TITLE = "{scope}问题类别统计（{grouping}）"
FINDINGS, LEDGER = "监督检查发现问题（个）", "运用第一种形态（人次）"
EMPTY = "没有记录"
COLORS = {"findings": "#4a90d9", "ledger": "#e6550d"}


def plot_categories(figure: Any, findings: Sequence[HeadingCount], ledger: Sequence[HeadingCount], by: str,
                    scope: str = "", *, compact: bool = False) -> list[tuple[Any, dict]]:
    """Draws two bar charts side by side, one bar a heading; returns the findings' bars with
    {"categories", "label"} (what a click opens)."""
    figure.suptitle(TITLE.format(scope=scope, grouping=GROUPINGS[by]), fontsize=11 if compact else 13)
    left, right = figure.subplots(1, 2, sharey=False)
    picks = _bars(left, findings, FINDINGS, COLORS["findings"], compact)
    _bars(right, ledger, LEDGER, COLORS["ledger"], compact)
    return picks


def _bars(ax: Any, rows: Sequence[HeadingCount], title: str, colour: str, compact: bool) -> list[tuple[Any, dict]]:
    ax.set_title(title, fontsize=10 if compact else 11)
    ax.spines[["top", "right"]].set_visible(False)
    if not any(r.count for r in rows):
        ax.text(0.5, 0.5, EMPTY, ha="center", va="center", transform=ax.transAxes, color="#666")
        ax.set_axis_off()
        return []
    shown = list(reversed(rows))  # the first heading on top
    bars = ax.barh([r.label for r in shown], [r.count for r in shown], color=colour, height=0.65)
    for y, row in enumerate(shown):
        ax.text(row.count, y, f" {row.count}", va="center", fontsize=8 if compact else 9)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlim(0, max(r.count for r in rows) * 1.15 + 0.5)
    ax.tick_params(axis="y", labelsize=8 if compact else 9)
    return [(bar, {"categories": row.categories, "label": row.label})
            for bar, row in zip(bars, shown, strict=True) if row.count]
