"""The GUI entry: `run_window()` is called by the command line (app/cli/), which gives it a
way to open the workspace and has configured logging (a file in the workspace's logs/).

Screenshot mode (`--screenshot FILE --page KEY [--size WxH]`): the caller sets
QT_QPA_PLATFORM=offscreen before anything imports Qt; the window is rendered at the size
asked, the page's data awaited, the PNG written, and 0 returned (2 for an unknown page).
"""
from __future__ import annotations

import gc
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QSize, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from app.errors import NoWorkspace, QingfengError, UnusableDatabase, WorkspaceLocked
from resources.paths import icon_files
from ui import messages
from ui.errors import ExceptionHook
from ui.pages.registry import PAGE_ORDER, page_spec, registered_pages

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)

APP_NAME = "清风台账"
DESKTOP_FILE = "qingfeng-taizhang"  # installer/linux/qingfeng-taizhang.desktop
DEFAULT_SIZE = (1366, 768)
READY_TIMEOUT_S = 20.0
DEMO_USER = "admin"
PASSWORD_ENV = "QINGFENG_PASSWORD"
ASK_READ_ONLY = "{message}\n\n以只读方式打开吗？只读时可以查阅、导出和打印，不能修改。"
OPEN_READ_ONLY = "以只读方式打开"
UNKNOWN_PAGE = "未知的页面“{key}”。可用的页面：{keys}"
ABSENT_PAGE = "页面“{key}”（{label}）尚未提供。当前可用：{keys}"
SCREENSHOT_SIGN_IN = "截图需要登录：请用 --user 指定用户，并在环境变量 QINGFENG_PASSWORD 中给出密码。"
SCREENSHOT_TIMEOUT = "警告：页面数据在 {seconds:.0f} 秒内未加载完，截图可能不完整。"
DAMAGED = "数据文件已损坏：{what}\n\n已以只读方式打开，未做任何写入。管理员可以在“系统管理 › 备份”中从备份恢复。"
DAILY_BACKUP_FAILED = "今天的自动备份没有完成：{error}\n\n请检查磁盘空间，或在“系统管理 › 备份”中手动备份。"
NO_WORKSPACE = "数据文件夹中没有工作区。"
NO_TARGET = "页面上没有名为“{text}”的标签页、按钮或操作。"


def make_application() -> QApplication:
    """The QApplication with Qt's own dialogs in Chinese and a CJK font. F1 (an event filter
    every event of the application passes through) is installed by `interaction_starts`."""
    from ui.fonts import apply_qt_font

    app = QApplication.instance() or QApplication(sys.argv[:1])
    if app.property("qingfeng_ready"):
        return app
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("qingfeng-taizhang")
    app.setDesktopFileName(DESKTOP_FILE)  # the menu entry the window belongs to (docks, Wayland)
    app.setWindowIcon(program_icon())
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)  # parented to the app: it lives as long as the app
    if translator.load("qtbase_zh_CN", folder):
        app.installTranslator(translator)
    else:
        log.warning("Qt's Chinese translation not found in %s", folder)
    app.setProperty("qingfeng_ready", True)
    apply_qt_font()
    return app


def interaction_starts() -> None:
    """What the start holds back until the clerk can act — once the window has painted
    (`settle`), or before a dialog of the start (the sign-in, a question): F1, and Python's
    cyclic garbage collector, which the window's start turns off meanwhile (the start allocates what
    lives on — modules, classes, Qt's types —, and the collector's passes over it, a full one
    among them, cost the first paint some 25 ms; nothing of the start is cyclic garbage worth
    collecting before it)."""
    from ui.help.context import install_help_key

    gc.enable()
    install_help_key()


def program_icon() -> QIcon:
    """The program's icon in every size resources/icons holds (sizes given: no file is read
    before Qt draws one)."""
    icon = QIcon()
    for edge, path in icon_files().items():
        icon.addFile(str(path), QSize(edge, edge))
    return icon


def page_problem(key: str | None) -> str:
    """Why `key` cannot be shown ("" when it can)."""
    available = "、".join(spec.key for spec in registered_pages())
    if key is None:
        return ""
    if key not in PAGE_ORDER:
        return UNKNOWN_PAGE.format(key=key, keys=available)
    spec = page_spec(key)
    if spec is None:
        from ui.pages.registry import PAGE_LABELS

        return ABSENT_PAGE.format(key=key, label=PAGE_LABELS[key], keys=available)
    return ""


