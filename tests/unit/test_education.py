"""廉政教育: 次 and 人次 counted as talks count them (a session is 1 次, each participant 1 人次, in
their unit of the time; a unit-limited clerk's figures hold their units' only), coverage — who has
not taken part this year, per unit and per person —, participants read from a 签到表, and the
unit rules of writing a session."""
from __future__ import annotations

import pytest
from openpyxl import Workbook

from app.errors import PermissionDenied, ValidationError
from app.registers.education import query as education_query
from app.registers.education import write as education_write
from app.registers.education.sign_in import read_sign_in
from app.registers.education.stats import coverage, education_figures
from app.registers.education.types import EducationDraft, EducationFilter
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.talks.types import ParticipantDraft
from tests.unit.duty_helpers import D, make_bureau

TODAY = D(2026, 6, 15)
P = ParticipantDraft


@pytest.fixture
def bureau(workspace, admin):
    return make_bureau(workspace, admin)


def _session(ws, actor, day, form, theme, people, organiser=None):
    with ws.writing() as s:
        return education_write.save_session(s, actor, EducationDraft(
            day, form, theme, tuple(P(person_id=p) if isinstance(p, int) else P(name=p) for p in people), organiser),
            TODAY)


def test_sessions_and_person_times_by_form_and_unit(workspace, admin, bureau):
    b = bureau
    everyone = [b.director, b.office_head, *b.office_staff, b.finance_head, b.museum_head, b.museum_deputy,
                *b.museum_staff, b.desk_staff]
    _session(workspace, admin, D(2026, 3, 12), "warning_meeting", "警示教育大会", everyone + ["外聘律师赵某"])
    _session(workspace, admin, D(2026, 4, 8), "party_lecture", "廉政党课", [b.director, b.office_head, b.museum_head])
    _session(workspace, admin, D(2026, 5, 6), "case_law", "以案释法", [b.museum_head, *b.museum_staff, b.desk_staff],
             b.museum)
    _session(workspace, admin, D(2025, 11, 2), "family", "家风教育", [b.director])  # another year
    with workspace.reading() as s:
        year = education_figures(s, admin, D(2026, 1, 1), D(2026, 12, 31))
        assert (year.times, year.people) == (3, 11 + 3 + 4)  # a session 1 次; each participant 1 人次
        assert [(f.label, f.times, f.people) for f in year.by_form] == [
            ("廉政党课", 1, 3), ("警示教育大会", 1, 11), ("以案释法/以案促改", 1, 4)]
        assert (year.warning.times, year.warning.people) == (2, 15)  # 警示教育大会 and 以案释法
        # the museum (with the unit below it): sessions it took part in; its own people's 人次
        museum = education_figures(s, admin, D(2026, 1, 1), D(2026, 12, 31), b.museum)
        assert (museum.times, museum.people) == (3, 5 + 1 + 4)
        # a clerk of the museum counts the museum's people only, and sees the sessions they were in
        clerk = education_figures(s, b.clerk, D(2026, 1, 1), D(2026, 12, 31))
        assert (clerk.times, clerk.people) == (museum.times, museum.people)
        assert len(education_query.search_session_ids(s, b.clerk, EducationFilter(year=2025))) == 0
        row = education_query.get_session(s, education_query.search_session_ids(
            s, admin, EducationFilter(form="warning_meeting"))[0])
        assert row.people == 11 and row.units_text.startswith("市博物馆4人、办公室3人")


