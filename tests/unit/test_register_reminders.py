"""The reminders the registers imply, with a frozen today: each kind appears exactly when it
should (not the day before), and leaves when marked done or when its condition is met."""
from __future__ import annotations

import datetime as dt

from app import reminders as rem
from app.registers.findings import workflow as wf
from app.registers.ledger import query as lq
from app.registers.ledger import types as ledger_types
from app.registers.ledger import write as ledger_write
from app.registers.risks import query as risk_svc
from app.registers.risks.review import confirm_review, start_review
from app.registers.risks.types import RiskDraft
from app.registers.risks.write import retire_risk, save_risk
from tests.conftest import TODAY
from tests.unit import finding_helpers as fh

D = dt.date


def _open(ws, actor, today, prefix: str) -> dict[str, rem.Reminder]:
    with ws.reading() as s:
        return {r.key: r for r in rem.reminders(s, actor, today, ws.settings) if r.key.startswith(prefix)}


def _done(ws, actor, reminder: rem.Reminder, how: str = "已电话督促") -> None:
    with ws.writing() as s:
        rem.mark_done(s, actor, reminder.key, how, kind=reminder.kind, title=reminder.title)


# ---- findings: overdue and due soon ---------------------------------------------------------


def test_overdue_rectification_from_the_day_after_the_deadline_until_rectified(workspace, editor):
    office = fh.unit(workspace, editor)
    fid = fh.finding(workspace, editor, office, deadline=D(2026, 6, 10), description="公务用车登记不全")
    key = f"finding-overdue:{fid}:2026-06-10"
    assert key not in _open(workspace, editor, D(2026, 6, 10), "finding-overdue")   # due today: not yet
    reminder = _open(workspace, editor, D(2026, 6, 11), "finding-overdue")[key]
    assert (reminder.urgency, reminder.due, reminder.page, reminder.filters) == \
        (rem.OVERDUE, D(2026, 6, 10), "inspections", {"finding_id": fid})
    assert reminder.title == "办公室：公务用车登记不全" and "已逾期 1 天" in reminder.detail
    fh.to_status(workspace, editor, fid, "rectified")        # 已整改(待验收): no longer overdue
    assert key not in _open(workspace, editor, D(2026, 6, 15), "finding-overdue")


def test_overdue_rectification_leaves_when_done_and_returns_after_an_extension_runs_out(workspace, editor):
    office = fh.unit(workspace, editor)
    fid = fh.finding(workspace, editor, office, deadline=D(2026, 6, 10))
    reminder = _open(workspace, editor, TODAY, "finding-overdue")[f"finding-overdue:{fid}:2026-06-10"]
    _done(workspace, editor, reminder, "已发督办函")
    assert _open(workspace, editor, TODAY, "finding-overdue") == {}
    with workspace.writing() as s:
        wf.extend_deadline(s, editor, wf.Extension(fid, fh.version(workspace, fid), D(2026, 6, 30),
                                                   "需采购设备", D(2026, 6, 12)), TODAY)
    assert _open(workspace, editor, D(2026, 6, 29), "finding-overdue") == {}
    assert list(_open(workspace, editor, D(2026, 7, 1), "finding-overdue")) == [f"finding-overdue:{fid}:2026-06-30"]


def test_deadline_due_soon_within_the_configured_days(workspace, editor):
    office = fh.unit(workspace, editor)
    fid = fh.finding(workspace, editor, office, deadline=D(2026, 6, 22))
    key = f"finding-due:{fid}:2026-06-22"
    assert key not in _open(workspace, editor, D(2026, 6, 14), "finding-due")   # 8 days ahead
    soon = _open(workspace, editor, D(2026, 6, 15), "finding-due")[key]        # 7 days ahead
    assert soon.urgency == rem.SOON and "还有 7 天" in soon.detail
    assert _open(workspace, editor, D(2026, 6, 22), "finding-due")[key].urgency == rem.TODAY
    assert key not in _open(workspace, editor, D(2026, 6, 23), "finding-due")   # overdue instead
    fh.to_status(workspace, editor, fid, "rectified")
    assert key not in _open(workspace, editor, D(2026, 6, 20), "finding-due")


# ---- risk points past their review date -----------------------------------------------------


def _risk(ws, actor, unit, review: dt.date, year: int = 2025) -> int:
    with ws.writing() as s:
        return save_risk(s, actor, RiskDraft(unit_id=unit, name="采购需求编制倾向特定供应商", year=year,
                                             category="duty", level=1, next_review=review), TODAY)


