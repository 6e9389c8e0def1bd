"""Files the program ships: templates (.xlsx/.docx), styles, icons, translations."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def template(name: str) -> Path:
    return ROOT / "templates" / name


def icon_files() -> dict[int, Path]:
    """The program icon's PNG sizes ({edge in pixels: file}), rendered from icons/qingfeng.svg by
    `python -m resources.icons.build_icons`."""
    files = {}
    for path in (ROOT / "icons").glob("qingfeng-*.png"):
        files[int(path.stem.rpartition("-")[2])] = path
    return dict(sorted(files.items()))
