"""Counting 问题类别 by their headings (discipline-rules.md "Categories of problems"): each item of
the 问题类别 dictionary names its 六项纪律 heading, its 四风 heading where one applies, and whether
it is a 中央八项规定精神 item (counted apart, as offices report them monthly). Findings and ledger
entries carry a 问题类别; their registers count per item (`category_counts`), and this module
folds those counts into headings — the same fold for the charts, the pages and the report.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.dictionaries import Vocabulary
from app.vocab import DISCIPLINES, EIGHT_RULES, FOUR_STYLES, UNSORTED

DOMAIN = "finding_category"
BY_DISCIPLINE, BY_STYLE, BY_EIGHT_RULES = "discipline", "style", "eight_rules"
GROUPINGS = {BY_DISCIPLINE: "按六项纪律", BY_STYLE: "按“四风”", BY_EIGHT_RULES: "中央八项规定精神问题"}
NONE = ""  # the heading of records without one (未归类)


@dataclass(frozen=True)
class HeadingCount:
    code: str                         # a heading code ("" = 未归类), or a category code (八项规定)
    label: str
    count: int
    categories: tuple[str, ...]       # the 问题类别 codes counted here ("" for records without one)


def heading_labels(by: str) -> dict[str, str]:
    """The headings of a grouping, in their fixed order."""
    return dict(DISCIPLINES) if by == BY_DISCIPLINE else dict(FOUR_STYLES) if by == BY_STYLE else {}


def heading_of(vocab: Vocabulary, category: str, by: str) -> str | None:
    """The heading `category` counts under in grouping `by`: a 纪律 or 四风 code, "" (未归类),
    or None where the category does not belong to the grouping (no 四风 heading; not 八项规定)."""
    entry = vocab.entry(DOMAIN, category) if category else None
    if by == BY_DISCIPLINE:
        return entry.discipline if entry is not None else NONE
    if by == BY_STYLE:
        return entry.style if entry is not None and entry.style else None
    if by == BY_EIGHT_RULES:
        return category if entry is not None and entry.eight_rules else None
    raise ValueError(by)


def by_heading(vocab: Vocabulary, counts: Mapping[str, int], by: str, *,
               keep_empty: bool = True) -> list[HeadingCount]:
    """`counts` (问题类别 code → records; "" for records without one) folded into the headings of
    `by`: the six 纪律 (then 未归类), the four 四风, or the 八项规定 items one by one. Headings
    without records are kept (a table keeps its rows) unless `keep_empty` is False."""
    found: dict[str, list[tuple[str, int]]] = {}
    for category, n in counts.items():
        heading = heading_of(vocab, category, by)
        if heading is not None and n:
            found.setdefault(heading, []).append((category, n))
    if by == BY_EIGHT_RULES:
        order = [e.code for e in vocab.entries(DOMAIN, include_inactive=True) if e.eight_rules]
        labels = {code: vocab.label(DOMAIN, code) for code in order}
    else:
        labels = heading_labels(by)
        order = list(labels)
        if by == BY_DISCIPLINE:
            labels[NONE] = UNSORTED
            order.append(NONE)
    rows = []
    for code in order:
        parts = found.get(code, [])
        total = sum(n for _c, n in parts)
        if total or (keep_empty and code != NONE and (by != BY_EIGHT_RULES or vocab.entry(DOMAIN, code).active)):
            rows.append(HeadingCount(code, labels[code], total, tuple(c for c, _n in parts)))
    return rows


def categories_under(vocab: Vocabulary, heading: str, by: str) -> tuple[str, ...]:
    """Every 问题类别 code counted under `heading` (for a click that opens the records): those of
    the dictionary, and "" (records without a category) under 未归类."""
    codes = tuple(e.code for e in vocab.entries(DOMAIN, include_inactive=True)
                  if heading_of(vocab, e.code, by) == heading)
    return (*codes, "") if by == BY_DISCIPLINE and heading == NONE else codes


def grouping_title(by: str) -> str:
    return {BY_DISCIPLINE: "六项纪律", BY_STYLE: "“四风”", BY_EIGHT_RULES: EIGHT_RULES}[by]