def test_risk_review_due_until_the_next_year_is_confirmed(workspace, editor):
    office = fh.unit(workspace, editor)
    aid = _risk(workspace, editor, office, D(2026, 3, 31))
    key = f"risk-review:{aid}:2026-03-31"
    assert key not in _open(workspace, editor, D(2026, 3, 23), "risk-review")   # 8 days ahead
    assert _open(workspace, editor, D(2026, 3, 24), "risk-review")[key].urgency == rem.SOON
    late = _open(workspace, editor, TODAY, "risk-review")[key]
    assert (late.urgency, late.page, late.filters) == (rem.OVERDUE, "risks", {"year": 2025, "risk_id": aid})
    assert late.detail == "2025年评估为一级，复核日期已过"
    with workspace.writing() as s:
        start_review(s, editor, 2026, TODAY)                 # the 排查 in draft: still due
    assert key in _open(workspace, editor, TODAY, "risk-review")
    with workspace.writing() as s:
        confirm_review(s, editor, 2026)                      # next review moved to 2027-03-31
    assert _open(workspace, editor, TODAY, "risk-review") == {}


def test_risk_review_leaves_when_retired_or_done(workspace, editor):
    office = fh.unit(workspace, editor)
    first = _risk(workspace, editor, office, D(2026, 5, 31))
    with workspace.writing() as s:
        second = save_risk(s, editor, RiskDraft(unit_id=office, name="公车私用", year=2025, category="duty",
                                                level=2, next_review=D(2026, 6, 1)), TODAY)
    found = _open(workspace, editor, TODAY, "risk-review")
    assert set(found) == {f"risk-review:{first}:2026-05-31", f"risk-review:{second}:2026-06-01"}
    with workspace.writing() as s:
        retire_risk(s, editor, first, reason="岗位撤并")
    _done(workspace, editor, found[f"risk-review:{second}:2026-06-01"], "已组织复核，等级不变")
    assert _open(workspace, editor, TODAY, "risk-review") == {}
    with workspace.reading() as s:
        assert risk_svc.reviews_due(s, editor, TODAY) != []  # done is our record, not the register's


# ---- the first-form ledger: 回访, 影响期, 函询 ---------------------------------------------------


def _entry(ws, actor, person, **kw) -> int:
    kw.setdefault("methods", ("talk_remind",))
    kw.setdefault("decided_on", D(2025, 12, 20))
    with ws.writing() as s:
        return ledger_write.save_entry(s, actor, ledger_types.LedgerDraft(person_id=person, problem="工作日午间饮酒",
                                                                      **kw), TODAY)


def _person(ws, actor) -> int:
    return fh.person(ws, actor, "王五", fh.unit(ws, actor, "市博物馆", "affiliate"))


def test_revisit_due_until_recorded(workspace, editor):
    person = _person(workspace, editor)
    entry = _entry(workspace, editor, person)            # 回访 planned six months on: 2026-06-20
    key = f"revisit:{entry}:2026-06-20"
    assert key not in _open(workspace, editor, D(2026, 6, 12), "revisit")
    soon = _open(workspace, editor, D(2026, 6, 13), "revisit")[key]
    assert (soon.urgency, soon.page, soon.filters, soon.title) == \
        (rem.SOON, "ledger", {"entry_id": entry}, "回访 王五（市博物馆）")
    assert _open(workspace, editor, D(2026, 7, 1), "revisit")[key].urgency == rem.OVERDUE
    with workspace.reading() as s:
        row = lq.get_entry(s, entry)
    with workspace.writing() as s:
        ledger_write.save_entry(s, editor, row.draft(revisit_done_on=D(2026, 6, 21), revisit_result="表现良好"),
                              D(2026, 7, 1))
    assert _open(workspace, editor, D(2026, 7, 1), "revisit") == {}


def test_impact_period_ending_shown_thirty_days_ahead_until_the_end_day(workspace, editor):
    person = _person(workspace, editor)
    entry = _entry(workspace, editor, person, methods=("admonish",), decided_on=D(2026, 1, 10))
    key = f"impact-end:{entry}:2026-07-10"                # 诫勉: six months
    assert key not in _open(workspace, editor, D(2026, 6, 9), "impact-end")
    early = _open(workspace, editor, D(2026, 6, 10), "impact-end")[key]
    assert early.urgency == rem.INFO and early.title == "王五（市博物馆）诫勉影响期届满"
    assert _open(workspace, editor, D(2026, 7, 10), "impact-end")[key].urgency == rem.TODAY
    assert key not in _open(workspace, editor, D(2026, 7, 11), "impact-end")
    _done(workspace, editor, early, "已告知组织人事部门")
    assert key not in _open(workspace, editor, D(2026, 7, 1), "impact-end")


