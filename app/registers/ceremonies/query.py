"""Reading 婚丧喜庆报备: the filter in SQL (迟报 the stored flag, see write.refresh_late),
rows by id, the page's figures, a person's reports, the timeline provider, talk candidates, the
提醒谈话 draft for a report."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Select, and_, bindparam, case, extract, func, or_, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.common import KeptStatements, clean, like_any
from app.dates import chinese_date
from app.dictionaries import load_vocabulary
from app.errors import NotFound
from app.registers.ceremonies.rules import (
    REMINDER_KIND,
    REMINDER_REASON,
    scale_excess,
    timeliness,
)
from app.registers.ceremonies.types import (
    CeremonyFigures,
    CeremonyFilter,
    CeremonyRow,
)
from app.registers.holidays.query import calendar_for
from app.registers.talks.types import ParticipantDraft, TalkDraft
from app.registers.units.query import descendant_unit_ids
from app.settings import load_settings
from app.timeline import TimelineItem
from app.visibility import readable
from app.vocab import FORBIDDEN_SCOPES
from db.models import (
    CeremonyReport,
    Talk,
    TalkParticipant,
)

KIND_DOMAIN = "ceremony_kind"

SORT_KEYS = {
    "event_date": CeremonyReport.event_date,
    "reported_on": CeremonyReport.reported_on,
    "person": CeremonyReport.person_name,
    "unit": CeremonyReport.unit_name,
    "kind": CeremonyReport.kind,
    "place": CeremonyReport.place,
    "tables": CeremonyReport.tables,
    "guests": CeremonyReport.guests,
}


def concern_condition(session: Session):  # noqa: ANN201 — a SQL condition
    """A report that declares a concern (CeremonyRow.concerns), in SQL: a kind marked 不得操办,
    a scale above the settings' limits, 管理服务对象 invited, 公车, 公款, 礼金."""
    settings = load_settings(session)
    forbidden = [e.code for e in load_vocabulary(session).entries(KIND_DOMAIN, include_inactive=True) if e.forbidden]
    return or_(CeremonyReport.public_car, CeremonyReport.public_funds, CeremonyReport.subordinate_gifts,
               CeremonyReport.kind.in_(forbidden), CeremonyReport.scope.in_(FORBIDDEN_SCOPES),
               CeremonyReport.tables > settings.ceremony_max_tables,
               CeremonyReport.guests > settings.ceremony_max_guests)


def _conditions(session: Session, actor: Actor, filt: CeremonyFilter) -> list:
    where: list = []
    if filt.year is not None:
        where.append(CeremonyReport.event_date.between(dt.date(filt.year, 1, 1), dt.date(filt.year, 12, 31)))
    if filt.start is not None:
        where.append(CeremonyReport.event_date >= filt.start)
    if filt.end is not None:
        where.append(CeremonyReport.event_date <= filt.end)
    if filt.unit_id is not None:
        where.append(CeremonyReport.unit_id.in_(descendant_unit_ids(session, filt.unit_id)))
    where.append(readable(actor, CeremonyReport))
    if filt.kind:
        where.append(CeremonyReport.kind == filt.kind)
    if filt.person_id is not None:
        where.append(CeremonyReport.person_id == filt.person_id)
    if filt.concerns_only:
        where.append(concern_condition(session))
    if filt.without_talk:
        where.append(CeremonyReport.talk_id.is_(None))
    if filt.late_only:
        where.append(CeremonyReport.late)
    text = clean(filt.text)
    if text:
        where.append(like_any(text, CeremonyReport.person_name, CeremonyReport.unit_name,
                              CeremonyReport.position, CeremonyReport.place, CeremonyReport.notes))
    return where


def search_report_ids(session: Session, actor: Actor, filt: CeremonyFilter, sort: str = "event_date",
                      descending: bool = True, *, limit: int | None = None) -> list[int]:
    """Ids of the reports matching `filt` (and the actor's units), sorted in SQL — the newest
    event first by default; `late_only` keeps the late ones (the stored flag, worked out in
    working days when saved and whenever the 放假/调休 table changes: an indexed filter).
    With `limit`, the first `limit` of the same order (a page's first screen)."""
    def build() -> Select:
        column = SORT_KEYS.get(sort, CeremonyReport.event_date)
        order = column.desc() if descending else column.asc()
        # Ties: the newest event, then the newest report. Not the sort column again: a repeated
        # term makes SQLite sort each run of equal days itself instead of reading the index.
        tie = [c.desc() for c in (CeremonyReport.event_date, CeremonyReport.id) if c is not column]
        query = select(CeremonyReport.id).where(*_conditions(session, actor, filt)).order_by(order, *tie)
        return query if limit is None else query.limit(limit)

    # A filter whose SQL reads nothing (no unit tree, no settings): one statement, kept.
    pure = filt.unit_id is None and not filt.concerns_only
    query = _ID_QUERIES.get((filt, sort, descending, limit, actor.unit_ids), build) if pure else build()
    session.flush()  # what this session wrote is read back (the connection does not autoflush)
    return list(session.connection().execute(query).scalars())


_ID_QUERIES = KeptStatements()


