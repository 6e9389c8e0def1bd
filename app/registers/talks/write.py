"""Writing talk records: save a talk with its participants (the talkee's unit and position
snapshotted), links and attachments, delete. Audited in the same transaction."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import archive, audit
from app.attachments import finish_save
from app.auth import Actor, require_all_units, require_write
from app.common import clean, limited_text, not_future, required_text
from app.dictionaries import load_vocabulary, require_code
from app.errors import ValidationError
from app.numbering import highest_in_use, next_number
from app.registers.talks.outlines import is_outline
from app.registers.talks.query import (
    get_talk,
    last_talk_of,
    latest_talks,
    recent_places,
    search_talk_ids,
    talk_conditions,
    talk_rows,
    talk_timeline_items,
    talk_years,
)
from app.registers.talks.types import (
    ENTITY,
    MAX_CONTENT,
    NUMBER_SERIES,
    RECORDER,
    ROLE_LABELS,
    ROLES,
    TALKEE,
    TALKER,
    ParticipantDraft,
    ParticipantRow,
    TalkDraft,
    TalkFilter,
    TalkRow,
    parse_outsider,
    parse_time,
)
from app.stale import load_for_update
from db.models import (
    Attachment,
    CeremonyReport,
    Person,
    Talk,
    TalkParticipant,
    Unit,
    ledger_talks,
)

__all__ = [
    "ENTITY", "RECORDER", "ROLES", "ROLE_LABELS", "TALKEE", "TALKER", "ParticipantDraft",
    "ParticipantRow", "TalkDraft", "TalkFilter", "TalkRow", "delete_talk", "get_talk",
    "last_talk_of", "latest_talks", "parse_outsider", "parse_time", "recent_places", "save_talk", "search_talk_ids",
    "talk_conditions", "talk_references", "talk_rows", "talk_timeline_items", "talk_years",
]


def _participants(session: Session, draft: TalkDraft, existing: Talk | None) -> list[TalkParticipant]:
    """Validated participants in form order; registered people snapshotted from the register
    (or kept as the talk already holds them)."""
    kept = {(p.role, p.person_id): p for p in existing.participants} if existing else {}
    groups = ((TALKER, draft.talkers, "talkers", "谈话人"), (TALKEE, draft.talkees, "talkees", "被谈话人"),
              (RECORDER, draft.recorders, "recorders", "记录人"))
    person_ids = {p.person_id for _, group, _, _ in groups for p in group if p.person_id is not None}
    people = {pid: dict(name=name, unit_id=unit_id, unit_name=unit_name, position=position)
              for pid, name, unit_id, unit_name, position in session.execute(
                  select(Person.id, Person.name, Unit.id, Unit.name, Person.position)
                  .join(Unit, Person.unit_id == Unit.id).where(Person.id.in_(person_ids)))}
    result: list[TalkParticipant] = []
    seq = 0
    for role, group, fieldname, label in groups:
        seen: set[object] = set()
        for p in group:
            if p.person_id is not None:
                if p.person_id not in people:
                    raise ValidationError(f"{label}“{p.name}”已不在人员名册中，请重新选择。", fieldname)
                key: object = p.person_id
                old = kept.get((role, p.person_id))
                if old is not None:
                    values = dict(name=old.name, unit_id=old.unit_id, unit_name=old.unit_name,
                                  position=old.position)
                else:
                    values = people[p.person_id]
            else:
                name = limited_text(p.name, label + "姓名", fieldname, 50)
                if not name:
                    continue
                key = ("free", name, clean(p.unit_name))
                values = dict(name=name, unit_id=None,
                              unit_name=limited_text(p.unit_name, label + "单位", fieldname, 100),
                              position=limited_text(p.position, label + "职务", fieldname, 100))
            if key in seen:
                raise ValidationError(f"{label}中“{values['name']}”重复了。", fieldname)
            seen.add(key)
            result.append(TalkParticipant(role=role, seq=seq, person_id=p.person_id, **values))
            seq += 1
    roles = {p.role for p in result}
    if TALKEE not in roles:
        raise ValidationError("请填写被谈话人（可以从人员名册中选择，也可以直接输入外单位人员姓名）。", "talkees")
    if TALKER not in roles:
        raise ValidationError("请填写谈话人。", "talkers")
    talkees = {p.person_id for p in result if p.role == TALKEE and p.person_id is not None}
    clash = next((p for p in result if p.role == TALKER and p.person_id in talkees), None)
    if clash is not None:
        raise ValidationError(f"“{clash.name}”不能既是谈话人又是被谈话人。", "talkers")
    return result


def _validated(session: Session, draft: TalkDraft, today: dt.date | None) -> dict[str, object]:
    vocab = load_vocabulary(session)
    require_code(vocab, "talk_type", draft.kind, "kind")
    if draft.talk_date is None:
        raise ValidationError("请填写谈话日期。", "talk_date")
    if today is not None:
        not_future(draft.talk_date, today, "谈话日期", "talk_date")
    require_code(vocab, "talk_reason", draft.reason, "reason", required=False)
    if draft.end_time is not None:
        if draft.start_time is None:
            raise ValidationError("填写结束时间前请先填写开始时间。", "start_time")
        if draft.end_time <= draft.start_time:
            raise ValidationError(f"结束时间应晚于开始时间（{draft.start_time:%H:%M}）。", "end_time")
    if draft.content.strip() and is_outline(draft.content):
        raise ValidationError("谈话内容还只有提纲，请在提纲下填写谈话的实际内容。", "content")
    return dict(
        kind=draft.kind, talk_date=draft.talk_date, start_time=draft.start_time, end_time=draft.end_time,
        place=limited_text(draft.place, "谈话地点", "place", 200), reason=draft.reason,
        content=required_text(draft.content, "谈话内容", "content", MAX_CONTENT),
        response=limited_text(draft.response, "本人表态", "response", MAX_CONTENT),
        follow_up=limited_text(draft.follow_up, "后续要求", "follow_up", MAX_CONTENT),
        signed=bool(draft.signed), finding_id=draft.finding_id, risk_point_id=draft.risk_point_id)


def _require_units(actor: Actor, participants: Sequence[TalkParticipant]) -> None:
    """A unit-limited user writes talks whose registered talkees are all in their units; a talk
    with no registered talkee belongs to no unit (nor to their list): only a user of all units
    writes it."""
    talkees = [p for p in participants if p.role == TALKEE and p.unit_id is not None]
    if not talkees:
        require_all_units(actor, "被谈话人均不在人员名册中的谈话记录")
    for p in talkees:
        require_write(actor, p.unit_id, p.unit_name)


def _participants_audit(participants: Sequence[TalkParticipant]) -> list[dict]:
    return [{"role": p.role, "name": p.name, "person_id": p.person_id, "unit": p.unit_name,
             "position": p.position} for p in sorted(participants, key=lambda p: p.seq)]


# ---- writes ------------------------------------------------------------------------------------


def save_talk(session: Session, actor: Actor, draft: TalkDraft, today: dt.date | None = None) -> int:
    """Adds or edits a talk record and returns its id.

    Guarantees: the type is a dictionary item; there is at least one 被谈话人 and one 谈话人; the
    date is not after `today` (pass ws.today(); None skips that check); an end time comes after
    the start; the content is not empty nor only a type's outline; a new talk gets the next 编号
    of its date's year, which stays with it (an edit of the date keeps it: the paper may carry it)
    and is never given again; `draft.files` (attachments added and removed) are written with the
    talk, a file that cannot be read failing the whole save; a registered participant's unit and position are taken from the people register when
    they join the talk and kept as they were on later edits; a unit-limited user only writes
    talks whose registered talkees are in their units; a closed year needs an administrator and
    a correction reason; an edit of a stale copy raises StaleRecord; one audit row (with the
    participants) in the same transaction. Raises ValidationError naming the form field."""
    require_write(actor)
    values = _validated(session, draft, today)
    talk = load_for_update(session, Talk, draft.id, draft.version, "谈话记录") if draft.id else None
    participants = _participants(session, draft, talk)
    _require_units(actor, participants)
    year = draft.talk_date.year  # type: ignore[union-attr]
    correction = archive.guard_year(session, actor, year, draft.correction_reason, "谈话记录")
    if talk is None:
        talk = Talk(**values, participants=participants, number_year=year,
                    number_seq=next_number(session, NUMBER_SERIES, year, floor=highest_in_use(
                        session, Talk.number_year, Talk.number_seq, year)))
        session.add(talk)
        session.flush()
        audit.created(session, actor, talk, summary=f"新增谈话记录 {_summary(talk)}",
                      participants=_participants_audit(participants))
    else:
        _require_units(actor, talk.participants)
        if talk.talk_date.year != year:
            correction = archive.guard_year(session, actor, talk.talk_date.year,
                                            draft.correction_reason, "谈话记录") or correction
        before = audit.snapshot(talk, participants=_participants_audit(talk.participants))
        for key, value in values.items():
            setattr(talk, key, value)
        talk.participants = participants
        session.flush()
        audit.updated(session, actor, talk, before, summary=f"修改谈话记录 {_summary(talk)}",
                      participants=_participants_audit(participants))
    talkee_units = [p.unit_id for p in participants if p.role == TALKEE and p.unit_id is not None]
    return finish_save(session, actor, draft, ENTITY, talk.id, year=year,
                       unit_id=talkee_units[0] if talkee_units else None, corrected=correction)


def _summary(talk: Talk) -> str:
    names = "、".join(p.name for p in talk.participants if p.role == TALKEE)
    number = f"（编号 {talk.number_year}-{talk.number_seq:03d}）" if talk.number_seq else ""
    return f"{talk.talk_date:%Y-%m-%d} {names}{number}"


def talk_references(session: Session, talk_id: int) -> dict[str, int]:
    """What refers to the talk (register label → count): such a talk is not deleted."""
    checks = {
        "第一种形态台账": select(func.count()).where(ledger_talks.c.talk_id == talk_id),
        "婚丧喜庆报备": select(func.count()).where(CeremonyReport.talk_id == talk_id),
    }
    return {label: n for label, q in checks.items() if (n := session.scalar(q))}


def delete_talk(session: Session, actor: Actor, talk_id: int, version: int | None = None,
                correction_reason: str = "") -> None:
    """Deletes a talk entered by mistake, with its participants and attachment links; refused
    while a ledger entry or a 报备 refers to it, and in a closed year for a 录入员."""
    talk = load_for_update(session, Talk, talk_id, version, "谈话记录")
    require_write(actor)
    _require_units(actor, talk.participants)
    year = talk.talk_date.year
    correction = archive.guard_year(session, actor, year, correction_reason, "谈话记录")
    refs = talk_references(session, talk_id)
    if refs:
        listed = "、".join(f"{k} {v} 条" for k, v in refs.items())
        raise ValidationError(f"该谈话记录已被引用（{listed}），不能删除。")
    for row in session.scalars(select(Attachment).where(
            Attachment.entity == ENTITY, Attachment.entity_id == talk_id)):
        audit.deleted(session, actor, row, summary=f"随谈话记录移除附件 {row.filename}")
        session.delete(row)
    audit.deleted(session, actor, talk, summary=f"删除谈话记录 {_summary(talk)}",
                  participants=_participants_audit(talk.participants))
    session.delete(talk)
    session.flush()
    if correction:
        archive.record_correction(session, actor, ENTITY, talk_id, year, correction_reason)
