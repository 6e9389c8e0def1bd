"""`--help` reads well in an 80-column terminal: every command's help fits in columns (a
Chinese character is two), and no key, option or word is cut in two."""
from __future__ import annotations

import re

import pytest

from app.cli.parser import PAGE_KEYS, REGISTERS, _columns, build_parser


def _helps(monkeypatch: pytest.MonkeyPatch, width: int) -> list[str]:
    monkeypatch.setenv("COLUMNS", str(width))
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command")  # noqa: SLF001 — argparse's own
    return [parser.format_help(), *(sub.format_help() for sub in commands.choices.values())]


@pytest.mark.parametrize("width", [80, 60])
def test_help_fits_and_cuts_no_word(monkeypatch, width):
    for text in _helps(monkeypatch, width):
        lines = text.splitlines()
        too_wide = [line for line in lines if _columns(line) > width and " " in line.strip()]
        assert too_wide == []
        words = set(re.findall(r"[A-Za-z][A-Za-z0-9_]+", text))
        for key in (*PAGE_KEYS, *REGISTERS, "QINGFENG_PASSWORD", "PostgreSQL"):
            # the key as a word of the flattened text (“reports” inside duty_reports is not it)
            if re.search(rf"(?<![A-Za-z0-9_]){key}(?![A-Za-z0-9_])", text.replace("\n", "").replace(" ", "")):
                assert key in words, f"“{key}” is cut across lines at {width} columns"
