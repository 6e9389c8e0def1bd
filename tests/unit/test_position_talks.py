"""A position change raises the 任前廉政谈话 reminder until that talk is recorded — end to end
through the services a clerk's forms call (record_position_change, save_talk), with the people
page's list of changes and the timeline telling the same story."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from app import reminders as rem
from app.registers.people import pre_talks as pt
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.people.timeline import person_timeline
from app.registers.talks import write as tk
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from tests.conftest import TODAY

D = dt.date
P = tk.ParticipantDraft


def _reminders(ws, actor, today=TODAY) -> dict[str, rem.Reminder]:
    with ws.reading() as s:
        return {r.key: r for r in rem.reminders(s, actor, today, ws.settings) if r.key.startswith("pre-talk:")}


def _changes(ws, actor, today=TODAY, **kw) -> list[pt.ChangeWithTalk]:
    with ws.reading() as s:
        return pt.changes_with_talks(s, actor, today, ws.settings.pre_talk_days, **kw)


def _talk(ws, actor, kind, day, talkee, chief) -> int:
    with ws.writing() as s:
        return tk.save_talk(s, actor, tk.TalkDraft(kind=kind, talk_date=day, reason="promotion", content="谈话内容",
                                                   talkees=(P(person_id=talkee),), talkers=(P(person_id=chief),)), TODAY)


def test_position_change_raises_the_pre_appointment_reminder_until_the_talk_is_recorded(workspace, editor):
    with workspace.writing() as s:
        office = units_write.save_unit(s, editor, units_types.UnitDraft(name="办公室", kind="office"))
        museum = units_write.save_unit(s, editor, units_types.UnitDraft(name="市博物馆", kind="affiliate"))
        chief = people_write.save_person(s, editor, people_types.PersonDraft(name="周明", unit_id=office, position="机关纪委书记"))
        wang = people_write.save_person(s, editor, people_types.PersonDraft(name="王五", unit_id=office, position="科员"))
    assert _reminders(workspace, editor) == {}
    with workspace.writing() as s:
        change = people_write.record_position_change(s, editor, people_types.PositionChangeDraft(
            wang, D(2026, 6, 1), museum, "副馆长", "管理岗六级", is_promotion=True), TODAY)
    key = f"pre-talk:{change}"
    reminder = _reminders(workspace, editor)[key]
    assert (reminder.title, reminder.due, reminder.filters) == (
        "王五 任市博物馆副馆长，尚无任前廉政谈话", D(2026, 7, 1), {"person_id": wang})
    [listed] = _changes(workspace, editor)
    assert (listed.change.person_name, listed.state_label, listed.talk_text) == ("王五", "待谈话", "应于 2026-07-01 前")
    # Thirty days on it is overdue, in the reminder and in the list.
    assert _reminders(workspace, editor, D(2026, 7, 2))[key].urgency == rem.OVERDUE
    assert _changes(workspace, editor, D(2026, 7, 2))[0].state_label == "逾期未谈话"
    # A 谈心谈话 is not a 任前廉政谈话; one before the change does not count either.
    _talk(workspace, editor, "heart", D(2026, 6, 5), wang, chief)
    _talk(workspace, editor, "pre_appointment", D(2026, 5, 20), wang, chief)
    assert key in _reminders(workspace, editor)
    # The talk the people page's list offers to record (prefilled as the form would be).
    with workspace.writing() as s:
        draft = pt.pre_talk_draft(listed.change, D(2026, 6, 12))
        assert (draft.kind, draft.reason, draft.talkees[0].person_id) == ("pre_appointment", "promotion", wang)
        tk.save_talk(s, editor, replace(draft, talkers=(P(person_id=chief),)), TODAY)
    assert key not in _reminders(workspace, editor)
    [listed] = _changes(workspace, editor)
    assert (listed.state_label, listed.talk_text) == ("已谈话", "2026-06-12 已谈话")
    assert _changes(workspace, editor, waiting_only=True) == []
    # The timeline holds the change and the talk, in order.
    with workspace.reading() as s:
        kinds = [(i.day, i.kind) for i in person_timeline(s, editor, wang) if i.day >= D(2026, 6, 1)]
    assert kinds == [(D(2026, 6, 1), "职务变动（提拔）"), (D(2026, 6, 5), "谈心谈话"), (D(2026, 6, 12), "任前廉政谈话")]


def test_list_of_changes_filters_by_period_unit_and_limited_user(workspace, admin):
    from app.auth import Role, actor_of
    from app.registers.users.write import create_user
    from db.models import User
    from tests.conftest import PASSWORD

    with workspace.writing() as s:
        office = units_write.save_unit(s, admin, units_types.UnitDraft(name="办公室", kind="office"))
        museum = units_write.save_unit(s, admin, units_types.UnitDraft(name="市博物馆", kind="affiliate"))
        desk = units_write.save_unit(s, admin, units_types.UnitDraft(name="博物馆保卫部", kind="affiliate", parent_id=museum))
        a = people_write.save_person(s, admin, people_types.PersonDraft(name="甲", unit_id=office))
        b = people_write.save_person(s, admin, people_types.PersonDraft(name="乙", unit_id=office))
        people_write.record_position_change(s, admin, people_types.PositionChangeDraft(a, D(2025, 3, 1), desk, "保卫干事"), TODAY)
        people_write.record_position_change(s, admin, people_types.PositionChangeDraft(b, D(2026, 2, 1), office, "副主任",
                                                                     is_promotion=True), TODAY)
        create_user(s, admin, "museum", PASSWORD, Role.VIEWER, "博物馆", [museum, desk])
    names = lambda **kw: [c.change.person_name for c in _changes(workspace, admin, **kw)]  # noqa: E731
    assert names() == ["乙", "甲"]
    assert names(start=D(2026, 1, 1)) == ["乙"]
    assert names(unit_id=museum) == ["甲"]
    assert names(promotions_only=True) == ["乙"]
    with workspace.reading() as s:
        limited = actor_of(s.query(User).filter_by(username="museum").one())
    assert [c.change.person_name for c in _changes(workspace, limited)] == ["甲"]
