"""Reading 处分与组织处理: the page's ids (filtered and sorted in SQL, within the actor's units),
rows by id, a person's measures (the 廉政档案, the 意见回复, the timeline), and the drafts a 需转出
ledger entry offers. A record belongs to the unit it was filed under (the person's at the
decision): unit filters and unit-limited users follow that unit, not later moves."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import extract, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.common import clean, like_any, ordered_by_ids
from app.dictionaries import Vocabulary, load_vocabulary
from app.errors import NotFound
from app.registers.sanctions.rules import KIND_OF_METHOD
from app.registers.sanctions.types import SanctionDraft, SanctionFilter, SanctionRow
from app.registers.units.query import descendant_unit_ids
from app.timeline import TimelineItem
from app.visibility import readable
from db.models import LedgerEntry, LedgerMethod, Sanction

SORT_KEYS = {
    "decided_on": Sanction.decided_on,
    "person": Sanction.person_name,
    "unit": Sanction.unit_name,
    "kind": Sanction.kind,
    "organ": Sanction.decision_organ,
    "impact_end": Sanction.impact_end,
    "document_no": Sanction.document_no,
}


def kinds_where(vocab: Vocabulary, *, family: str = "", form: int | None = None) -> list[str]:
    """The sanction_kind codes of a family and/or a form (dictionary data)."""
    return [e.code for e in vocab.entries("sanction_kind", include_inactive=True)
            if (not family or e.family == family) and (form is None or e.form == form)]


def conditions(session: Session, actor: Actor, filt: SanctionFilter) -> list:
    """The WHERE of `filt` and of the actor's units."""
    where: list = []
    if filt.year is not None:
        where.append(Sanction.decided_on.between(dt.date(filt.year, 1, 1), dt.date(filt.year, 12, 31)))
    if filt.start is not None:
        where.append(Sanction.decided_on >= filt.start)
    if filt.end is not None:
        where.append(Sanction.decided_on <= filt.end)
    if filt.unit_id is not None:
        where.append(Sanction.unit_id.in_(descendant_unit_ids(session, filt.unit_id)))
    where.append(readable(actor, Sanction))
    if filt.kind:
        where.append(Sanction.kind == filt.kind)
    if filt.family or filt.form is not None:
        where.append(Sanction.kind.in_(kinds_where(load_vocabulary(session), family=filt.family, form=filt.form)))
    if filt.person_id is not None:
        where.append(Sanction.person_id == filt.person_id)
    if filt.in_effect_on is not None:
        where += [Sanction.decided_on <= filt.in_effect_on, Sanction.impact_end >= filt.in_effect_on]
    text = clean(filt.text)
    if text:
        where.append(like_any(text, Sanction.person_name, Sanction.unit_name, Sanction.position, Sanction.facts,
                              Sanction.decision_organ, Sanction.document_no, Sanction.notes))
    return where


def search_sanction_ids(session: Session, actor: Actor, filt: SanctionFilter, sort: str = "decided_on",
                        descending: bool = True, *, limit: int | None = None) -> list[int]:
    """Ids of the records matching `filt` that the actor sees, sorted in SQL (the newest decision
    first by default); `limit`: the first ids only (the table's first page)."""
    column = SORT_KEYS.get(sort, Sanction.decided_on)
    ties = (Sanction.decided_on.desc(), Sanction.id.desc()) if descending else (Sanction.decided_on, Sanction.id)
    order = column.desc() if descending else column.asc()
    query = select(Sanction.id).where(*conditions(session, actor, filt)).order_by(order, *ties).limit(limit)
    return list(session.scalars(query))


def sanction_rows(session: Session, ids: Sequence[int]) -> list[SanctionRow]:
    """The rows of `ids`, in that order."""
    if not ids:
        return []
    vocab = load_vocabulary(session)
    records = session.execute(select(Sanction.__table__).where(Sanction.id.in_(list(ids)))).mappings().all()
    rows = []
    for r in records:
        kind = vocab.entry("sanction_kind", r["kind"])
        rows.append(SanctionRow(
            r["id"], r["person_id"], r["person_name"], r["unit_id"], r["unit_name"], r["position"],
            r["political_status"], vocab.label("political_status", r["political_status"]), r["kind"],
            vocab.label("sanction_kind", r["kind"]), kind.family if kind else "", kind.form if kind else None,
            kind.bars if kind else "", r["decision_organ"], r["decided_on"], r["document_no"], r["facts"],
            r["category"], vocab.label("violation_category", r["category"]), r["impact_months"],
            r["probation_months"], r["impact_end"], r["ledger_entry_id"], r["notes"], r["version"]))
    return ordered_by_ids(rows, ids)


def get_sanction(session: Session, sanction_id: int) -> SanctionRow:
    rows = sanction_rows(session, [sanction_id])
    if not rows:
        raise NotFound("该处分记录不存在（可能已被删除）。")
    return rows[0]


def sanction_years(session: Session) -> list[int]:
    """Years that hold decisions, newest first (the year filter)."""
    years = session.scalars(select(extract("year", Sanction.decided_on)).distinct())
    return sorted({int(y) for y in years}, reverse=True)


def sanctions_of_person(session: Session, actor: Actor, person_id: int, start: dt.date | None = None,
                        end: dt.date | None = None) -> list[SanctionRow]:
    """A person's measures the actor may read, decided within [start, end] (either open), oldest
    first — the 廉政档案 and the 意见回复 (issued by users of every unit)."""
    query = select(Sanction.id).where(Sanction.person_id == person_id, readable(actor, Sanction))
    if start is not None:
        query = query.where(Sanction.decided_on >= start)
    if end is not None:
        query = query.where(Sanction.decided_on <= end)
    return sanction_rows(session, list(session.scalars(query.order_by(Sanction.decided_on, Sanction.id))))


def sanctions_of_entry(session: Session, entry_id: int) -> list[SanctionRow]:
    """The records a ledger entry made (诫勉) or was transferred to."""
    ids = session.scalars(select(Sanction.id).where(Sanction.ledger_entry_id == entry_id).order_by(Sanction.id))
    return sanction_rows(session, list(ids))


def sanction_timeline_items(session: Session, actor: Actor, person_id: int) -> list:
    """The person timeline's provider (app.timeline.PROVIDERS): one item per measure, with its
    影响期."""
    return [TimelineItem(s.decided_on, "sanctions", s.kind_label,
                         "；".join(p for p in (s.facts, f"决定机关：{s.decision_organ}" if s.decision_organ else "",
                                               f"影响期{s.impact_text}") if p), s.id)
            for s in sanctions_of_person(session, actor, person_id)]


def transfer_drafts(session: Session, entry_id: int) -> list[SanctionDraft]:
    """The sanction records a 需转出 ledger entry becomes: one per second-form method, with the
    entry's person, date, organ and problem as the facts."""
    entry = session.get(LedgerEntry, entry_id)
    if entry is None:
        raise NotFound("该台账条目不存在。")
    vocab = load_vocabulary(session)
    methods = session.scalars(select(LedgerMethod.method).where(LedgerMethod.entry_id == entry_id)
                              .order_by(LedgerMethod.seq, LedgerMethod.id))
    return [SanctionDraft(person_id=entry.person_id, kind=KIND_OF_METHOD[m], decided_on=entry.decided_on,
                          decision_organ=entry.decision_organ, facts=entry.problem, ledger_entry_id=entry.id)
            for m in methods if vocab.form(m) == 2 and m in KIND_OF_METHOD]
