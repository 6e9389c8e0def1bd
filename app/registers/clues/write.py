"""Writing 问题线索: a clue from 受理 to 办结 (`save_clue`) and its removal (`delete_clue`). Every
write: the role and the reader's units, the closed-year guard (the year of 受理), one audit row
in the same transaction. The reporter is written only by an administrator or the clue's handler."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import archive, audit
from app.auth import Actor, require_write
from app.common import limited_text, not_future, required_text
from app.dictionaries import load_vocabulary, require_code
from app.errors import PermissionDenied, ValidationError
from app.registers.clues.rules import (
    CLEARED,
    CLOSE,
    FIRST_FORM,
    INQUIRY,
    REPORTER_HIDDEN,
    SANCTION,
    VERIFY,
    may_see_reporter,
    status_of,
)
from app.registers.clues.types import ENTITY, ClueDraft
from app.stale import load_for_update
from app.vocab import CLUE_OUTCOMES
from db.models import Clue, ClueSubject, LedgerEntry, Person, Sanction, TalkParticipant, Unit, User

WHAT = "问题线索"


def _after(day: dt.date | None, start: dt.date | None, label: str, start_label: str, field: str) -> None:
    if day is not None and start is not None and day < start:
        raise ValidationError(f"{label}不能早于{start_label}（{start:%Y-%m-%d}）。", field)


def _people(session: Session, ids: tuple[int, ...], clue: Clue | None) -> list[ClueSubject]:
    """The named people, each with the unit and position of the time (kept for a person the
    clue already names)."""
    if not ids:
        raise ValidationError("请至少选择一名被反映人。", "person_ids")
    kept = {s.person_id: s for s in clue.people} if clue is not None else {}
    found = []
    for seq, person_id in enumerate(dict.fromkeys(ids)):
        if person_id in kept:
            old = kept[person_id]
            found.append(ClueSubject(seq=seq, person_id=person_id, person_name=old.person_name, unit_id=old.unit_id,
                                     unit_name=old.unit_name, position=old.position))
            continue
        person = session.get(Person, person_id)
        if person is None:
            raise ValidationError("所选被反映人已不在人员名册中，请重新选择。", "person_ids")
        unit = session.get(Unit, person.unit_id)
        found.append(ClueSubject(seq=seq, person_id=person.id, person_name=person.name, unit_id=unit.id,
                                 unit_name=unit.name, position=person.position))
    return found


def _handler(session: Session, handler_id: int | None) -> tuple[int | None, str]:
    if handler_id is None:
        return None, ""
    user = session.get(User, handler_id)
    if user is None or not user.active:
        raise ValidationError("所选承办人不是在用的用户，请重新选择。", "handler_id")
    return user.id, user.display_name or user.username


def _dates(draft: ClueDraft, received: dt.date, today: dt.date) -> dict[str, object]:
    """The way's own dates (others cleared), checked for order and not in the future."""
    letter = (draft.letter_sent_on, draft.reply_due, draft.replied_on) if draft.way == INQUIRY else (None,) * 3
    verify = (draft.verify_start, draft.verify_end) if draft.way == VERIFY else (None, None)
    sent, due, replied = letter
    start, end = verify
    for day, label, field in ((sent, "发函日期", "letter_sent_on"), (replied, "回复日期", "replied_on"),
                              (start, "初核开始日期", "verify_start"), (end, "初核结束日期", "verify_end")):
        not_future(day, today, label, field)
        _after(day, received, label, "受理日期", field)
    _after(due, sent, "回复期限", "发函日期", "reply_due")
    _after(replied, sent, "回复日期", "发函日期", "replied_on")
    if replied is not None and sent is None:
        raise ValidationError("填写回复日期前请先填写发函日期。", "letter_sent_on")
    _after(end, start, "初核结束日期", "初核开始日期", "verify_end")
    if end is not None and start is None:
        raise ValidationError("请先填写初核开始日期。", "verify_start")
    return dict(letter_sent_on=sent, reply_due=due, replied_on=replied, verify_start=start, verify_end=end)


def _closing(draft: ClueDraft, received: dt.date, today: dt.date) -> dict[str, object]:
    closed_on, outcome = draft.closed_on, draft.outcome
    if outcome and outcome not in CLUE_OUTCOMES:
        raise ValidationError("未知的办结去向。", "outcome")
    if closed_on is None:
        if outcome:
            raise ValidationError("已选择办结去向，请填写办结日期。", "closed_on")
        return dict(closed_on=None, outcome="")
    not_future(closed_on, today, "办结日期", "closed_on")
    _after(closed_on, received, "办结日期", "受理日期", "closed_on")
    if not draft.way:
        raise ValidationError("办结前请选择线索处置方式。", "way")
    if not outcome:
        raise ValidationError("请选择办结去向（第一种形态处置、处分、移送或予以了结）。", "outcome")
    if draft.way == CLOSE and outcome != CLEARED:
        raise ValidationError("处置方式为“予以了结”的线索，办结去向应为“予以了结”。", "outcome")
    return dict(closed_on=closed_on, outcome=outcome)


