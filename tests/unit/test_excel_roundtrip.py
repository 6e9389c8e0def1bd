"""Export → import: the exported file looks like a printed register, imports back unchanged,
re-importing an edited row updates it; imports and exports are audited; a cancel writes nothing."""
from __future__ import annotations

import openpyxl
import pytest
from sqlalchemy import select

from app.audit import verify_chain
from app.excel.importer import commit_import, plan_import
from app.excel.writer import export_register, write_template
from app.progress import Cancelled, Progress
from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.units import query as units_query
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from db.models import AuditEntry
from tests.conftest import TODAY
from tests.data import workbooks
from tests.helpers import dump_tables

BUREAU = "测试市文化广电和旅游局"
LONG_NOTE = "2019年至2021年在财务科工作，2022年调入办公室；分管文秘、档案和保密工作。"


def _sample_bureau(ws, actor) -> dict[str, int]:
    """Units with a parent and an inactive one; people with every field, homonyms, a leaver."""
    with ws.writing() as s:
        office = units_write.save_unit(s, actor, units_types.UnitDraft(name="办公室", kind="office", sort_order=1))
        museum = units_write.save_unit(s, actor, units_types.UnitDraft(name="市博物馆", kind="affiliate", sort_order=5))
        units_write.save_unit(s, actor, units_types.UnitDraft(name="陈列部", kind="other", parent_id=museum,
                                              notes="馆内部门"))
        units_write.save_unit(s, actor, units_types.UnitDraft(name="原文化市场科", kind="office", active=False))
        people_write.save_person(s, actor, people_types.PersonDraft(
            name="张三", unit_id=office, position="主任", rank="一级主任科员", political_status="cpc",
            is_leader=True, key_post="人事", staff_no="A001", gender="男", notes=LONG_NOTE))
        for no, pos in (("B1", "科员"), ("B2", "副科长")):
            people_write.save_person(s, actor, people_types.PersonDraft(name="张伟", unit_id=museum, position=pos, staff_no=no,
                                                      political_status="masses", gender="女"))
        people_write.save_person(s, actor, people_types.PersonDraft(name="李四", unit_id=office, active=False,
                                                  notes="第一行\n第二行"))
    return {"office": office, "museum": museum}


def _export(ws, actor, key, path, **kw) -> int:
    with ws.writing() as s:
        return export_register(s, actor, key, path, bureau=BUREAU, today=TODAY, **kw)


def _plan(ws, actor, key, path, **kw):
    with ws.reading() as s:
        return plan_import(s, actor, key, path, today=TODAY, **kw)


@pytest.mark.parametrize("key, rows", [("people", 4), ("units", 4)])
def test_export_then_import_changes_nothing(workspace, editor, tmp_path, key, rows):
    _sample_bureau(workspace, editor)
    path = tmp_path / f"{key}.xlsx"
    assert _export(workspace, editor, key, path) == rows
    before = dump_tables(workspace, ["units", "people"])
    plan = _plan(workspace, editor, key, path)
    assert plan.ok and plan.counts == {"add": 0, "update": 0, "unchanged": rows, "rejected": 0}, \
        plan.report_lines()
    with workspace.writing() as s:
        commit_import(s, editor, plan)
    assert dump_tables(workspace, ["units", "people"]) == before


def test_the_exported_file_is_ready_to_print(workspace, viewer, editor, tmp_path):
    _sample_bureau(workspace, editor)
    path = tmp_path / "人员.xlsx"
    _export(workspace, viewer, "people", path)  # 查阅 may export
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == f"{BUREAU}人员名册"
    assert sheet["A1"].font.b and sheet["A1"].font.sz >= 14
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:K1"]
    assert [c.value for c in sheet[2]][:3] == ["姓名", "单位", "职务"]
    assert all(c.font.b for c in sheet[2])
    assert sheet.freeze_panes == "A3"
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.column_dimensions["B"].width == 20 and sheet.column_dimensions["K"].width == 24
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"
    notes = {row[0].value: row[10] for row in sheet.iter_rows(min_row=3)}
    assert notes["张三"].value == LONG_NOTE and notes["张三"].alignment.wrap_text
    assert len(sheet.conditional_formatting) == 1  # the borders of the data area


