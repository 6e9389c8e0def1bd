"""Reading 问题线索: the page's ids (filtered and sorted in SQL, within the reader's units), rows
by id for a reader (the reporter only for administrators and the clue's handler), a person's
clues (the 廉政档案, the 意见回复, the timeline: never with the reporter), and what 首页 reminds
of. A clue belongs to its unit and to the units of the people it names: a unit-limited reader
sees it when any of them is theirs."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import extract, or_, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.common import clean, like_any, ordered_by_ids
from app.dictionaries import load_vocabulary
from app.errors import NotFound
from app.registers.clues.rules import CLOSED, INQUIRY, may_see_reporter, reply_deadline
from app.registers.clues.types import ClueFilter, CluePerson, ClueRow
from app.registers.holidays.query import calendar_for
from app.registers.units.query import descendant_unit_ids
from app.settings import load_settings
from app.timeline import TimelineItem
from app.visibility import is_limited, readable
from db.models import Clue, ClueSubject, LedgerEntry, Sanction, Talk, TalkParticipant, User

SORT_KEYS = {
    "received_on": Clue.received_on,
    "source": Clue.source,
    "unit": Clue.unit_name,
    "problem": Clue.problem,
    "handler": Clue.handler_name,
    "way": Clue.way,
    "status": Clue.status,
    "closed_on": Clue.closed_on,
}


def _in_units(unit_ids: Sequence[int] | set[int]) -> object:
    units = sorted(unit_ids)
    return or_(Clue.unit_id.in_(units),
               Clue.id.in_(select(ClueSubject.clue_id).where(ClueSubject.unit_id.in_(units))))


def conditions(session: Session, actor: Actor, filt: ClueFilter) -> list:
    """The WHERE of `filt` and of the actor's units. The reporter is never searched."""
    where: list = []
    if filt.year is not None:
        where.append(Clue.received_on.between(dt.date(filt.year, 1, 1), dt.date(filt.year, 12, 31)))
    if filt.start is not None:
        where.append(Clue.received_on >= filt.start)
    if filt.end is not None:
        where.append(Clue.received_on <= filt.end)
    if filt.closed_start is not None:
        where.append(Clue.closed_on >= filt.closed_start)
    if filt.closed_end is not None:
        where.append(Clue.closed_on <= filt.closed_end)
    if filt.unit_id is not None:
        where.append(_in_units(descendant_unit_ids(session, filt.unit_id)))
    where.append(readable(actor, Clue))
    if filt.status == "open":
        where.append(Clue.status != CLOSED)
    elif filt.status:
        where.append(Clue.status == filt.status)
    for column, value in ((Clue.way, filt.way), (Clue.source, filt.source), (Clue.outcome, filt.outcome)):
        if value:
            where.append(column == value)
    if filt.person_id is not None:
        where.append(Clue.id.in_(select(ClueSubject.clue_id).where(ClueSubject.person_id == filt.person_id)))
    if filt.handler_id is not None:
        where.append(Clue.handler_id == filt.handler_id)
    text = clean(filt.text)
    if text:
        named = select(ClueSubject.clue_id).where(like_any(text, ClueSubject.person_name, ClueSubject.unit_name,
                                                            ClueSubject.position))
        where.append(or_(like_any(text, Clue.problem, Clue.unit_name, Clue.handler_name, Clue.result, Clue.notes),
                         Clue.id.in_(named)))
    return where


def search_clue_ids(session: Session, actor: Actor, filt: ClueFilter, sort: str = "received_on",
                    descending: bool = True, *, limit: int | None = None) -> list[int]:
    """Ids of the clues matching `filt` that the actor sees, sorted in SQL (the newest 受理
    first by default); `limit`: the first ids only."""
    column = SORT_KEYS.get(sort, Clue.received_on)
    order = column.desc() if descending else column.asc()
    query = (select(Clue.id).where(*conditions(session, actor, filt))
             .order_by(order, Clue.received_on.desc(), Clue.id.desc()).limit(limit))
    return list(session.scalars(query))


