"""Generated messy workbooks at every register's import (Hypothesis): the answer is a plan or a
message in words, never a traceback; and nothing is ever half-written — a plan that may be
committed is committed whole or not at all, every table (the audit chain included) hashed before
and after.

The sheets are written as raw XML (app/excel/xlsx.py reads them as Excel's own), so anything a
file may hold can be generated: headers from the register's own names and aliases mixed with
others, title and blank rows, text with line breaks and control characters, numbers, dates as
serials and as text, booleans, formulas without a value, error values, far cells, very long
text. A bounded number of examples runs in the default tier; the slow test runs many more."""
from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import QingfengError
from app.excel.importer import commit_import, plan_import
from app.excel.registry import REGISTERS
from app.excel.xlsx import column_letter
from tests.conftest import TODAY
from tests.data.bad_workbooks import MAIN, SHEET, replace_part
from tests.helpers import dump_tables

WORDS = ["办公室", "财务科", "市博物馆", "张三", "李四", "谈心谈话", "一级", "是", "否", "合计", "填表人：王五",
         "2024-03-15", "2024年3月15日", "2024.3.15", "全系统", "党员", "中共党员", "已销号", "诫勉", "婚"]


def _escape(text: str) -> bytes:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")).encode("utf-8", "replace")


def _headers(key: str) -> st.SearchStrategy[list[str]]:
    names = [n for c in REGISTERS[key].columns for n in (c.header, *c.aliases)]
    return st.lists(st.one_of(st.sampled_from(names), st.sampled_from(names), st.text(max_size=6)),
                    min_size=1, max_size=14)


CELL = st.one_of(
    st.none(),
    st.sampled_from(WORDS).map(lambda w: ("s", w)),
    st.text(max_size=30).map(lambda t: ("s", t)),
    st.text(alphabet="甲乙丙\n\r\t 、，;", max_size=12).map(lambda t: ("s", t)),
    st.integers(-10, 80_000).map(lambda n: ("n", str(n))),
    st.floats(allow_nan=False, allow_infinity=False, width=32).map(lambda f: ("n", repr(f))),
    st.sampled_from(["0", "1"]).map(lambda b: ("b", b)),
    st.just(("f", "")),                         # a formula never calculated
    st.sampled_from(["#N/A", "#REF!", "#DIV/0!"]).map(lambda e: ("e", e)),
    st.integers(1, 40_000).map(lambda n: ("s", "长" * n)),
    st.sampled_from(["\x07", "\x00", "a\x0bb"]).map(lambda c: ("raw", c)),  # not allowed in XML
)


def _cell(ref: str, cell: tuple[str, str]) -> bytes:
    kind, value = cell
    if kind == "s":
        return b'<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref.encode(), _escape(value))
    if kind == "raw":
        return b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref.encode(), value.encode())
    if kind == "f":
        return b'<c r="%s"><f>HYPERLINK("http://a","b")</f></c>' % ref.encode()
    return b'<c r="%s" t="%s"><v>%s</v></c>' % (ref.encode(), kind.encode(), value.encode())


@st.composite
def messy_sheet(draw: st.DrawFn, key: str) -> bytes:
    rows: list[bytes] = []
    number = 1
    if draw(st.booleans()):  # a title
        rows.append(b'<row r="1">%s</row>' % _cell("A1", ("s", draw(st.sampled_from(WORDS)) + "台账")))
        number = draw(st.integers(2, 4))
    header = draw(_headers(key))
    rows.append(b'<row r="%d">%s</row>' % (number, b"".join(
        _cell(f"{column_letter(i)}{number}", ("s", h)) for i, h in enumerate(header))))
    for _ in range(draw(st.integers(0, 12))):
        number += draw(st.integers(1, 3))
        cells = draw(st.lists(CELL, max_size=len(header) + 2))
        rows.append(b'<row r="%d">%s</row>' % (number, b"".join(
            _cell(f"{column_letter(i)}{number}", c) for i, c in enumerate(cells) if c is not None)))
    if draw(st.integers(0, 9)) == 0:  # a far cell
        rows.append(b'<row r="1048576">%s</row>' % _cell(draw(st.sampled_from(["XFD1048576", "A1048576"])),
                                                          ("s", "x")))
    return MAIN + b'<dimension ref="A1:XFD1048576"/><sheetData>' + b"".join(rows) + b"</sheetData></worksheet>"


def _fingerprint(ws) -> str:  # noqa: ANN001
    tables = dump_tables(ws, skip=())
    return hashlib.sha256(json.dumps(tables, default=str, sort_keys=True).encode()).hexdigest()


def _throw(ws, actor, key: str, sheet: bytes, path: Path, create_missing: bool) -> None:  # noqa: ANN001
    replace_part(path, SHEET, lambda f: f.write(sheet))
    assert zipfile.is_zipfile(path)
    before = _fingerprint(ws)
    try:
        with ws.reading() as s:
            plan = plan_import(s, actor, key, path, today=TODAY, create_missing=create_missing)
    except QingfengError as refused:
        assert refused.message and "Traceback" not in refused.message
        assert _fingerprint(ws) == before
        return
    assert all(r.reason for r in plan.rejected)
    committed = False
    try:
        with ws.writing() as s:
            commit_import(s, actor, plan)
        committed = True
    except QingfengError as refused:
        assert refused.message
    assert committed == plan.ok
    if not committed:
        assert _fingerprint(ws) == before  # nothing half-written


def _run(workspace, editor, tmp_path, key: str, examples: int) -> None:  # noqa: ANN001
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.data_too_large])
    @given(sheet=messy_sheet(key), create_missing=st.booleans())
    def check(sheet: bytes, create_missing: bool) -> None:
        _throw(workspace, editor, key, sheet, tmp_path / "messy.xlsx", create_missing)

    check()


@pytest.mark.sqlite_only
@pytest.mark.parametrize("key", list(REGISTERS))
def test_messy_workbooks_get_a_plan_or_a_message(workspace, editor, tmp_path, key):
    _run(workspace, editor, tmp_path, key, examples=8)


@pytest.mark.slow
@pytest.mark.parametrize("key", list(REGISTERS))
def test_many_messy_workbooks_get_a_plan_or_a_message(workspace, editor, tmp_path, key):
    _run(workspace, editor, tmp_path, key, examples=150)
