"""问题类别 by 纪律 and 四风: the dictionary maps each item to its 六项纪律 heading and, where one
applies, its 四风 heading, with the 中央八项规定精神 items apart; findings and ledger entries carry
one; counts fold by either heading (what the chart and the report show), and an administrator's
change of an item's heading moves its records with it."""
from __future__ import annotations

import datetime as dt

from openpyxl import Workbook

from app.categories import BY_DISCIPLINE, BY_EIGHT_RULES, BY_STYLE, by_heading, categories_under
from app.dictionaries import load_vocabulary
from app.dictionary_edit import DictItemDraft, save_item
from app.excel.importer import commit_import, plan_import
from app.registers.findings import query as findings_query
from app.registers.findings import stats as finding_stats
from app.registers.findings.types import FindingFilter
from app.registers.ledger import query as ledger_query
from app.registers.ledger import stats as ledger_stats
from app.registers.ledger import write as ledger_write
from app.registers.ledger.types import LedgerDraft, LedgerFilter
from tests.conftest import TODAY
from tests.unit import finding_helpers as fh

D = dt.date


def _counts(rows) -> dict[str, int]:
    return {r.label: r.count for r in rows if r.count}


def test_the_seeded_dictionary_follows_the_six_disciplines_and_the_four_winds(workspace):
    with workspace.reading() as s:
        vocab = load_vocabulary(s)
    entries = {e.label: e for e in vocab.entries("finding_category")}
    for label in ("三公经费", "大额资金", "婚丧喜庆", "形式主义", "官僚主义", "公务接待", "公车管理", "收送礼品礼金"):
        assert label in entries, label
    assert vocab.resolve("finding_category", "形式主义官僚主义") == "formalism"
    assert vocab.resolve("finding_category", "“三公”经费") == "three_public"
    assert all(e.discipline for e in entries.values() if e.code != "other")
    assert {e.label for e in entries.values() if e.eight_rules} >= {"公务接待", "公车管理", "三公经费", "办公用房",
                                                                     "津贴补贴", "收送礼品礼金", "公款吃喝", "婚丧喜庆"}
    # The eight-rules items are 廉洁纪律 problems of 享乐主义 or 奢靡之风; 形式主义 and 官僚主义 are 工作纪律.
    assert (entries["公务接待"].discipline, entries["公务接待"].style) == ("integrity", "extravagance")
    assert (entries["官僚主义"].discipline, entries["官僚主义"].style) == ("work", "bureaucratism")


def test_findings_and_ledger_entries_count_by_discipline_by_four_winds_and_eight_rules(workspace, editor, admin):
    office = fh.unit(workspace, admin)
    person = fh.person(workspace, admin, "张三", office)
    made = {category: fh.finding(workspace, editor, office, category=category, description=f"问题{n}")
            for n, category in enumerate(("reception", "car", "formalism", "finance", ""))}
    fh.finding(workspace, editor, office, category="reception", description="又一个接待问题")
    with workspace.writing() as s:
        for category in ("gifts", "bureaucratism", ""):
            ledger_write.save_entry(s, editor, LedgerDraft(person_id=person, problem=f"问题{category}",
                                                           methods=("talk_remind",), decided_on=D(2026, 3, 2),
                                                           category=category), TODAY)
    with workspace.reading() as s:
        vocab = load_vocabulary(s)
        findings = finding_stats.category_counts(s, editor, FindingFilter(year=2026), TODAY)
        ledger = ledger_stats.category_counts(s, editor, LedgerFilter(year=2026))
    assert findings == {"reception": 2, "car": 1, "formalism": 1, "finance": 1, "": 1}
    assert _counts(by_heading(vocab, findings, BY_DISCIPLINE)) == {"廉洁纪律": 3, "工作纪律": 2, "未归类": 1}
    assert _counts(by_heading(vocab, findings, BY_STYLE)) == {"形式主义": 1, "享乐主义": 1, "奢靡之风": 2}
    assert _counts(by_heading(vocab, findings, BY_EIGHT_RULES)) == {"公务接待": 2, "公车管理": 1}
    assert [r.label for r in by_heading(vocab, findings, BY_DISCIPLINE)][:6] == [
        "政治纪律", "组织纪律", "廉洁纪律", "群众纪律", "工作纪律", "生活纪律"]  # every heading, in order
    assert _counts(by_heading(vocab, ledger, BY_DISCIPLINE)) == {"廉洁纪律": 1, "工作纪律": 1, "未归类": 1}
    assert _counts(by_heading(vocab, ledger, BY_STYLE)) == {"官僚主义": 1, "奢靡之风": 1}
    # A heading opens exactly the records counted under it.
    integrity = categories_under(vocab, "integrity", BY_DISCIPLINE)
    with workspace.reading() as s:
        listed = findings_query.search_finding_ids(s, editor, FindingFilter(categories=integrity), TODAY)
        unsorted = findings_query.search_finding_ids(
            s, editor, FindingFilter(categories=categories_under(vocab, "", BY_DISCIPLINE)), TODAY)
        entries = ledger_query.search_entry_ids(s, editor, LedgerFilter(categories=integrity))
    assert len(listed) == 3 and made["car"] in listed and unsorted == [made[""]]
    assert len(entries) == 1

    # The administrator moves 公车管理 under 工作纪律 and out of the 四风: its findings move too.
    car = vocab.entry("finding_category", "car")
    with workspace.writing() as s:
        save_item(s, admin, DictItemDraft(domain="finding_category", label=car.label, aliases=car.aliases,
                                          sort_order=car.sort_order, id=car.id, version=car.version,
                                          discipline="work", style=""))
        vocab = load_vocabulary(s)
    assert _counts(by_heading(vocab, findings, BY_DISCIPLINE)) == {"廉洁纪律": 2, "工作纪律": 3, "未归类": 1}
    assert _counts(by_heading(vocab, findings, BY_STYLE)) == {"形式主义": 1, "奢靡之风": 2}
    assert _counts(by_heading(vocab, findings, BY_EIGHT_RULES)) == {"公务接待": 2, "公车管理": 1}  # still apart


def test_a_ledger_sheet_may_carry_the_category_and_the_filed_export_keeps_its_columns(workspace, editor, admin, tmp_path):
    office = fh.unit(workspace, admin, "办公室")
    fh.person(workspace, admin, "张三", office)
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "单位及职务", "主要问题", "处置方式", "处理时间", "问题类别"])
    sheet.append(["张三", "办公室科员", "违规收受管理服务对象礼品", "谈话提醒", "2026-03-02", "收受礼品礼金"])
    path = tmp_path / "台账.xlsx"
    book.save(path)
    with workspace.reading() as s:
        plan = plan_import(s, editor, "ledger", path, today=TODAY)
    assert plan.ok, plan.report_lines()
    with workspace.writing() as s:
        commit_import(s, editor, plan)
        row = ledger_query.entry_rows(s, ledger_query.search_entry_ids(s, editor, LedgerFilter()))[0]
    assert (row.category, row.category_label) == ("gifts", "收送礼品礼金")
