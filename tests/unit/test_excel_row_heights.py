"""Exports give a row with wrapped text the height of its tallest cell (estimated from the text
and the column width, a CJK character two units), so LibreOffice and WPS, which do not measure
rows when they open a file, print it legibly; the printed check is tests/unit/test_printed_pdf.py."""
from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from app.excel.writer import LINE_POINTS, export_register, row_height, text_lines
from app.registers.ledger import write as ledger_write
from app.registers.ledger.types import LedgerDraft
from tests.conftest import TODAY
from tests.unit import finding_helpers as fh


def test_lines_count_cjk_double_and_every_paragraph():
    assert text_lines("张三", 10) == 1
    assert text_lines("反映其在行政审批中态度生硬", 10) == 3          # 26 units in 9 a line
    assert text_lines("2025-07-25 revisit done", 24) == 1          # ASCII counts one a character
    assert text_lines("第一行\n第二行\n\n第四行", 30) == 4           # a blank line is a line
    assert row_height([("短", 8), ("也短", 8)]) is None             # one line: the default height
    assert row_height([("一二三四五六七八九十" * 3, 12), ("短", 8)]) == 6 * LINE_POINTS + 3


def test_the_ledger_export_sets_heights_for_wrapped_rows_and_the_header(workspace, editor, admin, tmp_path):
    office = fh.unit(workspace, admin, "办公室")
    person = fh.person(workspace, admin, "张三", office)
    with workspace.writing() as s:
        for problem, result in (("迟到", ""), ("反映其在行政审批中态度生硬、推诿扯皮，群众意见较大，经核实属实", "回访时本人思想认识到位，问题已整改，群众满意")):
            ledger_write.save_entry(s, editor, LedgerDraft(
                person_id=person, problem=problem, methods=("talk_remind",), decided_on=dt.date(2026, 3, 2),
                revisit_done_on=dt.date(2026, 5, 2) if result else None, revisit_result=result), TODAY)
        path = tmp_path / "台账.xlsx"
        export_register(s, editor, "ledger", path, bureau="测试局", year=2026, today=TODAY)
    sheet = load_workbook(path).active
    heights = {r: sheet.row_dimensions[r].height for r in (2, 3, 4)}
    problem = next(c for c in range(1, sheet.max_column + 1) if sheet.cell(2, c).value == "主要问题")
    rows = {sheet.cell(r, problem).value: r for r in (3, 4)}
    assert heights[rows["迟到"]] is None                              # nothing wraps: left to the application
    assert heights[rows["反映其在行政审批中态度生硬、推诿扯皮，群众意见较大，经核实属实"]] >= 3 * LINE_POINTS
    assert heights[2] is not None                                     # 政治面貌 in a 9-wide column wraps
