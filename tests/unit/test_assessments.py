"""考核 and 述职述廉: the scoring table (weights to 100, the total, the grade the lines propose),
一票否决 — proposed from a third- or fourth-form measure in the unit that year, never from
findings — and the 约谈 proposal over findings, 信访举报 clues, 民主评议 and the grade."""
from __future__ import annotations


import pytest

from app import reminders
from app.errors import PermissionDenied, ValidationError
from app.interviews import interview_proposals
from app.registers.assessments import query as assessments_query
from app.registers.assessments import write as assessments_write
from app.registers.assessments.rules import DEFAULT_ITEMS, grade_of, total_of
from app.registers.assessments.types import AssessmentDraft, ItemDraft, LeaderReportDraft
from app.registers.assessments.veto import serious_cases, veto_proposal
from app.registers.clues import write as clues_write
from app.registers.clues.types import ClueDraft
from app.registers.findings import types as findings_types
from app.registers.findings import write as findings_write
from app.registers.people.query import unit_heads
from app.registers.sanctions import write as sanctions_write
from app.registers.sanctions.types import SanctionDraft
from app.registers.talks import write as talks_write
from app.registers.talks.types import ParticipantDraft, TalkDraft
from app.settings import load_settings, save_settings
from tests.unit.duty_helpers import D, make_bureau

TODAY = D(2026, 6, 15)


@pytest.fixture
def bureau(workspace, admin):
    return make_bureau(workspace, admin)


def _items(*scores: float | None) -> tuple[ItemDraft, ...]:
    return tuple(ItemDraft(i.name, i.source, i.weight, score) for i, score in zip(DEFAULT_ITEMS, scores))


def _save(ws, actor, draft):
    with ws.writing() as s:
        return assessments_write.save_assessment(s, actor, draft, TODAY)


def _row(ws, assessment_id):
    with ws.reading() as s:
        return assessments_query.get_assessment(s, assessment_id)


# ---- the score ----------------------------------------------------------------------------------


def test_the_total_is_the_weighted_scores_and_proposes_a_grade():
    items = _items(92, 88.5, 90, 96.4)  # 30·92 + 30·88.5 + 20·90 + 20·96.4 over 100
    assert total_of(items) == 91.4
    assert total_of(_items(92, 88.5, None, 96)) is None  # not yet scored
    lines = (90, 80, 60)
    assert [grade_of(t, lines) for t in (91.4, 90, 89.9, 80, 60, 59.9)] == [
        "good", "good", "fair", "fair", "average", "poor"]
    assert grade_of(None, lines) == ""
    assert grade_of(95, lines, veto=True) == "average" and grade_of(50, lines, veto=True) == "poor"


def test_a_units_assessment_keeps_its_table_total_and_satisfaction(workspace, admin, bureau):
    items = (ItemDraft("日常抽查·工作纪律", "daily", 15, 94), ItemDraft("日常抽查·财务纪律", "daily", 15, 86),
             ItemDraft("重点检查", "key", 30, 88), ItemDraft("述职述廉", "report", 20, 90),
             ItemDraft("民主评议", "appraisal", 20, 95.5))
    aid = _save(workspace, admin, AssessmentDraft(2025, bureau.museum, items, "good", assessed_on=D(2026, 1, 20)))
    row = _row(workspace, aid)
    assert row.total == 90.5 and row.satisfaction == 95.5 and row.source_score("daily") == 90.0
    assert (row.head_id, row.head_name) == (bureau.museum_head, "郑馆长")  # the unit's head, a 班子成员 first
    assert [i.name for i in row.items] == ["日常抽查·工作纪律", "日常抽查·财务纪律", "重点检查", "述职述廉", "民主评议"]
    with workspace.reading() as s:
        assert assessments_query.previous_items(s, bureau.museum, 2026)[0].score is None  # next year's table
        heads = unit_heads(s, [bureau.office, bureau.leadership, bureau.museum, bureau.museum_desk])
        # the head post, never a 副; a unit without one (保卫部: a 保卫干事 only) has none
        assert {u: p.id for u, p in heads.items()} == {bureau.office: bureau.office_head,
                                                      bureau.leadership: bureau.director,
                                                      bureau.museum: bureau.museum_head}


