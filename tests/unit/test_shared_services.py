"""Attachments, drafts, the closed-year guard and the timeline's position changes."""
from __future__ import annotations

import datetime as dt

import pytest

from app import archive
from app.attachments import attach, attachments_of, detach, read_attachment, store_for
from app.drafts import clear_draft, load_draft, save_draft
from app.errors import PermissionDenied, ValidationError
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.people.timeline import person_timeline
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from db.models import YearClosure
from tests.conftest import TODAY


def test_attachment_content_is_stored_once_by_hash(workspace, editor, tmp_path, workspace_dir):
    scan = tmp_path / "谈话记录扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4 test")
    store = store_for(workspace)
    with workspace.writing() as s:
        first = attach(s, editor, store, "talks", 1, scan)
        attach(s, editor, store, "talks", 2, scan)
    assert len(list((workspace_dir / "attachments").rglob("*"))) == 2  # one folder, one file
    with workspace.reading() as s:
        assert read_attachment(s, store, first) == ("谈话记录扫描件.pdf", b"%PDF-1.4 test")
    with workspace.writing() as s:
        detach(s, editor, first)
    with workspace.reading() as s:
        assert attachments_of(s, "talks", 1) == [] and len(attachments_of(s, "talks", 2)) == 1


def test_viewer_cannot_attach(workspace, viewer, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("x")
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        attach(s, viewer, store_for(workspace), "talks", 1, f)


def test_draft_round_trip_per_user(workspace, editor, admin):
    with workspace.writing() as s:
        save_draft(s, editor, "talk:new", {"content": "谈话内容草稿", "date": "2026-06-15"})
    with workspace.reading() as s:
        assert load_draft(s, editor, "talk:new").payload["content"] == "谈话内容草稿"
        assert load_draft(s, admin, "talk:new") is None
    with workspace.writing() as s:
        clear_draft(s, editor, "talk:new")
    with workspace.reading() as s:
        assert load_draft(s, editor, "talk:new") is None


def test_closed_year_refuses_editor_and_asks_admin_for_a_reason(workspace, editor, admin):
    with workspace.writing() as s:
        s.add(YearClosure(year=2025, closed_by="admin"))
    with workspace.reading() as s:
        assert archive.guard_year(s, editor, 2026) is False
        with pytest.raises(PermissionDenied, match="已归档"):
            archive.guard_year(s, editor, 2025)
        with pytest.raises(ValidationError):
            archive.guard_year(s, admin, 2025)
        assert archive.guard_year(s, admin, 2025, "录入错误") is True


def test_timeline_lists_position_changes(workspace, editor):
    with workspace.writing() as s:
        a = units_write.save_unit(s, editor, units_types.UnitDraft(name="办公室", kind="office"))
        b = units_write.save_unit(s, editor, units_types.UnitDraft(name="市图书馆", kind="affiliate"))
        pid = people_write.save_person(s, editor, people_types.PersonDraft(name="周八", unit_id=a, position="科员"))
        people_write.record_position_change(s, editor, people_types.PositionChangeDraft(
            pid, dt.date(2026, 3, 1), b, "副馆长", is_promotion=True), TODAY)
    with workspace.reading() as s:
        (item,) = person_timeline(s, editor, pid)
    assert item.kind == "职务变动（提拔）" and "市图书馆副馆长" in item.summary
