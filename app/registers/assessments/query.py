"""Reading 考核 and 述职述廉: the filters in SQL (a unit-limited user sees their units'), rows by
id, the years on record, a unit's latest 民主评议 满意度, a person's records (廉政档案, timeline)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.common import clean, like_any, ordered_by_ids
from app.errors import NotFound
from app.registers.assessments.types import (
    ENTITY,
    REPORT_ENTITY,
    AssessmentFilter,
    AssessmentRow,
    ItemRow,
    LeaderReportFilter,
    LeaderReportRow,
)
from app.registers.units.query import UNIT_ORDER_SQL, descendant_unit_ids
from app.timeline import TimelineItem
from app.visibility import readable
from db.models import AssessmentItem, Attachment, LeaderReport, Unit, UnitAssessment

SORT_KEYS = {"year": lambda: UnitAssessment.year, "unit": lambda: UNIT_ORDER_SQL[0],
             "total": lambda: UnitAssessment.total, "grade": lambda: UnitAssessment.grade,
             "veto": lambda: UnitAssessment.veto, "head": lambda: UnitAssessment.head_name}
REPORT_SORT_KEYS = {"year": LeaderReport.year, "person": LeaderReport.person_name,
                    "unit": LeaderReport.unit_name, "reported_on": LeaderReport.reported_on,
                    "satisfaction": LeaderReport.satisfaction, "rating": LeaderReport.rating}


def _files(session: Session, entity: str, ids: Sequence[int]) -> dict[int, int]:
    return dict(session.execute(select(Attachment.entity_id, func.count()).where(
        Attachment.entity == entity, Attachment.entity_id.in_(ids)).group_by(Attachment.entity_id)).all())


# ---- a unit's 考核 ------------------------------------------------------------------------------


def conditions(session: Session, actor: Actor, filt: AssessmentFilter) -> list:
    """The WHERE of `filt` and of the actor's units."""
    where: list = []
    where.append(readable(actor, UnitAssessment))
    if filt.year is not None:
        where.append(UnitAssessment.year == filt.year)
    if filt.unit_id is not None:
        where.append(UnitAssessment.unit_id.in_(descendant_unit_ids(session, filt.unit_id)))
    if filt.grade == "none":
        where.append(UnitAssessment.grade == "")
    elif filt.grade:
        where.append(UnitAssessment.grade == filt.grade)
    if filt.veto is not None:
        where.append(UnitAssessment.veto == filt.veto)
    if filt.head_id is not None:
        where.append(UnitAssessment.head_id == filt.head_id)
    text = clean(filt.text)
    if text:
        named = select(Unit.id).where(like_any(text, Unit.name))
        where.append(or_(like_any(text, UnitAssessment.head_name, UnitAssessment.veto_reason, UnitAssessment.notes),
                         UnitAssessment.unit_id.in_(named)))
    return where


def search_assessment_ids(session: Session, actor: Actor, filt: AssessmentFilter, sort: str = "unit",
                          descending: bool = False, *, limit: int | None = None) -> list[int]:
    """Ids of the assessments matching `filt` that the actor sees, sorted in SQL (by default
    the newest year first, then the units in their order)."""
    column = SORT_KEYS.get(sort, SORT_KEYS["unit"])()
    order = column.desc() if descending else column.asc()
    query = (select(UnitAssessment.id).join(Unit, UnitAssessment.unit_id == Unit.id)
             .where(*conditions(session, actor, filt))
             .order_by(order, UnitAssessment.year.desc(), *UNIT_ORDER_SQL, UnitAssessment.id).limit(limit))
    return list(session.scalars(query))


