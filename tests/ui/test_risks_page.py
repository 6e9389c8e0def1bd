"""廉政风险点 and its chart, driven as a clerk would: the default year, counts of confirmed
points only, 防控等级 in the tree, a clicked chart segment filtering the table, the form's level
reason and history, the 排查 dialog."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.registers.risks.review import start_review
from app.registers.risks.types import RiskDraft
from app.registers.risks.write import save_risk
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from tests.conftest import TODAY
from ui.charts.registry import CHARTS
from ui.pages.charts_page import ChartsPage
from ui.pages.risks_page import RisksPage


@dataclass(frozen=True)
class Register:
    office: int
    finance: int
    museum: int


@pytest.fixture
def register(workspace, admin) -> Register:
    """2025 confirmed: 办公室 二级+三级, 财务科 一级+一级+三级, 市博物馆 二级.
    2026: the 排查 started (all drafts) and 财务科's drafts confirmed."""
    with workspace.writing() as s:
        office, finance = (units_write.save_unit(s, admin, units_types.UnitDraft(name=n, kind="office", sort_order=i))
                           for i, n in enumerate(("办公室", "财务科")))
        museum = units_write.save_unit(s, admin, units_types.UnitDraft(name="市博物馆", kind="affiliate"))
        for unit, name, level in ((office, "公务接待", 2), (office, "公车管理", 3), (finance, "资金拨付", 1),
                                  (finance, "预算执行", 1), (finance, "票据管理", 3), (museum, "藏品管理", 2)):
            save_risk(s, admin, RiskDraft(unit_id=unit, name=name, year=2025, category="process",
                                          level=level, measures=("集体决策", "结果公示")), TODAY)
        start_review(s, admin, 2026, TODAY)
        from app.registers.risks.review import confirm_review

        confirm_review(s, admin, 2026, finance)
    return Register(office, finance, museum)


def _open(qtbot, page):
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitUntil(page.is_ready, timeout=10_000)
    return page


def _rows(page):
    return [page.model.row_at(r) for r in range(page.model.rowCount())]


def _reloaded(qtbot, page):
    return qtbot.waitSignal(page.ready, timeout=10_000)


def test_page_opens_on_the_latest_confirmed_year_and_counts_confirmed_only(qtbot, workspace, admin, register):
    page = _open(qtbot, RisksPage(workspace, admin))
    assert page.year_combo.currentText() == "2026年"
    assert len(_rows(page)) == 6  # drafts are listed …
    assert page.count_label.text().startswith("共 6 条　已确认：一级 2　二级 0　三级 1")  # … not counted
    assert "草稿 3 条待确认" in page.count_label.text()
    tree = page.unit_tree
    assert tree.item_of(register.finance).text(1) == "一级"
    assert tree.item_of(register.office).text(1) == ""  # only drafts in 2026: no 防控等级 yet

    with _reloaded(qtbot, page):
        page.year_combo.setCurrentIndex(page.year_combo.findData(2025))
    assert page.count_label.text().startswith("共 6 条　已确认：一级 2　二级 2　三级 2")
    assert [tree.item_of(u).text(1) for u in (register.office, register.finance, register.museum)] == \
        ["二级", "一级", "二级"]


def test_filters_level_status_and_top_control_units(qtbot, workspace, admin, register):
    page = _open(qtbot, RisksPage(workspace, admin))
    with _reloaded(qtbot, page):
        page.top_check.setChecked(True)
    assert {r.unit_name for r in _rows(page)} == {"财务科"} and len(_rows(page)) == 3
    with _reloaded(qtbot, page):
        page.top_check.setChecked(False)
    with _reloaded(qtbot, page):
        page.status_combo.setCurrentIndex(page.status_combo.findData("draft"))
    assert sorted(r.name for r in _rows(page)) == ["公务接待", "公车管理", "藏品管理"]
    with _reloaded(qtbot, page):
        page.level_combo.setCurrentIndex(page.level_combo.findData(3))
    assert [r.name for r in _rows(page)] == ["公车管理"]


