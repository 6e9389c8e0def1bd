"""The ledger in and out: a messy office ledger imports with the right rows, methods split, dates
parsed and bad rows rejected with reasons; the export has the filing columns and title; export →
import changes nothing; the Word document and the command line."""
from __future__ import annotations

import datetime as dt

import docx
import openpyxl
import pytest

from app.cli.main import main as cli_main
from app.excel.importer import commit_import, plan_import
from app.excel.writer import export_register
from app.registers.ledger import query as ledger_query
from app.registers.ledger import types as ledger_types
from app.registers.ledger import write as svc
from app.registers.ledger.documents import export_ledger_docx
from app.registers.people import query as people
from tests.conftest import PASSWORD, TODAY
from tests.data.ledger_workbooks import messy_ledger
from tests.helpers import dump_tables
from tests.unit.test_ledger import bureau, save  # noqa: F401 — the fixture

D = dt.date
BUREAU = "测试市文化广电和旅游局"
FILING_COLUMNS = ["序号", "姓名", "单位及职务", "职级", "政治面貌", "线索来源", "线索处置", "主要问题", "处置方式",
                  "决定机关", "处理时间", "承办人", "回访情况", "备注"]


def _plan(ws, actor, path, **kw):
    with ws.reading() as s:
        return plan_import(s, actor, "ledger", path, today=TODAY, **kw)


def _rows(ws, actor, view=ledger_types.ALL) -> dict[tuple[str, dt.date], ledger_types.LedgerRow]:
    with ws.reading() as s:
        return {(r.person_name, r.decided_on): r
                for r in ledger_query.entry_rows(s, ledger_query.search_entry_ids(s, actor, ledger_types.LedgerFilter(view=view)))}


def test_a_messy_ledger_is_read_as_the_office_meant_it(workspace, editor, bureau, tmp_path):  # noqa: F811
    plan = _plan(workspace, editor, messy_ledger(tmp_path / "台账.xlsx"))
    first, second = plan.sheets
    assert (first.header_rows, first.data_rows, first.total_rows, first.footer_rows, first.title_rows) == \
        ((3,), 8, 1, 2, 2)
    assert first.ignored_columns == ("序号",)
    assert (second.name, second.data_rows) == ("2024年", 1)
    assert [(r.sheet, r.row) for r in plan.rows] == [("2025年", 4), ("2025年", 5), ("2025年", 6),
                                                     ("2025年", 10), ("2024年", 2)]
    rejected = {r.row: r.reason for r in plan.rejected}
    assert sorted(rejected) == [7, 8, 9, 11]
    assert "孙七" in rejected[7] and "不在人员名册中" in rejected[7]
    assert "单位及职务中的单位“不存在的科”不存在" in rejected[8]  # split at the post word 科员
    assert "2025-13-01" in rejected[9] and "不是有效日期" in rejected[9]
    assert "“约谈”不在数据字典中" in rejected[11]
    assert not plan.ok
    summaries = [r.summary for r in plan.rows]
    assert summaries[0] == "张三（财务科科长）2025-03-15 谈话提醒、责令作出书面检查"
    assert summaries[1] == "李四（办公室科员）2025-04-02 诫勉"                # bureau prefix, 给予
    assert summaries[2] == ("王五（市博物馆馆员）2025-04-03 批评教育、责令检查"  # 并, an Excel serial
                            "（非党员，将标注“非党员”并单独统计）")                # 群众: warned
    assert "需转出" in summaries[3]
    with pytest.raises(Exception, match="拒绝"), workspace.writing() as s:
        commit_import(s, editor, plan)
    assert _rows(workspace, editor) == {}


