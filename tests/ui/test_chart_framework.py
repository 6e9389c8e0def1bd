"""The chart framework: data off the GUI thread, clickable bars that navigate, export."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from ui.charts.panel import ChartPanel
from ui.charts.registry import ChartSpec
from ui.pages.charts_page import ChartsPage


class PeopleByKindChart(ChartPanel):
    """A test chart over real data: active people per unit kind."""

    KEY, TITLE, TARGET_PAGE = "people_by_kind", "人员按单位类别", "people"

    def build_filters(self, bar):
        self.kind = QComboBox()
        bar.addWidget(self.kind)

    def fetch(self, session):
        from app.registers.units.query import list_units

        counts: dict[str, int] = {}
        for unit in list_units(session):
            counts[unit.kind_label] = counts.get(unit.kind_label, 0) + unit.people_count
        return counts

    def plot(self, figure, data):
        ax = figure.add_subplot()
        bars = ax.barh(list(data), list(data.values()))
        ax.set_title(self.TITLE)
        return [(bar, {"unit_kind": label}) for bar, label in zip(bars, data)]


SPEC = ChartSpec("people_by_kind", "人员按单位类别", f"{__name__}:PeopleByKindChart")


def _people(ws, actor):
    from app.registers.people import types as people_types
    from app.registers.people import write as people_write
    from app.registers.units import types as units_types
    from app.registers.units import write as units_write

    with ws.writing() as s:
        a = units_write.save_unit(s, actor, units_types.UnitDraft(name="办公室", kind="office"))
        b = units_write.save_unit(s, actor, units_types.UnitDraft(name="市博物馆", kind="affiliate"))
        for i in range(3):
            people_write.save_person(s, actor, people_types.PersonDraft(name=f"甲{i}", unit_id=a))
        people_write.save_person(s, actor, people_types.PersonDraft(name="乙", unit_id=b))


def test_chart_draws_real_counts_and_a_click_navigates(qtbot, workspace, admin):
    _people(workspace, admin)
    page = ChartsPage(workspace, admin, charts=[SPEC])
    qtbot.addWidget(page)
    page.resize(1000, 600)
    with qtbot.waitSignal(page.ready, timeout=10_000):
        page.show()
    panel = page.current_panel()
    assert panel.data == {"局机关科室": 3, "直属单位": 1}
    pickables = panel.chart.pickables()
    assert sorted(p["unit_kind"] for _, p in pickables) == ["局机关科室", "直属单位"]
    widths = {p["unit_kind"]: artist.get_width() for artist, p in pickables}
    assert widths == {"局机关科室": 3, "直属单位": 1}
    with qtbot.waitSignal(page.navigate_requested) as signal:
        panel.chart.click(next(a for a, p in pickables if p["unit_kind"] == "直属单位"))
    assert signal.args == ["people", {"unit_kind": "直属单位"}]


def test_chart_bars_are_reached_and_opened_by_keyboard(qtbot, workspace, admin):
    from PySide6.QtCore import Qt

    _people(workspace, admin)
    page = ChartsPage(workspace, admin, charts=[SPEC])
    qtbot.addWidget(page)
    page.resize(1000, 600)
    with qtbot.waitSignal(page.ready, timeout=10_000):
        page.show()
    canvas = page.current_panel().chart.canvas
    assert canvas.focusPolicy() & Qt.FocusPolicy.TabFocus  # Tab reaches the chart
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    chosen = page.current_panel().chart.chosen()
    artist = next(a for a, p in page.current_panel().chart.pickables() if p == chosen)
    assert artist.get_linewidth() == 2.5 and "第 2 / 2 项" in canvas.toolTip()
    with qtbot.waitSignal(page.navigate_requested) as signal:
        qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert signal.args == ["people", chosen]
    qtbot.keyClick(canvas, Qt.Key.Key_Left)
    assert artist.get_linewidth() != 2.5  # the mark moved on


def test_chart_exports_png_svg_pdf_and_audits(qtbot, workspace, admin, tmp_path):
    page = ChartsPage(workspace, admin, charts=[SPEC])
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.ready, timeout=10_000):
        page.show()
    panel = page.current_panel()
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")):
        saved = panel.export_to(tmp_path / f"chart{suffix}")
        assert saved.read_bytes().startswith(magic)
    from db.models import AuditEntry  # noqa: F401 — tests may read the database directly

    with workspace.reading() as s:
        exports = s.query(AuditEntry).filter_by(action="export", entity="chart").count()
    assert exports == 3


def test_main_window_navigates_to_a_filtered_page(qtbot, workspace, admin):
    from ui.main_window import MainWindow

    _people(workspace, admin)
    with workspace.reading() as s:
        from app.registers.units.query import unit_ids_by_name

        museum = unit_ids_by_name(s)["市博物馆"]
    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    window.show()
    page = window.page("people")
    with qtbot.waitSignal(page.ready, timeout=10_000):
        assert window.navigate("people", {"unit_id": museum})
    assert window.current_key() == "people"
    assert [page.model.row_at(page.model.index(r, 0)).name for r in range(page.model.rowCount())] == ["乙"]
