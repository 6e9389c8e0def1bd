"""Reading the ledger: the filter in SQL (需转出 derived from the dictionary's forms, an entry
made into a sanction record — 已转出 — left out of it), rows by id, one entry, the person
snapshot, the methods' forms, link candidates (talks, findings)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from sqlalchemy import and_, bindparam, extract, func, or_, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.common import (
    clean,
    like_any,
    ordered_by_ids,
)
from app.dictionaries import Vocabulary, load_vocabulary
from app.errors import NotFound
from app.registers.ledger.rules import SECOND_FORM, quarter_of
from app.registers.ledger.types import (
    ENTITY,
    FILED,
    TRANSFER,
    LedgerFilter,
    LedgerRow,
    LinkCandidate,
    PersonSnapshot,
)
from app.registers.units.query import descendant_unit_ids
from app.visibility import readable
from db.models import (
    Attachment,
    DictItem,
    Finding,
    LedgerEntry,
    LedgerMethod,
    Person,
    Sanction,
    Talk,
    TalkParticipant,
    Unit,
    ledger_findings,
    ledger_talks,
)


def person_snapshot(session: Session, person_id: int) -> PersonSnapshot:
    """The person's facts as the people register holds them now: what a new entry records."""
    row = session.execute(select(Person, Unit.name).join(Unit, Person.unit_id == Unit.id)
                          .where(Person.id == person_id)).first()
    if row is None:
        raise NotFound("该人员不存在。")
    p, unit_name = row
    return PersonSnapshot(p.unit_id, unit_name, p.position, p.rank, p.political_status,
                          p.is_leader, p.key_post)


def method_forms(vocab: Vocabulary, methods: Sequence[str]) -> tuple[int | None, ...]:
    """The form (1, 2, or None when the dictionary names none) of each method."""
    return tuple(vocab.form(m) for m in methods)


def second_form_methods(vocab: Vocabulary, methods: Sequence[str]) -> tuple[str, ...]:
    return tuple(m for m in methods if vocab.form(m) == SECOND_FORM)


# talk_type codes of routine talks: not dispositions (domain research §2), never offered as links.
ROUTINE_TALKS = ("pre_appointment", "integrity", "heart")


def second_form_entry_ids():  # noqa: ANN201 — a SQLAlchemy subquery
    """Entries with a method whose dictionary item is of the second form (需转出)."""
    return (select(LedgerMethod.entry_id)
            .join(DictItem, and_(DictItem.domain == "disposal_method", DictItem.code == LedgerMethod.method))
            .where(DictItem.form == SECOND_FORM))


ADMONISH = "admonish"  # the 诫勉 record an entry makes is no transfer


def transferred_entry_ids():  # noqa: ANN201 — a SQLAlchemy subquery
    """Entries made into a sanction record (已转出)."""
    return select(Sanction.ledger_entry_id).where(Sanction.ledger_entry_id.is_not(None), Sanction.kind != ADMONISH)


def conditions(session: Session, actor: Actor, filt: LedgerFilter) -> list:
    """The WHERE of `filt` (and of the actor's units)."""
    where: list = []
    if filt.view == FILED:
        where.append(LedgerEntry.id.not_in(second_form_entry_ids()))
    elif filt.view == TRANSFER:
        where.append(LedgerEntry.id.in_(second_form_entry_ids()))
        where.append(LedgerEntry.id.not_in(transferred_entry_ids()))
    if filt.year is not None:
        where.append(LedgerEntry.decided_on.between(dt.date(filt.year, 1, 1), dt.date(filt.year, 12, 31)))
    if filt.quarter:
        where.append(quarter_of(LedgerEntry.decided_on) == filt.quarter)
    if filt.start is not None:
        where.append(LedgerEntry.decided_on >= filt.start)
    if filt.end is not None:
        where.append(LedgerEntry.decided_on <= filt.end)
    if filt.unit_id is not None:
        where.append(LedgerEntry.unit_id.in_(descendant_unit_ids(session, filt.unit_id)))
    where.append(readable(actor, LedgerEntry))
    if filt.method:
        where.append(LedgerEntry.id.in_(select(LedgerMethod.entry_id).where(LedgerMethod.method == filt.method)))
    if filt.clue_source:
        where.append(LedgerEntry.clue_source == filt.clue_source)
    if filt.person_id is not None:
        where.append(LedgerEntry.person_id == filt.person_id)
    if filt.categories is not None:
        where.append(LedgerEntry.category.in_(filt.categories))
    text = clean(filt.text)
    if text:
        where.append(like_any(text, LedgerEntry.person_name, LedgerEntry.unit_name, LedgerEntry.position,
                              LedgerEntry.problem, LedgerEntry.decision_organ, LedgerEntry.handler,
                              LedgerEntry.notes))
    return where


