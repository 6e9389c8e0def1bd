"""主体责任: the seed's 专题研究 “不少于两次” per calendar year (the rule and 首页's reminder),
责任书 drawn up, signed and reminded of after the administrator's date, the year's 责任单位, and
the reports up the line tracked as due, received, late and missing."""
from __future__ import annotations


import pytest

from app import reminders
from app.errors import PermissionDenied, ValidationError
from app.registers.duty_reports import write as reports_write
from app.registers.duty_reports.stats import tracking
from app.registers.duty_reports.types import DutyReportDraft
from app.registers.pledges import query as pledges_query
from app.registers.pledges import write as pledges_write
from app.registers.pledges.stats import pledge_figures
from app.registers.pledges.types import PledgeDraft, PledgeFilter
from app.registers.studies import write as studies_write
from app.registers.studies.rules import study_due
from app.registers.studies.types import StudyDraft
from app.settings import load_settings, save_settings
from tests.unit.duty_helpers import D, make_bureau


@pytest.fixture
def bureau(workspace, admin):
    return make_bureau(workspace, admin)


def _reminders(ws, actor, today, kind):
    with ws.reading() as s:
        return [r for r in reminders.reminders(s, actor, today, load_settings(s)) if r.kind == kind]


# ---- 专题研究: 不少于两次 a calendar year ------------------------------------------------------------


@pytest.mark.parametrize(("count", "today", "expected"), [
    (0, D(2026, 6, 30), None),                       # the first half: nothing yet asked
    (0, D(2026, 7, 1), (D(2026, 7, 1), False)),      # from 1 July while there has been none
    (1, D(2026, 9, 30), None),                       # one study: quiet until the fourth quarter
    (1, D(2026, 10, 1), (D(2026, 10, 1), True)),     # Q4 while fewer than two
    (0, D(2026, 11, 20), (D(2026, 7, 1), True)),     # none at all: still reminded, now in Q4
    (2, D(2026, 12, 31), None),                      # two: the seed is met
    (3, D(2026, 10, 2), None),
])
def test_the_two_a_year_rule(count, today, expected):
    due = study_due(count, today)
    if expected is None:
        assert due is None
        return
    since, last_quarter = expected
    assert (due.since, due.last_quarter, due.due, due.missing) == (since, last_quarter, D(2026, 12, 31), 2 - count)


def test_the_party_groups_studies_are_reminded_of_as_the_year_goes(workspace, admin, bureau):
    assert _reminders(workspace, admin, D(2026, 6, 30), "党组专题研究") == []
    july = _reminders(workspace, admin, D(2026, 7, 1), "党组专题研究")
    assert [r.title for r in july] == ["2026年党组专题研究全面从严治党尚未开展，还需 2 次"]
    with workspace.writing() as s:
        studies_write.save_study(s, admin, StudyDraft(D(2026, 7, 10), "party_group", "研究部署下半年党风廉政建设"),
                                 D(2026, 7, 10))
        # a unit's 班子 does not count for the 党组
        studies_write.save_study(s, admin, StudyDraft(D(2026, 7, 11), "leadership", "研究本馆风险点", bureau.museum),
                                 D(2026, 7, 11))
    assert _reminders(workspace, admin, D(2026, 9, 30), "党组专题研究") == []
    october = _reminders(workspace, admin, D(2026, 10, 1), "党组专题研究")
    assert [(r.title, r.urgency) for r in october] == [("2026年党组专题研究全面从严治党已研究 1 次，还需 1 次",
                                                        reminders.SOON)]
    assert october[0].key != july[0].key  # marking July's done does not hide the fourth quarter's
    with workspace.writing() as s:
        studies_write.save_study(s, admin, StudyDraft(D(2026, 10, 9), "center_group", "学习纪律处分条例"),
                                 D(2026, 10, 9))
    assert _reminders(workspace, admin, D(2026, 12, 1), "党组专题研究") == []
    # the next year counts afresh
    assert len(_reminders(workspace, admin, D(2027, 7, 2), "党组专题研究")) == 1


