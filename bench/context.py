"""What every measurement gets: the demo workspace at the chosen scale, signed in, and a Qt
application (offscreen) for page measurements."""
from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

AS_OF = dt.date(2026, 11, 28)


@dataclass
class BenchContext:
    folder: Path
    scale: int
    ws: object  # app.workspace.Workspace
    actor: object  # app.auth.Actor

    @contextlib.contextmanager
    def released(self) -> Iterator[None]:
        """The workspace closed meanwhile (another process opens it), then opened again."""
        from app.demo.build import DEMO_PASSWORD
        from app.workspace.facade import Workspace

        self.ws.close()
        try:
            yield
        finally:
            self.ws = Workspace.open(self.folder, as_of=AS_OF)
            self.actor = self.ws.sign_in("admin", DEMO_PASSWORD)

    @property
    def db_file(self) -> Path:
        return self.ws.db_path

    def qt_app(self):  # noqa: ANN201
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([])
        from ui.fonts import apply_qt_font

        apply_qt_font()
        return app


def open_context(scale: int, folder: Path | None) -> BenchContext:
    from app.demo.build import DEMO_PASSWORD, ensure_demo
    from app.workspace.facade import Workspace

    folder = ensure_demo(folder, AS_OF, scale)
    ws = Workspace.open(folder, as_of=AS_OF)
    actor = ws.sign_in("admin", DEMO_PASSWORD)
    return BenchContext(folder, scale, ws, actor)


def wait_until(app, ready, timeout: float = 60.0) -> None:  # noqa: ANN001
    import time

    deadline = time.monotonic() + timeout
    while not ready():
        app.processEvents()
        if time.monotonic() > deadline:
            raise TimeoutError("page did not load")
        time.sleep(0.0005)


def wait_for(ready, *signals, timeout: float = 60.0, poll_ms: int = 5) -> None:  # noqa: ANN001
    """Runs Qt's event loop until `ready()`, woken by `signals` and re-checked every `poll_ms`.
    Unlike `wait_until` nothing runs Python between wake-ups, as in the program's own event loop:
    a Python loop polling every half millisecond takes the GIL from the worker thread reading the
    rows (on this machine it added ~10 ms to a page's query → first rows painted)."""
    import time

    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(poll_ms)
    timer.timeout.connect(loop.quit)
    for signal in signals:
        signal.connect(loop.quit)
    timer.start()
    try:
        while not ready():
            if time.monotonic() > deadline:
                raise TimeoutError("page did not load")
            loop.exec()
    finally:
        timer.stop()
        for signal in signals:
            signal.disconnect(loop.quit)


def settle(app) -> None:  # noqa: ANN001
    """Lets the event loop finish what the previous event left posted (the view's delayed
    layout after the rest of a page joined it, a selection scrolled to, objects deleted later)
    — as the program's own event loop does between a clerk's actions — so a measurement starts
    from a settled window and does not pay the previous load's tail."""
    from PySide6.QtCore import QCoreApplication

    for _ in range(3):
        QCoreApplication.sendPostedEvents()
        app.processEvents()
