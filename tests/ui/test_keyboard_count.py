"""A routine 提醒谈话 typed by keyboard alone, as a practised clerk would, from the talks page to
the saved rows — real key events to whatever has the focus (an open list first), Chinese as
input-method commits. Typing (letters, digits, Chinese) is the content's own cost; every other
key (Enter, Tab, ↓, Ctrl+…) is the form's cost, counted here and recorded in README.md
("The keyboard"). The targets: ≤ 25 for the first talk, ≤ 12 for the next with 保存并新建."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.talks import write as svc
from tests.conftest import TODAY
from tests.ui.forms_world import Keys
from ui.dialogs.talk_dialog import TalkDialog
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
FIRST_LIMIT, NEXT_LIMIT = 25, 12
CONTENT = "经了解，你在公务接待中存在报销手续不全的问题，现对你进行提醒谈话，要求严格执行公务接待规定。"
RESPONSE = "本人接受提醒，立即补齐手续。"
CONTENT_2 = "经了解，你在公车使用登记中存在不规范的问题，现对你进行提醒谈话。"
RESPONSE_2 = "本人接受提醒，今后严格登记。"


@pytest.fixture
def office(workspace, admin, bureau):  # noqa: ANN001, ANN201
    """The bureau, with the 纪委书记 and names whose initials clash (李静 ×2, 李军 and 刘建国 are all lj)."""
    with workspace.writing() as s:
        for name, unit, position in (("刘建国", bureau.office, "纪委书记"), ("李静", bureau.office, "科员"),
                                     ("李静", bureau.finance, "会计"), ("李军", bureau.museum, "馆员")):
            people_write.save_person(s, admin, people_types.PersonDraft(name=name, unit_id=unit, position=position))
    return bureau


def _pick(keys: Keys, picker, typed: str, qtbot) -> None:  # noqa: ANN001
    """Types a name (or its initials), waits for the list, Enter takes the one it shows."""
    with qtbot.waitSignal(picker.suggestions_ready, timeout=5000):
        keys.type(typed)
    keys.press(Qt.Key.Key_Return, label=f"pick {typed}")


def test_a_routine_reminder_talk_and_the_next_of_its_series_by_keyboard(qtbot, workspace, admin, office):
    workspace.sign_in("admin", "secret-pass")
    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show_start_page()
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitActive(window):
        window.activateWindow()
    window.nav.setFocus()  # where the window opens: 首页, the navigation focused
    keys = Keys()
    keys.press(Qt.Key.Key_4, CTRL, "Ctrl+4 谈话记录")
    page = window.page("talks")
    qtbot.waitUntil(page.is_ready, timeout=5000)
    counts: dict[str, int] = {}
    failure: list[BaseException] = []

    def in_the_form() -> None:  # runs inside the form's own modal loop (exec)
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, TalkDialog)
            qtbot.waitUntil(lambda: dialog.kind_combo.hasFocus(), timeout=10_000)  # starts in 谈话类型
            keys.type("提醒")                                   # the type, by its first characters
            keys.press(Qt.Key.Key_Return)
            keys.type("20260614")                               # 谈话日期: yesterday
            keys.press(Qt.Key.Key_Return)
            keys.type("14:30")
            keys.press(Qt.Key.Key_Return)
            keys.type("15:10")                                  # 至: the end time
            keys.press(Qt.Key.Key_Return)
            keys.type("局机关纪委办公室")
            keys.press(Qt.Key.Key_Return)
            keys.type("苗头")                                   # 事由: 苗头性倾向性问题
            keys.press(Qt.Key.Key_Return)
            _pick(keys, dialog.talkers, "刘建国", qtbot)
            keys.press(Qt.Key.Key_Return)                       # on to 被谈话人
            _pick(keys, dialog.talkees, "zs", qtbot)
            keys.press(Qt.Key.Key_Return)
            _pick(keys, dialog.recorders, "ls", qtbot)
            keys.press(Qt.Key.Key_Return)                       # on to 谈话内容
            keys.type(CONTENT)
            keys.press(Qt.Key.Key_Tab)                          # 本人表态
            keys.type(RESPONSE)
            with qtbot.waitSignal(dialog.saved, timeout=5000):
                keys.press(Qt.Key.Key_Return, CTRL, "Ctrl+Enter 保存并新建")
            counts["first"], counts["typed_first"] = keys.other, keys.typed
            assert dialog.talkees.edit.hasFocus()              # the series goes on in 被谈话人
            _pick(keys, dialog.talkees, "ww", qtbot)
            keys.press(Qt.Key.Key_Return)                       # on to 记录人 (kept)
            keys.press(Qt.Key.Key_Return)                       # on to 谈话内容
            keys.type(CONTENT_2)
            keys.press(Qt.Key.Key_Tab)
            keys.type(RESPONSE_2)
            with qtbot.waitSignal(dialog.saved, timeout=5000):
                keys.press(Qt.Key.Key_S, CTRL, "Ctrl+S")
            counts["next"] = keys.other - counts["first"]
        except BaseException as exc:  # noqa: BLE001 — re-raised once the form's loop is left
            failure.append(exc)
            if dialog is not None:
                dialog.reject()

    QTimer.singleShot(0, in_the_form)
    keys.press(Qt.Key.Key_N, CTRL, "Ctrl+N 新增")           # the form, modal, until saved
    if failure:
        raise failure[0]
    qtbot.waitUntil(page.is_ready, timeout=5000)
    with workspace.reading() as s:
        rows = sorted(svc.talk_rows(s, svc.search_talk_ids(s, admin, svc.TalkFilter())), key=lambda r: r.id)
    assert [(r.kind_label, r.talk_date, r.when, r.place, r.reason_label, r.talker_names, r.talkee_text,
             r.recorder_names, r.content, r.response) for r in rows] == [
        ("提醒谈话", TODAY.replace(day=14), "2026-06-14 14:30", "局机关纪委办公室", "苗头性倾向性问题", "刘建国",
         "张三（财务科·科长）", "李四", CONTENT, RESPONSE),
        ("提醒谈话", TODAY.replace(day=14), "2026-06-14 14:30", "局机关纪委办公室", "苗头性倾向性问题", "刘建国",
         "王五（博物馆保卫部·保卫干事）", "李四", CONTENT_2, RESPONSE_2)]
    assert page.selected_row().id == rows[-1].id  # the saved row, selected in the table
    print(f"\nkeyboard: first talk {counts['first']} other keys beside {counts['typed_first']} typed characters; "
          f"next of the series {counts['next']} beside {keys.typed - counts['typed_first']}: {keys.log}")
    assert counts["first"] <= FIRST_LIMIT and counts["next"] <= NEXT_LIMIT


def test_several_matches_wait_for_a_choice(qtbot, workspace, admin, office):
    """"lj" is 李静 (办公室), 李静 (财务科), 李军 and 刘建国: Enter alone takes none of them; ↓ and
    Enter take the one chosen."""
    dialog = TalkDialog(workspace, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    dialog.talkees.edit.setFocus()
    keys = Keys()
    with qtbot.waitSignal(dialog.talkees.suggestions_ready, timeout=5000):
        keys.type("lj")
    popup = dialog.talkees.completer.popup()
    shown = [dialog.talkees.model.item(i).text() for i in range(dialog.talkees.model.rowCount())]
    assert sorted(shown) == ["刘建国（办公室·纪委书记）", "李军（市博物馆·馆员）", "李静（办公室·科员）",
                             "李静（财务科·会计）"]
    assert not popup.currentIndex().isValid()                 # nothing highlighted
    keys.press(Qt.Key.Key_Return)
    assert dialog.talkees.texts() == []                       # no silent pick
    assert "对应 4 人" in dialog.error_text("talkees") and popup.isVisible()
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Down)
    chosen = popup.currentIndex().data()
    keys.press(Qt.Key.Key_Return)
    assert dialog.talkees.texts() == [chosen]
    dialog.reject()
