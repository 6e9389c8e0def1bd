"""The window's start: what comes before its first paint and what waits for it.

Before: Qt, SQLAlchemy's core, the window and its first page's layout — not the ORM models, the
registers behind 首页's figures, matplotlib, the password's scrypt, nor the help (F1's filter on
every event, the 帮助 menu), with Python's cyclic garbage collector off. After (ui.app.settle):
F1 and the collector; on a worker the file's quick_check, the demo's real sign-in, then the idle
lock and the day's backup; 首页 loads its figures once it is on screen. A file found damaged then turns the window
read-only, as a damaged file found at open does."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.demo.build import DEMO_PASSWORD, MARKER
from app.registers.users import query as users_query
from app.registers.users import write as users_write
from app.workspace.facade import DB_FILENAME, Workspace
from tests.conftest import TODAY
from tests.ui.test_first_start_and_damage import _when_modal
from ui.app import settle
from ui.dialogs.restore_offer import RestoreOfferDialog
from ui.main_window import MainWindow
from ui.workers import wait_for_tasks

pytestmark = pytest.mark.sqlite_only("a workspace folder opened as the window opens it")

ROOT = Path(__file__).resolve().parents[2]
# Imported before the first paint, each would put its import (and the work behind it) between
# the start and the window.
NOT_BEFORE_PAINT = ("sqlalchemy.orm", "db.models", "app.home", "app.reminders", "app.audit",
                    "matplotlib", "openpyxl", "docx", "cryptography.hazmat.primitives.kdf.scrypt",
                    "ui.help.context", "app.workspace.backups")
PROBE = textwrap.dedent("""
    import gc, json, os, sys, time
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    report = {}
    started = time.monotonic()

    def finish():
        window = next(w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow")
        page = window.current_page()
        if (window.ws.actor is None or not page.is_ready()) and time.monotonic() - started < 60:
            QTimer.singleShot(50, finish)
            return
        report["signed_in"] = getattr(window.ws.actor, "username", None)
        report["ready"] = page.is_ready()
        report["idle_lock"] = window.idle_lock is not None
        report["gc_enabled"] = gc.isenabled()
        report["frozen"] = gc.get_freeze_count()
        report["f1"] = sys.modules["ui.help.context"]._installed != []
        report["help_menu"] = [a.text().split("\t")[0] for a in window.help_menu.actions() if a.text()][:2]
        window.close()

    class Watch(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and type(watched).__name__ == "HomePage" \\
                    and "at_paint" not in report:
                report["at_paint"] = sorted(m for m in WATCH if m in sys.modules)
                report["signed_in_at_paint"] = getattr(watched.ws.actor, "username", None)
                report["gc_enabled_at_paint"] = gc.isenabled()
                backups = os.path.join(sys.argv[1], "backups")
                report["backups_at_paint"] = sorted(os.listdir(backups)) if os.path.isdir(backups) else []
                QTimer.singleShot(0, finish)
            return False

    WATCH = json.loads(sys.argv[2])
    watch = Watch()
    app.installEventFilter(watch)
    from app.cli.main import main
    code = main(["--demo", "--data-dir", sys.argv[1], "--as-of", sys.argv[3], "--page", "home"])
    print(json.dumps(report))
    sys.exit(code)
""")


@pytest.fixture
def demo_like(workspace, admin, workspace_dir, tmp_path) -> Path:  # noqa: ANN001
    """The test workspace dressed as a built demo: its administrator has the demo's password."""
    with workspace.reading() as s:
        user = next(u for u in users_query.list_users(s) if u.username == "admin")
    with workspace.writing() as s:
        users_write.reset_password(s, admin, user.id, DEMO_PASSWORD)
    workspace.close()
    folder = tmp_path / "demo"
    shutil.copytree(workspace_dir, folder, ignore=shutil.ignore_patterns("qingfeng.lock*"))
    (folder / MARKER).write_text(json.dumps({"as_of": TODAY.isoformat()}), encoding="utf-8")
    return folder


def test_the_first_paint_waits_for_neither_the_models_nor_the_sign_in(demo_like):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-c", PROBE, str(demo_like), json.dumps(NOT_BEFORE_PAINT),
                          TODAY.isoformat()], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["at_paint"] == [], f"imported before the first paint: {report['at_paint']}"
    assert report["signed_in_at_paint"] is None  # the real sign-in came after the paint …
    assert report["signed_in"] == "admin" and report["ready"] and report["idle_lock"]  # … and did
    assert not report["gc_enabled_at_paint"] and report["gc_enabled"]  # the collector back after it,
    assert report["frozen"] > 50_000  # the started window left out of its full passes
    assert report["f1"] and report["help_menu"] == ["使用说明", "快捷键一览"]  # F1 and 帮助 ▸ too
    assert report["backups_at_paint"] == []  # the day's backup: after the first paint …
    from app.workspace.backups import list_backups

    assert [b.kind for b in list_backups(demo_like)] == ["daily"]  # … and made
    db = sqlite3.connect(demo_like / DB_FILENAME)
    try:
        logins = db.execute("SELECT user_name FROM audit_log WHERE action = 'login'").fetchall()
    finally:
        db.close()
    assert ("admin",) in logins


def test_a_file_found_damaged_after_the_paint_turns_the_window_read_only(qtbot, workspace_dir,
                                                                      shown_messages):
    ws = Workspace.open(workspace_dir, as_of=TODAY, check_later=True)
    try:
        window = MainWindow(ws, ws.known_actor("admin"), remember=False)
        qtbot.addWidget(window)
        db = workspace_dir / DB_FILENAME
        data = bytearray(db.read_bytes())  # damaged between the open and the check
        data[4096:4096 * 4] = b"\xa5" * (4096 * 3)
        db.write_bytes(bytes(data))
        offered: list[str] = []

        def decline(dialog: RestoreOfferDialog) -> None:  # no backup passes: only another, or not now
            offered.append(dialog.offer_label.text())
            dialog.decline_button.click()

        _when_modal(RestoreOfferDialog, decline)
        settle(window, ws, sign_in_demo=False)
        qtbot.waitUntil(lambda: window.idle_lock is not None, timeout=20_000)
        assert ws.damaged and ws.read_only
        assert offered and "没有通过检查的备份" in offered[0]
        assert not window.read_only_label.isHidden() and "损坏" in window.read_only_label.text()
        assert any("损坏" in text for text in shown_messages.texts("warn"))
        assert not list((workspace_dir / "backups").glob("*"))  # no day's backup of a damaged file
    finally:
        wait_for_tasks()
        ws.close()
