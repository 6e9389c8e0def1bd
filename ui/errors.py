"""The global exception hook (Electrum's pattern): an exception nobody caught — on the GUI
thread or any other — is logged with its traceback (the command line points `logging` at the
workspace's logs/) and shown as ONE Chinese message box on the GUI thread, marshalled there by
a signal. The program keeps running: no crash to desktop."""
from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal

from ui import messages

log = logging.getLogger("qingfeng.crash")


class ExceptionHook(QObject):
    """Install once, on the GUI thread, after QApplication exists."""

    raised = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._showing = False
        self._previous = (sys.excepthook, threading.excepthook)
        self.raised.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> ExceptionHook:
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread
        return self

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def handle(self, exc_type: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous[0](exc_type, exc, tb)
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("uncaught exception\n%s", text)
        exc.__traceback__ = tb
        self.raised.emit(exc)  # queued: shown on the GUI thread whatever thread raised it

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, exc: BaseException) -> None:
        if self._showing:  # one box at a time; the rest are in the log
            return
        self._showing = True
        try:
            messages.show_error(None, exc)
        finally:
            self._showing = False
