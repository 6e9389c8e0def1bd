"""约谈 proposed (the seed's 五(二)): “对落实全面从严治党主体责任不力、监督检查发现问题较多、群众信访
反映问题集中、民主测评满意度较低的单位，约谈其主要负责同志”. A cross-register rule over the
registers' own figures, with the administrator's thresholds (settings):

- 问题较多: the unit's findings of the last 12 months (findings.stats.stats_by_unit: its 责任单位,
  units below rolled up) reach `interview_findings`;
- 信访反映集中: its clues from 信访举报 received in the last 12 months reach `interview_complaints`
  (the 问题线索 register: a clue's unit, rolled up to its top unit as findings are);
- 满意度较低: the 民主评议 满意度 of its latest assessment is below `interview_satisfaction`;
- 主体责任不力: its latest assessment was graded 差.

A threshold of 0 is not used. A 约谈 of the unit's 主要负责人 (people.query.unit_heads) — a talk
of type 约谈 with them as 被谈话人 — in the last 12 months answers the proposal; a 约谈 of someone
else (about a clue) does not. The proposal names the head and every reason."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.registers.assessments.query import latest_satisfaction
from app.registers.clues.query import conditions as clue_conditions
from app.registers.clues.types import ClueFilter
from app.registers.findings.stats import stats_by_unit
from app.registers.findings.types import FindingFilter
from app.registers.people.query import unit_heads
from app.registers.people.types import PersonRow
from app.registers.talks.query import latest_talks
from app.registers.units.query import list_units
from app.settings import Settings
from app.visibility import may_read_unit
from app.vocab import ASSESSMENT_GRADES
from db.models import Clue, Unit

INTERVIEW_KIND = "interview"   # talk_type 约谈
WINDOW_DAYS = 365
COMPLAINT_SOURCE = "petition"  # clue_source 信访举报


@dataclass(frozen=True)
class InterviewProposal:
    unit_id: int
    unit_name: str
    head: PersonRow | None
    reasons: tuple[str, ...]
    since: dt.date            # the window's first day

    @property
    def head_text(self) -> str:
        return f"{self.head.name}（{self.head.position}）" if self.head else "（未找到主要负责人）"

    @property
    def reason_text(self) -> str:
        return "；".join(self.reasons)


def complaints_by_unit(session: Session, actor: Actor, start: dt.date, end: dt.date) -> dict[int, int]:
    """Clues from 信访举报 received within [start, end] that the actor sees, per unit (a clue's
    unit rolled up to its top unit, as findings.stats.stats_by_unit counts findings)."""
    where = clue_conditions(session, actor, ClueFilter(start=start, end=end, source=COMPLAINT_SOURCE))
    parents = dict(session.execute(select(Unit.id, Unit.parent_id)).all())

    def top(unit_id: int) -> int:
        seen = set()
        while parents.get(unit_id) is not None and unit_id not in seen:
            seen.add(unit_id)
            unit_id = parents[unit_id]
        return unit_id

    counts: dict[int, int] = {}
    for unit_id, n in session.execute(select(Clue.unit_id, func.count()).where(*where, Clue.unit_id.is_not(None))
                                      .group_by(Clue.unit_id)):
        counts[top(unit_id)] = counts.get(top(unit_id), 0) + int(n)
    return counts


def interview_proposals(session: Session, actor: Actor, today: dt.date, settings: Settings) -> list[InterviewProposal]:
    """The units (the actor sees) whose findings, complaints or 民主评议 cross the thresholds, or
    whose latest assessment was 差, without a 约谈 in the last 12 months; in the units' order."""
    start = today - dt.timedelta(days=WINDOW_DAYS)
    reasons: dict[int, list[str]] = {}
    names: dict[int, str] = {}
    if settings.interview_findings:
        for u in stats_by_unit(session, actor, FindingFilter(start=start, end=today), today):
            names[u.unit_id] = u.unit_name
            if u.stats.total >= settings.interview_findings:
                reasons.setdefault(u.unit_id, []).append(
                    f"近12个月监督检查等发现问题 {u.stats.total} 个（达到 {settings.interview_findings} 个）")
    if settings.interview_complaints:
        for unit_id, n in complaints_by_unit(session, actor, start, today).items():
            if n >= settings.interview_complaints:
                reasons.setdefault(unit_id, []).append(
                    f"近12个月信访举报反映问题 {n} 件（达到 {settings.interview_complaints} 件）")
    units = {u.id: u for u in list_units(session, include_inactive=False)}
    for unit_id, (year, satisfaction, grade) in latest_satisfaction(session, actor, units).items():
        if settings.interview_satisfaction and satisfaction is not None and satisfaction < settings.interview_satisfaction:
            reasons.setdefault(unit_id, []).append(
                f"{year}年度民主评议满意度 {satisfaction:g}%（低于 {settings.interview_satisfaction}%）")
        if grade == "poor":
            reasons.setdefault(unit_id, []).append(f"{year}年度主体责任考核等次为“{ASSESSMENT_GRADES[grade]}”")
    if not reasons:
        return []
    candidates = [uid for uid in reasons if uid in units]
    heads = unit_heads(session, candidates)
    talked = latest_talks(session, (INTERVIEW_KIND,), [h.id for h in heads.values()], since=start)
    wanted = [uid for uid in candidates if may_read_unit(actor, uid) and (uid not in heads or heads[uid].id not in talked)]
    order = list(units)
    return [InterviewProposal(uid, units[uid].name, heads.get(uid), tuple(reasons[uid]), start)
            for uid in sorted(wanted, key=order.index)]
