"""监督检查 per month, the drawing: 工作作风纪律检查 and the other inspections stacked per month,
the months that ended without a 工作作风纪律检查 marked (DESIGN "monthly coverage"). Pure
matplotlib, drawn by the report; the data comes from `app.registers.inspections`.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

TITLE = "{scope}监督检查开展情况（按月份）"
STYLE_LABEL, OTHER_LABEL = "工作作风纪律检查", "其他检查"
MISSING_LABEL = "未开展"
STYLE_COLOUR, OTHER_COLOUR, MISSING_COLOUR = "#3f7fbf", "#a6c8e8", "#c0392b"


def plot_inspections_per_month(figure: Any, labels: Sequence[str], style: Sequence[int],
                               other: Sequence[int], missing: Sequence[bool], *,
                               scope: str = "") -> None:
    """One stacked bar per month (`labels`): 工作作风纪律检查 below, other inspections above, the
    total on top; a month flagged in `missing` says 未开展 in red instead."""
    ax = figure.add_subplot()
    ax.set_title(TITLE.format(scope=scope), fontsize=11)
    ax.bar(labels, style, color=STYLE_COLOUR, width=0.65, label=STYLE_LABEL)
    ax.bar(labels, other, bottom=style, color=OTHER_COLOUR, width=0.65, label=OTHER_LABEL)
    top = max((s + o for s, o in zip(style, other, strict=True)), default=0)
    for x, (s, o, flagged) in enumerate(zip(style, other, missing, strict=True)):
        if flagged:
            ax.annotate(MISSING_LABEL, (x, s + o), ha="center", va="bottom", fontsize=8,
                        color=MISSING_COLOUR, xytext=(0, 2), textcoords="offset points")
        elif s + o:
            ax.annotate(str(s + o), (x, s + o), ha="center", va="bottom", fontsize=8,
                        xytext=(0, 2), textcoords="offset points")
    ax.set_ylim(0, top * 1.2 + 1)
    ax.set_ylabel("次")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.tick_params(axis="x", labelsize=8 if len(labels) > 12 else 9)
    ax.legend(loc="upper right", fontsize=8, frameon=False, ncols=2)
    ax.spines[["top", "right"]].set_visible(False)
