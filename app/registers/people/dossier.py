"""廉政档案 of one person: the basic facts and, for a chosen period, everything the office has on
record about them — position changes, talks (as 被谈话人), 婚丧喜庆报备, first-form entries (需转出
ones too, marked), 处分 and 组织处理 with their 影响期, the clues naming them (never the reporter;
a 了结 clue only as cleared), findings they answer for (责任人), their 主体责任 (责任书 signed or as
责任领导, 述职述廉 with its 民主评议, the 考核 of units they headed) and the 廉政教育 they took part in
— each in date order.

A dossier is read by the one rule (app/visibility.py) like every other view: a unit-limited user
opens the dossier of a person in their units and sees the records filed under those units; the
dossier then says that records of other units are not shown (`limited`)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth import Actor, Role, require_role
from app.errors import PermissionDenied, ValidationError
from app.registers.assessments.query import assessments_of_person
from app.registers.assessments.query import reports_of_person as leader_reports_of
from app.registers.assessments.types import AssessmentRow, LeaderReportRow
from app.registers.ceremonies.query import reports_of_person
from app.registers.ceremonies.types import CeremonyRow
from app.registers.clues.query import clues_of_person, person_clue_text
from app.registers.clues.types import ClueRow
from app.registers.education.query import sessions_of_person
from app.registers.education.types import EducationRow
from app.registers.findings.query import finding_rows
from app.registers.findings.types import FindingRow
from app.registers.ledger.query import rows_where
from app.registers.ledger.types import ALL, LedgerFilter, LedgerRow
from app.registers.people.query import get_person, position_changes
from app.registers.people.types import PersonRow, PositionChangeRow
from app.registers.pledges.query import pledges_of_person
from app.registers.pledges.types import PledgeRow
from app.registers.sanctions.query import sanctions_of_person
from app.registers.sanctions.types import SanctionRow
from app.registers.talks.query import search_talk_ids, talk_rows
from app.registers.talks.types import TalkFilter, TalkRow
from app.visibility import is_limited, may_read_unit, readable
from db.models import Finding

LIMITED_NOTE = "本档案仅含当前用户可查看单位的记录；其他单位的记录未列出。"


SECTIONS = {"positions": "职务变动", "talks": "谈话", "ceremonies": "婚丧喜庆报备", "ledger": "第一种形态",
            "sanctions": "处分与组织处理", "clues": "问题线索", "findings": "整改责任", "duty": "主体责任",
            "education": "廉政教育"}


@dataclass(frozen=True)
class DossierItem:
    """One line of the dossier's chronology."""

    day: dt.date
    section: str          # key of SECTIONS
    kind: str             # 提醒谈话 · 婚 · 诫勉 · 整改中 …
    summary: str
    record_id: int
    page: str             # the page that opens the record, with `filters`
    filters: dict
    flag: str = ""        # "warn" (late, 影响期, overdue, 需转出) — shown in red

    @property
    def section_label(self) -> str:
        return SECTIONS[self.section]