def _rows(session: Session, ids: Sequence[int], reveal: object) -> list[ClueRow]:
    """The rows of `ids`; `reveal(handler_id)` says whether the reporter is shown."""
    if not ids:
        return []
    vocab, settings = load_vocabulary(session), load_settings(session)
    clues = session.execute(select(Clue.__table__).where(Clue.id.in_(list(ids)))).mappings().all()
    people: dict[int, list[CluePerson]] = {}
    for s in session.execute(select(ClueSubject).where(ClueSubject.clue_id.in_(list(ids)))
                             .order_by(ClueSubject.clue_id, ClueSubject.seq, ClueSubject.id)).scalars():
        people.setdefault(s.clue_id, []).append(CluePerson(s.person_id, s.person_name, s.unit_id, s.unit_name,
                                                           s.position))
    letters = [c["letter_sent_on"] for c in clues if c["letter_sent_on"] is not None]
    calendar = calendar_for(session) if letters else None
    rows = []
    for c in clues:
        deadline = None
        if c["way"] == INQUIRY and calendar is not None:
            deadline = reply_deadline(calendar, c["letter_sent_on"], settings.inquiry_reply_working_days,
                                      c["reply_due"])
        rows.append(ClueRow(
            c["id"], c["received_on"], c["source"], vocab.label("clue_source", c["source"]),
            c["reporter"] if reveal(c["handler_id"]) else None, c["unit_id"], c["unit_name"], c["problem"],
            c["handler_id"], c["handler_name"], c["way"], vocab.label("clue_way", c["way"]), c["letter_sent_on"],
            c["reply_due"], deadline, c["replied_on"], c["verify_start"], c["verify_end"], c["status"],
            c["closed_on"], c["outcome"], c["result"], c["ledger_entry_id"], c["sanction_id"], c["talk_id"],
            c["notes"], c["version"], tuple(people.get(c["id"], ()))))
    return ordered_by_ids(rows, ids)


def clue_rows(session: Session, actor: Actor, ids: Sequence[int]) -> list[ClueRow]:
    """The rows of `ids` the actor sees, in that order; the reporter only where the actor is an
    administrator or the clue's handler (None otherwise)."""
    if is_limited(actor) and ids:
        seen = set(session.scalars(select(Clue.id).where(Clue.id.in_(list(ids)), readable(actor, Clue))))
        ids = [i for i in ids if i in seen]
    return _rows(session, ids, lambda handler_id: may_see_reporter(actor, handler_id))


def get_clue(session: Session, actor: Actor, clue_id: int) -> ClueRow:
    rows = clue_rows(session, actor, [clue_id])
    if not rows:
        raise NotFound("该问题线索不存在（可能已被删除）。")
    return rows[0]


def clue_years(session: Session) -> list[int]:
    """Years that hold clues (by 受理), newest first."""
    years = session.scalars(select(extract("year", Clue.received_on)).distinct())
    return sorted({int(y) for y in years}, reverse=True)


def clues_of_person(session: Session, actor: Actor, person_id: int, start: dt.date | None = None,
                    end: dt.date | None = None) -> list[ClueRow]:
    """The clues naming a person that the actor may read, received within [start, end] (either
    open), oldest first, without the reporter — the 廉政档案, the 意见回复 and the timeline."""
    query = select(Clue.id).where(Clue.id.in_(select(ClueSubject.clue_id).where(ClueSubject.person_id == person_id)),
                                  readable(actor, Clue))
    if start is not None:
        query = query.where(Clue.received_on >= start)
    if end is not None:
        query = query.where(Clue.received_on <= end)
    ids = list(session.scalars(query.order_by(Clue.received_on, Clue.id)))
    return _rows(session, ids, lambda _handler: False)