def ceremony_figures(session: Session, actor: Actor, filt: CeremonyFilter) -> CeremonyFigures:
    """Counts of the reports matching `filt` (as the page lists them): all, late, declaring a
    concern (CeremonyRow.concerns), with a 提醒谈话."""
    concern = concern_condition(session)
    total, late, concerns, talked = session.execute(select(
        func.count(), func.coalesce(func.sum(case((CeremonyReport.late, 1), else_=0)), 0),
        func.coalesce(func.sum(case((concern, 1), else_=0)), 0),
        func.count(CeremonyReport.talk_id)).where(*_conditions(session, actor, filt))).one()
    return CeremonyFigures(int(total), int(late), int(concerns), int(talked))


# Built once, the ids bound when run (no statement building per page of rows): the reports with
# their 提醒谈话 and its 谈话人 in one statement (a row per 谈话人, in their order).
_IDS = bindparam("ids", expanding=True)
_R = CeremonyReport
_REPORTS = (select(_R.id, _R.person_id, _R.person_name, _R.unit_id, _R.unit_name, _R.position, _R.kind,
                   _R.event_date, _R.place, _R.tables, _R.guests, _R.public_car, _R.public_funds,
                   _R.subordinate_gifts, _R.reported_on, _R.talk_id, _R.notes, _R.version, _R.relation,
                   _R.scope, _R.pledge_signed, Talk.talk_date, Talk.kind, TalkParticipant.name)
            .outerjoin(Talk, Talk.id == _R.talk_id)
            .outerjoin(TalkParticipant, and_(TalkParticipant.talk_id == Talk.id, TalkParticipant.role == "talker"))
            .where(_R.id.in_(_IDS))
            .order_by(_R.id, TalkParticipant.seq))


def report_rows(session: Session, ids: Sequence[int]) -> list[CeremonyRow]:
    """The rows of `ids`, in that order, with the timeliness worked out in working days."""
    if not ids:
        return []
    session.flush()  # what this session wrote is read back (the connection does not autoflush)
    vocab = load_vocabulary(session)
    calendar = calendar_for(session)
    connection = session.connection()  # column queries: no ORM layer needed
    settings = load_settings(connection)
    max_tables, max_guests = settings.ceremony_max_tables, settings.ceremony_max_guests
    reports: dict[int, tuple] = {}
    talkers: dict[int, list[str]] = {}
    for record in connection.execute(_REPORTS, {"ids": list(ids)}).all():
        report_id, talker = record[0], record[-1]
        if report_id not in reports:
            reports[report_id] = record
        if talker is not None:
            talkers.setdefault(report_id, []).append(talker)
    label, entry = vocab.label, vocab.entry
    by_id = {}
    for record in reports.values():
        (report_id, person_id, person_name, unit_id, unit_name, position, kind, event_date, place, tables,
         guests, public_car, public_funds, gifts, reported_on, talk_id, notes, version, relation, scope,
         pledge_signed, talk_date, talk_kind, _talker) = record
        talk_label = ""
        if talk_id is not None and talk_date is not None:
            who = "、".join(talkers.get(report_id, ()))
            talk_label = f"{talk_date:%Y-%m-%d} {label('talk_type', talk_kind)}" + (f"（谈话人：{who}）" if who else "")
        by_id[report_id] = CeremonyRow(
            report_id, person_id, person_name, unit_id, unit_name, position, kind, label(KIND_DOMAIN, kind),
            event_date, place, tables, guests, bool(public_car), bool(public_funds), bool(gifts), reported_on,
            talk_id, talk_date, talk_label, notes, version, timeliness(calendar, kind, event_date, reported_on),
            relation, scope, bool(pledge_signed), bool(getattr(entry(KIND_DOMAIN, kind), "forbidden", False)),
            scale_excess(tables, guests, max_tables, max_guests))
    return [by_id[i] for i in ids if i in by_id]


def get_report(session: Session, report_id: int) -> CeremonyRow:
    """One report as saved; NotFound when it was deleted."""
    rows = report_rows(session, [report_id])
    if not rows:
        raise NotFound("该报备记录不存在（可能已被删除）。")
    return rows[0]


def report_years(session: Session) -> list[int]:
    """Years that hold reports (by event), for the year filter."""
    years = session.scalars(select(extract("year", CeremonyReport.event_date)).distinct())
    return sorted({int(y) for y in years}, reverse=True)


def reports_of_person(session: Session, actor: Actor, person_id: int, start: dt.date | None = None,
                      end: dt.date | None = None) -> list[CeremonyRow]:
    """A person's reports the actor may read (events within [start, end] when given), oldest
    first — the 廉政档案."""
    query = select(CeremonyReport.id).where(CeremonyReport.person_id == person_id,
                                            readable(actor, CeremonyReport))
    if start is not None:
        query = query.where(CeremonyReport.event_date >= start)
    if end is not None:
        query = query.where(CeremonyReport.event_date <= end)
    return report_rows(session, list(session.scalars(query.order_by(CeremonyReport.event_date, CeremonyReport.id))))


