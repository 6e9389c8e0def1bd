"""Writing the ledger: save an entry (methods checked against the dictionary; a second-form
method, or a person who is not a Party member, needs the clerk's confirmation; a 了结 entry needs
no method; a 诫勉 keeps its sanction record in step, sanctions.write.sync_admonish), delete.
Audited."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import archive, audit
from app.attachments import apply_changes
from app.auth import Actor, require_write
from app.common import limited_text, not_future, required_text
from app.dictionaries import Vocabulary, load_vocabulary, require_code
from app.errors import NeedsConfirmation, ValidationError
from app.registers.ledger.query import person_snapshot, second_form_methods
from app.registers.ledger.rules import (
    CLEARED_HANDLINGS,
    LETTER_HANDLINGS,
    NO_METHOD,
    NON_MEMBER_WARNING,
    TRANSFER_WARNING,
    default_impact_end,
    default_revisit,
)
from app.registers.ledger.types import ENTITY, LedgerDraft, PersonSnapshot
from app.registers.people.types import is_non_member
from app.registers.sanctions.write import sync_admonish
from app.settings import load_settings
from app.stale import load_for_update
from db.models import Attachment, Clue, Finding, LedgerEntry, LedgerMethod, Person, Sanction, Talk, Unit

ADMONISH = "admonish"


def _methods(vocab: Vocabulary, methods: Sequence[str], confirmed: bool, handling: str) -> tuple[str, ...]:
    codes = tuple(dict.fromkeys(m for m in methods if m))
    if not codes:
        if handling in CLEARED_HANDLINGS:
            return ()  # the clue was closed by 了结: no disposal of the person
        raise ValidationError(NO_METHOD, "methods")
    for code in codes:
        require_code(vocab, "disposal_method", code, "methods")
    second = second_form_methods(vocab, codes)
    if second and not confirmed:
        labels = "、".join(vocab.label("disposal_method", m) for m in second)
        raise NeedsConfirmation(TRANSFER_WARNING.format(labels=labels), "methods")
    return codes


def _not_before(day: dt.date | None, start: dt.date | None, label: str, start_label: str,
                field: str) -> None:
    if day is not None and start is not None and day < start:
        raise ValidationError(f"{label}不能早于{start_label}（{start:%Y-%m-%d}）。", field)


def _snapshot(session: Session, draft: LedgerDraft, entry: LedgerEntry | None) -> PersonSnapshot:
    same_person = entry is not None and entry.person_id == draft.person_id
    if draft.snapshot is None:
        if same_person:
            return PersonSnapshot(entry.unit_id, entry.unit_name, entry.position, entry.rank,
                                  entry.political_status, entry.is_leader, entry.key_post)
        return person_snapshot(session, draft.person_id)
    snap = draft.snapshot
    unit = session.get(Unit, snap.unit_id) if snap.unit_id is not None else None
    if unit is None:
        raise ValidationError("请选择被处置人当时所在的单位。", "unit_id")
    # A unit renamed since keeps the name filed with the entry.
    unit_name = snap.unit_name if same_person and snap.unit_id == entry.unit_id and snap.unit_name \
        else unit.name
    return PersonSnapshot(unit.id, unit_name, limited_text(snap.position, "职务", "position", 100),
                          limited_text(snap.rank, "职级", "rank", 50), snap.political_status,
                          bool(snap.is_leader), limited_text(snap.key_post, "重要岗位", "key_post", 50))


def _linked(session: Session, model: type, ids: Sequence[int], what: str, field: str) -> list:
    found = []
    for record_id in dict.fromkeys(ids):
        record = session.get(model, record_id)
        if record is None:
            raise ValidationError(f"所选{what}已不存在，请重新选择。", field)
        found.append(record)
    return found


def _wordings(vocab: Vocabulary, draft: LedgerDraft, methods: tuple[str, ...],
              entry: LedgerEntry | None) -> list[str]:
    """The words each method is filed with: the draft's, else the entry's for a method it keeps;
    a wording equal to the label (or too long to be a method's name) is stored as ""."""
    if draft.wordings is not None:
        given = dict(zip(draft.methods, draft.wordings, strict=False))
    else:
        given = {m.method: m.wording for m in entry.methods} if entry is not None else {}
    words = []
    for code in methods:
        word = (given.get(code) or "").strip()
        words.append("" if word == vocab.label("disposal_method", code) or len(word) > 40 else word)
    return words


def _audit_extra(entry: LedgerEntry) -> dict[str, object]:
    return {"methods": [m.method for m in entry.methods],
            "wordings": [m.wording for m in entry.methods],
            "talk_ids": sorted(t.id for t in entry.talks),
            "finding_ids": sorted(f.id for f in entry.findings)}


def save_entry(session: Session, actor: Actor, draft: LedgerDraft, today: dt.date) -> int:
    """Adds or edits an entry; raises ValidationError naming the first bad field, and
    NeedsConfirmation (before writing anything) when a method belongs to the second form and
    `confirm_second_form` is not set, or the person is not a Party member and
    `confirm_non_member` is not set. Guarantees: at least one known method unless the clue was
    closed by 了结; each method's wording kept; the snapshot is the register's at entry time
    unless given; 影响期 end and planned 回访 default from the settings (none without a method);
    函询 dates only with 函询; a 诫勉 record kept in step (sanctions.write.sync_admonish); the
    closed-year guard; the audit rows in the same transaction; the attachments of `draft.files`
    written with the entry (a file that cannot be read fails it all)."""
    require_write(actor)
    vocab, settings = load_vocabulary(session), load_settings(session)
    entry = None if draft.id is None else load_for_update(session, LedgerEntry, draft.id,
                                                          draft.version, "台账条目")
    if draft.person_id is None or session.get(Person, draft.person_id) is None:
        raise ValidationError("请选择被处置人。", "person_id")
    person = session.get(Person, draft.person_id)
    snap = _snapshot(session, draft, entry)
    require_write(actor, snap.unit_id, snap.unit_name)
    if entry is not None:
        require_write(actor, entry.unit_id, entry.unit_name)
    require_code(vocab, "political_status", snap.political_status, "political_status", required=False)
    require_code(vocab, "clue_source", draft.clue_source, "clue_source", required=False)
    require_code(vocab, "clue_handling", draft.handling, "handling", required=False)
    require_code(vocab, "finding_category", draft.category, "category", required=False)
    problem = required_text(draft.problem, "主要问题", "problem", 2000)
    methods = _methods(vocab, draft.methods, draft.confirm_second_form, draft.handling)
    if is_non_member(snap.political_status) and not draft.confirm_non_member:
        raise NeedsConfirmation(NON_MEMBER_WARNING.format(
            name=person.name, status=vocab.label("political_status", snap.political_status)), "political_status")
    wordings = _wordings(vocab, draft, methods, entry)
    decided_on = draft.decided_on
    if decided_on is None:
        raise ValidationError("请填写处理时间。", "decided_on")
    not_future(decided_on, today, "处理时间", "decided_on")

    letter = (draft.letter_sent_on, draft.reply_due, draft.replied_on)
    if draft.handling not in LETTER_HANDLINGS:
        letter = (None, None, None)  # the letter dates belong to 函询 only
    sent, due, replied = letter
    not_future(sent, today, "发函日期", "letter_sent_on")
    _not_before(due, sent, "回复期限", "发函日期", "reply_due")
    _not_before(replied, sent, "回复日期", "发函日期", "replied_on")
    not_future(replied, today, "回复日期", "replied_on")
    if replied is not None and sent is None:
        raise ValidationError("填写回复日期前请先填写发函日期。", "letter_sent_on")

    impact_end = draft.impact_end or default_impact_end(settings, methods, decided_on)
    _not_before(impact_end, decided_on, "影响期截止日期", "处理时间", "impact_end")
    planned = (draft.revisit_planned or default_revisit(settings, decided_on)) if methods else None
    _not_before(planned, decided_on, "计划回访日期", "处理时间", "revisit_planned")
    done_on = draft.revisit_done_on
    _not_before(done_on, decided_on, "回访日期", "处理时间", "revisit_done_on")
    not_future(done_on, today, "回访日期", "revisit_done_on")
    result = limited_text(draft.revisit_result, "回访情况", "revisit_result", 2000)
    if done_on is not None and not result:
        raise ValidationError("已填写回访日期，请同时填写回访情况。", "revisit_result")
    talks = None if draft.talk_ids is None else _linked(session, Talk, draft.talk_ids, "谈话记录", "talk_ids")
    findings = None if draft.finding_ids is None else \
        _linked(session, Finding, draft.finding_ids, "问题整改记录", "finding_ids")

    values = dict(
        person_id=person.id, person_name=person.name, unit_id=snap.unit_id, unit_name=snap.unit_name,
        position=snap.position, rank=snap.rank, political_status=snap.political_status,
        is_leader=snap.is_leader, key_post=snap.key_post, clue_source=draft.clue_source,
        handling=draft.handling, letter_sent_on=sent, reply_due=due, replied_on=replied,
        problem=problem, category=draft.category, decision_organ=limited_text(draft.decision_organ, "决定机关", "decision_organ", 100),
        decided_on=decided_on, handler=limited_text(draft.handler, "承办人", "handler", 50),
        impact_end=impact_end, revisit_planned=planned, revisit_done_on=done_on,
        revisit_result=result, notes=limited_text(draft.notes, "备注", "notes", 2000))

    years = {decided_on.year} | ({entry.decided_on.year} if entry is not None else set())
    corrected = [y for y in sorted(years)
                 if archive.guard_year(session, actor, y, draft.correction_reason, "台账条目")]
    summary = f"{person.name} {decided_on:%Y-%m-%d} " + ("、".join(
        vocab.label("disposal_method", m) for m in methods) or vocab.label("clue_handling", draft.handling))
    new_methods = [(m, w) for m, w in zip(methods, wordings, strict=True)]
    if entry is None:
        entry = LedgerEntry(**values)
        entry.methods = [LedgerMethod(seq=i, method=m, wording=w) for i, (m, w) in enumerate(new_methods)]
        entry.talks, entry.findings = talks or [], findings or []
        session.add(entry)
        session.flush()
        audit.created(session, actor, entry, summary=f"新增第一种形态台账 {summary}", **_audit_extra(entry))
    else:
        before = audit.snapshot(entry, **_audit_extra(entry))
        for key, value in values.items():
            setattr(entry, key, value)
        if [(m.method, m.wording) for m in entry.methods] != new_methods:
            entry.methods = [LedgerMethod(seq=i, method=m, wording=w) for i, (m, w) in enumerate(new_methods)]
        if talks is not None:
            entry.talks = talks
        if findings is not None:
            entry.findings = findings
        session.flush()
        audit.updated(session, actor, entry, before, summary=f"修改第一种形态台账 {summary}",
                      **_audit_extra(entry))
    sync_admonish(session, actor, entry, ADMONISH in methods, settings.impact_months.get(ADMONISH))
    for year in corrected:
        archive.record_correction(session, actor, ENTITY, entry.id, year, draft.correction_reason)
    if draft.files:
        apply_changes(session, actor, draft.files, ENTITY, entry.id, entry.unit_id)
    return entry.id


def delete_entry(session: Session, actor: Actor, entry_id: int, version: int | None = None,
                 correction_reason: str = "") -> None:
    """Deletes an entry filed by mistake (or transferred out), with its methods, links,
    attachment links and its 诫勉 record; a sanction record it was transferred to and a clue
    that led to it stay, unlinked. Audited, refused in a closed year unless an administrator
    corrects."""
    entry = load_for_update(session, LedgerEntry, entry_id, version, "台账条目")
    require_write(actor, entry.unit_id, entry.unit_name)
    corrected = archive.guard_year(session, actor, entry.decided_on.year, correction_reason, "台账条目")
    audit.deleted(session, actor, entry, summary=f"删除第一种形态台账 {entry.person_name} "
                  f"{entry.decided_on:%Y-%m-%d}", **_audit_extra(entry))
    sync_admonish(session, actor, entry, False, None)
    for linked in (*session.scalars(select(Sanction).where(Sanction.ledger_entry_id == entry.id)),
                   *session.scalars(select(Clue).where(Clue.ledger_entry_id == entry.id))):
        before = audit.snapshot(linked)
        linked.ledger_entry_id = None
        session.flush()
        audit.updated(session, actor, linked, before, summary=f"第一种形态台账条目已删除，取消关联（{entry.person_name}）")
    for attachment in session.scalars(select(Attachment).where(
            Attachment.entity == ENTITY, Attachment.entity_id == entry.id)):
        audit.deleted(session, actor, attachment, summary=f"移除附件 {attachment.filename}")
        session.delete(attachment)
    if corrected:
        archive.record_correction(session, actor, ENTITY, entry.id, entry.decided_on.year,
                                  correction_reason)
    session.delete(entry)  # its methods and link rows go with it
    session.flush()

