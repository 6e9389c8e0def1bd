"""Importing people and units from the workbooks offices send: what the preview says, what the
commit writes, and that a file with a bad row writes nothing."""
from __future__ import annotations

import pytest

from app.dictionaries import load_vocabulary
from app.errors import PermissionDenied, StaleRecord, ValidationError
from app.excel.importer import commit_import, plan_import
from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.units import query as units_query
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from tests.conftest import TODAY
from tests.data import workbooks
from tests.helpers import dump_tables

PEOPLE_HEADER = ["姓名", "单位", "职务", "政治面貌", "班子成员", "工号"]
TABLES = ["units", "people", "dict_items", "audit_log"]


def _units(ws, actor, *names_kinds):
    with ws.writing() as s:
        return [units_write.save_unit(s, actor, units_types.UnitDraft(name=n, kind=k)) for n, k in names_kinds]


def _plan(ws, actor, key, path, **kw):
    with ws.reading() as s:
        return plan_import(s, actor, key, path, today=TODAY, **kw)


def _commit(ws, actor, plan, **kw):
    with ws.writing() as s:
        return commit_import(s, actor, plan, **kw)


def _people(ws, actor):
    with ws.reading() as s:
        ids = people_query.search_people_ids(s, actor, people_types.PersonFilter(include_inactive=True), sort="name")
        return {(p.name, p.unit_name): p for p in people_query.people_rows(s, ids)}


def test_messy_workbook_is_read_as_the_clerk_meant_it(workspace, editor, tmp_path):
    _units(workspace, editor, ("办公室", "office"), ("财务科", "office"), ("市博物馆", "affiliate"))
    plan = _plan(workspace, editor, "people", workbooks.messy_people(tmp_path / "名册.xlsx"))

    assert plan.ok, plan.report_lines()
    assert plan.counts == {"add": 5, "update": 0, "unchanged": 0, "rejected": 0}
    first, second = plan.sheets
    assert (first.name, first.header_rows, first.year) == ("2022年", (4, 5), 2022)
    skipped = (first.title_rows, first.blank_rows, first.total_rows, first.footer_rows)
    assert (first.data_rows, skipped) == (3, (2, 1, 1, 2))
    assert first.ignored_columns == ("序号",)
    assert (second.name, second.header_rows, second.data_rows) == ("直属单位", (1,), 2)
    assert [(s.name, "表头" in s.reason) for s in plan.skipped_sheets] == [("填表说明", True)]
    assert [(r.sheet, r.row) for r in plan.rows] == [("2022年", 6), ("2022年", 7), ("2022年", 9),
                                                     ("直属单位", 2), ("直属单位", 3)]
    report = "\n".join(plan.report_lines())
    assert "跳过工作表「填表说明」" in report and "合计行 1 行" in report and "页脚 2 行" in report

    _commit(workspace, editor, plan)
    people = _people(workspace, editor)
    zhang = people[("张三", "办公室")]
    assert (zhang.position, zhang.political_label, zhang.is_leader, zhang.staff_no) == \
        ("主任", "中共党员", True, "A001")
    assert zhang.notes == "2021年调入\n分管文秘"
    li = people[("李四", "办公室")]
    assert li.political_label == "共青团员" and not li.is_leader
    assert ("王五", "财务科") in people  # the spaces around the name are gone
    assert people[("孙八", "市博物馆")].is_leader and not people[("周九", "市博物馆")].is_leader
    assert people[("周九", "市博物馆")].political_label == "民主党派"


def test_bad_rows_are_named_and_nothing_is_written(workspace, editor, tmp_path):
    _units(workspace, editor, ("办公室", "office"))
    path = workbooks.simple(tmp_path / "名册.xlsx", PEOPLE_HEADER, [
        ["张三", "办公室", "主任", "党员", "是", ""],
        ["李四", "不存在的科", "科员", "群众", "否", ""],        # row 4: unknown unit
        ["王五", "办公室", "科员", "群众", "可能", ""],          # row 5: not 是/否
        ["", "办公室", "科员", "群众", "否", ""],                # row 6: no name
        ["张三", "办公室", "副主任", "党员", "是", ""],          # row 7: 张三 again
        ["赵六", "办公室", "科员", "党员积极分子", "否", ""],     # row 8: not in the dictionary
    ], title="人员名册")
    before = dump_tables(workspace, TABLES)
    plan = _plan(workspace, editor, "people", path)

    reasons = {r.row: r.reason for r in plan.rejected}
    assert sorted(reasons) == [4, 5, 6, 7, 8]
    assert "“不存在的科”不存在" in reasons[4]
    assert "“班子成员”" in reasons[5] and "可能" in reasons[5]
    assert "“姓名”不能为空" in reasons[6]
    assert "第 3 行" in reasons[7]
    assert "党员积极分子" in reasons[8]
    assert not plan.ok
    with pytest.raises(ValidationError), workspace.writing() as s:
        commit_import(s, editor, plan)
    assert dump_tables(workspace, TABLES) == before


