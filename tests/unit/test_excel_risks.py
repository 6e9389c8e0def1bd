"""The risk register in Excel: export → import changes nothing; a register as offices keep it
imports with the right rows; one bad row writes nothing."""
from __future__ import annotations

import openpyxl
import pytest
from openpyxl import Workbook

from app.errors import ValidationError
from app.excel.importer import commit_import, plan_import
from app.excel.writer import export_register, write_template
from app.registers.risks import review
from app.registers.risks.query import (
    get_risk,
    level_history,
    risk_rows,
    search_risk_ids,
)
from app.registers.risks.types import RiskDraft, RiskFilter
from app.registers.risks.write import retire_risk, save_risk
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from tests.conftest import TODAY
from tests.helpers import dump_tables

BUREAU = "测试市文化广电和旅游局"
RISK_TABLES = ["units", "dict_items", "risk_points", "risk_assessments", "risk_measures",
               "risk_level_changes"]


def _units(ws, actor, *names):
    with ws.writing() as s:
        return [units_write.save_unit(s, actor, units_types.UnitDraft(name=n, kind="office")) for n in names]


def _save(ws, actor, **kw):
    with ws.writing() as s:
        return save_risk(s, actor, RiskDraft(**kw), TODAY)


def _plan(ws, actor, path, **kw):
    with ws.reading() as s:
        return plan_import(s, actor, "risks", path, today=TODAY, **kw)


def _rows(ws, actor, year, status="all"):
    with ws.reading() as s:
        return {(r.unit_name, r.name): r for r in
                risk_rows(s, search_risk_ids(s, actor, RiskFilter(year=year, status=status)))}


def _register(ws, actor):
    office, finance = _units(ws, actor, "办公室", "财务科")
    reception = _save(ws, actor, unit_id=office, name="公务接待", year=2025, category="process", level=3,
                      post="办公室主任", duty_item="公务接待", description="超标准接待，虚开费用",
                      measures=("执行接待清单制度，一事一结", "每季度公开接待情况"),
                      responsible_person="张三", responsible_leader="李局长", likelihood=2, consequence=3)
    _save(ws, actor, unit_id=finance, name="专项资金拨付", year=2025, category="process", level=1,
          code="CWK-01", measures=("拨付联审",), next_review=TODAY)
    gone = _save(ws, actor, unit_id=finance, name="现金管理", year=2025, category="duty", level=3)
    with ws.writing() as s:
        retire_risk(s, actor, gone, reason="取消现金收付")
        review.start_review(s, actor, 2026, TODAY)
    with ws.reading() as s:
        row = next(r for r in risk_rows(s, search_risk_ids(s, actor, RiskFilter(year=2026, status="all")))
                   if r.name == "公务接待")
    _save(ws, actor, unit_id=office, name="公务接待", year=2026, category="process", level=2,
          post=row.post, duty_item=row.duty_item, description=row.description, measures=row.measures,
          level_reason="接待任务增加", id=row.id, version=row.version, point_version=row.point_version)
    return reception


def test_export_then_import_changes_nothing(workspace, editor, tmp_path):
    _register(workspace, editor)
    path = tmp_path / "风险点.xlsx"
    with workspace.writing() as s:
        assert export_register(s, editor, "risks", path, bureau=BUREAU, today=TODAY) == 5
    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[2]]
    assert header[:10] == ["序号", "年度", "编号", "单位/科室", "岗位", "职权事项", "风险点", "表现形式",
                           "风险类别", "风险等级"]
    rows = {(r[3], r[6], r[1]): r for r in sheet.iter_rows(min_row=3, values_only=True)}
    reception = rows[("办公室", "公务接待", 2026)]
    assert reception[9] == "二级" and reception[17] == "接待任务增加" and reception[16] == "草稿"
    assert reception[12] == "1. 执行接待清单制度，一事一结\n2. 每季度公开接待情况"
    level_cell = next(c for c in sheet["J"][2:] if c.value == "一级")
    assert level_cell.fill.fgColor.rgb.endswith("EA9095")  # 一级's #d9363e, lightened for the text

    before = dump_tables(workspace, RISK_TABLES)
    plan = _plan(workspace, editor, path)
    assert plan.ok and plan.counts == {"add": 0, "update": 0, "unchanged": 5, "rejected": 0}, \
        plan.report_lines()
    with workspace.writing() as s:
        commit_import(s, editor, plan)
    assert dump_tables(workspace, RISK_TABLES) == before

    one_year = tmp_path / "2026.xlsx"
    with workspace.writing() as s:
        assert export_register(s, editor, "risks", one_year, bureau=BUREAU, year=2026, today=TODAY) == 2
    assert openpyxl.load_workbook(one_year).active["A1"].value == f"{BUREAU}2026年廉政风险点登记表"