SORT_KEYS = {
    "decided_on": LedgerEntry.decided_on,
    "name": LedgerEntry.person_name,
    "unit": LedgerEntry.unit_name,
    "rank": LedgerEntry.rank,
    "political_status": LedgerEntry.political_status,
    "clue_source": LedgerEntry.clue_source,
    "problem": LedgerEntry.problem,
    "decision_organ": LedgerEntry.decision_organ,
    "handler": LedgerEntry.handler,
    "revisit": func.coalesce(LedgerEntry.revisit_done_on, LedgerEntry.revisit_planned),
    "notes": LedgerEntry.notes,
    "category": LedgerEntry.category,
}


def search_entry_ids(session: Session, actor: Actor, filt: LedgerFilter, sort: str = "decided_on",
                     descending: bool = False, *, limit: int | None = None) -> list[int]:
    """Ids of the entries matching `filt`, sorted in SQL; the filing order (by date) breaks ties.
    `limit`: the first ids only (the table's first page)."""
    column = SORT_KEYS.get(sort, LedgerEntry.decided_on)
    order = column.desc() if descending else column.asc()
    if column is LedgerEntry.decided_on:  # the date not repeated, the id its way: the index's order,
        ties = (LedgerEntry.id.desc() if descending else LedgerEntry.id,)  # nothing sorted
    else:
        ties = (LedgerEntry.decided_on, LedgerEntry.id)
    query = select(LedgerEntry.id).where(*conditions(session, actor, filt)).order_by(order, *ties).limit(limit)
    return list(session.scalars(query))


# Built once, the ids bound when run (no statement building per page of rows).
_IDS = bindparam("ids", expanding=True)
_ENTRIES = select(LedgerEntry.__table__).where(LedgerEntry.id.in_(_IDS))
_METHODS = (select(LedgerMethod.entry_id, LedgerMethod.method, LedgerMethod.wording)
            .where(LedgerMethod.entry_id.in_(_IDS)).order_by(LedgerMethod.entry_id, LedgerMethod.seq, LedgerMethod.id))
_TRANSFERRED = select(Sanction.ledger_entry_id).where(Sanction.ledger_entry_id.in_(_IDS), Sanction.kind != ADMONISH)


def entry_rows(session: Session, ids: Sequence[int], *, details: bool = False) -> list[LedgerRow]:
    """The rows of `ids`, in that order. The links and the attachment count are read only with
    `details` (a record opened); without, they are None, and a draft made from such a row keeps
    the entry's links."""
    if not ids:
        return []
    vocab = load_vocabulary(session)
    # Core rows, not ORM objects: building entities with their collections cost 4× the query.
    bound = {"ids": list(ids)}
    session.flush()  # what this session wrote is read back (the connection does not autoflush)
    connection = session.connection()  # column queries: no ORM layer needed
    entries = connection.execute(_ENTRIES, bound).mappings().all()
    methods: dict[int, list[tuple[str, str]]] = {}
    for entry_id, method, wording in connection.execute(_METHODS, bound):
        methods.setdefault(entry_id, []).append((method, wording))
    transferred = set(connection.execute(_TRANSFERRED, bound).scalars())
    talks: dict[int, list[int]] | None = None
    findings: dict[int, list[int]] | None = None
    attachments: dict[int, int] | None = None
    if details:
        talks, findings = {}, {}
        for entry_id, talk_id in session.execute(select(ledger_talks).where(ledger_talks.c.entry_id.in_(ids))):
            talks.setdefault(entry_id, []).append(talk_id)
        for entry_id, finding_id in session.execute(
                select(ledger_findings).where(ledger_findings.c.entry_id.in_(ids))):
            findings.setdefault(entry_id, []).append(finding_id)
        attachments = dict(session.execute(
            select(Attachment.entity_id, func.count()).where(
                Attachment.entity == ENTITY, Attachment.entity_id.in_(ids)).group_by(Attachment.entity_id)).all())
    rows = []
    for e in entries:
        pairs = methods.get(e["id"], [])
        codes, wordings = tuple(m for m, _ in pairs), tuple(w for _, w in pairs)
        rows.append(LedgerRow(
            e["id"], e["person_id"], e["person_name"], e["unit_id"], e["unit_name"], e["position"],
            e["rank"], e["political_status"], vocab.label("political_status", e["political_status"]),
            bool(e["is_leader"]), e["key_post"], e["clue_source"], vocab.label("clue_source", e["clue_source"]),
            e["handling"], vocab.label("clue_handling", e["handling"]), e["letter_sent_on"], e["reply_due"],
            e["replied_on"], e["problem"], codes,
            tuple(w or vocab.label("disposal_method", m) for m, w in pairs),
            tuple(vocab.form(m) for m in codes), e["decision_organ"], e["decided_on"], e["handler"],
            e["impact_end"], e["revisit_planned"], e["revisit_done_on"], e["revisit_result"], e["notes"],
            None if talks is None else tuple(sorted(talks.get(e["id"], ()))),
            None if findings is None else tuple(sorted(findings.get(e["id"], ()))),
            None if attachments is None else attachments.get(e["id"], 0), e["version"],
            wordings if any(wordings) else (), e["id"] in transferred,
            e["category"], vocab.label("finding_category", e["category"])))
    return ordered_by_ids(rows, ids)