def test_the_clean_ledger_commits_with_missing_people_created(workspace, editor, bureau, tmp_path):  # noqa: F811
    path = messy_ledger(tmp_path / "台账.xlsx", bad_rows=False)
    plan = _plan(workspace, editor, path, create_missing=True)
    assert plan.ok, plan.report_lines()
    assert [(m.kind, m.name, m.unit) for m in plan.missing] == [("person", "孙七", "市博物馆")]
    with workspace.writing() as s:
        result = commit_import(s, editor, plan)
    assert (result.added, result.created_people) == (6, ("孙七（市博物馆）",))
    rows = _rows(workspace, editor)
    zhang = rows[("张三", D(2025, 3, 15))]
    assert zhang.method_labels == ("谈话提醒", "责令作出书面检查")
    assert (zhang.clue_source_label, zhang.decision_organ, zhang.handler) == ("信访举报", "局机关纪委", "赵纪")
    assert (zhang.revisit_done_on, zhang.revisit_result) == (D(2025, 9, 20), "已整改到位")
    assert (zhang.is_leader, zhang.key_post) == (True, "财务")  # from the register at import
    li = rows[("李四", D(2025, 4, 2))]
    assert (li.unit_and_position, li.political_label, li.method_labels, li.notes) == \
        ("办公室科员", "中共党员", ("诫勉",), "本人已作书面检讨")
    assert li.impact_end == D(2025, 10, 2)                        # 诫勉: 6 months
    wang = rows[("王五", D(2025, 4, 3))]
    assert (wang.method_labels, wang.rank, wang.revisit_planned) == \
        (("批评教育", "责令检查"), "专技十级", D(2025, 11, 1))
    sun = rows[("孙七", D(2025, 5, 6))]
    assert sun.methods == ("talk_remind",) and sun.method_labels == ("提醒谈话",)  # one method, as written
    assert sun.non_member and wang.non_member and not li.non_member  # 共青团员, 群众: kept, marked
    with workspace.reading() as s:
        created = people.find_people(s, "孙七")[0]
    assert (created.unit_name, created.position, created.rank, created.political_label) == \
        ("市博物馆", "保卫干事", "管理岗九级", "共青团员")
    assert rows[("张三", D(2025, 6, 1))].needs_transfer
    assert set(_rows(workspace, editor, ledger_types.TRANSFER)) == {("张三", D(2025, 6, 1))}
    assert ("李四", D(2024, 11, 20)) in rows

    again = _plan(workspace, editor, path, create_missing=True)
    assert again.counts == {"add": 0, "update": 0, "unchanged": 6, "rejected": 0}, again.report_lines()


def test_a_row_matches_its_entry_by_person_date_and_problem(workspace, editor, bureau, tmp_path):  # noqa: F811
    entry = save(workspace, editor, bureau.li, methods=("criticism",), decided_on=D(2025, 4, 2),
                 problem="工作日午间饮酒", handling="inquiry", letter_sent_on=D(2025, 3, 1))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "单位及职务", "主要问题", "处置方式", "处理时间", "备注"])
    sheet.append(["李四", "办公室科员", "工作日 午间饮酒", "批评教育、诫勉", "2025-04-02", "补充"])
    sheet.append(["李四", "办公室科员", "另一个问题", "批评教育", "2025-04-02", ""])
    book.save(tmp_path / "a.xlsx")
    plan = _plan(workspace, editor, tmp_path / "a.xlsx")
    assert [(r.action, r.target_id) for r in plan.rows] == [("update", entry), ("add", None)]
    assert ("处置方式", "批评教育", "批评教育、诫勉") in plan.rows[0].changes
    with workspace.writing() as s:
        commit_import(s, editor, plan)
    with workspace.reading() as s:
        updated = ledger_query.get_entry(s, entry)
    assert updated.method_labels == ("批评教育", "诫勉") and updated.notes == "补充"
    assert updated.impact_end == D(2025, 10, 2)                    # recomputed for the new method
    assert (updated.handling, updated.letter_sent_on) == ("inquiry", D(2025, 3, 1))  # not in the file: kept


