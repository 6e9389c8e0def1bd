"""操作日志 as the administrator reads it: an export is audited, the filters find the rows a clerk
asks for, and a change reads as field · old value · new value."""
from __future__ import annotations

import datetime as dt

import pytest

from app.cli import main
from app.errors import PermissionDenied
from app.excel import export_register
from app.services import people as svc
from app.services.audit_log import AuditFilter, audit_rows, audit_users, field_changes, search_audit_ids
from tests.conftest import PASSWORD


def _rows(ws, admin, **kw):  # noqa: ANN001, ANN202
    with ws.reading() as s:
        return audit_rows(s, search_audit_ids(s, admin, AuditFilter(**kw)))


def _bureau(ws, actor):  # noqa: ANN001, ANN202
    with ws.writing() as s:
        office = svc.save_unit(s, actor, svc.UnitDraft(name="办公室", kind="office"))
        finance = svc.save_unit(s, actor, svc.UnitDraft(name="财务科", kind="office"))
        person = svc.save_person(s, actor, svc.PersonDraft(name="张三", unit_id=office))
    return office, finance, person


def test_an_export_is_audited_with_who_what_and_where(workspace, admin, viewer, tmp_path):
    _bureau(workspace, admin)
    out = tmp_path / "人员名册.xlsx"
    with workspace.writing() as s:
        count = export_register(s, viewer, "people", out, bureau="测试局", today=workspace.today())
    (row,) = _rows(workspace, admin, action="export")
    assert (row.user_name, row.entity, row.action_label) == ("viewer", "people", "导出")
    assert str(out) in row.summary and f"共 {count} 行" in row.summary  # where the file went


def test_an_export_on_the_command_line_is_audited(workspace_location, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)
    out = tmp_path / "单位.xlsx"
    assert main(["export", "units", "--out", str(out), *workspace_location.cli_args,
                 "--user", "viewer"]) == 0
    ws = workspace_location.open()
    try:
        with ws.reading() as s:
            from app.auth import Actor, Role

            admin = Actor(1, "admin", "", Role.ADMIN)
            rows = audit_rows(s, search_audit_ids(s, admin, AuditFilter(user="viewer")))
    finally:
        ws.close()
    assert [r.action for r in rows] == ["export", "login"]
    assert str(out) in rows[0].summary and rows[1].summary == "登录（命令行）"


def test_filters_find_what_the_administrator_asks_for(workspace, admin, editor):
    office, finance, person = _bureau(workspace, editor)
    with workspace.writing() as s:
        row = svc.get_person(s, person)
        svc.save_person(s, admin, svc.PersonDraft(name="张三", unit_id=finance, id=person,
                                                  version=row.version, position="科长"))
    assert {r.summary for r in _rows(workspace, admin, user="editor", entity="people")} == {"新增人员 张三"}
    assert [r.user_name for r in _rows(workspace, admin, action="update", entity="people")] == ["admin"]
    assert {r.entity for r in _rows(workspace, admin, text="财务科")} == {"units"}
    today = dt.date.today()
    assert len(_rows(workspace, admin, date_from=today, date_to=today)) == len(_rows(workspace, admin))
    assert _rows(workspace, admin, date_to=today - dt.timedelta(days=1)) == []
    assert _rows(workspace, admin, date_from=today + dt.timedelta(days=1)) == []
    with workspace.reading() as s:
        assert {"admin", "editor"} <= set(audit_users(s))
        ids = search_audit_ids(s, admin, AuditFilter(), sort="id", descending=False)
    assert ids == sorted(ids)


def test_a_change_reads_as_field_old_and_new_value(workspace, admin):
    office, finance, person = _bureau(workspace, admin)
    with workspace.writing() as s:
        row = svc.get_person(s, person)
        svc.save_person(s, admin, svc.PersonDraft(name="张三", unit_id=finance, id=person,
                                                  version=row.version, position="科长", is_leader=True))
    (update,) = _rows(workspace, admin, action="update", entity="people")
    with workspace.reading() as s:
        changes = {c.label: (c.old, c.new) for c in field_changes(s, update)}
    assert changes == {"单位": ("办公室", "财务科"), "职务": ("", "科长"), "班子成员": ("否", "是")}
    (created,) = [r for r in _rows(workspace, admin, action="create", entity="people")]
    with workspace.reading() as s:
        first = {c.label: (c.old, c.new) for c in field_changes(s, created)}
    assert first["姓名"] == ("", "张三") and first["单位"] == ("", "办公室")


def test_only_an_administrator_reads_the_trail(workspace, editor):
    with pytest.raises(PermissionDenied), workspace.reading() as s:
        search_audit_ids(s, editor, AuditFilter())
