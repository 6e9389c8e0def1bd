"""The figures about findings (DESIGN "Definitions"), for the page, the chart and 首页, and the
findings on a person's timeline:

- 整改完成率 = findings 已销号 ÷ findings in the set (DESIGN, amended by issue 18: only 已完成
  closes a finding); 基本完成 — findings the acceptance sent back 整改中 with that result — is
  shown beside it, never added to it;
- overdue = deadline before today and still 待整改/整改中; due soon = deadline within
  `settings.due_soon_days` days from today (same statuses).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Date, and_, bindparam, case, func, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.registers.findings.query import OWNER_UNIT, finding_query, finding_rows
from app.registers.findings.types import OPEN_STATUSES, FindingFilter, FindingRow
from app.registers.units.types import UNIT_KIND_ORDER
from app.settings import load_settings
from app.timeline import TimelineItem
from app.visibility import readable
from app.vocab import FINDING_STATUS
from db.models import Finding, Unit


@dataclass(frozen=True)
class FindingStats:
    total: int
    pending: int
    in_progress: int
    rectified: int
    closed: int
    done: int       # 已销号 with result 已完成 (every 已销号 since 基本完成 no longer closes)
    mostly: int     # 整改中 with the result 基本完成 (sent back by the acceptance)
    overdue: int
    due_soon: int

    @property
    def open(self) -> int:
        """Not yet 已销号."""
        return self.total - self.closed

    @property
    def rate(self) -> float | None:
        """整改完成率 (0–1): 已销号 ÷ all; None for an empty set."""
        return self.closed / self.total if self.total else None

    @property
    def mostly_rate(self) -> float | None:
        return self.mostly / self.total if self.total else None


@dataclass(frozen=True)
class UnitFindingStats:
    unit_id: int
    unit_name: str
    stats: FindingStats


def _n(condition) -> object:  # noqa: ANN001 — how many rows meet `condition`
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


# Built once (statement construction cost more than the query); today is bound at execution.
_TODAY, _SOON = bindparam("stats_today", type_=Date), bindparam("stats_soon", type_=Date)
_OPEN = Finding.status.in_(OPEN_STATUSES)
_CLOSED = Finding.status == "closed"
_COUNTS = (func.count(), _n(Finding.status == "pending"), _n(Finding.status == "in_progress"),
           _n(Finding.status == "rectified"), _n(_CLOSED), _n(and_(_CLOSED, Finding.result == "done")),
           _n(and_(Finding.status == "in_progress", Finding.result == "mostly")), _n(and_(_OPEN, Finding.deadline < _TODAY)),
           _n(and_(_OPEN, Finding.deadline.between(_TODAY, _SOON))))


def _days(session: Session, today: dt.date, due_soon_days: int | None) -> tuple[int, dict]:
    days = load_settings(session).due_soon_days if due_soon_days is None else due_soon_days
    return days, {"stats_today": today, "stats_soon": today + dt.timedelta(days=days)}


def completion_stats(session: Session, actor: Actor, filt: FindingFilter, today: dt.date,
                     due_soon_days: int | None = None) -> FindingStats:
    """Counts by status, 整改完成率 and its 基本完成 beside it, overdue and due soon — of the
    findings matching `filt` that the actor sees."""
    days, params = _days(session, today, due_soon_days)
    ids = finding_query(session, actor, filt, today, days)
    row = session.execute(select(*_COUNTS).where(Finding.id.in_(ids)), params).one()
    return FindingStats(*(int(v) for v in row))


def stats_by_unit(session: Session, actor: Actor, filt: FindingFilter, today: dt.date,
                  due_soon_days: int | None = None) -> list[UnitFindingStats]:
    """The same figures per unit (the owner unit rolled up to its top-level unit, so a click
    that filters the page by that unit — which includes the units below it — lists exactly
    the findings counted), units in display order, those without findings left out."""
    days, params = _days(session, today, due_soon_days)
    ids = finding_query(session, actor, filt, today, days)
    per_unit = session.execute(select(OWNER_UNIT, *_COUNTS).where(Finding.id.in_(ids)).group_by(OWNER_UNIT),
                               params).all()
    units = {u.id: u for u in session.scalars(select(Unit))}

    def top(unit_id: int) -> int:
        seen = set()
        while units[unit_id].parent_id is not None and unit_id not in seen:
            seen.add(unit_id)
            unit_id = units[unit_id].parent_id
        return unit_id

    summed: dict[int, list[int]] = {}
    for unit_id, *counts in per_unit:
        into = summed.setdefault(top(unit_id), [0] * len(counts))
        for i, value in enumerate(counts):
            into[i] += int(value)
    order = sorted(summed, key=lambda u: (UNIT_KIND_ORDER.get(units[u].kind, 9), units[u].sort_order,
                                          units[u].name))
    return [UnitFindingStats(u, units[u].name, FindingStats(*summed[u])) for u in order]


def category_counts(session: Session, actor: Actor, filt: FindingFilter, today: dt.date) -> dict[str, int]:
    """Findings per 问题类别 code ("" for those without one) matching `filt`: what
    app/categories.py folds into 纪律 and 四风 headings."""
    ids = finding_query(session, actor, filt, today)
    return {code or "": int(n) for code, n in session.execute(
        select(Finding.category, func.count()).where(Finding.id.in_(ids)).group_by(Finding.category))}


# ---- for 首页 ---------------------------------------------------------------------------------


def overdue_findings(session: Session, actor: Actor, today: dt.date, limit: int | None = None) -> list[FindingRow]:
    """Overdue findings the actor sees, the longest overdue first."""
    return _listed(session, actor, FindingFilter(deadline="overdue"), today, limit)


def due_soon_findings(session: Session, actor: Actor, today: dt.date, limit: int | None = None) -> list[FindingRow]:
    """Findings due within `settings.due_soon_days` days, the nearest deadline first."""
    return _listed(session, actor, FindingFilter(deadline="due_soon"), today, limit)


def _listed(session: Session, actor: Actor, filt: FindingFilter, today: dt.date,
            limit: int | None) -> list[FindingRow]:
    query = finding_query(session, actor, filt, today).order_by(Finding.deadline, Finding.id)
    if limit is not None:
        query = query.limit(limit)
    return finding_rows(session, list(session.scalars(query)), today)


def open_finding_counts(session: Session, actor: Actor, today: dt.date) -> FindingStats:
    """Every finding the actor sees, counted: `.open` not yet 已销号, `.overdue`, `.due_soon`,
    `.rectified` awaiting acceptance, and 整改完成率 over all years."""
    return completion_stats(session, actor, FindingFilter(), today)


def timeline_items(session: Session, actor: Actor, person_id: int) -> list:  # list[TimelineItem]
    """The person's timeline (app/timeline.py): every finding they are 责任人 of that the actor
    may read, on the day found."""
    found = session.execute(select(Finding.id, Finding.found_on, Finding.code, Finding.description,
                                   Finding.status).where(Finding.resp_person_id == person_id,
                                                         readable(actor, Finding)))
    return [TimelineItem(day, "inspections", "整改责任人",
                         f"{code} {_short(text)}（{FINDING_STATUS.get(status, status)}）", fid)
            for fid, day, code, text, status in found]


def _short(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[:size] + "…"