def test_reimporting_an_edited_level_updates_it_and_keeps_the_reason(workspace, editor, tmp_path):
    first = _register(workspace, editor)
    path = tmp_path / "风险点.xlsx"
    with workspace.writing() as s:
        export_register(s, editor, "risks", path, bureau=BUREAU, year=2025, today=TODAY)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    for row in sheet.iter_rows(min_row=3):
        if row[6].value == "公务接待":
            row[9].value, row[17].value = "高", "巡察反馈问题"
    book.save(path)
    plan = _plan(workspace, editor, path)
    assert plan.counts["update"] == 1 and "风险等级 三级 → 一级" in "\n".join(plan.report_lines())
    with workspace.writing() as s:
        commit_import(s, editor, plan)
    with workspace.reading() as s:
        history = level_history(s, get_risk(s, first).point_id)
    assert (2025, 3, 1, "巡察反馈问题") in [(h.year, h.from_level, h.to_level, h.reason) for h in history]


def messy_register(path):
    """Sheet “2024年”: a title naming the year, a 填报单位 line, then
        4  序号 · 科室 · 风险点名称 · 廉政风险主要内容及表现形式 · 风险类别 · 等级 · 预防和控制措施 · 部门负责人 · 分管领导
        5  1 办公室 公车管理 … 岗位职责风险 中 “1.派车单审批；2.定点加油维修”
        6  2 财务科 专项资金拨付 … 业务流程风险 高风险 “（1）联审（2）跟踪检查”
        7  3 财务科 票据管理 … 岗位职责 3 “专人保管\\n定期核销”
        8  合计 3 个
        9  填表人：王五
    Sheet “2025” (year in the sheet name only): header 单位 · 风险点 · 风险等级 · 防控措施 · 责任人 · 调整原因;
        2  办公室 公车管理 一级 … 车改后仍有超标用车
    """
    book = Workbook()
    ws = book.active
    ws.title = "2024年"
    ws["A1"] = "测试市文化广电和旅游局2024年度廉政风险点排查登记表"
    ws["A2"] = "填报单位：局机关纪委"
    ws.append([])
    ws.append(["序号", "科室", "风险点名称", "廉政风险主要内容及表现形式", "风险类别", "等级", "预防和控制措施",
               "部门负责人", "分管领导"])
    ws.append([1, "办公室", "公车管理", "公车私用", "岗位职责风险", "中", "1.派车单审批；2.定点加油维修",
               "张三", "李局长"])
    ws.append([2, "财务科", "专项资金拨付", "拨付审核不严", "业务流程风险", "高风险", "（1）联审（2）跟踪检查",
               "赵六", "李局长"])
    ws.append([3, "财务科", "票据管理", "票据管理混乱", "岗位职责", 3, "专人保管\n定期核销", "赵六", "李局长"])
    ws.append(["合计", "3 个"])
    ws.append(["填表人：王五"])
    second = book.create_sheet("2025")
    second.append(["单位", "风险点", "风险等级", "防控措施", "责任人", "调整原因", "风险类别"])
    second.append(["办公室", "公车管理", "一级", "派车单审批、GPS 抽查", "张三", "车改后仍有超标用车", "岗位职责"])
    book.save(path)
    return path


