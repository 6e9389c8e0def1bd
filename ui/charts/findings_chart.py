"""各单位问题整改情况: per unit (its 责任单位, units below rolled up), a bar split by status —
已销号 (已完成 / 基本完成), 已整改(待验收), 整改中, 待整改 — with its 整改完成率 at the end; a
click on a segment opens 问题整改台账 filtered to that unit and status."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout

from app.services import finding_stats as st
from app.services.findings import FindingFilter
from app.services.inspections import inspection_years
from ui.charts.chart_widget import Pickable
from ui.charts.panel import ChartPanel
from ui.widgets.filters import YearFilter

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

TITLE = "各单位问题整改情况"
CHART_TITLE = "{scope}问题整改情况（按责任单位）　整改完成率 {rate}，基本完成 {mostly}"
ALL_YEARS = "各年度"
YEAR = "{year}年"
RATE_TEXT = " {rate}"
X_LABEL = "问题数"
EMPTY = "所选年度没有问题整改记录"
# (status, result) → legend label, colour; the order of the stacked segments.
SEGMENTS = (
    (("closed", "done"), "已销号（已完成）", "#3f8f3f"),
    (("closed", "mostly"), "已销号（基本完成）", "#9ccc8c"),
    (("rectified", ""), "已整改(待验收)", "#4a90d9"),
    (("in_progress", ""), "整改中", "#f29b2e"),
    (("pending", ""), "待整改", "#b8b8b8"),
)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _count(stats: st.FindingStats, status: str, result: str) -> int:
    if status == "closed":
        return stats.done if result == "done" else stats.mostly
    return getattr(stats, status)


class FindingsByUnitChart(ChartPanel):
    KEY, TITLE, TARGET_PAGE = "findings_by_unit", TITLE, "inspections"

    def build_filters(self, bar: QHBoxLayout) -> None:
        with self.ws.reading() as session:
            years = inspection_years(session)
        self.year_filter = YearFilter(years, None, parent=self)
        self.year_filter.changed.connect(self.refresh)
        bar.addWidget(self.year_filter)

    def fetch(self, session: Session) -> dict[str, Any]:
        year, today = self.year_filter.year(), self.ws.today()
        filt = FindingFilter(year=year)
        return {"year": year, "total": st.completion_stats(session, self.actor, filt, today),
                "units": st.stats_by_unit(session, self.actor, filt, today)}

    def plot(self, figure: Any, data: dict[str, Any]) -> list[Pickable]:
        units: list[st.UnitFindingStats] = data["units"]
        total: st.FindingStats = data["total"]
        ax = figure.add_subplot()
        scope = YEAR.format(year=data["year"]) if data["year"] else ALL_YEARS
        ax.set_title(CHART_TITLE.format(scope=scope, rate=_percent(total.rate), mostly=_percent(total.mostly_rate)),
                     fontsize=11)
        if not units:
            ax.text(0.5, 0.5, EMPTY, ha="center", va="center", transform=ax.transAxes)
            ax.set_axis_off()
            return []
        names = [u.unit_name for u in reversed(units)]
        shown = list(reversed(units))
        left = [0] * len(shown)
        pickables: list[Pickable] = []
        for (status, result), label, colour in SEGMENTS:
            widths = [_count(u.stats, status, result) for u in shown]
            bars = ax.barh(names, widths, left=left, color=colour, label=label, height=0.7)
            for bar, unit, width in zip(bars, shown, widths, strict=True):
                if width:
                    payload = {"unit_id": unit.unit_id, "status": status, "label": f"{unit.unit_name} · {label}"}
                    if data["year"]:
                        payload["year"] = data["year"]
                    pickables.append((bar, payload))
            left = [a + b for a, b in zip(left, widths, strict=True)]
        for y, (unit, end) in enumerate(zip(shown, left, strict=True)):
            ax.text(end, y, RATE_TEXT.format(rate=_percent(unit.stats.rate)), va="center", fontsize=8,
                    color="#333333")
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(X_LABEL)
        ax.set_xlim(0, max(left) * 1.12 + 1)
        ax.tick_params(axis="y", labelsize=8)
        ax.legend(loc="lower right", fontsize=8, frameon=False)
        ax.grid(axis="x", alpha=0.3)
        return pickables

    def navigation(self, payload: dict) -> dict:
        """The findings of that unit (and the units below it) in that status."""
        return {k: v for k, v in payload.items() if k in ("unit_id", "status", "year")}
