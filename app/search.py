"""Search everything (Ctrl+K): every register of app/registry.py at once — people, units, risk
points, inspections, findings, talks (约谈 among them), ledger entries, clues (never by their
reporter), sanctions, 报备, 责任书, 专题研究, 考核 and 述职述廉, 报告报送, 廉政教育 — names, pinyin
initials, any Chinese substring of the text fields, two characters too.

Matching is `like_any` (db/matching.py: LIKE on SQLite, ILIKE on PostgreSQL) over the columns
a clerk would search (a substring match is also what short Chinese queries need: FTS5's
trigram tokenizer finds nothing under three characters). Each register gives its providers in
SEARCHED, keyed by its app/registry.py key (tests/unit/test_registry.py: every register has one
or says in NOT_SEARCHED why not); a provider reads through the register's own search ids, or adds
`readable(actor, Model)` itself, so a unit-limited clerk finds their units' records only. Results
come grouped, newest first, with a snippet.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.common import clean, like_any
from app.registers.assessments.query import assessment_rows, report_rows, search_assessment_ids, search_report_ids
from app.registers.assessments.types import AssessmentFilter, LeaderReportFilter
from app.registers.clues.query import clue_rows, person_clue_text, search_clue_ids
from app.registers.clues.types import ClueFilter
from app.registers.duty_reports.query import duty_report_rows, search_duty_report_ids
from app.registers.duty_reports.types import DutyReportFilter
from app.registers.education.query import search_session_ids, session_rows
from app.registers.education.types import EducationFilter
from app.registers.pledges.query import pledge_rows, search_pledge_ids
from app.registers.pledges.types import PledgeFilter
from app.registers.sanctions.query import sanction_rows, search_sanction_ids
from app.registers.sanctions.types import SanctionFilter
from app.registers.studies.query import search_study_ids, study_rows
from app.registers.studies.types import StudyFilter
from app.registry import ENTRIES
from app.visibility import may_read_unit, readable
from db.models import (
    CeremonyReport,
    Finding,
    Inspection,
    LedgerEntry,
    Person,
    RiskAssessment,
    RiskPoint,
    Talk,
    TalkParticipant,
    Unit,
    inspection_units,
)

MIN_CHARS = 1
SNIPPET_WIDTH = 36
PINYIN_MATCH = "按拼音匹配"
ROLE_LABELS = {"talkee": "被谈话人", "talker": "谈话人", "recorder": "记录人"}
MAX_UNITS = 3  # a hit's units on the command line (a session of the whole system names them all)


@dataclass(frozen=True)
class Hit:
    register: str  # page key to open
    register_label: str
    record_id: int
    title: str
    detail: str
    snippet: str
    filters: dict  # what MainWindow.navigate(register, filters) needs to open the record
    key: str = ""  # the REGISTER key of the command line (people, units, risks, findings …)
    unit_ids: tuple[int, ...] = ()  # the record's units (an inspection, a group talk: several)


@dataclass(frozen=True)
class SearchResult:
    text: str
    groups: tuple[tuple[str, tuple[Hit, ...], bool], ...]  # (label, hits, more available)

    @property
    def count(self) -> int:
        return sum(len(hits) for _, hits, _ in self.groups)

    def hits(self) -> list[Hit]:
        return [hit for _, hits, _ in self.groups for hit in hits]


def snippet(text: str, needle: str, width: int = SNIPPET_WIDTH) -> str:
    """The part of `text` around the first occurrence of `needle`, on one line."""
    flat = " ".join((text or "").split())
    at = flat.lower().find(needle.lower())
    if at < 0:
        return flat[:width] + ("…" if len(flat) > width else "")
    start = max(0, at - width // 3)
    end = min(len(flat), start + width)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")


def _first_match(needle: str, *texts: str) -> str:
    for text in texts:
        if text and needle.lower() in text.lower():
            return snippet(text, needle)
    return snippet(texts[0] if texts else "", needle)


def _people(session: Session, actor: Actor, q: str, limit: int) -> list[Hit]:
    query = (select(Person, Unit.name).join(Unit, Person.unit_id == Unit.id)
             .where(like_any(q, Person.name, Person.pinyin, Person.position, Person.staff_no),
                    readable(actor, Person))
             .order_by(Person.active.desc(), Person.pinyin).limit(limit))
    return [Hit("people", "人员", p.id, p.name, f"{unit}·{p.position}" if p.position else unit,
                "" if q.lower() in p.name.lower() else (p.position if q.lower() in (p.position or "").lower()
                                                        else p.staff_no if q.lower() in (p.staff_no or "").lower()
                                                        else PINYIN_MATCH),
                {"person_id": p.id, "unit_id": p.unit_id}, "people", (p.unit_id,))
            for p, unit in session.execute(query)]


def _units(session: Session, actor: Actor, q: str, limit: int) -> list[Hit]:
    query = select(Unit).where(like_any(q, Unit.name), readable(actor, Unit)).limit(limit)
    return [Hit("people", "单位", u.id, u.name, "" if u.active else "已停用", "", {"unit_id": u.id}, "units", (u.id,))
            for u in session.scalars(query)]


def _risks(session: Session, actor: Actor, q: str, limit: int) -> list[Hit]:
    """Risk points matching in their identity or any year's description; a hit opens the
    point's latest assessment in its year on the register page."""
    query = (select(RiskPoint, Unit.name, RiskAssessment.id, RiskAssessment.year, RiskAssessment.description)
             .join(Unit, RiskPoint.unit_id == Unit.id)
             .join(RiskAssessment, RiskAssessment.risk_point_id == RiskPoint.id)
             .where(like_any(q, RiskPoint.name, RiskPoint.post, RiskPoint.duty_item, RiskPoint.code,
                             RiskAssessment.description),
                    readable(actor, RiskPoint))
             .order_by(RiskPoint.code, RiskAssessment.year.desc()).limit(limit * 3))
    hits: dict[int, Hit] = {}
    for point, unit, assessment_id, year, description in session.execute(query):
        if point.id not in hits:
            hits[point.id] = Hit("risks", "风险点", point.id, point.name, f"{unit}·{point.code}",
                                 _first_match(q, point.name, point.post, point.duty_item, description or ""),
                                 {"risk_id": assessment_id, "year": year}, "risks", (point.unit_id,))
    return list(hits.values())[:limit]


