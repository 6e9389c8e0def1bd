"""问题整改台账 and 监督检查登记表 through the Excel engine: the filed ledger's columns, overdue in
red, export → import changes nothing, an office's ledger imported step by step through the
workflow, and what an import refuses (a step back, a moved deadline, 未完成 closed)."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from app.cli.main import main as cli_main
from app.excel.importer import commit_import, plan_import
from app.excel.writer import export_register
from app.registers.findings import query as findings_query
from app.registers.findings import types as findings_types
from app.registers.findings import workflow as wf
from tests.conftest import PASSWORD, TODAY
from tests.data import workbooks
from tests.helpers import dump_tables
from tests.unit.finding_helpers import sample_ledger, unit

BUREAU = "测试市文化广电和旅游局"
TABLES = ["findings", "finding_progress", "finding_extensions", "finding_status_changes", "inspections",
          "inspection_units"]
LEDGER_HEADERS = ["问题", "责任单位", "责任人", "责任领导", "整改措施", "整改时限", "进展", "状态", "销号日期"]


def _export(ws, actor, key, path, **kw) -> int:
    with ws.writing() as s:
        return export_register(s, actor, key, path, bureau=BUREAU, today=TODAY, **kw)


def _plan(ws, actor, key, path, **kw):
    with ws.reading() as s:
        return plan_import(s, actor, key, path, today=TODAY, **kw)


def _commit(ws, actor, plan):
    with ws.writing() as s:
        return commit_import(s, actor, plan)


def test_the_findings_export_is_the_filed_ledger(workspace, admin, viewer, tmp_path):
    ids = sample_ledger(workspace, admin)
    path = tmp_path / "台账.xlsx"
    assert _export(workspace, viewer, "findings", path, year=2026) == 3
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == f"{BUREAU}2026年问题整改台账"
    header = [c.value for c in sheet[2]]
    assert all(h in header for h in LEDGER_HEADERS)
    rows = {r[header.index("问题")]: dict(zip(header, r, strict=True))
            for r in sheet.iter_rows(min_row=3, values_only=True)}
    working = rows["公务接待无公函"]
    assert (working["责任单位"], working["责任人"], working["责任领导"]) == ("财务科", "张三", "李副局长")
    assert working["整改时限"] == dt.datetime(2026, 5, 31)
    assert working["延期情况"] == "原定 2026-04-30，延至 2026-05-31（涉及费用清退，需财务审核）"
    assert working["进展"] == "2026-03-20 已制定整改方案\n2026-04-10 已补办接待审批手续 （共 3 批次）"
    assert working["状态"] == "整改中" and working["所属检查"] == "2026-03-05 3月份工作作风纪律检查"
    # Overdue deadlines are red, due-soon amber (TODAY is 2026-06-15, the window 7 days).
    column = header.index("整改时限") + 1
    fills = {sheet.cell(r, header.index("问题") + 1).value: sheet.cell(r, column).fill.fgColor.rgb
             for r in range(3, sheet.max_row + 1)}
    assert fills["公务接待无公函"].endswith("F4B6B6") and fills["考勤登记不规范"].endswith("FDE3A7")
    assert fills["专项资金拨付不及时"] in ("00000000", None)  # 已整改(待验收) is not overdue
    everything = tmp_path / "all.xlsx"
    assert _export(workspace, viewer, "findings", everything) == 5
    closed = {r[header.index("问题")]: dict(zip(header, r, strict=True))
              for r in openpyxl.load_workbook(everything).active.iter_rows(min_row=3, values_only=True)}
    assert closed["“三重一大”事项会议记录不全"]["状态"] == "已销号"
    assert closed["“三重一大”事项会议记录不全"]["整改结果"] == "已完成"
    assert closed["“三重一大”事项会议记录不全"]["回头看"] == "是"
    reopened = closed["公车使用登记缺项"]  # closed, then reopened: its closing is gone
    assert reopened["状态"] == "整改中" and reopened["销号日期"] is None and reopened["整改结果"] is None
    assert ids


@pytest.mark.parametrize("key, count", [("findings", 5), ("inspections", 2)])
def test_export_then_import_changes_nothing(workspace, admin, editor, tmp_path, key, count):
    sample_ledger(workspace, admin)
    path = tmp_path / f"{key}.xlsx"
    assert _export(workspace, editor, key, path) == count
    before = dump_tables(workspace, TABLES)
    plan = _plan(workspace, editor, key, path)
    assert plan.ok and plan.counts == {"add": 0, "update": 0, "unchanged": count, "rejected": 0}, \
        plan.report_lines()
    _commit(workspace, editor, plan)
    assert dump_tables(workspace, TABLES) == before


def test_an_offices_ledger_imports_through_the_workflow(workspace, admin, editor, tmp_path):
    office = unit(workspace, admin, "办公室")
    unit(workspace, admin, "财务科")
    header = ["序号", "问题编号", "检查时间", "被检查科室", "存在问题", "整改措施", "牵头单位", "具体责任人",
              "整改期限", "整改进展", "整改状态", "完成情况", "验收人员", "对账销号日期"]
    rows = [
        [1, "", "2026年1月8日", "办公室", "值班记录缺失", "补齐记录", "办公室", "赵六", "2026.2.28",
         "2026-01-20 已补记\n已建立值班检查制度", "已销号", "已完成整改", "纪委书记", "2026/2/20"],
        [2, "XC-01", "2026-03-02", "财务科", "报销单据审核不严", "逐笔复核", "财务科", "", "2026-05-31",
         "", "正在整改", "", "", ""],
        [3, "", "2026-03-10", "财务科", "差旅费超标准报销", "清退", "", "", "2026-04-30", "",
         "已销号", "未完成", "纪委书记", "2026-05-01"],
    ]
    path = workbooks.simple(tmp_path / "台账.xlsx", header, rows, title="2026年问题整改台账")
    plan = _plan(workspace, editor, "findings", path)
    assert [r.row for r in plan.rejected] == [5], plan.report_lines()
    assert "未完成" in plan.rejected[0].reason
    path = workbooks.simple(tmp_path / "台账2.xlsx", header, rows[:2], title="2026年问题整改台账")
    plan = _plan(workspace, editor, "findings", path)
    assert plan.ok and plan.counts["add"] == 2, plan.report_lines()
    _commit(workspace, editor, plan)
    with workspace.reading() as s:
        ids = findings_query.search_finding_ids(s, editor, findings_types.FindingFilter(), TODAY, sort="found_on", descending=False)
        first, second = findings_query.finding_rows(s, ids, TODAY)
        history = wf.finding_history(s, first.id)
    assert (first.code, first.status, first.result, first.accepted_by) == ("2026-001", "closed", "done", "纪委书记")
    assert (first.closed_on, first.accepted_on, first.unit_id) == (dt.date(2026, 2, 20),) * 2 + (office,)
    assert first.resp_person_name == "赵六" and first.resp_person_id is None  # not in the register
    assert first.progress == ((dt.date(2026, 1, 20), "已补记"), (TODAY, "已建立值班检查制度"))
    assert [(c.step, c.changed_on) for c in history.changes] == [
        ("登记", dt.date(2026, 1, 8)), ("开始整改", dt.date(2026, 1, 8)),
        ("整改完成，报请验收", dt.date(2026, 2, 20)), ("验收销号", dt.date(2026, 2, 20))]
    assert all("由 Excel 导入" in c.reason for c in history.changes[1:])
    assert (second.code, second.status) == ("XC-01", "in_progress")


def test_reimport_updates_forward_and_refuses_what_needs_a_reason(workspace, admin, editor, tmp_path):
    ids = sample_ledger(workspace, admin)
    path = tmp_path / "findings.xlsx"
    _export(workspace, editor, "findings", path)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    header = [c.value for c in sheet[2]]
    by_text = {sheet.cell(r, header.index("问题") + 1).value: r for r in range(3, sheet.max_row + 1)}

    def put(text, column, value):
        sheet.cell(by_text[text], header.index(column) + 1).value = value

    put("考勤登记不规范", "状态", "整改中")
    put("考勤登记不规范", "进展", "2026-06-01 已约谈相关人员")
    put("专项资金拨付不及时", "状态", "已销号")
    put("专项资金拨付不及时", "整改结果", "基本完成")
    put("专项资金拨付不及时", "验收人", "纪委书记")
    put("专项资金拨付不及时", "销号日期", dt.datetime(2026, 6, 12))
    book.save(path)
    plan = _plan(workspace, editor, "findings", path)
    assert [r.row for r in plan.rejected] == [by_text["专项资金拨付不及时"]]
    assert "基本完成" in plan.rejected[0].reason and "不能销号" in plan.rejected[0].reason
    put("专项资金拨付不及时", "整改结果", "已完成")
    book.save(path)
    plan = _plan(workspace, editor, "findings", path)
    assert plan.ok and plan.counts == {"add": 0, "update": 2, "unchanged": 3, "rejected": 0}, plan.report_lines()
    _commit(workspace, editor, plan)
    with workspace.reading() as s:
        pending = findings_query.get_finding(s, ids["pending"], TODAY)
        rectified = findings_query.get_finding(s, ids["rectified"], TODAY)
    assert pending.status == "in_progress" and pending.progress == ((dt.date(2026, 6, 1), "已约谈相关人员"),)
    assert (rectified.status, rectified.result, rectified.closed_on) == ("closed", "done", dt.date(2026, 6, 12))

    put("公务接待无公函", "整改时限", dt.datetime(2026, 9, 30))
    put("“三重一大”事项会议记录不全", "状态", "整改中")
    book.save(path)
    plan = _plan(workspace, editor, "findings", path)
    reasons = {r.row: r.reason for r in plan.rejected}
    assert "延期请在程序中办理" in reasons[by_text["公务接待无公函"]]
    assert "需要说明原因" in reasons[by_text["“三重一大”事项会议记录不全"]]


def test_command_line_export_and_dry_run_import(workspace_location, tmp_path, monkeypatch, capsys):
    ws = workspace_location.open(as_of=TODAY)
    admin = ws.sign_in("admin", PASSWORD)
    sample_ledger(ws, admin)
    ws.close()
    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)
    out = tmp_path / "台账.xlsx"
    common = [*workspace_location.cli_args, "--user", "admin", "--as-of", TODAY.isoformat()]
    assert cli_main(["export", "findings", "--out", str(out), "--year", "2026", *common]) == 0
    assert "已导出 3 行" in capsys.readouterr().out
    assert cli_main(["import", "findings", str(out), "--dry-run", *common]) == 0
    assert "未写入任何数据" in capsys.readouterr().out
    assert cli_main(["export", "inspections", "--out", str(tmp_path / "检查.xlsx"), *common]) == 0
