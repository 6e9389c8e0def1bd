"""Writing 婚丧喜庆报备: save (the reporter's unit and position snapshotted when the report is
made, its 迟报 flag worked out), delete, the 提醒谈话 created from a report and linked in the same
transaction, and `refresh_late` when the 放假/调休 table changes."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app import archive, audit
from app.attachments import finish_save
from app.auth import Actor, require_write
from app.common import limited_text, not_future
from app.dictionaries import load_vocabulary, require_code
from app.errors import ValidationError
from app.registers.ceremonies.rules import FUNERAL, deadline_of
from app.registers.ceremonies.types import (
    ENTITY,
    CeremonyDraft,
)
from app.registers.holidays.query import calendar_for
from app.registers.talks.types import TalkDraft
from app.registers.talks.write import save_talk
from app.stale import load_for_update
from app.vocab import CEREMONY_RELATIONS, CEREMONY_SCOPES
from db.models import (
    CeremonyReport,
    Person,
    Talk,
    TalkParticipant,
    Unit,
)

MAX_TABLES, MAX_GUESTS = 500, 20000


def _count(value: int | None, label: str, field: str, most: int) -> int | None:
    if value is None:
        return None
    if not 0 <= value <= most:
        raise ValidationError(f"{label}应在 0–{most} 之间（现为 {value}）。", field)
    return value


def _validated(session: Session, draft: CeremonyDraft, today: dt.date | None) -> dict[str, object]:
    vocab = load_vocabulary(session)
    if draft.person_id is None:
        raise ValidationError("请从人员名册中选择报备人。", "person_id")
    require_code(vocab, "ceremony_kind", draft.kind, "kind")
    if draft.event_date is None:
        raise ValidationError("请填写举办日期。", "event_date")
    if draft.reported_on is None:
        raise ValidationError("请填写报备日期。", "reported_on")
    if today is not None:
        not_future(draft.reported_on, today, "报备日期", "reported_on")
    if abs((draft.event_date - draft.reported_on).days) > 366:
        raise ValidationError("举办日期与报备日期相差一年以上，请核对。", "event_date")
    if draft.relation and draft.relation not in CEREMONY_RELATIONS:
        raise ValidationError("请从列表中选择当事人与报备人的关系。", "relation")
    if draft.scope and draft.scope not in CEREMONY_SCOPES:
        raise ValidationError("请从列表中选择邀请范围。", "scope")
    return dict(
        kind=draft.kind, event_date=draft.event_date, reported_on=draft.reported_on,
        relation=draft.relation, scope=draft.scope, pledge_signed=bool(draft.pledge_signed),
        place=limited_text(draft.place, "举办地点", "place", 200),
        tables=_count(draft.tables, "桌数", "tables", MAX_TABLES),
        guests=_count(draft.guests, "人数", "guests", MAX_GUESTS),
        public_car=bool(draft.public_car), public_funds=bool(draft.public_funds),
        subordinate_gifts=bool(draft.subordinate_gifts), talk_id=draft.talk_id,
        notes=limited_text(draft.notes, "备注", "notes", 2000))


def _check_talk(session: Session, talk_id: int | None, person_id: int) -> None:
    if talk_id is None:
        return
    if session.get(Talk, talk_id) is None:
        raise ValidationError("所选谈话记录已不存在，请重新选择。", "talk_id")
    talked = session.scalar(select(func.count()).where(
        TalkParticipant.talk_id == talk_id, TalkParticipant.person_id == person_id,
        TalkParticipant.role == "talkee"))
    if not talked:
        raise ValidationError("所选谈话记录的被谈话人中没有报备人，不能关联。", "talk_id")


def save_report(session: Session, actor: Actor, draft: CeremonyDraft, today: dt.date | None = None) -> int:
    """Adds or edits a report and returns its id.

    Guarantees: the reporter is a registered person, whose unit and position are copied from the
    register when the report is made (or the reporter changes) and kept on later edits; the kind
    is a ceremony_kind item; the report day is not after `today` (None skips that check); table
    and guest counts are sensible; a linked talk is one in which the reporter was 被谈话人; a
    unit-limited user writes reports filed under their units; a closed year (of the event) needs
    an administrator and a reason; a stale copy raises StaleRecord; one audit row in the same
    transaction, with the 承诺书 scans of `draft.files`. Raises ValidationError naming the form
    field."""
    require_write(actor)
    values = _validated(session, draft, today)
    report = load_for_update(session, CeremonyReport, draft.id, draft.version, "报备记录") if draft.id else None
    person = session.get(Person, draft.person_id)
    if person is None:
        raise ValidationError("所选报备人已不在人员名册中，请重新选择。", "person_id")
    _check_talk(session, draft.talk_id, person.id)
    if report is None or report.person_id != person.id:
        unit = session.get(Unit, person.unit_id)
        values.update(person_id=person.id, person_name=person.name, unit_id=unit.id, unit_name=unit.name,
                      position=person.position)
    unit_id = values.get("unit_id", report.unit_id if report else None)
    require_write(actor, unit_id, str(values.get("unit_name", report.unit_name if report else "")))
    values["late"] = is_late(session, str(values["kind"]), draft.event_date, draft.reported_on)  # type: ignore[arg-type]
    year = draft.event_date.year  # type: ignore[union-attr]
    correction = archive.guard_year(session, actor, year, draft.correction_reason, "报备记录")
    if report is None:
        report = CeremonyReport(**values)
        session.add(report)
        session.flush()
        audit.created(session, actor, report, summary=f"新增婚丧喜庆报备 {_summary(report)}")
    else:
        require_write(actor, report.unit_id, report.unit_name)
        if report.event_date.year != year:
            correction = archive.guard_year(session, actor, report.event_date.year,
                                            draft.correction_reason, "报备记录") or correction
        before = audit.snapshot(report)
        for key, value in values.items():
            setattr(report, key, value)
        session.flush()
        audit.updated(session, actor, report, before, summary=f"修改婚丧喜庆报备 {_summary(report)}")
    return finish_save(session, actor, draft, ENTITY, report.id, year=year, unit_id=report.unit_id,
                       corrected=correction)


def is_late(session: Session, kind: str, event_date: dt.date, reported_on: dt.date) -> bool:
    """Whether a report made on `reported_on` for an event of `kind` on `event_date` is after
    its deadline, in working days (the 放假/调休 table as it stands)."""
    calendar = calendar_for(session)
    return reported_on > deadline_of(calendar, kind, event_date)


def refresh_late(session: Session, years: set[int] | None = None) -> int:
    """Works the stored 迟报 flag out again for the reports whose event falls in `years` and the
    years beside them (a deadline may cross New Year), or for every report: called by every
    change of the 放假/调休 table, in its unit of work. Returns how many flags changed.

    The flag is derived: it is outside the record's seal and its version (a clerk's open form
    is not made stale by a holiday entered meanwhile), and the change of the table that moved
    it is the audit row (no row per report)."""
    query = select(CeremonyReport.id, CeremonyReport.kind, CeremonyReport.event_date,
                   CeremonyReport.reported_on, CeremonyReport.late)
    if years is not None:
        first, last = min(years) - 1, max(years) + 1
        query = query.where(CeremonyReport.event_date.between(dt.date(first, 1, 1), dt.date(last, 12, 31)))
    session.flush()
    rows = session.execute(query).all()
    if not rows:
        return 0
    calendar = calendar_for(session)
    moved: dict[bool, list[int]] = {True: [], False: []}
    for r in rows:
        late = r.reported_on > deadline_of(calendar, FUNERAL if r.kind == FUNERAL else "", r.event_date)
        if late != bool(r.late):
            moved[late].append(r.id)
    for late, ids in moved.items():
        for start in range(0, len(ids), 500):
            session.execute(update(CeremonyReport.__table__).where(CeremonyReport.id.in_(ids[start:start + 500]))
                            .values(late=late))
    return len(moved[True]) + len(moved[False])


def _summary(report: CeremonyReport) -> str:
    return f"{report.event_date:%Y-%m-%d} {report.person_name}"


def delete_report(session: Session, actor: Actor, report_id: int, version: int | None = None,
                  correction_reason: str = "") -> None:
    """Deletes a report entered by mistake (the linked talk stays); refused in a closed year for a
    录入员 and outside a unit-limited user's units; audited."""
    report = load_for_update(session, CeremonyReport, report_id, version, "报备记录")
    require_write(actor, report.unit_id, report.unit_name)
    year = report.event_date.year
    correction = archive.guard_year(session, actor, year, correction_reason, "报备记录")
    audit.deleted(session, actor, report, summary=f"删除婚丧喜庆报备 {_summary(report)}")
    session.delete(report)
    session.flush()
    if correction:
        archive.record_correction(session, actor, ENTITY, report_id, year, correction_reason)


def create_reminder_talk(session: Session, actor: Actor, report_id: int, report_version: int | None,
                         draft: TalkDraft, today: dt.date | None = None) -> int:
    """Records the office's 提醒谈话 about a report through the talks service (`save_talk`, with
    its own checks and audit) and links it to the report, in the caller's transaction: both or
    neither. The reporter must be among the talk's 被谈话人. Returns the talk id."""
    report = load_for_update(session, CeremonyReport, report_id, report_version, "报备记录")
    require_write(actor, report.unit_id, report.unit_name)
    if report.person_id not in {p.person_id for p in draft.talkees}:
        raise ValidationError(f"被谈话人中应有报备人“{report.person_name}”。", "talkees")
    talk_id = save_talk(session, actor, draft, today)
    archive.guard_year(session, actor, report.event_date.year, draft.correction_reason, "报备记录")
    before = audit.snapshot(report)
    report.talk_id = talk_id
    session.flush()
    audit.updated(session, actor, report, before, summary=f"婚丧喜庆报备关联提醒谈话 {_summary(report)}")
    return talk_id

