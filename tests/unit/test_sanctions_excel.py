"""处分与组织处理 in and out of Excel: a real-style register (title rows, footer, five date styles,
header variants) imports with two records for a cell naming two measures, a bare 记大过 read as
the 政务 measure, a bare 警告 and a 党纪 measure for a non-member rejected with the reason, and —
with create_missing — units split off at a post word and created with their people; the export
has the register's columns and title; export → import changes nothing; the command line."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from app.cli.main import main as cli_main
from app.excel.importer import commit_import, plan_import
from app.excel.writer import export_register
from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.sanctions import query as sq
from app.registers.sanctions.types import SanctionFilter
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from tests.conftest import PASSWORD, TODAY
from tests.data.sanction_workbooks import sanction_register
from tests.helpers import dump_tables

D = dt.date
BUREAU = "测试市文化广电和旅游局"


@pytest.fixture
def bureau(workspace, admin) -> dict[str, int]:
    with workspace.writing() as s:
        units = {name: units_write.save_unit(s, admin, units_types.UnitDraft(name=name, kind=kind))
                 for name, kind in (("办公室", "office"), ("财务科", "office"), ("市博物馆", "affiliate"))}
        for name, unit, status in (("张三", "财务科", "cpc"), ("李四", "办公室", "cpc"), ("王五", "市博物馆", "masses"),
                                   ("孙七", "市博物馆", "cpc")):
            people_write.save_person(s, admin, people_types.PersonDraft(
                name=name, unit_id=units[unit], political_status=status))
    return units


def _plan(ws, actor, path, **kw):
    with ws.reading() as s:
        return plan_import(s, actor, "sanctions", path, today=TODAY, **kw)


def _records(ws, actor) -> dict[tuple[str, str], object]:
    with ws.reading() as s:
        return {(r.person_name, r.kind_label): r
                for r in sq.sanction_rows(s, sq.search_sanction_ids(s, actor, SanctionFilter()))}


def test_a_real_style_register_imports_as_the_office_meant_it(workspace, editor, bureau, tmp_path):
    path = sanction_register(tmp_path / "处分登记表.xlsx")
    plan = _plan(workspace, editor, path)
    sheet = plan.sheets[0]
    assert (sheet.header_rows, sheet.title_rows, sheet.total_rows, sheet.footer_rows, sheet.data_rows) == \
        ((3,), 2, 1, 2, 6)
    rejected = {r.row: r.reason for r in plan.rejected}
    assert sorted(rejected) == [6, 7, 8, 9]
    assert "群众" in rejected[7] and "不是中共党员" in rejected[7]
    assert "请写作“党内警告”或“政务警告”" in rejected[8]
    assert "工作单位“市非遗保护中心”不存在" in rejected[6] and "工作单位“市图书馆”不存在" in rejected[9]
    assert [r.summary for r in plan.rows] == [
        "张三（财务科科长）2025-03-15 党内警告、政务记过（2 条记录）", "李四（办公室科员）2025-04-02 政务记大过"]

    plan = _plan(workspace, editor, path, create_missing=True)
    assert sorted(r.row for r in plan.rejected) == [7, 8]
    assert sorted((m.kind, m.name, m.unit) for m in plan.missing) == [
        ("person", "周九", "市图书馆"), ("person", "钱八", "市非遗保护中心"),
        ("unit", "市图书馆", ""), ("unit", "市非遗保护中心", "")]


def test_the_clean_rows_commit_with_units_and_people_created(workspace, admin, bureau, tmp_path):
    path = sanction_register(tmp_path / "处分登记表.xlsx")
    book = openpyxl.load_workbook(path)
    book.active.delete_rows(7, 2)  # 王五 and 孙七: the rejected rows left out
    book.save(path)
    plan = _plan(workspace, admin, path, create_missing=True)
    assert plan.ok, plan.report_lines()
    with workspace.writing() as s:
        result = commit_import(s, admin, plan)
    assert (result.added, set(result.created_units)) == (4, {"市图书馆", "市非遗保护中心"})
    records = _records(workspace, admin)
    assert set(records) == {("张三", "党内警告"), ("张三", "政务记过"), ("李四", "政务记大过"),
                            ("钱八", "撤销党内职务"), ("周九", "调整职务")}
    warning, demerit = records[("张三", "党内警告")], records[("张三", "政务记过")]
    assert (warning.decided_on, warning.impact_end, demerit.impact_end) == (D(2025, 3, 15), D(2026, 3, 15), D(2026, 3, 15))
    assert records[("李四", "政务记大过")].decided_on == D(2025, 4, 2)
    assert records[("钱八", "撤销党内职务")].decided_on == D(2025, 5, 6)
    assert records[("周九", "调整职务")].decided_on == D(2025, 9, 30)
    with workspace.reading() as s:
        qian = people_query.find_people(s, "钱八")[0]
        zhou = people_query.find_people(s, "周九")[0]
    assert (qian.unit_name, qian.position, qian.political_label) == ("市非遗保护中心", "副主任", "中共党员")
    assert (zhou.unit_name, zhou.position) == ("市图书馆", "馆长")
    again = _plan(workspace, admin, path, create_missing=True)
    assert again.counts == {"add": 0, "update": 0, "unchanged": 4, "rejected": 0}, again.report_lines()


def test_export_has_the_columns_and_title_and_round_trips(workspace, admin, bureau, tmp_path):
    path = sanction_register(tmp_path / "处分登记表.xlsx")
    book = openpyxl.load_workbook(path)
    book.active.delete_rows(6, 4)
    book.save(path)
    with workspace.writing() as s:
        commit_import(s, admin, _plan(workspace, admin, path))
    out = tmp_path / "导出.xlsx"
    with workspace.writing() as s:
        assert export_register(s, admin, "sanctions", out, bureau=BUREAU, year=2025, today=TODAY) == 3
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][0] == "测试市文化广电和旅游局2025年处分和组织处理情况登记表"
    assert list(rows[1]) == ["序号", "姓名", "工作单位及职务", "政治面貌", "处分种类", "决定机关", "决定时间", "决定文号",
                             "主要违纪违法事实", "违纪违法类别", "影响期至", "备注"]
    assert rows[2][:7] == (1, "张三", "财务科", "中共党员", "党内警告", "局党组", dt.datetime(2025, 3, 15))
    assert rows[2][10] == dt.datetime(2026, 3, 15)
    before = dump_tables(workspace, ["sanctions", "people", "units"])
    plan = _plan(workspace, admin, out)
    assert plan.counts == {"add": 0, "update": 0, "unchanged": 3, "rejected": 0}, plan.report_lines()
    with workspace.writing() as s:
        commit_import(s, admin, plan)
    assert dump_tables(workspace, ["sanctions", "people", "units"]) == before


def test_command_line_export_and_import(workspace, workspace_location, bureau, tmp_path, monkeypatch):
    path = sanction_register(tmp_path / "处分登记表.xlsx")
    workspace.close()
    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)
    base = [*workspace_location.cli_args, "--user", "admin", "--as-of", TODAY.isoformat()]
    assert cli_main(["import", "sanctions", str(path), "--dry-run", *base]) == 1     # rows rejected
    book = openpyxl.load_workbook(path)
    book.active.delete_rows(7, 2)
    book.save(path)
    assert cli_main(["import", "sanctions", str(path), "--create-missing", *base]) == 0
    assert cli_main(["export", "sanctions", "--out", str(tmp_path / "out.xlsx"), *base]) == 0
    assert openpyxl.load_workbook(tmp_path / "out.xlsx").active["B3"].value == "张三"
