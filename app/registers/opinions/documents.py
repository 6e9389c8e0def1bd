"""The 意见回复 as filed: the addressee, the wording by purpose, and the template's context."""
from __future__ import annotations

from app.registers.opinions.types import OpinionFacts

TEMPLATE = "opinion_reply.docx"


ADDRESSEE = "局党组"


def reply_context(facts: OpinionFacts, number: int | str, bureau: str) -> dict[str, object]:
    p = facts.person
    day = facts.as_of
    return {
        "number": str(number), "addressee": ADDRESSEE, "name": p.name,
        "unit_position": "".join(x for x in (p.unit_name, p.position) if x), "purpose": facts.purpose_label,
        "as_of": f"{day.year}年{day.month}月{day.day}日", "measures": facts.measure_lines(),
        "entries": facts.entry_lines(), "clues": facts.clue_lines(), "findings": facts.finding_lines(),
        "conclusion": facts.conclusion, "office": f"{bureau}机关纪委",
    }