def test_the_party_groups_studies_are_no_units_a_limited_clerk_neither_writes_nor_is_reminded(workspace, admin, bureau):
    with workspace.writing() as s, pytest.raises(PermissionDenied):
        studies_write.save_study(s, bureau.clerk, StudyDraft(D(2026, 7, 10), "party_group", "研究"), D(2026, 7, 10))
    assert _reminders(workspace, bureau.clerk, D(2026, 10, 1), "党组专题研究") == []
    with workspace.writing() as s:
        studies_write.save_study(s, bureau.clerk, StudyDraft(D(2026, 5, 10), "leadership", "研究本馆风险点",
                                                             bureau.museum), D(2026, 5, 10))
    with workspace.writing() as s, pytest.raises(ValidationError) as error:
        studies_write.save_study(s, admin, StudyDraft(D(2026, 5, 10), "party_group", "  "), D(2026, 5, 10))
    assert error.value.field == "topics"


# ---- 责任书 -------------------------------------------------------------------------------------


def test_a_years_pledges_are_drawn_up_signed_and_counted_by_level(workspace, admin, bureau):
    with workspace.writing() as s:
        made = pledges_write.draw_up_year(s, admin, 2026, "party_unit",
                                          unit_ids=[bureau.office, bureau.finance, bureau.museum], leader_name="周局长")
        again = pledges_write.draw_up_year(s, admin, 2026, "party_unit", unit_ids=[bureau.office, bureau.museum])
        posts = pledges_write.draw_up_year(s, admin, 2026, "unit_post", person_ids=list(bureau.museum_staff))
    assert len(made) == 3 and again == [] and len(posts) == 2
    with workspace.reading() as s:
        rows = pledges_query.pledge_rows(s, made)
        assert {r.unit_name: r.signer_name for r in rows} == {"办公室": "钱科长", "财务科": "吴科长", "市博物馆": "郑馆长"}
        assert all(not r.signed and r.leader_name == "周局长" for r in rows)
        museum_pledge = next(r for r in rows if r.unit_id == bureau.museum)
    with workspace.writing() as s:
        assert pledges_write.mark_signed(s, admin, [made[0], made[1]], D(2026, 3, 2), D(2026, 6, 15)) == 2
        assert pledges_write.mark_signed(s, admin, [made[0]], D(2026, 3, 9), D(2026, 6, 15)) == 0  # kept its date
    with workspace.reading() as s:
        figures = pledge_figures(s, admin, 2026)
        assert (figures.listed, figures.signed, figures.unsigned) == (5, 2, 3)
        assert [(c.label, c.signed, c.listed) for c in figures.by_level] == [
            ("党组—单位（科室）", 2, 3), ("单位（科室）—岗位", 0, 2)]
        unsigned = pledges_query.search_pledge_ids(s, admin, PledgeFilter(year=2026, signed=False))
        assert museum_pledge.id in unsigned and len(unsigned) == 3
        # the year's 责任单位: those signing a unit pledge; a year without a list takes the last one
        assert [u.name for u in pledges_query.responsible_units(s, admin, 2027)] == ["办公室", "财务科", "市博物馆"]
        assert [u.name for u in pledges_query.responsible_units(s, bureau.clerk, 2026)] == ["市博物馆"]


def test_a_pledge_is_one_per_signer_and_signed_in_its_year(workspace, admin, bureau):
    with workspace.writing() as s:
        pledges_write.save_pledge(s, admin, PledgeDraft(2026, "party_unit", bureau.office), D(2026, 6, 15))
    for draft, field in ((PledgeDraft(2026, "party_unit", bureau.office), "unit_id"),
                         (PledgeDraft(2026, "party_unit", bureau.finance, signed_on=D(2024, 12, 30)), "signed_on"),
                         (PledgeDraft(2026, "party_unit", bureau.finance, signed_on=D(2026, 6, 16)), "signed_on"),
                         (PledgeDraft(2026, "no_such_level", bureau.finance), "level")):
        with workspace.writing() as s, pytest.raises(ValidationError) as error:
            pledges_write.save_pledge(s, admin, draft, D(2026, 6, 15))
        assert error.value.field == field, draft
    with workspace.writing() as s:  # signed late the year before: allowed
        pledges_write.save_pledge(s, admin, PledgeDraft(2026, "party_unit", bureau.finance, signed_on=D(2025, 12, 28)),
                                  D(2026, 6, 15))
    with workspace.writing() as s, pytest.raises(PermissionDenied):
        pledges_write.save_pledge(s, bureau.clerk, PledgeDraft(2026, "unit_post", None, person_id=bureau.office_head),
                                  D(2026, 6, 15))


