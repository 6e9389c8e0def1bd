"""Writing 处分与组织处理: a measure given to a person (`save_sanction`, `delete_sanction`), and the
诫勉 record a ledger entry keeps in step with itself (`sync_admonish`, called by the ledger's
save and delete). Every write: the role and the actor's units, the closed-year guard, one audit
row in the same transaction."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import archive, audit
from app.auth import Actor, require_write
from app.common import limited_text, not_future
from app.dictionaries import load_vocabulary, require_code
from app.errors import ValidationError
from app.registers.people.types import is_non_member
from app.registers.sanctions.rules import (
    ADMONISH,
    ADMONISH_IN_LEDGER,
    MAX_MONTHS,
    NOT_A_MEMBER,
    OWNED_BY_LEDGER,
    PARTY,
    PROBATION,
    PROBATIONS,
    impact_end,
)
from app.registers.sanctions.types import ENTITY, SanctionDraft
from app.stale import load_for_update
from db.models import Clue, LedgerEntry, Person, Sanction, Unit

WHAT = "处分记录"


def _months(value: int | None, label: str, field: str) -> int | None:
    if value is not None and not 1 <= value <= MAX_MONTHS:
        raise ValidationError(f"{label}应在 1–{MAX_MONTHS} 个月之间（现为 {value}）。", field)
    return value


def _validated(session: Session, draft: SanctionDraft, today: dt.date | None) -> dict[str, object]:
    vocab = load_vocabulary(session)
    if draft.person_id is None:
        raise ValidationError("请从人员名册中选择受处分（处理）人。", "person_id")
    require_code(vocab, "sanction_kind", draft.kind, "kind")
    require_code(vocab, "violation_category", draft.category, "category", required=False)
    if draft.decided_on is None:
        raise ValidationError("请填写决定时间。", "decided_on")
    if today is not None:
        not_future(draft.decided_on, today, "决定时间", "decided_on")
    kind = vocab.entry("sanction_kind", draft.kind)
    probation = draft.probation_months if draft.kind == PROBATION else None
    if draft.kind == PROBATION and probation not in PROBATIONS:
        raise ValidationError("留党察看请选择察看期（一年或二年）。", "probation_months")
    months = _months(draft.impact_months, "影响期", "impact_months")
    if months is None:
        months = kind.months if kind else None
    return dict(
        kind=draft.kind, decided_on=draft.decided_on, category=draft.category,
        decision_organ=limited_text(draft.decision_organ, "决定机关", "decision_organ", 100),
        document_no=limited_text(draft.document_no, "决定文号", "document_no", 100),
        facts=limited_text(draft.facts, "主要违纪违法事实", "facts", 4000),
        notes=limited_text(draft.notes, "备注", "notes", 2000),
        impact_months=months, probation_months=probation,
        impact_end=impact_end(draft.decided_on, months, probation))


def _check_member(session: Session, kind: str, name: str, status: str) -> None:
    vocab = load_vocabulary(session)
    entry = vocab.entry("sanction_kind", kind)
    if entry is not None and entry.family == PARTY and is_non_member(status):
        raise ValidationError(NOT_A_MEMBER.format(name=name, status=vocab.label("political_status", status),
                                                  kind=entry.label), "kind")


def _snapshot(session: Session, person: Person) -> dict[str, object]:
    unit = session.get(Unit, person.unit_id)
    return dict(person_id=person.id, person_name=person.name, unit_id=unit.id, unit_name=unit.name,
                position=person.position, political_status=person.political_status)


def _transferred_entry(session: Session, entry_id: int | None, person_id: int) -> int | None:
    if entry_id is None:
        return None
    entry = session.get(LedgerEntry, entry_id)
    if entry is None:
        raise ValidationError("要转出的台账条目已不存在。", "ledger_entry_id")
    if entry.person_id != person_id:
        raise ValidationError("转出的台账条目与受处分人不是同一人。", "person_id")
    return entry.id


def save_sanction(session: Session, actor: Actor, draft: SanctionDraft, today: dt.date | None = None) -> int:
    """Adds or edits a measure and returns its id.

    Guarantees: the person is a registered one, whose unit, position and political status are
    the register's when the record is made (or the person changes) and kept on later edits; the
    kind is a sanction_kind item — not 诫勉, which the ledger makes —, a 党纪 kind only for a
    Party member (预备党员 included); 留党察看 has its 察看期; the 影响期 is the kind's unless the
    draft sets it, its end counted by the month rule (rules.impact_end); the decision is not
    after `today` (None skips the check); unit limits and the closed-year guard; a stale copy
    raises StaleRecord; one audit row. Raises ValidationError naming the form field."""
    require_write(actor)
    record = load_for_update(session, Sanction, draft.id, draft.version, WHAT) if draft.id else None
    if record is not None and record.kind == ADMONISH and record.ledger_entry_id is not None:
        raise ValidationError(OWNED_BY_LEDGER, "kind")
    if draft.kind == ADMONISH:
        raise ValidationError(ADMONISH_IN_LEDGER, "kind")
    values = _validated(session, draft, today)
    person = session.get(Person, draft.person_id)
    if person is None:
        raise ValidationError("所选人员已不在人员名册中，请重新选择。", "person_id")
    if record is None or record.person_id != person.id:
        values.update(_snapshot(session, person))
    status = str(values.get("political_status", record.political_status if record else ""))
    _check_member(session, draft.kind, person.name, status)
    values["ledger_entry_id"] = _transferred_entry(session, draft.ledger_entry_id, person.id)
    unit_id = values.get("unit_id", record.unit_id if record else None)
    require_write(actor, unit_id, str(values.get("unit_name", record.unit_name if record else "")))
    years = {draft.decided_on.year} | ({record.decided_on.year} if record else set())  # type: ignore[union-attr]
    corrected = [y for y in sorted(years) if archive.guard_year(session, actor, y, draft.correction_reason, WHAT)]
    label = load_vocabulary(session).label("sanction_kind", draft.kind)
    summary = f"{draft.decided_on:%Y-%m-%d} {person.name} {label}"  # type: ignore[union-attr]
    if record is None:
        record = Sanction(**values)
        session.add(record)
        session.flush()
        audit.created(session, actor, record, summary=f"新增处分（组织处理） {summary}")
    else:
        require_write(actor, record.unit_id, record.unit_name)
        before = audit.snapshot(record)
        for key, value in values.items():
            setattr(record, key, value)
        session.flush()
        audit.updated(session, actor, record, before, summary=f"修改处分（组织处理） {summary}")
    for year in corrected:
        archive.record_correction(session, actor, ENTITY, record.id, year, draft.correction_reason)
    return record.id


def _unlink_clues(session: Session, actor: Actor, sanction_id: int) -> None:
    for clue in session.scalars(select(Clue).where(Clue.sanction_id == sanction_id)):
        before = audit.snapshot(clue)
        clue.sanction_id = None
        session.flush()
        audit.updated(session, actor, clue, before, summary="问题线索的处分记录已删除，取消关联")


def delete_sanction(session: Session, actor: Actor, sanction_id: int, version: int | None = None,
                    correction_reason: str = "") -> None:
    """Deletes a record entered by mistake (a clue that led to it keeps its outcome, unlinked);
    a 诫勉 made by the ledger is deleted with its entry only. Audited; the closed-year guard."""
    record = load_for_update(session, Sanction, sanction_id, version, WHAT)
    if record.kind == ADMONISH and record.ledger_entry_id is not None:
        raise ValidationError(OWNED_BY_LEDGER)
    require_write(actor, record.unit_id, record.unit_name)
    corrected = archive.guard_year(session, actor, record.decided_on.year, correction_reason, WHAT)
    _unlink_clues(session, actor, record.id)
    audit.deleted(session, actor, record, summary=f"删除处分（组织处理） {record.decided_on:%Y-%m-%d} {record.person_name}")
    session.delete(record)
    session.flush()
    if corrected:
        archive.record_correction(session, actor, ENTITY, sanction_id, record.decided_on.year, correction_reason)


def sync_admonish(session: Session, actor: Actor, entry: LedgerEntry, admonished: bool, months: int | None) -> None:
    """Keeps the 诫勉 record of a ledger entry in step with it (the ledger's save calls this in
    its own transaction, after its checks): an entry with 诫勉 has one record of kind 诫勉 with
    the entry's person as filed, date, organ, problem and 影响期 end; an entry without 诫勉 (or
    deleted: `admonished` False) has none. Audited like any record."""
    record = session.scalars(select(Sanction).where(Sanction.ledger_entry_id == entry.id,
                                                    Sanction.kind == ADMONISH)).first()
    if not admonished:
        if record is not None:
            _unlink_clues(session, actor, record.id)
            audit.deleted(session, actor, record, summary=f"随第一种形态台账删除诫勉记录 {entry.person_name}")
            session.delete(record)
            session.flush()
        return
    values = dict(person_id=entry.person_id, person_name=entry.person_name, unit_id=entry.unit_id,
                  unit_name=entry.unit_name, position=entry.position, political_status=entry.political_status,
                  kind=ADMONISH, decision_organ=entry.decision_organ, decided_on=entry.decided_on,
                  facts=entry.problem, impact_months=months, probation_months=None,
                  impact_end=entry.impact_end, ledger_entry_id=entry.id)
    summary = f"{entry.decided_on:%Y-%m-%d} {entry.person_name} 诫勉（第一种形态台账）"
    if record is None:
        record = Sanction(**values, category="", document_no="", notes="")
        session.add(record)
        session.flush()
        audit.created(session, actor, record, summary=f"随第一种形态台账生成诫勉记录 {summary}")
        return
    before = audit.snapshot(record)
    for key, value in values.items():
        setattr(record, key, value)
    session.flush()
    audit.updated(session, actor, record, before, summary=f"随第一种形态台账更新诫勉记录 {summary}")