@dataclass(frozen=True)
class Dossier:
    person: PersonRow
    start: dt.date | None
    end: dt.date | None
    today: dt.date
    positions: tuple[PositionChangeRow, ...]
    talks: tuple[TalkRow, ...]
    ceremonies: tuple[CeremonyRow, ...]
    ledger: tuple[LedgerRow, ...]
    findings: tuple[FindingRow, ...]
    sanctions: tuple[SanctionRow, ...] = ()
    clues: tuple[ClueRow, ...] = ()
    pledges: tuple[PledgeRow, ...] = ()
    leader_reports: tuple[LeaderReportRow, ...] = ()
    assessments: tuple[AssessmentRow, ...] = ()   # of the units the person headed
    education: tuple[EducationRow, ...] = ()
    limited: bool = False  # read by a unit-limited user: records of other units left out

    @property
    def scope_note(self) -> str:
        return LIMITED_NOTE if self.limited else ""

    @property
    def period_text(self) -> str:
        if self.start is None and self.end is None:
            return f"全部记录（截至 {self.today:%Y-%m-%d}）"
        start = f"{self.start:%Y-%m-%d}" if self.start else "最早记录"
        end = f"{self.end:%Y-%m-%d}" if self.end else f"{self.today:%Y-%m-%d}"
        return f"{start} 至 {end}"

    def impact_on(self, day: dt.date) -> list[LedgerRow]:
        """Entries whose 影响期 covers `day`."""
        return [e for e in self.ledger if e.impact_end is not None and e.decided_on <= day <= e.impact_end]

    def measures_on(self, day: dt.date) -> list[SanctionRow]:
        """处分, 组织处理 and 诫勉 in their 影响期 on `day`."""
        return [s for s in self.sanctions if s.in_effect(day)]

    def open_findings(self) -> list[FindingRow]:
        return [f for f in self.findings if f.status != "closed"]

    @property
    def summary(self) -> str:
        """谈话 5 次 · 报备 2 次（迟报 1 次） · 第一种形态 1 人次 · 整改责任 3 项（未销号 1 项） · 职务变动 2 次"""
        late = sum(1 for c in self.ceremonies if c.late)
        parts = [f"谈话 {len(self.talks)} 次",
                 f"报备 {len(self.ceremonies)} 次" + (f"（迟报 {late} 次）" if late else ""),
                 f"第一种形态 {len(self.ledger)} 人次",
                 f"整改责任 {len(self.findings)} 项" + (f"（未销号 {len(self.open_findings())} 项）"
                                                       if self.open_findings() else ""),
                 f"职务变动 {len(self.positions)} 次"]
        measures = sum(1 for x in self.sanctions if not x.from_ledger)
        parts[3:3] = [text for n, text in ((measures, f"处分与组织处理 {measures} 项"),
                                           (len(self.clues), f"问题线索 {len(self.clues)} 件")) if n]
        parts += [text for n, text in ((len(self.leader_reports), f"述职述廉 {len(self.leader_reports)} 次"),
                                       (len(self.education), f"廉政教育 {len(self.education)} 次")) if n]
        ends = [e.impact_end for e in self.impact_on(self.today)] + [s.impact_end for s in self.measures_on(self.today)]
        if ends:
            parts.append(f"影响期至 {max(ends):%Y-%m-%d}")  # type: ignore[type-var]
        return " · ".join(parts)

    def items(self) -> list[DossierItem]:
        """Every record in date order (oldest first), each saying how to open it."""
        pid = self.person.id
        impact = {e.id for e in self.impact_on(self.today)}
        items = [DossierItem(c.changed_on, "positions", "提拔" if c.is_promotion else "职务变动",
                             f"{c.from_unit_name}{c.from_position} → {c.to_unit_name}{c.to_position}"
                             + (f"（{c.to_rank}）" if c.to_rank and c.to_rank != c.from_rank else ""),
                             c.id, "people", {"person_id": pid}) for c in self.positions]
        items += [DossierItem(t.talk_date, "talks", t.kind_label, _talk_text(t), t.id, "talks",
                              {"talk_id": t.id}) for t in self.talks]
        items += [DossierItem(c.event_date, "ceremonies", c.kind_label, _ceremony_text(c), c.id, "ceremonies",
                              {"report_id": c.id}, "warn" if c.late or c.concerns else "") for c in self.ceremonies]
        items += [DossierItem(e.decided_on, "ledger", e.methods_text or e.handling_label, _entry_text(e, self.today),
                              e.id, "ledger",
                              {"entry_id": e.id, "view": ALL},
                              "warn" if e.needs_transfer or e.id in impact else "")
                  for e in self.ledger]
        effective = {x.id for x in self.measures_on(self.today)}
        items += [DossierItem(x.decided_on, "sanctions", x.kind_label, _sanction_text(x), x.id, "sanctions",
                              {"sanction_id": x.id}, "warn" if x.id in effective else "")
                  for x in self.sanctions if not x.from_ledger]  # a 诫勉 is the ledger's line
        items += [DossierItem(c.received_on, "clues", c.status_text, person_clue_text(c), c.id, "clues",
                              {"clue_id": c.id}, "warn" if c.status != "closed" else "") for c in self.clues]
        items += [DossierItem(f.found_on, "findings", f.status_label, _finding_text(f), f.id, "inspections",
                              {"finding_id": f.id}, "warn" if f.overdue else "") for f in self.findings]
        items += self._duty_items() + [
            DossierItem(e.held_on, "education", e.form_label, _education_text(e), e.id, "education",
                        {"record_id": e.id, "year": e.held_on.year}) for e in self.education]
        order = list(SECTIONS)
        return sorted(items, key=lambda i: (i.day, order.index(i.section), i.record_id))

    def _duty_items(self) -> list[DossierItem]:
        """责任书 (dated when signed; one not yet signed at its year's start, in red), 述职述廉 and
        the 考核 of units headed (dated when held, else the year's end; 一票否决 or 差 in red)."""
        pid = self.person.id
        items = [DossierItem(p.signed_on or dt.date(p.year, 1, 1), "duty", "责任书", _pledge_text(p, pid), p.id,
                             "duty", {"tab": "pledges", "year": p.year, "record_id": p.id},
                             "" if p.signed else "warn") for p in self.pledges]
        items += [DossierItem(r.reported_on or dt.date(r.year, 12, 31), "duty", "述职述廉", _report_text(r), r.id,
                              "duty", {"tab": "leaders", "year": r.year, "record_id": r.id},
                              "warn" if r.rating in ("basic", "incompetent") else "") for r in self.leader_reports]
        items += [DossierItem(a.assessed_on or dt.date(a.year, 12, 31), "duty", "主体责任考核", _assessment_text(a),
                              a.id, "duty", {"tab": "assessments", "year": a.year, "record_id": a.id},
                              "warn" if a.veto or a.grade == "poor" else "") for a in self.assessments]
        return items


def _pledge_text(p: PledgeRow, person_id: int) -> str:
    role = "作为责任领导，" if p.leader_id == person_id and p.person_id != person_id else ""
    return f"{role}{p.year}年党风廉政建设责任书（{p.level_label}·{p.unit_name}）{p.status_text}"


