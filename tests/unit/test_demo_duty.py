"""The demo's 主体责任 and 廉政教育: all four registers (and the reports up the line) hold the last
full year and the current one, consistent with the bureau's units and people, and 首页 shows
their reminders."""
from __future__ import annotations

import datetime as dt

import pytest

from app import reminders as rem
from app.demo.build import DEMO_PASSWORD, build_demo
from app.registers.assessments import query as aq
from app.registers.assessments.types import AssessmentFilter, LeaderReportFilter
from app.registers.duty_reports import query as dq
from app.registers.duty_reports.types import DutyReportFilter
from app.registers.education import query as eq
from app.registers.education.types import EducationFilter
from app.registers.people import query as pq
from app.registers.people.types import PersonFilter
from app.registers.pledges import query as plq
from app.registers.pledges.types import PledgeFilter
from app.registers.sanctions.query import get_sanction, sanction_rows, search_sanction_ids
from app.registers.sanctions.types import SanctionFilter
from app.registers.studies import query as sq
from app.registers.studies.types import StudyFilter
from app.workspace.facade import Workspace

AS_OF = dt.date(2026, 11, 28)


@pytest.mark.slow
def test_the_demo_holds_duty_and_education_in_both_years_consistent_with_the_bureau(tmp_path):
    """Cost: one demo build (~15 s alone)."""
    build_demo(tmp_path / "demo", AS_OF)
    ws = Workspace.open(tmp_path / "demo", as_of=AS_OF)
    try:
        admin = ws.sign_in("admin", DEMO_PASSWORD)
        with ws.reading() as s:
            people = {p.id: p for p in pq.people_rows(s, pq.search_people_ids(s, admin, PersonFilter(
                include_inactive=True)))}
            counts = {}
            for year in (2025, 2026):
                pledges = plq.pledge_rows(s, plq.search_pledge_ids(s, admin, PledgeFilter(year=year)))
                studies = sq.study_rows(s, sq.search_study_ids(s, admin, StudyFilter(year=year)))
                assessments = aq.assessment_rows(s, aq.search_assessment_ids(s, admin, AssessmentFilter(year=year)))
                sessions = eq.session_rows(s, eq.search_session_ids(s, admin, EducationFilter(year=year)))
                received = dq.search_duty_report_ids(s, admin, DutyReportFilter(year=year))
                counts[year] = (len(pledges), len(studies), len(assessments), len(sessions), len(received))
                responsible = {u.id for u in plq.responsible_units(s, admin, year)}
                assert {a.unit_id for a in assessments} == responsible
                assert all(p.person_id is None or people[p.person_id].name == p.signer_name for p in pledges)
                assert all(x.person_id in people for e in sessions for x in e.participants if x.person_id)
            vetoed = aq.assessment_rows(s, aq.search_assessment_ids(s, admin, AssessmentFilter(veto=True)))
            serious = {x.unit_id for x in sanction_rows(s, search_sanction_ids(s, admin, SanctionFilter(year=2025)))
                       if x.form in (3, 4)}
            assessed_2025 = {a.unit_id for a in aq.assessment_rows(s, aq.search_assessment_ids(
                s, admin, AssessmentFilter(year=2025)))}
            cases = [get_sanction(s, a.veto_sanction_id) for a in vetoed]
            leaders = aq.report_rows(s, aq.search_report_ids(s, admin, LeaderReportFilter(year=2025)))
            kinds = {r.kind for r in rem.reminders(s, admin, AS_OF, ws.settings)}
    finally:
        ws.close()
    assert all(all(n > 0 for n in counts[year]) for year in (2025, 2026)), counts
    assert leaders and all(r.satisfaction is not None for r in leaders)
    # a veto comes from a third-form measure of someone in that unit that year, never from findings
    assert all(c.form == 3 and c.unit_id == a.unit_id and c.decided_on.year == a.year
               for a, c in zip(vetoed, cases))
    assert all(a.grade not in ("good", "fair") for a in vetoed)
    assert {a.unit_id for a in vetoed if a.year == 2025} == serious & assessed_2025
    assert {"责任书签订", "党组专题研究", "报告报送", "约谈建议"} <= kinds