def _inspections(session: Session, actor: Actor, q: str, limit: int) -> list[Hit]:
    query = (select(Inspection).where(like_any(q, Inspection.title, Inspection.summary, Inspection.inspectors),
                                      readable(actor, Inspection))
             .order_by(Inspection.inspected_on.desc()).limit(limit))
    found = list(session.scalars(query))
    units = _units_of(session, inspection_units.c.inspection_id, inspection_units.c.unit_id, [i.id for i in found])
    return [Hit("inspections", "监督检查", i.id, i.title, f"{i.inspected_on:%Y-%m-%d}",
                _first_match(q, i.title, i.summary, i.inspectors), {"inspection_id": i.id}, "inspections",
                units.get(i.id, ()))
            for i in found]


def _units_of(session: Session, key, unit, ids: list[int], *where: object) -> dict[int, tuple[int, ...]]:  # noqa: ANN001
    """Each record's units through a link table (an inspection's, a talk's talkees')."""
    found: dict[int, list[int]] = {}
    if ids:
        for record_id, unit_id in session.execute(select(key, unit).where(key.in_(ids), unit.is_not(None), *where)
                                                  .distinct()):
            found.setdefault(record_id, []).append(unit_id)
    return {record_id: tuple(sorted(units)) for record_id, units in found.items()}


def _findings(session: Session, actor: Actor, q: str, limit: int) -> list[Hit]:
    query = (select(Finding, Unit.name).join(Unit, Finding.unit_id == Unit.id)
             .where(like_any(q, Finding.description, Finding.measures, Finding.requirement,
                             Finding.code, Finding.resp_person_name, Finding.resp_leader),
                    readable(actor, Finding))
             .order_by(Finding.found_on.desc()).limit(limit))
    return [Hit("inspections", "问题整改", f.id, snippet(f.description, q), f"{unit}·{f.found_on:%Y-%m-%d}",
                _first_match(q, f.description, f.measures, f.requirement, f.resp_person_name),
                {"finding_id": f.id}, "findings",
                tuple(sorted({u for u in (f.unit_id, f.resp_unit_id) if u is not None})))
            for f, unit in session.execute(query)]


