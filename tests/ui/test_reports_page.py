"""报告 page: preview the figures and the 工作总结's sections, edit, reorder, add and remove them,
save the text of the period, generate the Word document in the background; 年度归档: close, reopen and export a year; an administrator's correction of a closed
year through a record form asks for the reason."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from app.registers.inspections import query as ins
from app.reports.archive_years import LEDGERS, close_year
from db.models import AuditEntry
from tests.conftest import TODAY
from tests.unit.report_helpers import build_world
from ui import messages
from ui.pages.reports_page import ReportsPage
from ui.workers import wait_for_tasks


@pytest.fixture
def world(workspace, admin):  # noqa: ANN001, ANN201
    return build_world(workspace, admin)


@pytest.fixture
def files(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    shown: list[Path] = []
    monkeypatch.setattr(messages, "inform_file", lambda _p, _text, path: shown.append(path))
    return shown


def _page(qtbot, workspace, actor) -> ReportsPage:  # noqa: ANN001
    page = ReportsPage(workspace, actor)
    qtbot.addWidget(page)
    page.resize(1366, 720)
    qtbot.waitUntil(lambda: page.is_ready() and page.report_tab.figures is not None, timeout=30_000)
    return page


def test_preview_edit_reorder_and_generate(qtbot, workspace, admin, world, files, tmp_path):
    from docx import Document

    page = _page(qtbot, workspace, admin)
    tab = page.report_tab
    assert tab.period().label == "2025年度"  # in June: last year's report is proposed
    assert [b.key for b in tab.sections] == ["opening", "basics", "practices", "problems", "plans"]
    assert "整改完成率 25.0%" in tab.figures_label.text()
    assert "谈话 4 次 · 7 人次" in tab.figures_label.text()
    assert tab.addressee_label.text().startswith("主送：局党组")
    practices = tab.box("practices")
    assert "2025年度共开展各类谈话4次、7人次" in practices.text()
    practices.editor.setPlainText("（一）谈话工作扎实开展。全年谈话4次。")
    tab.box("problems").buttons["up"].click()  # 存在问题 before 主要做法
    tab.box("plans").buttons["remove"].click()
    added = tab.add_section()
    added.title_edit.setText("主要成效")
    added.editor.setPlainText("成效明显。")
    assert [b.key for b in tab.sections] == ["opening", "basics", "problems", "practices", "custom-1"]
    assert [b.number.text() for b in tab.sections[1:]] == ["一、", "二、", "三、", "四、"]
    out = tmp_path / "年度报告.docx"
    tab.generate(out)
    qtbot.waitUntil(lambda: files == [out], timeout=60_000)
    text = [p.text for p in Document(str(out)).paragraphs]
    body = text[:next(i for i, t in enumerate(text) if t.startswith("附件"))]  # the 附件's tables follow
    titles = [t for t in body if t[:2] in ("一、", "二、", "三、", "四、", "五、")]
    assert titles == ["一、基本情况", "二、存在问题", "三、主要做法", "四、主要成效"]
    assert "（一）谈话工作扎实开展。全年谈话4次。" in text and "成效明显。" in text
    assert tab.box("basics").text().splitlines()[0] in text  # unedited: as generated
    assert not any("下一步打算" in t for t in text)
    practices.reset_button.click()
    assert "2025年度共开展各类谈话4次、7人次" in practices.text()
    tab.period_combo.setCurrentIndex(1)  # 上半年: the preview no longer matches
    assert not tab.generate_button.isEnabled() and not tab.save_button.isEnabled()


def test_the_text_is_kept_per_period(qtbot, workspace, admin, editor, world, shown_messages):
    page = _page(qtbot, workspace, admin)
    tab = page.report_tab
    assert tab.text_label.text() == "文稿：按统计数据生成，尚未保存"
    tab.box("plans").buttons["remove"].click()
    tab.box("opening").editor.setPlainText("2025年度，局机关纪委认真履职。")
    assert tab.save_text()
    assert shown_messages.texts("inform")[-1] == "文稿已保存。"
    assert tab.text_label.text().startswith("文稿：") and "由 管理员甲" in tab.text_label.text()
    tab.period_combo.setCurrentIndex(1)  # 上半年 has no saved text: generated
    tab.preview()
    qtbot.waitUntil(lambda: tab.is_ready() and tab.figures.period.label == "2025年上半年", timeout=30_000)
    assert [b.key for b in tab.sections][-1] == "plans"
    other = _page(qtbot, workspace, editor)  # another clerk opening the year finds the saved text
    assert [b.key for b in other.report_tab.sections] == ["opening", "basics", "practices", "problems"]
    assert other.report_tab.box("opening").text() == "2025年度，局机关纪委认真履职。"
    empty = other.report_tab.add_section()
    assert empty.title_edit.text() == "新的一节"
    empty.title_edit.setText("")
    assert not other.report_tab.save_text()  # a section with neither title nor text
    assert "既没有标题也没有内容" in shown_messages.shown[-1][1]
    empty.buttons["remove"].click()
    assert other.report_tab.save_text()


def test_the_half_year_reminder_opens_that_half(qtbot, workspace, admin, world):
    page = _page(qtbot, workspace, admin)
    page.apply_navigation({"year": 2025, "half": 2})
    tab = page.report_tab
    qtbot.waitUntil(lambda: tab.is_ready() and tab.figures.period.label == "2025年下半年", timeout=30_000)
    assert tab.period_combo.currentText() == "下半年"


def test_a_half_year_of_one_unit(qtbot, workspace, admin, world):
    page = _page(qtbot, workspace, admin)
    tab = page.report_tab
    tab.period_combo.setCurrentIndex(1)
    tab.unit_combo.set_current_data(world.museum)
    tab.preview()
    qtbot.waitUntil(lambda: tab.figures is not None and tab.figures.unit_id == world.museum
                    and tab.is_ready(), timeout=30_000)
    assert tab.figures.title == "市博物馆2025年上半年全面从严治党和党风廉政建设工作总结"
    assert tab.generate_button.isEnabled()


def test_archive_tab_closes_reopens_and_exports_a_year(qtbot, qtmodeltester, workspace, admin, world,
                                                      files, tmp_path, shown_messages):
    page = _page(qtbot, workspace, admin)
    tab = page.archive_tab
    qtbot.waitUntil(tab.is_ready, timeout=10_000)
    qtmodeltester.check(tab.model)
    assert [r.year for r in tab.model.rows()] == [2025, 2024]
    # the selected year's figures, one a register (app/registry.py), below the years
    assert [label for label, _n in tab.counts_model.rows()] == [c.label for c in LEDGERS]
    assert dict(tab.counts_model.rows())["谈话记录"] == 4
    assert tab.selected_year() == 2025 and tab.close_button.isEnabled()
    assert tab.close_selected()
    assert "谈话记录 4 条" in shown_messages.texts("ask")[-1]
    assert "还有 1 条风险点评估是草稿" in shown_messages.texts("ask")[-1]
    qtbot.waitUntil(lambda: tab.is_ready() and tab.model.rows()[0].closed, timeout=10_000)
    assert tab.model.data(tab.model.index(0, 1)).startswith("已归档（admin")
    assert tab.reopen_button.isEnabled() and not tab.close_button.isEnabled()
    tab.export_selected(tmp_path)
    qtbot.waitUntil(lambda: len(files) == 1, timeout=120_000)
    assert files[0].parent.name.endswith("2025年度台账归档") and files[0].is_file()
    dialog = tab.reopen_selected()
    dialog.reason_edit.setText("发现漏录的谈话记录")
    assert dialog.save()
    qtbot.waitUntil(lambda: tab.is_ready() and not tab.model.rows()[0].closed, timeout=10_000)
    assert wait_for_tasks(10_000)


def test_a_clerk_sees_the_archive_without_the_administrators_buttons(qtbot, workspace, editor, world):
    page = _page(qtbot, workspace, editor)
    assert page.archive_tab.close_button.isHidden() and page.archive_tab.reopen_button.isHidden()
    assert not page.archive_tab.export_button.isHidden()


def test_a_record_form_asks_the_administrator_for_the_reason_of_a_correction(
        qtbot, workspace, admin, editor, world, monkeypatch, shown_messages):
    from ui.dialogs.inspection_dialog import InspectionDialog

    with workspace.writing() as s:
        close_year(s, admin, 2025, TODAY)
    with workspace.reading() as s:
        row = ins.get_inspection(s, world.inspection)
    clerk = InspectionDialog(workspace, editor, row)
    qtbot.addWidget(clerk)
    clerk.title_edit.setText("1月份作风纪律检查（改）")
    assert not clerk.save()
    assert "2025 年度已归档" in clerk.error_text()
    asked: list[str] = []
    monkeypatch.setattr(messages, "ask_text", lambda _p, _t, label, _h="": asked.append(label) or "检查名称录错")
    dialog = InspectionDialog(workspace, admin, row)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("1月份作风纪律检查（更正）")
    assert dialog.save()
    assert "管理员更正需填写更正原因" in asked[0]
    with workspace.reading() as s:
        assert ins.get_inspection(s, world.inspection).title == "1月份作风纪律检查（更正）"
        correction = s.scalars(select(AuditEntry).where(AuditEntry.action == "correct")).one()
    assert correction.entity == "inspections" and "检查名称录错" in correction.summary
    assert dt.date(2025, 1, 8) == row.inspected_on


def test_a_delete_from_a_page_asks_the_administrator_for_the_reason_in_a_closed_year(
        qtbot, workspace, admin, editor, world, monkeypatch, shown_messages):
    from app.registers.ledger import query as ledger_query
    from app.registers.ledger import types as ledger_types
    from ui.pages.ledger_page import LedgerPage

    with workspace.writing() as s:
        close_year(s, admin, 2025, TODAY)
    with workspace.reading() as s:
        row = ledger_query.get_entry(s, world.entry)
    clerk_page = LedgerPage(workspace, editor)
    qtbot.addWidget(clerk_page)
    clerk_page.delete_record(row)
    assert "2025 年度已归档" in shown_messages.shown[-1][1]  # refused in words; nothing deleted
    with workspace.reading() as s:
        assert world.entry in ledger_query.search_entry_ids(s, admin, ledger_types.LedgerFilter(view=ledger_types.ALL))
    asked: list[str] = []
    monkeypatch.setattr(messages, "ask_text", lambda _p, _t, label, _h="": asked.append(label) or "重复录入")
    page = LedgerPage(workspace, admin)
    qtbot.addWidget(page)
    page.delete_record(row)
    assert "管理员更正需填写更正原因" in asked[0]
    with workspace.reading() as s:
        assert world.entry not in ledger_query.search_entry_ids(s, admin, ledger_types.LedgerFilter(view=ledger_types.ALL))
        correction = s.scalars(select(AuditEntry).where(AuditEntry.action == "correct")).one()
    assert correction.entity == "ledger_entries" and "重复录入" in correction.summary

    from app.registers.talks import write as tk
    from ui.pages.talks_page import TalksPage

    with workspace.reading() as s:
        talk = tk.talk_rows(s, [world.talk])[0]
    talks_page = TalksPage(workspace, admin)
    qtbot.addWidget(talks_page)
    talks_page.delete_record(talk)  # the same question, through the same page helper
    assert len(asked) == 2
    with workspace.reading() as s:
        assert tk.talk_rows(s, [world.talk]) == []
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "correct",
                                                  AuditEntry.entity == "talks")).one()
    assert wait_for_tasks(10_000)


@pytest.mark.parametrize(("today", "proposed"), [
    (dt.date(2026, 3, 2), ("2025-01-01", "2025-12-31")),
    (dt.date(2026, 8, 20), ("2026-01-01", "2026-06-30")),
    (dt.date(2026, 12, 4), ("2026-01-01", "2026-12-31")),
])
def test_the_page_proposes_the_report_due_in_that_season(today, proposed):
    from ui.pages.reports_page import default_period

    period = default_period(today)
    assert (period.start.isoformat(), period.end.isoformat()) == proposed
