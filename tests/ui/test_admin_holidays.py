"""系统管理 › 节假日安排: the year's 放假 ranges beside the computed festival days, a year not yet
entered marked, entering and correcting ranges, 调休 working days; read-only for 查阅."""
from __future__ import annotations

import datetime as dt

from app.registers.holidays import query as h
from ui.pages.admin_page import AdminPage

D = dt.date


def _page(qtbot, workspace, actor) -> AdminPage:
    """系统管理 opened on 节假日安排 for 2027, as a 首页 reminder opens it."""
    page = AdminPage(workspace, actor)
    qtbot.addWidget(page)
    page.apply_navigation({"tab": "holidays", "year": 2027})
    assert page.tabs.currentWidget() is page.holiday_tab
    return page


def test_a_year_not_entered_is_marked_and_entered_here(qtbot, workspace, editor, shown_messages):
    page = _page(qtbot, workspace, editor)
    tab = page.holiday_tab
    assert "2027年的放假安排尚未录入" in tab.state.text()
    assert tab.missing.text() == "尚未录入的年份：2027年"
    spring = tab.rows["spring"]
    assert tab.computed["spring"].text() == "2027-02-06 周六"
    assert not spring.enter.isChecked() and spring.days.text() == "—"
    spring.first.set_value(D(2027, 2, 5))
    spring.last.set_value(D(2027, 2, 12))
    assert spring.enter.isChecked() and spring.days.text() == "8 天"     # editing ticks 录入
    assert tab.save()
    assert shown_messages.texts("inform") == ["2027年的放假安排已保存（1 个节日）。"]
    with workspace.reading() as s:
        year = h.holiday_year(s, 2027)
    entered = next(f for f in year.festivals if f.festival == "spring").entered
    assert (entered.first_day, entered.last_day, entered.source) == (D(2027, 2, 5), D(2027, 2, 12), "user")
    assert "已录入 1/7" in tab.state.text() and tab.rows["spring"].enter.text() == "已录入"


def test_a_bad_range_is_refused_by_the_row_and_nothing_is_saved(qtbot, workspace, editor):
    page = _page(qtbot, workspace, editor)
    tab = page.holiday_tab
    tab.rows["new_year"].enter.setChecked(True)
    national = tab.rows["national"]
    national.first.set_value(D(2027, 10, 7))
    national.last.set_value(D(2027, 10, 1))
    assert not tab.save()
    assert tab.error.text() == "国庆节：放假结束日期不能早于开始日期。"
    with workspace.reading() as s:
        assert h.holiday_year(s, 2027).entered_count == 0                   # all or none


def test_tiaoxiu_days_added_and_removed(qtbot, workspace, editor, shown_messages):
    page = _page(qtbot, workspace, editor)
    tab = page.holiday_tab
    assert tab.new_day.value() == D(2027, 1, 2)            # the year's first Saturday is offered
    tab.new_day.set_value(D(2027, 2, 20))
    tab.new_festival.setCurrentIndex(tab.new_festival.findData("spring"))
    assert tab.add_workday()
    assert tab.workdays.item(0).text() == "2027-02-20 周六　春节"
    tab.new_day.set_value(D(2027, 2, 22))                  # a Monday
    assert not tab.add_workday()
    assert shown_messages.texts("error") == ["调休上班日应是周六或周日。"]
    tab.workdays.setCurrentRow(0)
    assert tab.remove_workday()
    with workspace.reading() as s:
        assert h.holiday_year(s, 2027).workdays == ()


def test_seeded_year_and_read_only_for_viewers(qtbot, workspace, viewer):
    page = _page(qtbot, workspace, viewer)
    tab = page.holiday_tab
    tab.show_year(2026)
    assert tab.state.text() == "2026年七个节日的放假安排均已录入。"
    spring = tab.rows["spring"]
    assert (spring.first.value(), spring.last.value(), spring.days.text()) == (D(2026, 2, 15), D(2026, 2, 23), "9 天")
    assert spring.enter.text() == "已录入（预置）"
    assert not tab.save_button.isEnabled() and not spring.first.isEnabled() and not tab.add_button.isEnabled()
