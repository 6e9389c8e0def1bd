"""Reading findings: the filter in SQL (overdue and due soon derived from `today`), rows by id
with their extensions and progress, one finding, and what points at it."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Select, and_, bindparam, case, column, func, literal_column, null, or_, select, union_all
from sqlalchemy.orm import Session, aliased

from app.auth import Actor
from app.common import KeptStatements, clean, like_any
from app.dictionaries import load_vocabulary
from app.errors import NotFound
from app.registers.findings.types import (
    NOT_CLOSED,
    OPEN_STATUSES,
    STATUS_ORDER,
    FindingFilter,
    FindingRow,
)
from app.registers.units.query import descendant_unit_ids
from app.settings import load_settings
from app.visibility import readable
from app.vocab import FINDING_RESULT, FINDING_STATUS
from db.models import (
    Attachment,
    Finding,
    FindingExtension,
    FindingProgress,
    FindingStatusChange,
    Inspection,
    Person,
    Talk,
    Unit,
    ledger_findings,
)

OWNER_UNIT = func.coalesce(Finding.resp_unit_id, Finding.unit_id)


def deadline_conditions(today: dt.date, due_soon_days: int) -> tuple:
    """(overdue, due soon) as SQL conditions, by DESIGN's definitions."""
    open_ = Finding.status.in_(OPEN_STATUSES)
    overdue = and_(open_, Finding.deadline.is_not(None), Finding.deadline < today)
    soon = and_(open_, Finding.deadline.is_not(None),
                Finding.deadline.between(today, today + dt.timedelta(days=due_soon_days)))
    return overdue, soon


def finding_query(session: Session, actor: Actor, filt: FindingFilter, today: dt.date,
                  due_soon_days: int | None = None):  # noqa: ANN201 — a Select of Finding.id
    """The ids matching `filt` that the actor may see (unsorted): the base of lists and figures."""
    conditions = []
    conditions.append(readable(actor, Finding))
    if filt.year is not None:
        first, last = dt.date(filt.year, 1, 1), dt.date(filt.year, 12, 31)
        found = Finding.found_on.between(first, last)
        conditions.append(or_(found, Finding.closed_on.between(first, last)) if filt.closed_too else found)
    if filt.start is not None:
        conditions.append(Finding.found_on >= filt.start)
    if filt.end is not None:
        conditions.append(Finding.found_on <= filt.end)
    if filt.unit_id is not None:
        conditions.append(OWNER_UNIT.in_(descendant_unit_ids(session, filt.unit_id)))
    if filt.source:
        conditions.append(Finding.source == filt.source)
    if filt.status == "open":
        conditions.append(Finding.status.in_(NOT_CLOSED))
    elif filt.status:
        conditions.append(Finding.status == filt.status)
    if filt.deadline:
        days = load_settings(session).due_soon_days if due_soon_days is None else due_soon_days
        overdue, soon = deadline_conditions(today, days)
        conditions.append(overdue if filt.deadline == "overdue" else soon)
    if filt.resp_person_id is not None:
        conditions.append(Finding.resp_person_id == filt.resp_person_id)
    if clean(filt.resp_person):
        conditions.append(like_any(clean(filt.resp_person), Finding.resp_person_name))
    if filt.inspection_id is not None:
        conditions.append(Finding.inspection_id == filt.inspection_id)
    if filt.category:
        conditions.append(Finding.category == filt.category)
    if filt.categories is not None:
        conditions.append(Finding.category.in_(filt.categories))
    if filt.revisit_only:
        conditions.append(Finding.revisit)
    text = clean(filt.text)
    if text:
        conditions.append(like_any(text, Finding.code, Finding.description, Finding.requirement,
                                   Finding.measures, Finding.resp_person_name, Finding.resp_leader,
                                   Finding.notes))
    query = select(Finding.id)
    return query.where(and_(*conditions)) if conditions else query


def _unit_name_of(column):  # noqa: ANN001, ANN202
    return select(Unit.name).where(Unit.id == column).scalar_subquery()