def assessment_rows(session: Session, ids: Sequence[int]) -> list[AssessmentRow]:
    """The rows of `ids` with their scoring tables, in that order."""
    if not ids:
        return []
    items: dict[int, list[ItemRow]] = {}
    for aid, name, source, weight, score in session.execute(
            select(AssessmentItem.assessment_id, AssessmentItem.name, AssessmentItem.source,
                   AssessmentItem.weight, AssessmentItem.score)
            .where(AssessmentItem.assessment_id.in_(ids)).order_by(AssessmentItem.assessment_id, AssessmentItem.seq)):
        items.setdefault(aid, []).append(ItemRow(name, source, weight, score))
    files = _files(session, ENTITY, ids)
    rows = [AssessmentRow(a.id, a.year, a.unit_id, unit_name, a.head_id, a.head_name, a.assessed_on,
                          tuple(items.get(a.id, ())), a.total, a.grade, a.veto, a.veto_reason,
                          a.veto_sanction_id, a.notes, files.get(a.id, 0), a.version)
            for a, unit_name in session.execute(select(UnitAssessment, Unit.name)
                                                .join(Unit, UnitAssessment.unit_id == Unit.id)
                                                .where(UnitAssessment.id.in_(ids)))]
    return ordered_by_ids(rows, ids)


def get_assessment(session: Session, assessment_id: int) -> AssessmentRow:
    rows = assessment_rows(session, [assessment_id])
    if not rows:
        raise NotFound("该考核记录不存在（可能已被删除）。")
    return rows[0]


def assessment_of(session: Session, actor: Actor, unit_id: int, year: int) -> AssessmentRow | None:
    """The unit's assessment of `year`, when the actor sees it."""
    ids = search_assessment_ids(session, actor, AssessmentFilter(year=year))
    found = [r for r in assessment_rows(session, ids) if r.unit_id == unit_id]
    return found[0] if found else None


def previous_items(session: Session, unit_id: int, year: int) -> list[ItemRow]:
    """The scoring table of the unit's latest assessment before `year` (a new one starts from
    it, without its scores); [] when there is none."""
    last = session.scalar(select(UnitAssessment.id).where(UnitAssessment.unit_id == unit_id,
                                                          UnitAssessment.year < year)
                          .order_by(UnitAssessment.year.desc()).limit(1))
    if last is None:
        return []
    return [ItemRow(i.name, i.source, i.weight, None) for i in get_assessment(session, last).items]


def assessment_years(session: Session) -> list[int]:
    """Years that hold an assessment or a 述职述廉, newest first."""
    years = set(session.scalars(select(UnitAssessment.year).distinct()))
    years |= set(session.scalars(select(LeaderReport.year).distinct()))
    return sorted(years, reverse=True)


def latest_satisfaction(session: Session, actor: Actor, unit_ids: Iterable[int]
                        ) -> dict[int, tuple[int, float | None, str]]:
    """Each unit's latest 民主评议 满意度 and latest grade the actor sees: (year, 满意度, grade)
    of its latest assessment that has them (a year under way has neither yet)."""
    wanted = sorted(set(unit_ids))
    ids = list(session.scalars(select(UnitAssessment.id).where(UnitAssessment.unit_id.in_(wanted),
                                                               readable(actor, UnitAssessment))
                               .order_by(UnitAssessment.year.desc())))
    found: dict[int, tuple[int, float | None, str]] = {}
    for row in assessment_rows(session, ids):
        if row.satisfaction is None and not row.grade:
            continue
        year, satisfaction, grade = found.get(row.unit_id, (row.year, None, ""))
        found[row.unit_id] = (year, satisfaction if satisfaction is not None else row.satisfaction,
                              grade or row.grade)
    return found


def assessments_of_person(session: Session, actor: Actor, person_id: int, start=None,
                          end=None) -> list[AssessmentRow]:
    """The assessments the actor may read of the units the person headed (主要负责人) that year,
    oldest first; one still under way (neither graded nor totalled) is left out."""
    query = select(UnitAssessment.id).where(UnitAssessment.head_id == person_id, readable(actor, UnitAssessment))
    if start is not None:
        query = query.where(UnitAssessment.year >= start.year)
    if end is not None:
        query = query.where(UnitAssessment.year <= end.year)
    rows = assessment_rows(session, list(session.scalars(query.order_by(UnitAssessment.year, UnitAssessment.id))))
    return [r for r in rows if r.grade or r.total is not None or r.veto]


# ---- a leader's 述职述廉 ---------------------------------------------------------------------------


