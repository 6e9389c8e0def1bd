"""The first-form ledger's rules: methods and their forms, 需转出, the person snapshot, 函询,
影响期 and 回访 defaults, closed years, unit-limited users, the audit trail."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from app.auth import Actor
from app.errors import NeedsConfirmation, PermissionDenied, StaleRecord, ValidationError
from app.registers.ledger import query as ledger_query
from app.registers.ledger import types as ledger_types
from app.registers.ledger import write as ledger_write
from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.people.timeline import person_timeline
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.settings import save_settings
from db.models import AuditEntry, LedgerEntry, YearClosure
from tests.conftest import TODAY
from tests.query_plans import plan_of_select

D = dt.date


@dataclass(frozen=True)
class Bureau:
    office: int
    finance: int
    museum: int
    zhang: int   # 财务科 科长, 班子成员, 重要岗位 财务
    li: int      # 办公室 科员
    wang: int    # 市博物馆 馆员


@pytest.fixture
def bureau(workspace, admin) -> Bureau:
    with workspace.writing() as s:
        office = units_write.save_unit(s, admin, units_types.UnitDraft(name="办公室", kind="office"))
        finance = units_write.save_unit(s, admin, units_types.UnitDraft(name="财务科", kind="office"))
        museum = units_write.save_unit(s, admin, units_types.UnitDraft(name="市博物馆", kind="affiliate"))
        zhang = people_write.save_person(s, admin, people_types.PersonDraft(
            name="张三", unit_id=finance, position="科长", rank="二级调研员", political_status="cpc",
            is_leader=True, key_post="财务"))
        li = people_write.save_person(s, admin, people_types.PersonDraft(name="李四", unit_id=office, position="科员"))
        wang = people_write.save_person(s, admin, people_types.PersonDraft(name="王五", unit_id=museum, position="馆员"))
    return Bureau(office, finance, museum, zhang, li, wang)


def save(ws, actor, person_id, methods=("talk_remind",), decided_on=D(2026, 3, 2), problem="工作日午间饮酒",
         **kw) -> int:
    with ws.writing() as s:
        return ledger_write.save_entry(s, actor, ledger_types.LedgerDraft(
            person_id=person_id, problem=problem, methods=tuple(methods), decided_on=decided_on, **kw),
            TODAY)


def row(ws, entry_id) -> ledger_types.LedgerRow:
    with ws.reading() as s:
        return ledger_query.get_entry(s, entry_id)


def ids(ws, actor, **filters) -> list[int]:
    with ws.reading() as s:
        return ledger_query.search_entry_ids(s, actor, ledger_types.LedgerFilter(**filters))


def test_methods_carry_their_form_and_at_least_one_is_required(workspace, editor, bureau):
    entry = save(workspace, editor, bureau.li, methods=("criticism", "order_check"),
                 wordings=("批评教育", "责令作出书面检查"))
    r = row(workspace, entry)
    assert r.methods == ("criticism", "order_check") and r.method_labels == ("批评教育", "责令作出书面检查")
    assert r.forms == (1, 1) and not r.needs_transfer
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        ledger_write.save_entry(s, editor, ledger_types.LedgerDraft(bureau.li, "问题", (), D(2026, 3, 2)), TODAY)
    assert err.value.field == "methods" and "至少" in err.value.message
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        ledger_write.save_entry(s, editor, ledger_types.LedgerDraft(bureau.li, "问题", ("不存在",), D(2026, 3, 2)), TODAY)
    assert err.value.field == "methods"


def test_a_second_form_method_warns_and_the_entry_is_listed_as_transfer(workspace, editor, bureau):
    filed = save(workspace, editor, bureau.li)
    with pytest.raises(NeedsConfirmation) as warning, workspace.writing() as s:
        ledger_write.save_entry(s, editor, ledger_types.LedgerDraft(bureau.zhang, "违规发放津贴补贴", ("criticism", "warning"),
                                                  D(2026, 4, 8)), TODAY)
    assert warning.value.field == "methods"
    assert "“警告”属于第二种形态" in warning.value.message and "需转出" in warning.value.message
    assert ids(workspace, editor, view=ledger_types.ALL) == [filed]  # nothing was written

    wrong = save(workspace, editor, bureau.zhang, methods=("criticism", "warning"), decided_on=D(2026, 4, 8),
                 confirm_second_form=True)
    assert row(workspace, wrong).forms == (1, 2) and row(workspace, wrong).needs_transfer
    assert ids(workspace, editor) == [filed]                       # the filed ledger
    assert ids(workspace, editor, view=ledger_types.TRANSFER) == [wrong]      # 需转出
    assert ids(workspace, editor, view=ledger_types.ALL) == [filed, wrong]
    # Editing it again keeps asking unless confirmed (the row's own draft carries the confirmation).
    with workspace.writing() as s:
        ledger_write.save_entry(s, editor, row(workspace, wrong).draft(notes="已移交"), TODAY)
    with pytest.raises(NeedsConfirmation), workspace.writing() as s:
        ledger_write.save_entry(s, editor, row(workspace, wrong).draft(confirm_second_form=False), TODAY)


def test_the_snapshot_is_the_register_at_entry_time_and_never_follows_the_person(workspace, admin, bureau):
    entry = save(workspace, admin, bureau.zhang)
    before = row(workspace, entry)
    assert (before.unit_name, before.position, before.rank, before.political_label, before.is_leader,
            before.key_post) == ("财务科", "科长", "二级调研员", "中共党员", True, "财务")
    with workspace.writing() as s:  # moved, promoted, no longer a leader nor on a key post
        people_write.record_position_change(s, admin, people_types.PositionChangeDraft(
            person_id=bureau.zhang, changed_on=D(2026, 5, 1), to_unit_id=bureau.museum,
            to_position="副馆长", to_rank="管理岗六级"), TODAY)
        p = people_query.get_person(s, bureau.zhang)
    with workspace.writing() as s:
        people_write.save_person(s, admin, people_types.PersonDraft(
            name="张三", unit_id=p.unit_id, position=p.position, rank=p.rank, political_status="masses",
            is_leader=False, key_post="", id=p.id, version=p.version))
        units_write.save_unit(s, admin, units_types.UnitDraft(name="计划财务科", kind="office", id=bureau.finance,
                                                    version=1))
    after = row(workspace, entry)
    assert after.snapshot() == before.snapshot()
    assert ids(workspace, admin, unit_id=bureau.finance) == [entry]  # filtered by the filed unit
    # Re-saving the entry (no snapshot given) keeps it; a new entry takes the register's facts now.
    with workspace.writing() as s:
        ledger_write.save_entry(s, admin, after.draft(snapshot=None, notes="补充"), TODAY)
    assert row(workspace, entry).snapshot() == before.snapshot()
    with pytest.raises(NeedsConfirmation) as warning:  # no longer a Party member: asked first
        save(workspace, admin, bureau.zhang, decided_on=D(2026, 6, 1))
    assert warning.value.field == "political_status" and "非党员" in warning.value.message
    later = row(workspace, save(workspace, admin, bureau.zhang, decided_on=D(2026, 6, 1), confirm_non_member=True))
    assert later.non_member and later.political_text == "群众（非党员）"
    assert (later.unit_name, later.position, later.is_leader, later.key_post) == ("市博物馆", "副馆长", False, "")


def test_the_snapshot_stays_editable(workspace, editor, bureau):
    entry = save(workspace, editor, bureau.li)
    snap = ledger_types.PersonSnapshot(bureau.office, "办公室", "副主任", "四级主任科员", "cpc", True, "人事")
    with workspace.writing() as s:
        ledger_write.save_entry(s, editor, row(workspace, entry).draft(snapshot=snap), TODAY)
    r = row(workspace, entry)
    assert (r.unit_and_position, r.rank, r.political_label, r.is_leader, r.key_post) == \
        ("办公室副主任", "四级主任科员", "中共党员", True, "人事")
    with workspace.reading() as s:
        assert people_query.get_person(s, bureau.li).position == "科员"  # the register is untouched


def test_impact_end_and_revisit_default_from_the_settings_and_stay_editable(workspace, admin, bureau):
    plain = row(workspace, save(workspace, admin, bureau.li, methods=("criticism",), decided_on=D(2025, 8, 31)))
    assert plain.impact_end is None
    assert plain.revisit_planned == D(2026, 2, 28)  # + 6 months, the month's last day
    admonished = row(workspace, save(workspace, admin, bureau.li, methods=("admonish",), decided_on=D(2026, 1, 10)))
    assert admonished.impact_end == D(2026, 7, 10)
    with workspace.writing() as s:
        save_settings(s, admin, impact_months={"admonish": 12, "notice": 3}, revisit_months=3)
    noticed = row(workspace, save(workspace, admin, bureau.li, methods=("notice", "admonish"),
                                  decided_on=D(2026, 2, 1)))
    assert noticed.impact_end == D(2027, 2, 1) and noticed.revisit_planned == D(2026, 5, 1)
    edited = row(workspace, save(workspace, admin, bureau.wang, methods=("admonish",), decided_on=D(2026, 2, 1),
                                 impact_end=D(2026, 12, 31), revisit_planned=D(2026, 3, 1)))
    assert (edited.impact_end, edited.revisit_planned) == (D(2026, 12, 31), D(2026, 3, 1))
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        ledger_write.save_entry(s, admin, edited.draft(impact_end=D(2026, 1, 1)), TODAY)
    assert err.value.field == "impact_end"


def test_revisit_done_needs_its_result(workspace, editor, bureau):
    r = row(workspace, save(workspace, editor, bureau.li, decided_on=D(2025, 10, 9)))
    assert not r.revisited and r.revisit_text == "拟于2026-04-09回访"
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        ledger_write.save_entry(s, editor, r.draft(revisit_done_on=D(2026, 4, 10)), TODAY)
    assert err.value.field == "revisit_result"
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        ledger_write.save_entry(s, editor, r.draft(revisit_done_on=D(2026, 7, 1), revisit_result="好"), TODAY)
    assert err.value.field == "revisit_done_on"  # in the future
    with workspace.writing() as s:
        ledger_write.save_entry(s, editor, r.draft(revisit_done_on=D(2026, 4, 10), revisit_result="已整改，表现良好"), TODAY)
    done = row(workspace, r.id)
    assert done.revisited and done.revisit_text == "2026-04-10已回访：已整改，表现良好"


def test_inquiry_letter_dates_belong_to_inquiry_only(workspace, editor, bureau):
    entry = save(workspace, editor, bureau.li, handling="inquiry_closed", methods=(),
                 letter_sent_on=D(2026, 2, 1), reply_due=D(2026, 2, 22), replied_on=D(2026, 2, 20),
                 decided_on=D(2026, 3, 1))
    r = row(workspace, entry)
    assert (r.handling_label, r.letter_sent_on, r.reply_due, r.replied_on) == \
        ("谈话函询了结", D(2026, 2, 1), D(2026, 2, 22), D(2026, 2, 20))
    with workspace.writing() as s:
        ledger_write.save_entry(s, editor, r.draft(handling="talk", methods=("talk_remind",)), TODAY)
    r = row(workspace, entry)
    assert (r.letter_sent_on, r.reply_due, r.replied_on) == (None, None, None)
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        ledger_write.save_entry(s, editor, r.draft(handling="inquiry", letter_sent_on=D(2026, 2, 1),
                                          replied_on=D(2026, 1, 20)), TODAY)
    assert err.value.field == "replied_on"


def test_required_fields_and_dates(workspace, editor, bureau):
    cases = [
        (dict(person_id=None), "person_id"),
        (dict(problem="  "), "problem"),
        (dict(decided_on=None), "decided_on"),
        (dict(decided_on=TODAY + dt.timedelta(days=1)), "decided_on"),
        (dict(clue_source="nonsense"), "clue_source"),
    ]
    for changes, field in cases:
        values = dict(person_id=bureau.li, problem="迟到早退", methods=("criticism",), decided_on=D(2026, 1, 5))
        values.update(changes)
        with pytest.raises(ValidationError) as err, workspace.writing() as s:
            ledger_write.save_entry(s, editor, ledger_types.LedgerDraft(**values), TODAY)
        assert err.value.field == field, changes


def test_closed_year_refuses_the_clerk_and_audits_the_administrators_correction(workspace, admin, editor, bureau):
    entry = save(workspace, editor, bureau.li, decided_on=D(2025, 5, 6))
    with workspace.writing() as s:
        s.add(YearClosure(year=2025, closed_by="admin"))
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        ledger_write.save_entry(s, editor, row(workspace, entry).draft(notes="改"), TODAY)
    with pytest.raises(PermissionDenied), workspace.writing() as s:  # nor moved into it
        ledger_write.save_entry(s, editor, row(workspace, save(workspace, editor, bureau.li)).draft(
            decided_on=D(2025, 12, 1)), TODAY)
    with workspace.writing() as s:
        ledger_write.save_entry(s, admin, row(workspace, entry).draft(notes="改", correction_reason="承办人填错"), TODAY)
    with workspace.reading() as s:
        actions = [a for (a,) in s.execute(select(AuditEntry.action).where(
            AuditEntry.entity == "ledger_entries", AuditEntry.entity_id == str(entry)).order_by(AuditEntry.id))]
    assert actions == ["create", "update", "correct"]  # in the chain's order (a server keeps no other)


def test_unit_limited_users_see_and_write_their_units_only(workspace, editor, bureau):
    mine = save(workspace, editor, bureau.wang)
    save(workspace, editor, bureau.li)
    museum_clerk = Actor(editor.id, "bwg", "博物馆纪检委员", editor.role, frozenset({bureau.museum}))
    assert ids(workspace, museum_clerk, view=ledger_types.ALL) == [mine]
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        ledger_write.save_entry(s, museum_clerk, ledger_types.LedgerDraft(bureau.li, "问题", ("criticism",), D(2026, 1, 2)), TODAY)


def test_stale_save_and_delete(workspace, editor, bureau):
    entry = save(workspace, editor, bureau.li)
    opened = row(workspace, entry)
    with workspace.writing() as s:
        ledger_write.save_entry(s, editor, opened.draft(notes="第一次"), TODAY)
    with pytest.raises(StaleRecord), workspace.writing() as s:
        ledger_write.save_entry(s, editor, opened.draft(notes="第二次"), TODAY)
    with workspace.writing() as s:
        ledger_write.delete_entry(s, editor, entry)
    with workspace.reading() as s:
        assert s.scalar(select(LedgerEntry.id)) is None


def test_entries_join_the_person_timeline(workspace, editor, bureau):
    save(workspace, editor, bureau.zhang, methods=("admonish",), problem="公务接待超标准", decided_on=D(2026, 2, 3))
    save(workspace, editor, bureau.zhang, methods=("warning",), problem="违规收受礼金", decided_on=D(2026, 4, 1),
         confirm_second_form=True)
    with workspace.reading() as s:
        items = [(i.day, i.register, i.kind, i.summary) for i in person_timeline(s, editor, bureau.zhang)
                 if i.register == "ledger"]
    assert items == [(D(2026, 2, 3), "ledger", "诫勉", "公务接待超标准"),
                     (D(2026, 4, 1), "ledger", "警告（需转出）", "违规收受礼金")]


def test_links_to_talks_and_findings_of_the_same_person(workspace, editor, bureau):
    from db.models import Finding, Talk, TalkParticipant

    with workspace.writing() as s:  # the talks and findings registers write these; here by hand
        talk = Talk(kind="reminder", talk_date=D(2026, 3, 1), content="提醒其注意工作纪律")
        talk.participants = [TalkParticipant(role="talkee", name="李四", person_id=bureau.li),
                             TalkParticipant(role="talker", name="张三", person_id=bureau.zhang)]
        other = Talk(kind="heart", talk_date=D(2026, 3, 5))
        other.participants = [TalkParticipant(role="talkee", name="王五", person_id=bureau.wang)]
        routine = Talk(kind="pre_appointment", talk_date=D(2026, 3, 8))  # 任前: no disposition
        routine.participants = [TalkParticipant(role="talkee", name="李四", person_id=bureau.li)]
        finding = Finding(source="inspection", found_on=D(2026, 2, 20), unit_id=bureau.office,
                          description="午间饮酒问题", resp_person_id=bureau.li, resp_person_name="李四")
        s.add_all([talk, other, routine, finding])
        s.flush()
        talk_id, other_id, finding_id = talk.id, other.id, finding.id
    with workspace.reading() as s:
        talks = ledger_query.candidate_talks(s, bureau.li)
        assert [(c.id, c.label) for c in talks] == [(talk_id, "2026-03-01 提醒谈话（提醒其注意工作纪律）")]
        assert [c.id for c in ledger_query.candidate_talks(s, bureau.zhang)] == []  # 谈话人, not 被谈话人
        assert [c.id for c in ledger_query.candidate_findings(s, bureau.li)] == [finding_id]
    entry = save(workspace, editor, bureau.li, talk_ids=(talk_id,), finding_ids=(finding_id,))
    assert (row(workspace, entry).talk_ids, row(workspace, entry).finding_ids) == ((talk_id,), (finding_id,))
    with workspace.writing() as s:  # None keeps the links (an import does not know them)
        ledger_write.save_entry(s, editor, row(workspace, entry).draft(talk_ids=None, finding_ids=None, notes="x"), TODAY)
    assert row(workspace, entry).talk_ids == (talk_id,)
    with workspace.reading() as s:  # an already linked record stays offered whoever it names
        assert {c.id for c in ledger_query.candidate_talks(s, bureau.li, keep=[other_id])} == {talk_id, other_id}
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        ledger_write.save_entry(s, editor, row(workspace, entry).draft(talk_ids=(9999,)), TODAY)
    assert err.value.field == "talk_ids"


@pytest.mark.parametrize("descending", [False, True], ids=["oldest-first", "newest-first"])
@pytest.mark.parametrize("filt", [ledger_types.LedgerFilter(), ledger_types.LedgerFilter(year=2026)],
                         ids=["all", "year"])
def test_the_first_screen_by_date_reads_its_order_from_the_index(workspace, admin, filt, descending):
    """The page's first screen by 决定时间 (its default order, the one read on the GUI thread) is
    a plain read of ix_ledger_entries_decided_on on SQLite, either way: the date not repeated
    among the ties, the id going the date's way — nothing sorted of its own."""
    if not workspace.is_sqlite:
        pytest.skip("SQLite's query plan")
    with workspace.reading() as s:
        plan = plan_of_select(s, lambda session: (
            ledger_query.search_entry_ids(session, admin, filt, "decided_on", descending, limit=25)))
    assert "INDEX ix_ledger_entries_decided_on" in plan and "TEMP B-TREE FOR" not in plan, plan