SORT_KEYS = {
    "code": Finding.code,
    "found_on": Finding.found_on,
    "unit": _unit_name_of(Finding.unit_id),
    "owner_unit": _unit_name_of(OWNER_UNIT),
    "description": Finding.description,
    "source": Finding.source,
    "category": Finding.category,
    "resp_person": Finding.resp_person_name,
    "resp_leader": Finding.resp_leader,
    "kind": Finding.kind,
    "deadline": Finding.deadline,
    "status": case(STATUS_ORDER, value=Finding.status, else_=9),
    "result": Finding.result,
    "closed_on": Finding.closed_on,
    "revisit": Finding.revisit,
}


def search_finding_ids(session: Session, actor: Actor, filt: FindingFilter, today: dt.date,
                       sort: str = "found_on", descending: bool = True, *,
                       limit: int | None = None) -> list[int]:
    """Ids of the findings matching `filt` the actor may see, sorted in SQL (newest first by
    default; ties by 问题编号); `limit`: the first ids only (the table's first page)."""
    def build() -> Select:
        sort_column = SORT_KEYS.get(sort, Finding.found_on)
        order = sort_column.desc() if descending else sort_column.asc()
        # Ties: the newest found, then the newest entered; not the sort column again (a repeated
        # term makes SQLite sort each run of equal days itself instead of reading the index).
        tie = [c.desc() for c in (Finding.found_on, Finding.id) if c is not sort_column]
        return finding_query(session, actor, filt, today).order_by(order, *tie).limit(limit)

    # A filter whose SQL reads nothing (no unit tree, no settings): one statement, kept.
    pure = filt.unit_id is None and not filt.deadline
    key = (filt, today, sort, descending, limit, actor.unit_ids)
    query = _ID_QUERIES.get(key, build) if pure else build()
    session.flush()  # what this session wrote is read back (the connection does not autoflush)
    return list(session.connection().execute(query).scalars())


_ID_QUERIES = KeptStatements()


# Built once: a page of rows costs two queries and no statement construction.
_IDS = bindparam("ids", expanding=True)


_REOPENED = (select(func.count()).where(FindingStatusChange.finding_id == Finding.id,
                                        FindingStatusChange.from_status == "closed")
             .correlate(Finding).scalar_subquery())


_UNIT, _RESP_UNIT = aliased(Unit), aliased(Unit)
_F = Finding
_ROWS = (select(_F.id, _F.code, _F.source, _F.inspection_id, _F.found_on, _F.unit_id, _F.description, _F.category,
                _F.risk_point_id, _F.requirement, _F.measures, _F.resp_unit_id, _F.resp_person_id,
                _F.resp_person_name, _F.resp_leader, _F.kind, _F.deadline, _F.status, _F.result, _F.rectified_on,
                _F.accepted_by, _F.accepted_on, _F.closed_on, _F.revisit, _F.notes, _F.version, Person.name,
                Inspection.inspected_on, Inspection.title, _REOPENED, _UNIT.name, _RESP_UNIT.name)
         .outerjoin(Person, Person.id == _F.resp_person_id)
         .outerjoin(Inspection, Inspection.id == _F.inspection_id)
         .outerjoin(_UNIT, _UNIT.id == _F.unit_id)
         .outerjoin(_RESP_UNIT, _RESP_UNIT.id == _F.resp_unit_id)
         .where(_F.id.in_(_IDS)))


# A finding's extensions (0) and progress notes (1), each in its order, in one statement:
# (finding, which, a date — the old deadline or the day noted —, the new deadline, the text).
_HISTORY = union_all(
    select(FindingExtension.finding_id, literal_column("0").label("which"), FindingExtension.old_deadline.label("day"),
           FindingExtension.new_deadline.label("new_deadline"), FindingExtension.reason.label("text"),
           FindingExtension.extended_on.label("sort_day"), FindingExtension.id.label("sort_id"))
    .where(FindingExtension.finding_id.in_(_IDS)),
    select(FindingProgress.finding_id, literal_column("1"), FindingProgress.noted_on, null(), FindingProgress.text,
           FindingProgress.noted_on, FindingProgress.id)
    .where(FindingProgress.finding_id.in_(_IDS)),
).order_by(column("which"), column("sort_day"), column("sort_id"))