def test_export_has_the_filing_columns_and_title_and_leaves_transfers_out(workspace, editor, bureau, tmp_path):  # noqa: F811
    save(workspace, editor, bureau.zhang, methods=("talk_remind", "order_check"), decided_on=D(2025, 3, 15),
         clue_source="petition", decision_organ="局机关纪委", handler="赵纪", wordings=("提醒谈话", "责令作出书面检查"))
    save(workspace, editor, bureau.li, methods=("admonish",), decided_on=D(2025, 1, 5), problem="迟到")
    save(workspace, editor, bureau.wang, methods=(), decided_on=D(2025, 5, 5), problem="反映其接受宴请",
         handling="inquiry_closed", clue_source="petition")
    save(workspace, editor, bureau.li, methods=("warning",), decided_on=D(2025, 2, 5), confirm_second_form=True)
    save(workspace, editor, bureau.wang, decided_on=D(2026, 1, 5))
    path = tmp_path / "台账.xlsx"
    with workspace.writing() as s:
        assert export_register(s, editor, "ledger", path, bureau=BUREAU, year=2025, today=TODAY) == 3
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "测试市文化广电和旅游局机关纪委2025年运用监督执纪第一种形态工作台账"
    assert list(rows[1]) == FILING_COLUMNS
    assert rows[2][:3] == (1, "李四", "办公室科员") and rows[2][10] == dt.datetime(2025, 1, 5)
    assert rows[3][:9] == (2, "张三", "财务科科长", "二级调研员", "中共党员", "信访举报", None, "工作日午间饮酒",
                           "提醒谈话、责令作出书面检查")       # the words as filed
    assert rows[3][12] == "拟于2025-09-15回访"
    assert rows[4][5:9] == ("信访举报", "谈话函询了结", "反映其接受宴请", None)  # 了结: no method, no 回访
    assert rows[4][12] is None
    assert len(rows) == 5                                          # 需转出 and 2026 left out


def test_the_streamed_export_files_what_the_rows_say(workspace, editor, bureau):  # noqa: F811
    """The export reads a stream of Core rows (thousands of entries); each cell is what a
    LedgerRow — the page's and the Word ledger's row — says, in the filing order."""
    from app.excel.registry import register

    save(workspace, editor, bureau.zhang, methods=("talk_remind", "order_check"), decided_on=D(2025, 3, 15),
         clue_source="petition", wordings=("提醒谈话", ""), revisit_done_on=D(2025, 9, 1), revisit_result="好")
    save(workspace, editor, bureau.wang, methods=(), decided_on=D(2025, 5, 5), problem="反映其接受宴请",
         handling="inquiry_closed", clue_source="petition")
    save(workspace, editor, bureau.li, methods=("admonish",), decided_on=D(2024, 1, 5), problem="迟到")
    save(workspace, editor, bureau.li, methods=("warning",), decided_on=D(2025, 2, 5), confirm_second_form=True)
    with workspace.reading() as s:
        streamed = list(register("ledger").export_rows(s, editor, year=None, unit_id=None))
        ids = ledger_query.search_entry_ids(s, editor, ledger_types.LedgerFilter(view=ledger_types.FILED))
        rows = ledger_query.entry_rows(s, ids)
    assert streamed == [[n, e.person_name, e.unit_and_position, e.rank, e.political_text, e.clue_source_label,
                         e.handling_label, e.problem, e.method_labels, e.decision_organ, e.decided_on,
                         e.handler, e.revisit_text, e.notes] for n, e in enumerate(rows, start=1)]
    assert [row[1] for row in streamed] == ["李四", "张三", "王五"]  # filed by date; 需转出 left out


def test_export_then_import_round_trip(workspace, editor, bureau, tmp_path):  # noqa: F811
    save(workspace, editor, bureau.zhang, methods=("talk_remind", "order_check"), decided_on=D(2025, 3, 15),
         clue_source="petition", decision_organ="局机关纪委", handler="赵纪", notes="第一行\n第二行",
         wordings=("提醒谈话", "责令作出书面检查"))
    save(workspace, editor, bureau.zhang, methods=(), decided_on=D(2025, 6, 5), problem="反映其接受宴请",
         handling="verify_closed", clue_source="petition")
    with workspace.writing() as s:  # a person not in the Party: marked, and read back as 群众
        from app.registers.people import query as people_query
        from app.registers.people import types as people_types
        from app.registers.people import write as people_write

        p = people_query.get_person(s, bureau.wang)
        people_write.save_person(s, editor, people_types.PersonDraft(
            name=p.name, unit_id=p.unit_id, position=p.position, political_status="masses", id=p.id, version=p.version))
    done = save(workspace, editor, bureau.li, methods=("admonish",), decided_on=D(2025, 1, 5))
    with workspace.writing() as s, workspace.reading() as r:
        svc.save_entry(s, editor, ledger_query.get_entry(r, done).draft(revisit_done_on=D(2025, 7, 6),
                                                              revisit_result="已整改：表现良好"), TODAY)
    save(workspace, editor, bureau.wang, methods=("notice",), decided_on=D(2026, 2, 5), problem="公车私用",
         confirm_non_member=True)
    path = tmp_path / "导出.xlsx"
    with workspace.writing() as s:
        assert export_register(s, editor, "ledger", path, bureau=BUREAU, today=TODAY) == 4
    assert "群众（非党员）" in [c.value for c in openpyxl.load_workbook(path).active["E"]]
    before = dump_tables(workspace, ["ledger_entries", "ledger_methods", "people"])
    plan = _plan(workspace, editor, path)
    assert plan.counts == {"add": 0, "update": 0, "unchanged": 4, "rejected": 0}, plan.report_lines()
    with workspace.writing() as s:
        commit_import(s, editor, plan)
    assert dump_tables(workspace, ["ledger_entries", "ledger_methods", "people"]) == before

    fields = lambda r: (r.person_id, r.unit_and_position, r.rank, r.political_status, r.clue_source,  # noqa: E731
                        r.handling, r.problem, r.methods, r.method_labels, r.decision_organ, r.decided_on,
                        r.handler, r.impact_end,
                        r.revisit_planned, r.revisit_done_on, r.revisit_result, r.notes)
    original = sorted(fields(r) for r in _rows(workspace, editor).values())
    with workspace.writing() as s:
        for row in _rows(workspace, editor).values():
            svc.delete_entry(s, editor, row.id)
    plan = _plan(workspace, editor, path)
    assert plan.counts["add"] == 4
    with workspace.writing() as s:
        commit_import(s, editor, plan)
    assert sorted(fields(r) for r in _rows(workspace, editor).values()) == original