def test_a_row_the_service_refuses_at_commit_rolls_back_the_rows_before_it(workspace, editor, tmp_path):
    (office,) = _units(workspace, editor, ("办公室", "office"))
    with workspace.writing() as s:
        ids = [people_write.save_person(s, editor, people_types.PersonDraft(name=n, unit_id=office, position="科员"))
               for n in ("张三", "李四", "王五")]
    path = workbooks.simple(tmp_path / "名册.xlsx", ["姓名", "单位", "职务"],
                            [[n, "办公室", "副科长"] for n in ("张三", "李四", "王五")])
    plan = _plan(workspace, editor, "people", path)
    assert plan.counts["update"] == 3
    with workspace.writing() as s:  # someone edits 王五 after the preview was shown
        people_write.save_person(s, editor, people_types.PersonDraft(name="王五", unit_id=office, position="科长", id=ids[2]))
    before = dump_tables(workspace, TABLES)
    with pytest.raises(StaleRecord, match="第 4 行"), workspace.writing() as s:
        commit_import(s, editor, plan)
    assert dump_tables(workspace, TABLES) == before  # 张三 and 李四 were not kept either


def test_unknown_units_and_values_are_created_only_when_the_clerk_accepts(workspace, editor, tmp_path):
    _units(workspace, editor, ("办公室", "office"))
    path = workbooks.simple(tmp_path / "名册.xlsx", PEOPLE_HEADER, [
        ["张三", "新设的科", "科长", "入党积极分子", "否", ""],
        ["李四", "新设的科", "科员", "入党积极分子", "否", ""],
    ])
    refused = _plan(workspace, editor, "people", path)
    assert not refused.ok and len(refused.rejected) == 2
    assert [(m.name, m.will_create) for m in refused.missing] == [("新设的科", False)]
    assert [(p.value, len(p.rows), p.accepted) for p in refused.proposals] == [("入党积极分子", 2, False)]

    accepted = _plan(workspace, editor, "people", path, create_missing=True)
    assert accepted.ok, accepted.report_lines()
    report = "\n".join(accepted.report_lines())
    assert "单位“新设的科”将新建（类别为“其他”）" in report and "“入党积极分子”将新增为字典项" in report
    result = _commit(workspace, editor, accepted)
    assert result.created_units == ("新设的科",) and len(result.created_items) == 1
    with workspace.reading() as s:
        unit = next(u for u in units_query.list_units(s) if u.name == "新设的科")
        code = load_vocabulary(s).resolve("political_status", "入党积极分子")
    assert unit.kind == "other" and code is not None
    people = _people(workspace, editor)
    assert {people[(n, "新设的科")].political_status for n in ("张三", "李四")} == {code}


def test_homonyms_in_one_unit_are_told_apart_by_staff_number(workspace, editor, tmp_path):
    (office,) = _units(workspace, editor, ("办公室", "office"))
    with workspace.writing() as s:
        for no, pos in (("A1", "科员"), ("A2", "科长")):
            people_write.save_person(s, editor, people_types.PersonDraft(name="张伟", unit_id=office, staff_no=no,
                                                       position=pos))
    path = workbooks.simple(tmp_path / "名册.xlsx", ["姓名", "单位", "职务", "工号"], [
        ["张伟", "办公室", "副科长", "A1"],
        ["张伟", "办公室", "科长", "A2"],
        ["张伟", "办公室", "科员", ""],
    ])
    plan = _plan(workspace, editor, "people", path)
    assert [(r.row, r.action) for r in plan.rows] == [(2, "update"), (3, "unchanged")]
    (bad,) = plan.rejected
    assert bad.row == 4 and "工号" in bad.reason


def test_a_viewer_cannot_import(workspace, editor, viewer, tmp_path):
    _units(workspace, editor, ("办公室", "office"))
    path = workbooks.simple(tmp_path / "名册.xlsx", ["姓名", "单位"], [["张三", "办公室"]])
    with pytest.raises(PermissionDenied):
        _plan(workspace, viewer, "people", path)
    plan = _plan(workspace, editor, "people", path)
    before = dump_tables(workspace, TABLES)
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        commit_import(s, viewer, plan)
    assert dump_tables(workspace, TABLES) == before


def test_units_with_parents_named_later_in_the_file(workspace, editor, tmp_path):
    path = workbooks.simple(tmp_path / "单位.xlsx", ["单位名称", "单位类别", "上级单位", "排序号"], [
        ["陈列部", "其他", "市博物馆", 2],     # the parent comes two rows later
        ["办公室", "机关科室", "", 1],
        ["市博物馆", "直属单位", "", 10],
    ], title="2022年单位名册")
    plan = _plan(workspace, editor, "units", path)
    assert plan.ok and plan.counts["add"] == 3, plan.report_lines()
    _commit(workspace, editor, plan)
    with workspace.reading() as s:
        units = {u.name: u for u in units_query.list_units(s)}
    assert units["陈列部"].parent_id == units["市博物馆"].id
    assert (units["办公室"].kind, units["市博物馆"].kind) == ("office", "affiliate")
    assert units["市博物馆"].sort_order == 10


def test_units_the_file_would_loop_or_empty_are_rejected(workspace, editor, tmp_path):
    office, _ = _units(workspace, editor, ("办公室", "office"), ("财务科", "office"))
    with workspace.writing() as s:
        people_write.save_person(s, editor, people_types.PersonDraft(name="张三", unit_id=office))
    path = workbooks.simple(tmp_path / "单位.xlsx", ["单位名称", "上级单位", "状态"], [
        ["甲", "乙", "在用"],
        ["乙", "甲", "在用"],
        ["办公室", "", "停用"],        # still has 张三
        ["财务科", "财务科", "在用"],
    ])
    reasons = {r.row: r.reason for r in _plan(workspace, editor, "units", path).rejected}
    assert "循环" in reasons[2] and "循环" in reasons[3]
    assert "在册人员" in reasons[4]
    assert "本单位" in reasons[5]