def _report_text(r: LeaderReportRow) -> str:
    return "；".join(x for x in (f"{r.year}年度述职述廉（{r.unit_name}{r.position}）",
                                 f"民主评议{r.appraisal_text}" if r.appraisal_text else "") if x)


def _assessment_text(a: AssessmentRow) -> str:
    parts = [f"作为主要负责人，{a.unit_name}{a.year}年度考核", f"总分 {a.total_text}" if a.total is not None else "",
             f"等次 {a.grade_label}", f"一票否决：{a.veto_reason}" if a.veto else ""]
    return "；".join(p for p in parts if p)


def _education_text(e: EducationRow) -> str:
    return "；".join(x for x in (e.theme, f"组织：{e.organiser_name}", f"主讲：{e.speaker}" if e.speaker else "") if x)


def _talk_text(t: TalkRow) -> str:
    parts = [f"事由：{t.reason_label}" if t.reason else "", f"谈话人：{t.talker_names}" if t.talkers else "",
             f"集体谈话，共 {len(t.talkees)} 人" if len(t.talkees) > 1 else ""]
    return "；".join(p for p in parts if p)


def _ceremony_text(c: CeremonyRow) -> str:
    parts = [c.place, c.scale_text, f"{c.reported_on:%Y-%m-%d}报备（{c.timing_text}）",
             f"涉及{c.concerns_text}" if c.concerns else "",
             f"提醒谈话 {c.talk_date:%Y-%m-%d}" if c.talk_date else ""]
    return "；".join(p for p in parts if p)


def _entry_text(e: LedgerRow, today: dt.date) -> str:
    if e.cleared:  # the clue was closed by 了结: not a problem of the person
        return e.cleared_text
    parts = [e.problem, f"线索来源：{e.clue_source_label}" if e.clue_source else "",
             f"处置：{e.handling_label}" if e.handling else "", f"决定机关：{e.decision_organ}" if e.decision_organ else ""]
    if e.impact_end is not None:
        parts.append(f"影响期至 {e.impact_end:%Y-%m-%d}" + ("（影响期内）" if e.decided_on <= today <= e.impact_end else ""))
    if e.needs_transfer:
        parts.append("含第二种形态处置，需转出")
    return "；".join(p for p in parts if p)


def _sanction_text(x: SanctionRow) -> str:
    parts = [x.facts, f"决定机关：{x.decision_organ}" if x.decision_organ else "",
             f"影响期{x.impact_text}" if x.impact_end else "无影响期"]
    return "；".join(p for p in parts if p)


def _finding_text(f: FindingRow) -> str:
    parts = [f"{f.code} {f.description}", f"整改时限 {f.deadline:%Y-%m-%d}" if f.deadline else "",
             "已逾期" if f.overdue else "", f"销号 {f.closed_on:%Y-%m-%d}" if f.closed_on else ""]
    return "；".join(p for p in parts if p)


def _within(day: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


def person_dossier(session: Session, actor: Actor, person_id: int, *, start: dt.date | None = None,
                   end: dt.date | None = None, today: dt.date) -> Dossier:
    """The person's dossier for [start, end] (either open: from the first / up to `today`).
    Raises PermissionDenied for a person outside a unit-limited user's units, NotFound for an
    unknown person, ValidationError when the period ends before it starts."""
    require_role(actor, Role.VIEWER)
    if start is not None and end is not None and end < start:
        raise ValidationError("期间的结束日期早于开始日期。", "end")
    person = get_person(session, person_id)
    if not may_read_unit(actor, person.unit_id):
        raise PermissionDenied("当前用户只能查看指定单位人员的廉政档案。")
    positions = tuple(c for c in reversed(position_changes(session, actor, [person_id]))
                      if _within(c.changed_on, start, end))
    talk_ids = search_talk_ids(session, actor, TalkFilter(start=start, end=end, person_id=person_id,
                                                           person_role="talkee"), "date", False)
    ledger = rows_where(session, actor, LedgerFilter(view=ALL, person_id=person_id, start=start, end=end))
    query = select(Finding.id).where(Finding.resp_person_id == person_id, readable(actor, Finding))
    if start is not None:
        query = query.where(Finding.found_on >= start)
    if end is not None:
        query = query.where(Finding.found_on <= end)
    finding_ids = list(session.scalars(query.order_by(Finding.found_on, Finding.id)))
    return Dossier(person, start, end, today, positions, tuple(talk_rows(session, talk_ids)),
                   tuple(reports_of_person(session, actor, person_id, start, end)), tuple(ledger),
                   tuple(finding_rows(session, finding_ids, today)),
                   tuple(sanctions_of_person(session, actor, person_id, start, end)),
                   tuple(clues_of_person(session, actor, person_id, start, end)),
                   tuple(pledges_of_person(session, actor, person_id, start, end)),
                   tuple(leader_reports_of(session, actor, person_id, start, end)),
                   tuple(assessments_of_person(session, actor, person_id, start, end)),
                   tuple(sessions_of_person(session, actor, person_id, start, end)),
                   is_limited(actor))

