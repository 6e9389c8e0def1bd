"""A person's timeline: every record about one person, in date order, from every register.

Each register contributes a provider `(session, actor, person_id) -> list[TimelineItem]` — the
records the actor may read (app/visibility.py) — and adds it to PROVIDERS (one line)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.registers.assessments.query import duty_timeline_items
from app.registers.ceremonies.query import ceremony_timeline_items
from app.registers.clues.query import clue_timeline_items
from app.registers.findings.stats import timeline_items as finding_items
from app.registers.education.query import education_timeline_items
from app.registers.ledger.stats import timeline_items as ledger_items
from app.registers.pledges.query import pledge_timeline_items
from app.registers.sanctions.query import sanction_timeline_items
from app.registers.talks.query import talk_timeline_items
from app.timeline import TimelineItem
from app.visibility import readable
from db.models import PositionChange, Unit

Provider = Callable[[Session, Actor, int], list[TimelineItem]]


def position_change_items(session: Session, actor: Actor, person_id: int) -> list[TimelineItem]:
    units = dict(session.execute(select(Unit.id, Unit.name)).all())
    changes = session.scalars(select(PositionChange).where(PositionChange.person_id == person_id,
                                                           readable(actor, PositionChange)))
    return [
        TimelineItem(c.changed_on, "people", "职务变动" + ("（提拔）" if c.is_promotion else ""),
                     f"{units.get(c.from_unit_id, '')}{c.from_position} → {units.get(c.to_unit_id, '')}{c.to_position}",
                     c.id)
        for c in changes
    ]


PROVIDERS: list[Provider] = [position_change_items, talk_timeline_items, finding_items, ledger_items,
                             ceremony_timeline_items, sanction_timeline_items, clue_timeline_items,
                             pledge_timeline_items, duty_timeline_items, education_timeline_items]


def person_timeline(session: Session, actor: Actor, person_id: int, start: dt.date | None = None,
                    end: dt.date | None = None) -> list[TimelineItem]:
    """Every record about the person the actor may read (optionally within [start, end]),
    oldest first."""
    items = [item for provider in PROVIDERS for item in provider(session, actor, person_id)]
    items = [i for i in items if (start is None or i.day >= start) and (end is None or i.day <= end)]
    return sorted(items, key=lambda i: (i.day, i.register, i.record_id))

