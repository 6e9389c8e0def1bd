"""编号 of talk records: given from the talk date's year when the talk is recorded (2025-001,
2025-002 …, 2026-001), kept on later edits, never given again after a delete; printed exactly as
编号：2025-012 on the 谈话记录表 and found by the page's search box."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from docx import Document

from app.errors import ValidationError
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.talks import write as svc
from app.registers.talks.documents import export_talk_record, record_title
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from tests.conftest import TODAY

P = svc.ParticipantDraft


@pytest.fixture
def people(workspace, admin) -> tuple[int, int]:
    with workspace.writing() as s:
        unit = units_write.save_unit(s, admin, units_types.UnitDraft(name="财务科", kind="office"))
        talker = people_write.save_person(s, admin, people_types.PersonDraft(name="周明", unit_id=unit, position="科长"))
        talkee = people_write.save_person(s, admin, people_types.PersonDraft(name="张三", unit_id=unit, position="科员"))
    return talker, talkee


def _talk(workspace, actor, people, day: dt.date, **kw) -> int:
    talker, talkee = people
    with workspace.writing() as s:
        return svc.save_talk(s, actor, svc.TalkDraft(
            kind=kw.pop("kind", "heart"), talk_date=day, talkers=(P(person_id=talker),),
            talkees=(P(person_id=talkee),), content="了解思想和工作情况。", **kw), TODAY)


def _number(workspace, talk_id: int) -> str:
    with workspace.reading() as s:
        return svc.get_talk(s, talk_id).number


def test_numbers_count_per_year_of_the_talk_date_and_are_never_given_again(workspace, editor, people):
    first = _talk(workspace, editor, people, dt.date(2025, 3, 5))
    second = _talk(workspace, editor, people, dt.date(2025, 1, 9))  # entered later, dated earlier
    new_year = _talk(workspace, editor, people, dt.date(2026, 2, 2))
    assert [_number(workspace, t) for t in (first, second, new_year)] == ["2025-001", "2025-002", "2026-001"]
    with workspace.writing() as s:
        svc.delete_talk(s, editor, second)
    after_delete = _talk(workspace, editor, people, dt.date(2025, 11, 30))
    assert _number(workspace, after_delete) == "2025-003"  # 2025-002 is not given to anyone else
    with workspace.writing() as s:  # an edit, even of the date, keeps the number the paper carries
        row = svc.get_talk(s, first)
        svc.save_talk(s, editor, replace(row.draft(), talk_date=dt.date(2025, 12, 1), place="谈话室"), TODAY)
    assert _number(workspace, first) == "2025-001"
    with workspace.reading() as s:
        assert svc.search_talk_ids(s, editor, svc.TalkFilter(text="2025-003")) == [after_delete]
        assert svc.search_talk_ids(s, editor, svc.TalkFilter(text="2026－1")) == [new_year]


def test_end_time_comes_after_the_start(workspace, editor, people):
    with pytest.raises(ValidationError) as err:
        _talk(workspace, editor, people, dt.date(2026, 3, 5), start_time=dt.time(15, 0), end_time=dt.time(14, 30))
    assert err.value.field == "end_time" and "晚于开始时间" in err.value.message
    with pytest.raises(ValidationError) as err:
        _talk(workspace, editor, people, dt.date(2026, 3, 5), end_time=dt.time(14, 30))
    assert err.value.field == "start_time"
    talk = _talk(workspace, editor, people, dt.date(2026, 3, 5), start_time=dt.time(14, 30), end_time=dt.time(15, 10))
    with workspace.reading() as s:
        assert svc.get_talk(s, talk).when_text == "2026年3月5日 14:30—15:10"


@pytest.mark.parametrize(("kind", "title"), [
    ("heart", "谈心谈话记录"), ("reminder", "提醒谈话记录"), ("admonish", "诫勉谈话记录"),
    ("pre_appointment", "任前廉政谈话记录"), ("interview", "约谈记录"), ("inquiry", "函询谈话记录"),
    ("other", "谈话记录")])
def test_the_form_is_titled_by_its_kind_and_numbered(workspace, admin, people, tmp_path, kind, title):
    talk = _talk(workspace, admin, people, dt.date(2025, 4, 1), kind=kind)
    out = tmp_path / "record.docx"
    with workspace.writing() as s:
        row = svc.get_talk(s, talk)
        assert record_title(row.kind_label) == title
        export_talk_record(s, admin, talk, out, "某局")
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    assert paragraphs[0] == title
    assert "编号：2025-001" in paragraphs[1]
    if kind == "admonish":  # 诫勉: the talkee's 说明或检讨, signed by the head of their Party organisation
        assert any("所在党组织主要负责人（签字）" in p for p in paragraphs)
