"""Excel for 主体责任 and 廉政教育: `export assessments` writes two sheets (考核 per unit, 述职述廉 per
leader) and imports both back; a changed score or 等次 updates its record; 评分构成 rebuilds the
table; 责任书, 专题研究 and 廉政教育 rows match their records; and the command line does it."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from app.excel.importer import commit_import, plan_import
from app.excel.writer import export_register, write_template
from app.registers.assessments import query as assessments_query
from app.registers.assessments import write as assessments_write
from app.registers.assessments.rules import DEFAULT_ITEMS
from app.registers.assessments.types import AssessmentDraft, ItemDraft, LeaderReportDraft
from app.registers.education import query as education_query
from app.registers.education import write as education_write
from app.registers.education.types import EducationDraft, EducationFilter
from app.registers.pledges import query as pledges_query
from app.registers.pledges import write as pledges_write
from app.registers.pledges.types import PledgeFilter
from app.registers.studies import query as studies_query
from app.registers.studies.types import StudyFilter
from app.registers.talks.types import ParticipantDraft
from tests.unit.duty_helpers import D, make_bureau

TODAY = D(2026, 6, 15)
BUREAU = "测试局"


@pytest.fixture
def bureau(workspace, admin):
    b = make_bureau(workspace, admin)
    with workspace.writing() as s:
        items = tuple(ItemDraft(i.name, i.source, i.weight, score) for i, score in zip(DEFAULT_ITEMS, (92, 88, 90, 96)))
        assessments_write.save_assessment(s, admin, AssessmentDraft(2025, b.office, items, "good",
                                                                    assessed_on=D(2026, 1, 20)), TODAY)
        assessments_write.save_assessment(s, admin, AssessmentDraft(2025, b.museum, DEFAULT_ITEMS), TODAY)
        assessments_write.save_report(s, admin, LeaderReportDraft(2025, b.museum_head, D(2026, 1, 12), "履职情况",
                                                                  95.5, "excellent"), TODAY)
        assessments_write.save_report(s, admin, LeaderReportDraft(2025, b.office_head, None, "", 88, "competent"), TODAY)
        pledges_write.draw_up_year(s, admin, 2026, "party_unit", unit_ids=[b.office, b.museum], leader_name="周局长")
        education_write.save_session(s, admin, EducationDraft(
            D(2026, 3, 12), "warning_meeting", "警示教育大会",
            (ParticipantDraft(person_id=b.office_head), ParticipantDraft(person_id=b.museum_head),
             ParticipantDraft(name="外聘律师赵某", unit_name="某律师事务所")), case_text="某案"), TODAY)
    return b


def _export(ws, actor, key, path, **kw) -> int:
    with ws.writing() as s:
        return export_register(s, actor, key, path, bureau=BUREAU, today=TODAY, **kw)


def _plan(ws, actor, key, path, **kw):
    with ws.reading() as s:
        return plan_import(s, actor, key, path, today=TODAY, **kw)


def _commit(ws, actor, plan) -> None:
    with ws.writing() as s:
        commit_import(s, actor, plan)


def _cells(sheet) -> list[list[object]]:  # noqa: ANN001
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_assessments_export_on_two_sheets_and_come_back_edited(workspace, admin, bureau, tmp_path):
    path = tmp_path / "考核.xlsx"
    assert _export(workspace, admin, "assessments", path, year=2025) == 4
    book = load_workbook(path)
    assert book.sheetnames == ["考核", "述职述廉"]
    unit_rows, leader_rows = _cells(book["考核"]), _cells(book["述职述廉"])
    assert unit_rows[0][0] == "测试局2025年主体责任考核（考核）"
    assert unit_rows[1][:10] == ["年度", "单位", "主要负责人", "日常抽查", "重点检查", "述职述廉", "民主评议满意度",
                                 "评分构成", "总分", "考核等次"]
    office = next(r for r in unit_rows[2:] if r[1] == "办公室")
    assert office[3:10] == [92, 88, 90, 96, "日常抽查30%、重点检查30%、述职述廉20%、民主评议20%", 91.2, "好"]
    assert leader_rows[1][:8] == ["年度", "姓名", "单位", "职务", "述职日期", "述职述廉要点", "民主评议满意度", "评议等次"]
    plan = _plan(workspace, admin, "assessments", path)
    assert (len(plan.rows), len(plan.rejected)) == (4, 0) and all(r.action == "unchanged" for r in plan.rows)

    # the clerk's edits: the museum scored, a weight changed, a leader's 等次
    sheet = book["考核"]
    for row in sheet.iter_rows(min_row=3):
        if row[1].value == "市博物馆":
            row[3].value, row[4].value, row[5].value, row[6].value = 80, 85, 90, 70.5
            row[7].value = "日常抽查40%、重点检查20%、述职述廉20%、民主评议20%"
            row[9].value = "一般"
    for row in book["述职述廉"].iter_rows(min_row=3):
        if row[1].value == "钱科长":
            row[7].value = "基本称职"
    book.save(path)
    plan = _plan(workspace, admin, "assessments", path)
    assert sorted(r.action for r in plan.rows) == ["unchanged", "unchanged", "update", "update"], plan.rejected
    _commit(workspace, admin, plan)
    with workspace.reading() as s:
        rows = {r.unit_name: r for r in assessments_query.assessment_rows(s, assessments_query.search_assessment_ids(
            s, admin, assessments_query.AssessmentFilter(year=2025)))}
        museum = rows["市博物馆"]
        assert [(i.source, i.weight, i.score) for i in museum.items] == [
            ("daily", 40, 80), ("key", 20, 85), ("report", 20, 90), ("appraisal", 20, 70.5)]
        assert (museum.total, museum.grade, museum.satisfaction) == (81.1, "average", 70.5)
        reports = {r.person_name: r for r in assessments_query.report_rows(s, assessments_query.search_report_ids(
            s, admin, assessments_query.LeaderReportFilter(year=2025)))}
        assert reports["钱科长"].rating == "basic" and reports["郑馆长"].rating == "excellent"


def test_a_bad_row_of_either_sheet_is_rejected_with_its_reason(workspace, admin, bureau, tmp_path):
    path = tmp_path / "考核.xlsx"
    _export(workspace, admin, "assessments", path, year=2025)
    book = load_workbook(path)
    for row in book["考核"].iter_rows(min_row=3):
        if row[1].value == "办公室":
            row[3].value = "优秀"                  # not a score
        if row[1].value == "市博物馆":
            row[7].value = "日常抽查50%、民主评议30%"  # weights to 80
    for row in book["述职述廉"].iter_rows(min_row=3):
        if row[1].value == "郑馆长":
            row[1].value = "查无此人"
    book.save(path)
    plan = _plan(workspace, admin, "assessments", path)
    reasons = {(r.sheet, r.row): r.reason for r in plan.rejected}
    assert len(reasons) == 3 and not plan.ok
    assert any("应为 0–100 之间的数" in reason for reason in reasons.values())
    assert any("权重合计应为 100%" in reason for reason in reasons.values())
    assert any(sheet == "述职述廉" and "不在人员名册中" in reason for (sheet, _), reason in reasons.items())


def test_pledges_studies_and_education_round_trip_and_match_their_records(workspace, admin, bureau, tmp_path):
    for key, year, count in (("pledges", 2026, 2), ("education", 2026, 1)):
        path = tmp_path / f"{key}.xlsx"
        assert _export(workspace, admin, key, path, year=year) == count
        plan = _plan(workspace, admin, key, path)
        assert [r.action for r in plan.rows] == ["unchanged"] * count, plan.rejected
    pledges = load_workbook(tmp_path / "pledges.xlsx")
    sheet = pledges.active
    assert _cells(sheet)[1][:8] == ["年度", "责任书层级", "签订单位", "签订人", "职务", "单位负责人", "责任领导", "签订日期"]
    for row in sheet.iter_rows(min_row=3):
        if row[2].value == "市博物馆":
            row[7].value = "2026-03-05"
    sheet.append([2026, "单位—岗位", "市博物馆", "冯一", None, None, "郑馆长", "2026年3月9日"])  # an alias of the level
    pledges.save(tmp_path / "pledges.xlsx")
    plan = _plan(workspace, admin, "pledges", tmp_path / "pledges.xlsx")
    assert sorted(r.action for r in plan.rows) == ["add", "unchanged", "update"], plan.rejected
    _commit(workspace, admin, plan)
    with workspace.reading() as s:
        rows = pledges_query.pledge_rows(s, pledges_query.search_pledge_ids(s, admin, PledgeFilter(year=2026)))
    post = next(r for r in rows if r.person_id == bureau.museum_staff[0])
    assert (post.level, post.leader_id, post.signed_on, post.position) == ("unit_post", bureau.museum_head,
                                                                          D(2026, 3, 9), "馆员")
    assert next(r for r in rows if r.unit_name == "市博物馆" and not r.personal).signed_on == D(2026, 3, 5)

    # 专题研究 from an office's own sheet: 研究主体 blank is the 党组's
    from openpyxl import Workbook
    book = Workbook()
    book.active.append(["会议日期", "会议名称", "研究主体", "议题", "主持人"])
    book.active.append(["2026.3.8", "党组会", None, "研究部署2026年党风廉政建设工作", "周局长"])
    book.active.append(["2026-04-02", "班子会议", "市博物馆", "研究本馆廉政风险", "郑馆长"])
    book.save(tmp_path / "studies.xlsx")
    plan = _plan(workspace, admin, "studies", tmp_path / "studies.xlsx")
    assert [r.action for r in plan.rows] == ["add", "add"], plan.rejected
    _commit(workspace, admin, plan)
    with workspace.reading() as s:
        studies = studies_query.study_rows(s, studies_query.search_study_ids(s, admin, StudyFilter(), "held_on", False))
    assert [(x.unit_name, x.meeting_label) for x in studies] == [("局党组", "党组会议"), ("市博物馆", "班子会议")]
    assert _plan(workspace, admin, "studies", tmp_path / "studies.xlsx").rows[0].action == "unchanged"

    # 廉政教育: a participant added in the cell; a namesake without a unit refused
    book = load_workbook(tmp_path / "education.xlsx")
    sheet = book.active
    people = sheet.cell(row=3, column=8)
    assert people.value == "钱科长、郑馆长、外聘律师赵某（某律师事务所）"
    people.value += "、吴科长"
    book.save(tmp_path / "education.xlsx")
    plan = _plan(workspace, admin, "education", tmp_path / "education.xlsx")
    assert [r.action for r in plan.rows] == ["update"]
    _commit(workspace, admin, plan)
    with workspace.reading() as s:
        row = education_query.session_rows(s, education_query.search_session_ids(s, admin, EducationFilter()))[0]
    assert row.people == 4 and row.participants[2].person_id is None


def test_templates_name_both_sheets(tmp_path):
    write_template("assessments", tmp_path / "t.xlsx")
    assert load_workbook(tmp_path / "t.xlsx").sheetnames == ["考核", "述职述廉", "填写说明"]


def test_the_command_line_exports_and_imports_the_registers(workspace_location, workspace, bureau, tmp_path, monkeypatch):
    from app.cli.main import main

    workspace.close()
    monkeypatch.setenv("QINGFENG_PASSWORD", "secret-pass")
    args = [*workspace_location.cli_args, "--user", "admin", "--as-of", "2026-06-15"]
    for key in ("pledges", "studies", "education", "assessments"):
        out = tmp_path / f"{key}.xlsx"
        assert main(["export", key, "--out", str(out), *args]) == 0, key
        assert out.is_file()
        assert main(["import", key, str(out), "--dry-run", *args]) == 0, key


def test_sessions_of_one_theme_on_one_day_are_told_apart_by_their_organiser(workspace, admin, bureau, tmp_path):
    from app.registers.units import types as units_types
    from app.registers.units import write as units_write

    with workspace.writing() as s:
        # a unit whose name is also how offices write the bureau's own sessions
        commission = units_write.save_unit(s, admin, units_types.UnitDraft(name="局机关纪委", kind="office"))
        for organiser in (bureau.office, bureau.museum, commission, None):
            education_write.save_session(s, admin, EducationDraft(D(2026, 5, 6), "three_one", "支部党课", (), organiser),
                                         TODAY)
    path = tmp_path / "education.xlsx"
    _export(workspace, admin, "education", path, year=2026)
    plan = _plan(workspace, admin, "education", path)
    assert sorted(r.action for r in plan.rows) == ["unchanged"] * 5, plan.rejected
    book = load_workbook(path)
    sheet = book.active
    sheet.delete_cols(4)  # no 组织单位 column: the four sessions of that day cannot be told apart
    book.save(path)
    plan = _plan(workspace, admin, "education", path)
    assert len(plan.rejected) == 4 and "请填写“组织单位”列以区分" in plan.rejected[0].reason


def test_reports_up_the_line_import_as_offices_write_them_and_export_back(workspace, admin, bureau, tmp_path):
    """报告报送登记表: 所属期间 written 上半年 · 3月 · blank for the 调研报告; a second 信息 of a month is
    told apart by its title; a wrong period is refused with the reason; the export imports back
    unchanged, and a changed 收到日期 updates the record it describes."""
    from openpyxl import Workbook

    from app.registers.duty_reports import query as reports_query
    from app.registers.duty_reports.types import DutyReportFilter

    path = tmp_path / "报送.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["年度", "报送类别", "所属期间", "报送单位", "标题", "收到日期"])
    sheet.append([2026, "半年工作报告", "上半年", "办公室", "上半年落实主体责任情况", "2026-06-10"])
    sheet.append([2026, "信息", "3月", "市博物馆", "开展警示教育", "2026-03-20"])
    sheet.append([2026, "工作信息", "3", "市博物馆", "廉洁文化进展馆", "2026-03-28"])
    sheet.append([2026, "调研报告", None, "办公室", "关于窗口单位作风建设的调研", "2026-05-30"])
    book.save(path)
    plan = _plan(workspace, admin, "duty_reports", path)
    assert plan.ok and [r.action for r in plan.rows] == ["add"] * 4, plan.rejected
    _commit(workspace, admin, plan)
    with workspace.reading() as s:
        rows = reports_query.duty_report_rows(s, reports_query.search_duty_report_ids(
            s, admin, DutyReportFilter(year=2026), "received_on", False))
    assert [(r.unit_name, r.kind, r.period, r.title) for r in rows] == [
        ("市博物馆", "info", 3, "开展警示教育"), ("市博物馆", "info", 3, "廉洁文化进展馆"),
        ("办公室", "research", 0, "关于窗口单位作风建设的调研"), ("办公室", "half_year", 1, "上半年落实主体责任情况")]

    out = tmp_path / "导出.xlsx"
    assert _export(workspace, admin, "duty_reports", out, year=2026) == 4
    exported = _cells(load_workbook(out).active)
    assert exported[1] == ["年度", "报送类别", "所属期间", "报送单位", "标题", "收到日期", "备注"]
    assert [r[1:4] for r in exported[2:]] == [["工作信息", "3月", "市博物馆"], ["工作信息", "3月", "市博物馆"],
                                              ["调研报告", "全年", "办公室"], ["半年工作报告", "上半年", "办公室"]]
    plan = _plan(workspace, admin, "duty_reports", out)
    assert plan.ok and [r.action for r in plan.rows] == ["unchanged"] * 4

    book = load_workbook(out)
    for row in book.active.iter_rows(min_row=3):
        if row[2].value == "上半年":
            row[5].value = "2026-06-12"          # 收到日期 corrected
        if row[4].value == "开展警示教育":
            row[2].value = "下半年"                # not a month
    book.save(out)
    plan = _plan(workspace, admin, "duty_reports", out)
    (rejected,) = plan.rejected
    assert "所属期间" in rejected.reason and "月份" in rejected.reason
    assert sorted(r.action for r in plan.rows) == ["unchanged", "unchanged", "update"]