def test_a_messy_register_imports_the_rows_the_clerk_meant(workspace, editor, tmp_path):
    _units(workspace, editor, "办公室", "财务科")
    plan = _plan(workspace, editor, messy_register(tmp_path / "登记表.xlsx"))
    assert plan.ok, plan.report_lines()
    assert plan.counts == {"add": 4, "update": 0, "unchanged": 0, "rejected": 0}
    first, second = plan.sheets
    assert (first.year, first.data_rows, first.total_rows, first.footer_rows) == (2024, 3, 1, 1)
    assert (second.year, second.data_rows) == (2025, 1)
    with workspace.writing() as s:
        commit_import(s, editor, plan)

    rows = _rows(workspace, editor, 2024)
    car = rows[("办公室", "公车管理")]
    assert (car.level, car.category_label, car.measures, car.responsible_person, car.responsible_leader,
            car.status) == (2, "岗位职责", ("派车单审批", "定点加油维修"), "张三", "李局长", "confirmed")
    assert rows[("财务科", "专项资金拨付")].measures == ("联审", "跟踪检查")
    assert (rows[("财务科", "专项资金拨付")].level, rows[("财务科", "票据管理")].level) == (1, 3)
    assert rows[("财务科", "票据管理")].measures == ("专人保管", "定期核销")
    car_2025 = _rows(workspace, editor, 2025)[("办公室", "公车管理")]
    assert car_2025.point_id == car.point_id and car_2025.level == 1
    assert car_2025.measures == ("派车单审批、GPS 抽查",)  # 、 is not a measure separator
    with workspace.reading() as s:
        assert [(h.year, h.from_level, h.to_level, h.reason) for h in level_history(s, car.point_id)] == \
            [(2024, None, 2, "首次评定"), (2025, 2, 1, "车改后仍有超标用车")]


def test_a_register_with_bad_rows_writes_nothing(workspace, editor, tmp_path):
    _units(workspace, editor, "办公室")
    _save(workspace, editor, unit_id=1, name="公务接待", year=2024, category="duty", level=2)
    book = Workbook()
    ws = book.active
    ws.title = "2024年度"
    ws.append(["单位/科室", "风险点", "风险类别", "风险等级", "防控措施"])
    ws.append(["办公室", "公车管理", "岗位职责风险", "二级", "派车审批"])         # row 2: fine
    ws.append(["办公室", "公务接待", "岗位职责", "很高", "集体决策"])            # row 3: unknown level
    ws.append(["不存在的科", "资金拨付", "业务流程", "一级", "联审"])            # row 4: unknown unit
    ws.append(["办公室", "", "业务流程", "一级", "联审"])                        # row 5: no risk point
    ws.append(["办公室", "印章管理", "印章风险", "三级", "专人保管"])            # row 6: unknown category
    ws.append(["办公室", "公车管理", "岗位职责", "三级", "派车审批"])            # row 7: row 2 again
    path = tmp_path / "坏表.xlsx"
    book.save(path)
    before = dump_tables(workspace, RISK_TABLES)
    plan = _plan(workspace, editor, path)
    reasons = {r.row: r.reason for r in plan.rejected}
    assert sorted(reasons) == [3, 4, 5, 6, 7]
    assert "很高" in reasons[3] and "“不存在的科”不存在" in reasons[4]
    assert "风险点" in reasons[5] and "印章风险" in reasons[6] and "第 2 行" in reasons[7]
    with pytest.raises(ValidationError), workspace.writing() as s:
        commit_import(s, editor, plan)
    assert dump_tables(workspace, RISK_TABLES) == before


def test_blank_template_has_the_filing_header(tmp_path):
    path = tmp_path / "模板.xlsx"
    write_template("risks", path)
    book = openpyxl.load_workbook(path)
    header = [c.value for c in book.worksheets[0][2]]
    assert "单位/科室*" in header and "风险点*" in header and "风险等级*" in header and "防控措施" in header
    assert book.sheetnames[1] == "填写说明"
