"""Inspections (监督检查): the checks the office carries out — the plan asks for 1–2
工作作风纪律检查 across the system every month — and the monthly coverage of those checks.

An inspection lists the units it inspected (none = the whole system) and the findings it
produced (app/services/findings.py). A unit-limited user sees the inspections of their units
(and the system-wide ones) and may only record inspections of their own units.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, case, exists, extract, func, or_, select
from sqlalchemy.orm import Session

from app import archive, audit
from app.auth import Actor, require_all_units, require_write
from app.errors import NotFound, ValidationError
from app.services.common import (
    clean,
    like_any,
    limited_text,
    load_for_update,
    not_future,
    ordered_by_ids,
    required_text,
)
from app.services.dictionaries import load_vocabulary, require_code
from app.services.people import descendant_unit_ids
from db.models import Finding, Inspection, Unit, inspection_units

# The inspection type the plan counts month by month (DESIGN "monthly coverage").
STYLE_CHECK = "style"
OPEN_STATUSES = ("pending", "in_progress", "rectified")


@dataclass(frozen=True)
class InspectionDraft:
    inspected_on: dt.date | None
    kind: str
    title: str
    unit_ids: tuple[int, ...] = ()  # none = the whole system (全系统)
    inspectors: str = ""
    summary: str = ""
    id: int | None = None
    version: int | None = None
    correction_reason: str = ""  # an administrator correcting a closed year


@dataclass(frozen=True)
class InspectionRow:
    id: int
    inspected_on: dt.date
    kind: str
    kind_label: str
    title: str
    unit_ids: tuple[int, ...]
    unit_names: tuple[str, ...]
    inspectors: str
    summary: str
    finding_count: int
    open_finding_count: int
    version: int

    @property
    def units_text(self) -> str:
        return "、".join(self.unit_names) if self.unit_names else "全系统"

    @property
    def label(self) -> str:
        """How a finding form names it: 2026-03-05 三月份工作作风纪律检查."""
        return f"{self.inspected_on:%Y-%m-%d} {self.title}"


@dataclass(frozen=True)
class InspectionFilter:
    text: str = ""
    year: int | None = None
    unit_id: int | None = None  # inspections of this unit (or a unit below it)
    kind: str = ""
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class MonthCoverage:
    month: int
    count: int
    state: str  # "ok" · "missing" (a past month with none) · "current" (this month, none yet) · "future"

    @property
    def flagged(self) -> bool:
        return self.state == "missing"


@dataclass(frozen=True)
class YearCoverage:
    year: int
    months: tuple[MonthCoverage, ...]

    @property
    def missing_months(self) -> list[int]:
        return [m.month for m in self.months if m.flagged]


SORT_KEYS = {
    "inspected_on": Inspection.inspected_on,
    "kind": Inspection.kind,
    "title": Inspection.title,
    "inspectors": Inspection.inspectors,
}


def _visible(actor: Actor):  # noqa: ANN202 — a SQL condition
    """A unit-limited user sees system-wide inspections and those of their units."""
    if actor.unit_ids is None:
        return None
    any_unit = exists().where(inspection_units.c.inspection_id == Inspection.id)
    mine = exists().where(inspection_units.c.inspection_id == Inspection.id,
                          inspection_units.c.unit_id.in_(actor.unit_ids))
    return or_(~any_unit, mine)


def _query(session: Session, actor: Actor, filt: InspectionFilter):  # noqa: ANN202
    conditions = []
    visible = _visible(actor)
    if visible is not None:
        conditions.append(visible)
    if filt.year is not None:
        conditions.append(Inspection.inspected_on.between(dt.date(filt.year, 1, 1),
                                                          dt.date(filt.year, 12, 31)))
    if filt.start is not None:
        conditions.append(Inspection.inspected_on >= filt.start)
    if filt.end is not None:
        conditions.append(Inspection.inspected_on <= filt.end)
    if filt.kind:
        conditions.append(Inspection.kind == filt.kind)
    if filt.unit_id is not None:
        units = descendant_unit_ids(session, filt.unit_id)
        conditions.append(exists().where(inspection_units.c.inspection_id == Inspection.id,
                                         inspection_units.c.unit_id.in_(units)))
    text = clean(filt.text)
    if text:
        conditions.append(like_any(text, Inspection.title, Inspection.inspectors, Inspection.summary))
    query = select(Inspection.id)
    return query.where(and_(*conditions)) if conditions else query


def search_inspection_ids(session: Session, actor: Actor, filt: InspectionFilter,
                          sort: str = "inspected_on", descending: bool = True, *,
                          limit: int | None = None) -> list[int]:
    """Ids of the inspections matching `filt` the actor may see, sorted in SQL; `limit`: the
    first ids only (the table's first page)."""
    column = SORT_KEYS.get(sort, Inspection.inspected_on)
    order = column.desc() if descending else column.asc()
    return list(session.scalars(_query(session, actor, filt).order_by(order, Inspection.id.desc()).limit(limit)))


def inspection_rows(session: Session, ids: Sequence[int]) -> list[InspectionRow]:
    """Rows for `ids`, in that order, with their units and how many findings they produced."""
    if not ids:
        return []
    vocab = load_vocabulary(session)
    units: dict[int, list[tuple[int, str]]] = {}
    for inspection_id, unit_id, name in session.execute(
            select(inspection_units.c.inspection_id, Unit.id, Unit.name)
            .join(Unit, Unit.id == inspection_units.c.unit_id)
            .where(inspection_units.c.inspection_id.in_(ids)).order_by(Unit.sort_order, Unit.name)):
        units.setdefault(inspection_id, []).append((unit_id, name))
    counts = {iid: (total, open_) for iid, total, open_ in session.execute(
        select(Finding.inspection_id, func.count(),
               func.sum(case((Finding.status.in_(OPEN_STATUSES), 1), else_=0)))
        .where(Finding.inspection_id.in_(ids)).group_by(Finding.inspection_id))}
    rows = []
    for i in session.scalars(select(Inspection).where(Inspection.id.in_(ids))):
        listed = units.get(i.id, [])
        total, open_ = counts.get(i.id, (0, 0))
        rows.append(InspectionRow(
            i.id, i.inspected_on, i.kind, vocab.label("inspection_type", i.kind), i.title,
            tuple(u for u, _ in listed), tuple(n for _, n in listed), i.inspectors, i.summary,
            total, int(open_ or 0), i.version))
    return ordered_by_ids(rows, ids)


def get_inspection(session: Session, inspection_id: int) -> InspectionRow:
    """One inspection as a row; NotFound when it was deleted."""
    rows = inspection_rows(session, [inspection_id])
    if not rows:
        raise NotFound("该监督检查记录不存在。")
    return rows[0]


def inspection_choices(session: Session, actor: Actor) -> list[InspectionRow]:
    """Every inspection the actor sees, newest first: the finding form's 所属检查 list."""
    return inspection_rows(session, search_inspection_ids(session, actor, InspectionFilter()))


def inspection_years(session: Session) -> list[int]:
    """Years that hold an inspection or a finding, newest first."""
    years = {int(y) for (y,) in session.execute(
        select(extract("year", Inspection.inspected_on)).distinct()) if y is not None}
    years |= {int(y) for (y,) in session.execute(
        select(extract("year", Finding.found_on)).distinct()) if y is not None}
    return sorted(years, reverse=True)


def _validate(session: Session, actor: Actor, draft: InspectionDraft, today: dt.date) -> tuple[str, list[Unit]]:
    if draft.inspected_on is None:
        raise ValidationError("请填写检查日期。", "inspected_on")
    not_future(draft.inspected_on, today, "检查日期", "inspected_on")
    require_code(load_vocabulary(session), "inspection_type", draft.kind, "kind")
    title = required_text(draft.title, "检查名称", "title", 200)
    units = []
    for unit_id in dict.fromkeys(draft.unit_ids):
        unit = session.get(Unit, unit_id)
        if unit is None:
            raise ValidationError("所选被检查单位不存在。", "unit_ids")
        require_write(actor, unit.id, unit.name)
        units.append(unit)
    if not units and actor.unit_ids is not None:
        raise ValidationError("限定单位的用户不能登记全系统检查，请选择被检查单位。", "unit_ids")
    limited_text(draft.inspectors, "检查人员", "inspectors", 500)
    limited_text(draft.summary, "检查情况", "summary", 4000)
    return title, units


def _require_units(actor: Actor, inspection: Inspection) -> None:
    """An existing inspection is the actor's to change when all its units are theirs; a
    system-wide one (no units) belongs to no unit: only a user of all units changes it."""
    if not inspection.units:
        require_all_units(actor, "全系统检查")
    for unit in inspection.units:
        require_write(actor, unit.id, unit.name)


def save_inspection(session: Session, actor: Actor, draft: InspectionDraft, today: dt.date) -> int:
    """Adds or edits an inspection; raises ValidationError naming the first bad field. A closed
    year refuses a 录入员 and needs an administrator's correction reason."""
    require_write(actor)
    title, units = _validate(session, actor, draft, today)
    year = draft.inspected_on.year
    unit_ids = sorted(u.id for u in units)
    if draft.id is None:
        correcting = archive.guard_year(session, actor, year, draft.correction_reason, "监督检查")
        inspection = Inspection(inspected_on=draft.inspected_on, kind=draft.kind, title=title,
                                inspectors=clean(draft.inspectors), summary=clean(draft.summary))
        inspection.units = units
        session.add(inspection)
        session.flush()
        audit.created(session, actor, inspection, summary=f"新增监督检查 {title}", unit_ids=unit_ids)
    else:
        inspection = load_for_update(session, Inspection, draft.id, draft.version, "监督检查记录")
        _require_units(actor, inspection)
        correcting = archive.guard_year(session, actor, inspection.inspected_on.year,
                                        draft.correction_reason, "监督检查")
        correcting = archive.guard_year(session, actor, year, draft.correction_reason, "监督检查") or correcting
        findings_before = session.scalar(select(func.min(Finding.found_on)).where(
            Finding.inspection_id == inspection.id))
        if findings_before is not None and draft.inspected_on > findings_before:
            raise ValidationError(f"该检查发现的问题最早登记于 {findings_before:%Y-%m-%d}，"
                                  "检查日期不能晚于它。", "inspected_on")
        before = audit.snapshot(inspection, unit_ids=sorted(u.id for u in inspection.units))
        inspection.inspected_on, inspection.kind, inspection.title = draft.inspected_on, draft.kind, title
        inspection.inspectors, inspection.summary = clean(draft.inspectors), clean(draft.summary)
        inspection.units = units
        session.flush()
        audit.updated(session, actor, inspection, before, summary=f"修改监督检查 {title}",
                      unit_ids=unit_ids)
    if correcting:
        archive.record_correction(session, actor, "inspections", inspection.id, year,
                                  draft.correction_reason)
    return inspection.id


def delete_inspection(session: Session, actor: Actor, inspection_id: int, correction_reason: str = "") -> None:
    """Deletes an inspection entered by mistake; one that produced findings is kept. In a closed
    year only an administrator, with a reason."""
    inspection = load_for_update(session, Inspection, inspection_id, None, "监督检查记录")
    require_write(actor)
    _require_units(actor, inspection)
    year = inspection.inspected_on.year
    correction = archive.guard_year(session, actor, year, correction_reason, "监督检查")
    linked = session.scalar(select(func.count()).where(Finding.inspection_id == inspection_id))
    if linked:
        raise ValidationError(f"“{inspection.title}”已登记了 {linked} 个问题，不能删除。")
    audit.deleted(session, actor, inspection, summary=f"删除监督检查 {inspection.title}",
                  unit_ids=sorted(u.id for u in inspection.units))
    inspection.units = []
    session.delete(inspection)
    session.flush()
    if correction:
        archive.record_correction(session, actor, "inspections", inspection_id, year, correction_reason)


# ---- monthly coverage -----------------------------------------------------------------------


def inspections_per_month(session: Session, actor: Actor, year: int,
                          kind: str | None = STYLE_CHECK) -> list[int]:
    """Twelve counts (January first) of the inspections of `kind` (None = every kind) the
    actor sees, dated in each month of `year`."""
    filt = InspectionFilter(year=year, kind=kind or "")
    ids = _query(session, actor, filt).subquery()
    month = extract("month", Inspection.inspected_on)
    counts = dict(session.execute(
        select(month, func.count()).where(Inspection.id.in_(select(ids.c.id))).group_by(month)).all())
    return [int(counts.get(m, 0)) for m in range(1, 13)]


def monthly_coverage(session: Session, actor: Actor, year: int, today: dt.date) -> YearCoverage:
    """DESIGN "monthly coverage": each month's 工作作风纪律检查 count. A month that has ended
    with none is flagged ("missing"); the current month without one yet is "current"."""
    counts = inspections_per_month(session, actor, year, STYLE_CHECK)
    months = []
    for month, count in enumerate(counts, start=1):
        first = dt.date(year, month, 1)
        if count:
            state = "ok"
        elif first > today:
            state = "future"
        elif (year, month) == (today.year, today.month):
            state = "current"
        else:
            state = "missing"
        months.append(MonthCoverage(month, count, state))
    return YearCoverage(year, tuple(months))


def coverage_years(session: Session, actor: Actor, today: dt.date, count: int = 3) -> list[YearCoverage]:
    """The coverage of the last `count` years up to today's, newest first."""
    return [monthly_coverage(session, actor, today.year - n, today) for n in range(count)]
