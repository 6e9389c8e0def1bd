"""The engine itself, through a small dated register: dates in every office style, several
values in one cell, the year from a column, the sheet name, the title or year=; bad cells."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from app.errors import ValidationError
from app.excel.importer import plan_import
from app.excel.registry import REGISTERS
from app.excel.values import CellError, header_key, parse_bool, parse_date, split_multi
from app.excel.writer import export_register
from tests.conftest import TODAY
from tests.data import workbooks
from tests.data.sample_register import DatedEventsRegister

MARCH_15 = dt.date(2022, 3, 15)


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setitem(REGISTERS, DatedEventsRegister.key, DatedEventsRegister())
    return DatedEventsRegister.key


def _plan(workspace, actor, key, path, **kw):
    with workspace.reading() as s:
        return plan_import(s, actor, key, path, today=TODAY, **kw)


@pytest.mark.parametrize("written", workbooks.DATE_STYLES)
def test_every_office_date_style_reads_as_the_same_day(written):
    assert parse_date(written, "日期") == MARCH_15


@pytest.mark.parametrize("bad", ["2022-02-30", "2022-13-01", "去年三月", "3/15", 123])
def test_a_bad_date_names_the_column_and_the_value(bad):
    with pytest.raises(CellError) as err:
        parse_date(bad, "谈话日期")
    assert "“谈话日期”" in err.value.reason and str(bad) in err.value.reason


def test_several_values_in_one_cell_split_on_every_separator():
    assert split_multi("张三、李四，王五,赵六；钱七;孙八\n周九\r\n吴十") == (
        "张三", "李四", "王五", "赵六", "钱七", "孙八", "周九", "吴十")
    assert split_multi("  张三 、、 ") == ("张三",)


@pytest.mark.parametrize("yes, no", [("是", "否"), ("√", "×"), ("Y", "N"), ("y", "n"), (1, 0), ("1", "0"),
                                     (True, False)])
def test_yes_and_no_in_every_office_form(yes, no):
    assert parse_bool(yes, "班子成员") is True
    assert parse_bool(no, "班子成员") is False
    with pytest.raises(CellError):
        parse_bool("可能", "班子成员")


def test_header_hints_and_required_marks_do_not_hide_a_column():
    assert header_key("是否班子成员（是/否）") == header_key("是否班子成员")
    assert header_key(" 姓 名* ") == header_key("姓名")
    assert header_key("单位（部门）（必填）") == header_key("单位")


def test_dates_multi_values_and_years_from_a_real_workbook(workspace, editor, tmp_path, events):
    path = workbooks.dated_events(tmp_path / "提醒.xlsx")
    plan = _plan(workspace, editor, events, path, year=2025)
    by_ref = {(r.sheet, r.row): r.values for r in plan.rows}
    # Every date style on rows 3–10 of “2022年” is 15 March 2022.
    assert [by_ref[("2022年", n)]["day"] for n in range(3, 11)] == [MARCH_15] * 8
    assert by_ref[("2022年", 3)]["people"] == ("张三", "李四", "王五", "赵六", "钱七", "孙八", "周九")
    # Row 11 has 2022-02-30: rejected, with the column and the value in the reason.
    (bad,) = plan.rejected
    assert (bad.sheet, bad.row) == ("2022年", 11)
    assert "“日期”" in bad.reason and "2022-02-30" in bad.reason
    # The year: sheet name · title row · the 年度 column (beats the sheet name “2021年”) · year=.
    assert by_ref[("2022年", 3)]["year"] == 2022
    assert by_ref[("Sheet2", 3)]["year"] == 2023
    assert by_ref[("2021年", 2)]["year"] == 2024
    assert by_ref[("其他", 2)]["year"] == 2025
    assert {s.name: s.year for s in plan.sheets}["Sheet2"] == 2023


def test_export_keeps_dates_colours_and_several_values_readable(workspace, editor, tmp_path, events):
    path = tmp_path / "提醒.xlsx"
    with workspace.writing() as s:
        assert export_register(s, editor, events, path, bureau="测试局", year=2022, today=TODAY) == 2
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == "测试局2022年节前廉政提醒登记表"  # a yearly register names the year
    day, people, level = sheet["B3"], sheet["C3"], sheet["D3"]
    assert day.value == dt.datetime(2022, 3, 15) and day.number_format == "yyyy-mm-dd"
    assert people.value == "张三、李四"
    assert level.value == "一级" and level.fill.fgColor.rgb.endswith("D9363E")
    assert sheet["D4"].value == "=不是公式" and sheet["D4"].data_type == "s"
    plan = _plan(workspace, editor, events, path)  # and it reads back as it was written
    assert [r.values["people"] for r in plan.rows] == [("张三", "李四"), ()]


def test_a_register_that_needs_a_year_rejects_a_row_without_one(workspace, editor, tmp_path, events):
    path = workbooks.dated_events(tmp_path / "提醒.xlsx")
    plan = _plan(workspace, editor, events, path)  # no year=
    reasons = {(r.sheet, r.row): r.reason for r in plan.rejected}
    assert "年度" in reasons[("其他", 2)]
    assert not plan.ok
    assert any("其他" in line and "年度" in line for line in plan.report_lines())


def test_a_file_that_is_not_a_workbook_is_refused_with_a_message(workspace, editor, tmp_path):
    old = tmp_path / "名册.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0 old excel")
    with pytest.raises(ValidationError, match="另存为 .xlsx"):
        _plan(workspace, editor, "people", old)
    broken = tmp_path / "名册.xlsx"
    broken.write_text("not a zip", "utf-8")
    with pytest.raises(ValidationError, match="不是有效的 .xlsx"):
        _plan(workspace, editor, "people", broken)
    csv = tmp_path / "名册.csv"
    csv.write_text("姓名,单位\n张三,办公室\n", "utf-8")
    with pytest.raises(ValidationError, match="另存为 .xlsx"):
        _plan(workspace, editor, "people", csv)
    with pytest.raises(ValidationError, match="没有名为"):
        _plan(workspace, editor, "nonsense", broken)


def test_a_workbook_without_any_header_is_an_error_not_an_empty_import(workspace, editor, tmp_path):
    path = workbooks.simple(tmp_path / "随手记.xlsx", ["今天开会"], [["记得带笔记本"]])
    plan = _plan(workspace, editor, "people", path)
    assert not plan.ok and plan.errors
    assert plan.skipped_sheets[0].name == "Sheet1"


def test_starting_the_program_does_not_load_openpyxl():
    """openpyxl costs a few tenths of a second: it is loaded when a file is read or written."""
    code = "import sys, app.excel; print('openpyxl' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=root)
    assert out.stdout.strip() == "False"
