"""第一种形态运用情况, the drawing: methods by quarter (methods counted: their sum may exceed 人次),
人次 by unit, and the share of 班子成员 and 重要岗位. Pure matplotlib: the 统计图表 panel
(ui/charts/ledger_chart.py) and the report draw with it; the data is
`app.registers.ledger.stats.ledger_statistics`.
"""
from __future__ import annotations

from typing import Any

from app.registers.ledger.stats import LedgerStats
from app.registers.ledger.types import QUARTERS

METHODS_TITLE = "处置方式（按季度，计方式数）"
UNITS_TITLE = "各单位人次"
HEADLINE = "{scope}共 {times} 人次，运用处置方式 {methods} 项"
SHARES = "班子成员 {leaders} 人次（{leader_share:.0%}） · 重要岗位 {key_posts} 人次（{key_post_share:.0%}）"
TRANSFER = " · 另有 {n} 条需转出，未计入"
EMPTY = "该范围内暂无第一种形态台账记录"
QUARTER_COLORS = ("#9ecae1", "#6baed6", "#3182bd", "#08519c")
UNIT_COLOR = "#e6550d"
MAX_UNITS = 12


def plot_ledger(figure: Any, data: LedgerStats, *, scope: str | None = None,
                compact: bool = False) -> list[tuple[Any, dict]]:
    """Draws the headline, methods by quarter (left) and 人次 by unit (right) with the shares of
    班子成员 and 重要岗位 below, on `figure`; returns the clickable bars with their ledger filters.
    `scope` names the period in the headline (default: the year, or 各年度); `compact` sets
    smaller type for a page's text width."""
    year = data.year
    if scope is None:
        scope = f"{year}年" if year else "各年度"
    headline = HEADLINE.format(scope=scope, times=data.person_times, methods=data.method_count)
    figure.suptitle(headline, fontsize=11 if compact else 13)
    if not data.person_times:
        ax = figure.add_subplot()
        ax.axis("off")
        ax.text(0.5, 0.5, EMPTY, ha="center", va="center", fontsize=12, color="#666")
        return []
    shares = SHARES.format(leaders=data.leaders, leader_share=data.leader_share,
                           key_posts=data.key_posts, key_post_share=data.key_post_share)
    if data.transfer_needed:
        shares += TRANSFER.format(n=data.transfer_needed)
    figure.supxlabel(shares, fontsize=9 if compact else 10, color="#444")  # constrained layout makes room
    left, right = figure.subplots(1, 2, width_ratios=(3, 2))
    base = {"year": year} if year else {}
    picks = _methods(left, data, base) + _units(right, data, base)
    if compact:
        for ax in (left, right):
            ax.tick_params(labelsize=8)
            ax.title.set_fontsize(10)
        right.set_title(UNITS_TITLE, fontsize=10)  # “前 12 个” would run past the page's edge
        for text in left.get_legend().get_texts():
            text.set_fontsize(8)
    return picks

def _methods(ax: Any, data: LedgerStats, base: dict) -> list[tuple[Any, dict]]:
    methods = list(reversed(data.methods))  # the most used on top
    labels = [m.label for m in methods]
    picks: list[tuple[Any, dict]] = []
    starts = [0] * len(methods)
    for quarter in (1, 2, 3, 4):
        widths = [m.by_quarter[quarter - 1] for m in methods]
        bars = ax.barh(labels, widths, left=starts, color=QUARTER_COLORS[quarter - 1],
                       label=QUARTERS[quarter])
        for bar, method, width in zip(bars, methods, widths, strict=True):
            if width:
                picks.append((bar, {**base, "method": method.code, "quarter": quarter}))
        starts = [s + w for s, w in zip(starts, widths, strict=True)]
    for y, total in enumerate(starts):
        ax.text(total + 0.1, y, str(total), va="center", fontsize=9)
    ax.set_title(METHODS_TITLE, fontsize=11)
    ax.legend(loc="lower right", fontsize=9, frameon=False)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    return picks

def _units(ax: Any, data: LedgerStats, base: dict) -> list[tuple[Any, dict]]:
    units = list(reversed(data.units[:MAX_UNITS]))
    bars = ax.barh([u.unit_name for u in units], [u.person_times for u in units], color=UNIT_COLOR)
    for y, unit in enumerate(units):
        ax.text(unit.person_times + 0.05, y, str(unit.person_times), va="center", fontsize=9)
    ax.set_title(UNITS_TITLE + (f"（前 {MAX_UNITS} 个）" if len(data.units) > MAX_UNITS else ""), fontsize=11)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    return [(bar, {**base, "unit_id": unit.unit_id}) for bar, unit in zip(bars, units, strict=True)
            if unit.unit_id is not None]
