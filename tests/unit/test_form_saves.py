"""What the forms rest on, without a window: one service call saves a record with all its parts
(attachments read inside it, all or nothing); drafts are per user, kept when declined, and are
nobody's record — not audited, not searched, not exported; the office's 常用语; a new talk's
defaults from the clerk's own last talk."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app import drafts
from app.attachments import FileChanges, attachments_of, store_for
from app.errors import PermissionDenied, ValidationError
from app.phrases import PhraseDraft, list_phrases, phrases_for, save_phrase
from app.registers.ledger import types as ledger_types
from app.registers.ledger import write as ledger_write
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.talks import write as talks
from app.registers.talks.outlines import outline_for
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.search import search_everything
from db.models import AuditEntry, Talk
from tests.conftest import TODAY


@pytest.fixture
def people(workspace, admin):  # noqa: ANN001, ANN201
    with workspace.writing() as s:
        unit = units_write.save_unit(s, admin, units_types.UnitDraft(name="财务科", kind="office"))
        talkee = people_write.save_person(s, admin, people_types.PersonDraft(name="张三", unit_id=unit, position="科长"))
        talker = people_write.save_person(s, admin, people_types.PersonDraft(name="刘建国", unit_id=unit))
    return talkee, talker


def _talk(people, **kw) -> talks.TalkDraft:  # noqa: ANN001
    talkee, talker = people
    values = dict(kind="reminder", talk_date=TODAY, content="提醒：报销手续不全",
                  talkees=(talks.ParticipantDraft(person_id=talkee),),
                  talkers=(talks.ParticipantDraft(person_id=talker),))
    return talks.TalkDraft(**{**values, **kw})


def _count(session, model) -> int:  # noqa: ANN001
    return session.scalar(select(func.count()).select_from(model))


def test_a_talk_and_its_attachments_are_one_save(workspace, admin, people, tmp_path):
    scan = tmp_path / "谈话记录扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    with workspace.writing() as s:
        talk_id = talks.save_talk(s, admin, _talk(people, files=FileChanges(store_for(workspace), (str(scan),))), TODAY)
    with workspace.reading() as s:
        assert [a.filename for a in attachments_of(s, talks.ENTITY, talk_id)] == ["谈话记录扫描件.pdf"]


def test_a_file_gone_between_pick_and_save_leaves_no_talk_and_keeps_the_draft(workspace, admin, people, tmp_path):
    scan = tmp_path / "扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4")
    key = drafts.new_key("TalkDialog", "new")
    with workspace.writing() as s:
        drafts.save_draft(s, admin, key, {"meta": {}, "fields": {"content_edit": "提醒：报销手续不全"}})
    scan.unlink()  # moved away after it was picked
    with pytest.raises(ValidationError) as refused, workspace.writing() as s:
        talks.save_talk(s, admin, _talk(people, files=FileChanges(store_for(workspace), (str(scan),))), TODAY)
        drafts.clear_draft(s, admin, key)  # (the form ends its draft in the same unit of work)
    assert refused.value.field == "attachments" and "扫描件.pdf" in refused.value.message
    with workspace.reading() as s:
        assert _count(s, Talk) == 0
        assert drafts.load_draft(s, admin, key) is not None


def test_a_ledger_entry_and_its_attachments_are_one_save(workspace, admin, people, tmp_path):
    scan = tmp_path / "函询回复.pdf"
    scan.write_bytes(b"%PDF-1.4 reply")
    draft = ledger_types.LedgerDraft(people[0], "报销审核把关不严", ("criticism",), dt.date(2026, 3, 2),
                                     files=FileChanges(store_for(workspace), (str(scan), str(tmp_path / "无.pdf"))))
    with pytest.raises(ValidationError), workspace.writing() as s:
        ledger_write.save_entry(s, admin, draft, TODAY)
    with workspace.reading() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "ledger_entries")) == 0
    with workspace.writing() as s:
        entry = ledger_write.save_entry(s, admin, ledger_types.LedgerDraft(
            people[0], "报销审核把关不严", ("criticism",), dt.date(2026, 3, 2),
            files=FileChanges(store_for(workspace), (str(scan),))), TODAY)
    with workspace.reading() as s:
        assert [a.filename for a in attachments_of(s, ledger_types.ENTITY, entry)] == ["函询回复.pdf"]


def test_an_untouched_outline_is_no_content(workspace, admin, people):
    with pytest.raises(ValidationError) as refused, workspace.writing() as s:
        talks.save_talk(s, admin, _talk(people, content=outline_for("reminder")), TODAY)
    assert refused.value.field == "content" and "只有提纲" in refused.value.message
    filled = outline_for("reminder").replace("问题）：", "问题）：报销手续不全", 1)
    with workspace.writing() as s:
        assert talks.save_talk(s, admin, _talk(people, content=filled), TODAY)


def test_a_new_talk_starts_from_the_clerks_own_last_one(workspace, admin, editor, people):
    with workspace.reading() as s:
        assert talks.last_talk_of(s, admin) is None
    with workspace.writing() as s:
        talks.save_talk(s, admin, _talk(people, place="局机关纪委办公室", reason="tendency"), TODAY)
        talks.save_talk(s, editor, _talk(people, kind="heart", place="会议室"), TODAY)
    with workspace.reading() as s:
        mine, theirs = talks.last_talk_of(s, admin), talks.last_talk_of(s, editor)
    assert (mine.kind, mine.place, mine.reason, mine.talker_names) == ("reminder", "局机关纪委办公室", "tendency", "刘建国")
    assert (theirs.kind, theirs.place) == ("heart", "会议室")


def test_drafts_are_per_user_kept_when_declined_and_keys_always_fit(workspace, admin, editor):
    first, second = drafts.new_key("TalkDialog", "new"), drafts.new_key("TalkDialog", "new")
    assert first != second and drafts.key_base(first) == "TalkDialog:new"
    with workspace.writing() as s:
        drafts.save_draft(s, admin, first, {"meta": {"what": "谈话记录"}, "fields": {"content_edit": "一"}})
        drafts.save_draft(s, admin, second, {"meta": {"what": "谈话记录"}, "fields": {"content_edit": "二"}})
    with workspace.reading() as s:
        assert drafts.load_offered(s, admin, "TalkDialog:new").fields == {"content_edit": "二"}
        assert drafts.load_offered(s, editor, "TalkDialog:new") is None
    with workspace.writing() as s:
        drafts.decline_draft(s, admin, second)
    with workspace.reading() as s:
        assert drafts.load_offered(s, admin, "TalkDialog:new").fields == {"content_edit": "一"}
        kept = drafts.load_draft(s, admin, second)
    assert kept.declined and kept.fields == {"content_edit": "二"}
    long = drafts.new_key("ReminderDoneDialog", "finding-overdue:" + "9" * 80)
    assert len(long) <= drafts.MAX_KEY and long.startswith(drafts.base_key("ReminderDoneDialog", "finding-overdue:" + "9" * 80))


def test_drafts_are_nobodys_record(workspace, admin, people, tmp_path):
    """Not audited, not found by 搜索全部, not in an export."""
    import openpyxl

    from app.excel.writer import export_register

    with workspace.writing() as s:
        talks.save_talk(s, admin, _talk(people), TODAY)
    with workspace.reading() as s:
        audited = _count(s, AuditEntry)
    with workspace.writing() as s:
        drafts.save_draft(s, admin, drafts.new_key("TalkDialog", "new"),
                          {"meta": {}, "fields": {"content_edit": "只在草稿里的秘密话", "talkees": "张三"}})
    with workspace.reading() as s:
        assert _count(s, AuditEntry) == audited
        assert search_everything(s, admin, "秘密话").count == 0
        assert search_everything(s, admin, "报销手续").count == 1  # the search itself works
    out = tmp_path / "谈话.xlsx"
    with workspace.writing() as s:
        export_register(s, admin, "talks", out, bureau="测试局", today=TODAY)
    cells = [str(c) for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True) for c in row if c]
    assert any("报销手续不全" in c for c in cells) and not any("秘密话" in c for c in cells)


def test_phrases_fit_the_type_and_reason_most_specific_first(workspace, admin, editor, viewer):
    with workspace.reading() as s:
        seeded = list_phrases(s)
        ceremony = phrases_for(s, "talk_content", "reminder", "ceremony")
        response = phrases_for(s, "talk_response", "heart", "routine")
    assert len(seeded) >= 10
    assert "婚丧喜庆" in ceremony[0].text and all(p.kind in ("", "reminder") for p in ceremony)
    assert {p.reason for p in ceremony} <= {"", "ceremony"}
    assert all(p.kind == "" for p in response) and response
    with workspace.writing() as s:
        new = save_phrase(s, editor, PhraseDraft(field="talk_content", text="  节前重申廉洁纪律。 ", kind="reminder",
                                                 reason="festival", sort_order=1))
    with workspace.reading() as s:
        festival = phrases_for(s, "talk_content", "reminder", "festival")
        audited = s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "phrases",
                                                                               AuditEntry.action == "create"))
    assert festival[0].id == new and festival[0].text == "节前重申廉洁纪律。" and audited == 1
    with pytest.raises(ValidationError) as empty, workspace.writing() as s:
        save_phrase(s, editor, PhraseDraft(field="talk_content", text=" "))
    assert empty.value.field == "text"
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        save_phrase(s, viewer, PhraseDraft(field="talk_content", text="查阅不能改"))