def ceremony_timeline_items(session: Session, actor: Actor, person_id: int) -> list:
    """The person timeline's provider (app.timeline.PROVIDERS): one item per report, on the
    event day, late ones saying so."""
    items = []
    for row in reports_of_person(session, actor, person_id):
        parts = [row.place, row.scale_text, f"{row.reported_on:%Y-%m-%d}报备（{row.timing_text}）",
                 f"涉及{row.concerns_text}" if row.concerns else "", "已提醒谈话" if row.talk_id else ""]
        items.append(TimelineItem(row.event_date, "ceremonies", f"报备·{row.kind_label}",
                                  "；".join(p for p in parts if p), row.id))
    return items


def reports_needing_talk(session: Session, actor: Actor, since: dt.date) -> list[CeremonyRow]:
    """Reports of events on or after `since` that declare a concern and have no 提醒谈话 yet
    (the talk the form and 首页 propose), the nearest event first."""
    ids = list(session.scalars(select(CeremonyReport.id).where(
        *_conditions(session, actor, CeremonyFilter(start=since, concerns_only=True, without_talk=True)))
        .order_by(CeremonyReport.event_date, CeremonyReport.id)))
    return [r for r in report_rows(session, ids) if r.talk_proposed]


# What a 提醒谈话 asks of each concern (CeremonyRow.concerns, in its order).
_ASKS = (("属不得操办事项", "按规定不得操办{kind}宴请，确需举办的仅限直系亲属家庭内部聚会"),
         ("超过规定规模", "压缩宴请规模，控制在规定的桌数和人数以内"),
         ("邀请管理服务对象", "不得邀请管理服务对象参加，已发出的邀请予以婉拒说明"),
         ("使用公车", "不得使用公车接送亲友"),
         ("动用公款", "不得动用公款支付任何费用"),
         ("礼金", "不得收受下属及管理服务对象的礼金礼品，已收受的如数退还"))


def reminder_talk_draft(row: CeremonyRow, day: dt.date, talkers: Sequence[ParticipantDraft] = ()) -> TalkDraft:
    """A 提醒谈话 about the report, ready for the talk form: type 提醒谈话, reason 婚丧喜庆报备,
    the reporter as 被谈话人, and a content written from the report itself — whose event, the
    kind, place and scale, each concern it declares and what the talk asks about it."""
    whose = f"为{row.relation_label}" if row.relation and row.relation != "self" else ""
    scale = "，".join(p for p in (row.place, row.scale_text) if p)
    lines = [f"一、谈话事由：{row.person_name}同志报备于{chinese_date(row.event_date)}{whose}操办"
             f"{row.kind_label}事宜" + (f"（{scale}）" if scale else "") + "，按规定进行廉洁提醒。"]
    asks = [ask.format(kind=row.kind_label) for concern in row.concerns for mark, ask in _ASKS if mark in concern]
    if row.concerns:
        lines.append(f"二、报备中存在的问题：{'；'.join(row.concerns)}。")
        lines.append("三、提出要求：" + "；".join(dict.fromkeys(asks)) + "；从简办理，不大操大办，不借机敛财。")
        response = "本人表示接受组织提醒，按要求" + ("压缩规模、" if row.over_scale else "") + "从简办理，事后如实报告。"
    else:
        lines.append("二、提出要求：严格按报备的时间、地点和规模操办，从简办理，不大操大办，不借机敛财；"
                     "不得使用公车、不得动用公款，不得收受下属及管理服务对象礼金，不得邀请管理服务对象参加。")
        response = "本人表示将严格遵守有关规定，从简办理，事后如实报告。"
    lines.append(f"{'四' if row.concerns else '三'}、事后五个工作日内将操办情况书面报告局机关纪委。")
    return TalkDraft(kind=REMINDER_KIND, talk_date=day, reason=REMINDER_REASON,
                     talkees=(ParticipantDraft(row.person_name, row.person_id),), talkers=tuple(talkers),
                     content="\n".join(lines), response=response,
                     follow_up="事后五个工作日内书面报告操办情况。")


def candidate_talks(session: Session, person_id: int | None, around: dt.date | None,
                    keep: int | None = None) -> list[tuple[int, str]]:
    """Talks the reporter was 被谈话人 in within four months before to two months after the
    event (plus the linked one, `keep`), newest first: what the form's picker offers."""
    if person_id is None:
        return []
    vocab = load_vocabulary(session)
    talked = select(TalkParticipant.talk_id).where(TalkParticipant.person_id == person_id,
                                                  TalkParticipant.role == "talkee")
    near = Talk.id.in_(talked)
    if around is not None:
        near = and_(near, Talk.talk_date.between(around - dt.timedelta(days=120), around + dt.timedelta(days=60)))
    query = select(Talk.id, Talk.talk_date, Talk.kind, Talk.reason).where(or_(near, Talk.id == keep))
    return [(tid, f"{day:%Y-%m-%d} {vocab.label('talk_type', kind)}"
             + (f"（{vocab.label('talk_reason', reason)}）" if reason else ""))
            for tid, day, kind, reason in session.execute(query.order_by(Talk.talk_date.desc(), Talk.id.desc()))]