def report_conditions(session: Session, actor: Actor, filt: LeaderReportFilter) -> list:
    where: list = []
    where.append(readable(actor, LeaderReport))
    if filt.year is not None:
        where.append(LeaderReport.year == filt.year)
    if filt.unit_id is not None:
        where.append(LeaderReport.unit_id.in_(descendant_unit_ids(session, filt.unit_id)))
    if filt.person_id is not None:
        where.append(LeaderReport.person_id == filt.person_id)
    if filt.rating:
        where.append(LeaderReport.rating == filt.rating)
    text = clean(filt.text)
    if text:
        where.append(like_any(text, LeaderReport.person_name, LeaderReport.unit_name, LeaderReport.position,
                              LeaderReport.summary, LeaderReport.notes))
    return where


def search_report_ids(session: Session, actor: Actor, filt: LeaderReportFilter, sort: str = "unit",
                      descending: bool = False, *, limit: int | None = None) -> list[int]:
    """Ids of the 述职述廉 matching `filt` that the actor sees, sorted in SQL (by default the
    newest year first, then units in their order)."""
    ties = (LeaderReport.year.desc(), *UNIT_ORDER_SQL, LeaderReport.person_name, LeaderReport.id)
    if sort == "unit":
        order = tuple(c.desc() if descending else c.asc() for c in UNIT_ORDER_SQL[:2])
    else:
        column = REPORT_SORT_KEYS.get(sort, LeaderReport.year)
        order = (column.desc() if descending else column.asc(),)
    query = (select(LeaderReport.id).outerjoin(Unit, LeaderReport.unit_id == Unit.id)
             .where(*report_conditions(session, actor, filt)).order_by(*order, *ties).limit(limit))
    return list(session.scalars(query))


def report_rows(session: Session, ids: Sequence[int]) -> list[LeaderReportRow]:
    if not ids:
        return []
    files = _files(session, REPORT_ENTITY, ids)
    rows = [LeaderReportRow(r.id, r.year, r.person_id, r.person_name, r.unit_id, r.unit_name, r.position,
                            r.reported_on, r.summary, r.satisfaction, r.rating, r.notes, files.get(r.id, 0),
                            r.version)
            for r in session.scalars(select(LeaderReport).where(LeaderReport.id.in_(ids)))]
    return ordered_by_ids(rows, ids)


def get_report(session: Session, report_id: int) -> LeaderReportRow:
    rows = report_rows(session, [report_id])
    if not rows:
        raise NotFound("该述职述廉记录不存在（可能已被删除）。")
    return rows[0]


def reports_of_person(session: Session, actor: Actor, person_id: int, start=None,
                      end=None) -> list[LeaderReportRow]:
    """The person's 述职述廉 the actor may read, oldest first."""
    query = select(LeaderReport.id).where(LeaderReport.person_id == person_id, readable(actor, LeaderReport))
    if start is not None:
        query = query.where(LeaderReport.year >= start.year)
    if end is not None:
        query = query.where(LeaderReport.year <= end.year)
    return report_rows(session, list(session.scalars(query.order_by(LeaderReport.year, LeaderReport.id))))


def duty_timeline_items(session: Session, actor: Actor, person_id: int) -> list[TimelineItem]:
    """The person's timeline: their 述职述廉 (dated when held, else the year's end) and the
    assessments of the units they headed."""
    items = [TimelineItem(r.reported_on or dt.date(r.year, 12, 31), "duty", "述职述廉",
                          f"{r.year}年度述职述廉" + (f"，民主评议{r.appraisal_text}" if r.appraisal_text else ""), r.id)
             for r in reports_of_person(session, actor, person_id)]
    items += [TimelineItem(a.assessed_on or dt.date(a.year, 12, 31), "duty", "主体责任考核",
                           f"作为主要负责人，{a.unit_name}{a.year}年度考核" + (f"{a.total_text}分，" if a.total is not None else "")
                           + f"等次{a.grade_label}" + ("，一票否决" if a.veto else ""), a.id)
              for a in assessments_of_person(session, actor, person_id)]
    return items
