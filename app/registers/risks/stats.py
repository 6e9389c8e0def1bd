"""Figures over the risk register. Every counted figure uses the confirmed assessments of one
year (DESIGN "Definitions": 一级风险点 = confirmed assessments of level 1 in the chosen year);
drafts and retired assessments count nowhere. The default year is the latest confirmed year.

A unit's 防控等级 is the highest level (the smallest number) among its own confirmed risk points
of the year; 一级防控单位和科室 are the units whose 防控等级 is 一级.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.registers.units.types import UNIT_KIND_ORDER
from app.visibility import readable
from app.vocab import LEVELS
from db.models import RiskAssessment, RiskPoint, Unit

CONFIRMED = "confirmed"


# ORDER BY … LIMIT 1 walks the year index from the top; MAX(…) WHERE would scan every row. Built
# once: every load of the risk page asks it first.
_LATEST_CONFIRMED = (select(RiskAssessment.year).where(RiskAssessment.status == CONFIRMED)
                     .order_by(RiskAssessment.year.desc()).limit(1))


def latest_confirmed_year(session: Session) -> int | None:
    """The default year everywhere: the latest year with a confirmed assessment."""
    return session.scalar(_LATEST_CONFIRMED)


def assessment_years(session: Session) -> list[int]:
    """Every year that has an assessment (of any status), newest first."""
    return list(session.scalars(
        select(RiskAssessment.year).distinct().order_by(RiskAssessment.year.desc())))


def resolve_year(session: Session, year: int | None) -> int | None:
    """`year`, else the latest confirmed year, else the latest year with any assessment."""
    if year is not None:
        return year
    latest = latest_confirmed_year(session)
    return latest if latest is not None else session.scalar(select(func.max(RiskAssessment.year)))


@dataclass(frozen=True)
class UnitLevels:
    """Confirmed risk points of one unit in one year, per level."""

    unit_id: int
    unit_name: str
    unit_kind: str
    counts: tuple[int, int, int]   # 一级, 二级, 三级

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def control_level(self) -> int | None:
        """防控等级: the highest level the unit holds (None: no confirmed point)."""
        return next((level for level, n in zip(LEVELS, self.counts, strict=True) if n), None)

    def count(self, level: int) -> int:
        return self.counts[level - 1]


def _counts(session: Session, actor: Actor, year: int, unit_kind: str = "",
            statuses: tuple[str, ...] = (CONFIRMED,)) -> dict[tuple[int, str, int], int]:
    """(unit id, status, level) → assessments of the year, in one GROUP BY."""
    query = (select(RiskPoint.unit_id, RiskAssessment.status, RiskAssessment.level, func.count())
             .join(RiskPoint, RiskAssessment.risk_point_id == RiskPoint.id)
             .where(RiskAssessment.year == year, RiskAssessment.status.in_(statuses))
             .group_by(RiskPoint.unit_id, RiskAssessment.status, RiskAssessment.level))
    if unit_kind:
        query = query.join(Unit, RiskPoint.unit_id == Unit.id).where(Unit.kind == unit_kind)
    query = query.where(readable(actor, RiskPoint))
    return {(unit_id, status, level): n for unit_id, status, level, n in session.execute(query)}


def _unit_levels(session: Session, counts: dict[tuple[int, str, int], int]) -> list[UnitLevels]:
    confirmed: dict[int, dict[int, int]] = {}
    for (unit_id, status, level), n in counts.items():
        if status == CONFIRMED:
            confirmed.setdefault(unit_id, {})[level] = n
    if not confirmed:
        return []
    units = session.execute(select(Unit.id, Unit.name, Unit.kind, Unit.sort_order)
                            .where(Unit.id.in_(confirmed))).all()
    units = sorted(units, key=lambda u: (UNIT_KIND_ORDER.get(u.kind, 9), u.sort_order, u.name))
    return [UnitLevels(u.id, u.name, u.kind, tuple(confirmed[u.id].get(lv, 0) for lv in LEVELS))
            for u in units]


def unit_levels(session: Session, actor: Actor, year: int, unit_kind: str = "") -> list[UnitLevels]:
    """Every unit (of `unit_kind`, within the actor's units) with a confirmed risk point in
    `year`, with its counts per level, in the bureau's display order."""
    return _unit_levels(session, _counts(session, actor, year, unit_kind))


@dataclass(frozen=True)
class YearSummary:
    """A year at a glance: confirmed points per unit and level, and the drafts still waiting."""

    year: int
    units: list[UnitLevels]
    drafts: int

    @property
    def totals(self) -> dict[int, int]:
        return level_totals(self.units)


def year_summary(session: Session, actor: Actor, year: int) -> YearSummary:
    """`unit_levels` and `draft_count` of the year in one query."""
    counts = _counts(session, actor, year, statuses=(CONFIRMED, "draft"))
    drafts = sum(n for (_unit, status, _level), n in counts.items() if status == "draft")
    return YearSummary(year, _unit_levels(session, counts), drafts)


def risk_levels_by_unit(session: Session, actor: Actor, year: int | None,
                        unit_kind: str = "") -> list[UnitLevels]:
    """The data of the chart “risk levels by unit”: one entry per unit with confirmed points in
    the year (default: the latest confirmed year), the most severe first — by 一级, then 二级,
    then 三级 counts, then the bureau's order."""
    year = resolve_year(session, year)
    if year is None:
        return []
    rows = unit_levels(session, actor, year, unit_kind)
    order = {row.unit_id: i for i, row in enumerate(rows)}
    return sorted(rows, key=lambda r: (*(-n for n in r.counts), order[r.unit_id]))


def control_levels(session: Session, actor: Actor, year: int | None) -> dict[int, int]:
    """防控等级 per unit id for the year (units without a confirmed point are absent)."""
    year = resolve_year(session, year)
    if year is None:
        return {}
    query = (select(RiskPoint.unit_id, func.min(RiskAssessment.level))
             .join(RiskPoint, RiskAssessment.risk_point_id == RiskPoint.id)
             .where(RiskAssessment.year == year, RiskAssessment.status == CONFIRMED)
             .group_by(RiskPoint.unit_id))
    query = query.where(readable(actor, RiskPoint))
    return dict(session.execute(query).all())


def top_control_units(session: Session, actor: Actor, year: int | None) -> list[int]:
    """一级防控单位和科室: ids of the units whose 防控等级 in the year is 一级."""
    return sorted(uid for uid, level in control_levels(session, actor, year).items() if level == 1)


def level_totals(rows: Iterable[UnitLevels]) -> dict[int, int]:
    """Counts per level summed over units."""
    totals = {level: 0 for level in LEVELS}
    for row in rows:
        for level in LEVELS:
            totals[level] += row.count(level)
    return totals


def year_totals(session: Session, actor: Actor, year: int | None) -> dict[int, int]:
    """Confirmed risk points per level in the year (一级风险点 = totals[1])."""
    year = resolve_year(session, year)
    return level_totals(unit_levels(session, actor, year)) if year is not None else \
        {level: 0 for level in LEVELS}


def draft_count(session: Session, actor: Actor, year: int) -> int:
    """Drafts waiting for confirmation in the year (the 排查 in progress)."""
    query = (select(func.count()).select_from(RiskAssessment)
             .join(RiskPoint, RiskAssessment.risk_point_id == RiskPoint.id)
             .where(RiskAssessment.year == year, RiskAssessment.status == "draft"))
    query = query.where(readable(actor, RiskPoint))
    return session.scalar(query) or 0
