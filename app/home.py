"""首页: the figures at a glance, each from its register's own services (DESIGN "Definitions"),
and the data of the risk-levels chart. A register whose page has not landed is absent here too:
its figure is None, never a made-up zero."""
from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.auth import Actor


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of `day`'s month."""
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


@dataclass(frozen=True)
class HomeFigures:
    today: dt.date
    risk_year: int | None = None             # the latest confirmed year
    level1_points: int | None = None         # 一级风险点 of that year
    top_control_units: int | None = None     # 一级防控单位和科室 of that year
    open_findings: int | None = None         # not yet 已销号
    overdue_findings: int | None = None
    talks_month: tuple[int, int] | None = None   # (次, 人次) this month
    style_checks_month: int | None = None    # 工作作风纪律检查 this month
    first_form_year: int | None = None       # first-form 人次 this year
    risk_rows: list = field(default_factory=list)  # risk_stats.UnitLevels for the chart


def home_figures(session: Session, actor: Actor, today: dt.date, registers: Collection[str],
                 *, chart: bool = True) -> HomeFigures:
    """The 首页 figures for the registers present (page keys: risks, inspections, talks, ledger),
    as the actor sees them (unit-limited users: their units), with today's month and year; with
    `chart`, the risk levels by unit of the latest confirmed year, the most severe unit first."""
    values: dict[str, object] = {}
    if "risks" in registers:
        from app.registers.risks import stats as risk_stats

        year = risk_stats.latest_confirmed_year(session)
        values["risk_year"] = year
        if year is not None:
            rows = risk_stats.risk_levels_by_unit(session, actor, year)
            values["level1_points"] = risk_stats.level_totals(rows)[1]
            values["top_control_units"] = sum(1 for r in rows if r.control_level == 1)
            if chart:
                values["risk_rows"] = rows
        else:
            values["level1_points"] = values["top_control_units"] = 0
    first, last = month_bounds(today)
    if "inspections" in registers:
        from app.registers.findings.stats import open_finding_counts
        from app.registers.inspections.stats import inspections_per_month

        counts = open_finding_counts(session, actor, today)
        values["open_findings"], values["overdue_findings"] = counts.open, counts.overdue
        values["style_checks_month"] = inspections_per_month(session, actor, today.year)[today.month - 1]
    if "talks" in registers:
        from app.registers.talks.stats import talk_counts

        talks = talk_counts(session, actor, first, last)
        values["talks_month"] = (talks.times, talks.people)
    if "ledger" in registers:
        from app.registers.ledger.stats import person_times

        values["first_form_year"] = person_times(session, actor, dt.date(today.year, 1, 1),
                                                 dt.date(today.year, 12, 31))
    return HomeFigures(today, **values)
