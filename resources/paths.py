"""Files the program ships: templates (.xlsx/.docx), styles, icons, translations."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def template(name: str) -> Path:
    return ROOT / "templates" / name
