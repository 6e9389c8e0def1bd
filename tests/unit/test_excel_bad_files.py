"""Bad files at the import: each a message in Chinese naming the sheet (and the limit, the row and
the column), at once, never a traceback or a hang; nothing is written.

The limits are those of app/excel/xlsx.py; most tests lower one (the same code path, a smaller
number) so that the file stays small; `test_real_size_bombs_are_refused` (slow) meets the real
limits with files of hundreds of megabytes once unpacked."""
from __future__ import annotations

import pytest

from app.errors import ValidationError
from app.excel import xlsx
from app.excel.importer import plan_import
from tests.conftest import TODAY
from tests.data import bad_workbooks as bad
from tests.data.bad_workbooks import row, text_cell


def _plan(ws, actor, path, key="people", **options):
    with ws.reading() as s:
        return plan_import(s, actor, key, path, today=TODAY, **options)


def _refused(ws, actor, path, key="people") -> str:
    with pytest.raises(ValidationError) as caught:
        _plan(ws, actor, path, key)
    return caught.value.message


def test_a_claimed_sheet_with_one_far_cell_is_refused_naming_the_sheet_and_the_limit(workspace, editor, tmp_path):
    path = bad.far_cell(tmp_path / "名册.xlsx")
    assert path.stat().st_size < 10_000  # the 5 KB file
    message = _refused(workspace, editor, path)
    assert "工作表「人员」" in message and "XFD 列" in message and "256 列" in message


def test_a_far_row_inside_the_columns_is_one_row_not_a_million(workspace, editor, tmp_path):
    path = bad.far_cell(tmp_path / "名册.xlsx", ref="B1048576", text="办公室")
    plan = _plan(workspace, editor, path)
    assert [r.row for r in plan.rejected] == [2, 1048576]  # no 单位 / no 姓名: rejected, not hung
    assert "“姓名”不能为空" in plan.rejected[1].reason


@pytest.mark.parametrize("limit, value, builder, words", [
    ("MAX_ROWS", 30, lambda p: bad.with_rows(p, [row(n, [text_cell(f"A{n}", f"人{n}"), text_cell(f"B{n}", "办公室")])
                                               for n in range(2, 40)]), "超过 30 行"),
    ("MAX_ELEMENTS", 20_000, lambda p: bad.empty_cells(p, 40_000), "超过 2 万个"),
    ("MAX_ELEMENTS", 20_000, lambda p: bad.empty_rows(p, 40_000), "超过 2 万个"),
    ("MAX_XML_BYTES", 2 * 1024 * 1024, lambda p: bad.padding(p, 5), "超过 2 MB"),
])
def test_each_limit_is_refused_naming_the_sheet_and_the_limit(workspace, editor, tmp_path, monkeypatch,
                                                              limit, value, builder, words):
    monkeypatch.setattr(xlsx, limit, value)
    message = _refused(workspace, editor, builder(tmp_path / "名册.xlsx"))
    assert "工作表「人员」" in message and words in message and "导入上限" in message


def test_a_cell_longer_than_excel_allows_is_refused_by_row_and_column(workspace, editor, tmp_path):
    long = "长" * (xlsx.MAX_CELL_CHARS + 1)
    path = bad.with_rows(tmp_path / "名册.xlsx", [row(2, [text_cell("A2", "张三"), text_cell("B2", long)])])
    message = _refused(workspace, editor, path)
    assert "工作表「人员」第 2 行 B 列" in message and "32767 个字符" in message