def test_word_document_lists_the_filed_entries(workspace, editor, bureau, tmp_path):  # noqa: F811
    save(workspace, editor, bureau.zhang, methods=("talk_remind",), decided_on=D(2025, 3, 15), handler="赵纪")
    save(workspace, editor, bureau.li, methods=("warning",), decided_on=D(2025, 2, 5), confirm_second_form=True)
    out = tmp_path / "台账.docx"
    with workspace.writing() as s:
        assert export_ledger_docx(s, editor, out, bureau=BUREAU, year=2025, today=TODAY) == 1
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "测试市文化广电和旅游局机关纪委2025年运用监督执纪第一种形态工作台账"
    assert texts[1].startswith("共 1 人次（处置方式 1 项）") and "另有 1 条需转出" in texts[1]
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == FILING_COLUMNS
    assert [c.text for c in table.rows[1].cells][:11] == ["1", "张三", "财务科科长", "二级调研员", "中共党员", "", "",
                                                          "工作日午间饮酒", "谈话提醒", "", "2025-03-15"]
    assert len(table.rows) == 2


def test_command_line_exports_by_suffix_and_imports(workspace, workspace_location, editor, bureau,  # noqa: F811
                                                    tmp_path, monkeypatch):
    save(workspace, editor, bureau.zhang, decided_on=D(2025, 3, 15))
    workspace.close()
    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)
    base = [*workspace_location.cli_args, "--user", "admin", "--as-of", TODAY.isoformat()]
    assert cli_main(["export", "ledger", "--out", str(tmp_path / "a.xlsx"), "--year", "2025", *base]) == 0
    assert cli_main(["export", "ledger", "--out", str(tmp_path / "a.docx"), "--year", "2025", *base]) == 0
    assert openpyxl.load_workbook(tmp_path / "a.xlsx").active["B3"].value == "张三"
    assert docx.Document(str(tmp_path / "a.docx")).tables[0].rows[1].cells[1].text == "张三"
    messy = messy_ledger(tmp_path / "m.xlsx", bad_rows=False)
    assert cli_main(["import", "ledger", str(messy), "--dry-run", *base]) == 1        # 孙七 missing
    assert cli_main(["import", "ledger", str(messy), "--create-missing", *base]) == 0
    ws = workspace_location.open(as_of=TODAY)
    try:
        with ws.reading() as s:
            assert len(ledger_query.search_entry_ids(s, editor, ledger_types.LedgerFilter(view=ledger_types.ALL))) == 7
    finally:
        ws.close()


