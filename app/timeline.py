"""A person's timeline: every record about one person, in date order, from every register.

Each register contributes a provider `(session, person_id) -> list[TimelineItem]`; add it to
PROVIDERS (one line) when the register lands."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class TimelineItem:
    day: dt.date
    register: str  # page key that opens the record: people, talks, findings, ledger, ceremonies
    kind: str  # short label: 职务变动, 提醒谈话, 整改责任人, 诫勉 …
    summary: str
    record_id: int

