"""Chinese input on Linux, proven the way a clerk on 统信 UOS / 麒麟 Kylin types it: fcitx5 with
its pinyin engine (Debian's fcitx5 and fcitx5-chinese-addons) on a real X server (Xvfb) with a
D-Bus session, the bundled program started by the .deb's launcher with the variables such a
desktop sets (QT_IM_MODULE=fcitx, XMODIFIERS=@im=fcitx), xdotool typing pinyin into the 地点
field of a new talk record, and Chinese characters found in that field — read back through the
clipboard and in the form's autosaved draft.

The route: the bundle's Qt 6.8 cannot load the distribution's fcitx5 Qt 6 plugin (built for the
system's Qt), so the launcher sends Qt's own ibus plugin to fcitx5's ibus front end through the
IBus portal on the session bus (IBUS_USE_PORTAL=1: without it Qt's ibus plugin gives up when no
ibus-daemon is installed). The bundle keeps that plugin and Qt DBus (test_bundle.py).

Slow: a fresh fcitx5 and program per run (~30 s), on the bundle built once per run."""
from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.shipping.conftest import AS_OF
from tests.shipping.test_launcher import render_launcher

TOOLS = ("Xvfb", "dbus-daemon", "dbus-send", "fcitx5", "fcitx5-remote", "xdotool", "xclip")
PROFILE = """[Groups/0]
Name=默认
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=默认
"""
# The form opens with the focus in its first field (类型); a date is one stop: 日期, 时间, 结束, 地点.
# tests/ui/test_forms.py walks the form and holds this count to it, so a moved field fails there
# (in the fast suite), not only here; the saved draft says which field the text went to.
PINYIN, TABS_TO_PLACE = "nihao", 4
CHINESE = re.compile(r"[\u4e00-\u9fff]{2,}")

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(os.name == "nt", reason="fcitx5 is the Linux desktops' input method"),
              pytest.mark.skipif(any(shutil.which(t) is None for t in TOOLS),
                                 reason="needs " + ", ".join(TOOLS) + " (.ci/run installs them)")]


