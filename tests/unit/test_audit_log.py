"""操作日志 as the administrator reads it: an export is audited, the filters find the rows a clerk
asks for, and a change reads as field · old value · new value."""
from __future__ import annotations

import datetime as dt

import pytest

from app.audit_log import (
    AuditFilter,
    audit_rows,
    audit_users,
    field_changes,
    search_audit_ids,
)
from app.cli.main import main
from app.errors import PermissionDenied
from app.excel.writer import export_register
from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from tests.conftest import PASSWORD


def _rows(ws, admin, **kw):  # noqa: ANN001, ANN202
    with ws.reading() as s:
        return audit_rows(s, search_audit_ids(s, admin, AuditFilter(**kw)))


def _bureau(ws, actor):  # noqa: ANN001, ANN202
    with ws.writing() as s:
        office = units_write.save_unit(s, actor, units_types.UnitDraft(name="办公室", kind="office"))
        finance = units_write.save_unit(s, actor, units_types.UnitDraft(name="财务科", kind="office"))
        person = people_write.save_person(s, actor, people_types.PersonDraft(name="张三", unit_id=office))
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
        row = people_query.get_person(s, person)
        people_write.save_person(s, admin, people_types.PersonDraft(name="张三", unit_id=finance, id=person,
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
        row = people_query.get_person(s, person)
        people_write.save_person(s, admin, people_types.PersonDraft(name="张三", unit_id=finance, id=person,
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


# Tables whose rows are never audited as such, with why; every other table is, and each of its
# columns needs a Chinese name (created_at/updated_at never reach an audit row).
NOT_AUDITED = {
    "audit_log": "the trail itself", "audit_head": "the chain's head",
    "attachment_blobs": "file contents: audited as their attachments row",
    "drafts": "a user's own unsaved form", "sign_in_failures": "sign-in counters of names that are no user",
    "inspection_units": "audited as the inspection's unit_ids", "user_units": "audited as the user's units",
    "ledger_findings": "audited as the entry's finding_ids", "ledger_talks": "audited as the entry's talk_ids",
    "number_series": "a counter: the number given is audited as the talk's number_year and number_seq",
}
NEVER_AUDITED_COLUMNS = {"created_at", "updated_at"}


def test_every_column_of_every_audited_table_has_a_chinese_name():
    from app.audit_log import field_label
    from app.excel.registry import REGISTERS
    from app.vocab import ENTITY_LABELS
    from db.models import Base

    tables = [t for t in Base.metadata.sorted_tables if t.name not in NOT_AUDITED]
    unnamed = [f"{t.name}.{c.name}" for t in tables for c in t.columns
               if c.name not in NEVER_AUDITED_COLUMNS and field_label(t.name, c.name) == c.name]
    assert unnamed == []
    assert [t.name for t in tables if t.name not in ENTITY_LABELS] == []
    assert [key for key in REGISTERS if key not in ENTITY_LABELS] == []  # imports and exports name these
    assert set(NOT_AUDITED) <= set(Base.metadata.tables)  # no stale exception


def test_the_registers_audit_rows_read_in_chinese(workspace, admin, tmp_path):
    """Every record of every register, through its services: each audit row's object and each
    field it holds (columns and the values added beside them) has a Chinese name, and codes
    read as their labels."""
    from app import attachments
    from app.audit_log import field_label
    from app.registers.holidays import types as holidays_types
    from app.registers.holidays import write as holidays_write
    from app.registers.risks import review as risk_review
    from app.vocab import ENTITY_LABELS
    from tests.conftest import TODAY
    from tests.unit.role_cases import register_records

    office, finance, person = _bureau(workspace, admin)
    file = tmp_path / "说明.txt"
    file.write_text("附件", "utf-8")
    with workspace.writing() as s:
        people_write.record_position_change(s, admin, people_types.PositionChangeDraft(
            person, dt.date(2026, 6, 1), finance, "科长"), TODAY)
        register_records(s, admin, office, finance, person)
        risk_review.start_review(s, admin, 2027, TODAY)
        risk_review.confirm_review(s, admin, 2026, finance)
        attachments.attach(s, admin, attachments.store_for(workspace), "people", person, file)
        holidays_write.save_arrangement(s, admin, holidays_types.ArrangementDraft(
            2099, "spring", dt.date(2099, 1, 21), dt.date(2099, 1, 27)))
        holidays_write.set_workday(s, admin, dt.date(2099, 1, 17), "spring", True)
    rows = _rows(workspace, admin)
    unnamed = sorted({f"{r.entity}.{k}" for r in rows for k in [*r.old, *r.new] if field_label(r.entity, k) == k})
    assert unnamed == []
    assert sorted({r.entity for r in rows} - set(ENTITY_LABELS)) == []
    assert not {r.entity for r in rows} & set(NOT_AUDITED)
    with workspace.reading() as s:
        shown = {(r.entity, c.label, c.new) for r in rows if r.action == "create" for c in field_changes(s, r)}
        talk = next(r for r in rows if r.entity == "talks" and r.action == "create")
        talk_labels = [c.label for c in field_changes(s, talk)]
    assert ("inspections", "被检查单位", "财务科") in shown                      # unit ids by name
    assert ("findings", "整改状态", "待整改") in shown                          # fixed codes by label
    assert ("findings", "问题来源", "监督检查") in shown                        # dictionary codes too
    assert ("ledger_entries", "处置方式", "批评教育") in shown
    assert ("holiday_workdays", "节日", "春节") in shown
    assert ("talks", "参加人员", "谈话人：陈书记、被谈话人：张三（财务科·科长）") in shown  # as on the form
    assert ("ledger_entries", "被处置人", "张三") in shown                      # ids by what names them
    assert ("risk_assessments", "风险等级", "二级") in shown
    assert any(e == "risk_level_changes" and label == "风险点" and new.endswith(" 公文审核")
               for e, label, new in shown)
    assert talk_labels[:4] == ["编号", "谈话类型", "谈话日期", "开始时间"]       # in the form's order
