"""各单位风险等级, the drawing: one stacked horizontal bar per unit — 一级, 二级, 三级 in their
colours, the most severe unit on top, counts on the bars. Pure matplotlib: the 统计图表 panel
(ui/charts/risk_levels.py), the 首页 and the report draw with it. The data comes from
`app.registers.risks.stats.risk_levels_by_unit`.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.charts.render import readable_text
from app.registers.risks import stats
from app.settings import Settings
from app.vocab import LEVELS

CHART_TITLE = "{year}年 各单位廉政风险点等级分布（已确认）"
X_LABEL = "风险点数（个）"
EMPTY = "该年度没有已确认的风险点"
NO_DATA = "尚无已确认的风险点"


def plot_risk_levels(figure: Any, rows: Sequence[stats.UnitLevels], settings: Settings, *,
                     year: int | None = None, title: str | None = None) -> list[tuple[Any, dict]]:
    """Draws the stacked bars on `figure` (a matplotlib Figure, cleared by the caller) and returns
    the clickable segments with their payloads {"unit_id", "level", "year"}."""
    ax = figure.add_subplot()
    heading = title if title is not None else (CHART_TITLE.format(year=year) if year else "")
    if heading:
        ax.set_title(heading, fontsize=11)
    if not rows:
        ax.text(0.5, 0.5, EMPTY if year else NO_DATA, ha="center", va="center", transform=ax.transAxes,
                color="#666666")
        ax.set_axis_off()
        return []
    positions = list(range(len(rows)))[::-1]  # the first (most severe) unit on top
    left = [0] * len(rows)
    pickables: list[tuple[Any, dict]] = []
    for level in LEVELS:
        counts = [row.count(level) for row in rows]
        colour = settings.level_color(level)
        bars = ax.barh(positions, counts, left=left, height=0.7, color=colour, edgecolor="white",
                       linewidth=0.6, label=settings.level_label(level))
        ax.bar_label(bars, labels=[str(n) if n else "" for n in counts], label_type="center",
                     color=readable_text(colour), fontsize=8)
        for bar, row, n in zip(bars, rows, counts, strict=True):
            if n:
                pickables.append((bar, {"unit_id": row.unit_id, "level": level, "year": year}))
        left = [a + b for a, b in zip(left, counts, strict=True)]
    ax.set_yticks(positions, [row.unit_name for row in rows], fontsize=9)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlabel(X_LABEL)
    ax.set_xlim(0, max(left) * 1.08 + 0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)
    figure.legend(loc="outside lower center", frameon=False, fontsize=9, ncols=3)
    return pickables
