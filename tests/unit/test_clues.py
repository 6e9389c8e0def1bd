"""问题线索: 受理 → 处置中 → 办结 with the way's own dates, the 函询 deadline in working days (the
holiday calendar), the reminders on 首页, the reporter seen only by administrators and the
handler, links to where a clue led, filters, figures, roles and unit limits."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pytest

from app import reminders
from app.auth import Role, actor_of
from app.errors import PermissionDenied, ValidationError
from app.registers.clues import query as cq
from app.registers.clues import write as cw
from app.registers.clues.stats import clue_figures
from app.registers.clues.types import ClueDraft, ClueFilter
from app.registers.ledger import types as ledger_types
from app.registers.ledger import write as ledger_write
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.people.timeline import person_timeline
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.registers.users.write import create_user
from app.settings import load_settings
from db.models import User
from tests.conftest import PASSWORD, TODAY

D = dt.date
REPORTER = "匿名来信（王某某，电话13800000000）"


@dataclass(frozen=True)
class World:
    office: int
    museum: int
    zhang: int
    li: int
    curator: int
    handler: object   # the editor who handles the clues (an Actor)
    other: object     # an editor who does not


@pytest.fixture
def world(workspace, admin) -> World:
    with workspace.writing() as s:
        def unit(name, kind="office"):
            return units_write.save_unit(s, admin, units_types.UnitDraft(name=name, kind=kind))

        def person(name, unit_id, position="科员"):
            return people_write.save_person(s, admin, people_types.PersonDraft(
                name=name, unit_id=unit_id, position=position, political_status="cpc"))

        office, museum = unit("办公室"), unit("市博物馆", "affiliate")
        ids = (person("张三", office, "科长"), person("李四", office), person("赵馆长", museum, "馆长"))
        create_user(s, admin, "handler", PASSWORD, Role.EDITOR, "承办人甲")
        create_user(s, admin, "other", PASSWORD, Role.EDITOR, "录入员丁")
        handler = actor_of(s.query(User).filter_by(username="handler").one())
        other = actor_of(s.query(User).filter_by(username="other").one())
    return World(office, museum, *ids, handler, other)


def _save(workspace, actor, draft: ClueDraft) -> int:
    with workspace.writing() as s:
        return cw.save_clue(s, actor, draft, TODAY)


def _row(workspace, actor, clue_id: int):
    with workspace.reading() as s:
        return cq.get_clue(s, actor, clue_id)


def _clue(w: World, **kw) -> ClueDraft:
    values = dict(received_on=D(2026, 3, 2), problem="反映其接受管理服务对象宴请", person_ids=(w.zhang,),
                  source="petition", handler_id=w.handler.id, reporter=REPORTER)
    values.update(kw)
    return ClueDraft(**values)


def test_a_clue_goes_from_received_to_handling_to_closed(workspace, admin, world):
    cid = _save(workspace, admin, _clue(world))
    row = _row(workspace, admin, cid)
    assert (row.status_label, row.unit_name, row.people_text, row.handler_name) == (
        "受理", "办公室", "张三（办公室·科长）", "承办人甲")
    _save(workspace, admin, row.draft(way="inquiry", letter_sent_on=D(2026, 3, 5)))
    row = _row(workspace, admin, cid)
    assert (row.status_label, row.way_label) == ("处置中", "谈话函询")
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        cw.save_clue(s, admin, row.draft(closed_on=D(2026, 4, 1)), TODAY)
    assert err.value.field == "outcome"
    _save(workspace, admin, row.draft(replied_on=D(2026, 3, 20), closed_on=D(2026, 4, 1), outcome="cleared",
                                      result="函询回复属实说明，予以了结"))
    row = _row(workspace, admin, cid)
    assert (row.status_text, row.cleared, row.reporter) == ("办结（了结）", True, REPORTER)


def test_each_way_keeps_its_own_dates_in_order(workspace, admin, world):
    cid = _save(workspace, admin, _clue(world, way="verify", verify_start=D(2026, 3, 10), verify_end=D(2026, 4, 2),
                                        letter_sent_on=D(2026, 3, 5)))
    row = _row(workspace, admin, cid)
    assert (row.letter_sent_on, row.verify_start, row.way_dates) == (None, D(2026, 3, 10), "初核 2026-03-10 至 2026-04-02")
    for kw, field in ((dict(way="verify", verify_start=D(2026, 3, 10), verify_end=D(2026, 3, 1)), "verify_end"),
                      (dict(way="inquiry", letter_sent_on=D(2026, 2, 1)), "letter_sent_on"),  # before 受理
                      (dict(way="inquiry", letter_sent_on=D(2026, 3, 5), replied_on=D(2026, 3, 4)), "replied_on"),
                      (dict(received_on=TODAY + dt.timedelta(days=1)), "received_on"),
                      (dict(person_ids=()), "person_ids"), (dict(problem=" "), "problem"),
                      (dict(way="close", closed_on=D(2026, 3, 9), outcome="transfer"), "outcome"),
                      (dict(outcome="transfer"), "closed_on"), (dict(way="", closed_on=D(2026, 3, 9),
                                                                     outcome="cleared"), "way")):
        with pytest.raises(ValidationError) as err, workspace.writing() as s:
            cw.save_clue(s, admin, _clue(world, **kw), TODAY)
        assert err.value.field == field, kw


def test_the_inquiry_deadline_counts_working_days_with_the_holiday_calendar(workspace, admin, world):
    # 2026-04-30 (Thu): 15 working days, across 劳动节 (放假 5.1–5.5, 调休 5.9 Saturday)
    cid = _save(workspace, admin, _clue(world, received_on=D(2026, 4, 28), way="inquiry",
                                        letter_sent_on=D(2026, 4, 30)))
    row = _row(workspace, admin, cid)
    with workspace.reading() as s:
        from app.registers.holidays.query import calendar_for

        calendar = calendar_for(s)
    assert not calendar.is_workday(D(2026, 5, 4))
    expected = calendar.working_days_after(D(2026, 4, 30), load_settings_days(workspace))
    assert row.reply_deadline == expected
    plain_weekdays = D(2026, 4, 30)
    n = 0
    while n < 15:
        plain_weekdays += dt.timedelta(days=1)
        n += plain_weekdays.weekday() < 5
    assert row.reply_deadline > plain_weekdays  # the 放假 days do not count
    # given by hand, the clerk's deadline stands
    _save(workspace, admin, row.draft(reply_due=D(2026, 5, 15)))
    assert _row(workspace, admin, cid).reply_deadline == D(2026, 5, 15)


def load_settings_days(workspace) -> int:
    with workspace.reading() as s:
        return load_settings(s).inquiry_reply_working_days


def test_home_reminds_of_overdue_answers_and_long_open_clues(workspace, admin, world):
    late = _save(workspace, admin, _clue(world, received_on=D(2026, 4, 1), way="inquiry",
                                         letter_sent_on=D(2026, 4, 2)))
    answered = _save(workspace, admin, _clue(world, received_on=D(2026, 4, 1), way="inquiry",
                                             letter_sent_on=D(2026, 4, 2), replied_on=D(2026, 4, 20),
                                             problem="反映其迟到早退"))
    waiting = _save(workspace, admin, _clue(world, received_on=D(2026, 6, 8), way="inquiry",
                                            letter_sent_on=D(2026, 6, 10), problem="反映其态度生硬"))
    old = _save(workspace, admin, _clue(world, received_on=D(2025, 12, 1), person_ids=(world.curator,),
                                        way="shelve", problem="反映其违规出借文物"))
    _save(workspace, admin, _clue(world, received_on=D(2025, 11, 1), way="close", closed_on=D(2025, 11, 20),
                                  outcome="cleared", problem="已了结的线索"))
    with workspace.reading() as s:
        found = reminders.reminders(s, admin, TODAY, load_settings(s))
    keys = {r.key.rsplit(":", 1)[0] if r.key.startswith("clue-reply") else r.key: r for r in found
            if r.key.startswith("clue-")}
    assert set(keys) == {f"clue-reply:{late}", f"clue-open:{old}"}  # 75 days open: not yet long (90)
    assert "函询未按期回复" in keys[f"clue-reply:{late}"].title
    assert "暂存待查" in keys[f"clue-open:{old}"].detail and keys[f"clue-open:{old}"].page == "clues"
    assert {waiting, answered}.isdisjoint({int(k.split(":")[1]) for k in keys})
    with workspace.writing() as s:  # a unit-limited clerk marks only their units' clue reminders
        create_user(s, admin, "museum", PASSWORD, Role.EDITOR, "博物馆", [world.museum])
        museum = actor_of(s.query(User).filter_by(username="museum").one())
        reminders.mark_done(s, museum, f"clue-open:{old}", "已督办")
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        reminders.mark_done(s, museum, keys[f"clue-reply:{late}"].key, "已督办")


def test_the_reporter_is_seen_by_administrators_and_the_handler_only(workspace, admin, viewer, world):
    cid = _save(workspace, world.handler, _clue(world))
    assert _row(workspace, admin, cid).reporter == REPORTER
    assert _row(workspace, world.handler, cid).reporter == REPORTER
    assert _row(workspace, world.other, cid).reporter is None
    assert _row(workspace, viewer, cid).reporter is None
    # another clerk edits the clue: the reporter stays; writing it is refused
    _save(workspace, world.other, _row(workspace, world.other, cid).draft(notes="补充"))
    assert _row(workspace, admin, cid).reporter == REPORTER
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        cw.save_clue(s, world.other, _row(workspace, world.other, cid).draft(reporter="改写"), TODAY)
    # a clerk creating a clue handled by someone else may not write a reporter either
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        cw.save_clue(s, world.other, _clue(world, reporter="张某"), TODAY)
    with workspace.reading() as s:  # never searched
        assert cq.search_clue_ids(s, admin, ClueFilter(text="13800000000")) == []
        assert cq.search_clue_ids(s, admin, ClueFilter(text="宴请")) == [cid]


def test_links_to_where_the_clue_led_belong_to_its_people(workspace, admin, world):
    with workspace.writing() as s:
        entry = ledger_write.save_entry(s, admin, ledger_types.LedgerDraft(
            person_id=world.zhang, problem="接受宴请", methods=("criticism",), decided_on=D(2026, 4, 1)), TODAY)
        other = ledger_write.save_entry(s, admin, ledger_types.LedgerDraft(
            person_id=world.li, problem="迟到", methods=("criticism",), decided_on=D(2026, 4, 1)), TODAY)
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        cw.save_clue(s, admin, _clue(world, way="verify", verify_start=D(2026, 3, 5), closed_on=D(2026, 4, 1),
                                     outcome="first_form", ledger_entry_id=other), TODAY)
    assert err.value.field == "ledger_entry_id"
    cid = _save(workspace, admin, _clue(world, way="verify", verify_start=D(2026, 3, 5), closed_on=D(2026, 4, 1),
                                        outcome="first_form", ledger_entry_id=entry))
    assert _row(workspace, admin, cid).ledger_entry_id == entry
    with workspace.writing() as s:  # the entry deleted: the clue keeps its outcome, unlinked
        ledger_write.delete_entry(s, admin, entry)
    row = _row(workspace, admin, cid)
    assert (row.outcome, row.ledger_entry_id) == ("first_form", None)


def test_filters_figures_and_the_person_timeline(workspace, admin, world):
    _save(workspace, admin, _clue(world))
    _save(workspace, admin, _clue(world, person_ids=(world.zhang, world.curator), way="shelve",
                                  problem="反映二人违规发放补贴"))
    _save(workspace, admin, _clue(world, received_on=D(2025, 5, 1), way="close", closed_on=D(2025, 5, 6),
                                  outcome="cleared", problem="反映其公车私用"))
    with workspace.reading() as s:
        def ids(**kw):
            return cq.search_clue_ids(s, admin, ClueFilter(**kw))

        assert len(ids()) == 3 and len(ids(year=2026)) == 2 and len(ids(status="open")) == 2
        assert len(ids(unit_id=world.museum)) == 1 and len(ids(person_id=world.curator)) == 1
        assert len(ids(text="赵馆长")) == 1 and len(ids(way="shelve")) == 1
        figures = clue_figures(s, admin, ClueFilter(), TODAY)
        timeline = [i for i in person_timeline(s, admin, world.zhang) if i.register == "clues"]
    assert (figures.total, figures.received, figures.handling, figures.closed, figures.shelved) == (3, 1, 1, 1, 1)
    assert dict((c, n) for c, _l, n in figures.by_outcome)["cleared"] == 1
    texts = sorted(i.summary for i in timeline)
    assert "信访举报线索经予以了结予以了结" not in texts
    assert any(t == "信访举报线索予以了结" for t in texts)          # a 了结 clue: never its problem
    assert any("暂存待查" in t for t in texts) and any("正在核查" in t for t in texts)
    assert not any(REPORTER in t or "公车私用" in t for t in texts)


def test_roles_and_unit_limits(workspace, admin, viewer, world):
    with workspace.writing() as s:
        create_user(s, admin, "museum", PASSWORD, Role.EDITOR, "博物馆纪检员", [world.museum])
        clerk = actor_of(s.query(User).filter_by(username="museum").one())
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        cw.save_clue(s, viewer, _clue(world, reporter=None), TODAY)
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        cw.save_clue(s, clerk, _clue(world, reporter=None), TODAY)
    office = _save(workspace, admin, _clue(world))
    both = _save(workspace, admin, _clue(world, person_ids=(world.zhang, world.curator), problem="二人"))
    own = _save(workspace, clerk, _clue(world, person_ids=(world.curator,), reporter=None, handler_id=None))
    with workspace.reading() as s:
        assert sorted(cq.search_clue_ids(s, clerk, ClueFilter())) == sorted([both, own])
        assert [r.id for r in cq.clue_rows(s, clerk, [office, own])] == [own]
    with pytest.raises(ValidationError), workspace.writing() as s:
        cw.save_clue(s, clerk, replace(_row(workspace, clerk, own).draft(), received_on=TODAY + dt.timedelta(days=2)),
                     TODAY)
    with workspace.writing() as s:
        cw.delete_clue(s, clerk, own)
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        cw.delete_clue(s, clerk, office)