def test_inquiry_past_its_reply_deadline_until_the_reply_is_recorded(workspace, editor):
    person = _person(workspace, editor)
    entry = _entry(workspace, editor, person, decided_on=D(2026, 5, 20), handling="inquiry",
                   letter_sent_on=D(2026, 5, 20), reply_due=D(2026, 6, 5))
    key = f"inquiry-reply:{entry}:2026-06-05"
    assert key not in _open(workspace, editor, D(2026, 6, 5), "inquiry-reply")
    late = _open(workspace, editor, D(2026, 6, 6), "inquiry-reply")[key]
    assert late.urgency == rem.OVERDUE and late.filters == {"entry_id": entry, "view": "all"}
    assert "已超回复期限 1 天" in late.detail
    with workspace.reading() as s:
        row = lq.get_entry(s, entry)
    with workspace.writing() as s:
        ledger_write.save_entry(s, editor, row.draft(replied_on=D(2026, 6, 8)), TODAY)
    assert _open(workspace, editor, TODAY, "inquiry-reply") == {}


# ---- the record of done reminders -----------------------------------------------------------


def test_done_reminders_keep_what_they_said_after_the_condition_is_gone(workspace, editor):
    office = fh.unit(workspace, editor)
    fid = fh.finding(workspace, editor, office, deadline=D(2026, 6, 10), description="公务接待无公函")
    reminder = _open(workspace, editor, TODAY, "finding-overdue")[f"finding-overdue:{fid}:2026-06-10"]
    _done(workspace, editor, reminder, "已发督办函")
    fh.to_status(workspace, editor, fid, "closed")
    with workspace.reading() as s:
        (record,) = rem.done_reminders(s, editor)
    assert (record.kind, record.title, record.how, record.done_by) == \
        ("整改逾期", "办公室：公务接待无公函", "已发督办函", "录入员乙")
    with workspace.writing() as s:
        rem.reopen(s, editor, record.key)
    with workspace.reading() as s:
        assert rem.done_reminders(s, editor) == []


def test_a_unit_limited_user_gets_reminders_of_their_units_only(workspace, editor):
    from app.auth import Actor, Role

    office = fh.unit(workspace, editor)
    museum = fh.unit(workspace, editor, "市博物馆", "affiliate")
    mine = fh.finding(workspace, editor, museum, deadline=D(2026, 6, 1))
    fh.finding(workspace, editor, office, deadline=D(2026, 6, 1))
    limited = Actor(editor.id, "jw", "纪检委员", Role.EDITOR, frozenset({museum}))
    assert list(_open(workspace, limited, TODAY, "finding-overdue")) == [f"finding-overdue:{mine}:2026-06-01"]


def test_next_years_holiday_table_is_asked_for_from_november_until_entered(workspace, editor):
    from app.registers.holidays import rules as holidays_rules
    from app.registers.holidays import types as holidays_types
    from app.registers.holidays import write as holidays_write

    key = "holiday-table:2027"
    assert key not in _open(workspace, editor, D(2026, 10, 31), "holiday-table")
    notice = _open(workspace, editor, D(2026, 11, 1), "holiday-table")[key]
    assert (notice.urgency, notice.page, notice.filters) == (rem.INFO, "admin", {"tab": "holidays", "year": 2027})
    assert _open(workspace, editor, D(2026, 12, 5), "holiday-table")[key].urgency == rem.SOON
    assert _open(workspace, editor, D(2027, 1, 4), "holiday-table")[key].urgency == rem.OVERDUE
    with workspace.writing() as s:
        for festival in holidays_rules.FESTIVAL_ORDER[:-1]:
            day = holidays_rules.festival_day(festival, 2027)
            holidays_write.save_arrangement(s, editor, holidays_types.ArrangementDraft(2027, festival, day, day))
    assert key in _open(workspace, editor, D(2026, 12, 5), "holiday-table")       # six of seven
    with workspace.writing() as s:
        holidays_write.save_arrangement(s, editor, holidays_types.ArrangementDraft(2027, "national", D(2027, 10, 1), D(2027, 10, 7)))
    assert _open(workspace, editor, D(2026, 12, 5), "holiday-table") == {}
