"""归档 (the yearly archive): an administrator closes a year once it has ended; its ledgers — every
register app/registry.py keeps by year (risk assessments, inspections, findings found or closed in
it, talks, first-form entries, 报备, clues, sanctions, 责任书, 专题研究, 考核 and 述职述廉, 报告报送,
廉政教育) — become read-only (`app.archive.guard_year`, called by every register service before it writes).
A correction afterwards needs the administrator and a reason; it is audited as `correct` and
listed here. Closing and reopening are audited too (`close_year`, `reopen_year`).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, Role, require_role
from app.common import limited_text
from app.errors import ValidationError
from app.visibility import readable, readable_ids
from app.registry import YEAR_COUNTS, YearCount
from db.models import AuditEntry, RiskAssessment, YearClosure

# What a closed year holds, per register (app/registry.py: every register's figures of a year).
LEDGERS: tuple[YearCount, ...] = YEAR_COUNTS


def _local(utc: dt.datetime) -> dt.datetime:
    """A stored UTC time in the PC's time zone (as the 操作日志 shows times)."""
    return utc.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


@dataclass(frozen=True)
class YearStatus:
    year: int
    closed: bool
    closed_at: dt.datetime | None         # local time
    closed_by: str
    counts: tuple[tuple[str, int], ...]   # (register label, records of the year)
    risk_drafts: int                      # assessments still draft: worth a look before closing
    corrections: int

    @property
    def closable(self) -> bool:
        return not self.closed


@dataclass(frozen=True)
class CorrectionRow:
    at: dt.datetime    # local time of the audit row
    user_name: str
    entity: str        # table name: ENTITY_LABELS names it
    entity_id: str
    year: int | None
    reason: str
    summary: str


def _per_year(session: Session, actor: Actor, count: YearCount) -> dict[int, int]:
    column = count.column
    year = column if column.type.python_type is int else extract("year", column)
    where = [column.is_not(None), readable(actor, count.model)]
    if count.where is not None:
        where.append(count.where)
    return {int(y): n for y, n in session.execute(select(year, func.count()).where(*where).group_by(year))
            if y is not None}


def list_archive_years(session: Session, actor: Actor, today: dt.date) -> list[YearStatus]:
    """Every year up to last year that holds records or is closed, newest first, with what it
    holds per register, the risk drafts left and the corrections made after closing — of the
    records the actor may read."""
    require_role(actor, Role.VIEWER)
    per_register = [(count.label, _per_year(session, actor, count)) for count in LEDGERS]
    closures = {c.year: c for c in session.scalars(select(YearClosure))}
    drafts = dict(session.execute(select(RiskAssessment.year, func.count())
                                  .where(RiskAssessment.status == "draft", readable(actor, RiskAssessment))
                                  .group_by(RiskAssessment.year)).all())
    corrections: dict[int, int] = {}
    for row in list_corrections(session, actor):
        if row.year is not None:
            corrections[row.year] = corrections.get(row.year, 0) + 1
    years = {y for _label, counts in per_register for y in counts} | set(closures)
    found = []
    for year in sorted((y for y in years if y < today.year), reverse=True):
        closure = closures.get(year)
        found.append(YearStatus(
            year, closure is not None, _local(closure.closed_at) if closure else None,
            closure.closed_by if closure else "",
            tuple((label, counts.get(year, 0)) for label, counts in per_register),
            int(drafts.get(year, 0)), corrections.get(year, 0)))
    return found


def close_year(session: Session, actor: Actor, year: int, today: dt.date) -> None:
    """归档 `year` (管理员 only, once the year has ended): its ledgers become read-only; audited."""
    require_role(actor, Role.ADMIN)
    if year >= today.year:
        raise ValidationError(f"{year} 年度尚未结束，不能归档。", "year")
    if session.get(YearClosure, year) is not None:
        raise ValidationError(f"{year} 年度已经归档。", "year")
    closure = YearClosure(year=year, closed_by=actor.username)
    session.add(closure)
    session.flush()
    audit.record(session, actor, "close_year", "year_closures", year, new={"year": year},
                 summary=f"归档 {year} 年度：该年度的台账转为只读，更正需管理员填写原因")


def reopen_year(session: Session, actor: Actor, year: int, reason: str) -> None:
    """Takes `year` out of the archive again (管理员 only, with a reason); audited."""
    require_role(actor, Role.ADMIN)
    reason = limited_text(reason, "原因", "reason", 500)
    if not reason:
        raise ValidationError("取消归档需填写原因。", "reason")
    closure = session.get(YearClosure, year)
    if closure is None:
        raise ValidationError(f"{year} 年度尚未归档。", "year")
    old = {"year": year, "closed_by": closure.closed_by, "closed_at": closure.closed_at}
    session.delete(closure)
    session.flush()
    audit.record(session, actor, "reopen_year", "year_closures", year, old=old,
                 new={"reason": reason}, summary=f"取消 {year} 年度归档：{reason}")


def list_corrections(session: Session, actor: Actor, year: int | None = None) -> list[CorrectionRow]:
    """The corrections made to closed years (audit rows `correct`), newest first — of the records
    the actor may read."""
    require_role(actor, Role.VIEWER)
    rows = list(session.scalars(select(AuditEntry).where(AuditEntry.action == "correct")
                                .order_by(AuditEntry.id.desc())))
    shown: dict[str, set[object]] = {}
    for table in {e.entity for e in rows}:
        shown[table] = readable_ids(session, actor, table, [e.entity_id for e in rows if e.entity == table])
    found = []
    for entry in rows:
        if entry.entity_id not in shown[entry.entity]:
            continue
        values = json.loads(entry.new) if entry.new else {}
        row_year = values.get("year")
        if year is not None and row_year != year:
            continue
        found.append(CorrectionRow(_local(dt.datetime.fromisoformat(entry.at)), entry.user_name, entry.entity, entry.entity_id,
                                   row_year, values.get("reason", ""), entry.summary))
    return found


def corrected_ids(session: Session, entity: str) -> set[str]:
    """Ids of the records of `entity` (a table name) corrected after their year was closed: the
    register pages and forms mark them."""
    return set(session.scalars(select(AuditEntry.entity_id).distinct()
                               .where(AuditEntry.action == "correct", AuditEntry.entity == entity)))
