"""Reading inspections: the filter in SQL (a unit-limited user sees their units' and the
system-wide ones), rows by id, choices for linking findings, the years on record."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import and_, case, exists, extract, func, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.common import (
    clean,
    like_any,
    ordered_by_ids,
)
from app.dictionaries import load_vocabulary
from app.errors import NotFound
from app.registers.inspections.types import InspectionFilter, InspectionRow
from app.registers.units.query import descendant_unit_ids
from app.visibility import readable
from db.models import Finding, Inspection, Unit, inspection_units

OPEN_STATUSES = ("pending", "in_progress", "rectified")


SORT_KEYS = {
    "inspected_on": Inspection.inspected_on,
    "kind": Inspection.kind,
    "title": Inspection.title,
    "inspectors": Inspection.inspectors,
}


def _query(session: Session, actor: Actor, filt: InspectionFilter):  # noqa: ANN202
    conditions = [readable(actor, Inspection)]  # system-wide inspections and those of their units
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