def test_coverage_says_who_has_not_taken_part_this_year(workspace, admin, bureau):
    b = bureau
    _session(workspace, admin, D(2025, 12, 2), "warning_meeting", "去年的警示教育", [b.finance_head])
    _session(workspace, admin, D(2026, 3, 12), "warning_meeting", "警示教育大会",
             [b.director, b.office_head, b.office_staff[0], b.museum_head, *b.museum_staff])
    with workspace.writing() as s:  # someone who took part, then moved to another unit, still took part
        people_write.record_position_change(s, admin, people_types.PositionChangeDraft(
            b.office_staff[0], D(2026, 4, 1), b.finance, "会计"), TODAY)
    with workspace.reading() as s:
        found = coverage(s, admin, 2026)
        rows = {u.unit_name: (u.people, u.took_part, u.missing, u.person_times) for u in found.units}
        assert rows == {"局领导班子": (1, 1, 0, 1), "办公室": (2, 1, 1, 2), "财务科": (2, 1, 1, 0),
                        "市博物馆": (4, 3, 1, 3), "博物馆保卫部": (1, 0, 1, 0)}
        assert [(p.name, p.unit_name) for p in found.absent] == [
            ("李二", "办公室"), ("吴科长", "财务科"), ("王副馆长", "市博物馆"), ("褚三", "博物馆保卫部")]
        assert (found.people, found.took_part) == (10, 6)
        assert [u.unit_name for u in coverage(s, b.clerk, 2026).units] == ["市博物馆", "博物馆保卫部"]
        assert [u.unit_name for u in coverage(s, admin, 2026, b.museum).units] == ["市博物馆", "博物馆保卫部"]
        # last year: only the finance head
        assert coverage(s, admin, 2025).took_part == 1


def test_participants_are_snapshotted_once_each_and_a_clerk_keeps_to_their_units(workspace, admin, bureau):
    b = bureau
    sid = _session(workspace, admin, D(2026, 3, 12), "warning_meeting", "警示教育大会", [b.office_staff[1]])
    with workspace.writing() as s:
        people_write.record_position_change(s, admin, people_types.PositionChangeDraft(
            b.office_staff[1], D(2026, 4, 1), b.finance, "会计"), TODAY)
        row = education_query.get_session(s, sid)
        education_write.save_session(s, admin, row.draft(notes="补记"), TODAY)
        row = education_query.get_session(s, sid)
        assert row.participants[0].unit_name == "办公室"  # as it was
        with pytest.raises(ValidationError) as error:
            education_write.save_session(s, admin, row.draft(participants=(P(person_id=b.director),) * 2), TODAY)
        assert error.value.field == "participants"
        with pytest.raises(ValidationError) as error:
            education_write.save_session(s, admin, EducationDraft(D(2026, 6, 16), "three_one", "党课"), TODAY)
        assert error.value.field == "held_on"
    with workspace.writing() as s, pytest.raises(PermissionDenied):  # the bureau's session: not a clerk's
        education_write.save_session(s, b.clerk, EducationDraft(D(2026, 5, 6), "three_one", "党课"), TODAY)
    with workspace.writing() as s, pytest.raises(PermissionDenied):  # another unit's people
        education_write.save_session(s, b.clerk, EducationDraft(D(2026, 5, 6), "three_one", "党课",
                                                                (P(person_id=b.office_head),), b.museum), TODAY)
    _session(workspace, b.clerk, D(2026, 5, 6), "three_one", "支部党课", [*b.museum_staff, b.desk_staff], b.museum)


def test_a_sign_in_sheet_gives_the_participants(workspace, admin, bureau, tmp_path):
    with workspace.writing() as s:  # a namesake in another unit
        people_write.save_person(s, admin, people_types.PersonDraft(name="冯一", unit_id=bureau.office))
    book = Workbook()
    sheet = book.active
    sheet.title = "签到表"
    sheet.append(["2026年警示教育大会签到表"])
    sheet.append(["序号", "姓名", "部门", "职务", "签到情况"])
    sheet.append([1, "郑馆长", "市博物馆", "", "√"])
    sheet.append([2, "冯一", "市博物馆", "馆员", ""])       # the namesake told apart by the unit
    sheet.append([3, "冯一", "", "", ""])                  # the namesake without a unit: not taken
    sheet.append([4, "陈二", "市博物馆", "", "请假"])        # absent
    sheet.append([5, "钱科长（办公室）", "", "", ""])         # 姓名（单位） in one cell
    sheet.append([6, "外聘专家周某", "某律师事务所", "律师", ""])  # not on the register: kept as written
    sheet.append([7, "郑馆长", "市博物馆", "", ""])          # twice: once
    sheet.append(["填表人：张三"])
    path = tmp_path / "签到表.xlsx"
    book.save(path)
    with workspace.reading() as s:
        read = read_sign_in(s, path)
    assert [(p.draft.name, p.unit_name, p.registered) for p in read.people] == [
        ("郑馆长", "市博物馆", True), ("冯一", "市博物馆", True), ("钱科长", "办公室", True),
        ("外聘专家周某", "某律师事务所", False)]
    assert read.people[1].draft.person_id == bureau.museum_staff[0]
    assert read.absent == ("陈二",) and read.outsiders == 1
    assert len(read.problems) == 1 and "第 5 行" in read.problems[0] and "同名" in read.problems[0]
    assert read.summary == "读取 4 人（名册外 1 人），缺席 1 人；1 行未读取"
    sid = _session(workspace, admin, D(2026, 3, 12), "warning_meeting", "警示教育大会", [])
    with workspace.writing() as s:
        row = education_query.get_session(s, sid)
        education_write.save_session(s, admin, row.draft(participants=tuple(p.draft for p in read.people)), TODAY)
        assert education_query.get_session(s, sid).people == 4
    empty = tmp_path / "空.xlsx"
    Workbook().save(empty)
    with workspace.reading() as s, pytest.raises(ValidationError):
        read_sign_in(s, empty)


