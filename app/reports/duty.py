"""The report's sections on 主体责任 and 廉政教育, from the registers' own statistics (as every
figure of the report):

- 责任书: `pledges.stats.pledge_figures` for each year the period touches (signed n of m by level);
- 专题研究: `studies.stats.studies_in` (held in the period: the 党组's and the units'), and the
  党组's count of each year against the seed's 不少于两次 (`studies.stats.party_year`);
- 考核: `assessments.stats.assessment_figures` of the latest year up to the period's end that has
  scored assessments (an annual report of Y, made after January, holds Y's);
- 报告报送: `duty_reports.stats.tracking` of the half-years inside the period;
- 廉政教育: `education.stats.education_figures` (次 and 人次 by form, 警示教育 apart) and the
  coverage of the period's last year (`education.stats.coverage`).

Each section exists even when its registers hold nothing for the period (the heading stays; the
sentence says so)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.auth import Actor
from app.registers.assessments.stats import assessment_figures
from app.registers.assessments.types import AssessmentFigures
from app.registers.duty_reports.stats import tracking
from app.registers.duty_reports.types import HALF_YEAR, PeriodStatus
from app.registers.education.stats import coverage, education_figures
from app.registers.education.types import Coverage, EducationFigures
from app.registers.pledges.stats import pledge_figures
from app.registers.pledges.types import PledgeFigures
from app.registers.studies.stats import party_year, studies_in
from app.registers.studies.types import StudyRow, YearStudies
from app.reports.period import ReportPeriod
from app.settings import Settings
from app.visibility import is_limited


@dataclass(frozen=True)
class DutySection:
    pledges: tuple[PledgeFigures, ...]         # each year of the period
    studies: tuple[StudyRow, ...]              # held in the period, oldest first
    party: tuple[YearStudies, ...]             # the 党组's per year (a bureau report only)
    assessment: AssessmentFigures | None       # the latest scored year up to the period's end
    half_years: tuple[PeriodStatus, ...]       # half-year reports of the halves in the period

    @property
    def party_studies(self) -> list[StudyRow]:
        return [s for s in self.studies if s.unit_id is None]


@dataclass(frozen=True)
class EducationSection:
    figures: EducationFigures
    coverage: Coverage | None                  # the period's last year, as of today


def _assessed_year(session: Session, actor: Actor, period: ReportPeriod, unit_id: int | None) -> AssessmentFigures | None:
    for year in (period.end.year, period.end.year - 1):
        found = assessment_figures(session, actor, year, unit_id)
        if any(s.total is not None for s in found.scores) or found.reports:
            return found
    return None


def duty_section(session: Session, actor: Actor, period: ReportPeriod, today: dt.date, settings: Settings,
                 unit_id: int | None) -> DutySection:
    pledges = tuple(pledge_figures(session, actor, year, unit_id) for year in period.years)
    studies = tuple(studies_in(session, actor, period.start, period.end, unit_id))
    party = () if unit_id is not None or is_limited(actor) else tuple(
        party_year(session, actor, year, min(period.end, dt.date(year, 12, 31))) for year in period.years)
    halves = []
    for year in period.years:
        for status in tracking(session, actor, year, HALF_YEAR, today, settings, unit_id).periods:
            end = dt.date(year, 6, 30) if status.period == 1 else dt.date(year, 12, 31)
            if period.contains(end) and status.due <= max(today, period.end):
                halves.append(status)
    return DutySection(pledges, studies, party, _assessed_year(session, actor, period, unit_id), tuple(halves))


def education_section(session: Session, actor: Actor, period: ReportPeriod, today: dt.date,
                      unit_id: int | None) -> EducationSection:
    figures = education_figures(session, actor, period.start, period.end, unit_id)
    year = period.end.year
    return EducationSection(figures, coverage(session, actor, year, unit_id) if year <= today.year else None)
