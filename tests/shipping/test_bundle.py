"""The one-folder bundle (build.spec) renders the demo and its command line checks it.

Slow (the build takes minutes, once per run: tests/shipping/conftest.py); `python -m pytest -m
"not slow"` skips it while you work; .ci/run runs it."""
from __future__ import annotations

import os
import struct
import subprocess
from pathlib import Path

import pytest

from tests.shipping.conftest import AS_OF, EXE

pytestmark = pytest.mark.slow


def test_bundle_renders_the_demo(bundle: Path, demo_copy: Path, tmp_path: Path):
    shot = tmp_path / "x.png"
    run = subprocess.run(
        [str(bundle / f"qingfeng{EXE}"), "--demo", "--data-dir", str(demo_copy), "--as-of", AS_OF,
         "--screenshot", str(shot), "--page", "people"],
        capture_output=True, text=True, timeout=300, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert run.returncode == 0, run.stderr[-3000:]
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1366, 768)

    # The command-line executable in the same folder works on the same workspace.
    check = subprocess.run([str(bundle / f"qingfeng-cli{EXE}"), "check", "--data-dir", str(demo_copy)],
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "操作日志链完整" in check.stdout


def test_bundle_keeps_what_chinese_input_needs(bundle: Path):
    """Qt's ibus input-context plugin (the way to fcitx5 and ibus) and the Qt DBus library it
    talks through: build.spec must not exclude them."""
    if os.name == "nt":
        pytest.skip("Windows input methods need no plugin")
    qt = bundle / "_internal" / "PySide6" / "Qt"
    assert (qt / "plugins" / "platforminputcontexts" / "libibusplatforminputcontextplugin.so").is_file()
    assert (qt / "plugins" / "platforminputcontexts" / "libcomposeplatforminputcontextplugin.so").is_file()
    assert any((bundle / "_internal").rglob("libQt6DBus.so*"))


def test_bundle_ships_the_help(bundle: Path, demo_copy: Path, tmp_path: Path):
    """The manual's page renders from the bundle, the licences are there, and --version names
    the build date build.spec wrote."""
    internal = bundle / "_internal"
    assert (internal / "resources" / "manual" / "pages" / "help.md").is_file()
    assert (internal / "resources" / "manual" / "images" / "talk-form.png").is_file()
    assert (internal / "resources" / "licences" / "LGPL-3.0.txt").is_file()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    shot = tmp_path / "help.png"
    run = subprocess.run(
        [str(bundle / f"qingfeng{EXE}"), "--demo", "--data-dir", str(demo_copy), "--as-of", AS_OF,
         "--screenshot", str(shot), "--page", "help"], capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0 and shot.stat().st_size > 20_000, run.stderr[-3000:]
    version = subprocess.run([str(bundle / f"qingfeng-cli{EXE}"), "--version"],
                             capture_output=True, text=True, timeout=120, env=env)
    assert version.returncode == 0 and "构建于" in version.stdout, version.stdout + version.stderr
