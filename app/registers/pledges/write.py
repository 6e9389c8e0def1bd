"""Writing 责任书: save one (the signer's name and position snapshotted), draw up a year's list,
mark several signed on one day, delete one drawn up by mistake. Audited in the same transaction;
a closed year needs an administrator and a reason."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import archive, audit
from app.attachments import finish_save
from app.auth import Actor, require_write
from app.common import limited_text, not_future
from app.dictionaries import load_vocabulary, require_code
from app.errors import ValidationError
from app.registers.people.query import unit_heads
from app.registers.pledges.query import get_pledge
from app.registers.pledges.types import ENTITY, PledgeDraft
from app.stale import load_for_update
from db.models import Attachment, Person, Pledge, Unit

WHAT = "责任书"
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year(year: int | None) -> int:
    if year is None:
        raise ValidationError("请填写责任书年度。", "year")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(f"年度“{year}”不对。", "year")
    return year


def _signed_on(day: dt.date | None, year: int, today: dt.date | None) -> dt.date | None:
    if day is None:
        return None
    if today is not None:
        not_future(day, today, "签订日期", "signed_on")
    if day.year not in (year - 1, year):
        raise ValidationError(f"{year}年度责任书的签订日期应在 {year - 1} 年或 {year} 年内。", "signed_on")
    return day


def _values(session: Session, actor: Actor, draft: PledgeDraft, today: dt.date | None,
            existing: Pledge | None) -> dict[str, object]:
    year = _year(draft.year)
    require_code(load_vocabulary(session), "pledge_level", draft.level, "level")
    person = session.get(Person, draft.person_id) if draft.person_id is not None else None
    if draft.person_id is not None and person is None:
        raise ValidationError("所选签订人已不在人员名册中，请重新选择。", "person_id")
    unit_id = draft.unit_id if draft.unit_id is not None else (person.unit_id if person else None)
    unit = session.get(Unit, unit_id) if unit_id is not None else None
    if unit is None:
        raise ValidationError("请选择签订单位。", "unit_id")
    require_write(actor, unit.id, unit.name)
    if person is not None:
        kept = existing is not None and existing.person_id == person.id
        signer, position = ((existing.signer_name, existing.position) if kept
                            else (person.name, person.position))
    else:
        signer, position = limited_text(draft.signer_name, "签订人", "signer_name", 50), ""
    leader = session.get(Person, draft.leader_id) if draft.leader_id is not None else None
    if draft.leader_id is not None and leader is None:
        raise ValidationError("所选责任领导已不在人员名册中，请重新选择。", "leader_id")
    if leader is not None and person is not None and leader.id == person.id:
        raise ValidationError("责任领导与签订人不能是同一人。", "leader_id")
    leader_name = leader.name if leader is not None else limited_text(draft.leader_name, "责任领导", "leader_id", 50)
    return dict(year=year, level=draft.level, unit_id=unit.id, person_id=draft.person_id,
                signer_name=signer, position=position,
                leader_id=draft.leader_id, leader_name=leader_name,
                signed_on=_signed_on(draft.signed_on, year, today),
                notes=limited_text(draft.notes, "备注", "notes", 2000))


def _same(session: Session, values: dict[str, object], own_id: int | None) -> Pledge | None:
    query = select(Pledge).where(Pledge.year == values["year"], Pledge.level == values["level"],
                                 Pledge.unit_id == values["unit_id"])
    query = query.where(Pledge.person_id == values["person_id"] if values["person_id"] is not None
                        else Pledge.person_id.is_(None))
    return next((p for p in session.scalars(query) if p.id != own_id), None)


def _summary(p: Pledge, unit_name: str) -> str:
    who = p.signer_name if p.person_id is not None else unit_name
    return f"{p.year}年 {who}"


def save_pledge(session: Session, actor: Actor, draft: PledgeDraft, today: dt.date | None = None) -> int:
    """Adds or edits a 责任书 and returns its id. Guarantees: the level is a dictionary item; a
    person's pledge takes their name and position from the register when they are chosen (kept
    afterwards); one pledge per signer, level and year; the signing date is not after `today`
    and lies in the year or the one before; a unit-limited user writes their units' pledges
    only; a closed year needs an administrator's reason; audited. ValidationError names the field."""
    require_write(actor)
    pledge = load_for_update(session, Pledge, draft.id, draft.version, WHAT) if draft.id else None
    if pledge is not None:
        require_write(actor, pledge.unit_id)
    values = _values(session, actor, draft, today, pledge)
    if _same(session, values, draft.id) is not None:
        raise ValidationError(f"{values['year']}年已有该签订人同一层级的责任书。", "person_id"
                              if values["person_id"] is not None else "unit_id")
    year = int(values["year"])  # type: ignore[arg-type]
    correction = archive.guard_year(session, actor, year, draft.correction_reason, WHAT)
    unit_name = session.get(Unit, values["unit_id"]).name
    if pledge is None:
        pledge = Pledge(**values)
        session.add(pledge)
        session.flush()
        audit.created(session, actor, pledge, summary=f"新增责任书 {_summary(pledge, unit_name)}")
    else:
        if pledge.year != year:
            correction = archive.guard_year(session, actor, pledge.year, draft.correction_reason, WHAT) or correction
        before = audit.snapshot(pledge)
        for key, value in values.items():
            setattr(pledge, key, value)
        session.flush()
        audit.updated(session, actor, pledge, before, summary=f"修改责任书 {_summary(pledge, unit_name)}")
    return finish_save(session, actor, draft, ENTITY, pledge.id, year=year, unit_id=pledge.unit_id,
                       corrected=correction)


