"""党风廉政意见回复: before a promotion or an award the office answers, for each person, what it
has on record as of a date — first-form entries and whether an 影响期 covers that date, the clues
handled (how each ledger entry's clue was dealt with), and the findings the person answers for
that were still open then. A reply is a .docx (resources/templates/opinion_reply.docx: one
document per person, or one for all); each issued reply is kept in `opinion_replies` (listed on
the form) and audited.

The reply states facts and a conclusion that follows from them; the office signs it. Second-form
entries wrongly filed in the ledger (需转出) are stated too: a reply must not leave a 处分 out."""
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
        "as_of": f"{day.year}年{day.month}月{day.day}日", "entries": facts.entry_lines(),
        "clues": facts.clue_lines(), "impact": facts.impact_lines(), "findings": facts.finding_lines(),
        "conclusion": facts.conclusion, "office": f"{bureau}机关纪委",
    }

