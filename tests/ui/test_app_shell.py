"""The application shell: Chinese Qt dialogs, a CJK font, the exception hook, sign-in, and
opening a workspace another window holds."""
from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QCoreApplication, Qt

from app.workspace.facade import Workspace
from tests.conftest import PASSWORD
from ui import fonts, messages
from ui.app import _open, make_application
from ui.dialogs.sign_in import SignInDialog
from ui.errors import ExceptionHook
from ui.main_window import MainWindow


def test_qt_dialogs_speak_chinese_and_the_font_is_cjk(qapp):
    app = make_application()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert app.font().family() in fonts.CJK_FAMILIES


def test_matplotlib_gets_a_cjk_font_and_a_plain_minus():
    import matplotlib

    family = fonts.configure_matplotlib()
    assert family in fonts.CJK_FAMILIES or family  # a registered file names its own family
    assert matplotlib.rcParams["font.sans-serif"][0] == family
    assert matplotlib.rcParams["axes.unicode_minus"] is False


def test_uncaught_errors_are_logged_and_shown_once(qtbot, shown_messages, caplog):
    hook = ExceptionHook().install()
    try:
        def show_and_raise_again(_parent, exc):  # noqa: ANN001 — a second error while the box is open
            shown_messages.shown.append(("error", str(exc)))
            try:
                raise RuntimeError("second")
            except RuntimeError as again:
                hook.handle(type(again), again, again.__traceback__)
            qtbot.wait(50)

        messages_show = messages.show_error
        messages.show_error = show_and_raise_again
        try:
            with caplog.at_level(logging.ERROR, logger="qingfeng.crash"):
                worker = threading.Thread(target=lambda: 1 / 0)
                worker.start()
                worker.join()
                qtbot.waitUntil(lambda: bool(shown_messages.shown), timeout=10_000)
                qtbot.wait(100)
        finally:
            messages.show_error = messages_show
    finally:
        hook.uninstall()
    assert shown_messages.shown == [("error", "division by zero")]
    assert "ZeroDivisionError" in caplog.text and "second" in caplog.text


def test_sign_in_failure_is_shown_inline_and_the_dialog_stays(qtbot, workspace):
    workspace.actor = None
    dialog = SignInDialog(workspace, "admin")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password_edit.setText("wrong-password")
    assert not dialog.try_sign_in()
    assert dialog.isVisible() and dialog.error_label.text() and not dialog.password_edit.text()
    dialog.password_edit.setText(PASSWORD)
    assert dialog.try_sign_in()
    assert dialog.actor is not None and dialog.actor.username == "admin"


def test_a_locked_workspace_may_be_opened_read_only(qtbot, workspace, workspace_dir, shown_messages):
    opened: list[Workspace] = []

    def open_workspace(read_only_if_locked: bool) -> Workspace:
        ws = Workspace.open(workspace_dir, read_only_if_locked=read_only_if_locked)
        opened.append(ws)
        return ws

    shown_messages.answers = [False]
    assert _open(open_workspace, interactive=True) is None
    shown_messages.answers = [True]
    ws = _open(open_workspace, interactive=True)
    try:
        assert ws is not None and ws.read_only
        assert "以只读方式打开" in shown_messages.texts("ask")[0]
    finally:
        ws.close()


def test_ctrl_number_switches_pages(qtbot, workspace, admin):
    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitActive(window):
        window.activateWindow()
    window.nav.setFocus()
    keys = [spec.key for spec in window.specs]
    for key in (keys[9], "people"):  # Ctrl+N shows the N-th page; Ctrl+0 the tenth
        digit = (keys.index(key) + 1) % 10
        qtbot.keyClick(window.nav, Qt.Key(Qt.Key.Key_0 + digit), Qt.KeyboardModifier.ControlModifier)
        assert window.current_key() == key
