"""The talks service: participants and their snapshot, validation, filters, roles, closed years."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pytest

from app.auth import Role, actor_of
from app.errors import PermissionDenied, StaleRecord, ValidationError
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.people.timeline import person_timeline
from app.registers.talks import write as svc
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.registers.users.write import create_user
from db.models import AuditEntry, User, YearClosure
from tests.conftest import PASSWORD, TODAY

P = svc.ParticipantDraft


@dataclass(frozen=True)
class Bureau:
    office: int
    finance: int
    museum: int
    museum_desk: int
    chief: int       # 纪委书记, the usual talker
    zhang_san: int   # 财务科 科长
    li_si: int       # 办公室 科员
    wang_wu: int     # 博物馆保卫部


@pytest.fixture
def bureau(workspace, admin) -> Bureau:
    with workspace.writing() as s:
        def unit(name, kind, parent=None):
            return units_write.save_unit(s, admin, units_types.UnitDraft(name=name, kind=kind, parent_id=parent))

        def person(name, unit_id, position=""):
            return people_write.save_person(s, admin, people_types.PersonDraft(name=name, unit_id=unit_id, position=position))

        office, finance, museum = unit("办公室", "office"), unit("财务科", "office"), unit("市博物馆", "affiliate")
        desk = unit("博物馆保卫部", "affiliate", museum)
        return Bureau(office, finance, museum, desk, person("周书记", office, "机关纪委书记"),
                      person("张三", finance, "科长"), person("李四", office, "科员"),
                      person("王五", desk, "保卫干事"))


def _draft(b: Bureau, **kw) -> svc.TalkDraft:
    values = dict(kind="reminder", talk_date=dt.date(2026, 6, 1), talkees=(P(person_id=b.zhang_san),),
                  talkers=(P(person_id=b.chief),), recorders=(P(person_id=b.li_si),),
                  place="局机关纪委办公室", reason="tendency", content="一、谈话事由：报销不规范。")
    values.update(kw)
    return svc.TalkDraft(**values)


def _save(ws, actor, draft, today=TODAY) -> int:
    with ws.writing() as s:
        return svc.save_talk(s, actor, draft, today)


def test_saved_talk_snapshots_unit_and_position_and_keeps_them(workspace, editor, bureau):
    talk_id = _save(workspace, editor, _draft(bureau))
    with workspace.reading() as s:
        row = svc.get_talk(s, talk_id)
    assert row.talkee_text == "张三（财务科·科长）"
    assert row.talkees[0].unit_id == bureau.finance
    assert (row.talker_names, row.recorder_names, row.kind_label, row.reason_label) == (
        "周书记", "李四", "提醒谈话", "苗头性倾向性问题")
    # The person moves later: the record still says where they were at the time, also after an edit.
    with workspace.writing() as s:
        people_write.record_position_change(s, editor, people_types.PositionChangeDraft(
            bureau.zhang_san, dt.date(2026, 6, 10), bureau.museum, "副馆长"), TODAY)
    _save(workspace, editor, replace(row.draft(), content="补充：已退回多报销的费用。"))
    with workspace.reading() as s:
        row = svc.get_talk(s, talk_id)
    assert row.talkee_text == "张三（财务科·科长）" and row.content == "补充：已退回多报销的费用。"
    # A talkee added on that edit is snapshotted as the register says now.
    _save(workspace, editor, replace(row.draft(), talkees=(*row.draft().talkees, P(person_id=bureau.wang_wu))))
    with workspace.reading() as s:
        assert svc.get_talk(s, talk_id).talkee_text == "张三（财务科·科长）、王五（博物馆保卫部·保卫干事）"


def test_outsiders_are_free_text_with_their_unit(workspace, editor, bureau):
    outsider = svc.parse_outsider("赵某（某建筑公司·项目经理）")
    talk_id = _save(workspace, editor, _draft(bureau, talkees=(outsider,), kind="interview"))
    with workspace.reading() as s:
        row = svc.get_talk(s, talk_id)
    assert row.talkees[0].person_id is None and row.talkees[0].unit_id is None
    assert row.talkee_text == "赵某（某建筑公司·项目经理）"


@pytest.mark.parametrize(("change", "field", "words"), [
    (dict(talkees=()), "talkees", "被谈话人"),
    (dict(talkers=()), "talkers", "谈话人"),
    (dict(talk_date=dt.date(2026, 6, 16)), "talk_date", "不能晚于今天"),
    (dict(content="   "), "content", "谈话内容不能为空"),
    (dict(kind=""), "kind", "谈话类型"),
])
def test_invalid_talk_names_the_field_and_writes_nothing(workspace, editor, bureau, change, field, words):
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        svc.save_talk(s, editor, _draft(bureau, **change), TODAY)
    assert err.value.field == field and words in err.value.message
    with workspace.reading() as s:
        assert svc.search_talk_ids(s, editor, svc.TalkFilter()) == []


def test_same_person_twice_or_on_both_sides_is_refused(workspace, editor, bureau):
    twice = (P(person_id=bureau.zhang_san), P(person_id=bureau.zhang_san))
    with pytest.raises(ValidationError, match="重复"), workspace.writing() as s:
        svc.save_talk(s, editor, _draft(bureau, talkees=twice), TODAY)
    with pytest.raises(ValidationError, match="既是谈话人又是被谈话人"), workspace.writing() as s:
        svc.save_talk(s, editor, _draft(bureau, talkers=(P(person_id=bureau.zhang_san),)), TODAY)


def test_filters_unit_with_sub_units_person_text_and_type(workspace, editor, bureau):
    a = _save(workspace, editor, _draft(bureau, content="发现公车私用苗头"))
    b = _save(workspace, editor, _draft(bureau, kind="heart", talkees=(P(person_id=bureau.wang_wu),),
                                         talk_date=dt.date(2025, 3, 2), content="谈心，了解家庭困难",
                                         response="本人表示一定改正"))
    c = _save(workspace, editor, _draft(bureau, kind="integrity", reason="festival",
                                         talkees=(P(person_id=bureau.zhang_san), P(person_id=bureau.li_si)),
                                         recorders=(), content="节前集体廉政谈话"))

    def ids(**kw):
        with workspace.reading() as s:
            return svc.search_talk_ids(s, editor, svc.TalkFilter(**kw))

    assert ids() == [a, c, b] or ids() == [c, a, b]
    assert ids(unit_id=bureau.museum) == [b]            # 保卫部 sits below the museum
    assert set(ids(person_id=bureau.li_si)) == {a, b, c}  # recorder of a and b, talkee of c
    assert ids(person_id=bureau.li_si, person_role="talkee") == [c]
    assert ids(text="公车") == [a]
    assert ids(text="一定改正") == [b]                   # the 表态 is searched too
    assert ids(text="王五") == [b]                       # and participants' names
    assert ids(kind="heart") == [b] and ids(year=2025) == [b]
    assert ids(reason="festival") == [c]
    assert ids(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31), kind="integrity") == [c]
    assert ids(text="不存在的词") == []


def test_sorting_by_talkee_uses_pinyin(workspace, editor, bureau):
    a = _save(workspace, editor, _draft(bureau, talkees=(P(person_id=bureau.zhang_san),)))
    b = _save(workspace, editor, _draft(bureau, talkees=(P(person_id=bureau.wang_wu),)))
    with workspace.reading() as s:
        assert svc.search_talk_ids(s, editor, svc.TalkFilter(), "talkee", False) == [b, a]  # wang < zhang


def test_roles_and_unit_limited_users(workspace, admin, editor, viewer, bureau):
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        svc.save_talk(s, viewer, _draft(bureau), TODAY)
    with workspace.writing() as s:
        create_user(s, admin, "museum", PASSWORD, Role.EDITOR, "博物馆纪检委员",
                    [bureau.museum, bureau.museum_desk])
        limited = actor_of(s.query(User).filter_by(username="museum").one())
    finance_talk = _save(workspace, editor, _draft(bureau))
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        svc.save_talk(s, limited, _draft(bureau), TODAY)       # a 财务科 talkee
    own = _save(workspace, limited, _draft(bureau, talkees=(P(person_id=bureau.wang_wu),)))
    with workspace.reading() as s:
        assert svc.search_talk_ids(s, limited, svc.TalkFilter()) == [own]  # their list too
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        svc.delete_talk(s, limited, finance_talk)


def test_stale_edit_is_refused(workspace, editor, bureau):
    talk_id = _save(workspace, editor, _draft(bureau))
    with workspace.reading() as s:
        opened = svc.get_talk(s, talk_id)
    _save(workspace, editor, replace(opened.draft(), place="会议室"))
    with pytest.raises(StaleRecord), workspace.writing() as s:
        svc.save_talk(s, editor, replace(opened.draft(), place="办公室"), TODAY)


def test_closed_year_needs_the_administrator_and_a_reason(workspace, admin, editor, bureau):
    with workspace.writing() as s:
        s.add(YearClosure(year=2025, closed_by="admin"))
    old = _draft(bureau, talk_date=dt.date(2025, 5, 6))
    with pytest.raises(PermissionDenied, match="已归档"), workspace.writing() as s:
        svc.save_talk(s, editor, old, TODAY)
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        svc.save_talk(s, admin, old, TODAY)
    assert err.value.field == "correction_reason"
    talk_id = _save(workspace, admin, replace(old, correction_reason="补录漏登的谈话"))
    with workspace.reading() as s:
        actions = [e.action for e in s.query(AuditEntry).filter_by(entity="talks", entity_id=str(talk_id))]
    assert actions == ["create", "correct"]


def test_audit_holds_the_participants_and_delete_removes_everything(workspace, editor, bureau, tmp_path):
    from app.attachments import attach, attachments_of, store_for

    talk_id = _save(workspace, editor, _draft(bureau))
    scan = tmp_path / "签字页.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    with workspace.writing() as s:
        attach(s, editor, store_for(workspace), svc.ENTITY, talk_id, scan)
    with workspace.reading() as s:
        created = s.query(AuditEntry).filter_by(entity="talks", action="create").one()
        assert svc.get_talk(s, talk_id).attachment_count == 1
    assert "张三" in created.new and "talkee" in created.new
    with workspace.writing() as s:
        svc.delete_talk(s, editor, talk_id)
    with workspace.reading() as s:
        assert svc.search_talk_ids(s, editor, svc.TalkFilter()) == []
        assert attachments_of(s, svc.ENTITY, talk_id) == []
        assert s.query(AuditEntry).filter_by(entity="talks", action="delete").count() == 1


def test_timeline_lists_the_talks_a_person_was_talked_to_in(workspace, editor, bureau):
    a = _save(workspace, editor, _draft(bureau, talk_date=dt.date(2026, 2, 1), kind="heart"))
    b = _save(workspace, editor, _draft(bureau, talkees=(P(person_id=bureau.zhang_san), P(person_id=bureau.wang_wu))))
    with workspace.reading() as s:
        items = person_timeline(s, editor, bureau.zhang_san)
        as_talker = person_timeline(s, editor, bureau.chief)
    assert [(i.day, i.kind, i.record_id, i.register) for i in items] == [
        (dt.date(2026, 2, 1), "谈心谈话", a, "talks"), (dt.date(2026, 6, 1), "提醒谈话", b, "talks")]
    assert "集体谈话，共 2 人" in items[1].summary and "周书记" in items[1].summary
    assert as_talker == []  # the talker's own record is not about them


def test_latest_talks_for_reminders(workspace, editor, bureau):
    _save(workspace, editor, _draft(bureau, kind="pre_appointment", talk_date=dt.date(2026, 3, 1)))
    _save(workspace, editor, _draft(bureau, kind="pre_appointment", talk_date=dt.date(2026, 5, 1)))
    with workspace.reading() as s:
        assert svc.latest_talks(s, ["pre_appointment"]) == {bureau.zhang_san: dt.date(2026, 5, 1)}
        assert svc.latest_talks(s, ["integrity"]) == {}
        assert svc.latest_talks(s, ["pre_appointment"], since=dt.date(2026, 5, 2)) == {}


def test_person_references_count_talks(workspace, editor, bureau):
    _save(workspace, editor, _draft(bureau))
    with pytest.raises(ValidationError, match="谈话记录"), workspace.writing() as s:
        people_write.delete_person(s, editor, bureau.zhang_san)


def test_a_talk_a_ledger_entry_refers_to_cannot_be_deleted(workspace, editor, bureau):
    from db.models import LedgerEntry, ledger_talks

    talk_id = _save(workspace, editor, _draft(bureau))
    with workspace.writing() as s:
        entry = LedgerEntry(person_id=bureau.zhang_san, person_name="张三", problem="报销不规范",
                            decided_on=dt.date(2026, 6, 2))
        s.add(entry)
        s.flush()
        s.execute(ledger_talks.insert().values(entry_id=entry.id, talk_id=talk_id))
    with pytest.raises(ValidationError, match="第一种形态台账 1 条"), workspace.writing() as s:
        svc.delete_talk(s, editor, talk_id)
    with workspace.reading() as s:
        assert svc.get_talk(s, talk_id).id == talk_id


def test_a_participant_outside_the_register_close_to_a_known_person_is_asked_about(
        workspace, editor, bureau, tmp_path, monkeypatch, capsys):
    """被谈话人 “张叁” (张三 read the same): kept as written — someone outside the register may be
    talked to — but the preview says 可能是 张三（财务科） with the --map to write; mapped, the talk
    records 张三 himself (no outsider of a near name)."""
    from app.cli.main import main as cli_main
    from app.excel.importer import plan_import
    from app.excel.matching import parse_mappings
    from tests.data import workbooks

    path = workbooks.simple(tmp_path / "谈话.xlsx", ["谈话日期", "谈话类型", "谈话人", "被谈话人", "谈话内容"],
                            [["2026-06-01", "提醒谈话", "周书记", "张叁", "一、谈话事由：报销不规范。"]])
    with workspace.reading() as s:
        plan = plan_import(s, editor, "talks", path, today=TODAY)
        mapped = plan_import(s, editor, "talks", path, today=TODAY,
                             mappings=parse_mappings(s, ["张叁=张三（财务科）"]))
    (missing,) = plan.missing
    assert plan.ok and missing.fate == "outside" and missing.close == ("张三（财务科）",)
    assert "不在人员名册中，将照写为名册外人员。可能是 “张三（财务科）”（如是同一个，可加 --map 张叁=张三（财务科））" \
        in missing.describe(command_line=True)
    assert plan.rows[0].values["talkees"][0].person_id is None  # as written
    assert mapped.rows[0].values["talkees"][0].person_id == bureau.zhang_san and not mapped.missing
    workspace.close()
    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)
    base = ["import", "talks", str(path), "--data-dir", str(workspace.data_dir), "--user", "editor",
            "--as-of", TODAY.isoformat()] if workspace.data_dir else None
    if base is None:
        return  # the command line on a server: the same plan, tested on SQLite
    assert cli_main([*base, "--dry-run"]) == 0
    assert "提示：人员“张叁”不在人员名册中，将照写为名册外人员。可能是 “张三（财务科）”" in capsys.readouterr().out
    assert cli_main([*base, "--map", "张叁=张三（财务科）"]) == 0
    assert "人员“张叁”按本次选择的对应视为“张三（财务科）”" in capsys.readouterr().out
