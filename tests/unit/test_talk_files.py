"""Talks in and out: the 谈话记录表 .docx field by field, the command line, the Excel list round trip."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from docx import Document

from app.cli.main import main as cli_main
from app.excel.importer import commit_import, plan_import
from app.excel.writer import export_register
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.talks import write as svc
from app.registers.talks.documents import (
    export_talk_record,
    record_html,
    record_printed,
)
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from db.models import AuditEntry
from tests.conftest import PASSWORD, TODAY
from tests.helpers import dump_tables

BUREAU = "测试市文化广电和旅游局"
P = svc.ParticipantDraft
CONTENT = "一、谈话事由：反映报销不规范。\n二、提出要求：立即退回。"


@pytest.fixture
def talk_id(workspace, admin) -> int:
    with workspace.writing() as s:
        leaders = units_write.save_unit(s, admin, units_types.UnitDraft(name="局领导班子", kind="office"))
        finance = units_write.save_unit(s, admin, units_types.UnitDraft(name="财务科", kind="office"))
        office = units_write.save_unit(s, admin, units_types.UnitDraft(name="办公室", kind="office"))
        chief = people_write.save_person(s, admin, people_types.PersonDraft(name="周明", unit_id=leaders,
                                                          position="党组成员、机关纪委书记"))
        zhang = people_write.save_person(s, admin, people_types.PersonDraft(name="张三", unit_id=finance, position="科长"))
        people_write.save_person(s, admin, people_types.PersonDraft(name="张伟", unit_id=finance, position="会计"))
        people_write.save_person(s, admin, people_types.PersonDraft(name="张伟", unit_id=office, position="科员"))
        li = people_write.save_person(s, admin, people_types.PersonDraft(name="李四", unit_id=office, position="科员"))
        return svc.save_talk(s, admin, svc.TalkDraft(
            kind="reminder", talk_date=dt.date(2026, 5, 20), start_time=dt.time(14, 30),
            end_time=dt.time(15, 10), talkees=(P(person_id=zhang), svc.parse_outsider("赵某（某建筑公司·项目经理）")),
            talkers=(P(person_id=chief),), recorders=(P(person_id=li),), place="局机关纪委办公室",
            reason="tendency", content=CONTENT, response="本人表示坚决改正。",
            follow_up="一个月内报送整改情况。", signed=True), TODAY)


def _cells(path) -> dict[str, str]:
    """label → the text of the cell right of it, as Word shows the table."""
    table = Document(str(path)).tables[0]
    found = {}
    for row in table.rows:
        cells = [c.text for c in row.cells]
        for i in range(0, len(cells) - 1):
            if cells[i] and cells[i] != cells[i + 1] and cells[i] not in found.values():
                found.setdefault(cells[i], cells[i + 1])
    return found


def test_docx_holds_each_field_in_its_cell_and_is_audited(workspace, admin, talk_id, tmp_path):
    out = tmp_path / "谈话记录表.docx"
    with workspace.writing() as s:
        export_talk_record(s, admin, talk_id, out, BUREAU)
    cells = _cells(out)
    assert cells["谈话时间"] == "2026年5月20日 14:30—15:10"
    assert cells["谈话地点"] == "局机关纪委办公室"
    assert cells["谈话人"] == "周明（局领导班子·党组成员、机关纪委书记）"
    assert cells["被谈话人及单位职务"] == "张三（财务科·科长）、赵某（某建筑公司·项目经理）"
    assert cells["记录人"] == "李四"
    assert cells["谈话事由"] == "苗头性倾向性问题"
    assert cells["谈话内容"] == CONTENT  # the line break is a line break in Word
    assert cells["本人表态"] == "本人表示坚决改正。"
    assert cells["后续要求"] == "一个月内报送整改情况。"
    document = Document(str(out))
    assert document.paragraphs[0].text == "提醒谈话记录"  # the title names the kind
    assert document.paragraphs[1].text == f"{BUREAU}　　编号：2026-001"
    text = [p.text for p in document.paragraphs]
    read = text.index("以上记录已阅，与谈话内容一致。")
    assert read > 1 and "被谈话人（签字）" in text[read + 1] and "记录人（签字）" in text[read + 2]
    # The signature block stays with the end of the content: the last row and every line but
    # the last keep with the next.
    last_row = document.tables[0].rows[-1]
    assert all(p.paragraph_format.keep_with_next for c in last_row.cells for p in c.paragraphs)
    assert all(p.paragraph_format.keep_with_next for p in document.paragraphs[read:-1])
    east_asian = document.styles["Normal"].element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    assert east_asian == "仿宋"
    with workspace.reading() as s:
        assert s.query(AuditEntry).filter_by(action="export", entity="talks").count() == 1


def test_print_html_has_the_same_fields(workspace, talk_id):
    with workspace.reading() as s:
        page = record_html(svc.get_talk(s, talk_id), BUREAU)
    for text in ("提醒谈话记录", "编号：2026-001", "2026年5月20日 14:30—15:10", "张三（财务科·科长）", "坚决改正",
                 "一、谈话事由：反映报销不规范。<br>二、提出要求", "以上记录已阅，与谈话内容一致。", "被谈话人（签字）"):
        assert text in page


def test_a_viewers_print_is_audited(workspace, viewer, talk_id):
    with workspace.reading() as s:
        row = svc.get_talk(s, talk_id)
    with workspace.writing() as s:  # 查阅 may print: the print is recorded, not refused
        record_printed(s, viewer, row)
    with workspace.reading() as s:
        last = s.query(AuditEntry).order_by(AuditEntry.id.desc()).first()
    assert (last.action, last.entity, last.user_name) == ("print", "talks", "viewer")
    assert "提醒谈话记录 编号 2026-001" in last.summary


def test_command_line_exports_the_record_and_the_list(workspace_location, workspace, talk_id, tmp_path,
                                                      monkeypatch, capsys):
    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)
    base = [*workspace_location.cli_args, "--user", "admin"]
    docx = tmp_path / "record.docx"
    assert cli_main(["export", "talks", "--out", str(docx), "--id", str(talk_id), *base]) == 0
    assert _cells(docx)["谈话事由"] == "苗头性倾向性问题"
    xlsx = tmp_path / "talks.xlsx"
    assert cli_main(["export", "talks", "--out", str(xlsx), "--year", "2026", *base]) == 0
    sheet = openpyxl.load_workbook(xlsx).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(r for r in values if r and r[0] == "编号")
    row = values[values.index(header) + 1]
    assert row[header.index("被谈话人")] == "张三（财务科·科长）、赵某（某建筑公司·项目经理）"
    assert cli_main(["export", "talks", "--out", str(tmp_path / "x.docx"), *base]) == 1
    assert "--id" in capsys.readouterr().err
    # The exported list imports back through the command line as it is: nothing to change.
    workspace.close()  # the window's lock: import is a writer
    assert cli_main(["import", "talks", str(xlsx), *base]) == 0
    report = capsys.readouterr().out
    assert "新增 0 行，更新 0 行，无变化 1 行" in report
    assert "ImportResult" not in report  # the summary, not the object


def _plan(ws, actor, path, **kw):
    with ws.reading() as s:
        return plan_import(s, actor, "talks", path, today=TODAY, **kw)


def test_export_then_import_changes_nothing_and_an_edit_updates(workspace, editor, talk_id, tmp_path):
    path = tmp_path / "talks.xlsx"
    with workspace.writing() as s:
        assert export_register(s, editor, "talks", path, bureau=BUREAU, today=TODAY) == 1
    before = dump_tables(workspace, ["talks", "talk_participants"])
    plan = _plan(workspace, editor, path)
    assert plan.ok and plan.counts["unchanged"] == 1, plan.report_lines()
    book = openpyxl.load_workbook(path)
    sheet = book.active
    header_row = next(r for r in sheet.iter_rows() if r[0].value == "编号")
    columns = {c.value: c.column for c in header_row}
    assert sheet.cell(header_row[0].row + 1, columns["编号"]).value == "2026-001"
    assert sheet.cell(header_row[0].row + 1, columns["结束时间"]).value == "15:10"
    sheet.cell(header_row[0].row + 1, columns["本人表态"], "本人表示坚决改正，并已退回。")
    book.save(path)
    plan = _plan(workspace, editor, path)
    assert plan.counts["update"] == 1, plan.report_lines()
    with workspace.writing() as s:
        commit_import(s, editor, plan)
    with workspace.reading() as s:
        row = svc.get_talk(s, talk_id)
    assert row.response == "本人表示坚决改正，并已退回。"
    after = dump_tables(workspace, ["talk_participants"])
    assert after["talk_participants"] != [] and len(after["talk_participants"]) == len(
        before["talk_participants"])


def test_import_finds_people_tells_homonyms_apart_and_keeps_outsiders(workspace, editor, talk_id, tmp_path):
    from tests.data.workbooks import simple

    def book(third_talkee: str):  # noqa: ANN202
        return simple(tmp_path / "谈心谈话台账.xlsx", ["序号", "日期", "类型", "谈话人", "谈话对象", "谈话内容"], [
            [1, "2026.3.5", "谈心", "周明", "李四", "了解思想和工作情况"],
            [2, "2026年3月6日", "谈心谈话", "周明", "张伟（办公室）", "了解家庭情况"],
            [3, "2026-03-07", "谈心谈话", "周明", third_talkee, "了解工作困难"],
            [4, "2026/3/8", "约谈", "周明", "钱某（某供应商·销售经理）", "约谈供应商"],
        ], title="2026年谈心谈话记录台账", sheet="2026年")

    path = book("张伟")
    plan = _plan(workspace, editor, path)
    assert [r.row for r in plan.rejected] == [5]
    assert "同名" in plan.rejected[0].reason and "张伟（单位）" in plan.rejected[0].reason
    assert [r.action for r in plan.rows] == ["add", "add", "add"]
    assert "名册外：钱某" in plan.rows[2].summary
    plan = _plan(workspace, editor, book("张伟（财务科）"))
    assert plan.ok, plan.report_lines()
    with workspace.writing() as s:
        commit_import(s, editor, plan)
    with workspace.reading() as s:
        march = svc.TalkFilter(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
        rows = svc.talk_rows(s, svc.search_talk_ids(s, editor, march, "date", False))
    assert [r.talkee_text for r in rows] == ["李四（办公室·科员）", "张伟（办公室·科员）",
                                             "张伟（财务科·会计）", "钱某（某供应商·销售经理）"]
    assert rows[3].talkees[0].person_id is None and rows[0].talkers[0].name == "周明"
    assert [r.kind_label for r in rows] == ["谈心谈话", "谈心谈话", "谈心谈话", "约谈"]
