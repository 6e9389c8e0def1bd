"""The one background-task helper: every piece of work that grows with the data runs here.

`run_task(parent, fn, on_done=…)` runs `fn(progress)` on a worker thread and delivers its result
(or its exception) back on the GUI thread. With `title`, a modal progress dialog with 取消 is
shown once the work has taken a moment; 取消 sets `progress.cancel()` and the work stops at its
next `progress.report()` (raising `Cancelled`, which rolls its unit of work back).

A session never crosses threads: `fn` opens its own `with ws.reading()/writing()`.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.progress import Cancelled, Progress
from ui import messages

log = logging.getLogger(__name__)

CANCEL_LABEL = "取消"
CANCELLING = "正在取消…"
WORKING = "请稍候…"
SHOW_AFTER_MS = 400       # quick work never flashes a dialog
REPORT_EVERY_S = 0.05     # progress signals at most this often (the last always goes through)

_pool = QThreadPool()
_pool.setMaxThreadCount(max(2, min(4, QThreadPool.globalInstance().maxThreadCount())))
_running: set[Task] = set()  # keeps each task alive until its result is delivered


class Task(QObject):
    """One piece of background work. Signals arrive on the GUI thread."""

    progressed = Signal(int, int, str)
    partial = Signal(object)  # an early part of the result (`progress.partial(value)`)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()  # after whichever of the three above

    # emitted from the worker thread; queued to this object's (the GUI) thread
    _result = Signal(object)
    _error = Signal(object)
    _stopped = Signal()
    _report = Signal(int, int, str)
    _partial = Signal(object)

    def __init__(self, parent: QObject | None) -> None:
        super().__init__()
        self._parent = parent
        self._last_report = 0.0
        self.progress = Progress(self._forward, self._partial.emit)
        self.dialog: QProgressDialog | None = None
        self._result.connect(self._on_result, Qt.ConnectionType.QueuedConnection)
        self._error.connect(self._on_error, Qt.ConnectionType.QueuedConnection)
        self._stopped.connect(self._on_stopped, Qt.ConnectionType.QueuedConnection)
        self._report.connect(self._on_report, Qt.ConnectionType.QueuedConnection)
        self._partial.connect(self._on_partial, Qt.ConnectionType.QueuedConnection)

    # ---- worker thread -------------------------------------------------------------------

    def _forward(self, done: int, total: int, text: str) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_report >= REPORT_EVERY_S:
            self._last_report = now
            self._report.emit(done, total, text)

    def _run(self, fn: Callable[[Progress], Any]) -> None:
        try:
            result = fn(self.progress)
        except Cancelled:
            self._stopped.emit()
        except Exception as exc:  # noqa: BLE001 — handed to the GUI thread, shown or handled there
            self._error.emit(exc)
        else:
            self._result.emit(result)

    # ---- GUI thread ----------------------------------------------------------------------

    @property
    def parent_alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    def _on_report(self, done: int, total: int, text: str) -> None:
        dialog = self.dialog
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.setMaximum(max(total, 0))
            # A modal QProgressDialog's setValue processes events: the result may arrive in it
            # and _finish_then take the dialog away.
            dialog.setValue(min(done, total) if total > 0 else 0)
            if text and not self.progress.cancelled and self.dialog is dialog and shiboken6.isValid(dialog):
                dialog.setLabelText(text)
        self.progressed.emit(done, total, text)

    def _on_partial(self, value: object) -> None:
        if self.parent_alive:
            self.partial.emit(value)

    def _on_result(self, result: object) -> None:
        self._finish_then(self.succeeded, result)

    def _on_error(self, exc: BaseException) -> None:
        self._finish_then(self.failed, exc)

    def _on_stopped(self) -> None:
        self._finish_then(self.cancelled)

    def _finish_then(self, signal: Signal, *args: object) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.reset()
            dialog.deleteLater()
        if self.parent_alive:  # the page may have closed while the work ran
            signal.emit(*args)
        _running.discard(self)
        self.finished.emit()

    def cancel(self) -> None:
        self.progress.cancel()
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.setLabelText(CANCELLING)
            self.dialog.setCancelButton(None)


class _Runnable(QRunnable):
    def __init__(self, task: Task, fn: Callable[[Progress], Any]) -> None:
        super().__init__()
        self._task, self._fn = task, fn
        self.setAutoDelete(True)

    def run(self) -> None:
        self._task._run(self._fn)


def run_task(parent: QObject | None, fn: Callable[[Progress], Any], *,
             on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None,
             on_cancel: Callable[[], None] | None = None,
             on_partial: Callable[[Any], None] | None = None,
             title: str | None = None, label: str = WORKING) -> Task:
    """Runs `fn(progress)` off the GUI thread; `on_done(result)` on the GUI thread.

    `on_partial(value)` receives, on the GUI thread, what the work hands over early with
    `progress.partial(value)`. Errors go to `on_error`, or are shown in a Chinese message box.
    With `title`, a modal progress dialog with 取消 appears after SHOW_AFTER_MS. Callbacks are
    skipped when `parent` (a widget, or any QObject such as a model) has been destroyed meanwhile.
    """
    task = Task(parent)
    widget = parent if isinstance(parent, QWidget) else None
    if on_done is not None:
        task.succeeded.connect(on_done)
    task.failed.connect(on_error if on_error is not None
                        else (lambda exc: messages.show_error(widget, exc)))
    if on_cancel is not None:
        task.cancelled.connect(on_cancel)
    if on_partial is not None:
        task.partial.connect(on_partial)
    if title is not None:
        dialog = QProgressDialog(label, CANCEL_LABEL, 0, 0, widget)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(360)
        dialog.canceled.connect(task.cancel)
        dialog.setValue(0)  # starts the minimum-duration timer
        task.dialog = dialog
    _running.add(task)
    _pool.start(_Runnable(task, fn))
    return task


class NewestRead:
    """A read asked again before it answered (a filter changed, another person chosen): only the
    newest answer is delivered, older ones are dropped. `loading` is True from `run` until the
    newest read has answered, failed or been cancelled (a page may also set it while it waits to
    start one)."""

    def __init__(self, parent: QObject) -> None:
        self._parent = parent
        self._generation = 0
        self.loading = False

    def run(self, fn: Callable[[Progress], Any], *, on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None] | None = None,
            on_cancel: Callable[[], None] | None = None, title: str | None = None) -> Task:
        """`run_task(parent, fn, …)` whose callbacks run only for the newest read (errors shown in
        a message box unless `on_error`)."""
        self._generation += 1
        generation = self._generation
        self.loading = True
        widget = self._parent if isinstance(self._parent, QWidget) else None

        def newest(handler: Callable[..., None]) -> Callable[..., None]:
            def deliver(*args: Any) -> None:
                if generation == self._generation:
                    self.loading = False
                    handler(*args)
            return deliver

        return run_task(self._parent, fn, on_done=newest(on_done),
                        on_error=newest(on_error or (lambda exc: messages.show_error(widget, exc))),
                        on_cancel=newest(on_cancel or (lambda: None)), title=title)

    def drop(self) -> None:
        """Answers still on their way are dropped: nothing is to be read now."""
        self._generation += 1
        self.loading = False


def wait_for_tasks(timeout_ms: int = 30_000) -> bool:
    """Blocks until running work has finished (on quit, and in tests). False on timeout."""
    return _pool.waitForDone(timeout_ms)


def running_tasks() -> int:
    return len(_running)
