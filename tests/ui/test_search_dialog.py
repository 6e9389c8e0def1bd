"""搜索全部 (Ctrl+K): results grouped by register as the clerk types (off the GUI thread, the
last text wins), a two-character name, pinyin initials, nothing for an absent word, and Enter
opens the record on its page."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.registers.talks import write as talk_svc
from tests.conftest import TODAY
from ui.dialogs.search_dialog import SearchDialog
from ui.main_window import MainWindow


def _window(qtbot, workspace, admin) -> MainWindow:
    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _search(qtbot, dialog: SearchDialog, text: str) -> None:
    dialog.search_box.setText(text)
    qtbot.waitUntil(dialog.is_idle, timeout=10_000)


def test_ctrl_k_opens_the_search_and_enter_opens_the_person(qtbot, workspace, admin, bureau):
    window = _window(qtbot, workspace, admin)
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.nav, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)  # anywhere in the window
    dialog = window._search
    assert isinstance(dialog, SearchDialog) and dialog.isVisible()
    _search(qtbot, dialog, "张三")
    assert [h.title for h in dialog.hits()] == ["张三"]
    assert dialog.results.topLevelItem(0).text(0) == "人员（1）"       # grouped by register
    qtbot.keyClick(dialog.search_box, Qt.Key.Key_Return)
    assert not dialog.isVisible() and window.current_key() == "people"
    people = window.current_page()
    qtbot.waitUntil(people.is_ready, timeout=10_000)
    assert people.selected_row().id == bureau.zhang_san


def test_pinyin_initials_arrow_keys_and_an_absent_word(qtbot, workspace, admin, bureau):
    window = _window(qtbot, workspace, admin)
    dialog = window.open_search()
    _search(qtbot, dialog, "zw")
    assert [(h.title, h.detail) for h in dialog.hits()] == [("张伟", "市博物馆·馆长")]
    _search(qtbot, dialog, "张")
    assert [h.title for h in dialog.hits()] == ["张三", "张伟"]
    assert dialog.current_hit().title == "张三"
    qtbot.keyClick(dialog.search_box, Qt.Key.Key_Down)
    assert dialog.current_hit().title == "张伟"
    _search(qtbot, dialog, "不存在的词")
    assert dialog.hits() == [] and dialog.status.text() == "没有找到与“不存在的词”相关的记录"


def test_a_talks_content_and_typing_on_drops_the_older_answer(qtbot, workspace, admin, bureau):
    with workspace.writing() as s:
        talk = talk_svc.save_talk(s, admin, talk_svc.TalkDraft(
            kind="reminder", talk_date=dt.date(2026, 5, 6), talkees=(talk_svc.ParticipantDraft(person_id=bureau.li_si),),
            talkers=(talk_svc.ParticipantDraft(name="纪委书记"),),
            content="针对近期公务接待中存在超标准用餐苗头，提醒其严格执行八项规定精神。"), TODAY)
    window = _window(qtbot, workspace, admin)
    dialog = window.open_search()
    dialog.search_box.setText("李")
    dialog.search_now()                    # a search under way …
    dialog.search_box.setText("超标准用餐")  # … and the clerk types on
    qtbot.waitUntil(dialog.is_idle, timeout=10_000)
    (hit,) = dialog.hits()
    assert (hit.register, hit.title, hit.filters) == ("talks", "李四", {"talk_id": talk})
    assert "超标准用餐" in dialog.results.topLevelItem(1).text(2)
    dialog.results.setCurrentItem(dialog.results.topLevelItem(1))
    dialog.results.itemActivated.emit(dialog.results.topLevelItem(1), 0)   # a double-click
    assert window.current_key() == "talks"
    QApplication.processEvents()


def test_only_registered_pages_are_searched(qtbot, workspace, admin, bureau):
    dialog = SearchDialog(workspace, admin, {"talks"})
    qtbot.addWidget(dialog)
    dialog.show()
    _search(qtbot, dialog, "张三")
    assert dialog.hits() == []


def test_every_duty_and_education_record_is_found_and_opened_on_its_tab(qtbot, workspace, admin):
    """责任书, 专题研究, 考核, 述职述廉, 报告报送 and 廉政教育 (issue 19's registers) are searched like
    the others: a word of the record finds it, and Enter opens it selected on its page's tab (of
    another year than the page's default too)."""
    from app.registers.assessments import write as assessments
    from app.registers.assessments.rules import DEFAULT_ITEMS
    from app.registers.assessments.types import AssessmentDraft, LeaderReportDraft
    from app.registers.duty_reports.types import DutyReportDraft
    from app.registers.duty_reports.write import save_duty_report
    from app.registers.education.types import EducationDraft
    from app.registers.education.write import save_session
    from app.registers.pledges.types import PledgeDraft
    from app.registers.pledges.write import save_pledge
    from app.registers.studies.types import StudyDraft
    from app.registers.studies.write import save_study
    from app.registers.talks.types import ParticipantDraft
    from tests.unit.duty_helpers import make_bureau

    b = make_bureau(workspace, admin)
    D = dt.date
    with workspace.writing() as s:
        made = {
            "责任书": save_pledge(s, admin, PledgeDraft(2025, "party_unit", b.office, notes="扫描件存档甲号柜"), TODAY),
            "专题研究": save_study(s, admin, StudyDraft(D(2025, 3, 8), "party_group", "研究部署清廉机关建设乙项"), TODAY),
            "主体责任考核": assessments.save_assessment(s, admin, AssessmentDraft(
                2025, b.finance, DEFAULT_ITEMS, notes="财务科考核丙档"), TODAY),
            "述职述廉": assessments.save_report(s, admin, LeaderReportDraft(
                2025, b.museum_head, D(2026, 1, 12), "落实一岗双责丁项要点"), TODAY),
            "报告报送": save_duty_report(s, admin, DutyReportDraft(
                b.museum, "half_year", 2025, 2, D(2026, 1, 10), "市博物馆戊年度报告"), TODAY),
            "廉政教育": save_session(s, admin, EducationDraft(
                D(2025, 6, 20), "party_lecture", "己字号廉政党课", (ParticipantDraft(person_id=b.office_head),)), TODAY),
        }
    words = {"责任书": "甲号柜", "专题研究": "乙项", "主体责任考核": "丙档", "述职述廉": "丁项", "报告报送": "戊年度",
             "廉政教育": "己字号"}
    window = _window(qtbot, workspace, admin)
    for label, record_id in made.items():
        dialog = window.open_search()
        _search(qtbot, dialog, words[label])
        (hit,) = [h for h in dialog.hits() if h.register_label == label]
        assert hit.record_id == record_id
        group = next(i for i in range(dialog.results.topLevelItemCount())
                     if dialog.results.topLevelItem(i).text(0).startswith(label + "（"))
        dialog.results.setCurrentItem(dialog.results.topLevelItem(group + 1))  # the group's hit
        qtbot.keyClick(dialog.search_box, Qt.Key.Key_Return)
        page = window.current_page()
        assert window.current_key() == hit.register
        qtbot.waitUntil(page.is_ready, timeout=10_000)
        tab = page.tabs.currentWidget()
        qtbot.waitUntil(lambda t=tab: t.is_ready() and t.selected_row() is not None, timeout=10_000)
        assert tab.selected_row().id == record_id, label
