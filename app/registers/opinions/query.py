"""Reading for the 意见回复: the facts about each person as of a date (measures with their 影响期,
a 需转出 ledger method among them; first-form entries decided by then; clues being checked then;
findings open then), the replies issued, names typed."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth import Actor, Role, require_role
from app.common import clean, like_any
from app.dictionaries import Vocabulary, load_vocabulary, require_code
from app.errors import PermissionDenied, ValidationError
from app.registers.clues.query import clues_of_person
from app.registers.findings.query import finding_rows
from app.registers.ledger.query import rows_where
from app.registers.ledger.types import ALL, LedgerFilter, LedgerRow
from app.registers.opinions.types import Measure, OpinionFacts, OpinionReplyRow
from app.registers.people.query import people_rows
from app.registers.sanctions.query import sanctions_of_person
from app.registers.sanctions.rules import KIND_OF_METHOD, impact_end, measure_text
from app.visibility import is_limited, readable
from db.models import Finding, OpinionReply, Person

NOT_TRANSFERRED = "（记入第一种形态台账，尚未转出）"
LIMITED_REFUSAL = ("党风廉政意见回复须依据全部单位的记录出具，当前用户只能查看指定单位的记录，"
                   "请由不限单位的用户（如局机关纪委）出具。")


def _untransferred(vocab: Vocabulary, entry: LedgerRow) -> list[Measure]:
    """The second-form methods of a 需转出 entry as measures, with the period of their kind."""
    found = []
    for code in entry.methods:
        kind = vocab.entry("sanction_kind", KIND_OF_METHOD.get(code, ""))
        if vocab.form(code) != 2 or kind is None:
            continue
        found.append(Measure(entry.decided_on, measure_text(kind.label, kind.family), entry.decision_organ,
                             impact_end(entry.decided_on, kind.months), NOT_TRANSFERRED))
    return found


def opinion_facts(session: Session, actor: Actor, person_ids: Sequence[int], purpose: str,
                  as_of: dt.date) -> list[OpinionFacts]:
    """The facts of a reply for each person, in the order given. A reply vouches for everything
    the office holds about the person in every unit (limited to this office's own records),
    which a unit-limited user may not read (the one rule, app/visibility.py): they are refused,
    and a user of all units issues it. Raises ValidationError for an unknown purpose or person."""
    require_role(actor, Role.VIEWER)
    if is_limited(actor):
        raise PermissionDenied(LIMITED_REFUSAL)
    vocab = load_vocabulary(session)
    require_code(vocab, "opinion_purpose", purpose, "purpose")
    people = {p.id: p for p in people_rows(session, list(person_ids))}
    facts = []
    for pid in person_ids:
        person = people.get(pid)
        if person is None:
            raise ValidationError("所选人员已不在人员名册中。", "people")
        measures = [Measure(s.decided_on, s.measure, s.decision_organ, s.impact_end)
                    for s in sanctions_of_person(session, actor, pid, end=as_of)]
        entries = rows_where(session, actor, LedgerFilter(view=ALL, person_id=pid, end=as_of))
        for entry in entries:
            if entry.needs_transfer:
                measures += _untransferred(vocab, entry)
        measures.sort(key=lambda m: m.decided_on)
        stated = tuple(e for e in entries if any(f != 2 for f in e.forms))
        clues = tuple(c for c in clues_of_person(session, actor, pid, end=as_of) if c.being_checked(as_of))
        ids = list(session.scalars(select(Finding.id).where(
            Finding.resp_person_id == pid, Finding.found_on <= as_of).order_by(Finding.found_on, Finding.id)))
        open_ = tuple(f for f in finding_rows(session, ids, as_of) if f.closed_on is None or f.closed_on > as_of)
        facts.append(OpinionFacts(person, purpose, vocab.label("opinion_purpose", purpose), as_of,
                                  tuple(measures), stated, clues, open_))
    return facts


def opinion_replies(session: Session, actor: Actor, *, year: int | None = None, text: str = "",
                    person_id: int | None = None) -> list[OpinionReplyRow]:
    """Issued replies, newest first (of `year` by the reply date; matching `text` in the name,
    unit, position or conclusion). A unit-limited user sees replies about people now in their units."""
    require_role(actor, Role.VIEWER)
    vocab = load_vocabulary(session)
    query = select(OpinionReply).outerjoin(Person, Person.id == OpinionReply.person_id)
    query = query.where(readable(actor, OpinionReply))
    if year is not None:
        query = query.where(OpinionReply.as_of.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    if person_id is not None:
        query = query.where(OpinionReply.person_id == person_id)
    if clean(text):
        query = query.where(like_any(clean(text), OpinionReply.person_name, OpinionReply.unit_name,
                                     OpinionReply.position, OpinionReply.conclusion))
    query = query.order_by(OpinionReply.issued_at.desc(), OpinionReply.id.desc())
    return [OpinionReplyRow(r.id, r.person_id, r.person_name, r.unit_name, r.position, r.purpose,
                            vocab.label("opinion_purpose", r.purpose), r.as_of, r.conclusion, r.issued_at,
                            r.issued_by) for r in session.scalars(query)]


def split_names(text: str) -> list[str]:
    """“张三,李四、王五@办公室” → the names as written (commas, 、 and spaces separate)."""
    return [part for part in re.split(r"[,，、;；\s]+", text or "") if part]
