"""Reminders: what is due, each pointing at its record, by urgency; marked done (who, when, how —
kept as a record) or snoozed.

Each kind is a provider `(session, actor, today, settings) -> list[Reminder]`; a register adds its
own to PROVIDERS, built on that register's own services (their rules are not re-queried here). A
reminder's `key` is stable and carries the date it depends on (e.g. "finding-overdue:42:2026-06-10"),
so its done/snoozed state lasts while the condition does, and a new deadline reminds again.

A reminder's state is one row that every user sees. A unit-limited user changes it only for a
reminder about their units: a provider whose reminders belong to a unit adds to UNIT_OF how to
find that unit from the key's kind (the part before the first ":"); any other reminder (a
festival, the month's inspection) is the whole workspace's, changed by users of all units only.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, require_all_units, require_write
from app.errors import ValidationError
from app.interviews import interview_proposals
from app.registers.ceremonies.query import reports_needing_talk
from app.registers.clues.query import awaiting_reply, open_since
from app.registers.duty_reports.stats import periods_due
from app.registers.findings.stats import due_soon_findings, overdue_findings
from app.registers.holidays.query import festival_reminders as festivals
from app.registers.holidays.query import missing_years
from app.registers.ledger.stats import (
    impact_ending,
    inquiries_awaiting_reply,
    revisits_due,
)
from app.registers.pledges.query import pledge_rows, search_pledge_ids
from app.registers.pledges.stats import pledge_figures
from app.registers.pledges.types import PledgeFilter
from app.registers.risks.query import reviews_due
from app.registers.studies.rules import MIN_PER_YEAR, study_due
from app.registers.studies.stats import party_year
from app.reports.texts import half_year_due, report_made
from app.settings import Settings, month_day
from app.visibility import is_limited, may_read_unit, readable, unit_rule
from db.models import (
    CeremonyReport,
    Clue,
    Finding,
    Inspection,
    LedgerEntry,
    Person,
    PositionChange,
    ReminderState,
    RiskAssessment,
    Talk,
    TalkParticipant,
    Unit,
    utcnow,
)

# Urgency, most urgent first.
OVERDUE, TODAY, SOON, INFO = 0, 1, 2, 3
URGENCY_LABELS = {OVERDUE: "已逾期", TODAY: "今天", SOON: "即将到期", INFO: "提示"}


@dataclass(frozen=True)
class Reminder:
    key: str
    kind: str  # short label: 整改逾期, 节前廉政提醒, 任前廉政谈话 …
    urgency: int
    due: dt.date | None
    title: str
    detail: str
    page: str  # the page that opens the record
    filters: dict
    state: str = ""  # "" open · done · snoozed
    done_by: str = ""
    done_at: dt.datetime | None = None
    how: str = ""
    snooze_until: dt.date | None = None


Provider = Callable[[Session, Actor, dt.date, Settings], list[Reminder]]


def urgency_of(due: dt.date, today: dt.date, soon_days: int) -> int:
    """OVERDUE before today, TODAY, SOON within `soon_days`, else INFO."""
    if due < today:
        return OVERDUE
    if due == today:
        return TODAY
    if (due - today).days <= soon_days:
        return SOON
    return INFO


def festival_reminders(session: Session, actor: Actor, today: dt.date, settings: Settings) -> list[Reminder]:
    """节前廉政提醒: from `festival_lead_days` working days before the 放假 until it starts."""
    found = []
    for year in (today.year, today.year + 1):
        for f in festivals(session, year, settings.festival_lead_days):
            if f.remind_on <= today < f.rest_start:
                urgency = TODAY if today >= f.remind_on else SOON
                detail = f"{f.rest_start:%m月%d日}起放假" + ("" if f.arrangement_known else "（放假安排未录入，按节日当天计）")
                found.append(Reminder(f.key, "节前廉政提醒", urgency, f.remind_on,
                                      f"{f.label}前向全体党员干部推送廉政提醒", detail, "admin",
                                      {"tab": "holidays", "year": f.year}))
    return found


def _talk_after(session: Session, person_id: int, kind: str, since: dt.date) -> bool:
    return session.scalar(
        select(func.count()).select_from(Talk).join(TalkParticipant, TalkParticipant.talk_id == Talk.id)
        .where(TalkParticipant.person_id == person_id, TalkParticipant.role == "talkee",
               Talk.kind == kind, Talk.talk_date >= since)) > 0


def pre_appointment_talks(session: Session, actor: Actor, today: dt.date, settings: Settings) -> list[Reminder]:
    """A position change without a 任前廉政谈话 on or after it, within `pre_talk_days`."""
    window_start = today - dt.timedelta(days=365)
    rows = session.execute(
        select(PositionChange, Person.name, Unit.name)
        .join(Person, PositionChange.person_id == Person.id)
        .join(Unit, PositionChange.to_unit_id == Unit.id)
        .where(PositionChange.changed_on >= window_start, PositionChange.changed_on <= today,
               Person.active, unit_rule(actor, PositionChange.to_unit_id))).all()  # the new post's unit
    found = []
    for change, name, unit in rows:
        if _talk_after(session, change.person_id, "pre_appointment", change.changed_on):
            continue
        due = change.changed_on + dt.timedelta(days=settings.pre_talk_days)
        urgency = urgency_of(due, today, settings.due_soon_days)
        found.append(Reminder(f"pre-talk:{change.id}", "任前廉政谈话", urgency, due,
                              f"{name} 任{unit}{change.to_position}，尚无任前廉政谈话",
                              f"{change.changed_on:%Y-%m-%d} 职务变动", "people",
                              {"person_id": change.person_id}))
    return found


def leaders_without_integrity_talk(session: Session, actor: Actor, today: dt.date,
                                   settings: Settings) -> list[Reminder]:
    """班子成员 without a 廉政谈话 this year (shown from the second half of the year as due)."""
    year_start = dt.date(today.year, 1, 1)
    talked = select(TalkParticipant.person_id).join(Talk, TalkParticipant.talk_id == Talk.id).where(
        TalkParticipant.role == "talkee", Talk.kind == "integrity", Talk.talk_date >= year_start,
        Talk.talk_date <= today, TalkParticipant.person_id.is_not(None))
    query = (select(Person.id, Person.name, Unit.name).join(Unit, Person.unit_id == Unit.id)
             .where(Person.active, Person.is_leader, Person.id.not_in(talked)))
    query = query.where(readable(actor, Person))
    due = dt.date(today.year, 12, 31)
    urgency = SOON if today.month >= 10 else INFO
    return [Reminder(f"leader-talk:{today.year}:{pid}", "班子成员廉政谈话", urgency, due,
                     f"{name}（{unit}）今年尚无廉政谈话", "班子成员每年至少一次廉政谈话", "people",
                     {"person_id": pid})
            for pid, name, unit in session.execute(query.order_by(Unit.sort_order, Person.id))]


def months_without_style_inspection(session: Session, actor: Actor, today: dt.date,
                                    settings: Settings) -> list[Reminder]:
    """Months of this year (up to the current one) without a 工作作风纪律检查 of the whole system:
    for users of every unit (a unit-limited user does not read the other units' inspections)."""
    if is_limited(actor):
        return []
    year_start = dt.date(today.year, 1, 1)
    held = {d.month for d in session.scalars(select(Inspection.inspected_on).where(
        Inspection.kind == "style", Inspection.inspected_on >= year_start, Inspection.inspected_on <= today))}
    found = []
    for month in range(1, today.month + 1):
        if month in held:
            continue
        last_day = (dt.date(today.year, month % 12 + 1, 1) if month < 12 else dt.date(today.year + 1, 1, 1)) - dt.timedelta(days=1)
        urgency = urgency_of(last_day, today, settings.due_soon_days)
        found.append(Reminder(f"style-month:{today.year}-{month:02d}", "月度作风纪律检查", urgency, last_day,
                              f"{month}月尚未开展工作作风纪律检查", "每月对全系统开展工作作风纪律检查1-2次",
                              "inspections", {"year": today.year, "month": month}))
    return found


def _short(text: str, size: int = 30) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= size else flat[:size] + "…"


def overdue_rectifications(session: Session, actor: Actor, today: dt.date,
                           settings: Settings) -> list[Reminder]:
    """整改逾期: open findings past their deadline (finding_stats.overdue_findings). The key
    carries the deadline, so an extension that runs out again reminds again."""
    return [Reminder(f"finding-overdue:{f.id}:{f.deadline}", "整改逾期", OVERDUE, f.deadline,
                     f"{f.owner_unit_name}：{_short(f.description)}",
                     f"已逾期 {(today - f.deadline).days} 天"
                     + (f"；责任人 {f.resp_person_name}" if f.resp_person_name else ""),
                     "inspections", {"finding_id": f.id})
            for f in overdue_findings(session, actor, today)]


def rectification_deadlines(session: Session, actor: Actor, today: dt.date,
                            settings: Settings) -> list[Reminder]:
    """整改即将到期: open findings due within `due_soon_days` (finding_stats.due_soon_findings)."""
    return [Reminder(f"finding-due:{f.id}:{f.deadline}", "整改即将到期",
                     urgency_of(f.deadline, today, settings.due_soon_days), f.deadline,
                     f"{f.owner_unit_name}：{_short(f.description)}",
                     ("今天到期" if f.deadline == today else f"还有 {(f.deadline - today).days} 天")
                     + (f"；责任人 {f.resp_person_name}" if f.resp_person_name else ""),
                     "inspections", {"finding_id": f.id})
            for f in due_soon_findings(session, actor, today)]


def risk_reviews(session: Session, actor: Actor, today: dt.date, settings: Settings) -> list[Reminder]:
    """风险点复核: a point's current assessment whose next review is past or within
    `due_soon_days` (risks.reviews_due)."""
    return [Reminder(f"risk-review:{r.id}:{r.next_review}", "风险点复核",
                     urgency_of(r.next_review, today, settings.due_soon_days), r.next_review,
                     f"{r.unit_name}：{_short(r.name)}（{r.code}）",
                     f"{r.year}年评估为{settings.level_label(r.level)}"
                     + ("，复核日期已过" if r.next_review < today else ""),
                     "risks", {"year": r.year, "risk_id": r.id})
            for r in reviews_due(session, actor, today + dt.timedelta(days=settings.due_soon_days))]


def revisits(session: Session, actor: Actor, today: dt.date, settings: Settings) -> list[Reminder]:
    """回访: first-form entries whose planned 回访 is past or within `due_soon_days` and not done
    (ledger_stats.revisits_due)."""
    return [Reminder(f"revisit:{e.id}:{e.revisit_planned}", "回访",
                     urgency_of(e.revisit_planned, today, settings.due_soon_days), e.revisit_planned,
                     f"回访 {e.person_name}（{e.unit_name}）",
                     f"{e.decided_on:%Y-%m-%d} {e.methods_text}：{_short(e.problem, 24)}",
                     "ledger", {"entry_id": e.id})
            for e in revisits_due(session, actor, today, settings.due_soon_days)]


IMPACT_NOTICE_DAYS = 30  # 影响期 ending: shown this many days ahead


def impact_periods_ending(session: Session, actor: Actor, today: dt.date,
                          settings: Settings) -> list[Reminder]:
    """影响期届满: filed entries whose 影响期 ends from today to IMPACT_NOTICE_DAYS ahead
    (ledger_stats.impact_ending); gone the day after it ends."""
    return [Reminder(f"impact-end:{e.id}:{e.impact_end}", "影响期届满",
                     urgency_of(e.impact_end, today, settings.due_soon_days), e.impact_end,
                     f"{e.person_name}（{e.unit_name}）{e.methods_text}影响期届满",
                     f"{e.decided_on:%Y-%m-%d} 处置：{_short(e.problem, 24)}",
                     "ledger", {"entry_id": e.id})
            for e in impact_ending(session, actor, today, today + dt.timedelta(days=IMPACT_NOTICE_DAYS))]


def inquiries_overdue(session: Session, actor: Actor, today: dt.date, settings: Settings) -> list[Reminder]:
    """函询逾期未复: letters past their 回复期限 without a reply
    (ledger_stats.inquiries_awaiting_reply)."""
    return [Reminder(f"inquiry-reply:{e.id}:{e.reply_due}", "函询逾期未复", OVERDUE, e.reply_due,
                     f"{e.person_name}（{e.unit_name}）函询未按期回复",
                     f"{e.letter_sent_on:%Y-%m-%d} 发函，已超回复期限 {(today - e.reply_due).days} 天",
                     "ledger", {"entry_id": e.id, "view": "all"})
            for e in inquiries_awaiting_reply(session, actor) if e.reply_overdue(today)]


def clue_inquiries_overdue(session: Session, actor: Actor, today: dt.date,
                           settings: Settings) -> list[Reminder]:
    """函询逾期未复 of the clues register: a letter not answered within
    `inquiry_reply_working_days` working days (holiday calendar) or the deadline set by hand
    (clues.query.awaiting_reply). The key carries the deadline: a new one reminds again."""
    return [Reminder(f"clue-reply:{c.id}:{c.reply_deadline}", "函询逾期未复", OVERDUE, c.reply_deadline,
                     f"{c.names}（{c.unit_name}）问题线索函询未按期回复",
                     f"{c.letter_sent_on:%Y-%m-%d} 发函，应于 {c.reply_deadline:%Y-%m-%d} 前回复，"
                     f"已逾期 {(today - c.reply_deadline).days} 天",
                     "clues", {"clue_id": c.id})
            for c in awaiting_reply(session, actor) if c.reply_overdue(today)]


def clues_long_open(session: Session, actor: Actor, today: dt.date, settings: Settings) -> list[Reminder]:
    """线索久未办结: clues received more than `clue_open_days` days ago and not 办结
    (clues.query.open_since); a 暂存待查 clue is said to be so."""
    found = []
    for c in open_since(session, actor, today - dt.timedelta(days=settings.clue_open_days)):
        due = c.received_on + dt.timedelta(days=settings.clue_open_days)
        found.append(Reminder(f"clue-open:{c.id}", "线索久未办结", OVERDUE if not c.shelved else INFO, due,
                              f"{c.names}（{c.unit_name}）问题线索受理 {(today - c.received_on).days} 天未办结",
                              f"{c.received_on:%Y-%m-%d} 受理，{c.status_text}"
                              + (f"；承办人 {c.handler_name}" if c.handler_name else ""),
                              "clues", {"clue_id": c.id}))
    return found
CEREMONY_TALK_DAYS = 30  # a concern on a report of an event this long ago still asks for a talk


def ceremony_talks(session: Session, actor: Actor, today: dt.date, settings: Settings) -> list[Reminder]:
    """婚丧喜庆提醒谈话: a report that declares a concern (不得操办, over the scale limits,
    管理服务对象 invited, 公车, 公款, 礼金) and has no 提醒谈话, its event at most
    CEREMONY_TALK_DAYS ago (ceremonies_query.reports_needing_talk); due on the event day."""
    return [Reminder(f"ceremony-talk:{r.id}", "婚丧喜庆提醒谈话", urgency_of(r.event_date, today, settings.due_soon_days),
                     r.event_date, f"{r.person_name}（{r.unit_name}）{r.kind_label}报备需提醒谈话",
                     "；".join(r.concerns), "ceremonies", {"report_id": r.id})
            for r in reports_needing_talk(session, actor, today - dt.timedelta(days=CEREMONY_TALK_DAYS))]


def half_year_report(session: Session, actor: Actor, today: dt.date, settings: Settings) -> list[Reminder]:
    """半年报告: after each half-year, the 工作总结 to the 党组 (the seed: 每半年向党组报告1次) is
    due `report_due_days` later; reminded from the day after the half ends until a Word file of
    the whole bureau's report for that half is made (or the year's, for 下半年). The whole
    workspace's: users of all units only."""
    found = half_year_due(today, settings.report_due_days)
    if found is None or is_limited(actor):
        return []
    period, due = found
    if report_made(session, period):
        return []
    half = 1 if period.start.month == 1 else 2
    return [Reminder(f"report-due:{period.start}:{due}", "半年报告", urgency_of(due, today, settings.due_soon_days),
                     due, f"{period.label}全面从严治党和党风廉政建设工作总结（报{settings.report_addressee}）",
                     f"应于 {due.month}月{due.day}日前报送；在“报告”页生成 Word 报告后本提醒消失", "reports",
                     {"year": period.start.year, "half": half})]


def holiday_tables_missing(session: Session, actor: Actor, today: dt.date,
                           settings: Settings) -> list[Reminder]:
    """放假安排未录入: this year's 放假/调休 table incomplete, or next year's from November on (the
    State Council publishes it about then). Until entered, 节前廉政提醒 count from the festival
    day itself. Gone once the seven festivals of the year are entered (系统管理 › 节假日安排)."""
    found = []
    for year in missing_years(session, today):
        if year > today.year and today.month < 11:
            continue
        due = dt.date(year, 1, 1)
        found.append(Reminder(f"holiday-table:{year}", "放假安排", urgency_of(due, today, 31), due,
                              f"{year}年节假日放假安排尚未录入",
                              "请按国务院办公厅通知录入放假和调休日期；未录入前节前提醒按节日当天计算",
                              "admin", {"tab": "holidays", "year": year}))
    return found


def _names(names: list[str], size: int = 6) -> str:
    return "、".join(names[:size]) + (f"等 {len(names)} 个" if len(names) > size else "")


def pledges_unsigned(session: Session, actor: Actor, today: dt.date, settings: Settings) -> list[Reminder]:
    """责任书未签订: from the administrator's date (`pledge_due`) on, the year's pledges not yet
    signed (or none drawn up at all); gone once all are signed."""
    due = month_day(settings.pledge_due, today.year)
    if due is None or today < due:
        return []
    figures = pledge_figures(session, actor, today.year)
    filters = {"tab": "pledges", "year": today.year, "signed": False}
    if not figures.listed:
        return [Reminder(f"pledge-unsigned:{today.year}:{due}", "责任书签订", OVERDUE, due,
                         f"{today.year}年党风廉政建设责任书尚未登记签订情况",
                         "请在“主体责任 › 责任书”中生成本年度签订名单并登记签订日期", "duty", filters)]
    if not figures.unsigned:
        return []
    ids = search_pledge_ids(session, actor, PledgeFilter(year=today.year, signed=False))
    names = list(dict.fromkeys(r.signer_text for r in pledge_rows(session, ids[:20])))
    return [Reminder(f"pledge-unsigned:{today.year}:{due}", "责任书签订", OVERDUE, due,
                     f"{today.year}年党风廉政建设责任书尚有 {figures.unsigned} 份未签订",
                     f"{figures.text}；未签订：{_names(names)}", "duty", filters)]


def party_studies(session: Session, actor: Actor, today: dt.date, settings: Settings) -> list[Reminder]:
    """党组专题研究: the seed's 不少于两次 a calendar year — from 1 July while there has been none,
    in the fourth quarter while fewer than two (studies.rules.study_due). The 党组's own records
    are no unit's: users of all units only."""
    if is_limited(actor):
        return []
    year = party_year(session, actor, today.year, today)
    due = study_due(year.count, today)
    if due is None:
        return []
    done = f"已研究 {year.count} 次" if year.count else "尚未开展"
    return [Reminder(f"party-study:{due.year}:{due.since}", "党组专题研究", SOON if due.last_quarter else INFO,
                     due.due, f"{due.year}年党组专题研究全面从严治党{done}，还需 {due.missing} 次",
                     f"年内班子专题研究全面从严治党、党风廉政建设和反腐败工作不少于 {MIN_PER_YEAR} 次", "duty",
                     {"tab": "studies", "year": due.year})]


def duty_reports_due(session: Session, actor: Actor, today: dt.date, settings: Settings) -> list[Reminder]:
    """报告报送: a half-year report, a month's 信息 or the 调研报告 due within `due_soon_days` (or
    past due in the last two months) from which some 责任单位 has sent nothing yet."""
    return [Reminder(f"duty-report:{p.kind}:{p.year}-{p.period}:{p.due}", "报告报送",
                     urgency_of(p.due, today, settings.due_soon_days), p.due,
                     f"{p.label}{p.kind_label}：{len(p.missing)} 个单位未报送",
                     f"截止 {p.due:%Y-%m-%d}；未报送：{_names(list(p.missing))}", "duty",
                     {"tab": "reports", "year": p.year, "kind": p.kind})
            for p in periods_due(session, actor, today, settings)]


def interviews_proposed(session: Session, actor: Actor, today: dt.date, settings: Settings) -> list[Reminder]:
    """约谈建议: units whose findings, complaints or 民主评议 cross the administrator's thresholds
    (app/interviews.py), with the reasons; gone once a 约谈 of the unit is recorded."""
    return [Reminder(f"interview:{p.unit_id}:{today.year}", "约谈建议", INFO, None,
                     f"建议约谈{p.unit_name}主要负责人 {p.head_text}", p.reason_text, "duty",
                     {"tab": "interviews", "unit_id": p.unit_id})
            for p in interview_proposals(session, actor, today, settings)]


PROVIDERS: list[Provider] = [
    festival_reminders,
    pre_appointment_talks,
    leaders_without_integrity_talk,
    months_without_style_inspection,
    overdue_rectifications,
    rectification_deadlines,
    risk_reviews,
    revisits,
    impact_periods_ending,
    inquiries_overdue,
    clue_inquiries_overdue,
    clues_long_open,
    ceremony_talks,
    half_year_report,
    holiday_tables_missing,
    pledges_unsigned,
    party_studies,
    duty_reports_due,
    interviews_proposed,
]


def reminders(session: Session, actor: Actor, today: dt.date, settings: Settings,
              include_done: bool = False) -> list[Reminder]:
    """Open reminders by urgency (snoozed ones come back after their date); done ones too on request."""
    states = {s.key: s for s in session.scalars(select(ReminderState))}
    found = []
    for provider in PROVIDERS:
        for reminder in provider(session, actor, today, settings):
            state = states.get(reminder.key)
            if state is not None:
                reminder = replace(reminder, state=state.state, done_by=state.done_by,
                                   done_at=state.done_at, how=state.how, snooze_until=state.snooze_until)
                if state.state == "done" and not include_done:
                    continue
                if state.state == "snoozed" and state.snooze_until and state.snooze_until > today:
                    continue
            found.append(reminder)
    return sorted(found, key=lambda r: (r.state == "done", r.urgency, r.due or dt.date.max, r.key))


def _key_id(text: str) -> int:
    """The record id a key names first ("42" of "42:2026-06-10")."""
    head = text.partition(":")[0]
    return int(head) if head.isdigit() else 0


def _change_unit(session: Session, rest: str) -> int | None:
    change = session.get(PositionChange, _key_id(rest))
    return change.to_unit_id if change is not None else None


def _finding_unit(session: Session, rest: str) -> int | None:
    finding = session.get(Finding, _key_id(rest))
    return (finding.resp_unit_id or finding.unit_id) if finding is not None else None


def _assessment_unit(session: Session, rest: str) -> int | None:
    assessment = session.get(RiskAssessment, _key_id(rest))
    return assessment.risk_point.unit_id if assessment is not None else None


def _entry_unit(session: Session, rest: str) -> int | None:
    entry = session.get(LedgerEntry, _key_id(rest))
    return entry.unit_id if entry is not None else None


def _report_unit(session: Session, rest: str) -> int | None:
    report = session.get(CeremonyReport, _key_id(rest))
    return report.unit_id if report is not None else None


def _clue_unit(session: Session, rest: str) -> int | None:
    clue = session.get(Clue, _key_id(rest))
    return clue.unit_id if clue is not None else None


def _person_unit(session: Session, rest: str) -> int | None:
    person = session.get(Person, _key_id(rest.rpartition(":")[2]))
    return person.unit_id if person is not None else None


# A key's kind → the unit its reminder is about (None: unknown, treated as workspace-wide).
UNIT_OF: dict[str, Callable[[Session, str], int | None]] = {
    "pre-talk": _change_unit,        # pre-talk:<position change>
    "leader-talk": _person_unit,     # leader-talk:<year>:<person>
    "finding-overdue": _finding_unit,  # finding-overdue:<finding>:<deadline>
    "finding-due": _finding_unit,
    "risk-review": _assessment_unit,  # risk-review:<assessment>:<date>
    "revisit": _entry_unit,           # revisit:<ledger entry>:<date>
    "impact-end": _entry_unit,
    "inquiry-reply": _entry_unit,
    "clue-reply": _clue_unit,         # clue-reply:<clue>:<deadline>
    "clue-open": _clue_unit,          # clue-open:<clue>
    "ceremony-talk": _report_unit,    # ceremony-talk:<report>
    "interview": lambda _session, rest: _key_id(rest) or None,  # interview:<unit>:<year>
}


def _require_state_write(session: Session, actor: Actor, key: str) -> None:
    """录入员 or above; a unit-limited user only for a reminder about one of their units."""
    require_write(actor)
    kind, _, rest = key.partition(":")
    unit_id = UNIT_OF[kind](session, rest) if kind in UNIT_OF else None
    if unit_id is None:
        require_all_units(actor, "全局提醒的办理状态")
    else:
        require_write(actor, unit_id)


@dataclass(frozen=True)
class DoneReminder:
    """A handled reminder as the record keeps it (its condition may be long gone)."""

    key: str
    kind: str
    title: str
    done_by: str
    done_at: dt.datetime | None  # UTC
    how: str


def done_reminders(session: Session, actor: Actor, limit: int | None = None) -> list[DoneReminder]:
    """Every reminder marked done that the actor may read (who, when, how and what it said), the
    latest first: a unit-limited user reads those about their units and the workspace-wide
    ones (festivals, holiday tables); one whose record is gone is no longer theirs to read."""
    query = (select(ReminderState).where(ReminderState.state == "done")
             .order_by(ReminderState.done_at.desc(), ReminderState.id.desc()))
    found = []
    for state in session.scalars(query):
        if limit is not None and len(found) >= limit:
            break
        if is_limited(actor) and not _reminder_readable(session, actor, state.key):
            continue
        found.append(DoneReminder(state.key, state.kind, state.title, state.done_by, state.done_at, state.how))
    return found


def _reminder_readable(session: Session, actor: Actor, key: str) -> bool:
    kind, _, rest = key.partition(":")
    if kind not in UNIT_OF:
        return kind in WORKSPACE_WIDE_READABLE
    return may_read_unit(actor, UNIT_OF[kind](session, rest))


# Workspace-wide reminders that say nothing of any unit's records: every user reads them.
WORKSPACE_WIDE_READABLE = {"festival", "holiday-table"}


def mark_done(session: Session, actor: Actor, key: str, how: str, *, kind: str = "", title: str = "") -> None:
    """Marks a reminder done: who, when and how (e.g. 已通过办公系统推送), with its kind and title
    so the record still says what it was; it leaves the open list and stays as a record."""
    _require_state_write(session, actor, key)
    how = how.strip()
    if not how:
        raise ValidationError("请写明处理方式，如“已通过办公系统推送”。", "how")
    if len(how) > 200:
        raise ValidationError("处理方式请控制在 200 字以内。", "how")
    _set_state(session, actor, key, state="done", how=how, snooze_until=None, **_what(kind, title))


def snooze(session: Session, actor: Actor, key: str, until: dt.date, today: dt.date, *,
           kind: str = "", title: str = "") -> None:
    """Hides a reminder until `until` (after today); it comes back on that day if still due."""
    _require_state_write(session, actor, key)
    if until <= today:
        raise ValidationError("稍后提醒的日期应晚于今天。", "until")
    _set_state(session, actor, key, state="snoozed", how="", snooze_until=until, **_what(kind, title))


def _what(kind: str, title: str) -> dict[str, str]:
    return {name: value for name, value in (("kind", kind[:40]), ("title", title)) if value}


def reopen(session: Session, actor: Actor, key: str) -> None:
    """Forgets what was done about a reminder: it is open again while its condition holds."""
    _require_state_write(session, actor, key)
    row = session.scalars(select(ReminderState).where(ReminderState.key == key)).first()
    if row is not None:
        audit.deleted(session, actor, row, summary="重新打开提醒")
        session.delete(row)
        session.flush()


def _set_state(session: Session, actor: Actor, key: str, **values: object) -> None:
    row = session.scalars(select(ReminderState).where(ReminderState.key == key)).first()
    values.update(done_by=actor.name, done_at=utcnow())
    if row is None:
        row = ReminderState(key=key, **values)
        session.add(row)
        session.flush()
        audit.created(session, actor, row)
        return
    before = audit.snapshot(row)
    for name, value in values.items():
        setattr(row, name, value)
    session.flush()
    audit.updated(session, actor, row, before)
