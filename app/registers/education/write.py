"""Writing 廉政教育: save a session with its participants (a registered person's unit and position
snapshotted, as talks do), delete. Audited in the same transaction; a closed year needs an
administrator and a reason."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import archive, audit
from app.attachments import finish_save
from app.auth import Actor, require_all_units, require_write
from app.common import clean, limited_text, not_future, required_text
from app.dictionaries import load_vocabulary, require_code
from app.errors import ValidationError
from app.registers.education.rules import BUREAU
from app.registers.education.types import ENTITY, EducationDraft
from app.stale import load_for_update
from db.models import Attachment, Clue, EducationParticipant, EducationSession, Person, Sanction, Unit

WHAT = "廉政教育记录"
MAX_PARTICIPANTS = 5000


def _participants(session: Session, draft: EducationDraft,
                  existing: EducationSession | None) -> list[EducationParticipant]:
    """Validated participants in the form's order; a registered person is snapshotted from the
    register when they join (kept as the session holds them on later edits)."""
    if len(draft.participants) > MAX_PARTICIPANTS:
        raise ValidationError(f"参加人员不能超过 {MAX_PARTICIPANTS} 人。", "participants")
    kept = {p.person_id: p for p in existing.participants if p.person_id is not None} if existing else {}
    wanted = {p.person_id for p in draft.participants if p.person_id is not None}
    people = {pid: (name, unit_id, unit_name, position) for pid, name, unit_id, unit_name, position in
              session.execute(select(Person.id, Person.name, Unit.id, Unit.name, Person.position)
                              .join(Unit, Person.unit_id == Unit.id).where(Person.id.in_(wanted)))}
    result: list[EducationParticipant] = []
    seen: set[object] = set()
    for p in draft.participants:
        if p.person_id is not None:
            if p.person_id not in people:
                raise ValidationError(f"参加人员“{p.name}”已不在人员名册中，请重新选择。", "participants")
            key: object = p.person_id
            old = kept.get(p.person_id)
            if old is not None:
                values = dict(name=old.name, unit_id=old.unit_id, unit_name=old.unit_name, position=old.position)
            else:
                name, unit_id, unit_name, position = people[p.person_id]
                values = dict(name=name, unit_id=unit_id, unit_name=unit_name, position=position)
        else:
            name = limited_text(p.name, "参加人员姓名", "participants", 50)
            if not name:
                continue
            key = ("free", name, clean(p.unit_name))
            values = dict(name=name, unit_id=None,
                          unit_name=limited_text(p.unit_name, "参加人员单位", "participants", 100),
                          position=limited_text(p.position, "参加人员职务", "participants", 100))
        if key in seen:
            raise ValidationError(f"参加人员中“{values['name']}”重复了。", "participants")
        seen.add(key)
        result.append(EducationParticipant(seq=len(result), person_id=p.person_id, **values))
    return result


def _require_units(session: Session, actor: Actor, organiser_id: int | None,
                   participants: Sequence[EducationParticipant]) -> str:
    """A unit-limited user records sessions their unit organised, with their own people; a
    session of the whole bureau (no organiser) only a user of all units. Returns the
    organiser's name."""
    require_write(actor)
    if organiser_id is None:
        require_all_units(actor, "局党组组织的廉政教育记录")
        name = BUREAU
    else:
        unit = session.get(Unit, organiser_id)
        if unit is None:
            raise ValidationError("所选组织单位不存在。", "organiser_id")
        require_write(actor, unit.id, unit.name)
        name = unit.name
    for p in participants:
        if p.unit_id is not None:
            require_write(actor, p.unit_id, p.unit_name)
    return name


