"""谈话统计 on 统计图表: bar heights are the direct counts of 次 and 人次; a click opens the talks."""
from __future__ import annotations

import datetime as dt

from app.registers.talks import write as svc
from ui.charts.registry import CHARTS
from ui.pages.charts_page import ChartsPage

SPEC = next(s for s in CHARTS if s.key == "talks")


def _talks(ws, actor, bureau) -> None:  # noqa: ANN001
    P = svc.ParticipantDraft
    entries = [  # (day, kind, talkees)
        (dt.date(2026, 3, 2), "heart", [bureau.zhang_san]),
        (dt.date(2026, 3, 9), "heart", [bureau.li_si]),
        (dt.date(2026, 3, 20), "integrity", [bureau.zhang_san, bureau.li_si, bureau.wang_wu]),
        (dt.date(2026, 5, 6), "reminder", [bureau.wang_wu]),
        (dt.date(2025, 5, 6), "reminder", [bureau.wang_wu]),  # another year: not on the chart
    ]
    with ws.writing() as s:
        for day, kind, people in entries:
            svc.save_talk(s, actor, svc.TalkDraft(
                kind=kind, talk_date=day, talkees=tuple(P(person_id=p) for p in people),
                talkers=(P(person_id=bureau.zhang_wei_museum),), content="内容"))


def _heights(panel) -> dict[tuple[str, int], float]:  # noqa: ANN001
    return {(p["kind"], p["month"]): artist.get_height() for artist, p in panel.chart.pickables()}


def test_monthly_bars_count_talks_then_talkees_and_a_click_opens_the_month(qtbot, workspace, admin, bureau):
    _talks(workspace, admin, bureau)
    page = ChartsPage(workspace, admin, charts=[SPEC])
    qtbot.addWidget(page)
    page.resize(1100, 650)
    with qtbot.waitSignal(page.ready, timeout=10_000):
        page.show()
    panel = page.current_panel()
    assert panel.year_filter.year() == 2026
    assert _heights(panel) == {("heart", 3): 2, ("integrity", 3): 1, ("reminder", 5): 1}  # 次
    assert panel.total_label.text() == "全年合计：4 次，6 人次"
    panel.measure_combo.setCurrentIndex(1)  # 人次
    assert _heights(panel) == {("heart", 3): 2, ("integrity", 3): 3, ("reminder", 5): 1}
    integrity = next(a for a, p in panel.chart.pickables() if p["kind"] == "integrity")
    with qtbot.waitSignal(page.navigate_requested) as signal:
        panel.chart.click(integrity)
    assert signal.args == ["talks", {"kind": "integrity", "start": dt.date(2026, 3, 1),
                                     "end": dt.date(2026, 3, 31)}]


def test_unit_bars_count_each_units_talkees(qtbot, workspace, admin, bureau):
    _talks(workspace, admin, bureau)
    page = ChartsPage(workspace, admin, charts=[SPEC])
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.ready, timeout=10_000):
        page.show()
    panel = page.current_panel()
    with qtbot.waitSignal(panel.ready, timeout=10_000):
        panel.view_combo.setCurrentIndex(1)
    widths = {(p["unit_id"], p["kind"]): a.get_width() for a, p in panel.chart.pickables()}
    assert widths == {(bureau.finance, "heart"): 1, (bureau.finance, "integrity"): 1,
                      (bureau.office, "heart"): 1, (bureau.office, "integrity"): 1,
                      (bureau.museum_desk, "integrity"): 1, (bureau.museum_desk, "reminder"): 1}
