"""`bash installer/build-deb.sh` makes a .deb that installs, shows 清风台账 in the menu with its
icon, starts from the menu entry's Exec line, and uninstalls without leaving anything behind.

Slow, and it installs into this system: it runs where dpkg is and as root (or with password-less
sudo) — CI runs as root — and refuses to touch a system that has the package installed already."""
from __future__ import annotations

import configparser
import os
import re
import shlex
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from tests.shipping.conftest import AS_OF, ROOT

PACKAGE = "qingfeng-taizhang"
APPDIR = Path("/opt") / PACKAGE
DESKTOP = Path("/usr/share/applications") / f"{PACKAGE}.desktop"
HICOLOR = Path("/usr/share/icons/hicolor")

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb: a Debian-like system")]


def _as_root() -> list[str]:
    if os.geteuid() == 0:
        return []
    if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        return ["sudo", "-n"]
    pytest.skip("installing a .deb needs root or password-less sudo")
    return []


def _installed() -> bool:
    status = subprocess.run(["dpkg-query", "-W", "-f=${db:Status-Status}", PACKAGE],
                            capture_output=True, text=True)
    return status.returncode == 0 and status.stdout.strip() not in ("", "not-installed")


def _field(deb: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True,
                          check=True).stdout.strip()


def _names(relation: str) -> set[str]:
    """Package names of a Depends-style field (alternatives and versions dropped)."""
    return {re.split(r"[\s(:]", alternative.strip())[0]
            for entry in relation.split(",") for alternative in entry.split("|") if alternative.strip()}


def _listed(kind: str) -> set[str]:
    text = (ROOT / "DEVELOPERS.md").read_text(encoding="utf-8")
    block = re.search(rf"<!-- deb-{kind} -->(.*?)<!-- /deb-{kind} -->", text, re.S)
    assert block is not None
    return set(re.findall(r"`([^`]+)`", block.group(1)))


def _system_libraries(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """({library file outside the bundle: a file of the bundle that links against it}, {library
    not on this system: the file that wants it}), as the dynamic loader resolves them with the
    bundle's own folders first (as the bootloader does)."""
    internal = folder / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}")
    found: dict[str, str] = {}
    missing: dict[str, str] = {}
    for path in folder.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        with path.open("rb") as file:
            if file.read(4) != b"\x7fELF":
                continue
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
        for line in out.splitlines():
            if "not found" in line:
                missing.setdefault(line.split()[0], str(path.relative_to(folder)))
                continue
            match = re.search(r"=>\s+(/\S+)", line)
            if match and not Path(match[1]).resolve().is_relative_to(folder.resolve()):
                found.setdefault(match[1], str(path.relative_to(folder)))
    return found, missing


def _package_of(library: str) -> str:
    for candidate in (library, str(Path(library).resolve()), re.sub(r"^/usr", "", library)):
        owner = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if owner.returncode == 0:
            return owner.stdout.split(":")[0].strip()
    raise AssertionError(f"no package owns {library}")


def _dependencies(package: str) -> set[str]:
    fields = subprocess.run(["dpkg-query", "-W", "-f=${Depends}, ${Pre-Depends}", package],
                            capture_output=True, text=True).stdout
    return _names(fields)


