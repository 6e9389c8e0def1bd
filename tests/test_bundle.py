"""The shipped program: build.spec builds the one-folder bundle, and the bundle renders the demo.

Slow (a few minutes): `python -m pytest -m "not slow"` skips it while you work; .ci/run runs it.
"""
from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_bundle_builds_and_renders_the_demo(tmp_path):
    dist, work = tmp_path / "dist", tmp_path / "build"
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(ROOT / "build.spec"), "--noconfirm",
         "--distpath", str(dist), "--workpath", str(work)],
        cwd=ROOT, capture_output=True, text=True, timeout=1500)
    assert build.returncode == 0, build.stderr[-3000:]
    exe_name = "qingfeng.exe" if os.name == "nt" else "qingfeng"
    program = dist / "qingfeng" / exe_name
    assert program.is_file()

    shot = tmp_path / "x.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run(
        [str(program), "--demo", "--data-dir", str(tmp_path / "demo"), "--as-of", "2026-11-28",
         "--screenshot", str(shot), "--page", "people"],
        capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stderr[-3000:]
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1366, 768)

    # The command-line executable in the same folder works on the same workspace.
    cli = dist / "qingfeng" / ("qingfeng-cli.exe" if os.name == "nt" else "qingfeng-cli")
    check = subprocess.run([str(cli), "check", "--data-dir", str(tmp_path / "demo")],
                           capture_output=True, text=True, timeout=120, env=env)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "操作日志链完整" in check.stdout

    # The help ships: the manual's page renders, the licences are there, --version has the build date.
    internal = dist / "qingfeng" / "_internal"
    assert (internal / "resources" / "manual" / "pages" / "help.md").is_file()
    assert (internal / "resources" / "manual" / "images" / "talk-form.png").is_file()
    assert (internal / "resources" / "licences" / "LGPL-3.0.txt").is_file()
    help_shot = tmp_path / "help.png"
    run = subprocess.run(
        [str(program), "--demo", "--data-dir", str(tmp_path / "demo"), "--as-of", "2026-11-28",
         "--screenshot", str(help_shot), "--page", "help"], capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0 and help_shot.stat().st_size > 20_000, run.stderr[-3000:]
    version = subprocess.run([str(cli), "--version"], capture_output=True, text=True, timeout=120, env=env)
    assert version.returncode == 0 and "构建于" in version.stdout, version.stdout + version.stderr