def person_clue_text(row: ClueRow) -> str:
    """A clue as a person's record states it: a 了结 clue only as cleared (its problem is not
    stated as theirs), a 暂存待查 one as so, an open one as 正在核查."""
    source = f"{row.source_label}线索" if row.source else "问题线索"
    if row.cleared:
        how = f"经{row.way_label}" if row.way and row.way != "close" else ""
        return f"{source}{how}予以了结"
    if row.shelved:
        return f"{source}暂存待查"
    if row.status != CLOSED:
        return f"反映其“{row.problem}”的{source}正在核查"
    return f"反映其“{row.problem}”的{source}已办结（{row.outcome_label}）"


def clue_timeline_items(session: Session, actor: Actor, person_id: int) -> list:
    """The person timeline's provider (app.timeline.PROVIDERS): one item per clue on its 受理 day,
    never with the reporter; a 了结 clue only as cleared."""
    return [TimelineItem(c.received_on, "clues", f"问题线索·{c.status_text}", person_clue_text(c), c.id)
            for c in clues_of_person(session, actor, person_id)]


def awaiting_reply(session: Session, actor: Actor) -> list[ClueRow]:
    """函询 letters sent and not yet answered (clues not 办结), earliest letter first; the rows
    carry their deadline in working days (`reply_overdue(today)`)."""
    ids = session.scalars(select(Clue.id).where(
        *conditions(session, actor, ClueFilter(status="open", way=INQUIRY)), Clue.letter_sent_on.is_not(None),
        Clue.replied_on.is_(None)).order_by(Clue.letter_sent_on, Clue.id))
    return _rows(session, list(ids), lambda _handler: False)


def open_since(session: Session, actor: Actor, before: dt.date) -> list[ClueRow]:
    """Clues not 办结 that were received on or before `before`, the oldest first."""
    ids = session.scalars(select(Clue.id).where(*conditions(session, actor, ClueFilter(status="open")),
                                                Clue.received_on <= before).order_by(Clue.received_on, Clue.id))
    return _rows(session, list(ids), lambda _handler: False)


def handler_choices(session: Session) -> list[tuple[int, str]]:
    """The users a clue may be handed to (承办人): active, by name."""
    users = session.scalars(select(User).where(User.active, User.role != "viewer").order_by(User.id))
    return [(u.id, u.display_name or u.username) for u in users]


def link_candidates(session: Session, person_ids: Sequence[int]) -> dict[str, list[tuple[int, str]]]:
    """What a clue about these people may lead to or be handled by: their ledger entries, sanction
    records and talks (as 被谈话人), newest first, for the form's pickers."""
    ids = list(person_ids)
    vocab = load_vocabulary(session)
    entries = session.execute(select(LedgerEntry.id, LedgerEntry.decided_on, LedgerEntry.person_name,
                                     LedgerEntry.problem).where(LedgerEntry.person_id.in_(ids))
                              .order_by(LedgerEntry.decided_on.desc(), LedgerEntry.id.desc()))
    sanctions = session.execute(select(Sanction.id, Sanction.decided_on, Sanction.person_name, Sanction.kind)
                                .where(Sanction.person_id.in_(ids), Sanction.kind != "admonish")
                                .order_by(Sanction.decided_on.desc(), Sanction.id.desc()))
    talked = select(TalkParticipant.talk_id).where(TalkParticipant.person_id.in_(ids), TalkParticipant.role == "talkee")
    talks = session.execute(select(Talk.id, Talk.talk_date, Talk.kind).where(Talk.id.in_(talked))
                            .order_by(Talk.talk_date.desc(), Talk.id.desc()))
    return {
        "entries": [(i, f"{d:%Y-%m-%d} {n}：{p[:20]}") for i, d, n, p in entries],
        "sanctions": [(i, f"{d:%Y-%m-%d} {n} {vocab.label('sanction_kind', k)}") for i, d, n, k in sanctions],
        "talks": [(i, f"{d:%Y-%m-%d} {vocab.label('talk_type', k)}") for i, d, k in talks],
    }
