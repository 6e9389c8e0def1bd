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