def test_deb_installs_shows_in_the_menu_starts_and_uninstalls(bundle: Path, demo_copy: Path, tmp_path: Path):
    sudo = _as_root()
    if _installed():
        pytest.skip(f"{PACKAGE} is installed on this system; the test would replace it")
    build = subprocess.run(["bash", str(ROOT / "installer" / "build-deb.sh"), "--bundle", str(bundle),
                            "--out", str(tmp_path / "out")], capture_output=True, text=True, timeout=900)
    assert build.returncode == 0, build.stderr[-3000:]
    deb = Path(build.stdout.strip().splitlines()[-1])
    assert deb.is_file() and deb.name.startswith(f"{PACKAGE}_") and deb.suffix == ".deb"

    # What it declares: the libraries DEVELOPERS.md lists, enough for every file of the bundle.
    depends, recommends = _field(deb, "Depends"), _field(deb, "Recommends")
    assert _names(depends) == _listed("depends")
    assert _names(recommends) == _listed("recommends")
    assert re.search(r"libc6 \(>= 2\.\d+\)", depends)
    allowed = _names(depends) | _names(recommends)
    allowed |= {dep for package in _names(depends) for dep in _dependencies(package)}
    found, missing = _system_libraries(bundle)
    for library, user in found.items():
        owner = _package_of(library)
        assert owner in allowed, f"{user} links {library} ({owner}): not in DEVELOPERS.md's lists"
    recommended = re.search(r"<!-- deb-recommends -->(.*?)<!--", (ROOT / "DEVELOPERS.md").read_text(encoding="utf-8"), re.S)[1]
    for library, user in missing.items():  # absent here: an optional part, whose package is recommended
        assert library in recommended, f"{user} links {library}, absent here and not in DEVELOPERS.md's Recommends"

    # Nothing under /etc, no maintainer scripts.
    contents = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    paths = [line.split(None, 5)[5].split(" -> ")[0] for line in contents.splitlines()]
    assert not [p for p in paths if p.startswith("./etc")]
    control = subprocess.run(["dpkg-deb", "--ctrl-tarfile", str(deb)], capture_output=True, check=True).stdout
    assert b"postinst" not in control and b"prerm" not in control and b"conffiles" not in control

    install = subprocess.run([*sudo, "dpkg", "-i", str(deb)], capture_output=True, text=True, timeout=600)
    try:
        assert install.returncode == 0, install.stdout + install.stderr
        _check_menu_entry()
        _start_from_the_menu(demo_copy, tmp_path)
    finally:
        remove = subprocess.run([*sudo, "dpkg", "-r", PACKAGE], capture_output=True, text=True, timeout=600)
    assert remove.returncode == 0, remove.stdout + remove.stderr
    # dpkg may not remove a directory other packages use (/opt where nothing owns it): any
    # warning is about such a folder, never one of ours.
    for warning in re.findall(r"warning: .*", remove.stderr):
        folder = re.search(r"directory '([^']+)' not empty", warning)
        assert folder and PACKAGE not in folder[1], warning
    assert not _installed()
    left = [p for p in paths if p.rstrip("/") not in (".", "./opt", "./usr", "./usr/bin", "./usr/share")
            and Path(p[1:]).exists() and (Path(p[1:]).is_file() or PACKAGE in p)]
    assert left == [], left
    assert not APPDIR.exists()


def _check_menu_entry() -> None:
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Name"] == desktop["Name[zh_CN]"] == "清风台账"
    assert re.search(r"[\u4e00-\u9fff]{4}", desktop["Comment[zh_CN]"])
    assert "Office" in desktop["Categories"].split(";")
    assert desktop["Terminal"] == "false"
    exec_line = shlex.split(desktop["Exec"])
    assert len(exec_line) == 1 and Path(exec_line[0]).is_absolute() and os.access(exec_line[0], os.X_OK)
    launcher = Path(exec_line[0]).read_text(encoding="utf-8")
    assert f'APPDIR="{APPDIR}"' in launcher and "QT_IM_MODULE" in launcher
    assert not re.search(r"^\s*(export\s+)?QT_QPA_PLATFORM=", launcher, re.M)
    assert os.access("/usr/bin/qingfeng-cli", os.X_OK)
    # The Icon= name resolves in the hicolor theme at the sizes menus draw.
    icon = desktop["Icon"]
    assert "/" not in icon
    for size in ("16x16", "32x32", "48x48", "128x128", "256x256"):
        png = HICOLOR / size / "apps" / f"{icon}.png"
        assert png.is_file(), png
        edge = int(size.split("x")[0])
        assert struct.unpack(">II", png.read_bytes()[16:24]) == (edge, edge)
    assert (HICOLOR / "scalable" / "apps" / f"{icon}.svg").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
        assert check.returncode == 0 and "error" not in check.stdout.lower(), check.stdout


def _start_from_the_menu(demo: Path, tmp_path: Path) -> None:
    """The program as the menu starts it (the Exec line), rendering the demo's 首页."""
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(DESKTOP, encoding="utf-8")
    command = shlex.split(entry["Desktop Entry"]["Exec"])
    shot = tmp_path / "home.png"
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}  # the
    env["HOME"] = str(tmp_path / "home")  # program chooses offscreen for a screenshot itself
    run = subprocess.run([*command, "--demo", "--data-dir", str(demo), "--as-of", AS_OF,
                          "--screenshot", str(shot), "--page", "home"],
                         capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stderr[-3000:]
    assert struct.unpack(">II", shot.read_bytes()[16:24]) == (1366, 768)
    check = subprocess.run(["qingfeng-cli", "check", "--data-dir", str(demo)], capture_output=True,
                           text=True, timeout=300, env=env)
    assert check.returncode == 0 and "操作日志链完整" in check.stdout, check.stdout + check.stderr
