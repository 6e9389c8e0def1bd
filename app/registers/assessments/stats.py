"""考核 figures: the units' scores of a year (the chart, highest first; the report's table), the
grades counted, the vetoed units, and the year's 述职述廉 with their mean 满意度."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.registers.assessments.query import (
    assessment_rows,
    report_conditions,
    search_assessment_ids,
)
from app.registers.assessments.types import (
    AssessmentFigures,
    AssessmentFilter,
    LeaderReportFilter,
    UnitScore,
)
from db.models import LeaderReport


def unit_scores(session: Session, actor: Actor, year: int, unit_id: int | None = None) -> list[UnitScore]:
    """Each assessed unit's total, grade and veto in `year`, the highest total first (units not
    yet scored last, in their order)."""
    ids = search_assessment_ids(session, actor, AssessmentFilter(year=year, unit_id=unit_id))
    rows = assessment_rows(session, ids)
    scores = [UnitScore(r.unit_id, r.unit_name, r.total, r.grade, r.veto) for r in rows]
    order = {s.unit_id: n for n, s in enumerate(scores)}
    return sorted(scores, key=lambda s: (s.total is None, -(s.total or 0), order[s.unit_id]))


def assessment_figures(session: Session, actor: Actor, year: int, unit_id: int | None = None) -> AssessmentFigures:
    """The year's 考核 as the actor sees it (of a unit and those below it, when given)."""
    scores = unit_scores(session, actor, year, unit_id)
    by_grade: dict[str, int] = {}
    for s in scores:
        by_grade[s.grade] = by_grade.get(s.grade, 0) + 1
    where = report_conditions(session, actor, LeaderReportFilter(year=year, unit_id=unit_id))
    reports, mean = session.execute(select(func.count(), func.avg(LeaderReport.satisfaction)).where(*where)).one()
    return AssessmentFigures(year, tuple(scores), by_grade, tuple(s.unit_name for s in scores if s.veto),
                             int(reports or 0), round(float(mean), 1) if mean is not None else None)