def run_window(open_workspace: Callable[[bool], Workspace], *, screenshot: Path | None = None,
               page: str | None = None, size: tuple[int, int] | None = None, demo: bool = False,
               user: str | None = None, open_text: str | None = None,
               create_workspace: Callable[..., Workspace] | None = None) -> int:
    """Opens the window (or renders one page to `screenshot`); returns the exit code.

    `create_workspace(admin_username=…, admin_password=…, admin_display_name=…, bureau_name=…)`:
    on a first start (the folder holds no workspace) the window offers to create it."""
    if screenshot is not None and (problem := page_problem(page)):
        print(problem, file=sys.stderr)
        return 2
    interactive = screenshot is None
    if interactive:
        gc.disable()  # until interaction_starts
    app = make_application()
    hook = ExceptionHook().install()
    try:
        ws, actor = _open_or_create(open_workspace, create_workspace, interactive=interactive)
        if ws is None:
            return 1
        try:
            if ws.damaged and interactive and ws.holds_lock:
                from ui.restore_flow import offer_restore_of_damaged

                interaction_starts()
                offer_restore_of_damaged(ws)
            return _run(app, ws, screenshot=screenshot, page=page, size=size, demo=demo, user=user,
                        actor=actor, open_text=open_text)
        finally:
            from ui.workers import wait_for_tasks

            wait_for_tasks()
            ws.close()
    finally:
        hook.uninstall()
        gc.unfreeze()
        gc.enable()


def _run(app: QApplication, ws: Workspace, *, screenshot: Path | None, page: str | None,
         size: tuple[int, int] | None, demo: bool, user: str | None,
         actor: Actor | None = None, open_text: str | None = None) -> int:
    from ui.main_window import MainWindow

    interactive = screenshot is None
    sign_in_after_paint = False
    if actor is None and demo and interactive:
        # The demo's password is public and needs no typing: the window is built for its
        # administrator at once and signed in for real (scrypt, the audit row) after it has
        # painted; its pages read nothing before that (see settle).
        actor = ws.known_actor(DEMO_USER)
        sign_in_after_paint = actor is not None
    actor = actor or _sign_in(ws, demo=demo, user=user, interactive=interactive)
    if actor is None:
        return 1
    window = MainWindow(ws, actor, remember=interactive)
    if not interactive:
        return render_screenshot(app, window, screenshot, page, size or DEFAULT_SIZE, open_text)
    if page is None or not window.show_page(page):
        window.show_start_page()
    damaged_at_open = bool(ws.damaged)

    def painted() -> None:
        # The window as started lives as long as the program: frozen, its ~200,000 objects are
        # left out of the collector's full passes, each ~0.1 s on the GUI thread (96 ms → 0 at
        # the demo's start, which leaves ~90 objects of cyclic garbage). run_window unfreezes.
        gc.freeze()
        settle(window, ws, sign_in_demo=sign_in_after_paint, damaged_at_open=damaged_at_open)

    after_first_paint(window, painted)
    window.show()
    return app.exec()


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], object]) -> None:
        super().__init__(widget)
        self.callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.callback)  # once this paint is done
        return False


def after_first_paint(widget: QWidget, callback: Callable[[], object]) -> None:
    """Calls `callback` once `widget` has painted for the first time: what need not come before
    the window appears waits for it (start-up time)."""
    _FirstPaint(widget, callback)


def settle(window: MainWindow, ws: Workspace, *, sign_in_demo: bool = False,
           damaged_at_open: bool = False) -> None:
    """What the start leaves for after the window's first paint: F1 and the garbage collector
    (`interaction_starts`); on a worker, the file's quick_check (`Workspace.check_file`: writes
    wait for it), the demo's real sign-in; then, on the GUI thread, a damaged file's read-only notice and the offer of its newest good backup,
    and `start_safety` (the idle lock, the day's backup)."""
    from ui.workers import run_task

    interaction_starts()

    def work(_progress: object) -> Actor | None:
        ws.check_file()
        if sign_in_demo:
            from app.demo.build import DEMO_PASSWORD

            return ws.sign_in(DEMO_USER, DEMO_PASSWORD)
        return None

    def done(actor: Actor | None) -> None:
        if actor is not None and actor != window.actor:
            window.set_actor(actor)
        if ws.damaged:
            window.show_read_only_notice()
            restored = False
            if not damaged_at_open and ws.holds_lock:
                from ui.restore_flow import offer_restore_of_damaged

                restored = offer_restore_of_damaged(ws, window) and window.after_restore()
            if not restored and ws.damaged:
                messages.warn(window, DAMAGED.format(what=ws.damaged))
        if ws.anchor_warning:  # a server's chain no longer holds what this PC saw
            messages.warn(window, ws.anchor_warning)
        start_safety(window, ws)
        from ui.help.release_notes import show_once

        show_once(window, ws, window.actor)  # 新版本说明, once after an upgrade

    def failed(error: BaseException) -> None:  # the demo's password was changed, the file unreadable
        messages.show_error(window, error)
        window.close()

    run_task(window, work, on_done=done, on_error=failed)


