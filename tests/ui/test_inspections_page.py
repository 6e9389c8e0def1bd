"""监督检查与整改 as a clerk uses it: the ledger with its 整改完成率, overdue in red and due soon
in amber, the filters and navigation, a finding entered and moved on through the real dialogs,
the monthly coverage strip, the print preview."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.registers.findings import query as fs
from tests.conftest import TODAY
from tests.unit.finding_helpers import sample_ledger
from ui.dialogs.finding_dialog import FindingDialog
from ui.dialogs.finding_steps import ExtensionDialog, ProgressDialog, StepDialog
from ui.pages.inspections_page import InspectionsPage


@pytest.fixture
def ledger(workspace, admin):  # noqa: ANN001, ANN201
    return sample_ledger(workspace, admin)


@pytest.fixture
def page(qtbot, workspace, admin, ledger):  # noqa: ANN001, ANN201
    widget = InspectionsPage(workspace, admin)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitUntil(widget.is_ready, timeout=10_000)
    return widget


def _texts(tab, column: int = 3) -> list[str]:
    model = tab.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _settle(qtbot, tab) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: tab.is_ready() and not tab._debounce.isActive(), timeout=10_000)


def test_the_ledger_shows_every_finding_and_the_completion_rate(page):
    tab = page.findings
    assert sorted(_texts(tab)) == sorted(["考勤登记不规范", "公务接待无公函", "专项资金拨付不及时",
                                          "“三重一大”事项会议记录不全", "公车使用登记缺项"])
    assert tab.count_label.text() == "共 5 个问题"
    rate = tab.rate_label.text()
    assert "整改完成率 <b>20.0%</b>（已销号 1 / 共 5）" in rate  # the reopened one no longer counts
    assert "已逾期 2" in rate and "即将到期 1" in rate


def test_overdue_is_red_and_due_soon_amber(page):
    tab = page.findings
    deadline = [c.key for c in tab.model.columns].index("deadline")
    hint = deadline + 1
    cells = {tab.model.index(r, 3).data(): r for r in range(tab.model.rowCount())}

    def background(text: str) -> str | None:
        color = tab.model.index(cells[text], deadline).data(Qt.ItemDataRole.BackgroundRole)
        return color.name() if isinstance(color, QColor) else None

    assert background("公务接待无公函") == "#f8d7d7"            # 2026-05-31, still 整改中
    assert tab.model.index(cells["公务接待无公函"], hint).data() == "逾期 15 天"
    assert background("考勤登记不规范") == "#fdebc4"            # 2026-06-19: in 4 days
    assert tab.model.index(cells["考勤登记不规范"], hint).data() == "4 天后到期"
    assert background("专项资金拨付不及时") is None              # 已整改(待验收): not overdue


def test_filters_narrow_the_table_and_the_rate_follows(qtbot, page, ledger):
    tab = page.findings
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("in_progress"))
    _settle(qtbot, tab)
    assert sorted(_texts(tab)) == ["公务接待无公函", "公车使用登记缺项"]
    assert "共 2" in tab.rate_label.text()
    tab.status_filter.setCurrentIndex(0)
    tab.deadline_filter.setCurrentIndex(tab.deadline_filter.findData("overdue"))
    _settle(qtbot, tab)
    assert sorted(_texts(tab)) == ["公务接待无公函", "公车使用登记缺项"]
    tab.deadline_filter.setCurrentIndex(0)
    tab.person_filter.setText("王某")
    _settle(qtbot, tab)
    assert _texts(tab) == ["专项资金拨付不及时"]
    tab.person_filter.clear()
    tab.year_filter.setCurrentIndex(tab.year_filter.findData(2025))
    _settle(qtbot, tab)
    assert sorted(_texts(tab)) == ["“三重一大”事项会议记录不全", "公车使用登记缺项"]
    assert "整改完成率 <b>50.0%</b>" in tab.rate_label.text()


def test_navigation_from_home_or_a_chart_filters_by_unit_status_and_overdue(qtbot, page, ledger):
    tab = page.findings
    page.apply_navigation({"unit_id": ledger["finance"], "status": "in_progress"})
    _settle(qtbot, tab)
    assert _texts(tab) == ["公务接待无公函"]
    assert tab.unit_filter.currentText() == "财务科" and tab.status_filter.currentText() == "整改中"
    page.apply_navigation({"overdue": True})
    _settle(qtbot, tab)
    assert sorted(_texts(tab)) == ["公务接待无公函", "公车使用登记缺项"]
    page.apply_navigation({"resp_person_id": ledger["zhang"], "finding_id": ledger["working"]})
    _settle(qtbot, tab)
    assert _texts(tab) == ["公务接待无公函"] and tab.selected_row().id == ledger["working"]
    assert tab.only_label.isVisible()
    tab.clear_hidden_filters()
    _settle(qtbot, tab)
    assert len(_texts(tab)) == 5


def test_a_finding_entered_through_the_dialog_appears_in_the_ledger(qtbot, page, workspace, admin, ledger):
    dialog = FindingDialog(workspace, admin, inspection_id=ledger["check"], parent=page)
    qtbot.addWidget(dialog)
    assert dialog.found_on_edit.value() == dt.date(2026, 3, 5)      # the inspection's day
    assert dialog.source_combo.currentText() == "监督检查"
    dialog.unit_combo.set_current_data(ledger["museum"])
    dialog.category_combo.set_code("car")
    dialog.requirement_edit.setPlainText("立即整改")
    dialog.deadline_edit.check.setChecked(True)
    dialog.deadline_edit.edit.set_value(dt.date(2026, 7, 31))
    dialog.resp_leader_edit.setText("李副局长")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() or dialog.result() != dialog.DialogCode.Accepted
    assert dialog.error_text("description") == "问题描述不能为空。"
    assert dialog.requirement_edit.toPlainText() == "立即整改"          # nothing typed is lost
    dialog.description_edit.setPlainText("公车停放未入库")
    dialog.resp_person_combo.setEditText("馆办公室主任刘某")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    tab = page.findings
    tab.refresh(dialog.saved_id)
    _settle(qtbot, tab)
    row = tab.selected_row()
    assert (row.description, row.code, row.status_label) == ("公车停放未入库", "2026-004", "待整改")
    assert (row.unit_name, row.inspection_id, row.resp_person_name) == ("市博物馆", ledger["check"], "馆办公室主任刘某")
    assert row.deadline == dt.date(2026, 7, 31) and "共 6 个问题" == tab.count_label.text()


def test_the_workflow_through_the_dialogs(qtbot, workspace, admin, ledger):
    dialog = FindingDialog(workspace, admin, ledger["rectified"])
    qtbot.addWidget(dialog)
    assert dialog.panel.visible_steps() == ["验收销号", "验收未通过，退回整改"]
    close = StepDialog(workspace, admin, dialog.row, "closed", dialog)
    qtbot.addWidget(close)
    close.result_combo.setCurrentIndex(close.result_combo.findData("not_done"))
    close.accepted_by_edit.setText("纪委书记")
    assert not close.save()
    assert "未完成" in close.error_text("result")
    close.result_combo.setCurrentIndex(close.result_combo.findData("mostly"))
    assert not close.save()  # 基本完成: rectification goes on, no 销号
    assert "不能销号" in close.error_text("result")
    back = StepDialog(workspace, admin, dialog.row, "in_progress", dialog)
    qtbot.addWidget(back)
    back.result_combo.setCurrentIndex(back.result_combo.findData("mostly"))
    back.reason_edit.setPlainText("个别款项尚未追回")
    assert back.save()
    dialog.reload()
    assert dialog.row.status == "in_progress" and dialog.row.result_label == "基本完成"
    again = StepDialog(workspace, admin, dialog.row, "rectified", dialog)
    qtbot.addWidget(again)
    assert again.save()
    dialog.reload()
    close = StepDialog(workspace, admin, dialog.row, "closed", dialog)
    qtbot.addWidget(close)
    close.result_combo.setCurrentIndex(close.result_combo.findData("done"))
    close.accepted_by_edit.setText("纪委书记")
    assert close.save()
    dialog.reload()
    assert dialog.panel.visible_steps() == ["重新打开"]
    assert "已销号" in dialog.panel.status_label.text() and "已完成" in dialog.panel.status_label.text()
    assert dialog.panel.steps_model.rowCount() == 6
    reopen = StepDialog(workspace, admin, dialog.row, "in_progress", dialog)
    qtbot.addWidget(reopen)
    assert not reopen.save() and reopen.error_text("reason")
    reopen.reason_edit.setPlainText("回头看发现资金仍未拨付")
    assert reopen.save()
    dialog.reload()
    assert dialog.row.status == "in_progress" and dialog.panel.visible_steps() == ["整改完成，报请验收"]


def test_extension_and_progress_dialogs_keep_history(qtbot, workspace, admin, ledger):
    dialog = FindingDialog(workspace, admin, ledger["pending"])
    qtbot.addWidget(dialog)
    dialog.description_edit.setPlainText("考勤登记不规范（已核实）")   # typed, not yet saved
    extend = ExtensionDialog(workspace, admin, dialog.row, dialog)
    qtbot.addWidget(extend)
    extend.new_edit.set_value(dt.date(2026, 7, 15))
    assert not extend.save() and extend.error_text("reason")
    extend.reason_edit.setPlainText("需等待考勤系统升级")
    assert extend.save()
    progress = ProgressDialog(workspace, admin, dialog.row, dialog)
    qtbot.addWidget(progress)
    progress.text_edit.setPlainText("已约谈考勤管理员")
    assert progress.save()
    dialog.reload()
    assert dialog.panel.extensions_model.rowCount() == 1
    assert dialog.panel.progress_model.index(0, 1).data() == "已约谈考勤管理员"
    assert "2026-07-15" in dialog.panel.status_label.text()
    assert dialog.description_edit.toPlainText() == "考勤登记不规范（已核实）"
    assert dialog.save()  # the form saves after the steps (its version followed them)
    with workspace.reading() as s:
        row = fs.get_finding(s, ledger["pending"], TODAY)
    assert row.description == "考勤登记不规范（已核实）" and row.original_deadline == dt.date(2026, 6, 19)


def test_evidence_is_attached_and_listed(qtbot, workspace, admin, ledger, tmp_path):
    evidence = tmp_path / "整改报告.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence")
    dialog = FindingDialog(workspace, admin, ledger["working"])
    qtbot.addWidget(dialog)
    assert dialog.panel.add_file(evidence)
    assert dialog.panel.files_model.index(0, 0).data() == "整改报告.pdf"
    assert "佐证材料（1）" == dialog.panel.tabs.tabText(3)


def test_coverage_strip_flags_months_and_opens_a_month(qtbot, page, ledger):
    tab = page.inspections
    page.tabs.setCurrentWidget(tab)
    strip = tab.coverage
    assert strip.cell_text(2026, 3) == "3月 · 1次"
    assert strip.cell_text(2026, 1) == "1月 · 缺"      # only a 节前专项检查 in January
    assert strip.cell_text(2026, 6) == "6月 · 未查"    # the month under way
    assert strip.cell_text(2026, 7) == "7月"
    assert "background:#f8d7d7" in strip.cells[(2026, 2)].styleSheet()
    strip.cells[(2026, 3)].click()
    _settle(qtbot, tab)
    assert _texts(tab, 2) == ["3月份工作作风纪律检查"]
    tab.view.selectRow(0)
    tab.findings_action.trigger()
    assert page.tabs.currentWidget() is page.findings
    _settle(qtbot, page.findings)
    assert sorted(_texts(page.findings)) == ["公务接待无公函", "考勤登记不规范"]


def test_print_preview_is_the_filed_ledger_and_is_audited(qtbot, page, workspace, monkeypatch):
    from sqlalchemy import select

    from db.models import AuditEntry
    from ui import printing

    shown: list[str] = []
    monkeypatch.setattr(printing, "preview", lambda _p, _t, html: shown.append(html) or True)
    page.findings.print_rows()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    for header in ("问题", "责任单位", "责任人", "责任领导", "整改措施", "整改时限", "进展", "状态", "销号日期"):
        assert f"<th>{header}</th>" in shown[0]
    assert "2026-03-20 已制定整改方案" in shown[0]
    with workspace.reading() as s:
        assert s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "findings")
                         .order_by(AuditEntry.id.desc())).first() == "print"


def test_table_models_pass_the_model_tester(qtbot, qtmodeltester, page):
    for tab in (page.findings, page.inspections):
        qtmodeltester.check(tab.model, force_py=True)
    dialog = FindingDialog(page.ws, page.actor, page.findings.model.row_at(0).id)
    qtbot.addWidget(dialog)
    for model in (dialog.panel.steps_model, dialog.panel.progress_model, dialog.panel.extensions_model):
        qtmodeltester.check(model, force_py=True)


def test_navigation_from_a_reminder_or_a_search_hit(qtbot, page, ledger):
    # 首页's reminder of a month without a 工作作风纪律检查, and a search hit on an inspection.
    page.apply_navigation({"year": 2026, "month": 3})
    tab = page.inspections
    assert page.tabs.currentWidget() is tab
    _settle(qtbot, tab)
    assert _texts(tab, 2) == ["3月份工作作风纪律检查"] and tab.month_label.text() == "仅显示：2026年3月"
    page.apply_navigation({"inspection_id": ledger["check"]})
    _settle(qtbot, tab)
    assert len(_texts(tab, 2)) == 2 and tab.selected_row().id == ledger["check"]
    page.apply_navigation({"finding_id": ledger["closed"]})  # a search hit on a finding
    assert page.tabs.currentWidget() is page.findings
    _settle(qtbot, page.findings)
    assert page.findings.selected_row().id == ledger["closed"]


def test_a_viewer_reads_but_cannot_act(qtbot, workspace, viewer, ledger):
    dialog = FindingDialog(workspace, viewer, ledger["working"])
    qtbot.addWidget(dialog)
    assert dialog.read_only and dialog.save_button is None
    assert not dialog.description_edit.isEnabled()
    buttons = [b for b in dialog.panel.step_buttons.values() if not b.isHidden()]
    assert [b.text() for b in buttons] == ["整改完成，报请验收"] and not any(b.isEnabled() for b in buttons)
    assert not dialog.panel.extend_button.isEnabled() and not dialog.panel.file_buttons["add"].isEnabled()
    page = InspectionsPage(workspace, viewer)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(page.is_ready, timeout=10_000)
    page.findings.view.selectRow(0)
    assert not page.findings.handle_button.isEnabled()
    assert not page.findings.actions_by_key["new"].isEnabled()
    assert page.findings.actions_by_key["edit"].text() == "查看"


def test_a_finding_names_the_risk_point_it_shows(qtbot, workspace, admin, ledger):
    """The form offers the unit's risk points; the chosen one is saved with the finding."""
    from app.registers.findings import query as fs
    from app.registers.risks.query import get_risk
    from app.registers.risks.types import RiskDraft
    from app.registers.risks.write import save_risk

    with workspace.writing() as s:
        assessment = save_risk(s, admin, RiskDraft(unit_id=ledger["museum"], name="公车管理", year=2026,
                                                   category="duty", level=2, post="办公室主任"),
                               dt.date(2026, 3, 1))
        point_id = get_risk(s, assessment).point_id
    dialog = FindingDialog(workspace, admin)
    qtbot.addWidget(dialog)
    dialog.unit_combo.set_current_data(ledger["museum"])
    labels = [dialog.risk_combo.itemText(i) for i in range(dialog.risk_combo.count())]
    assert labels[0] == "（不关联风险点）" and any("公车管理（办公室主任）" in x for x in labels[1:])
    dialog.risk_combo.set_current_data(point_id)
    dialog.description_edit.setPlainText("公车停放未入库")
    assert dialog.save()
    with workspace.reading() as s:
        assert fs.get_finding(s, dialog.saved_id, dt.date(2026, 6, 15)).risk_point_id == point_id
