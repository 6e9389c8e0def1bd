"""A child process of the start-up measurement (bench/startup.py): `python -m bench.startup_probe
ours|bare DATA_DIR AS_OF SCALE PAGE`. It prints one line, "painted", when the window shows what
the event asks for, and exits at once; the parent times process start → that line.

- ours: the program's own entry (`app.cli.main`) on the demo workspace — sign-in skipped, the
  start page (PAGE) shown — until the page's first rows are painted: for a register page the
  table's viewport painted with the rows of its query, for another page its first paint.
- bare: a QMainWindow that imports SQLAlchemy and opens the same database (a query on it),
  until it is painted.

The probe only watches (an application-wide event filter); it changes nothing in the program."""
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
        def __init__(self, ready) -> None:  # noqa: ANN001
            super().__init__()
            self.ready = ready

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
        watch = Watch(lambda widget: widget is window)
        app.installEventFilter(watch)
        window.show()
        app.exec()
        return

    def shows_rows(widget: QObject) -> bool:
        from ui.main_window import MainWindow

        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        page = windows[0].current_page() if windows else None
        if page is None:
            return False
        model = getattr(page, "model", None)
        if model is not None and hasattr(model, "rows_current"):
            return widget is page.view.viewport() and model.rows_current
        return widget is page

    watch = Watch(shows_rows)  # kept: a filter object that is collected stops filtering
    app.installEventFilter(watch)
    from app.cli.main import main as cli_main

    cli_main(["--demo", "--data-dir", data_dir, "--as-of", as_of, "--scale", scale, "--page", page_key])


if __name__ == "__main__":
    main()