def test_unsigned_pledges_are_reminded_of_from_the_administrators_date(workspace, admin, bureau):
    assert _reminders(workspace, admin, D(2026, 3, 30), "责任书签订") == []
    nothing = _reminders(workspace, admin, D(2026, 3, 31), "责任书签订")
    assert [r.title for r in nothing] == ["2026年党风廉政建设责任书尚未登记签订情况"]
    with workspace.writing() as s:
        made = pledges_write.draw_up_year(s, admin, 2026, "party_unit", unit_ids=[bureau.office, bureau.museum])
        pledges_write.mark_signed(s, admin, made[:1], D(2026, 2, 20), D(2026, 6, 15))
    open_ = _reminders(workspace, admin, D(2026, 4, 1), "责任书签订")
    assert [(r.title, r.urgency, r.due) for r in open_] == [
        ("2026年党风廉政建设责任书尚有 1 份未签订", reminders.OVERDUE, D(2026, 3, 31))]
    assert "市博物馆（郑馆长）" in open_[0].detail
    assert open_[0].page == "duty" and open_[0].filters == {"tab": "pledges", "year": 2026, "signed": False}
    with workspace.writing() as s:
        save_settings(s, admin, pledge_due="05-10")
    assert _reminders(workspace, admin, D(2026, 5, 9), "责任书签订") == []
    with workspace.writing() as s:
        pledges_write.mark_signed(s, admin, made[1:], D(2026, 5, 9), D(2026, 6, 15))
    assert _reminders(workspace, admin, D(2026, 6, 1), "责任书签订") == []
    with workspace.writing() as s, pytest.raises(ValidationError) as error:
        save_settings(s, admin, pledge_due="13-40")
    assert error.value.field == "pledge_due"


# ---- 报告报送 -----------------------------------------------------------------------------------


def test_reports_up_the_line_are_tracked_as_received_late_and_missing(workspace, admin, bureau):
    with workspace.writing() as s:
        pledges_write.draw_up_year(s, admin, 2026, "party_unit", unit_ids=[bureau.office, bureau.finance, bureau.museum])

        def received(unit, kind, period, day):
            return reports_write.save_duty_report(s, admin, DutyReportDraft(unit, kind, 2026, period, day), D(2026, 8, 1))

        received(bureau.office, "half_year", 1, D(2026, 7, 10))
    due = _reminders(workspace, admin, D(2026, 7, 10), "报告报送")
    assert any(r.title == "2026年上半年半年工作报告：2 个单位未报送" and r.urgency == reminders.SOON for r in due)
    with workspace.writing() as s:
        def received(unit, kind, period, day):
            return reports_write.save_duty_report(s, admin, DutyReportDraft(unit, kind, 2026, period, day), D(2026, 8, 1))

        received(bureau.finance, "half_year", 1, D(2026, 7, 20))        # after 07-15: late
        received(bureau.office, "info", 6, D(2026, 6, 20))
        received(bureau.office, "info", 6, D(2026, 6, 28))              # several 信息 a month are fine
        with pytest.raises(ValidationError) as error:                    # one half-year report per period
            received(bureau.office, "half_year", 1, D(2026, 7, 11))
        assert error.value.field == "period"
        with pytest.raises(ValidationError) as error:
            received(bureau.museum, "half_year", 2, D(2026, 6, 30))      # before its half began
        assert error.value.field == "received_on"
    settings = workspace.settings
    with workspace.reading() as s:
        half = tracking(s, admin, 2026, "half_year", D(2026, 8, 1), settings)
        first = half.periods[0]
        assert (first.due, first.expected, first.received, first.missing) == (D(2026, 7, 15), 3, 2, ("市博物馆",))
        states = {u.unit_name: half.state(u, first) for u in half.units}
        assert states == {"办公室": "received", "财务科": "late", "市博物馆": "missing"}
        assert half.state(half.units[0], half.periods[1]) == "due"
        info = tracking(s, admin, 2026, "info", D(2026, 8, 1), settings)
        june = info.periods[5]
        assert june.received == 1 and info.units[0].cells[6].count == 2
        # a clerk of the museum tracks the museum only
        assert [u.unit_name for u in tracking(s, bureau.clerk, 2026, "half_year", D(2026, 8, 1), settings).units] == ["市博物馆"]
    late = _reminders(workspace, admin, D(2026, 8, 1), "报告报送")
    assert any(r.title == "2026年上半年半年工作报告：1 个单位未报送" and r.urgency == reminders.OVERDUE
               and "市博物馆" in r.detail for r in late)