def _talks(session: Session, actor: Actor, q: str, limit: int) -> list[Hit]:
    by_name = select(TalkParticipant.talk_id).where(like_any(q, TalkParticipant.name))
    query = (select(Talk).where(like_any(q, Talk.content, Talk.response, Talk.follow_up, Talk.place)
                                | Talk.id.in_(by_name), readable(actor, Talk))
             .order_by(Talk.talk_date.desc()).limit(limit))
    talks = list(session.scalars(query))
    names: dict[int, list[str]] = {}
    by_role: dict[int, str] = {}  # a participant whose name matched, as "谈话人：王芳"
    if talks:
        for talk_id, name, role in session.execute(
                select(TalkParticipant.talk_id, TalkParticipant.name, TalkParticipant.role)
                .where(TalkParticipant.talk_id.in_([t.id for t in talks]))
                .order_by(TalkParticipant.seq)):
            if role == "talkee":
                names.setdefault(talk_id, []).append(name)
            if talk_id not in by_role and q.lower() in name.lower():
                by_role[talk_id] = f"{ROLE_LABELS.get(role, role)}：{name}"
    units = _units_of(session, TalkParticipant.talk_id, TalkParticipant.unit_id, [t.id for t in talks],
                      TalkParticipant.role == "talkee")
    return [Hit("talks", "谈话记录", t.id, "、".join(names.get(t.id, [])) or "谈话记录",
                f"{t.talk_date:%Y-%m-%d}",
                by_role[t.id] if t.id in by_role and not _in_any(q, t.content, t.response, t.follow_up, t.place)
                else _first_match(q, t.content, t.response, t.follow_up, t.place),
                {"talk_id": t.id}, "talks", units.get(t.id, ()))
            for t in talks]


def _in_any(needle: str, *texts: str) -> bool:
    return any(text and needle.lower() in text.lower() for text in texts)


def _ledger(session: Session, actor: Actor, q: str, limit: int) -> list[Hit]:
    query = (select(LedgerEntry).where(like_any(q, LedgerEntry.person_name, LedgerEntry.problem,
                                                LedgerEntry.notes, LedgerEntry.unit_name),
                                       readable(actor, LedgerEntry))
             .order_by(LedgerEntry.decided_on.desc()).limit(limit))
    return [Hit("ledger", "第一种形态", e.id, e.person_name, f"{e.unit_name}·{e.decided_on:%Y-%m-%d}",
                _first_match(q, e.problem, e.notes, e.person_name), {"entry_id": e.id, "view": "all"},
                "ledger", (e.unit_id,) if e.unit_id is not None else ())
            for e in session.scalars(query)]


def _clues(session: Session, actor: Actor, q: str, limit: int) -> list[Hit]:
    """Clues by their people, unit, problem, handler or result — never by the reporter, which no
    hit shows either; a 了结 clue is shown as cleared, not by its problem."""
    rows = clue_rows(session, actor, search_clue_ids(session, actor, ClueFilter(text=q), limit=limit))
    return [Hit("clues", "问题线索", c.id, c.names, f"{c.received_on:%Y-%m-%d}·{c.status_text}",
                person_clue_text(c) if c.cleared else _first_match(q, c.problem, c.result, c.notes),
                {"clue_id": c.id}, "clues",
                tuple(sorted({u for u in (c.unit_id, *(p.unit_id for p in c.people)) if u is not None})))
            for c in rows]


def _sanctions(session: Session, actor: Actor, q: str, limit: int) -> list[Hit]:
    rows = sanction_rows(session, search_sanction_ids(session, actor, SanctionFilter(text=q), limit=limit))
    return [Hit("sanctions", "处分与组织处理", r.id, r.person_name, f"{r.unit_name}·{r.decided_on:%Y-%m-%d}·{r.kind_label}",
                _first_match(q, r.facts, r.notes, r.document_no), {"sanction_id": r.id}, "sanctions",
                (r.unit_id,) if r.unit_id is not None else ()) for r in rows]


