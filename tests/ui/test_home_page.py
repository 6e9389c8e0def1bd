"""首页 as a clerk uses it: the figures open their registers filtered, the chart is drawn after
the first paint and opens the risk register, reminders open their record, are marked done (how)
or snoozed, and the done ones can be seen and reopened."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app import reminders as rem
from app.registers.inspections import types as inspections_types
from app.registers.inspections import write as inspections_write
from app.registers.risks.types import RiskDraft
from app.registers.risks.write import save_risk
from tests.conftest import TODAY
from tests.unit import finding_helpers as fh
from ui.main_window import MainWindow
from ui.pages.home_page import HomePage

D = dt.date


@pytest.fixture
def data(workspace, admin) -> dict[str, int]:
    office = fh.unit(workspace, admin, "办公室", sort_order=1)
    museum = fh.unit(workspace, admin, "市博物馆", "affiliate", sort_order=1)
    with workspace.writing() as s:
        for unit, name, level in ((office, "公文处理", 1), (museum, "门票收入", 2), (museum, "文物出入库", 1)):
            save_risk(s, admin, RiskDraft(unit_id=unit, name=name, year=2026, category="duty", level=level), TODAY)
        inspections_write.save_inspection(s, admin, inspections_types.InspectionDraft(D(2026, 6, 3), "style", "6月作风检查"), TODAY)
    overdue = fh.finding(workspace, admin, office, deadline=D(2026, 6, 1), description="公务用车登记不全")
    soon = fh.finding(workspace, admin, museum, deadline=D(2026, 6, 18), description="值班记录缺页")
    return {"office": office, "museum": museum, "overdue": overdue, "soon": soon}


@pytest.fixture
def window(qtbot, workspace, admin, data):  # noqa: ARG001 — data first
    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show_start_page()
    window.show()
    page = window.current_page()
    assert isinstance(page, HomePage)
    qtbot.waitUntil(page.is_ready, timeout=15_000)
    return window


def _reload(qtbot, page: HomePage) -> None:
    qtbot.waitUntil(lambda: page.is_ready() and not page._reload, timeout=10_000)


def test_home_is_the_start_page_with_the_figures(window):
    page = window.current_page()
    values = {key: (card.value_text(), card.note.text()) for key, card in page.cards.items()}
    assert values["level1"] == ("2", "2026年") and values["top_units"] == ("2", "2026年")
    assert values["open_findings"][0] == "2" and values["overdue"][0] == "1"
    assert values["talks"] == ("0 次 / 0 人次", "2026年6月")
    assert values["style"] == ("1 次", "2026年6月")
    assert values["first_form"] == ("0 人次", "2026年")
    assert "#c0392b" in page.cards["overdue"].value_label.styleSheet()      # overdue shows red
    assert not any("待办提醒" in w.text() for w in window.statusBar().findChildren(QLabel))  # once: on the page


def test_a_figure_opens_its_register_filtered(qtbot, window, data):
    page = window.current_page()
    qtbot.mouseClick(page.cards["overdue"], Qt.MouseButton.LeftButton)
    assert window.current_key() == "inspections"
    findings = window.current_page().findings
    qtbot.waitUntil(findings.is_ready, timeout=10_000)
    assert findings.current_filter().deadline == "overdue"
    assert [findings.model.row_at(i).id for i in range(findings.model.rowCount())] == [data["overdue"]]
    window.show_page("home")
    qtbot.mouseClick(page.cards["level1"], Qt.MouseButton.LeftButton)
    risks = window.current_page()
    qtbot.waitUntil(risks.is_ready, timeout=10_000)
    assert sorted(risks.model.row_at(i).name for i in range(risks.model.rowCount())) == ["公文处理", "文物出入库"]


def test_the_chart_is_drawn_after_the_first_paint_and_opens_the_register(qtbot, workspace, admin, data):
    page = HomePage(workspace, admin)
    qtbot.addWidget(page)
    assert page.chart is None                 # nothing of matplotlib before the page is painted
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(page.is_ready, timeout=15_000)
    assert page.chart is not None and not page.placeholder.isVisible()
    payloads = [p for _a, p in page.chart.pickables()]
    assert {"unit_id": data["museum"], "level": 1, "year": 2026} in payloads
    opened: list[tuple[str, dict]] = []
    page.navigate_requested.connect(lambda key, filters: opened.append((key, filters)))
    artist = next(a for a, p in page.chart.pickables() if p["unit_id"] == data["office"])
    page.chart.click(artist)
    assert opened == [("risks", {"unit_id": data["office"], "level": 1, "year": 2026, "status": "confirmed"})]


def test_a_reminder_opens_its_record(qtbot, window, data):
    panel = window.current_page().reminders
    rows = panel.open_model.rows()
    assert [r.urgency for r in rows] == sorted(r.urgency for r in rows)   # the most urgent first
    assert panel.selected() is rows[0]                                     # selected: Enter opens it
    keys = [r.key for r in rows]
    assert f"finding-due:{data['soon']}:2026-06-18" in keys
    assert panel.select_key(f"finding-overdue:{data['overdue']}:2026-06-01")
    qtbot.keyClick(panel.open_view, Qt.Key.Key_Return)
    assert window.current_key() == "inspections"
    findings = window.current_page().findings
    qtbot.waitUntil(findings.is_ready, timeout=10_000)
    assert findings.selected_row().id == data["overdue"]


def test_mark_done_with_how_then_see_it_in_the_record_and_reopen(qtbot, window, data):
    page = window.current_page()
    panel = page.reminders
    key = f"finding-overdue:{data['overdue']}:2026-06-01"
    panel.select_key(key)
    dialog = panel.make_done_dialog()
    qtbot.addWidget(dialog)
    dialog.how_combo.setEditText("  ")
    assert not dialog.save() and "处理方式" in dialog.error_text("how")   # the message by the field
    dialog.how_combo.setEditText("已发督办函")
    assert dialog.save()
    _reload(qtbot, page)
    assert key not in [r.key for r in panel.open_model.rows()]
    qtbot.mouseClick(panel.history_button, Qt.MouseButton.LeftButton)
    assert panel.showing_done() and panel.stack.currentWidget() is panel.done_view
    (record,) = panel.done_model.rows()
    assert (record.kind, record.title, record.how, record.done_by) == \
        ("整改逾期", "办公室：公务用车登记不全", "已发督办函", "管理员甲")
    panel.done_view.selectRow(0)
    qtbot.mouseClick(panel.reopen_button, Qt.MouseButton.LeftButton)
    _reload(qtbot, page)
    assert panel.done_model.rowCount() == 0
    qtbot.mouseClick(panel.history_button, Qt.MouseButton.LeftButton)
    assert key in [r.key for r in panel.open_model.rows()]


def test_snooze_hides_a_reminder_until_its_day(qtbot, window, workspace, admin, data):
    page = window.current_page()
    panel = page.reminders
    key = f"finding-due:{data['soon']}:2026-06-18"
    assert panel.select_key(key)
    action = next(a for a in panel.snooze_button.menu().actions() if a.text() == "三天后")
    action.trigger()
    _reload(qtbot, page)
    assert key not in [r.key for r in panel.open_model.rows()]
    with workspace.reading() as s:
        later = [r.key for r in rem.reminders(s, admin, D(2026, 6, 18), workspace.settings)]
    assert key in later


def test_a_viewer_opens_reminders_but_cannot_act(qtbot, workspace, viewer, data):  # noqa: ARG001
    page = HomePage(workspace, viewer)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(page.is_ready, timeout=15_000)
    panel = page.reminders
    assert panel.selected() is not None and panel.open_button.isEnabled()
    assert not panel.done_button.isEnabled() and not panel.snooze_button.isEnabled()


def test_reminder_models_pass_the_model_tester(qtmodeltester, window):
    panel = window.current_page().reminders
    assert panel.open_model.rowCount() > 0
    qtmodeltester.check(panel.open_model, force_py=True)
    qtmodeltester.check(panel.done_model, force_py=True)


@pytest.mark.sqlite_only
def test_a_failed_daily_backup_is_said_on_home_until_one_succeeds(qtbot, workspace, admin):
    """The daily backup failed (a full disk): 首页 says so, the work goes on; a backup that
    succeeds clears it."""
    import json

    from app.workspace.backups import FAILURE_FILE, backup_on_open

    (workspace.data_dir / FAILURE_FILE).write_text(json.dumps(
        {"at": "2026-06-15T08:30:00", "error": "磁盘空间不足，无法写入备份。"}, ensure_ascii=False), "utf-8")
    page = HomePage(workspace, admin)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None and not page._loading, timeout=10000)
    assert page.backup_label.isVisible()
    assert page.backup_label.text().startswith("⚠ 2026-06-15 的每日自动备份没有完成：磁盘空间不足")
    assert backup_on_open(workspace) is not None and workspace.backup_problem == ""
    page.refresh()
    qtbot.waitUntil(lambda: not page._loading and not page.backup_label.isVisible(), timeout=10000)