def finding_rows(session: Session, ids: Sequence[int], today: dt.date,
                 due_soon_days: int | None = None) -> list[FindingRow]:
    """Rows for `ids`, in that order, with overdue / due-soon told for `today`."""
    if not ids:
        return []
    ids = list(ids)
    session.flush()  # what this session wrote is read back (the connection does not autoflush)
    connection = session.connection()  # column queries: no ORM layer needed
    days = load_settings(connection).due_soon_days if due_soon_days is None else due_soon_days
    label = load_vocabulary(session).label
    extensions: dict[int, list[tuple]] = {}
    progress: dict[int, list[tuple]] = {}
    for finding_id, which, day, new_deadline, text, _day, _id in connection.execute(_HISTORY, {"ids": ids}).all():
        if which:
            progress.setdefault(finding_id, []).append((day, text))
        else:
            extensions.setdefault(finding_id, []).append((day, new_deadline, text))
    # Plain tuples unpacked (a Row's attribute costs ~1.5 µs, and 40 are read a row).
    found = {}
    for (finding_id, code, source, inspection_id, found_on, unit_id, description, category, risk_point_id,
         requirement, measures, resp_unit_id, resp_person_id, resp_person_name, resp_leader, kind, deadline,
         status, result, rectified_on, accepted_by, accepted_on, closed_on, revisit, notes, version, person_name,
         inspection_on, inspection_title, reopened, unit_name, resp_unit_name) in connection.execute(
            _ROWS, {"ids": ids}).all():
        ext = extensions.get(finding_id, ())
        days_left = (deadline - today).days if status in OPEN_STATUSES and deadline is not None else None
        found[finding_id] = FindingRow(
            finding_id, code, source, label("finding_source", source), inspection_id,
            f"{inspection_on:%Y-%m-%d} {inspection_title}" if inspection_id else "",
            found_on, unit_id, unit_name or "", description, category,
            label("finding_category", category), risk_point_id, requirement, measures,
            resp_unit_id, (resp_unit_name or "") if resp_unit_id else "",
            resp_person_id, person_name or resp_person_name, resp_leader,
            kind, label("finding_type", kind), deadline,
            ext[0][0] if ext and ext[0][0] else deadline, tuple(ext), status,
            FINDING_STATUS.get(status, status), result, FINDING_RESULT.get(result, ""),
            rectified_on, accepted_by, accepted_on, closed_on, revisit, notes,
            tuple(progress.get(finding_id, ())), int(reopened or 0), version,
            days_left is not None and days_left < 0,
            days_left is not None and 0 <= days_left <= days, days_left)
    return [found[i] for i in ids if i in found]


def get_finding(session: Session, finding_id: int, today: dt.date) -> FindingRow:
    """One finding as a row; NotFound when it was deleted."""
    rows = finding_rows(session, [finding_id], today)
    if not rows:
        raise NotFound("该问题不存在（可能已被删除）。")
    return rows[0]


def finding_references(session: Session, finding_id: int) -> dict[str, int]:
    """What keeps a finding from being deleted: its history, evidence and links, counted."""
    checks = {
        "整改进展": select(func.count()).where(FindingProgress.finding_id == finding_id),
        "延期记录": select(func.count()).where(FindingExtension.finding_id == finding_id),
        "状态变更": select(func.count()).where(FindingStatusChange.finding_id == finding_id,
                                            FindingStatusChange.from_status != ""),
        "佐证材料": select(func.count()).where(Attachment.entity == "findings",
                                           Attachment.entity_id == finding_id),
        "第一种形态台账": select(func.count()).where(ledger_findings.c.finding_id == finding_id),
        "谈话记录": select(func.count()).where(Talk.finding_id == finding_id),
    }
    return {label: n for label, q in checks.items() if (n := session.scalar(q))}

