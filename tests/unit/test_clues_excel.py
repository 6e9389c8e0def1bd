"""问题线索 in and out of Excel: an office's register imports (title row, header variants, a
举报人 column that is never read), a 承办人 who is a user is linked, the export never holds the
reporter whoever exports, and export → import changes nothing."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from app.excel.importer import commit_import, plan_import
from app.excel.writer import export_register
from app.registers.clues import query as cq
from app.registers.clues import write as cw
from app.registers.clues.types import ClueDraft, ClueFilter
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from tests.conftest import TODAY
from tests.helpers import dump_tables

D = dt.date
SECRET = "实名举报人刘某某"


@pytest.fixture
def people(workspace, admin) -> dict[str, int]:
    with workspace.writing() as s:
        office = units_write.save_unit(s, admin, units_types.UnitDraft(name="办公室", kind="office"))
        return {name: people_write.save_person(s, admin, people_types.PersonDraft(
            name=name, unit_id=office, political_status="cpc")) for name in ("张三", "李四")}


def _plan(ws, actor, path, **kw):
    with ws.reading() as s:
        return plan_import(s, actor, "clues", path, today=TODAY, **kw)


def test_an_office_register_imports_and_the_reporter_column_is_not_read(workspace, admin, people, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2026年问题线索登记表"])
    sheet.append(["受理时间", "来源", "被反映人", "所在单位", "举报人", "主要问题", "承办人", "线索处置方式", "发函日期",
                  "办结日期", "处置结果", "备注"])
    sheet.append(["2026.3.2", "信访", "张三、李四", "办公室", SECRET, "反映二人违规发放补贴", "录入员乙", "函询",
                  "2026-03-05", None, None, None])
    sheet.append(["2026年4月1日", "巡察", "张三", "办公室", "", "反映其公车私用", "外单位老王", "予以了结", None,
                  "2026/4/10", "了结", "经核实不属实"])
    book.save(tmp_path / "线索.xlsx")
    plan = _plan(workspace, admin, tmp_path / "线索.xlsx")
    assert plan.ok, plan.report_lines()
    assert plan.sheets[0].ignored_columns == ("举报人",)
    with workspace.writing() as s:
        commit_import(s, admin, plan)
    with workspace.reading() as s:
        rows = cq.clue_rows(s, admin, cq.search_clue_ids(s, admin, ClueFilter(), "received_on", False))
    first, second = rows
    assert (first.names, first.source_label, first.way_label, first.handler_name, first.reporter) == (
        "张三、李四", "信访举报", "谈话函询", "录入员乙", "")
    assert first.handler_id is not None and first.status_label == "处置中"
    assert (second.status_text, second.handler_id, second.handler_name) == ("办结（了结）", None, "外单位老王")
    assert _plan(workspace, admin, tmp_path / "线索.xlsx").counts["unchanged"] == 2


def test_the_export_never_holds_the_reporter_and_round_trips(workspace, admin, editor, viewer, people, tmp_path):
    with workspace.writing() as s:
        cw.save_clue(s, admin, ClueDraft(received_on=D(2026, 3, 2), problem="反映其接受宴请", person_ids=(people["张三"],),
                                         source="petition", reporter=SECRET, way="verify",
                                         verify_start=D(2026, 3, 6)), TODAY)
        cw.save_clue(s, admin, ClueDraft(received_on=D(2026, 2, 2), problem="反映其迟到", person_ids=(people["李四"],),
                                         way="close", closed_on=D(2026, 2, 3), outcome="cleared"), TODAY)
    for actor in (admin, editor, viewer):
        out = tmp_path / f"{actor.username}.xlsx"
        with workspace.writing() as s:
            assert export_register(s, actor, "clues", out, bureau="测试局", today=TODAY) == 2
        cells = [str(c) for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True) for c in row if c]
        assert not any(SECRET in c or "举报人" in c for c in cells)
    rows = list(openpyxl.load_workbook(tmp_path / "admin.xlsx").active.iter_rows(values_only=True))
    assert rows[0][0] == "测试局问题线索登记表"
    assert rows[2][1:4] == (dt.datetime(2026, 2, 2), None, "李四") and rows[3][13] == "处置中"
    before = dump_tables(workspace, ["clues", "clue_people"])
    plan = _plan(workspace, admin, tmp_path / "admin.xlsx")
    assert plan.counts == {"add": 0, "update": 0, "unchanged": 2, "rejected": 0}, plan.report_lines()
    with workspace.writing() as s:
        commit_import(s, admin, plan)
    assert dump_tables(workspace, ["clues", "clue_people"]) == before  # the reporter kept as it was