def test_a_file_over_the_size_limit_is_refused_before_it_is_opened(workspace, editor, tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_FILE_BYTES", 1024)
    path = bad.with_rows(tmp_path / "名册.xlsx", [row(2, [text_cell("A2", "张三"), text_cell("B2", "办公室")])])
    message = _refused(workspace, editor, path)
    assert "名册.xlsx" in message and "超过导入上限" in message


@pytest.mark.parametrize("byte", [b"\x00", b"\x07"])
def test_a_control_byte_in_the_sheet_has_its_own_message(workspace, editor, tmp_path, byte):
    message = _refused(workspace, editor, bad.control_byte(tmp_path / "名册.xlsx", byte))
    assert "工作表「人员」" in message and "控制字符" in message and "另存为 .xlsx" in message


def test_a_control_byte_in_the_shared_texts_has_its_own_message(workspace, editor, tmp_path):
    path = bad.control_byte(tmp_path / "名册.xlsx", b"\x07", shared_text=True)
    message = _refused(workspace, editor, path)
    assert "“名册.xlsx”的共享文字" in message and "控制字符" in message


def test_an_escaped_control_character_is_dropped_not_imported(workspace, editor, tmp_path):
    path = bad.with_rows(tmp_path / "名册.xlsx", [row(2, [text_cell("A2", "张_x0007_三"), text_cell("B2", "办公室")])])
    (added,) = _plan(workspace, editor, path, create_missing=True).rows
    assert added.values["name"] == "张三"


@pytest.mark.parametrize("builder", [bad.flipped_byte, bad.truncated])
def test_a_damaged_zip_has_its_own_message(workspace, editor, tmp_path, builder):
    message = _refused(workspace, editor, builder(tmp_path / "名册.xlsx"))
    assert "已损坏" in message and "重新获取" in message


def test_a_password_protected_workbook_is_called_password_protected(workspace, editor, tmp_path):
    message = _refused(workspace, editor, bad.encrypted(tmp_path / "名册.xlsx"))
    assert "设有打开密码" in message and "清除密码" in message


def test_a_word_document_renamed_is_named_for_what_it_is(workspace, editor, tmp_path):
    path = bad.word_document(tmp_path / "名册.docx").rename(tmp_path / "名册.xlsx")
    assert "Word 文档" in _refused(workspace, editor, path)


def test_an_empty_file_is_named_empty(workspace, editor, tmp_path):
    path = tmp_path / "名册.xlsx"
    path.write_bytes(b"")
    assert "空文件（0 字节）" in _refused(workspace, editor, path)


def test_formula_cells_without_a_calculated_value_are_rejected_by_row_and_column(workspace, editor, tmp_path):
    path = bad.with_rows(tmp_path / "名册.xlsx", [
        row(2, [text_cell("A2", "张三"), text_cell("B2", "办公室"),
                ("C2", 't="str"><f>HYPERLINK("http://a","科员")</f><v>科员</v>'.encode())]),
        row(5, [text_cell("A5", "李四"), text_cell("B5", "办公室"), ("C5", b'><f>HYPERLINK("http://a","b")</f>')]),
        row(6, [text_cell("A6", "王五"), ("B6", b"><f>cmd|' /C calc'!A0</f>")]),
        row(7, [text_cell("A7", "赵六"), text_cell("B7", "办公室"), ("C7", b't="e"><f>1/0</f><v>#DIV/0!</v>')]),
    ])
    plan = _plan(workspace, editor, path, create_missing=True)
    reasons = {r.row: r.reason for r in plan.rejected}
    assert reasons[5] == "第 5 行 C 列是公式且没有计算结果，请在 Excel 中另存为数值后再导入。"
    assert reasons[6].startswith("第 6 行 B 列是公式且没有计算结果")
    assert "第 7 行 C 列是错误值 #DIV/0!" in reasons[7]
    (added,) = plan.rows  # a formula with its calculated value: the value
    assert added.row == 2 and added.values["position"] == "科员"


def test_a_formula_without_value_in_a_column_the_register_ignores_does_not_matter(workspace, editor, tmp_path):
    path = bad.with_rows(tmp_path / "名册.xlsx", [
        row(2, [text_cell("A2", "张三"), text_cell("B2", "办公室"), ("F2", b"><f>NOW()</f>")])])
    plan = _plan(workspace, editor, path)
    assert not any("公式" in r.reason for r in plan.rejected)


@pytest.mark.slow
@pytest.mark.parametrize("builder", [
    lambda p: bad.far_cell(p),
    lambda p: bad.empty_cells(p, 2_000_000),
    lambda p: bad.empty_rows(p, 3_000_000),
    lambda p: bad.padding(p, 300),
])
def test_real_size_bombs_are_refused(workspace, editor, tmp_path, builder):
    message = _refused(workspace, editor, builder(tmp_path / "名册.xlsx"))
    assert "工作表「人员」" in message and ("导入上限" in message)


def test_shared_strings_as_excel_writes_them_rich_runs_joined_phonetics_left_out(workspace, editor, tmp_path):
    path = bad.shared_strings(tmp_path / "名册.xlsx", [
        "<t>姓名</t>".encode(), "<t>单位</t>".encode(),
        "<r><rPr><b/></rPr><t>张</t></r><r><t>三</t></r><rPh sb=\"0\" eb=\"1\"><t>zhang</t></rPh>".encode(),
        "<t>办公室</t>".encode()],
        [row(1, [bad.shared("A1", 0), bad.shared("B1", 1)]), row(2, [bad.shared("A2", 2), bad.shared("B2", 3)])])
    (added,) = _plan(workspace, editor, path, create_missing=True).rows
    assert (added.values["name"], added.values["unit_name"]) == ("张三", "办公室")


def test_a_new_dictionary_value_too_long_to_be_one_is_rejected_when_planned(workspace, admin, tmp_path):
    """A value the dictionary would refuse (over LABEL_MAX characters) is never proposed: the row
    is rejected in the preview, not the whole import refused at commit (Hypothesis found it)."""
    import datetime as dt

    from openpyxl import Workbook

    from app.dictionary_edit import LABEL_MAX
    from app.excel.importer import plan_import

    book = Workbook()
    sheet = book.active
    sheet.append(["单位名称", "类别"])
    sheet.append(["办公室", "长" * (LABEL_MAX + 1)])
    path = tmp_path / "units.xlsx"
    book.save(path)
    with workspace.reading() as s:
        plan = plan_import(s, admin, "units", path, create_missing=True, today=dt.date(2026, 6, 15))
    assert not plan.proposals and len(plan.rejected) == 1
    assert f"超过 {LABEL_MAX} 个字" in plan.rejected[0].reason
