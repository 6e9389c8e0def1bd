"""Reminders with a frozen today: each kind appears exactly when it should and leaves when done
or when its condition is met; snoozed ones come back."""
from __future__ import annotations

import datetime as dt

import pytest

from app import reminders as rem
from app.errors import ValidationError
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from db.models import Inspection, Talk, TalkParticipant

D = dt.date


def _keys(ws, actor, today, **kw):
    with ws.reading() as s:
        return {r.key: r for r in rem.reminders(s, actor, today, ws.settings, **kw)}


def test_festival_reminder_window_and_done(workspace, editor):
    # 2026 春节: 放假 from 2-15; three working days before: 2-12 (2-14 is a 调休 Saturday).
    key = "festival:2026:spring"
    assert key not in _keys(workspace, editor, D(2026, 2, 11))
    reminder = _keys(workspace, editor, D(2026, 2, 12))[key]
    assert reminder.title == "春节前向全体党员干部推送廉政提醒"
    assert (reminder.page, reminder.filters) == ("admin", {"tab": "holidays", "year": 2026})  # its 放假安排
    assert key in _keys(workspace, editor, D(2026, 2, 14))
    assert key not in _keys(workspace, editor, D(2026, 2, 15))
    with pytest.raises(ValidationError), workspace.writing() as s:
        rem.mark_done(s, editor, key, "  ")
    with workspace.writing() as s:
        rem.mark_done(s, editor, key, "已通过办公系统推送")
    assert key not in _keys(workspace, editor, D(2026, 2, 13))
    done = _keys(workspace, editor, D(2026, 2, 13), include_done=True)[key]
    assert (done.state, done.how, done.done_by) == ("done", "已通过办公系统推送", "录入员乙")


def _person(ws, actor, *, leader=False):
    with ws.writing() as s:
        office = units_write.save_unit(s, actor, units_types.UnitDraft(name="办公室", kind="office"))
        museum = units_write.save_unit(s, actor, units_types.UnitDraft(name="市博物馆", kind="affiliate"))
        pid = people_write.save_person(s, actor, people_types.PersonDraft(name="王五", unit_id=office, is_leader=leader))
    return pid, museum


def _talk(ws, person_id, kind, day):
    with ws.writing() as s:
        talk = Talk(kind=kind, talk_date=day, content="谈话")
        talk.participants = [TalkParticipant(role="talkee", person_id=person_id, name="王五")]
        s.add(talk)


def test_position_change_raises_pre_appointment_talk_until_recorded(workspace, editor):
    pid, museum = _person(workspace, editor)
    with workspace.writing() as s:
        change = people_write.record_position_change(s, editor, people_types.PositionChangeDraft(
            pid, D(2026, 6, 1), museum, "副馆长", is_promotion=True), D(2026, 6, 15))
    key = f"pre-talk:{change}"
    assert key not in _keys(workspace, editor, D(2026, 5, 31))
    reminder = _keys(workspace, editor, D(2026, 6, 15))[key]
    assert reminder.due == D(2026, 7, 1) and reminder.filters == {"person_id": pid}
    assert _keys(workspace, editor, D(2026, 7, 2))[key].urgency == rem.OVERDUE
    _talk(workspace, pid, "heart", D(2026, 6, 10))  # another kind of talk does not count
    assert key in _keys(workspace, editor, D(2026, 6, 15))
    _talk(workspace, pid, "pre_appointment", D(2026, 6, 12))
    assert key not in _keys(workspace, editor, D(2026, 6, 15))


def test_leader_without_integrity_talk_this_year(workspace, editor):
    pid, _ = _person(workspace, editor, leader=True)
    key = f"leader-talk:2026:{pid}"
    assert key in _keys(workspace, editor, D(2026, 6, 15))
    _talk(workspace, pid, "integrity", D(2025, 11, 1))  # last year's does not count
    assert key in _keys(workspace, editor, D(2026, 6, 15))
    _talk(workspace, pid, "integrity", D(2026, 3, 1))
    assert key not in _keys(workspace, editor, D(2026, 6, 15))


def test_month_without_style_inspection(workspace, editor):
    with workspace.writing() as s:
        for month in (1, 2, 3, 4):
            s.add(Inspection(inspected_on=D(2026, month, 10), kind="style", title=f"{month}月检查"))
        s.add(Inspection(inspected_on=D(2026, 5, 20), kind="special", title="专项检查"))
    found = _keys(workspace, editor, D(2026, 6, 15))
    months = sorted(k for k in found if k.startswith("style-month"))
    assert months == ["style-month:2026-05", "style-month:2026-06"]
    assert found["style-month:2026-05"].urgency == rem.OVERDUE
    with workspace.writing() as s:
        s.add(Inspection(inspected_on=D(2026, 6, 3), kind="style", title="6月检查"))
    assert "style-month:2026-06" not in _keys(workspace, editor, D(2026, 6, 15))


def test_snoozed_reminder_comes_back(workspace, editor):
    key = "festival:2026:spring"
    with workspace.writing() as s:
        rem.snooze(s, editor, key, D(2026, 2, 14), D(2026, 2, 12))
    assert key not in _keys(workspace, editor, D(2026, 2, 13))
    assert key in _keys(workspace, editor, D(2026, 2, 14))
