"""Reading the risk register: its rows and filters in SQL, counts per level, a point's history
across years, choices for linking, and the reviews due."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from sqlalchemy import Select, and_, bindparam, exists, func, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.common import clean, like_any, ordered_by_ids
from app.dictionaries import load_vocabulary
from app.errors import NotFound
from app.registers.risks.stats import resolve_year
from app.registers.risks.types import (
    CONFIRMED,
    DRAFT,
    RETIRED,
    LevelChangeRow,
    RiskFilter,
    RiskRow,
    YearAssessment,
)
from app.registers.units.query import UNIT_ORDER_SQL, descendant_unit_ids
from app.vocab import ASSESSMENT_STATUS, LEVELS
from app.visibility import may_read_unit, readable
from db.joins import outer_first
from db.models import RiskAssessment, RiskLevelChange, RiskMeasure, RiskPoint, Unit

RISK_SORT_KEYS = {
    "code": RiskPoint.code,
    "unit": UNIT_ORDER_SQL[0],
    "post": RiskPoint.post,
    "duty_item": RiskPoint.duty_item,
    "name": RiskPoint.name,
    "category": RiskAssessment.category,
    "level": RiskAssessment.level,
    "person": RiskAssessment.responsible_person,
    "leader": RiskAssessment.responsible_leader,
    "status": RiskAssessment.status,
    "next_review": RiskAssessment.next_review,
}


def status_condition(status: str):  # noqa: ANN201 — SQL expression or None
    if status == "all":
        return None
    if status in (DRAFT, CONFIRMED, RETIRED):
        return RiskAssessment.status == status
    return RiskAssessment.status != RETIRED


def risk_query(session: Session, actor: Actor, filt: RiskFilter, year: int | None, *,
               units_first: bool = False):  # noqa: ANN201
    """SELECT assessment ids (joined to point and unit) for `filt` in `year`, unordered;
    `units_first`: the units read as the outer loop (for the order by unit, search_risk_ids)."""
    units = None
    if filt.unit_id is not None:
        units = frozenset(descendant_unit_ids(session, filt.unit_id) if filt.with_sub_units else {filt.unit_id})
    return _risk_query(actor, filt, year, units, units_first)


def _risk_query(actor: Actor, filt: RiskFilter, year: int | None, units: frozenset[int] | None,
                units_first: bool):  # noqa: ANN202
    if units_first:
        query = select(RiskAssessment.id).select_from(outer_first(
            outer_first(Unit, RiskPoint, RiskPoint.unit_id == Unit.id),
            RiskAssessment, RiskAssessment.risk_point_id == RiskPoint.id))
    else:
        query = (select(RiskAssessment.id)
                 .join(RiskPoint, RiskAssessment.risk_point_id == RiskPoint.id)
                 .join(Unit, RiskPoint.unit_id == Unit.id))
    conditions = [RiskAssessment.year == year]
    if (status := status_condition(filt.status)) is not None:
        conditions.append(status)
    if units is not None:
        conditions.append(RiskPoint.unit_id.in_(sorted(units)))
    if filt.unit_kind:
        conditions.append(Unit.kind == filt.unit_kind)
    conditions.append(readable(actor, RiskPoint))
    if filt.level is not None:
        conditions.append(RiskAssessment.level == filt.level)
    if filt.category:
        conditions.append(RiskAssessment.category == filt.category)
    if filt.point_id is not None:
        conditions.append(RiskAssessment.risk_point_id == filt.point_id)
    if filt.top_control_only:
        conditions.append(RiskPoint.unit_id.in_(top_units_query(year)))
    text = clean(filt.text)
    if text:
        measure_hit = exists(select(RiskMeasure.id).where(
            RiskMeasure.assessment_id == RiskAssessment.id, like_any(text, RiskMeasure.text)))
        conditions.append(like_any(text, RiskPoint.code, RiskPoint.name, RiskPoint.post,
                                   RiskPoint.duty_item, RiskAssessment.description, Unit.name,
                                   RiskAssessment.responsible_person,
                                   RiskAssessment.responsible_leader) | measure_hit)
    return query.where(and_(*conditions))


def top_units_query(year: int | None):  # noqa: ANN201 — a subquery of unit ids
    """Units whose 防控等级 in `year` is 一级 (a confirmed assessment of level 1)."""
    inner = RiskAssessment.__table__.alias("top_ra")
    points = RiskPoint.__table__.alias("top_rp")
    return (select(points.c.unit_id).join(inner, inner.c.risk_point_id == points.c.id)
            .where(inner.c.year == year, inner.c.status == CONFIRMED, inner.c.level == 1))


def search_risk_ids(session: Session, actor: Actor, filt: RiskFilter, sort: str = "unit",
                    descending: bool = False, *, limit: int | None = None) -> list[int]:
    """Assessment ids of the year matching `filt` (a unit-limited user sees only their units),
    filtered and sorted in SQL; the table fetches rows by id as they are shown. `limit`: the
    first ids only (the table's first page)."""
    year = resolve_year(session, filt.year)
    if year is None:
        return []
    units = None
    if filt.unit_id is not None:
        units = frozenset(descendant_unit_ids(session, filt.unit_id) if filt.with_sub_units else {filt.unit_id})
    session.flush()  # what this session wrote is read back (the connection does not autoflush)
    return session.connection().execute(
        _ids_statement(actor, filt, year, units, sort, descending, limit)).scalars().all()


@lru_cache(maxsize=64)
def _ids_statement(actor: Actor, filt: RiskFilter, year: int, units: frozenset[int] | None,
                   sort: str, descending: bool, limit: int | None) -> Select:
    """The id query, built once per user, filter (`units`: the unit filter's subtree, read per
    call), year and order — a statement built anew cost as much as the read of a screenful.
    By unit the units are the outer loop, read in their order (ix_units_display_order), each
    unit's points and their assessment of the year over their indexes: only a unit's own
    assessments are sorted (by level and code), never the year's — a screenful reads the first
    units' only. `Unit.id` after the name changes nothing (names are unique) but tells SQLite
    that each unit is one group of that loop."""
    column = RISK_SORT_KEYS.get(sort, UNIT_ORDER_SQL[0])
    if column is UNIT_ORDER_SQL[0]:
        kind, *rest = UNIT_ORDER_SQL  # descending: the kinds reversed, as before
        first: tuple = (kind.desc() if descending else kind, *rest, Unit.id)
    else:
        first = (column.desc() if descending else column.asc(), *UNIT_ORDER_SQL)
    return (_risk_query(actor, filt, year, units, column is UNIT_ORDER_SQL[0])
            .order_by(*first, RiskAssessment.level, RiskPoint.code, RiskAssessment.id).limit(limit))


def count_by_level(session: Session, actor: Actor, filt: RiskFilter) -> dict[int, int]:
    """Confirmed assessments per level among those `filt` selects (drafts never count)."""
    year = resolve_year(session, filt.year)
    if year is None or filt.status in (DRAFT, RETIRED):
        return {level: 0 for level in LEVELS}
    query = (risk_query(session, actor, replace(filt, status=CONFIRMED), year)
             .with_only_columns(RiskAssessment.level, func.count()).group_by(RiskAssessment.level))
    counted = dict(session.execute(query).all())
    return {level: counted.get(level, 0) for level in LEVELS}


_ROW_COLUMNS = (
    RiskAssessment.id, RiskPoint.id, RiskPoint.code, RiskPoint.unit_id, Unit.name, Unit.kind,
    RiskPoint.post, RiskPoint.duty_item, RiskPoint.name, RiskAssessment.year,
    RiskAssessment.description, RiskAssessment.category, RiskAssessment.level,
    RiskAssessment.likelihood, RiskAssessment.consequence, RiskAssessment.responsible_person,
    RiskAssessment.responsible_leader, RiskAssessment.next_review, RiskAssessment.status,
    RiskAssessment.confirmed_by, RiskAssessment.version, RiskPoint.version,
)


# Built once, the ids bound when run (no statement building per page of rows).
_IDS = bindparam("ids", expanding=True)
_ROWS = (select(*_ROW_COLUMNS).join(RiskPoint, RiskAssessment.risk_point_id == RiskPoint.id)
         .join(Unit, RiskPoint.unit_id == Unit.id).where(RiskAssessment.id.in_(_IDS)))
_MEASURES = (select(RiskMeasure.assessment_id, RiskMeasure.text)
             .where(RiskMeasure.assessment_id.in_(_IDS)).order_by(RiskMeasure.seq, RiskMeasure.id))


def risk_rows(session: Session, ids: Sequence[int]) -> list[RiskRow]:
    """The rows for a page of assessment ids, in the order of `ids` (measures included).
    Plain columns, not ORM objects: a page of rows is read, never written."""
    if not ids:
        return []
    vocab = load_vocabulary(session)
    bound = {"ids": list(ids)}
    session.flush()  # what this session wrote is read back (the connection does not autoflush)
    connection = session.connection()  # column queries: no ORM layer needed
    found = connection.execute(_ROWS, bound).all()
    measures: dict[int, list[str]] = {}
    for assessment_id, text in connection.execute(_MEASURES, bound):
        measures.setdefault(assessment_id, []).append(text)
    rows = [
        RiskRow(aid, pid, code, unit_id, unit_name, unit_kind, post, duty, name, year, description,
                category, vocab.label("risk_category", category), level, likelihood, consequence,
                tuple(measures.get(aid, ())), person, leader, next_review, status,
                ASSESSMENT_STATUS.get(status, status), confirmed_by, version, point_version)
        for (aid, pid, code, unit_id, unit_name, unit_kind, post, duty, name, year, description,
             category, level, likelihood, consequence, person, leader, next_review, status,
             confirmed_by, version, point_version) in found
    ]
    return ordered_by_ids(rows, ids)


def get_risk(session: Session, assessment_id: int) -> RiskRow:
    rows = risk_rows(session, [assessment_id])
    if not rows:
        raise NotFound("该风险点评估不存在。")
    return rows[0]


def level_history(session: Session, point_id: int) -> list[LevelChangeRow]:
    """Every level change of a risk point across years, oldest first (动态调整)."""
    changes = session.scalars(select(RiskLevelChange).where(RiskLevelChange.risk_point_id == point_id)
                              .order_by(RiskLevelChange.year, RiskLevelChange.changed_on, RiskLevelChange.id))
    return [LevelChangeRow(c.year, c.changed_on, c.from_level, c.to_level, c.reason, c.user_name)
            for c in changes]


def point_years(session: Session, point_id: int) -> list[YearAssessment]:
    """The point's assessment in each year, oldest first."""
    found = session.execute(select(RiskAssessment.id, RiskAssessment.year, RiskAssessment.level,
                                   RiskAssessment.status)
                            .where(RiskAssessment.risk_point_id == point_id).order_by(RiskAssessment.year))
    return [YearAssessment(i, y, lv, st, ASSESSMENT_STATUS.get(st, st)) for i, y, lv, st in found]


def previous_confirmed_level(session: Session, point_id: int, year: int) -> int | None:
    """The level of the point's latest confirmed assessment before `year` (None: a new point)."""
    return session.scalar(select(RiskAssessment.level).where(
        RiskAssessment.risk_point_id == point_id, RiskAssessment.year < year,
        RiskAssessment.status == CONFIRMED).order_by(RiskAssessment.year.desc()).limit(1))


def point_choices(session: Session, actor: Actor, unit_id: int | None) -> list[tuple[int, str]]:
    """The risk points of a unit, for the link a finding or a talk makes to one:
    (point id, "code 风险点（岗位）"), retired ones marked."""
    if unit_id is None or not may_read_unit(actor, unit_id):
        return []
    latest = (select(RiskAssessment.status).where(RiskAssessment.risk_point_id == RiskPoint.id)
              .order_by(RiskAssessment.year.desc()).limit(1).scalar_subquery())
    rows = session.execute(select(RiskPoint.id, RiskPoint.code, RiskPoint.name, RiskPoint.post, latest)
                           .where(RiskPoint.unit_id == unit_id).order_by(RiskPoint.code))
    return [(pid, f"{code} {name}" + (f"（{post}）" if post else "") + ("［已停用］" if status == "retired" else ""))
            for pid, code, name, post, status in rows]


def reviews_due(session: Session, actor: Actor, until: dt.date) -> list[RiskRow]:
    """Risk points whose review (复核) falls on or before `until`, earliest first: the point's
    current assessment — its latest confirmed one, unless a later year has been confirmed or
    retired — with a next review date. A 排查 still in draft does not clear it; confirming the
    next year, moving the date or retiring the point does. Unit-limited users see their units."""
    later = RiskAssessment.__table__.alias("later_ra")
    superseded = exists().where(later.c.risk_point_id == RiskAssessment.risk_point_id,
                                later.c.year > RiskAssessment.year, later.c.status != DRAFT)
    query = (select(RiskAssessment.id).join(RiskPoint, RiskAssessment.risk_point_id == RiskPoint.id)
             .where(RiskAssessment.status == CONFIRMED, RiskAssessment.next_review.is_not(None),
                    RiskAssessment.next_review <= until, ~superseded)
             .where(readable(actor, RiskPoint)).order_by(RiskAssessment.next_review, RiskAssessment.id))
    return risk_rows(session, list(session.scalars(query)))

