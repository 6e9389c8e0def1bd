"""The program's version (the one place it is written; pyproject.toml reads it from here) and
the build it runs from: a bundle made by build.spec carries `resources/build_info.json` (the
build date), a source checkout has none."""
from __future__ import annotations

import json
from dataclasses import dataclass

from resources.paths import build_info_file

VERSION = "0.2.0"
FROM_SOURCE = "从源代码运行（未打包）"


@dataclass(frozen=True)
class BuildInfo:
    version: str
    built_on: str  # "2026-12-04", or FROM_SOURCE
    bundled: bool


def build_info() -> BuildInfo:
    """The version and, in a bundle, the day build.spec made it."""
    try:
        data = json.loads(build_info_file().read_text("utf-8"))
    except (OSError, ValueError):
        return BuildInfo(VERSION, FROM_SOURCE, False)
    return BuildInfo(VERSION, str(data.get("built_on", "")) or FROM_SOURCE, True)


def version_line() -> str:
    """What `python -m app --version` prints."""
    info = build_info()
    built = f"，构建于 {info.built_on}" if info.bundled else ""
    return f"清风台账 {info.version}{built}"


def version_key(version: str) -> tuple[int, ...]:
    """"0.10.1" → (0, 10, 1), so versions compare as numbers."""
    return tuple(int(part) for part in version.split(".") if part.isdigit())
