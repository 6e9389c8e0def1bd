"""Risk levels and measures as offices write them (no database): 一级 · 1 · 高 · 高风险 …,
the level likelihood × consequence suggests, several measures in one cell."""
from __future__ import annotations

import re
from collections.abc import Sequence

from app.dictionaries import normalize

LEVEL_WORDS = {
    1: ("1", "一", "一级", "1级", "Ⅰ", "Ⅰ级", "I", "I级", "高", "高风险", "较高", "一级风险", "高级",
        "高等级", "A", "A级"),
    2: ("2", "二", "二级", "2级", "Ⅱ", "Ⅱ级", "II", "II级", "中", "中风险", "中等", "二级风险", "中级",
        "B", "B级"),
    3: ("3", "三", "三级", "3级", "Ⅲ", "Ⅲ级", "III", "III级", "低", "低风险", "较低", "三级风险", "低级",
        "C", "C级"),
}


def parse_level(written: object, labels: dict[str, str] | None = None) -> int | None:
    """A level as written: 一级 · 1 · 高 · 高风险 · Ⅰ级 …, or one of the configured labels
    (settings.level_labels, e.g. 红/黄/橙 — colours are read only when configured, since offices
    order them differently). None when the text names no level."""
    if isinstance(written, float) and written.is_integer():
        written = int(written)
    text = normalize(str(written if written is not None else "")).upper()
    if not text:
        return None
    for code, label in (labels or {}).items():
        if normalize(label).upper() == text:
            return int(code)
    for level, words in LEVEL_WORDS.items():
        if text in words:
            return level
    return None


def suggest_level(likelihood: int | None, consequence: int | None,
                  thresholds: Sequence[int]) -> int | None:
    """The level likelihood × consequence suggests (settings.risk_score_thresholds: a score ≥ the
    first → 一级, ≥ the second → 二级, else 三级). None without both inputs: the clerk decides."""
    if not likelihood or not consequence:
        return None
    score = likelihood * consequence
    high, middle = thresholds
    return 1 if score >= high else 2 if score >= middle else 3


# A numbering mark: 1. 2、 3． 4） 一、 at the start of the text or after a full stop, semicolon or
# line break; (5) （6） ① anywhere (they cannot be part of a sentence's wording).
_MARK = re.compile(r"(?:(?:^|(?<=[。；;\n]))[ \t　]*(?:\d{1,2}[ \t]*[.、．:：)）](?!\d)|[一二三四五六七八九十]{1,2}[、．])"
                   r"|[（(]\d{1,2}[)）]|[①-⑳])[ \t　]*")


def split_measures(text: str | None) -> tuple[str, ...]:
    """Several measures written in one cell: numbered (1. 2、（3）①), one a line, or separated by
    ；. Commas stay inside a measure (a measure is a sentence). Repeats are dropped."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ()
    if _MARK.match(text):
        parts = _MARK.split(text)
    elif "\n" in text:
        parts = text.split("\n")
    else:
        parts = re.split(r"[；;]", text)
    cleaned = (re.sub(r"\s*\n\s*", "", p).strip().rstrip("；;").strip() for p in parts)
    return tuple(dict.fromkeys(p for p in cleaned if p))


def numbered(measures: Sequence[str]) -> str:
    """Measures as the filed register writes them: one a line, numbered (a single one bare)."""
    if len(measures) == 1:
        return measures[0]
    return "\n".join(f"{i}. {m}" for i, m in enumerate(measures, start=1))
