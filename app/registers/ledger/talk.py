"""The talk record of a disposal made by talking (谈话提醒, 提醒谈话, 警示谈话, 诫勉): a ledger entry
offers to create it through the talks service, prefilled from the entry, and links it."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from app.registers.talks.types import ParticipantDraft, TalkDraft

# Disposal methods carried out as a talk, and the talk type each is recorded as.
TALK_METHODS = {"talk_remind": "reminder", "warning_talk": "reminder",
                "admonish": "admonish"}


def talk_kind_for(methods: Iterable[str]) -> str | None:
    """The talk type to record for these methods (诫勉 first), or None when none is a talk."""
    kinds = [TALK_METHODS[m] for m in methods if m in TALK_METHODS]
    if not kinds:
        return None
    return "admonish" if "admonish" in kinds else kinds[0]


def talk_draft_for_entry(person_id: int, decided_on: dt.date, problem: str,
                         methods: Iterable[str]) -> TalkDraft:
    """A new talk record prefilled from a ledger entry: the person as talkee, the decision date,
    reason 问题线索, and the problem as the start of the content."""
    kind = talk_kind_for(methods) or "reminder"
    problem = problem.strip()
    content = f"针对{problem}，对其进行谈话提醒，指出问题，提出要求。" if problem else ""
    return TalkDraft(kind=kind, talk_date=decided_on, talkees=(ParticipantDraft(person_id=person_id),),
                     reason="clue", content=content)
