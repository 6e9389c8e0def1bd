"""Progress and cancellation for long work, without Qt.

Long services (import, export, reports, backups) take a `Progress`; the UI's background-task
helper (ui/workers.py) passes one that forwards to a progress dialog, the command line one that
prints, tests `Progress()` (silent).
"""
from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """Raised inside long work when the user pressed 取消; the work rolls back."""


class Progress:
    def __init__(self, report: Callable[[int, int, str], None] | None = None,
                 partial: Callable[[object], None] | None = None) -> None:
        self._report = report
        self._partial = partial
        self._cancel = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        """Where the work is; also the point where a cancel takes effect."""
        self.check_cancelled()
        if self._report is not None:
            self._report(done, total, text)

    def partial(self, value: object) -> None:
        """Hands an early part of the result to whoever runs the work (the first page of a
        table while the rest is read); ignored when nobody listens."""
        self.check_cancelled()
        if self._partial is not None:
            self._partial(value)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise Cancelled("已取消。")
