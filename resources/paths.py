"""Files the program ships: templates (.docx), the manual (使用说明) with its screenshots, the
release notes, the licences of the libraries shipped, and — in a bundle — the build's date."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def template(name: str) -> Path:
    return ROOT / "templates" / name


def manual() -> Path:
    """resources/manual/: start.md, pages/<page key>.md, tasks/NN-<task>.md, images/."""
    return ROOT / "manual"


def release_notes() -> Path:
    return ROOT / "manual" / "release-notes.md"


def licences() -> Path:
    """resources/licences/: the notice (which library, which licence) and the licence texts."""
    return ROOT / "licences"


def build_info_file() -> Path:
    """Written by build.spec into the bundle; absent in a source checkout."""
    return ROOT / "build_info.json"


def icon_files() -> dict[int, Path]:
    """The program icon's PNG sizes ({edge in pixels: file}), rendered from icons/qingfeng.svg by
    `python -m resources.icons.build_icons`."""
    files = {}
    for path in (ROOT / "icons").glob("qingfeng-*.png"):
        files[int(path.stem.rpartition("-")[2])] = path
    return dict(sorted(files.items()))
