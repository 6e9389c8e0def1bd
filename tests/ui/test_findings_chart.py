"""统计图表 — 各单位问题整改情况: status and 整改完成率 by unit from the real ledger; a click on a
segment opens the findings it counts."""
from __future__ import annotations

from tests.unit.finding_helpers import sample_ledger
from ui.charts.registry import CHARTS
from ui.pages.charts_page import ChartsPage


def test_chart_counts_status_by_unit_and_a_click_lists_those_findings(qtbot, workspace, admin):
    from ui.main_window import MainWindow

    ids = sample_ledger(workspace, admin)
    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    window.resize(1280, 760)
    window.show()
    page = window.page("charts")
    assert isinstance(page, ChartsPage) and page.show_chart("findings_by_unit")
    window.show_page("charts")
    qtbot.waitUntil(page.is_ready, timeout=10_000)
    panel = page.current_panel()
    by_unit = {u.unit_name: u.stats for u in panel.data["units"]}
    # 责任单位 when set: 公务接待无公函 belongs to 财务科 although found in 办公室.
    assert {k: (s.total, s.done, s.in_progress) for k, s in by_unit.items()} == {
        "办公室": (1, 1, 0), "财务科": (2, 0, 1), "市博物馆": (2, 0, 1)}
    assert "整改完成率 20%" in panel.chart.figure.axes[0].get_title()
    texts = [t.get_text().strip() for t in panel.chart.figure.axes[0].texts]
    assert texts.count("100%") == 1 and texts.count("0%") == 2
    segments = {(p["unit_id"], p["status"]): artist for artist, p in panel.chart.pickables()}
    bar = segments[(ids["finance"], "in_progress")]
    assert bar.get_width() == 1
    findings = window.page("inspections")
    with qtbot.waitSignal(findings.findings.model.loaded, timeout=10_000):
        panel.chart.click(bar)
    assert window.current_key() == "inspections"
    qtbot.waitUntil(findings.is_ready, timeout=10_000)
    rows = [findings.findings.model.row_at(r) for r in range(findings.findings.model.rowCount())]
    assert [r.description for r in rows] == ["公务接待无公函"]


def test_the_findings_chart_is_registered_once():
    assert [c.key for c in CHARTS].count("findings_by_unit") == 1
