"""Findings: the workflow checked in the service, extensions, overdue / due soon for a frozen
today, 整改完成率 by its definition, permissions, closed years, the person timeline."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlalchemy import select

from app.errors import PermissionDenied, StaleRecord, ValidationError
from app.registers.findings import query as findings_query
from app.registers.findings import stats as st
from app.registers.findings import types as findings_types
from app.registers.findings import workflow as wf
from app.registers.findings import write as findings_write
from app.registers.people.timeline import person_timeline
from app.settings import save_settings
from app.vocab import FINDING_STATUS
from db.models import YearClosure
from tests.conftest import TODAY
from tests.query_plans import plan_of_select
from tests.unit.finding_helpers import (
    finding,
    person,
    status,
    step,
    to_status,
    unit,
    version,
)

STATUSES = list(FINDING_STATUS)
ALLOWED = {("pending", "in_progress"), ("in_progress", "rectified"), ("rectified", "closed"),
           ("rectified", "in_progress"), ("closed", "in_progress")}


def _history(ws, fid):
    with ws.reading() as s:
        return wf.finding_history(s, fid)


@pytest.mark.parametrize("start, target", list(itertools.product(STATUSES, STATUSES)))
def test_every_transition_is_allowed_or_refused_by_the_service(workspace, editor, start, target):
    office = unit(workspace, editor)
    fid = finding(workspace, editor, office)
    to_status(workspace, editor, fid, start)
    steps_before = len(_history(workspace, fid).changes)
    if (start, target) in ALLOWED:
        step(workspace, editor, fid, target, on=dt.date(2026, 5, 1))
        assert status(workspace, fid) == target
        last = _history(workspace, fid).changes[-1]
        assert (last.from_status, last.to_status, last.changed_on) == (start, target, dt.date(2026, 5, 1))
        assert last.user_name == "录入员乙"
    else:
        with pytest.raises(ValidationError) as err:
            step(workspace, editor, fid, target, on=dt.date(2026, 5, 1), reason="试图跳步")
        assert err.value.field == "to_status"
        assert FINDING_STATUS[start] in err.value.message
        assert status(workspace, fid) == start
        assert len(_history(workspace, fid).changes) == steps_before


def test_closing_needs_a_result_other_than_not_done_and_who_accepted_it(workspace, editor):
    office = unit(workspace, editor)
    fid = finding(workspace, editor, office)
    to_status(workspace, editor, fid, "rectified")
    for kw, field in (({"result": ""}, "result"), ({"result": "not_done"}, "result"),
                      ({"accepted_by": " "}, "accepted_by"),
                      ({"accepted_on": dt.date(2026, 5, 9)}, "accepted_on")):  # after 销号日期
        with pytest.raises(ValidationError) as err:
            step(workspace, editor, fid, "closed", on=dt.date(2026, 5, 8), **kw)
        assert err.value.field == field
    assert status(workspace, fid) == "rectified"
    with pytest.raises(ValidationError) as err:  # 基本完成: rectification goes on, no 销号
        step(workspace, editor, fid, "closed", on=dt.date(2026, 5, 8), result="mostly", accepted_by="李书记")
    assert err.value.field == "result" and "不能销号" in err.value.message
    step(workspace, editor, fid, "in_progress", on=dt.date(2026, 5, 8), result="mostly", reason="个别款项尚未追回")
    with workspace.reading() as s:
        row = findings_query.get_finding(s, fid, TODAY)
    assert (row.status_label, row.result_label, row.closed_on) == ("整改中", "基本完成", None)
    assert _history(workspace, fid).changes[-1].reason == "验收结论：基本完成，整改继续；个别款项尚未追回"
    step(workspace, editor, fid, "rectified", on=dt.date(2026, 5, 20))
    step(workspace, editor, fid, "closed", on=dt.date(2026, 5, 28), result="done",
         accepted_by="李书记", accepted_on=dt.date(2026, 5, 26))
    with workspace.reading() as s:
        row = findings_query.get_finding(s, fid, TODAY)
    assert (row.status_label, row.result_label, row.accepted_by) == ("已销号", "已完成", "李书记")
    assert (row.accepted_on, row.closed_on, row.rectified_on) == (
        dt.date(2026, 5, 26), dt.date(2026, 5, 28), dt.date(2026, 5, 20))
    assert "已完成" in _history(workspace, fid).changes[-1].reason


def test_going_back_needs_a_reason_and_a_reopened_finding_forgets_its_closing(workspace, editor):
    office = unit(workspace, editor)
    fid = finding(workspace, editor, office)
    to_status(workspace, editor, fid, "closed")
    with pytest.raises(ValidationError) as err:
        step(workspace, editor, fid, "in_progress", on=dt.date(2026, 6, 1), reason="")
    assert err.value.field == "reason" and "重新打开" in err.value.message
    step(workspace, editor, fid, "in_progress", on=dt.date(2026, 6, 1), reason="回头看发现问题反弹")
    with workspace.reading() as s:
        row = findings_query.get_finding(s, fid, TODAY)
    assert (row.status, row.result, row.accepted_by, row.closed_on) == ("in_progress", "", "", None)
    assert row.reopen_count == 1
    steps = [(c.step, c.reason) for c in _history(workspace, fid).changes]
    assert steps[0] == ("登记", "登记")
    assert steps[-1] == ("重新打开", "回头看发现问题反弹")
    assert [s for s, _ in steps] == ["登记", "开始整改", "整改完成，报请验收", "验收销号", "重新打开"]


def test_a_step_cannot_be_dated_before_the_previous_one_or_in_the_future(workspace, editor):
    office = unit(workspace, editor)
    fid = finding(workspace, editor, office)
    step(workspace, editor, fid, "in_progress", on=dt.date(2026, 4, 10))
    with pytest.raises(ValidationError, match="上一步"):
        step(workspace, editor, fid, "rectified", on=dt.date(2026, 4, 9))
    with pytest.raises(ValidationError, match="今天"):
        step(workspace, editor, fid, "rectified", on=TODAY + dt.timedelta(days=1))


def test_deadline_extension_keeps_every_old_date_and_its_reason(workspace, editor):
    office = unit(workspace, editor)
    fid = finding(workspace, editor, office, deadline=dt.date(2026, 4, 30))

    def extend(new, reason, on=dt.date(2026, 4, 20)):
        with workspace.writing() as s:
            wf.extend_deadline(s, editor, wf.Extension(fid, version(workspace, fid), new, reason, on), TODAY)

    with pytest.raises(ValidationError) as err:
        extend(dt.date(2026, 5, 31), "  ")
    assert err.value.field == "reason"
    with pytest.raises(ValidationError) as err:
        extend(dt.date(2026, 4, 30), "涉及资金清退")
    assert err.value.field == "new_deadline" and "晚于现时限" in err.value.message
    extend(dt.date(2026, 5, 31), "涉及资金清退，需财政审批")
    extend(dt.date(2026, 7, 15), "审批未完成", on=dt.date(2026, 5, 25))
    with workspace.reading() as s:
        row = findings_query.get_finding(s, fid, TODAY)
    assert row.deadline == dt.date(2026, 7, 15)
    assert row.original_deadline == dt.date(2026, 4, 30)
    assert [(o, n) for o, n, _ in row.extensions] == [
        (dt.date(2026, 4, 30), dt.date(2026, 5, 31)), (dt.date(2026, 5, 31), dt.date(2026, 7, 15))]
    assert row.extension_text.splitlines()[0] == "原定 2026-04-30，延至 2026-05-31（涉及资金清退，需财政审批）"
    history = _history(workspace, fid).extensions
    assert [(e.old_deadline, e.reason, e.user_name) for e in history] == [
        (dt.date(2026, 4, 30), "涉及资金清退，需财政审批", "录入员乙"),
        (dt.date(2026, 5, 31), "审批未完成", "录入员乙")]
    # Editing the record cannot move the deadline around the extension rule.
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        findings_write.save_finding(s, editor, findings_types.FindingDraft(
            source="inspection", found_on=row.found_on, unit_id=office, description=row.description,
            deadline=dt.date(2026, 12, 31), id=fid, version=row.version), TODAY)
    assert err.value.field == "deadline" and "延期" in err.value.message
    step(workspace, editor, fid, "in_progress", on=dt.date(2026, 6, 1))
    step(workspace, editor, fid, "rectified", on=dt.date(2026, 6, 2))
    with pytest.raises(ValidationError, match="不需要延期"):
        extend(dt.date(2026, 8, 31), "再延", on=dt.date(2026, 6, 3))


def test_overdue_and_due_soon_for_a_frozen_today(workspace, editor, admin):
    office = unit(workspace, editor)
    day = TODAY  # 2026-06-15

    def make(deadline, target="pending", text="问题"):
        fid = finding(workspace, editor, office, deadline=deadline, description=text)
        to_status(workspace, editor, fid, target)
        return fid

    late = make(day - dt.timedelta(days=1), text="昨天到期")
    late_working = make(dt.date(2026, 5, 1), "in_progress", "整改中已逾期")
    due_today = make(day, text="今天到期")
    due_in_7 = make(day + dt.timedelta(days=7), "in_progress", "七天后到期")
    due_in_8 = make(day + dt.timedelta(days=8), text="八天后到期")
    make(dt.date(2026, 5, 1), "rectified", "已整改不算逾期")
    make(dt.date(2026, 5, 1), "closed", "已销号不算逾期")
    make(None, text="无时限")
    with workspace.reading() as s:
        rows = {r.description: r for r in findings_query.finding_rows(
            s, findings_query.search_finding_ids(s, editor, findings_types.FindingFilter(), day), day)}
        overdue = set(findings_query.search_finding_ids(s, editor, findings_types.FindingFilter(deadline="overdue"), day))
        soon = set(findings_query.search_finding_ids(s, editor, findings_types.FindingFilter(deadline="due_soon"), day))
        stats = st.completion_stats(s, editor, findings_types.FindingFilter(), day)
        home_overdue = [r.id for r in st.overdue_findings(s, editor, day)]
        home_soon = [r.id for r in st.due_soon_findings(s, editor, day)]
    assert overdue == {late, late_working}
    assert soon == {due_today, due_in_7}
    assert home_overdue == [late_working, late]  # the longest overdue first
    assert home_soon == [due_today, due_in_7]
    assert (stats.overdue, stats.due_soon) == (2, 2)
    assert rows["昨天到期"].deadline_state == "overdue" and rows["昨天到期"].days_left == -1
    assert rows["今天到期"].deadline_state == "due_soon" and rows["今天到期"].days_left == 0
    assert rows["八天后到期"].deadline_state == ""
    for text in ("已整改不算逾期", "已销号不算逾期", "无时限"):
        assert rows[text].deadline_state == "" and rows[text].days_left is None
    # The window is the setting's, not a constant; and tomorrow is another day.
    with workspace.writing() as s:
        save_settings(s, admin, due_soon_days=10)
    with workspace.reading() as s:
        soon = set(findings_query.search_finding_ids(s, editor, findings_types.FindingFilter(deadline="due_soon"), day))
        tomorrow = set(findings_query.search_finding_ids(s, editor, findings_types.FindingFilter(deadline="overdue"),
                                             day + dt.timedelta(days=1)))
    assert soon == {due_today, due_in_7, due_in_8}
    assert tomorrow == {late, late_working, due_today}


def test_completion_rate_is_closed_over_all_in_the_set_and_mostly_done_stays_open(workspace, editor):
    office = unit(workspace, editor)
    museum = unit(workspace, editor, "市博物馆", "affiliate")
    plan = ([("closed", "done")] * 3 + [("in_progress", "mostly")] * 2 + [("rectified", "")]
            + [("in_progress", "")] * 2 + [("pending", "")] * 2)
    for n, (target, result) in enumerate(plan):
        fid = finding(workspace, editor, office, description=f"问题{n}")
        if target == "closed":
            to_status(workspace, editor, fid, "rectified")
            step(workspace, editor, fid, "closed", on=dt.date(2026, 5, 1), result=result)
        elif result == "mostly":  # accepted as 基本完成: back to 整改中
            to_status(workspace, editor, fid, "rectified")
            step(workspace, editor, fid, "in_progress", on=dt.date(2026, 5, 1), result=result, reason="继续整改")
        else:
            to_status(workspace, editor, fid, target)
    finding(workspace, editor, museum, description="博物馆的问题")  # outside the filtered set
    with workspace.reading() as s:
        office_stats = st.completion_stats(s, editor, findings_types.FindingFilter(unit_id=office), TODAY)
        all_stats = st.completion_stats(s, editor, findings_types.FindingFilter(), TODAY)
        by_unit = {u.unit_name: u.stats for u in st.stats_by_unit(s, editor, findings_types.FindingFilter(), TODAY)}
        empty = st.completion_stats(s, editor, findings_types.FindingFilter(year=2020), TODAY)
    assert (office_stats.total, office_stats.done, office_stats.mostly) == (10, 3, 2)
    assert office_stats.rate == pytest.approx(0.3) and office_stats.mostly_rate == pytest.approx(0.2)
    assert (office_stats.pending, office_stats.in_progress, office_stats.rectified, office_stats.closed) == (2, 4, 1, 3)
    assert all_stats.total == 11 and all_stats.rate == pytest.approx(3 / 11)
    assert by_unit["办公室"] == office_stats and by_unit["市博物馆"].rate == 0
    assert empty.total == 0 and empty.rate is None


def test_filters_by_owner_unit_source_status_and_responsible_person(workspace, editor):
    office = unit(workspace, editor)
    finance = unit(workspace, editor, "财务科")
    zhang = person(workspace, editor, "张三", finance)
    a = finding(workspace, editor, office, description="甲", resp_unit_id=finance, resp_person_id=zhang)
    b = finding(workspace, editor, office, description="乙", source="patrol", resp_person_name="外聘会计王某")
    c = finding(workspace, editor, finance, description="丙", found_on=dt.date(2025, 11, 3),
                deadline=dt.date(2025, 12, 31))
    to_status(workspace, editor, c, "closed")

    def ids(**kw):
        with workspace.reading() as s:
            return set(findings_query.search_finding_ids(s, editor, findings_types.FindingFilter(**kw), TODAY))

    assert ids(unit_id=finance) == {a, c}  # 责任单位 when set, else the unit found in
    assert ids(unit_id=office) == {b}
    assert ids(source="patrol") == {b}
    assert ids(status="open") == {a, b} and ids(status="closed") == {c}
    assert ids(year=2025) == {c}
    assert ids(resp_person_id=zhang) == {a}
    assert ids(resp_person="王某") == {b}
    assert ids(text="乙") == {b}
    with workspace.reading() as s:
        row = findings_query.get_finding(s, a, TODAY)
    assert (row.resp_person_name, row.owner_unit_name, row.code) == ("张三", "财务科", "2026-001")


def test_codes_are_numbered_per_year_and_unique(workspace, editor):
    office = unit(workspace, editor)
    first = finding(workspace, editor, office)
    finding(workspace, editor, office, found_on=dt.date(2025, 12, 1), deadline=None)
    second = finding(workspace, editor, office)
    with workspace.reading() as s:
        codes = [findings_query.get_finding(s, i, TODAY).code for i in (first, second)]
    assert codes == ["2026-001", "2026-002"]
    with pytest.raises(ValidationError) as err:
        finding(workspace, editor, office, code="2026-002")
    assert err.value.field == "code"


def test_permissions_unit_limits_and_stale_saves(workspace, admin, editor, viewer):
    from app.auth import Actor, Role

    office = unit(workspace, admin)
    museum = unit(workspace, admin, "市博物馆", "affiliate")
    ours = finding(workspace, admin, museum, description="博物馆的问题")
    theirs = finding(workspace, admin, office, description="办公室的问题")
    with pytest.raises(PermissionDenied):
        finding(workspace, viewer, office)
    limited = Actor(editor.id, editor.username, editor.display_name, Role.EDITOR, frozenset({museum}))
    with workspace.reading() as s:
        assert findings_query.search_finding_ids(s, limited, findings_types.FindingFilter(), TODAY) == [ours]
        assert st.completion_stats(s, limited, findings_types.FindingFilter(), TODAY).total == 1
    with pytest.raises(PermissionDenied):
        step(workspace, limited, theirs, "in_progress")
    step(workspace, limited, ours, "in_progress")
    stale = version(workspace, ours) - 1
    with pytest.raises(StaleRecord), workspace.writing() as s:
        wf.change_status(s, admin, wf.StatusChange(ours, stale, "rectified", dt.date(2026, 5, 1)), TODAY)


def test_a_closed_year_refuses_the_clerk_and_the_administrator_corrects_with_a_reason(workspace, admin, editor):
    office = unit(workspace, admin)
    fid = finding(workspace, admin, office, found_on=dt.date(2025, 10, 9), deadline=dt.date(2025, 12, 31))
    with workspace.writing() as s:
        s.add(YearClosure(year=2025, closed_by="admin"))
    draft = findings_types.FindingDraft(source="inspection", found_on=dt.date(2025, 10, 9), unit_id=office,
                            description="改过的描述", deadline=dt.date(2025, 12, 31), id=fid,
                            version=version(workspace, fid))
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        findings_write.save_finding(s, editor, draft, TODAY)
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        findings_write.save_finding(s, admin, draft, TODAY)
    assert err.value.field == "correction_reason"
    with workspace.writing() as s:
        findings_write.save_finding(s, admin, findings_types.FindingDraft(**{**draft.__dict__, "correction_reason": "错字"}), TODAY)
    # Rectifying it this year is this year's record: the clerk may.
    step(workspace, editor, fid, "in_progress", on=dt.date(2026, 1, 5))
    assert status(workspace, fid) == "in_progress"


def test_progress_notes_are_dated_and_deleting_keeps_what_has_history(workspace, editor):
    office = unit(workspace, editor)
    fid = finding(workspace, editor, office)
    typo = finding(workspace, editor, office, description="录错的")
    with workspace.writing() as s:
        wf.add_progress(s, editor, wf.ProgressNote(fid, dt.date(2026, 3, 10), "已制定整改方案"), TODAY)
        wf.add_progress(s, editor, wf.ProgressNote(fid, dt.date(2026, 4, 2), "已清退超标准接待费用"), TODAY)
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        wf.add_progress(s, editor, wf.ProgressNote(fid, dt.date(2026, 2, 1), "早于发现日期"), TODAY)
    assert err.value.field == "noted_on"
    with workspace.reading() as s:
        row = findings_query.get_finding(s, fid, TODAY)
    assert row.progress_text == "2026-03-10 已制定整改方案\n2026-04-02 已清退超标准接待费用"
    assert row.latest_progress == "2026-04-02 已清退超标准接待费用"
    with pytest.raises(ValidationError, match="整改进展 2 条"), workspace.writing() as s:
        findings_write.delete_finding(s, editor, fid)
    with workspace.writing() as s:
        findings_write.delete_finding(s, editor, typo)
    with workspace.reading() as s:
        assert findings_query.search_finding_ids(s, editor, findings_types.FindingFilter(), TODAY) == [fid]


def test_findings_join_the_responsible_persons_timeline(workspace, editor):
    office = unit(workspace, editor)
    zhang = person(workspace, editor, "张三", office)
    fid = finding(workspace, editor, office, resp_person_id=zhang, found_on=dt.date(2026, 2, 3))
    finding(workspace, editor, office, resp_person_name="张三")  # free text: not this person
    with workspace.reading() as s:
        items = [i for i in person_timeline(s, editor, zhang) if i.kind == "整改责任人"]
    assert [(i.day, i.register, i.record_id) for i in items] == [(dt.date(2026, 2, 3), "inspections", fid)]
    assert "待整改" in items[0].summary


def test_audit_rows_name_each_step(workspace, editor):
    from db.models import AuditEntry

    office = unit(workspace, editor)
    fid = finding(workspace, editor, office)
    to_status(workspace, editor, fid, "closed")
    with workspace.reading() as s:
        summaries = list(s.scalars(select(AuditEntry.summary).where(AuditEntry.entity == "findings")
                                    .order_by(AuditEntry.id)))
    assert summaries == ["登记问题 2026-001", "问题 2026-001：开始整改", "问题 2026-001：整改完成，报请验收",
                         "问题 2026-001：验收销号（整改结果：已完成；验收人：纪委书记；验收日期：2026-04-03）"]


@pytest.mark.parametrize("filt", [findings_types.FindingFilter(), findings_types.FindingFilter(year=2026)],
                         ids=["all", "year"])
def test_the_first_screen_reads_its_order_from_an_index(workspace, admin, filt):
    """The page's first screen (newest found first) is a plain indexed read on SQLite: the ids
    come in the order of ix_findings_found_on, no sort of its own."""
    if not workspace.is_sqlite:
        pytest.skip("SQLite's query plan")
    with workspace.reading() as s:
        plan = plan_of_select(s, lambda session: (
            findings_query.search_finding_ids(session, admin, filt, TODAY, limit=25)))
    assert "INDEX ix_findings_found_on" in plan and "TEMP B-TREE" not in plan, plan