def _ceremonies(session: Session, actor: Actor, q: str, limit: int) -> list[Hit]:
    query = (select(CeremonyReport).where(like_any(q, CeremonyReport.person_name, CeremonyReport.place,
                                                   CeremonyReport.notes), readable(actor, CeremonyReport))
             .order_by(CeremonyReport.event_date.desc()).limit(limit))
    return [Hit("ceremonies", "婚丧喜庆报备", c.id, c.person_name, f"{c.event_date:%Y-%m-%d}",
                _first_match(q, c.place, c.notes), {"report_id": c.id}, "ceremonies",
                (c.unit_id,) if c.unit_id is not None else ())
            for c in session.scalars(query)]


def _pledges(session: Session, actor: Actor, q: str, limit: int) -> list[Hit]:
    """责任书 by the unit, the signer, the 责任领导 or the notes."""
    rows = pledge_rows(session, search_pledge_ids(session, actor, PledgeFilter(text=q), "year", True, limit=limit))
    return [Hit("duty", "责任书", p.id, p.signer_name or p.unit_name,
                f"{p.year}年·{p.level_label}·{'已签订' if p.signed_on else '未签订'}",
                _first_match(q, p.signer_name, p.unit_name, p.leader_name, p.notes),
                {"tab": "pledges", "year": p.year, "record_id": p.id}, "pledges", (p.unit_id,)) for p in rows]


def _studies(session: Session, actor: Actor, q: str, limit: int) -> list[Hit]:
    rows = study_rows(session, search_study_ids(session, actor, StudyFilter(text=q), limit=limit))
    return [Hit("duty", "专题研究", r.id, snippet(r.topics, q), f"{r.held_on:%Y-%m-%d}·{r.unit_name}·{r.meeting_label}",
                _first_match(q, r.topics, r.decisions, r.reporter, r.attendees, r.notes),
                {"tab": "studies", "year": r.held_on.year, "record_id": r.id}, "studies",
                (r.unit_id,) if r.unit_id is not None else ()) for r in rows]


def _assessments(session: Session, actor: Actor, q: str, limit: int) -> list[Hit]:
    rows = assessment_rows(session, search_assessment_ids(session, actor, AssessmentFilter(text=q), "year", True,
                                                          limit=limit))
    return [Hit("duty", "主体责任考核", r.id, f"{r.unit_name}{r.year}年度考核", f"{r.year}年·{r.head_name}",
                _first_match(q, r.unit_name, r.head_name, r.veto_reason, r.notes),
                {"tab": "assessments", "year": r.year, "record_id": r.id}, "assessments", (r.unit_id,)) for r in rows]


def _leader_reports(session: Session, actor: Actor, q: str, limit: int) -> list[Hit]:
    rows = report_rows(session, search_report_ids(session, actor, LeaderReportFilter(text=q), "year", True,
                                                  limit=limit))
    return [Hit("duty", "述职述廉", r.id, r.person_name, f"{r.year}年·{r.unit_name}·{r.position}",
                _first_match(q, r.summary, r.person_name, r.unit_name, r.position, r.notes),
                {"tab": "leaders", "year": r.year, "record_id": r.id}, "leader_reports",
                (r.unit_id,) if r.unit_id is not None else ()) for r in rows]


def _duty_reports(session: Session, actor: Actor, q: str, limit: int) -> list[Hit]:
    rows = duty_report_rows(session, search_duty_report_ids(session, actor, DutyReportFilter(text=q), limit=limit))
    return [Hit("duty", "报告报送", r.id, r.title or f"{r.unit_name}{r.kind_label}",
                f"{r.unit_name}·{r.period_label}{r.kind_label}·{r.received_on:%Y-%m-%d}收到",
                _first_match(q, r.title, r.notes, r.unit_name),
                {"tab": "reports", "year": r.year, "kind": r.kind, "record_id": r.id}, "duty_reports",
                (r.unit_id,)) for r in rows]