def test_register_model_passes_modeltester(qtbot, qtmodeltester, workspace, admin, register):
    page = _open(qtbot, RisksPage(workspace, admin))
    qtmodeltester.check(page.model, force_py=True)


def test_a_clicked_chart_segment_opens_the_register_filtered_to_it(qtbot, workspace, admin, register):
    from ui.main_window import MainWindow

    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    charts = window.page("charts")
    assert isinstance(charts, ChartsPage)
    with qtbot.waitSignal(charts.ready, timeout=10_000):
        window.show_page("charts")
    panel = charts.current_panel()
    assert [(u.unit_name, u.counts) for u in panel.data.rows] == [("财务科", (2, 0, 1))]
    with qtbot.waitSignal(charts.ready, timeout=10_000):
        panel.year_combo.setCurrentIndex(panel.year_combo.findData(2025))
    segments = {(p["unit_id"], p["level"]): artist for artist, p in panel.chart.pickables()}
    assert {k: round(a.get_width()) for k, a in segments.items()} == {
        (register.finance, 1): 2, (register.finance, 3): 1, (register.office, 2): 1,
        (register.office, 3): 1, (register.museum, 2): 1}
    assert [u.unit_name for u in panel.data.rows] == ["财务科", "办公室", "市博物馆"]  # by severity
    heights = {unit: artist.get_y() for (unit, _level), artist in segments.items()}
    assert heights[register.finance] > heights[register.office] > heights[register.museum]  # on top

    risks = window.page("risks")
    qtbot.waitUntil(risks.is_ready, timeout=10_000)
    with qtbot.waitSignal(risks.ready, timeout=10_000):
        panel.chart.click(segments[(register.finance, 1)])
    assert window.current_key() == "risks"
    rows = _rows(risks)
    assert [(r.unit_name, r.level, r.year, r.status) for r in rows] == [("财务科", 1, 2025, "confirmed")] * 2
    assert risks.year_combo.currentText() == "2025年" and risks.level_combo.currentData() == 1


def test_the_form_asks_a_reason_for_a_new_level_and_shows_the_history(qtbot, workspace, admin, register):
    from ui.dialogs.risk_dialog import RiskDialog

    page = _open(qtbot, RisksPage(workspace, admin))
    row = next(r for r in _rows(page) if r.name == "公务接待")
    dialog = RiskDialog(workspace, admin, row=row, parent=page)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.reason_edit.isEnabled()
    dialog.likelihood_spin.setValue(4)
    dialog.consequence_spin.setValue(4)
    assert "建议：一级（评分 16" in dialog.suggestion_label.text()
    assert dialog.level_combo.currentData() == 2  # a suggestion, not a decision
    dialog.adopt_button.click()
    assert dialog.level_combo.currentData() == 1 and dialog.reason_edit.isEnabled()
    dialog.measures_edit.setPlainText("1. 集体决策\n2. 结果公示\n3. 事后抽查")
    assert not dialog.save()
    assert "请填写调整原因" in dialog.error_text("level_reason")
    assert dialog.measures_edit.toPlainText().endswith("事后抽查")  # nothing typed is lost
    dialog.reason_edit.setText("巡察指出接待超标")
    assert dialog.save()

    with _reloaded(qtbot, page):
        page.refresh(row.id)
    saved = next(r for r in _rows(page) if r.name == "公务接待")
    assert (saved.level, saved.measures) == (1, ("集体决策", "结果公示", "事后抽查"))
    again = RiskDialog(workspace, admin, row=saved, parent=page)
    qtbot.addWidget(again)
    history = [(h.year, h.from_text, h.to_text, h.reason) for h in again.history_model.rows()]
    assert history == [(2025, "—", "二级", "首次评定"), (2026, "二级", "一级", "巡察指出接待超标")]
    assert "2025年 二级（已确认）" in again.years_label.text() and "2026年 一级（草稿）" in again.years_label.text()


