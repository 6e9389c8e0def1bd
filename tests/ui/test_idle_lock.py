"""The idle lock on the wall clock: a jump of the clock (the PC slept) locks at the next check;
the data is hidden, nothing typed reaches the windows underneath, an open dialog keeps what was
typed in it, and only the signed-in user's password unlocks."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from app.audit_log import AuditFilter, audit_rows, search_audit_ids
from tests.conftest import PASSWORD
from ui.dialogs.person_dialog import PersonDialog
from ui.idle_lock import LOCKED_TITLE, IdleLock, LockCurtain
from ui.main_window import MainWindow


class WallClock:
    """Stands in for time.time(): the test moves it, as a sleeping PC's clock jumps."""

    def __init__(self) -> None:
        self.now = 1_780_000_000.0

    def __call__(self) -> float:
        return self.now

    def jump(self, minutes: float) -> None:
        self.now += minutes * 60


def _window(qtbot, workspace, admin):  # noqa: ANN001, ANN202
    workspace.sign_in("admin", PASSWORD)
    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    window.show_start_page()
    window.show()
    qtbot.waitExposed(window)
    clock = WallClock()
    lock = IdleLock(window, workspace, clock=clock, check_ms=20)
    return window, lock, clock


def _covered(window) -> bool:  # noqa: ANN001
    hit = window.childAt(QPoint(window.width() // 2, window.height() // 2))
    while hit is not None and not isinstance(hit, LockCurtain):
        hit = hit.parentWidget()
    return hit is not None and hit.isVisible() and hit.geometry() == window.rect()


def test_a_wall_clock_jump_locks_at_the_next_check(qtbot, workspace, admin, bureau):
    window, lock, clock = _window(qtbot, workspace, admin)
    assert workspace.settings.idle_lock_minutes == 10
    clock.jump(9)
    qtbot.wait(100)
    assert not lock.locked and not _covered(window)
    clock.jump(2)  # eleven minutes without input: the PC slept
    qtbot.waitUntil(lambda: lock.locked, timeout=10_000)
    assert _covered(window)
    assert window.windowTitle() == LOCKED_TITLE  # the title shows no bureau either
    curtain = lock.curtains[window]
    assert "10 分钟无操作" in " ".join(w.text() for w in curtain.findChildren(type(curtain.error_label)))


def test_input_keeps_the_window_unlocked(qtbot, workspace, admin):
    window, lock, clock = _window(qtbot, workspace, admin)
    clock.jump(9)
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton)
    clock.jump(9)  # nine minutes since the click
    qtbot.wait(100)
    assert not lock.locked


def test_an_open_dialog_keeps_its_contents_and_takes_no_input(qtbot, workspace, admin, bureau):
    window, lock, clock = _window(qtbot, workspace, admin)
    dialog = PersonDialog(workspace, admin, parent=window)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.name_edit.setText("赵六")
    title = dialog.windowTitle()
    page_before = window.current_key()
    clock.jump(30)
    qtbot.waitUntil(lambda: lock.locked, timeout=10_000)
    assert dialog in lock.curtains and _covered(dialog) and dialog.windowTitle() == LOCKED_TITLE
    qtbot.keyClicks(dialog.name_edit, "abc")            # swallowed
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)            # does not cancel the dialog
    qtbot.keyClick(window.nav, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # no page switch
    dialog.close()                                       # refused while locked
    assert dialog.isVisible() and dialog.name_edit.text() == "赵六"
    assert window.current_key() == page_before
    assert QApplication.focusWidget() is lock.curtains[dialog].password_edit  # typing goes here

    curtain = lock.curtains[dialog]
    curtain.password_edit.setText("wrong-password")
    qtbot.keyClick(curtain.password_edit, Qt.Key.Key_Return)
    assert lock.locked and "再错 4 次" in curtain.error_label.text()
    curtain.password_edit.setText(PASSWORD)
    qtbot.keyClick(curtain.password_edit, Qt.Key.Key_Return)
    assert not lock.locked
    qtbot.waitUntil(lambda: not _covered(dialog), timeout=10_000)
    assert dialog.isVisible() and dialog.name_edit.text() == "赵六" and dialog.windowTitle() == title
    qtbot.keyClicks(dialog.name_edit, "x")
    assert dialog.name_edit.text() == "赵六x"  # input flows again
    dialog.reject()
    with workspace.reading() as s:
        rows = audit_rows(s, search_audit_ids(s, admin, AuditFilter(user="admin")))
    assert [(r.action, r.summary) for r in rows[:2]] == [
        ("unlock", "解除锁屏"), ("login_failed", "解除锁屏：密码错误（连续第 1 次）")]


def test_ctrl_l_locks_at_once(qtbot, workspace, admin):
    window, lock, _clock = _window(qtbot, workspace, admin)
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.nav, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert lock.locked and _covered(window)
    assert "手动锁定" in " ".join(w.text() for w in lock.curtains[window].findChildren(
        type(lock.curtains[window].error_label)))
    lock.curtains[window].password_edit.setText(PASSWORD)
    lock.curtains[window].unlock_button.click()
    assert not lock.locked


def test_a_lock_whose_window_is_gone_covers_nothing(qtbot, workspace, admin):
    """A lock outlives its window (closed; deleted under it) only as an object: it covers no
    window shown later and swallows no input (it once covered the next window's dialogs)."""
    window, lock, clock = _window(qtbot, workspace, admin)
    lock.lock(manual=True)
    assert lock.locked
    window.close()
    dialog = PersonDialog(workspace, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(50)  # a window shown while locked is covered at the next turn of the loop
    assert not _covered(dialog) and dialog not in lock.curtains
    dialog.name_edit.setText("")
    qtbot.keyClicks(dialog.name_edit, "abc")
    assert dialog.name_edit.text() == "abc"
    clock.jump(30)
    qtbot.wait(100)
    assert dialog not in lock.curtains
