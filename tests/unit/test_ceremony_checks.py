"""婚丧喜庆 checks: the scale rule (桌数/人数 limits as settings) flags a report and proposes a
提醒谈话 (on the form, the page, 首页) until one is held; kinds the administrator marks 不得操办,
inviting 管理服务对象 and the 礼金 wording; whose event it is, the 承诺书 and its scan."""
from __future__ import annotations

import datetime as dt

import pytest

from app import reminders
from app.attachments import attach, attachments_of, store_for
from app.dictionaries import load_vocabulary
from app.dictionary_edit import DictItemDraft, save_item
from app.registers.ceremonies import query as ceremonies_query
from app.registers.ceremonies import write as ceremonies_write
from app.registers.ceremonies.types import ENTITY, CeremonyDraft, CeremonyFilter
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.talks.query import get_talk
from app.registers.talks.types import ParticipantDraft
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.settings import load_settings, save_settings
from tests.conftest import TODAY

D = dt.date


@pytest.fixture
def people(workspace, admin) -> tuple[int, int]:
    with workspace.writing() as s:
        unit = units_write.save_unit(s, admin, units_types.UnitDraft(name="财务科", kind="office"))
        chief = people_write.save_person(s, admin, people_types.PersonDraft(name="周书记", unit_id=unit))
        clerk = people_write.save_person(s, admin, people_types.PersonDraft(name="张三", unit_id=unit, position="科长"))
    return chief, clerk


def _report(workspace, actor, clerk: int, **kw) -> int:
    values = dict(person_id=clerk, kind="wedding", relation="child", event_date=D(2026, 7, 18),
                  reported_on=D(2026, 6, 15), place="锦江饭店", tables=12, guests=120)
    values.update(kw)
    with workspace.writing() as s:
        return ceremonies_write.save_report(s, actor, CeremonyDraft(**values), TODAY)


def _row(workspace, report_id):
    with workspace.reading() as s:
        return ceremonies_query.get_report(s, report_id)


def _reminder_keys(workspace, actor) -> set[str]:
    with workspace.reading() as s:
        return {r.key for r in reminders.reminders(s, actor, TODAY, load_settings(s))}


def test_a_report_above_the_scale_limits_is_flagged_and_a_talk_proposed_until_held(workspace, editor, admin, people):
    chief, clerk = people
    within = _report(workspace, editor, clerk)                        # 12 桌 / 120 人: within 20 / 200
    over = _report(workspace, editor, clerk, event_date=D(2026, 8, 8), tables=28, guests=285)
    assert _row(workspace, within).concerns == ()
    row = _row(workspace, over)
    assert row.concerns == ("超过规定规模：28 桌（限 20 桌）、约 285 人（限 200 人）",) and row.talk_proposed
    with workspace.reading() as s:
        flagged = ceremonies_query.search_report_ids(s, editor, CeremonyFilter(concerns_only=True))
        figures = ceremonies_query.ceremony_figures(s, editor, CeremonyFilter())
    assert flagged == [over] and figures.concerns == 1
    assert f"ceremony-talk:{over}" in _reminder_keys(workspace, editor)
    assert f"ceremony-talk:{within}" not in _reminder_keys(workspace, editor)

    # The proposed talk says what the report declares and what is asked of it.
    talk = ceremonies_query.reminder_talk_draft(row, TODAY, (ParticipantDraft(person_id=chief),))
    assert "为子女操办婚嫁事宜" in talk.content and "超过规定规模：28 桌（限 20 桌）" in talk.content
    assert "压缩宴请规模" in talk.content and "压缩规模" in talk.response
    with workspace.writing() as s:
        ceremonies_write.create_reminder_talk(s, editor, over, row.version, talk, TODAY)
    assert not _row(workspace, over).talk_proposed
    assert f"ceremony-talk:{over}" not in _reminder_keys(workspace, editor)

    # The limits are settings: raised, the report is within them.
    with workspace.writing() as s:
        save_settings(s, admin, ceremony_max_tables=30, ceremony_max_guests=300)
    assert _row(workspace, over).concerns == ()


def test_kinds_marked_not_to_be_held_and_inviting_service_objects_are_flagged(workspace, editor, admin, people):
    _chief, clerk = people
    with workspace.reading() as s:
        vocab = load_vocabulary(s)
        kinds = {e.label: e for e in vocab.entries("ceremony_kind")}
    assert ["婚嫁", "丧葬", "满月", "寿宴", "乔迁", "升学"] == list(kinds)[:6]
    assert {label for label, e in kinds.items() if e.forbidden} == {"满月", "寿宴", "乔迁", "升学"}
    assert vocab.resolve("ceremony_kind", "升学宴") == "school" and vocab.resolve("ceremony_kind", "婚") == "wedding"
    school = _report(workspace, editor, clerk, kind="school", relation="child", tables=6, guests=60)
    assert _row(workspace, school).concerns == ("升学属不得操办事项",)
    invited = _report(workspace, editor, clerk, event_date=D(2026, 9, 5), scope="service", subordinate_gifts=True)
    assert _row(workspace, invited).concerns == ("邀请管理服务对象", "收受下属及管理服务对象礼金")
    # The administrator decides what may not be held: unmarked, 升学 is a report like any other.
    entry = kinds["升学"]
    with workspace.writing() as s:
        save_item(s, admin, DictItemDraft(domain="ceremony_kind", label=entry.label, aliases=entry.aliases,
                                          sort_order=entry.sort_order, id=entry.id, version=entry.version,
                                          forbidden=False))
    assert _row(workspace, school).concerns == ()


def test_relation_scope_and_the_pledge_with_its_scan_are_kept(workspace, editor, people, tmp_path):
    _chief, clerk = people
    report_id = _report(workspace, editor, clerk, relation="parent", kind="funeral", event_date=D(2026, 6, 10),
                        reported_on=D(2026, 6, 12), scope="relatives", pledge_signed=True, tables=None, guests=None)
    scan = tmp_path / "承诺书.pdf"
    scan.write_bytes(b"%PDF-1.4 pledge")
    with workspace.writing() as s:
        attach(s, editor, store_for(workspace), ENTITY, report_id, scan)
    row = _row(workspace, report_id)
    assert (row.relation_label, row.scope_label, row.pledge_signed) == ("父母", "仅限亲属", True)
    with workspace.reading() as s:
        assert [a.filename for a in attachments_of(s, ENTITY, report_id)] == ["承诺书.pdf"]
        talk = ceremonies_query.reminder_talk_draft(row, TODAY)
    assert "为父母操办丧葬事宜" in talk.content


def test_the_reminder_talk_is_saved_as_a_talk(workspace, editor, people):
    chief, clerk = people
    report_id = _report(workspace, editor, clerk, tables=25)
    row = _row(workspace, report_id)
    with workspace.writing() as s:
        talk_id = ceremonies_write.create_reminder_talk(
            s, editor, report_id, row.version,
            ceremonies_query.reminder_talk_draft(row, TODAY, (ParticipantDraft(person_id=chief),)), TODAY)
        talk = get_talk(s, talk_id)
    assert (talk.kind, talk.reason, talk.number) == ("reminder", "ceremony", "2026-001")
