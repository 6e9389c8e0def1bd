"""A combined 工作单位及职务 cell, as registers write it (“市博物馆馆长”, “本局办公室 科员”): split
against the units the workspace knows (the longest name the cell starts with, after the bureau's
own name), or — for a unit not yet known — at a known post word (dictionary post_word: 科员, 科长,
馆长, 大队长, 出纳 …), so an import with create_missing can add the unit and the person."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from app.dictionaries import normalize

SEPARATORS = " \t·・、，,/／-—－:："
BUREAU_PREFIXES = ("本局", "局")


def normalized_prefixes(text: str) -> tuple[str, dict[int, int]]:
    """`text` normalized, and for each length of its normalized beginning the index in `text`
    just after it: `text[ends[len(key)]:]` follows a beginning that normalizes to `key`."""
    seen, ends = "", {}
    for i, ch in enumerate(text):
        seen += normalize(ch)
        ends.setdefault(len(seen), i + 1)
    return seen, ends


def after_prefix(text: str, key: str) -> str | None:
    """`text` after its beginning that normalizes to `key`, or None."""
    if not key:
        return None
    seen = ""
    for i, ch in enumerate(text):
        seen += normalize(ch)
        if len(seen) >= len(key):
            return text[i + 1:] if seen == key else None
    return None


def without_bureau(cell: str, bureau: str) -> list[str]:
    """The cell as written, then without the bureau's own name (“测试局办公室科员” → “办公室科员”)."""
    cell = cell.strip()
    return [cell] + [rest.strip() for prefix in (bureau, *BUREAU_PREFIXES)
                     if (rest := after_prefix(cell, normalize(prefix))) is not None and rest.strip()]


def unit_keys(units: Iterable[tuple[int, str]]) -> list[tuple[str, int, str]]:
    """(normalized name, id, name) of each unit, the longest name first (a longer name wins)."""
    return sorted(((normalize(name), uid, name) for uid, name in units if normalize(name)),
                  key=lambda item: -len(item[0]))


def split_known_unit(cell: str, keys: Sequence[tuple[str, int, str]], bureau: str) -> tuple[int, str, str] | None:
    """(unit id, unit name, the rest: the post) for the longest known unit the cell starts with."""
    for written in without_bureau(cell, bureau):
        normalized, ends = normalized_prefixes(written)
        for key, unit_id, name in keys:
            if normalized.startswith(key):
                return unit_id, name, written[ends[len(key)]:].strip(SEPARATORS + "（）()")
    return None


def split_at_post_word(cell: str, words: Iterable[str], bureau: str) -> tuple[str, str] | None:
    """(unit name, post) split where a known post word begins (the earliest place, the longest
    word there: 副馆长 before 馆长); None when no post word follows a unit name."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    written = without_bureau(cell, bureau)[-1]
    for i in range(1, len(written)):
        word = next((w for w in words if written.startswith(w, i)), None)
        if word is not None:
            unit, post = written[:i].strip(SEPARATORS + "（）()"), written[i:].strip(SEPARATORS + "（）()")
            if unit:
                return unit, post
    return None


def split_at_unit_prefix(cell: str, prefixes: Sequence[str], bureau: str) -> tuple[str, str] | None:
    """(unit as written, post) where the cell starts with one of `prefixes` (normalized, the
    longest first: the short forms of known names, 艺术剧院 for 市艺术剧院); None otherwise."""
    for written in without_bureau(cell, bureau):
        normalized, ends = normalized_prefixes(written)
        for key in prefixes:
            if normalized.startswith(key):
                end = ends[len(key)]
                return written[:end], written[end:].strip(SEPARATORS + "（）()")
    return None
