"""installer/qingfeng.iss, the Windows setup script, read as Inno Setup reads it (it cannot be
compiled here): what it installs, for whom, with which shortcuts and language, and what its
uninstaller does with the data. The slow test finds every file it names in the bundle."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from app.version import VERSION
from app.workspace.facade import APP_NAME
from tests.shipping.conftest import ROOT

ISS = ROOT / "installer" / "qingfeng.iss"
ISS_BUNDLE = "..\\dist\\qingfeng"  # relative to installer/


@dataclass
class Script:
    defines: dict[str, str] = field(default_factory=dict)
    sections: dict[str, list[str]] = field(default_factory=dict)  # lines, defines expanded

    def setup(self) -> dict[str, str]:
        pairs = (line.split("=", 1) for line in self.sections["Setup"] if "=" in line)
        return {key.strip(): value.strip() for key, value in pairs}

    def entries(self, section: str) -> list[dict[str, str]]:
        """`Name: "…"; Source: "…"; Flags: …` lines as dicts."""
        entries = []
        for line in self.sections.get(section, []):
            entry = {}
            for part in re.findall(r'(\w+):\s*("[^"]*"|[^;]*)', line):
                entry[part[0]] = part[1].strip().strip('"')
            entries.append(entry)
        return entries


def read_script() -> Script:
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup reads Chinese text right only from UTF-8 with a BOM"
    script = Script()
    section = None
    for line in raw[3:].decode("utf-8").splitlines():
        stripped = line.strip()
        if define := re.match(r'#define\s+(\w+)\s+"(.*)"', stripped):
            script.defines[define[1]] = define[2]
            continue
        if not stripped or stripped.startswith((";", "#")):
            continue
        if header := re.fullmatch(r"\[(\w+)\]", stripped):
            section = header[1]
            script.sections[section] = []
            continue
        for _ in range(3):  # a define may name another
            stripped = re.sub(r"\{#(\w+)\}", lambda m: script.defines[m[1]], stripped)
        script.sections[section].append(stripped)
    return script


def test_setup_installs_per_user_or_for_everyone_on_windows_10_and_11():
    setup = read_script().setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert "dialog" in setup["PrivilegesRequiredOverridesAllowed"]
    assert setup["DefaultDirName"].startswith("{autopf}")  # per user: LocalAppData\Programs
    assert setup["MinVersion"] == "10.0"
    assert setup["ArchitecturesInstallIn64BitMode"] == "x64compatible"
    assert setup["AppVersion"] == VERSION  # app/version.py: the one place it is written
    assert setup["AppName"] == "清风台账"
    icon = (ISS.parent / setup["SetupIconFile"].replace("\\", "/")).resolve()
    assert icon == ROOT / "resources" / "icons" / "qingfeng.ico" and icon.is_file()


def test_setup_speaks_chinese_only():
    script = read_script()
    languages = script.entries("Languages")
    assert [entry["MessagesFile"] for entry in languages] == ["compiler:Languages\\ChineseSimplified.isl"]
    assert script.setup()["ShowLanguageDialog"] == "no"
    for entry in script.entries("Tasks") + script.entries("Run"):
        assert re.search(r"[\u4e00-\u9fff]", entry["Description"])


def test_start_menu_and_desktop_shortcuts_carry_the_icon():
    icons = read_script().entries("Icons")
    places = {entry["Name"].split("\\")[0]: entry for entry in icons}
    assert set(places) == {"{autoprograms}", "{autodesktop}"}  # per user or for all, as installed
    assert places["{autodesktop}"]["Tasks"] == "desktopicon"
    for entry in icons:
        assert entry["Filename"] == "{app}\\qingfeng.exe"
        assert entry["IconFilename"].endswith("qingfeng.ico")


def test_uninstaller_keeps_the_data_unless_asked():
    script = read_script()
    code = "\n".join(script.sections["Code"])
    assert script.defines["DataFolder"] == "{localappdata}\\" + APP_NAME  # platformdirs' folder
    assert "UninstallDelete" not in script.sections
    ask = code.index("MsgBox(")
    assert code.index("UninstallSilent") < ask < code.index("DelTree(")
    assert "MB_DEFBUTTON2" in code and "= IDYES then" in code  # 否 is the default


def _bundle_path(bundle: Path, name: str) -> Path:
    """A file the script names — `{#Bundle}\\x` at compile time, `{app}\\x` once installed —
    in the bundle built here (a Linux build: no .exe suffixes)."""
    built = ISS_BUNDLE + "\\"
    assert name.startswith(("{app}\\", built)), f"{name} is not from the bundle"
    relative = name.split("\\", 1)[1] if name.startswith("{app}") else name[len(built):]
    relative = relative.replace("\\", "/")
    if os.name != "nt" and relative.endswith(".exe"):
        relative = relative.removesuffix(".exe")
    return bundle / relative


@pytest.mark.slow
def test_every_file_the_setup_names_is_in_the_bundle(bundle: Path):
    script = read_script()
    assert script.defines["Bundle"] == ISS_BUNDLE  # pyinstaller build.spec's dist/qingfeng/
    sources = [entry["Source"] for entry in script.entries("Files")]
    assert sources, "the setup installs nothing"
    for source in sources:
        path = _bundle_path(bundle, source)
        if path.name == "*":
            assert path.parent.is_dir() and any(path.parent.rglob("*")), source
        else:
            assert path.is_file(), source
    named = [entry[key] for entry in script.entries("Icons") + script.entries("Run")
             for key in ("Filename", "IconFilename") if key in entry]
    for name in [*named, script.setup()["UninstallDisplayIcon"]]:
        assert _bundle_path(bundle, name).is_file(), name