class Desktop:
    """Xvfb + a D-Bus session + fcitx5 with pinyin, in a home folder of their own."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.processes: list[subprocess.Popen] = []
        self.env: dict[str, str] = {}

    def start(self) -> None:
        runtime = self.home / "runtime"
        (self.home / ".config" / "fcitx5").mkdir(parents=True)
        runtime.mkdir(mode=0o700)
        (self.home / ".config" / "fcitx5" / "profile").write_text(PROFILE, encoding="utf-8")
        read, write = os.pipe()
        xvfb = self._spawn(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24",
                            "-nolisten", "tcp"], pass_fds=(write,))
        os.close(write)
        with os.fdopen(read) as pipe:
            display = pipe.readline().strip()
        assert display.isdigit(), f"Xvfb did not start ({xvfb.poll()})"
        bus = self._spawn(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                          stdout=subprocess.PIPE, text=True)
        address = bus.stdout.readline().strip()
        assert address, "dbus-daemon did not start"
        base = {k: v for k, v in os.environ.items()
                if not k.startswith(("QT_", "XMODIFIERS", "GTK_IM", "IBUS", "DBUS", "DISPLAY", "XDG_"))}
        self.env = {**base, "DISPLAY": f":{display}", "DBUS_SESSION_BUS_ADDRESS": address,
                    "HOME": str(self.home), "XDG_CONFIG_HOME": str(self.home / ".config"),
                    "XDG_DATA_HOME": str(self.home / ".local" / "share"), "XDG_RUNTIME_DIR": str(runtime),
                    "LANG": "C.UTF-8"}
        self._spawn(["fcitx5", "--disable=wayland"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.wait_for("fcitx5's IBus portal on the session bus", lambda: self._has_owner("org.freedesktop.portal.IBus"))

    def _spawn(self, command: list[str], **kwargs) -> subprocess.Popen:  # noqa: ANN003
        kwargs.setdefault("env", self.env or None)
        process = subprocess.Popen(command, **kwargs)
        self.processes.append(process)
        return process

    def _has_owner(self, name: str) -> bool:
        out = self.run("dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
                       "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", f"string:{name}",
                       check=False)
        return "boolean true" in out

    def run(self, *command: str, check: bool = True, timeout: float = 30) -> str:
        done = subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=timeout)
        if check:
            assert done.returncode == 0, f"{command}: {done.stderr}"
        return done.stdout.strip()

    def launch(self, command: list[str], **env: str) -> subprocess.Popen:
        return self._spawn(command, env={**self.env, **env}, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)

    def window(self, title: str, timeout: float = 60) -> str:
        """The id of the visible window whose title contains `title`."""
        found: list[str] = []

        def visible() -> bool:
            out = self.run("xdotool", "search", "--onlyvisible", "--name", title, check=False)
            found[:] = out.split()
            return bool(found)

        self.wait_for(f"a window “{title}”", visible, timeout)
        return found[-1]

    @staticmethod
    def wait_for(what: str, ready, timeout: float = 60) -> None:  # noqa: ANN001
        deadline = time.monotonic() + timeout
        while not ready():
            assert time.monotonic() < deadline, f"waited {timeout:.0f} s for {what}"
            time.sleep(0.25)

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            if process.stdout is not None:
                process.stdout.close()


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[Desktop]:
    session = Desktop(tmp_path / "home")
    try:
        session.start()
        yield session
    finally:
        session.stop()


def _chinese_in_drafts(demo: Path) -> dict[str, str]:
    """{field: text} of every text holding Chinese in the saved drafts (nested keys joined by /)."""
    db = sqlite3.connect(f"file:{demo / 'qingfeng.sqlite3'}?mode=ro", uri=True)
    try:
        payloads = [json.loads(payload) for (payload,) in db.execute("SELECT payload FROM drafts")]
    finally:
        db.close()
    found: dict[str, str] = {}

    def walk(value: object, path: str) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, f"{path}/{key}" if path else str(key))
        elif isinstance(value, list):
            for inner in value:
                walk(inner, path)
        elif isinstance(value, str) and CHINESE.search(value):
            found[path] = value

    for payload in payloads:
        walk(payload, "")
    return found


def test_pinyin_typed_into_a_talk_form_becomes_chinese(bundle: Path, demo_copy: Path, desktop: Desktop,
                                                       tmp_path: Path):
    launcher = render_launcher(bundle, tmp_path / "qingfeng")
    program = desktop.launch([str(launcher), "--demo", "--data-dir", str(demo_copy), "--as-of", AS_OF,
                              "--page", "talks"],
                             QT_IM_MODULE="fcitx", XMODIFIERS="@im=fcitx", GTK_IM_MODULE="fcitx")
    try:
        main = desktop.window("清风台账 — ")
        desktop.run("xdotool", "windowfocus", "--sync", main)
        time.sleep(2)  # the talks page's first rows
        desktop.run("xdotool", "key", "ctrl+n")
        form = desktop.window("新增谈话记录", timeout=30)
        desktop.run("xdotool", "windowfocus", "--sync", form)
        time.sleep(1)
        for _ in range(TABS_TO_PLACE):
            desktop.run("xdotool", "key", "Tab")
        time.sleep(0.5)
        # fcitx5 starts each new input field in its keyboard layout; a clerk presses Ctrl+Space.
        desktop.wait_for("the form's input context in fcitx5", lambda: desktop.run("fcitx5-remote", check=False) in ("1", "2"), 15)
        desktop.run("fcitx5-remote", "-o")
        assert desktop.run("fcitx5-remote") == "2" and desktop.run("fcitx5-remote", "-n") == "pinyin"
        desktop.run("xdotool", "type", "--delay", "120", PINYIN)
        desktop.run("xdotool", "key", "space")  # the first candidate
        time.sleep(0.5)
        desktop.run("xdotool", "key", "ctrl+a", "ctrl+c")
        time.sleep(0.5)
        field = desktop.run("xclip", "-o", "-selection", "clipboard", check=False)
        assert CHINESE.fullmatch(field), f"the field holds {field!r}, not Chinese"
        # The form saves a draft every 3 s: the text is the 地点 (place) of the talk being written.
        def place() -> list[str]:  # the 地点 field as the draft names it (the form fills in others itself)
            return [text for key, text in _chinese_in_drafts(demo_copy).items()
                    if key.rsplit("/", 1)[-1] in ("place", "place_edit")]

        desktop.wait_for("the form's autosaved draft", place, 20)
        assert place() == [field], f"the Chinese is in {_chinese_in_drafts(demo_copy)} (the form's fields moved?)"
    finally:
        program.terminate()
        try:
            output = program.communicate(timeout=20)[0]
        except subprocess.TimeoutExpired:
            program.kill()
            output = program.communicate()[0]
    assert "Traceback" not in output, output[-3000:]