def start_safety(window: MainWindow, ws: Workspace) -> object:
    """The idle lock on the window, and the day's automatic backup in the background."""
    from app.workspace.backups import backup_on_open
    from ui.idle_lock import IdleLock
    from ui.workers import run_task

    window.idle_lock = IdleLock(window, ws)

    def backed_up(_result: object) -> None:
        if ws.backup_problem:  # the work goes on; 首页 says so until a backup succeeds
            from ui.pages.home_page import HomePage

            for home in window.findChildren(HomePage):
                home.refresh()

    if ws.holds_lock and not ws.read_only:
        run_task(window, lambda _progress: backup_on_open(ws), on_done=backed_up,
                 on_error=lambda exc: messages.warn(window, DAILY_BACKUP_FAILED.format(error=exc)))
    return window.idle_lock


def _open_or_create(open_workspace: Callable[[bool], Workspace],
                    create_workspace: Callable[..., Workspace] | None, *,
                    interactive: bool) -> tuple[Workspace | None, Actor | None]:
    """The workspace (and, when it was just created, its signed-in administrator)."""
    from app.errors import NoWorkspace

    try:
        return _open(open_workspace, interactive=interactive, raise_missing=True), None
    except NoWorkspace as missing:
        if not interactive or create_workspace is None:
            _report(str(missing), interactive)
            return None, None
        from ui.dialogs.first_run import FirstRunDialog

        interaction_starts()
        dialog = FirstRunDialog(Path(missing.folder), create_workspace)
        if not dialog.exec():
            return None, None
        if dialog.restored:
            return _open(open_workspace, interactive=interactive), None
        return dialog.workspace, dialog.actor


def _open(open_workspace: Callable[[bool], Workspace], *, interactive: bool,
          raise_missing: bool = False) -> Workspace | None:
    try:
        return open_workspace(not interactive)  # screenshots only read: never wait on the lock
    except WorkspaceLocked as exc:
        interaction_starts()
        if not messages.ask(None, ASK_READ_ONLY.format(message=exc), OPEN_READ_ONLY):
            return None
    except NoWorkspace:
        if raise_missing:
            raise
        _report(NO_WORKSPACE, interactive)
        return None
    except UnusableDatabase as unusable:  # 0 bytes, another program's file: restore a backup
        if not interactive:
            _report(str(unusable), interactive)
            return None
        from ui.restore_flow import offer_restore_of_unusable

        interaction_starts()
        if not offer_restore_of_unusable(unusable):
            return None
        return _open(open_workspace, interactive=interactive)
    except QingfengError as exc:
        _report(str(exc), interactive)
        return None
    try:
        return open_workspace(True)
    except QingfengError as exc:
        _report(str(exc), interactive)
        return None


def _report(text: str, interactive: bool) -> None:
    if interactive:
        interaction_starts()
        messages.warn(None, text)
    else:
        print(text, file=sys.stderr)


def _sign_in(ws: Workspace, *, demo: bool, user: str | None, interactive: bool) -> Actor | None:
    """Demo: the demo administrator. Else --user with QINGFENG_PASSWORD, else the dialog."""
    if demo:
        from app.demo.build import DEMO_PASSWORD

        return ws.sign_in(DEMO_USER, DEMO_PASSWORD)
    password = os.environ.get(PASSWORD_ENV)
    if user and password:
        try:
            return ws.sign_in(user, password)
        except QingfengError as exc:
            if not interactive:
                print(exc, file=sys.stderr)
                return None
    if not interactive:
        print(SCREENSHOT_SIGN_IN, file=sys.stderr)
        return None
    from ui.dialogs.sign_in import SignInDialog

    interaction_starts()
    ws.start_check()  # done by the time the password is typed (sign_in waits for it)
    dialog = SignInDialog(ws, user or "")
    return dialog.actor if dialog.exec() else None


def render_screenshot(app: QApplication, window: MainWindow, path: Path, key: str | None,
                      size: tuple[int, int], open_text: str | None = None) -> int:
    """Shows `key` at `size`, waits for its data, grabs the window and saves a PNG. `open_text`:
    a tab, action or button of the page done first (ui/screenshot_open.py)."""
    window.resize(QSize(*size))
    if key is None or not window.show_page(key):
        window.nav.setCurrentRow(0)
    window.show()
    page = window.current_page()
    deadline = time.monotonic() + READY_TIMEOUT_S
    is_ready = getattr(page, "is_ready", lambda: True)
    while not is_ready() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    if not is_ready():
        print(SCREENSHOT_TIMEOUT.format(seconds=READY_TIMEOUT_S), file=sys.stderr)
    for _ in range(5):  # let layouts and deferred paints settle
        app.processEvents()
    pixmap = window.grab()
    if open_text:
        from ui.screenshot_open import open_and_grab

        pixmap = open_and_grab(app, window, page, open_text)
        if pixmap is None:
            print(NO_TARGET.format(text=open_text), file=sys.stderr)
            return 2
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not pixmap.save(str(path), "PNG"):
        print(f"无法写入截图文件：{path}", file=sys.stderr)
        return 1
    window.close()
    return 0
