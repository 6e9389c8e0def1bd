"""Every register of the Excel engine (app/excel/registry.py — a register added there is tested
here without a line more) exported from the demo bureau imports back into the same workspace with
nothing rejected and nothing changed, on SQLite and on PostgreSQL (the demo copied there).

The demo has namesakes (two 张娟, three 李梅…) among the people who hold talks, keep records and
are talked to: the export must name each of them so that the import finds the same person.

Each exported workbook is also opened with openpyxl and measured: every date and number, and every
short text holding one (已签订 2026-03-05), fits its column on one line — LibreOffice and WPS
break a too-narrow one at the hyphen (or show ###)."""
from __future__ import annotations

import pytest

import datetime as dt
import re

from app.demo.build import DEMO_BUREAU, DEMO_PASSWORD, build_demo
from app.excel.importer import plan_import
from app.excel.registry import REGISTERS
from app.excel.writer import export_register
from app.workspace.copying import copy_workspace
from tests.backends import Location
from tests.conftest import TODAY


@pytest.fixture(scope="session")
def demo_location(backend, pg_server, tmp_path_factory) -> Location:  # noqa: ANN001
    """The demo bureau as of TODAY, built once per run (and copied to the server)."""
    folder = tmp_path_factory.mktemp("demo") / "ws"
    build_demo(folder, TODAY)
    if backend == "sqlite":
        return Location(folder=folder)
    url = pg_server.url_of(pg_server.new_database())
    copy_workspace(str(folder), url, "admin", DEMO_PASSWORD)
    return Location(url=url)


@pytest.mark.parametrize("key", list(REGISTERS))
def test_every_register_exported_from_the_demo_imports_back_unchanged(demo_location, key, tmp_path):
    ws = demo_location.open(as_of=TODAY)
    try:
        admin = ws.sign_in("admin", DEMO_PASSWORD)
        path = tmp_path / f"{key}.xlsx"
        with ws.writing() as s:
            exported = export_register(s, admin, key, path, bureau=DEMO_BUREAU, today=TODAY)
        with ws.reading() as s:
            plan = plan_import(s, admin, key, path, today=TODAY)
    finally:
        ws.close()
    assert exported > 0, f"the demo has no {key}: the round trip proves nothing"
    assert _too_narrow(path) == [], f"{key}: columns narrower than a value that must stay on one line"
    report = "\n".join(plan.report_lines()[:40])
    assert plan.counts == {"add": 0, "update": 0, "unchanged": exported, "rejected": 0}, report
    assert not plan.missing and not plan.proposals and not plan.errors, report


def test_a_name_column_may_tell_namesakes_apart_by_their_unit(demo_location, tmp_path):
    """“张娟（艺术科）” in a 姓名 column (no 单位 column) is the 张娟 of 艺术科; a bare 张娟 is refused
    with the form to write."""
    from tests.data import workbooks

    path = workbooks.simple(tmp_path / "报备.xlsx", ["姓名", "事项", "举办日期", "报备日期"], [
        ["张娟（艺术科）", "婚", "2026-07-01", "2026-06-01"], ["张娟", "婚", "2026-07-02", "2026-06-01"]])
    ws = demo_location.open(as_of=TODAY)
    try:
        admin = ws.sign_in("admin", DEMO_PASSWORD)
        with ws.reading() as s:
            plan = plan_import(s, admin, "ceremonies", path, today=TODAY)
            from app.registers.people.query import find_people

            (zhang,) = [p for p in find_people(s, "张娟") if p.unit_name == "艺术科"]
    finally:
        ws.close()
    (added,) = plan.rows
    assert added.values["person_id"] == zhang.id
    (refused,) = plan.rejected
    assert refused.row == 3 and "请写成“张娟（单位）”" in refused.reason


MARGIN = 1.0  # a cell's inner margins, in digit widths (a date of 10 shows whole in 11)
ONE_LINE = 24  # a text longer than this wraps anyway (at a space, between CJK characters)


def _shown(value: object) -> str | None:
    """The text a cell that must stay on one line shows; None for one free to wrap."""
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d}" if value.time() == dt.time() else f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:g}"
    if isinstance(value, str) and "\n" not in value and re.search(r"\d[-/:.]\d", value):
        return value if len(value.encode("gb18030")) <= ONE_LINE else None
    return None


def _too_narrow(path) -> list[str]:  # noqa: ANN001
    """(sheet, column, value) of every date/number value wider than its column."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    book = load_workbook(path)
    found = []
    for sheet in book.worksheets[:len(book.worksheets)]:
        if sheet.title == "填写说明":
            continue
        for column in sheet.iter_cols(min_row=3):
            letter = get_column_letter(column[0].column)
            width = sheet.column_dimensions[letter].width
            texts = [t for t in (_shown(c.value) for c in column) if t is not None]
            if texts:
                longest = max(texts, key=lambda t: len(t.encode("gb18030")))
                if len(longest.encode("gb18030")) + MARGIN > width:
                    found.append(f"{sheet.title} {sheet.cell(2, column[0].column).value}: “{longest}” in {width}")
    return found
