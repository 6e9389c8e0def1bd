"""The .deb's launcher (installer/linux/qingfeng.sh → /usr/bin/qingfeng) chooses how Qt reaches
the desktop's input method, so the clerk sets nothing: fcitx5 through its ibus front end over the
IBus portal (the bundle's Qt cannot load the system's fcitx5 Qt plugin), fcitx5's own plugin when
one built for this Qt was put in the bundle, ibus as it is. It never chooses the display platform.

Run here against a stand-in program that prints its environment (fast); the installed launcher
starts the real one in test_deb_package.py and test_chinese_input.py."""
from __future__ import annotations

import os
import re
import stat
import subprocess
from pathlib import Path

import pytest

from tests.shipping.conftest import ROOT

LAUNCHER = ROOT / "installer" / "linux" / "qingfeng.sh"
PLUGIN = "_internal/PySide6/Qt/plugins/platforminputcontexts/libfcitx5platforminputcontextplugin.so"
IM_VARIABLES = ("QT_IM_MODULE", "XMODIFIERS", "GTK_IM_MODULE", "INPUT_METHOD", "IBUS_USE_PORTAL",
                "QT_QPA_PLATFORM")

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the Linux launcher")


def render_launcher(app_dir: Path, target: Path) -> Path:
    """The launcher as installer/build-deb.sh writes it, for a program in `app_dir`."""
    target.write_text(LAUNCHER.read_text(encoding="utf-8").replace("@APPDIR@", str(app_dir)),
                      encoding="utf-8")
    target.chmod(0o755)
    return target


@pytest.fixture
def app_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "opt"
    program = folder / "qingfeng"
    program.parent.mkdir()
    program.write_text('#!/bin/sh\nfor a in "$@"; do echo "ARG=$a"; done\n/usr/bin/env\n', encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return folder


def launch(app_dir: Path, tmp_path: Path, path: str = "/usr/bin:/bin", **env: str) -> dict[str, str]:
    launcher = render_launcher(app_dir, tmp_path / "qingfeng-launcher")
    base = {key: value for key, value in os.environ.items() if key not in IM_VARIABLES}
    out = subprocess.run([str(launcher), "--demo", "带 空格"], env={**base, "PATH": path, **env},
                         capture_output=True, text=True, check=True).stdout
    args = [line[4:] for line in out.splitlines() if line.startswith("ARG=")]
    assert args == ["--demo", "带 空格"]  # passed on untouched
    seen = dict(line.split("=", 1) for line in out.splitlines() if "=" in line and not line.startswith("ARG="))
    assert "QT_QPA_PLATFORM" not in seen or seen["QT_QPA_PLATFORM"] == env.get("QT_QPA_PLATFORM")
    return {key: seen[key] for key in IM_VARIABLES if key in seen}


def test_fcitx5_desktop_is_reached_through_the_ibus_portal(app_dir, tmp_path):
    # What 统信 UOS and 麒麟 Kylin sessions set for fcitx5.
    seen = launch(app_dir, tmp_path, QT_IM_MODULE="fcitx", XMODIFIERS="@im=fcitx", GTK_IM_MODULE="fcitx")
    assert seen["QT_IM_MODULE"] == "ibus" and seen["IBUS_USE_PORTAL"] == "1"
    assert seen["XMODIFIERS"] == "@im=fcitx"  # what other programs read stays


def test_fcitx5_said_only_by_xmodifiers(app_dir, tmp_path):
    seen = launch(app_dir, tmp_path, XMODIFIERS="@im=fcitx5")
    assert seen["QT_IM_MODULE"] == "ibus" and seen["IBUS_USE_PORTAL"] == "1"


def test_fcitx5_running_unannounced(app_dir, tmp_path):
    tools = tmp_path / "bin"
    tools.mkdir()
    for name, body in (("pgrep", '[ "$3" = "-x" ] && [ "$4" = fcitx5 ]'), ("id", "echo 1000")):
        (tools / name).write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        (tools / name).chmod(0o755)
    seen = launch(app_dir, tmp_path, path=str(tools))
    assert seen == {"QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1"}


def test_a_fcitx5_plugin_built_for_this_qt_is_preferred(app_dir, tmp_path):
    plugin = app_dir / PLUGIN
    plugin.parent.mkdir(parents=True)
    plugin.write_bytes(b"")
    seen = launch(app_dir, tmp_path, QT_IM_MODULE="fcitx")
    assert seen["QT_IM_MODULE"] == "fcitx" and "IBUS_USE_PORTAL" not in seen


def test_ibus_stays_ibus(app_dir, tmp_path):
    daemon = tmp_path / "bin" / "ibus-daemon"
    daemon.parent.mkdir()
    daemon.write_text("#!/bin/sh\n", encoding="utf-8")
    daemon.chmod(0o755)
    seen = launch(app_dir, tmp_path, path=f"{daemon.parent}:/usr/bin:/bin", QT_IM_MODULE="ibus")
    assert seen == {"QT_IM_MODULE": "ibus"}  # Qt's ibus plugin finds the daemon's bus itself
    without_daemon = launch(app_dir, tmp_path, QT_IM_MODULE="ibus")
    assert without_daemon == {"QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1"}


def test_no_input_method_no_change(app_dir, tmp_path):
    assert launch(app_dir, tmp_path, path=str(tmp_path)) == {}  # no pgrep either


def test_display_platform_left_to_qt(app_dir, tmp_path):
    text = LAUNCHER.read_text(encoding="utf-8")
    assert not re.search(r"^\s*(export\s+)?QT_QPA_PLATFORM=", text, re.M)
    assert launch(app_dir, tmp_path, QT_QPA_PLATFORM="wayland")  # passed through as it was