def draw_up_year(session: Session, actor: Actor, year: int, level: str, *, unit_ids: Sequence[int] = (),
                 person_ids: Sequence[int] = (), leader_name: str = "") -> list[int]:
    """Draws up a year's list: an unsigned pledge for each unit (its head as the signer) and for
    each person, skipping those the year already has. Returns the ids made (an audit row each)."""
    require_write(actor)
    made = []
    heads = unit_heads(session, unit_ids)
    for unit_id in dict.fromkeys(unit_ids):
        head = heads.get(unit_id)
        draft = PledgeDraft(year, level, unit_id, signer_name=head.name if head else "", leader_name=leader_name)
        values = _values(session, actor, draft, None, None)
        if _same(session, values, None) is None:
            made.append(save_pledge(session, actor, draft))
    for person_id in dict.fromkeys(person_ids):
        draft = PledgeDraft(year, level, None, person_id=person_id, leader_name=leader_name)
        values = _values(session, actor, draft, None, None)
        if _same(session, values, None) is None:
            made.append(save_pledge(session, actor, draft))
    return made


def mark_signed(session: Session, actor: Actor, pledge_ids: Sequence[int], day: dt.date, today: dt.date,
                correction_reason: str = "") -> int:
    """Marks the pledges signed on `day` (those already signed keep their date); returns how
    many changed. The same checks as an edit, for each."""
    require_write(actor)
    changed = 0
    for pledge_id in dict.fromkeys(pledge_ids):
        pledge = load_for_update(session, Pledge, pledge_id, None, WHAT)
        if pledge.signed_on is not None:
            continue
        row = get_pledge(session, pledge_id)
        save_pledge(session, actor, row.draft(signed_on=day, correction_reason=correction_reason), today)
        changed += 1
    return changed


def delete_pledge(session: Session, actor: Actor, pledge_id: int, version: int | None = None,
                  correction_reason: str = "") -> None:
    """Deletes a pledge entered by mistake, with its attachment links (audited)."""
    pledge = load_for_update(session, Pledge, pledge_id, version, WHAT)
    require_write(actor, pledge.unit_id)
    correction = archive.guard_year(session, actor, pledge.year, correction_reason, WHAT)
    unit_name = session.get(Unit, pledge.unit_id).name
    for row in session.scalars(select(Attachment).where(Attachment.entity == ENTITY,
                                                        Attachment.entity_id == pledge_id)):
        audit.deleted(session, actor, row, summary=f"随责任书移除附件 {row.filename}")
        session.delete(row)
    audit.deleted(session, actor, pledge, summary=f"删除责任书 {_summary(pledge, unit_name)}")
    session.delete(pledge)
    session.flush()
    if correction:
        archive.record_correction(session, actor, ENTITY, pledge_id, pledge.year, correction_reason)