def test_review_dialog_confirms_one_unit_then_it_counts(qtbot, workspace, admin, register, shown_messages):
    from ui.dialogs.risk_review_dialog import ReviewDialog

    dialog = ReviewDialog(workspace, admin, 2026)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=10_000)
    lines = {line.unit_name: (line.drafts, line.confirmed) for line in dialog.lines()}
    assert lines == {"办公室": (2, 0), "财务科": (0, 3), "市博物馆": (1, 0)}
    assert dialog.current_line().unit_name == "办公室"  # the first unit with drafts
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.confirm_unit_button.click()
    assert {line.unit_name: line.drafts for line in dialog.lines()} == {"办公室": 0, "财务科": 0, "市博物馆": 1}
    assert dialog.changed_year == 2026 and "已确认 2 条" in shown_messages.texts("inform")[-1]

    page = _open(qtbot, RisksPage(workspace, admin))
    assert page.count_label.text().startswith("共 6 条　已确认：一级 2　二级 1　三级 2")


def test_retiring_keeps_the_record_and_stops_counting_it(qtbot, workspace, admin, register):
    from ui.dialogs.risk_dialog import RetireDialog

    page = _open(qtbot, RisksPage(workspace, admin))
    row = next(r for r in _rows(page) if r.name == "票据管理")
    dialog = RetireDialog(workspace, admin, row, parent=page)
    qtbot.addWidget(dialog)
    dialog.reason_edit.setText("票据电子化")
    assert dialog.save()
    with _reloaded(qtbot, page):
        page.refresh()
    assert "票据管理" not in [r.name for r in _rows(page)]
    assert page.count_label.text().startswith("共 5 条　已确认：一级 2　二级 0　三级 0")
    with _reloaded(qtbot, page):
        page.status_combo.setCurrentIndex(page.status_combo.findData("retired"))
    assert [(r.name, r.status_label) for r in _rows(page)] == [("票据管理", "已停用")]
    page.view.selectRow(0)
    assert page.actions_by_key["deactivate"].text() == "启用"


def test_the_chart_is_registered_and_draws_its_title(qtbot, workspace, admin, register):
    assert [c.key for c in CHARTS][:1] == ["risk_levels"]
    page = ChartsPage(workspace, admin)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.ready, timeout=10_000):
        page.show()
    title = page.current_panel().chart.figure.axes[0].get_title()
    assert title == "2026年 各单位廉政风险点等级分布（已确认）"


def test_print_holds_every_row_with_levels_and_measures(qtbot, workspace, admin, register):
    from ui import printing

    page = _open(qtbot, RisksPage(workspace, admin))
    with workspace.reading() as s:
        rows = page.model.all_rows(s)
    document = printing.rows_html(page.TITLE, "测试局", page.model.columns, rows, TODAY)
    assert document.count("<tr>") == 7  # the header and six rows
    assert "一级" in document and "集体决策；结果公示" in document and "草稿" in document


def test_after_an_import_the_page_shows_the_year_and_units_it_filed(qtbot, workspace, admin, register):
    """Points of 2025 imported into a unit the import created, while the page shows 2026: the
    page moves to 2025, shows those points only, and the tree knows the new unit."""
    from app.registers.risks import query as risks_query
    from app.registers.risks.types import RiskFilter

    page = _open(qtbot, RisksPage(workspace, admin))
    assert page.year == 2026
    with workspace.writing() as s:  # what an import of a 2025 sheet writes
        archive = units_write.save_unit(s, admin, units_types.UnitDraft(name="档案室", kind="office"))
        new = [save_risk(s, admin, RiskDraft(unit_id=archive, name=n, year=2025, category="process", level=2),
                         TODAY) for n in ("档案借阅", "档案销毁")]
    with _reloaded(qtbot, page):
        page.show_only(new, "正在显示刚导入的 2 条记录")
    qtbot.waitUntil(page.is_ready, timeout=10_000)
    assert page.year == 2025 and sorted(r.id for r in _rows(page)) == sorted(new)
    assert page.unit_tree.item_of(archive) is not None
    assert "档案室" in page.unit_tree.item_of(archive).text(0)
    with workspace.reading() as s:
        assert len(risks_query.search_risk_ids(s, admin, RiskFilter(year=2025))) == 8
