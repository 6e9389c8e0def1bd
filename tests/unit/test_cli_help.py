"""`--help` reads well in an 80-column terminal: every command's help fits in columns (a
Chinese character is two), and no key, option or word is cut in two."""
from __future__ import annotations

import re

import pytest

from app.cli.parser import PAGE_KEYS, REGISTERS, _columns, build_parser, parse_command_line


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


@pytest.mark.parametrize("argv", [
    [], ["--demo"], ["--demo", "--page", "home", "--as-of", "2026-11-28", "--scale", "2"],
    ["--data-dir", "/tmp/x", "--user", "admin"], ["--db", "postgresql://h/d", "--size", "1024x600"],
    ["--screenshot", "/tmp/x.png", "--page", "talks", "--open", "新增"], ["--data-dir", "check"],
    ["--demo", "check"], ["check", "--data-dir", "/tmp/x"], ["--data-dir", "/tmp/x", "export", "talks", "--out", "a.xlsx"],
    ["search", "王芳", "--demo"], ["--dem"], ["--data", "/tmp/x", "--page=home"]])
def test_the_window_reads_its_options_as_the_whole_parser_does(argv):
    """parse_command_line reads the window's start without the commands' parsers: the same
    arguments as the whole parser, for the window and for every command."""
    assert vars(parse_command_line(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [["--page", "nowhere"], ["--size", "big"], ["stray"], ["--as-of", "昨天"],
                                  ["--help"], ["-h"], ["--version"], ["--scale"]])
def test_a_mistake_or_help_gets_the_whole_parsers_answer(argv, capsys):
    with pytest.raises(SystemExit) as first:
        parse_command_line(argv)
    ours = capsys.readouterr()
    with pytest.raises(SystemExit) as whole:
        build_parser().parse_args(argv)
    assert (first.value.code, ours) == (whole.value.code, capsys.readouterr())
