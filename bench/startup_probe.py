"""A child process of the start-up measurement (bench/startup.py): `python -m bench.startup_probe
ours|bare DATA_DIR AS_OF SCALE PAGE`. It prints one line, "painted", when the window shows what
the event asks for, and exits at once; the parent times process start → that line.

- ours: the program's own entry (`app.cli.main`) on the demo workspace — sign-in skipped, the
  start page (PAGE) shown — until the page's first rows are painted: for a register page the
  table's viewport painted with the rows of its query, for another page its first paint.
- bare: a QMainWindow that imports SQLAlchemy and opens the same database (a query on it),
  until it is painted.

The probe only watches: an event filter on the one widget whose paint ends the run (the bare
window; the start page, or its table's viewport), installed as the window is shown. Not an
application-wide filter: every event of the application would go through Python, and PySide,
meeting an object of Qt's own it has no wrapper for (the first scroll area makes one), builds the
type of every Qt class to name it — ~27 ms the program itself never pays and the bare window,
with no scroll area, never met."""
from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _done() -> None:
    sys.stdout.write("painted\n")
    sys.stdout.flush()
    os._exit(0)


def main() -> None:
    mode, data_dir, as_of, scale, page_key = sys.argv[1:6]
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])

    class Watch(QObject):
        def __init__(self, ready, target) -> None:  # noqa: ANN001
            super().__init__(target)  # lives as long as what it watches
            self.ready = ready
            target.installEventFilter(self)

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and self.ready(watched):
                QTimer.singleShot(0, _done)  # once this paint has finished
            return False

    if mode == "bare":
        from PySide6.QtWidgets import QMainWindow
        from sqlalchemy import create_engine, text

        engine = create_engine(f"sqlite:///{data_dir}/qingfeng.sqlite3")
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM sqlite_master")).all()
        window = QMainWindow()
        window.resize(1366, 768)
        Watch(lambda widget: widget is window, window)
        window.show()
        app.exec()
        return

    # Hooked where Qt shows a main window, not by importing the program's window early (its
    # import would then run before the program turns the garbage collector off).
    from PySide6.QtWidgets import QMainWindow

    show = QMainWindow.show

    def watched_show(window: QMainWindow) -> None:
        """The start page's first rows (a register page: its table's viewport painted with the
        rows of its query; another page: its first paint) watched, then shown as the program does."""
        page = window.current_page()
        model = getattr(page, "model", None)
        if model is not None and hasattr(model, "rows_current"):
            Watch(lambda _widget: model.rows_current, page.view.viewport())
        else:
            Watch(lambda _widget: True, page)
        show(window)

    QMainWindow.show = watched_show
    from app.cli.main import main as cli_main

    cli_main(["--demo", "--data-dir", data_dir, "--as-of", as_of, "--scale", scale, "--page", page_key])


if __name__ == "__main__":
    main()