def _values(session: Session, draft: EducationDraft, today: dt.date | None) -> dict[str, object]:
    if draft.held_on is None:
        raise ValidationError("请填写活动日期。", "held_on")
    if today is not None:
        not_future(draft.held_on, today, "活动日期", "held_on")
    require_code(load_vocabulary(session), "education_form", draft.form, "form")
    for model, record_id in ((Sanction, draft.case_sanction_id), (Clue, draft.case_clue_id)):
        if record_id is not None and session.get(model, record_id) is None:
            raise ValidationError("所选身边案例已不存在，请重新选择。", "case_sanction_id")
    return dict(held_on=draft.held_on, form=draft.form,
                theme=required_text(draft.theme, "主题", "theme", 200),
                case_text=limited_text(draft.case_text, "案例", "case_text", 10000),
                case_sanction_id=draft.case_sanction_id, case_clue_id=draft.case_clue_id,
                organiser_id=draft.organiser_id,
                place=limited_text(draft.place, "地点", "place", 200),
                speaker=limited_text(draft.speaker, "主讲人", "speaker", 100),
                content=limited_text(draft.content, "主要内容", "content", 20000),
                notes=limited_text(draft.notes, "备注", "notes", 2000))


def _audit_people(participants: Sequence[EducationParticipant]) -> list[dict]:
    return [{"name": p.name, "person_id": p.person_id, "unit": p.unit_name} for p in participants]


def save_session(session: Session, actor: Actor, draft: EducationDraft, today: dt.date | None = None) -> int:
    """Adds or edits a 廉政教育 session with its participants and returns its id. Guarantees: the
    form is a dictionary item, the date is not after `today`, the theme is not empty; each
    participant once, a registered one snapshotted (unit and position of the time); the unit
    rules of `_require_units`; a closed year needs an administrator's reason; audited with the
    participants. ValidationError names the field."""
    require_write(actor)
    values = _values(session, draft, today)
    record = load_for_update(session, EducationSession, draft.id, draft.version, WHAT) if draft.id else None
    participants = _participants(session, draft, record)
    organiser = _require_units(session, actor, draft.organiser_id, participants)
    year = draft.held_on.year  # type: ignore[union-attr]
    correction = archive.guard_year(session, actor, year, draft.correction_reason, WHAT)
    summary = f"{draft.held_on:%Y-%m-%d} {organiser} {values['theme']}（{len(participants)} 人）"
    if record is None:
        record = EducationSession(**values, participants=participants)
        session.add(record)
        session.flush()
        audit.created(session, actor, record, summary=f"新增廉政教育 {summary}", participants=_audit_people(participants))
    else:
        _require_units(session, actor, record.organiser_id, record.participants)
        if record.held_on.year != year:
            correction = archive.guard_year(session, actor, record.held_on.year, draft.correction_reason,
                                            WHAT) or correction
        before = audit.snapshot(record, participants=_audit_people(record.participants))
        for key, value in values.items():
            setattr(record, key, value)
        record.participants = participants
        session.flush()
        audit.updated(session, actor, record, before, summary=f"修改廉政教育 {summary}",
                      participants=_audit_people(participants))
    return finish_save(session, actor, draft, ENTITY, record.id, year=year, unit_id=record.organiser_id,
                       corrected=correction)


def delete_session(session: Session, actor: Actor, session_id: int, version: int | None = None,
                   correction_reason: str = "") -> None:
    """Deletes a session entered by mistake, with its participants and attachment links."""
    record = load_for_update(session, EducationSession, session_id, version, WHAT)
    organiser = _require_units(session, actor, record.organiser_id, record.participants)
    year = record.held_on.year
    correction = archive.guard_year(session, actor, year, correction_reason, WHAT)
    for row in session.scalars(select(Attachment).where(Attachment.entity == ENTITY,
                                                        Attachment.entity_id == session_id)):
        audit.deleted(session, actor, row, summary=f"随廉政教育记录移除附件 {row.filename}")
        session.delete(row)
    audit.deleted(session, actor, record, summary=f"删除廉政教育 {record.held_on:%Y-%m-%d} {organiser} {record.theme}",
                  participants=_audit_people(record.participants))
    session.delete(record)
    session.flush()
    if correction:
        archive.record_correction(session, actor, ENTITY, session_id, year, correction_reason)
