"""A form killed 1 s after the clerk's last keystroke keeps what was typed: a real window in a
child process (tests/ui/form_crash_child.py) with every form open and a line typed into each,
SIGKILLed one second after it says so; the workspace reopened here has each form's draft."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import drafts
from app.workspace.facade import Workspace
from tests.conftest import TODAY
from tests.ui.forms_world import NOTHING_TO_KEEP, actor_of, build_world, form_classes

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.sqlite_only("kills a process holding the SQLite workspace"), pytest.mark.slow]


def test_a_form_killed_one_second_after_typing_keeps_it_all(workspace_dir: Path):
    ws = Workspace.open(workspace_dir, as_of=TODAY)
    try:
        admin = actor_of(ws, "admin")
        world = build_world(ws, admin)
    finally:
        ws.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-m", "tests.ui.form_crash_child", str(workspace_dir),
                              json.dumps(world)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    try:
        assert child.stdout.readline().strip() == "typed"
        time.sleep(1.0)
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(30)
    assert child.returncode == -signal.SIGKILL
    ws = Workspace.open(workspace_dir, as_of=TODAY)
    try:
        admin = actor_of(ws, "admin")
        with ws.reading() as s:
            kept = drafts.drafts_of(s, admin)
    finally:
        ws.close()
    forms = [c.__name__ for c in form_classes() if c.__name__ not in NOTHING_TO_KEEP]
    lost = [name for name in forms
            if not any(d.form_key.startswith(name + ":") and f"崩溃前{name}" in repr(d.fields) for d in kept)]
    assert lost == [], f"killed 1 s after typing, these forms lost it: {lost}"