@pytest.mark.parametrize(("items", "grade", "veto", "reason", "field"), [
    (_items(90, 90, 90), "", False, "", "items"),                                   # weights 80
    ((ItemDraft("", "daily", 100, 90),), "", False, "", "items"),                   # no name
    ((ItemDraft("日常抽查", "daily", 100, 101),), "", False, "", "items"),           # over 100
    ((ItemDraft("日常抽查", "nowhere", 100, 90),), "", False, "", "items"),          # no such source
    ((), "", False, "", "items"),
    (_items(95, 95, 95, 95), "good", True, "年内发生严重违纪案件", "grade"),        # vetoed: 一般 at best
    (_items(95, 95, 95, 95), "average", True, "", "veto_reason"),                    # a veto says why
])
def test_a_bad_table_or_grade_is_refused_naming_the_field(workspace, admin, bureau, items, grade, veto, reason, field):
    with workspace.writing() as s, pytest.raises(ValidationError) as error:
        assessments_write.save_assessment(s, admin, AssessmentDraft(2025, bureau.office, items, grade, veto, reason),
                                          TODAY)
    assert error.value.field == field


def test_one_assessment_per_unit_and_year_and_a_clerk_keeps_to_their_units(workspace, admin, bureau):
    _save(workspace, admin, AssessmentDraft(2025, bureau.office, DEFAULT_ITEMS))
    with workspace.writing() as s, pytest.raises(ValidationError) as error:
        assessments_write.save_assessment(s, admin, AssessmentDraft(2025, bureau.office, DEFAULT_ITEMS), TODAY)
    assert error.value.field == "unit_id"
    with workspace.writing() as s, pytest.raises(PermissionDenied):
        assessments_write.save_assessment(s, bureau.clerk, AssessmentDraft(2025, bureau.office, DEFAULT_ITEMS), TODAY)
    _save(workspace, bureau.clerk, AssessmentDraft(2025, bureau.museum, DEFAULT_ITEMS))
    with workspace.reading() as s:
        seen = assessments_query.assessment_rows(s, assessments_query.search_assessment_ids(
            s, bureau.clerk, assessments_query.AssessmentFilter()))
    assert [r.unit_name for r in seen] == ["市博物馆"]


# ---- 一票否决 -------------------------------------------------------------------------------------


def test_a_veto_is_proposed_from_a_third_form_measure_in_the_unit_that_year_never_from_findings(workspace, admin, bureau):
    with workspace.writing() as s:
        for n in range(6):  # however many findings: no veto
            findings_write.save_finding(s, admin, findings_types.FindingDraft(
                source="inspection", found_on=D(2025, 3, 1 + n), unit_id=bureau.museum, description=f"问题{n}"), TODAY)
        # second form, and a third form of another year or unit: no veto either
        sanctions_write.save_sanction(s, admin, SanctionDraft(bureau.museum_staff[0], "gov_warning", D(2025, 4, 2)), TODAY)
        sanctions_write.save_sanction(s, admin, SanctionDraft(bureau.museum_staff[1], "gov_demotion", D(2024, 4, 2)), TODAY)
        sanctions_write.save_sanction(s, admin, SanctionDraft(bureau.office_staff[0], "gov_demotion", D(2025, 4, 2)), TODAY)
    with workspace.reading() as s:
        assert veto_proposal(s, admin, bureau.museum, 2025) is None
    with workspace.writing() as s:  # a third-form measure of someone in a unit below the museum
        sid = sanctions_write.save_sanction(s, admin, SanctionDraft(bureau.desk_staff, "gov_removal", D(2025, 9, 8)),
                                            TODAY)
    with workspace.reading() as s:
        case = veto_proposal(s, admin, bureau.museum, 2025)
        assert case is not None and case.sanction_id == sid
        assert case.reason == "2025-09-08 褚三 受政务撤职处分（第三种形态）"
        assert [c.sanction_id for c in serious_cases(s, admin, bureau.office, 2025)] != []
        assert veto_proposal(s, admin, bureau.museum, 2026) is None
    aid = _save(workspace, admin, AssessmentDraft(2025, bureau.museum, _items(95, 95, 95, 95), "average", True,
                                                  case.reason, case.sanction_id))
    row = _row(workspace, aid)
    assert row.veto and row.veto_sanction_id == sid and row.total == 95 and row.grade_label == "一般"


# ---- 述职述廉 --------------------------------------------------------------------------------------


def test_a_leaders_report_keeps_the_unit_and_position_of_the_time(workspace, admin, bureau):
    with workspace.writing() as s:
        rid = assessments_write.save_report(s, admin, LeaderReportDraft(2025, bureau.museum_head, D(2026, 1, 12),
                                                                        "履行一岗双责", 96.25, "excellent"), TODAY)
        for draft, field in ((LeaderReportDraft(2025, bureau.museum_head), "person_id"),
                             (LeaderReportDraft(2025, bureau.office_head, satisfaction=101), "satisfaction"),
                             (LeaderReportDraft(2025, bureau.office_head, rating="最好"), "rating"),
                             (LeaderReportDraft(2025, bureau.office_head, D(2027, 1, 3)), "reported_on")):
            with pytest.raises(ValidationError) as error:
                assessments_write.save_report(s, admin, draft, TODAY)
            assert error.value.field == field
        row = assessments_query.get_report(s, rid)
    assert (row.unit_name, row.position, row.satisfaction, row.rating_label) == ("市博物馆", "党支部书记、馆长", 96.2, "优秀")


