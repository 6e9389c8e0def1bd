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
from app.dictionaries import normalize
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


# ---- matching that asks: every column that names a unit or a person --------------------------

# Words in a header (or an alias) that say the column names a unit or a person.
NAMING_WORDS = ("单位", "科室", "部门", "人", "负责", "领导", "姓名", "对象", "主体", "班子", "干部")
# Columns with such words that name nobody of the workspace: the record itself, or free text
# kept as written (never matched, so never a second unit or person made from a near miss).
NOT_REFERENCES = {
    ("people", "name"): "the person the row is: a new name adds a person",
    ("units", "name"): "the unit the row is",
    ("risks", "person"): "责任人, free text", ("risks", "leader"): "责任领导, free text",
    ("ledger", "decision_organ"): "决定机关, an organ as written", ("ledger", "handler"): "承办人, free text",
    ("inspections", "inspectors"): "检查人员, free text",
    ("findings", "resp_leader"): "责任领导, free text", ("findings", "accepted_by"): "验收人, free text",
    ("clues", "handler"): "承办人, free text",
    ("sanctions", "decision_organ"): "决定机关, an organ as written",
    ("pledges", "signer"): "单位负责人, the name signed for the unit, as written",
    ("studies", "presided"): "主持人, free text", ("studies", "reporter"): "汇报人, free text",
    ("studies", "attendees"): "参会人员, free text",
    ("education", "speaker"): "主讲人, free text",
    ("people", "staff_no"): "工号, an identifier", ("talks", "response"): "本人表态, what the talkee said",
}
# A naming column of one sheet that only tells namesakes apart there (the record is the person's).
HINTS = {("assessments", "述职述廉", "单位")}


def test_every_column_that_names_a_unit_or_a_person_says_so():
    """A register's column whose header speaks of a unit or a person is declared `names=` (and so
    walked below) or listed above as naming nobody: a new register cannot slip past the proposals."""
    undeclared = [(key, c.key, c.header) for key, adapter in REGISTERS.items() for c in adapter.columns
                  if c.kind == "text" and not c.export_only and not c.names and (key, c.key) not in NOT_REFERENCES
                  and any(word in text for text in (c.header, *c.aliases) for word in NAMING_WORDS)]
    assert undeclared == []
    stale = [k for k in NOT_REFERENCES if k[0] not in REGISTERS
             or k[1] not in {c.key for c in REGISTERS[k[0]].columns}]
    assert stale == []


def _homophone(name: str, taken: set[str]) -> str:
    """`name` with its last character swapped for a common one read the same (林静 → 林菁)."""
    from pypinyin import lazy_pinyin

    sound = lazy_pinyin(name[-1])[0]
    for first in range(0xB0, 0xD8):  # GB2312 level 1: common characters
        for second in range(0xA1, 0xFF):
            try:
                char = bytes((first, second)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            other = name[:-1] + char
            if char != name[-1] and lazy_pinyin(char)[0] == sound and normalize(other) not in taken:
                return other
    raise AssertionError(f"no homophone for {name}")


def _near_unit(name: str, taken: set[str]) -> str:
    """A unit name an office might write for `name`: without 市, or with it."""
    other = name[1:] if name.startswith("市") and len(name) > 3 else "市" + name
    assert normalize(other) not in taken
    return other


def _header_row(sheet, headers: set[str]) -> int:  # noqa: ANN001
    for row in range(1, 8):
        if sum(1 for cell in sheet[row] if cell.value in headers) >= 2:
            return row
    raise AssertionError(f"no header row in {sheet.title}")


@pytest.mark.parametrize("key", list(REGISTERS))
def test_every_column_naming_a_unit_or_a_person_proposes_a_near_miss(demo_location, key, tmp_path):
    """From the demo's own export of each register, one row per naming column gets a near miss
    (市艺术剧院 → 艺术剧院 in a unit, or in a 单位及职务 cell; a person's name → a name read the
    same): the preview proposes the known one as 可能是 for that row, with create_missing off."""
    from openpyxl import load_workbook

    from app.dictionaries import normalize as norm
    from app.excel.people import PeopleIndex, split_person
    from app.registers.talks.excel import split_people
    from app.registers.units.query import list_units

    adapter = REGISTERS[key]
    naming = {c.header: c for c in adapter.columns if c.names}
    ws = demo_location.open(as_of=TODAY)
    try:
        admin = ws.sign_in("admin", DEMO_PASSWORD)
        exported = tmp_path / f"{key}.xlsx"
        with ws.writing() as s:
            export_register(s, admin, key, exported, bureau=DEMO_BUREAU, today=TODAY)
        with ws.reading() as s:
            units = sorted((u.name for u in list_units(s)), key=len, reverse=True)
            people = PeopleIndex(s)
        book = load_workbook(exported)
        expected: dict[tuple[str, int], tuple[str, str, str]] = {}  # (sheet, row) → (column, written, known)
        for sheet in book.worksheets:
            header = _header_row(sheet, {c.header for c in adapter.columns})
            columns = {cell.value: cell.column for cell in sheet[header]
                       if cell.value in naming and (key, sheet.title, cell.value) not in HINTS}
            used: set[int] = set()
            for title, index in columns.items():
                column = naming[title]
                for row in range(header + 1, sheet.max_row + 1):
                    cell = sheet.cell(row, index)
                    text = str(cell.value or "").strip()
                    if row in used or not text:
                        continue
                    if column.names in ("unit", "unit_post"):
                        first = text.split("、")[0]
                        known = next((u for u in units if (first == u if column.names == "unit"
                                                           else first.startswith(u))), None)
                        if known is None:
                            continue
                        written = _near_unit(known, {norm(u) for u in units})
                        cell.value = text.replace(known, written, 1)
                    else:
                        name, unit_name, _ = split_person(split_people(text)[0])
                        if len(people.candidates(name, unit_name)) != 1:
                            continue  # someone outside the register, or namesakes
                        known, written = name, _homophone(name, people.names)
                        cell.value = text.replace(name, written, 1)
                    used.add(row)
                    expected[(sheet.title, row)] = (title, written, known)
                    break
                else:  # the demo names none here (上级单位): a blank cell gets the near miss
                    free = next(r for r in range(header + 1, sheet.max_row + 1) if r not in used)
                    assert column.names == "unit", f"{key}「{sheet.title}」: no row of {title} names a known one"
                    written = _near_unit(units[-1], {norm(u) for u in units})
                    sheet.cell(free, index).value = written
                    used.add(free)
                    expected[(sheet.title, free)] = (title, written, units[-1])
        changed = tmp_path / f"{key}-near.xlsx"
        book.save(changed)
        with ws.reading() as s:
            plan = plan_import(s, admin, key, changed, today=TODAY)
    finally:
        ws.close()
    assert {c for c, _, _ in expected.values()} == set(naming) - {
        c.header for c in adapter.columns if c.export_only}, "every naming column walked"
    report = "\n".join(plan.report_lines())
    for (sheet, row), (title, written, known) in expected.items():
        proposals = [m for m in plan.missing if m.name == written
                     and any((r.sheet, r.row) == (sheet, row) for r in m.rows)]
        assert proposals, f"{key} {title}: “{written}” in「{sheet}」row {row} is not proposed\n{report}"
        close = proposals[0].close
        assert any(c == known or c.startswith(f"{known}（") for c in close), (title, written, close)
        assert f"可能是 “{known}" in proposals[0].describe(command_line=True)
