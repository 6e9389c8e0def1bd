"""Screenshot mode's `--open TEXT`: before the picture is taken, do what a clerk would — choose
the tab called TEXT, or press the toolbar action or button called TEXT — and when that opens a
dialog (the talk form, the import, the annual 排查…), draw it over the window as it appears on
the screen. `A › B` chooses tab A first, then does B (系统管理's 操作日志 › 校验操作日志链). The manual's screenshots of forms are made this way (resources/manual_screenshots.py).
"""
from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QProgressDialog,
    QTabWidget,
    QWidget,
)

DIALOG_WAIT_S = 8.0      # a click that opens nothing: the window as it is after this long
SETTLE_S = 1.2           # a dialog's own background reads (the 排查's comparison, a picker)
POLL_MS = 50


def _plain(text: str) -> str:
    return text.replace("&", "").replace("…", "").replace("...", "").split("\t")[0].strip()


def find_target(root: QWidget, text: str) -> QAction | QAbstractButton | tuple[QTabWidget, int] | None:
    """The tab, action or button of `root` whose text is `text` (without … or &)."""
    wanted = _plain(text)
    for tabs in root.findChildren(QTabWidget):
        for index in range(tabs.count()):
            if _plain(tabs.tabText(index)) == wanted:
                return tabs, index
    actions = [a for a in root.findChildren(QAction) if _plain(a.text()) == wanted and a.isEnabled()]
    # a tab's 新增 before a hidden tab's (主体责任's tabs each have one)
    shown = [a for a in actions if any(isinstance(o, QWidget) and o.isVisibleTo(root)
                                       for o in a.associatedObjects())]
    if shown or actions:
        return (shown or actions)[0]
    for button in root.findChildren(QAbstractButton):
        if _plain(button.text()) == wanted and button.isEnabled() and button.isVisibleTo(root):
            return button
    return None


def _settle(app: QApplication, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)


def composite(window: QWidget, dialog: QWidget | None) -> QPixmap:
    """The window, dimmed, with `dialog` centred over it (clipped to the window)."""
    picture = window.grab()
    if dialog is None:
        return picture
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 60))
    shot = dialog.grab()
    if shot.width() > picture.width() or shot.height() > picture.height():
        shot = shot.scaled(picture.size() * 0.98, Qt.AspectRatioMode.KeepAspectRatio,
                           Qt.TransformationMode.SmoothTransformation)
    corner = QPoint((picture.width() - shot.width()) // 2, (picture.height() - shot.height()) // 2)
    painter.fillRect(corner.x() + 4, corner.y() + 4, shot.width(), shot.height(), QColor(0, 0, 0, 70))
    painter.drawPixmap(corner, shot)
    painter.setPen(QColor("#8a94a3"))
    painter.drawRect(corner.x(), corner.y(), shot.width() - 1, shot.height() - 1)
    painter.end()
    return picture


def _address(widget: QWidget) -> int:
    """The C++ object's address: a Python wrapper's id() may be reused once it is collected."""
    return shiboken6.getCppPointer(widget)[0]


def _new_dialog(before: set[int]) -> QDialog | None:
    """The dialog the click opened: the modal one if any; never a background task's progress
    window (shown after 400 ms of work on a busy machine)."""
    found = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QDialog) and not isinstance(w, QProgressDialog) and w.isVisible()
             and _address(w) not in before]
    modal = QApplication.activeModalWidget()
    return modal if modal in found else (found[0] if found else None)


STEP = "›"


def open_and_grab(app: QApplication, window: QWidget, root: QWidget, text: str) -> QPixmap | None:
    """Does `text` on `root` (the page shown) and returns the picture; None when `root` has no
    tab, action or button of that name (each step before the last of `A › B` must be a tab)."""
    *tabs_first, text = [step.strip() for step in text.split(STEP)]
    for step in tabs_first:
        found = find_target(root, step)
        if not isinstance(found, tuple):
            return None
        found[0].setCurrentIndex(found[1])
        _settle(app, SETTLE_S)
    target = find_target(root, text)
    if target is None:
        return None
    if isinstance(target, tuple):
        tabs, index = target
        tabs.setCurrentIndex(index)
        _settle(app, SETTLE_S)
        return composite(window, None)
    before = {_address(w) for w in QApplication.topLevelWidgets()}
    result: dict[str, QPixmap] = {}
    started = time.monotonic()

    def look() -> None:
        dialog = _new_dialog(before)
        if dialog is None and time.monotonic() - started < DIALOG_WAIT_S:
            QTimer.singleShot(POLL_MS, look)
            return
        _settle(app, SETTLE_S if dialog is not None else 0)
        result["picture"] = composite(window, dialog)
        close_late()

    def close_late() -> None:
        """Whatever dialog the click opened (even after the picture, on a slow machine) is closed,
        so the action's own loop returns."""
        if "returned" in result:
            return
        late = _new_dialog(before)
        if late is not None:
            late.reject()
        QTimer.singleShot(POLL_MS, close_late)

    QTimer.singleShot(POLL_MS, look)
    if isinstance(target, QAction):
        target.trigger()  # a modal dialog runs its own loop here; `look` grabs and closes it
    else:
        target.click()
    result["returned"] = QPixmap()
    while "picture" not in result:
        app.processEvents()
        time.sleep(0.01)
    return result["picture"]