def test_a_yearly_export_names_the_year_only_when_one_is_chosen(workspace, editor, tmp_path):
    _sample_bureau(workspace, editor)
    path = tmp_path / "单位.xlsx"
    _export(workspace, editor, "units", path, year=2022)  # units are not yearly: no year in the title
    assert openpyxl.load_workbook(path).active["A1"].value == f"{BUREAU}单位（科室）名册"
    _export(workspace, editor, "units", path, unit_id=_sample_bureau_ids(workspace)["市博物馆"])
    names = [r[0] for r in openpyxl.load_workbook(path).active.iter_rows(min_row=3, values_only=True)]
    assert names == ["市博物馆", "陈列部"]


def _sample_bureau_ids(ws) -> dict[str, int]:
    with ws.reading() as s:
        return {u.name: u.id for u in units_query.list_units(s)}


def test_reimporting_an_edited_row_updates_it_instead_of_adding_one(workspace, editor, tmp_path):
    _sample_bureau(workspace, editor)
    path = tmp_path / "人员.xlsx"
    _export(workspace, editor, "people", path)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    row = next(r for r in sheet.iter_rows(min_row=3) if r[0].value == "张伟" and r[7].value == "B1")
    row[2].value = "副科长"   # 职务
    row[5].value = "√"        # 班子成员
    book.save(path)

    plan = _plan(workspace, editor, "people", path)
    (update,) = [r for r in plan.rows if r.action == "update"]
    assert update.row == row[0].row
    assert ("职务", "科员", "副科长") in update.changes and ("班子成员", "否", "是") in update.changes
    assert plan.counts["unchanged"] == 3
    with workspace.writing() as s:
        commit_import(s, editor, plan)
    with workspace.reading() as s:
        zhang_wei = {p.staff_no: p for p in people_query.find_people(s, "张伟")}
    assert len(zhang_wei) == 2
    assert (zhang_wei["B1"].position, zhang_wei["B1"].is_leader) == ("副科长", True)
    assert zhang_wei["B2"].position == "副科长" and not zhang_wei["B2"].is_leader


def test_import_and_export_are_in_the_audit_chain(workspace, editor, tmp_path):
    _sample_bureau(workspace, editor)
    path = workbooks.simple(tmp_path / "新进人员.xlsx", ["姓名", "所在单位", "职务"],
                            [["王五", "办公室", "科员"], ["赵六", "市博物馆", "讲解员"]])
    plan = _plan(workspace, editor, "people", path)
    with workspace.writing() as s:
        commit_import(s, editor, plan)
    office = _sample_bureau_ids(workspace)["办公室"]
    _export(workspace, editor, "people", tmp_path / "导出.xlsx", unit_id=office)
    with workspace.reading() as s:
        rows = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(4)).all()
        assert verify_chain(s).ok
    export, imported, *created = rows
    assert (imported.action, imported.entity, imported.user_name) == ("import", "people", "editor")
    assert "新进人员.xlsx" in imported.summary and "新增 2 行" in imported.summary
    assert [c.action for c in created] == ["create", "create"]
    assert (export.action, export.entity) == ("export", "people")
    assert "导出.xlsx" in export.summary and "办公室" in export.summary
    assert "共 3 行" in export.summary  # 张三 · 李四 (停用) · 王五


def test_cancel_in_the_middle_of_a_commit_leaves_nothing(workspace, editor, tmp_path):
    _sample_bureau(workspace, editor)
    path = workbooks.simple(tmp_path / "名册.xlsx", ["姓名", "单位"],
                            [[f"新人{i:02d}", "办公室"] for i in range(60)])
    plan = _plan(workspace, editor, "people", path)
    assert plan.counts["add"] == 60
    seen: list[int] = []

    def report(done: int, total: int, text: str) -> None:
        seen.append(done)
        if done >= 30:
            progress.cancel()

    progress = Progress(report)
    before = dump_tables(workspace, ["units", "people", "dict_items", "audit_log"])
    with pytest.raises(Cancelled), workspace.writing() as s:
        commit_import(s, editor, plan, progress=progress)
    assert max(seen) >= 30  # people had been written when the cancel came
    assert dump_tables(workspace, ["units", "people", "dict_items", "audit_log"]) == before


def test_a_filled_in_template_imports(workspace, editor, tmp_path):
    _sample_bureau(workspace, editor)
    path = tmp_path / "模板.xlsx"
    write_template("people", path)
    book = openpyxl.load_workbook(path)
    assert book.active["A2"].value == "姓名*" and "填写说明" in book.sheetnames
    book.active.append(["钱七", "办公室", "科员"])
    book.save(path)
    plan = _plan(workspace, editor, "people", path)
    assert plan.ok and [r.summary for r in plan.rows] == ["钱七（办公室·科员）"]
    assert [s.name for s in plan.skipped_sheets] == ["填写说明"]