def test_an_unknown_method_becomes_a_dictionary_item_as_written(workspace, editor, bureau, tmp_path):  # noqa: F811
    book = openpyxl.Workbook()
    book.active.append(["姓名", "单位及职务", "主要问题", "处置方式", "处理时间"])
    book.active.append(["王五", "市博物馆馆员", "考勤管理不严", "约谈；提醒谈话", "2025-07-01"])
    book.save(tmp_path / "a.xlsx")
    plan = _plan(workspace, editor, tmp_path / "a.xlsx", create_missing=True)
    assert plan.ok and [(p.domain, p.value) for p in plan.proposals] == [("disposal_method", "约谈")]
    with workspace.writing() as s:
        commit_import(s, editor, plan)
    entry = _rows(workspace, editor, ledger_types.FILED)[("王五", D(2025, 7, 1))]
    assert entry.method_labels == ("约谈", "提醒谈话") and entry.forms == (None, 1)
    assert entry.methods[1] == "talk_remind"


def test_a_cleared_clue_written_as_a_method_goes_to_the_handling(workspace, editor, bureau, tmp_path):  # noqa: F811
    book = openpyxl.Workbook()
    book.active.append(["姓名", "单位及职务", "主要问题", "处置方式", "处理时间", "回访情况"])
    book.active.append(["李四", "办公室科员", "反映其接受宴请", "谈话函询了结", "2025-07-01", "拟于2026-01-01回访"])
    book.active.append(["李四", "办公室科员", "反映其迟到", "批评教育、“面对面”初步核实了结", "2025-07-02", ""])
    book.active.append(["李四", "办公室科员", "反映其早退", "", "2025-07-03", ""])
    book.save(tmp_path / "a.xlsx")
    plan = _plan(workspace, editor, tmp_path / "a.xlsx")
    assert [r.reason for r in plan.rejected] == ["请至少选择一种处置方式（线索已予了结的，在“线索处置”中选择了结方式即可）。"]
    assert [r.summary for r in plan.rows] == ["李四（办公室科员）2025-07-01 谈话函询了结",
                                             "李四（办公室科员）2025-07-02 批评教育"]


def test_a_near_miss_in_unit_and_post_is_proposed_and_mapped_on_the_command_line(
        workspace, workspace_location, editor, bureau, tmp_path, monkeypatch, capsys):  # noqa: F811
    """“博物馆 馆员” (市博物馆 without its 市) and “王伍” (王五 read the same): the dry run names both as
    可能是 notes with the --map to write; with the two --map the rows import into 市博物馆 and 王五
    (no second unit, no second person); the tick alone would create both, as the note says."""
    book = openpyxl.Workbook()
    book.active.append(["姓名", "单位及职务", "主要问题", "处置方式", "处理时间"])
    book.active.append(["王五", "博物馆 馆员", "考勤管理不严", "谈话提醒", "2025-07-01"])
    book.active.append(["王伍", "市博物馆副馆长", "公车私用", "谈话提醒", "2025-07-02"])
    path = tmp_path / "台账.xlsx"
    book.save(path)
    workspace.close()
    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)
    base = ["import", "ledger", str(path), *workspace_location.cli_args, "--user", "admin",
            "--as-of", TODAY.isoformat()]
    where = workspace_location.url or workspace_location.folder / "qingfeng.sqlite3"
    before = dump_tables(where, ["units", "people"])
    assert cli_main([*base, "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert ("提示：单位“博物馆”不存在，所在行被拒绝。可能是 “市博物馆”（如是同一个，可加 --map 博物馆=市博物馆）"
            "：「Sheet」第 2 行") in out, out
    assert "可能是 “王五（市博物馆）”（如是同一个，可加 --map 王伍=王五（市博物馆））" in out, out
    assert "将新建单位 1 个（博物馆，类别为“其他”）、人员 1 人（王伍（市博物馆））" in out, out
    assert cli_main([*base, "--map", "博物馆=市博物馆", "--map", "王伍=王五（市博物馆）"]) == 0
    out = capsys.readouterr().out
    assert "新增 2 行" in out and "单位“博物馆”按本次选择的对应视为“市博物馆”" in out, out
    after = dump_tables(where, ["units", "people"])
    assert after["units"] == before["units"] and after["people"] == before["people"]
    ws = workspace_location.open(as_of=TODAY)
    try:
        rows = _rows(ws, editor)
    finally:
        ws.close()
    first, second = rows[("王五", D(2025, 7, 1))], rows[("王五", D(2025, 7, 2))]
    assert (first.person_id, first.unit_name, first.position) == (bureau.wang, "市博物馆", "馆员")
    assert (second.person_id, second.unit_name, second.position) == (bureau.wang, "市博物馆", "副馆长")