# ---- 约谈 -----------------------------------------------------------------------------------------


def _proposals(ws, actor, today=TODAY):
    with ws.reading() as s:
        return {p.unit_name: p for p in interview_proposals(s, actor, today, load_settings(s))}


def test_a_interview_is_proposed_when_the_administrators_thresholds_are_crossed(workspace, admin, bureau):
    with workspace.writing() as s:
        save_settings(s, admin, interview_findings=3, interview_complaints=2, interview_satisfaction=85)

        def finding(day):
            findings_write.save_finding(s, admin, findings_types.FindingDraft(
                source="inspection", found_on=day, unit_id=bureau.office, description=f"考勤问题{day}"), TODAY)

        for day in (D(2025, 5, 1), D(2026, 1, 10), D(2026, 1, 11)):  # the first lies outside the 12 months
            finding(day)
        for n, person in enumerate((bureau.museum_staff[0], bureau.desk_staff)):  # a unit below counts for the museum
            clues_write.save_clue(s, admin, ClueDraft(D(2026, 2, 3 + n), "群众反映其违规收受礼品", (person,),
                                                      source="petition"), TODAY)
        clues_write.save_clue(s, admin, ClueDraft(D(2026, 2, 5), "巡察发现", (bureau.office_staff[0],),
                                                  source="patrol"), TODAY)  # not a complaint
        assessments_write.save_assessment(s, admin, AssessmentDraft(2025, bureau.finance, _items(90, 90, 90, 84.5)), TODAY)
        assessments_write.save_assessment(s, admin, AssessmentDraft(2025, bureau.leadership, _items(50, 50, 60, 90),
                                                                    "poor"), TODAY)
        assessments_write.save_assessment(s, admin, AssessmentDraft(2026, bureau.finance, _items(90, 90, None, None)),
                                          TODAY)  # this year's under way: the 满意度 is last year's
    found = _proposals(workspace, admin)
    assert {name: p.reasons for name, p in found.items()} == {
        "局领导班子": ("2025年度主体责任考核等次为“差”",),
        "财务科": ("2025年度民主评议满意度 84.5%（低于 85%）",),
        "市博物馆": ("近12个月信访举报反映问题 2 件（达到 2 件）",),
    }
    assert found["市博物馆"].head.id == bureau.museum_head and found["财务科"].head_text == "吴科长（科长）"
    with workspace.writing() as s:
        findings_write.save_finding(s, admin, findings_types.FindingDraft(
            source="inspection", found_on=D(2026, 6, 1), unit_id=bureau.office, description="值班脱岗"), TODAY)
    assert _proposals(workspace, admin)["办公室"].reasons == ("近12个月监督检查等发现问题 3 个（达到 3 个）",)

    # A 约谈 of someone else (about a clue) does not answer it; a 约谈 of the unit's head does.
    def interview(person, day):
        with workspace.writing() as s:
            talks_write.save_talk(s, admin, TalkDraft(kind="interview", talk_date=day, talkees=(
                ParticipantDraft(person_id=person),), talkers=(ParticipantDraft(name="纪委书记"),), content="约谈"), TODAY)

    interview(bureau.museum_staff[0], D(2026, 6, 1))
    assert "市博物馆" in _proposals(workspace, admin)
    interview(bureau.museum_head, D(2026, 6, 2))
    assert "市博物馆" not in _proposals(workspace, admin)
    # 首页: the reason shown; the clerk of the museum sees the museum's proposals only
    with workspace.reading() as s:
        shown = [r for r in reminders.reminders(s, admin, TODAY, load_settings(s)) if r.kind == "约谈建议"]
        clerk = interview_proposals(s, bureau.clerk, TODAY, load_settings(s))
    assert {r.title for r in shown} == {"建议约谈局领导班子主要负责人 周局长（党组书记、局长）",
                                        "建议约谈财务科主要负责人 吴科长（科长）",
                                        "建议约谈办公室主要负责人 钱科长（科长）"}
    assert all(r.page == "duty" and r.filters["tab"] == "interviews" and r.detail for r in shown)
    assert clerk == []
    # thresholds of 0 are not used
    with workspace.writing() as s:
        save_settings(s, admin, interview_findings=0, interview_complaints=0, interview_satisfaction=0)
    assert set(_proposals(workspace, admin)) == {"局领导班子"}  # 差 needs no threshold
