"""各单位主体责任考核得分, the drawing: one bar per unit (the highest first), coloured by the grade
the 党组 gave (好 · 较好 · 一般 · 差; 未评定 grey), the score at its end, 一票否决 marked, the grade
lines of the settings as dashed lines. Pure matplotlib: 统计图表 (ui/charts/assessments_chart.py)
and the report draw with it; the data is `app.registers.assessments.stats.unit_scores`."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.registers.assessments.types import UnitScore
from app.vocab import ASSESSMENT_GRADES

TITLE = "{year}年各单位落实全面从严治党主体责任考核得分"
EMPTY = "所选年度没有考核记录"
X_LABEL = "总分"
VETO = "一票否决"
COLOURS = {"good": "#3f8f3f", "fair": "#4a90d9", "average": "#f29b2e", "poor": "#d9363e", "": "#b8b8b8"}
NOT_GRADED = "未评定"


def plot_unit_scores(figure: Any, scores: Sequence[UnitScore], year: int, lines: Sequence[int] = (),
                     *, title: str | None = None) -> list[tuple[Any, dict]]:
    """Draws the units' totals (units not yet scored left out); returns the bars with
    {"unit_id", "year"} for a click."""
    ax = figure.add_subplot()
    ax.set_title(title if title is not None else TITLE.format(year=year), fontsize=11)
    shown = [s for s in scores if s.total is not None]
    if not shown:
        ax.text(0.5, 0.5, EMPTY, ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return []
    shown = list(reversed(shown))  # the highest at the top
    names = [s.unit_name for s in shown]
    low = max(0.0, min(s.total for s in shown) - 10)  # type: ignore[type-var]
    bars = ax.barh(names, [s.total - low for s in shown], left=low,  # type: ignore[operator]
                   color=[COLOURS.get(s.grade, COLOURS[""]) for s in shown], height=0.7)
    pickables = []
    for bar, score in zip(bars, shown):
        text = f" {score.total:.1f}" + (f" {VETO}" if score.veto else "")
        ax.text(bar.get_x() + bar.get_width(), bar.get_y() + bar.get_height() / 2, text, va="center",
                fontsize=8, color="#c0392b" if score.veto else "#333333")
        if score.veto:
            bar.set_hatch("//")
            bar.set_edgecolor("#c0392b")
        pickables.append((bar, {"unit_id": score.unit_id, "year": year}))
    for line in lines:
        if line > low:
            ax.axvline(line, color="#888888", linestyle="--", linewidth=0.8)
    ax.set_xlim(low, 100 + 4)
    ax.set_xlabel(X_LABEL)
    ax.tick_params(axis="y", labelsize=8)
    from matplotlib.patches import Patch  # matplotlib is imported when a chart is drawn

    used = [g for g in (*ASSESSMENT_GRADES, "") if any(s.grade == g for s in shown)]
    ax.legend(handles=[Patch(color=COLOURS[g], label=ASSESSMENT_GRADES.get(g, NOT_GRADED)) for g in used],
              loc="lower right", fontsize=8, framealpha=0.9)
    return pickables