def test_the_dossier_and_timeline_show_duty_and_education(workspace, admin, bureau, tmp_path):
    from docx import Document

    from app.registers.assessments import write as assessments_write
    from app.registers.assessments.rules import DEFAULT_ITEMS
    from app.registers.assessments.types import AssessmentDraft, ItemDraft, LeaderReportDraft
    from app.registers.people.documents import export_dossier
    from app.registers.people.dossier import person_dossier
    from app.registers.people.timeline import person_timeline
    from app.registers.pledges import write as pledges_write
    from app.registers.pledges.types import PledgeDraft

    b = bureau
    items = tuple(ItemDraft(i.name, i.source, i.weight, 90) for i in DEFAULT_ITEMS)
    with workspace.writing() as s:
        pledges_write.save_pledge(s, admin, PledgeDraft(2026, "party_member", None, person_id=b.museum_deputy,
                                                        leader_id=b.director, signed_on=D(2026, 2, 3)), TODAY)
        pledges_write.save_pledge(s, admin, PledgeDraft(2026, "unit_post", None, person_id=b.museum_staff[0],
                                                        leader_id=b.museum_head), TODAY)  # unsigned, as leader
        assessments_write.save_report(s, admin, LeaderReportDraft(2025, b.museum_head, D(2026, 1, 12), "履职",
                                                                  93, "competent"), TODAY)
        assessments_write.save_assessment(s, admin, AssessmentDraft(2025, b.museum, items, "good",
                                                                    assessed_on=D(2026, 1, 20)), TODAY)
        assessments_write.save_assessment(s, admin, AssessmentDraft(2026, b.museum, DEFAULT_ITEMS), TODAY)  # under way
    _session(workspace, admin, D(2026, 3, 12), "warning_meeting", "警示教育大会", [b.museum_head])
    with workspace.reading() as s:
        dossier = person_dossier(s, admin, b.museum_head, today=TODAY)
        shown = [(i.day, i.section_label, i.kind, i.flag) for i in dossier.items() if i.section in ("duty", "education")]
        timeline = [(t.day, t.kind) for t in person_timeline(s, admin, b.museum_head) if t.register in ("duty", "education")]
    assert shown == [(D(2026, 1, 1), "主体责任", "责任书", "warn"),
                     (D(2026, 1, 12), "主体责任", "述职述廉", ""),
                     (D(2026, 1, 20), "主体责任", "主体责任考核", ""),
                     (D(2026, 3, 12), "廉政教育", "警示教育大会", "")]
    assert "述职述廉 1 次 · 廉政教育 1 次" in dossier.summary
    assert timeline == [(D(2026, 1, 12), "述职述廉"), (D(2026, 1, 20), "主体责任考核"), (D(2026, 3, 12), "警示教育大会")]
    with workspace.writing() as s:
        export_dossier(s, admin, b.museum_head, tmp_path / "档案.docx", bureau="测试局", today=TODAY)
    text = [p.text for p in Document(str(tmp_path / "档案.docx")).paragraphs]
    assert "九、落实主体责任（责任书、述职述廉、考核）" in text and "十、参加廉政教育" in text
    cells = [c.text for t in Document(str(tmp_path / "档案.docx")).tables for row in t.rows for c in row.cells]
    assert "述职述廉" in cells and "警示教育大会" in cells
