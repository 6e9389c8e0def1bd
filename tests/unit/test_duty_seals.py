"""Record seals over 主体责任 and 廉政教育: every save of a 责任书, 专题研究, 考核 (with its scoring
table), 述职述廉, report up the line and 廉政教育 session (with its participants) carries the
record's seal, so `check` passes after the program's own writes — edits, 批量签订, deletions —
and names the record and the field changed behind its back, a child row (a score, a
participant) included; the migration's seeded dictionary items are sealed too."""
from __future__ import annotations

import pytest

from app.cli.main import main as cli_main
from app.registers.assessments import query as assessments_query
from app.registers.assessments import write as assessments_write
from app.registers.assessments.rules import DEFAULT_ITEMS
from app.registers.assessments.types import AssessmentDraft, ItemDraft, LeaderReportDraft
from app.registers.duty_reports import write as reports_write
from app.registers.duty_reports.types import DutyReportDraft
from app.registers.education import query as education_query
from app.registers.education import write as education_write
from app.registers.education.types import EducationDraft
from app.registers.pledges import write as pledges_write
from app.registers.pledges.types import PledgeDraft
from app.registers.studies import write as studies_write
from app.registers.studies.types import StudyDraft
from app.registers.talks.types import ParticipantDraft
from app.workspace.checks import check_workspace
from db import seals
from tests.helpers import execute_sql, query_sql
from tests.unit.duty_helpers import D, make_bureau

TODAY = D(2026, 6, 15)
NEW_TABLES = ("pledges", "studies", "unit_assessments", "leader_reports", "duty_reports", "education_sessions")


def _records(ws, admin, b) -> dict[str, int]:  # noqa: ANN001
    with ws.writing() as s:
        made = pledges_write.draw_up_year(s, admin, 2026, "party_unit", unit_ids=[b.office, b.museum])
        pledges_write.mark_signed(s, admin, made[:1], D(2026, 3, 2), TODAY)
        pledge = pledges_write.save_pledge(s, admin, PledgeDraft(2026, "unit_post", b.museum, person_id=b.museum_staff[0],
                                                                 signed_on=D(2026, 3, 5)), TODAY)
        study = studies_write.save_study(s, admin, StudyDraft(D(2026, 3, 8), "party_group", "研究部署党风廉政建设"), TODAY)
        assessment = assessments_write.save_assessment(s, admin, AssessmentDraft(2025, b.museum, tuple(
            ItemDraft(i.name, i.source, i.weight, 90.0) for i in DEFAULT_ITEMS), "good"), TODAY)
        report = assessments_write.save_report(s, admin, LeaderReportDraft(2025, b.museum_head, D(2026, 1, 10),
                                                                           "履职情况", 95.5, "excellent"), TODAY)
        duty = reports_write.save_duty_report(s, admin, DutyReportDraft(b.museum, "half_year", 2026, 1,
                                                                        D(2026, 6, 10), "上半年报告"), TODAY)
        session = education_write.save_session(s, admin, EducationDraft(
            D(2026, 3, 12), "warning_meeting", "警示教育大会",
            tuple(ParticipantDraft(person_id=p) for p in (b.museum_head, *b.museum_staff))), TODAY)
    with ws.writing() as s:  # edits: a score changed, a participant removed
        row = assessments_query.get_assessment(s, assessment)
        items = tuple(ItemDraft(i.name, i.source, i.weight, 80.0 if n == 0 else i.score)
                      for n, i in enumerate(row.items))
        assessments_write.save_assessment(s, admin, AssessmentDraft(
            2025, b.museum, items, "good", id=assessment, version=row.version), TODAY)
        held = education_query.get_session(s, session)
        education_write.save_session(s, admin, EducationDraft(
            held.held_on, held.form, held.theme, tuple(ParticipantDraft(person_id=p.person_id)
                                                       for p in held.participants[:-1]),
            id=session, version=held.version), TODAY)
        pledges_write.delete_pledge(s, admin, made[1])
    return {"pledges": pledge, "studies": study, "unit_assessments": assessment, "leader_reports": report,
            "duty_reports": duty, "education_sessions": session}


def test_the_new_tables_are_sealed_with_their_child_rows():
    assert set(NEW_TABLES) <= set(seals.SEALED)
    assert seals.CHILDREN["assessment_items"] == ("unit_assessments", "assessment_id")
    assert seals.CHILDREN["education_participants"] == ("education_sessions", "session_id")


def test_saves_carry_seals_and_check_passes_after_the_programs_own_writes(workspace, admin):
    ids = _records(workspace, admin, make_bureau(workspace, admin))
    for table, record_id in ids.items():
        [(seal,)] = query_sql(workspace, f"SELECT seal FROM audit_log WHERE entity = '{table}' AND "
                                         f"entity_id = '{record_id}' ORDER BY id DESC LIMIT 1")
        assert f'"{table}:{record_id}"' in seal
    seeded = query_sql(workspace, "SELECT count(*) FROM dict_items WHERE domain IN "
                                  "('pledge_level', 'study_meeting', 'education_form')")[0][0]
    # each seeded item resealed (0016 reseals every dictionary item again: its new columns)
    resealed = query_sql(workspace, "SELECT count(DISTINCT d.id) FROM audit_log a JOIN dict_items d ON a.entity_id = "
                                    "CAST(d.id AS VARCHAR(20)) WHERE a.entity = 'dict_items' AND a.action = 'reseal' "
                                    "AND d.domain IN ('pledge_level', 'study_meeting', 'education_form')")[0][0]
    assert seeded > 0 and resealed == seeded
    report = check_workspace(workspace)
    assert report.ok, report.lines


@pytest.mark.parametrize(("statement", "expected"), [
    ("UPDATE assessment_items SET score = 100 WHERE assessment_id = {unit_assessments}",
     "主体责任考核 第 {unit_assessments} 号：在程序之外被改动（考核项目）"),
    ("UPDATE unit_assessments SET grade = 'excellent' WHERE id = {unit_assessments}",
     "主体责任考核 第 {unit_assessments} 号：在程序之外被改动（考核等次）"),
    ("DELETE FROM education_participants WHERE session_id = {education_sessions}",
     "廉政教育 第 {education_sessions} 号：在程序之外被改动（廉政教育参加人员）"),
    ("UPDATE pledges SET signed_on = NULL WHERE id = {pledges}", "党风廉政建设责任书 第 {pledges} 号：在程序之外被改动"),
    ("UPDATE studies SET topics = '（已删改）' WHERE id = {studies}", "专题研究 第 {studies} 号：在程序之外被改动"),
    ("UPDATE leader_reports SET rating = 'incompetent' WHERE id = {leader_reports}",
     "述职述廉 第 {leader_reports} 号：在程序之外被改动"),
    ("DELETE FROM duty_reports WHERE id = {duty_reports}",
     "报告报送 第 {duty_reports} 号：在操作日志中存在，数据库中却没有了"),
])
def test_an_edit_behind_the_program_fails_check_naming_the_record(workspace, workspace_location, admin, capsys,
                                                                  statement, expected):
    ids = _records(workspace, admin, make_bureau(workspace, admin))
    execute_sql(workspace, statement.format(**ids))
    workspace.close()
    code = cli_main(["check", *workspace_location.cli_args])
    out = capsys.readouterr().out
    assert code == 1 and expected.format(**ids) in out, out