def stream_entries(session: Session, actor: Actor, filt: LedgerFilter
                   ) -> tuple[dict[int, tuple[tuple[str, str], ...]], Iterator[tuple]]:
    """Every entry of `filt` in filing order (date, then id) for an export of thousands: the
    (method code, wording) pairs by entry (one narrow statement, read first), and the entries as
    a stream of Core rows (`EXPORT_COLUMNS`, on the session's connection: no ORM row handling,
    no row objects; rows arrive while they are written)."""
    where = conditions(session, actor, filt)
    connection = session.connection()
    entries, listed = LedgerEntry.__table__, LedgerMethod.__table__
    methods: dict[int, list[tuple[str, str]]] = {}
    for entry_id, method, wording in connection.execute(
            select(listed.c.entry_id, listed.c.method, listed.c.wording)
            .join(entries, entries.c.id == listed.c.entry_id).where(*where)
            .order_by(listed.c.entry_id, listed.c.seq, listed.c.id)).all():
        methods.setdefault(entry_id, []).append((method, wording))
    rows = connection.execute(  # streamed by this statement alone (a server-side cursor on a server)
        select(*(entries.c[name] for name in EXPORT_COLUMNS)).where(*where)
        .order_by(entries.c.decided_on, entries.c.id), execution_options={"stream_results": True})
    pairs = {entry_id: tuple(found) for entry_id, found in methods.items()}
    return pairs, (row for part in rows.partitions(1000) for row in part)


EXPORT_COLUMNS = ("id", "person_name", "unit_name", "position", "rank", "political_status", "clue_source",
                  "handling", "problem", "decision_organ", "decided_on", "handler", "revisit_planned",
                  "revisit_done_on", "revisit_result", "notes")


def get_entry(session: Session, entry_id: int) -> LedgerRow:
    rows = entry_rows(session, [entry_id], details=True)
    if not rows:
        raise NotFound("该台账条目不存在。")
    return rows[0]


def entry_years(session: Session) -> list[int]:
    """The years entries are dated in (for the year filter), newest first."""
    years = session.scalars(select(extract("year", LedgerEntry.decided_on)).distinct())
    return sorted({int(y) for y in years}, reverse=True)


def rows_where(session: Session, actor: Actor, filt: LedgerFilter, *extra: object,
               order: Sequence[object] = ()) -> list[LedgerRow]:
    """Every row of `filt` plus `extra` conditions (bounded lists: due, ending, one person)."""
    query = select(LedgerEntry.id).where(*conditions(session, actor, filt), *extra).order_by(
        *order, LedgerEntry.decided_on, LedgerEntry.id)
    return entry_rows(session, list(session.scalars(query)))


def candidate_talks(session: Session, person_id: int | None, keep: Sequence[int] = ()) -> list[LinkCandidate]:
    """Talks in which the person was 被谈话人 (plus the already linked `keep`), newest first:
    what the entry's picker offers. Routine talks (任前, 廉政, 谈心) are no dispositions and
    are not offered."""
    if person_id is None and not keep:
        return []
    vocab = load_vocabulary(session)
    talked = select(TalkParticipant.talk_id).where(TalkParticipant.person_id == person_id,
                                                  TalkParticipant.role == "talkee")
    offered = and_(Talk.id.in_(talked), Talk.kind.not_in(ROUTINE_TALKS))
    query = select(Talk).where(or_(offered, Talk.id.in_(list(keep))))
    talks = session.scalars(query.order_by(Talk.talk_date.desc(), Talk.id.desc()))
    return [LinkCandidate(t.id, t.talk_date, f"{t.talk_date:%Y-%m-%d} {vocab.label('talk_type', t.kind)}"
                          + (f"（{_short(t.content)}）" if t.content else "")) for t in talks]


def candidate_findings(session: Session, person_id: int | None, keep: Sequence[int] = ()
                       ) -> list[LinkCandidate]:
    """Findings the person answers for (责任人), plus the already linked `keep`, newest first."""
    if person_id is None and not keep:
        return []
    query = select(Finding).where(or_(Finding.resp_person_id == person_id, Finding.id.in_(list(keep))))
    findings = session.scalars(query.order_by(Finding.found_on.desc(), Finding.id.desc()))
    return [LinkCandidate(f.id, f.found_on, f"{f.found_on:%Y-%m-%d} {_short(f.description)}")
            for f in findings]


def _short(text: str, limit: int = 24) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def entries_linking_talk(session: Session, talk_id: int) -> list[LinkCandidate]:
    """The ledger entries that name this talk (the entry side keeps the link)."""
    rows = session.execute(select(LedgerEntry.id, LedgerEntry.decided_on, LedgerEntry.person_name,
                                  LedgerEntry.problem)
                           .join(ledger_talks, ledger_talks.c.entry_id == LedgerEntry.id)
                           .where(ledger_talks.c.talk_id == talk_id).order_by(LedgerEntry.decided_on))
    return [LinkCandidate(eid, day, f"{day:%Y-%m-%d} {name}：{_short(problem)}")
            for eid, day, name, problem in rows]

