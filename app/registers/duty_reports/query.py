"""Reading 报告报送: the filter in SQL (a unit-limited user sees their units'), rows by id, years."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.common import clean, like_any, ordered_by_ids
from app.errors import NotFound
from app.registers.duty_reports.types import ENTITY, DutyReportFilter, DutyReportRow
from app.registers.units.query import UNIT_ORDER_SQL, descendant_unit_ids
from app.visibility import readable
from db.models import Attachment, DutyReport, Unit

SORT_KEYS = {"received_on": lambda: DutyReport.received_on, "unit": lambda: UNIT_ORDER_SQL[0],
             "kind": lambda: DutyReport.kind, "period": lambda: DutyReport.period,
             "title": lambda: DutyReport.title}


def conditions(session: Session, actor: Actor, filt: DutyReportFilter) -> list:
    where: list = []
    where.append(readable(actor, DutyReport))
    if filt.year is not None:
        where.append(DutyReport.year == filt.year)
    if filt.kind:
        where.append(DutyReport.kind == filt.kind)
    if filt.period is not None:
        where.append(DutyReport.period == filt.period)
    if filt.unit_id is not None:
        where.append(DutyReport.unit_id.in_(descendant_unit_ids(session, filt.unit_id)))
    text = clean(filt.text)
    if text:
        named = select(Unit.id).where(like_any(text, Unit.name))
        where.append(or_(like_any(text, DutyReport.title, DutyReport.notes), DutyReport.unit_id.in_(named)))
    return where


def search_duty_report_ids(session: Session, actor: Actor, filt: DutyReportFilter, sort: str = "received_on",
                           descending: bool = True, *, limit: int | None = None) -> list[int]:
    """Ids of the reports matching `filt` that the actor sees, sorted in SQL (latest first)."""
    column = SORT_KEYS.get(sort, SORT_KEYS["received_on"])()
    order = column.desc() if descending else column.asc()
    query = (select(DutyReport.id).join(Unit, DutyReport.unit_id == Unit.id)
             .where(*conditions(session, actor, filt))
             .order_by(order, DutyReport.received_on.desc(), DutyReport.id.desc()).limit(limit))
    return list(session.scalars(query))


def duty_report_rows(session: Session, ids: Sequence[int]) -> list[DutyReportRow]:
    if not ids:
        return []
    files = dict(session.execute(select(Attachment.entity_id, func.count()).where(
        Attachment.entity == ENTITY, Attachment.entity_id.in_(ids)).group_by(Attachment.entity_id)).all())
    rows = [DutyReportRow(r.id, r.unit_id, unit_name, r.kind, r.year, r.period, r.title, r.received_on, r.notes,
                          files.get(r.id, 0), r.version)
            for r, unit_name in session.execute(select(DutyReport, Unit.name).join(Unit, DutyReport.unit_id == Unit.id)
                                                .where(DutyReport.id.in_(ids)))]
    return ordered_by_ids(rows, ids)


def get_duty_report(session: Session, report_id: int) -> DutyReportRow:
    rows = duty_report_rows(session, [report_id])
    if not rows:
        raise NotFound("该报送记录不存在（可能已被删除）。")
    return rows[0]


def duty_report_years(session: Session) -> list[int]:
    return sorted(session.scalars(select(DutyReport.year).distinct()), reverse=True)
