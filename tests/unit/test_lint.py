"""The code has no undefined name, unused import or placeholder-less f-string (ruff's pyflakes
rules F, and E9: syntax errors): an undefined name in an annotation or a rarely taken branch
fails only when that line runs, so it is caught here for the whole tree at once."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_ruff_finds_no_pyflakes_error():
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed (pip install -e '.[test]' installs it)")
    done = subprocess.run([ruff, "check", "--no-cache", "--select", "F,E9", "--output-format", "concise",
                           "app", "db", "ui", "tests"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