def _education(session: Session, actor: Actor, q: str, limit: int) -> list[Hit]:
    """Sessions by theme, case, speaker, place, content, notes or a participant's name; a hit's
    units are the organiser's and the participants' (of the actor's units only, in `search_lines`)."""
    rows = session_rows(session, search_session_ids(session, actor, EducationFilter(text=q), limit=limit))
    hits = []
    for r in rows:
        names = [p.name for p in r.participants if q.lower() in p.name.lower()]
        text = _first_match(q, r.theme, r.case_text, r.content, r.speaker, r.place, r.notes)
        if names and not _in_any(q, r.theme, r.case_text, r.content, r.speaker, r.place, r.notes):
            text = f"参加人员：{names[0]}"
        units = {u for u in (r.organiser_id, *(p.unit_id for p in r.participants)) if u is not None}
        hits.append(Hit("education", "廉政教育", r.id, r.theme, f"{r.held_on:%Y-%m-%d}·{r.form_label}·{r.organiser_name}",
                        text, {"record_id": r.id, "year": r.held_on.year}, "education", tuple(sorted(units))))
    return hits


Provider = Callable[[Session, Actor, str, int], list[Hit]]
# Each register's providers (by its app/registry.py key): (label, page key, provider), in the
# order of their results.
SEARCHED: dict[str, tuple[tuple[str, str, Provider], ...]] = {
    "people": (("人员", "people", _people),),
    "units": (("单位", "people", _units),),
    "risks": (("风险点", "risks", _risks),),
    "inspections": (("监督检查", "inspections", _inspections),),
    "findings": (("问题整改", "inspections", _findings),),
    "talks": (("谈话记录", "talks", _talks),),
    "ledger": (("第一种形态", "ledger", _ledger),),
    "ceremonies": (("婚丧喜庆报备", "ceremonies", _ceremonies),),
    "clues": (("问题线索", "clues", _clues),),
    "sanctions": (("处分与组织处理", "sanctions", _sanctions),),
    "pledges": (("责任书", "duty", _pledges),),
    "studies": (("专题研究", "duty", _studies),),
    "assessments": (("主体责任考核", "duty", _assessments), ("述职述廉", "duty", _leader_reports)),
    "duty_reports": (("报告报送", "duty", _duty_reports),),
    "education": (("廉政教育", "education", _education),),
}
# Registers Ctrl+K does not search, with why.
NOT_SEARCHED: dict[str, str] = {
    "opinions": "a 意见回复 is about a person: Ctrl+K finds the person, whose 廉政档案 lists the replies",
}
# (label, page key, provider) in the order results are shown: the registers' order.
PROVIDERS: list[tuple[str, str, Provider]] = [
    provider for entry in ENTRIES for provider in SEARCHED.get(entry.key, ())]


def search_everything(session: Session, actor: Actor, text: str, per_group: int = 8,
                      pages: set[str] | None = None) -> SearchResult:
    """Records of every register matching `text`, grouped; `pages` limits to registers whose
    page exists (a register not landed is absent, not faked)."""
    q = clean(text)
    if len(q) < MIN_CHARS:
        return SearchResult(q, ())
    groups = []
    for label, page, provider in PROVIDERS:
        if pages is not None and page not in pages:
            continue
        hits = provider(session, actor, q, per_group + 1)
        if hits:
            groups.append((label, tuple(hits[:per_group]), len(hits) > per_group))
    return SearchResult(q, tuple(groups))


def search_lines(session: Session, actor: Actor, text: str, limit: int = 8) -> list[str]:
    """`python -m app search TEXT`: what Ctrl+K finds, one hit a line — the register's key, the
    record id, its units (only the actor's, where a record has several; the first three and how
    many of a record of more), the title — tab-separated."""
    result = search_everything(session, actor, text, limit)
    names = dict(session.execute(select(Unit.id, Unit.name)).all())

    def cell(value: object) -> str:
        return " ".join(str(value).split())  # no tab or line break inside a cell

    lines = []
    for hit in result.hits():
        shown = [names.get(u, str(u)) for u in hit.unit_ids if may_read_unit(actor, u)]
        units = "、".join(shown[:MAX_UNITS]) + (f"等{len(shown)}个单位" if len(shown) > MAX_UNITS else "")
        lines.append("\t".join((hit.key, str(hit.record_id), cell(units), cell(hit.title))))
    return lines