def _links(session: Session, draft: ClueDraft, person_ids: set[int], outcome: str) -> dict[str, object]:
    entry_id = draft.ledger_entry_id if outcome in (FIRST_FORM, "") else None
    sanction_id = draft.sanction_id if outcome in (SANCTION, "") else None
    if entry_id is not None:
        entry = session.get(LedgerEntry, entry_id)
        if entry is None or entry.person_id not in person_ids:
            raise ValidationError("所选第一种形态台账条目不是被反映人的，请重新选择。", "ledger_entry_id")
    if sanction_id is not None:
        sanction = session.get(Sanction, sanction_id)
        if sanction is None or sanction.person_id not in person_ids:
            raise ValidationError("所选处分记录不是被反映人的，请重新选择。", "sanction_id")
    if draft.talk_id is not None:
        talked = session.scalar(select(func.count()).where(
            TalkParticipant.talk_id == draft.talk_id, TalkParticipant.person_id.in_(person_ids),
            TalkParticipant.role == "talkee"))
        if not talked:
            raise ValidationError("所选谈话记录的被谈话人中没有被反映人，不能关联。", "talk_id")
    return dict(ledger_entry_id=entry_id, sanction_id=sanction_id, talk_id=draft.talk_id)


def save_clue(session: Session, actor: Actor, draft: ClueDraft, today: dt.date) -> int:
    """Adds or edits a clue and returns its id.

    Guarantees: a 受理 date not after `today`; the problem; at least one registered person (the
    unit and position of the time kept); the source and way are dictionary items; only the way's
    own dates are kept, in order; the status follows (受理 · 处置中 · 办结); 办结 has a date and
    where it led, a 予以了结 clue leads to 了结; links belong to the people named; the reporter is
    set only by an administrator or the clue's handler (PermissionDenied otherwise) and kept
    when the draft leaves it None; unit limits, the closed-year guard, a stale copy refused, one
    audit row. Raises ValidationError naming the form field."""
    require_write(actor)
    vocab = load_vocabulary(session)
    clue = load_for_update(session, Clue, draft.id, draft.version, WHAT) if draft.id else None
    if draft.received_on is None:
        raise ValidationError("请填写受理日期。", "received_on")
    not_future(draft.received_on, today, "受理日期", "received_on")
    require_code(vocab, "clue_source", draft.source, "source", required=False)
    require_code(vocab, "clue_way", draft.way, "way", required=False)
    problem = required_text(draft.problem, "反映的主要问题", "problem", 2000)
    people = _people(session, draft.person_ids, clue)
    unit = session.get(Unit, draft.unit_id if draft.unit_id is not None else people[0].unit_id)
    if unit is None:
        raise ValidationError("请选择线索所涉单位。", "unit_id")
    unit_name = clue.unit_name if clue is not None and clue.unit_id == unit.id else unit.name
    require_write(actor, unit.id, unit_name)
    if clue is not None:
        require_write(actor, clue.unit_id, clue.unit_name)
    handler_id, handler_name = _handler(session, draft.handler_id)
    if handler_id is None:
        handler_name = limited_text(draft.handler_name, "承办人", "handler_id", 50)
    reporter = clue.reporter if clue is not None else ""
    if draft.reporter is not None and draft.reporter.strip() != reporter:
        if not may_see_reporter(actor, clue.handler_id if clue is not None else handler_id):
            raise PermissionDenied(REPORTER_HIDDEN)
        reporter = limited_text(draft.reporter, "举报人", "reporter", 200)
    closing = _closing(draft, draft.received_on, today)
    values: dict[str, object] = dict(
        received_on=draft.received_on, source=draft.source, reporter=reporter, unit_id=unit.id, unit_name=unit_name,
        problem=problem, handler_id=handler_id, handler_name=handler_name, way=draft.way,
        **_dates(draft, draft.received_on, today), **closing,
        status=status_of(draft.way, closing["closed_on"]),  # type: ignore[arg-type]
        result=limited_text(draft.result, "办结情况", "result", 2000),
        notes=limited_text(draft.notes, "备注", "notes", 2000),
        **_links(session, draft, {p.person_id for p in people}, str(closing["outcome"])))
    years = {draft.received_on.year} | ({clue.received_on.year} if clue is not None else set())
    corrected = [y for y in sorted(years) if archive.guard_year(session, actor, y, draft.correction_reason, WHAT)]
    names = "、".join(p.person_name for p in people)
    summary = f"{draft.received_on:%Y-%m-%d} {names}"
    extra = lambda c: {"people": [p.person_id for p in c.people]}  # noqa: E731
    if clue is None:
        clue = Clue(**values)
        clue.people = people
        session.add(clue)
        session.flush()
        audit.created(session, actor, clue, summary=f"新增问题线索 {summary}", **extra(clue))
    else:
        before = audit.snapshot(clue, **extra(clue))
        for key, value in values.items():
            setattr(clue, key, value)
        if [(p.person_id, p.unit_id, p.position) for p in clue.people] != \
                [(p.person_id, p.unit_id, p.position) for p in people]:
            clue.people = people
        session.flush()
        audit.updated(session, actor, clue, before, summary=f"修改问题线索 {summary}", **extra(clue))
    for year in corrected:
        archive.record_correction(session, actor, ENTITY, clue.id, year, draft.correction_reason)
    return clue.id


def delete_clue(session: Session, actor: Actor, clue_id: int, version: int | None = None,
                correction_reason: str = "") -> None:
    """Deletes a clue entered by mistake (the records it led to stay); audited, the closed-year
    guard, unit limits."""
    clue = load_for_update(session, Clue, clue_id, version, WHAT)
    require_write(actor, clue.unit_id, clue.unit_name)
    corrected = archive.guard_year(session, actor, clue.received_on.year, correction_reason, WHAT)
    audit.deleted(session, actor, clue, summary=f"删除问题线索 {clue.received_on:%Y-%m-%d} "
                  + "、".join(p.person_name for p in clue.people), people=[p.person_id for p in clue.people])
    session.delete(clue)
    session.flush()
    if corrected:
        archive.record_correction(session, actor, ENTITY, clue_id, clue.received_on.year, correction_reason)
