"""One rule for what a user may read (app/visibility.py), walked over every read path.

Every public function under app/ that takes the acting user and only reads (tests/unit/
test_roles.py tells reads from writes by their code) is called as the demo's unit-limited clerk
`bowuguan` (市博物馆) — after the same call as the administrator has shown rows (or figures) of
other units, so the check can fail. A function neither walked in CASES nor exempted in EXEMPT
with a written reason fails `test_every_read_function_is_walked_or_exempted`: a new register's
query module is found by itself. What a record's units are is read here with plain SQL
(UNITS_SQL), not through the rule under test; a record of several units (an inspection, a group
talk) is the clerk's when any of them is theirs.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app import archive, audit_log, interviews, reminders, search
from app.auth import Actor, actor_of
from app.errors import NotFound, PermissionDenied
from app.excel.registry import REGISTERS
from app.home import home_figures, month_bounds
from app.registers.assessments import query as assessments_query
from app.registers.assessments import stats as assessments_stats
from app.registers.assessments import veto
from app.registers.assessments.types import AssessmentFilter, LeaderReportFilter
from app.registers.ceremonies import query as ceremonies_query
from app.registers.ceremonies.types import CeremonyFilter
from app.registers.clues import query as clues_query
from app.registers.clues import stats as clues_stats
from app.registers.clues.types import ClueFilter
from app.registers.duty_reports import query as duty_reports_query
from app.registers.duty_reports import stats as duty_reports_stats
from app.registers.duty_reports.types import DutyReportFilter
from app.registers.education import cases as education_cases
from app.registers.education import query as education_query
from app.registers.education import stats as education_stats
from app.registers.education.types import EducationFilter
from app.registers.findings import query as findings_query
from app.registers.findings import stats as findings_stats
from app.registers.findings.types import FindingFilter
from app.registers.inspections import query as inspections_query
from app.registers.inspections import stats as inspections_stats
from app.registers.inspections.types import InspectionFilter
from app.registers.ledger import documents as ledger_documents
from app.registers.ledger import query as ledger_query
from app.registers.ledger import stats as ledger_stats
from app.registers.ledger.types import LedgerFilter
from app.registers.opinions import query as opinions_query
from app.registers.people import dossier as people_dossier
from app.registers.people import pre_talks
from app.registers.people import query as people_query
from app.registers.people import timeline as people_timeline
from app.registers.people.types import PersonFilter
from app.registers.pledges import query as pledges_query
from app.registers.pledges import stats as pledges_stats
from app.registers.pledges.types import PledgeFilter
from app.registers.risks import query as risks_query
from app.registers.risks import review as risks_review
from app.registers.risks import stats as risks_stats
from app.registers.risks.types import RiskFilter
from app.registers.sanctions import query as sanctions_query
from app.registers.sanctions import stats as sanctions_stats
from app.registers.sanctions.types import SanctionFilter
from app.registers.studies import query as studies_query
from app.registers.studies import stats as studies_stats
from app.registers.studies.types import StudyFilter, YearStudies
from app.registers.talks import documents as talks_documents
from app.registers.talks import query as talks_query
from app.registers.talks import stats as talks_stats
from app.registers.talks.types import TalkFilter
from app.reports import archive_years
from app.reports import duty as report_duty
from app.reports import texts as report_texts
from app.reports.figures import report_figures
from app.reports.period import ReportPeriod
from app.workspace.facade import Workspace
from db.models import (
    Base,
    Clue,
    DutyReport,
    EducationSession,
    LeaderReport,
    LedgerEntry,
    Person,
    Pledge,
    Sanction,
    Study,
    Talk,
    Unit,
    UnitAssessment,
    User,
)
from tests.unit.test_roles import _actor_functions, write_services

AS_OF = dt.date(2026, 11, 28)
YEAR = 2025
D = dt.date

# A record's units by plain SQL: (record id, unit id) rows. An inspection listing no unit is of
# every unit (the whole system was inspected).
UNITS_SQL = {
    "units": "SELECT id, id FROM units",
    "people": "SELECT id, unit_id FROM people",
    "position_changes": "SELECT id, from_unit_id FROM position_changes UNION ALL "
                        "SELECT id, to_unit_id FROM position_changes",
    "risk_points": "SELECT id, unit_id FROM risk_points",
    "risk_assessments": "SELECT a.id, p.unit_id FROM risk_assessments a JOIN risk_points p ON p.id = a.risk_point_id",
    "risk_level_changes": "SELECT c.id, p.unit_id FROM risk_level_changes c JOIN risk_points p ON p.id = c.risk_point_id",
    "inspections": "SELECT inspection_id, unit_id FROM inspection_units UNION ALL SELECT i.id, u.id FROM "
                   "inspections i, units u WHERE NOT EXISTS (SELECT 1 FROM inspection_units x "
                   "WHERE x.inspection_id = i.id)",
    "findings": "SELECT id, unit_id FROM findings UNION ALL SELECT id, resp_unit_id FROM findings",
    "talks": "SELECT talk_id, unit_id FROM talk_participants WHERE role = 'talkee'",
    "ledger_entries": "SELECT id, unit_id FROM ledger_entries",
    "ceremony_reports": "SELECT id, unit_id FROM ceremony_reports",
    "opinion_replies": "SELECT r.id, p.unit_id FROM opinion_replies r JOIN people p ON p.id = r.person_id",
    "clues": "SELECT id, unit_id FROM clues UNION ALL SELECT clue_id, unit_id FROM clue_people",
    "sanctions": "SELECT id, unit_id FROM sanctions",
    "pledges": "SELECT id, unit_id FROM pledges",
    "studies": "SELECT id, unit_id FROM studies",  # the 党组's: no unit's
    "unit_assessments": "SELECT id, unit_id FROM unit_assessments",
    "leader_reports": "SELECT id, unit_id FROM leader_reports",
    "duty_reports": "SELECT id, unit_id FROM duty_reports",
    "education_sessions": "SELECT id, organiser_id FROM education_sessions UNION ALL "
                          "SELECT session_id, unit_id FROM education_participants",
}
# The command line's REGISTER keys (search hits, exports) → their table.
TABLE_OF_KEY = {"people": "people", "units": "units", "risks": "risk_assessments", "inspections": "inspections",
                "findings": "findings", "talks": "talks", "ledger": "ledger_entries",
                "ceremonies": "ceremony_reports", "clues": "clues", "sanctions": "sanctions",
                "pledges": "pledges", "studies": "studies", "education": "education_sessions",
                "assessments": "unit_assessments", "duty_reports": "duty_reports"}
# A register exported on several sheets: each sheet's table.
SHEET_TABLE = {("assessments", "考核"): "unit_assessments", ("assessments", "述职述廉"): "leader_reports"}
SEARCH_TABLE = {**TABLE_OF_KEY, "risks": "risk_points", "leader_reports": "leader_reports"}
# What Ctrl+K finds each searched table's records by: a text of the record, by plain SQL.
SEARCH_TEXT = {
    "people": "SELECT id, name FROM people",
    "units": "SELECT id, name FROM units",
    "risk_points": "SELECT id, name FROM risk_points",
    "inspections": "SELECT id, title FROM inspections",
    "findings": "SELECT id, description FROM findings",
    "talks": "SELECT id, content FROM talks",
    "ledger_entries": "SELECT id, problem FROM ledger_entries",
    "ceremony_reports": "SELECT id, person_name FROM ceremony_reports",
    "clues": "SELECT id, problem FROM clues WHERE outcome <> 'cleared'",
    "sanctions": "SELECT id, facts FROM sanctions",
    "pledges": "SELECT id, signer_name FROM pledges",
    "studies": "SELECT id, topics FROM studies",
    "unit_assessments": "SELECT a.id, u.name FROM unit_assessments a JOIN units u ON u.id = a.unit_id",
    "leader_reports": "SELECT id, summary FROM leader_reports",
    "duty_reports": "SELECT id, title FROM duty_reports",
    "education_sessions": "SELECT id, theme FROM education_sessions",
}
DOSSIER_TABLE = {"positions": "position_changes", "talks": "talks", "ceremonies": "ceremony_reports",
                 "ledger": "ledger_entries", "findings": "findings", "sanctions": "sanctions", "clues": "clues",
                 "education": "education_sessions"}
# The 主体责任 lines of the dossier and the timeline (page "duty") by their kind.
DUTY_TABLE = {"责任书": "pledges", "述职述廉": "leader_reports", "主体责任考核": "unit_assessments"}
REMINDER_TABLE = {"pre-talk": "position_changes", "leader-talk": "people", "finding-overdue": "findings",
                  "finding-due": "findings", "risk-review": "risk_assessments", "revisit": "ledger_entries",
                  "impact-end": "ledger_entries", "inquiry-reply": "ledger_entries", "clue-reply": "clues",
                  "clue-open": "clues", "ceremony-talk": "ceremony_reports", "interview": "units"}


@dataclass
class Demo:
    ws: Workspace
    admin: Actor
    clerk: Actor
    museum: int
    library: int
    moved: int            # a 市图书馆 person with talks there, moved to 市博物馆 (fixture)
    library_person: int   # a person of 市图书馆 with records
    library_talk: int
    reporter: int         # a person with a 报备 filed under another unit than the museum
    responsible: int      # a person answering for findings of another unit
    changed: int          # a person whose position changed between two other units
    clue_person: int      # a person named in a clue of another unit
    sanctioned: int       # a person with a 处分 record of another unit
    foreign_clue: int     # a clue of another unit
    pledger: int          # a person who signed a 责任书 of another unit
    leader: int           # a leader with a 述职述廉 of another unit, heading it (its 考核)
    attendee: int         # a person who took part in a session of another unit only
    vetoed: tuple[int, int]  # (unit, year) of another unit with a third-form measure
    units: dict[str, dict[int, frozenset[int]]]
    tmp: Path

    def foreign(self, table: str, record_id: object) -> bool:
        """A record none of whose units is the clerk's."""
        found = self.units[table].get(int(record_id), frozenset())
        return not (found & self.clerk.unit_ids)


Call = Callable[[object, Actor, Demo], object]


@dataclass(frozen=True)
class Rows:
    """The result names records ((table, id) pairs by `records`): the administrator's include
    one of another unit, the clerk's none."""

    call: Call
    records: Callable[[object, Demo], Iterable[tuple[str, object]]]


@dataclass(frozen=True)
class Figure:
    """A figure: the clerk's equals `expected` (the administrator's over 市博物馆, through the
    function's own unit filter), which differs from the administrator's whole-bureau one."""

    call: Call
    expected: Call


@dataclass(frozen=True)
class Refused:
    """A record or a view of another unit: the administrator gets it, the clerk is refused."""

    call: Call


def ids(table: str) -> Callable[[object, Demo], Iterable[tuple[str, object]]]:
    return lambda result, d: [(table, i) for i in result]


def rows(table: str, attr: str = "id") -> Callable[[object, Demo], Iterable[tuple[str, object]]]:
    return lambda result, d: [(table, getattr(r, attr)) for r in result]


def selected(table: str) -> Callable[[object, Demo], Iterable[tuple[str, object]]]:
    """A SELECT of ids (the base query other functions build on), run."""
    return lambda query, d: [(table, i) for i in _session(d).scalars(query)]


_SESSIONS: dict[int, object] = {}


def _session(d: Demo):  # noqa: ANN202 — the session of the call being checked
    return _SESSIONS[id(d)]


def conditions(table: str, model) -> Callable[[object, Demo], Iterable[tuple[str, object]]]:  # noqa: ANN001
    return lambda where, d: [(table, i) for i in _session(d).scalars(select(model.id).where(*where))]


def reminder_records(result, d: Demo) -> list[tuple[str, object]]:  # noqa: ANN001
    found = []
    for r in result:
        kind, _, rest = r.key.partition(":")
        if kind in REMINDER_TABLE:
            found.append((REMINDER_TABLE[kind], rest.split(":")[-1] if kind == "leader-talk" else rest.split(":")[0]))
    return found


def provider(fn, today: dt.date = AS_OF) -> Rows:  # noqa: ANN001 — a reminder provider
    return Rows(lambda s, a, d: fn(s, a, today, d.ws.settings), reminder_records)


def unit_rows(result, d: Demo) -> list[tuple[str, object]]:  # noqa: ANN001
    return [("units", r.unit_id) for r in result if r.unit_id is not None]


def dossier_records(result, d: Demo) -> list[tuple[str, object]]:  # noqa: ANN001
    return [(DUTY_TABLE[i.kind] if i.section == "duty" else DOSSIER_TABLE[i.section], i.record_id)
            for i in result.items()]


def museum(d: Demo) -> int:
    return d.museum


FY = (D(YEAR, 1, 1), D(YEAR, 12, 31))
DUE_SOON_DAY = D(2026, 12, 20)  # open findings of other units fall due within the week after

# Qualified name → how to walk it.
CASES: dict[str, Rows | Figure | Refused] = {
    # search and 首页
    "app.search.search_everything": Rows(
        lambda s, a, d: search.search_everything(s, a, "违规", 50),
        lambda r, d: [(SEARCH_TABLE[h.key], h.record_id) for h in r.hits()]),
    "app.search.search_lines": Rows(
        lambda s, a, d: search.search_lines(s, a, "违规", 50),
        lambda r, d: [(SEARCH_TABLE[line.split("\t")[0]], int(line.split("\t")[1])) for line in r]),
    "app.home.home_figures": Figure(
        lambda s, a, d: home_figures(s, a, AS_OF, {"risks", "inspections", "talks", "ledger"}),
        lambda s, a, d: _home_as_museum(s, d)),
    # people
    "app.registers.people.query.search_people_ids": Rows(
        lambda s, a, d: people_query.search_people_ids(s, a, PersonFilter(include_inactive=True)), ids("people")),
    "app.registers.people.query.suggest_people": Rows(
        lambda s, a, d: people_query.suggest_people(s, a, "张", 200), rows("people")),
    "app.registers.people.query.position_changes": Rows(
        lambda s, a, d: people_query.position_changes(s, a), rows("position_changes")),
    "app.registers.people.pre_talks.changes_with_talks": Rows(
        lambda s, a, d: pre_talks.changes_with_talks(s, a, AS_OF, 30), rows("position_changes")),
    "app.registers.people.dossier.person_dossier": Rows(
        lambda s, a, d: people_dossier.person_dossier(s, a, d.moved, today=AS_OF), dossier_records),
    "app.registers.people.timeline.person_timeline": Rows(
        lambda s, a, d: people_timeline.person_timeline(s, a, d.moved),
        lambda r, d: [(DUTY_TABLE[i.kind] if i.register == "duty" else {
            "people": "position_changes", "talks": "talks", "inspections": "findings", "ledger": "ledger_entries",
            "ceremonies": "ceremony_reports", "sanctions": "sanctions", "clues": "clues",
            "education": "education_sessions"}[i.register], i.record_id) for i in r]),
    "app.registers.people.timeline.position_change_items": Rows(
        lambda s, a, d: people_timeline.position_change_items(s, a, d.changed), rows("position_changes", "record_id")),
    "app.registers.talks.query.talk_timeline_items": Rows(
        lambda s, a, d: talks_query.talk_timeline_items(s, a, d.moved), rows("talks", "record_id")),
    "app.registers.findings.stats.timeline_items": Rows(
        lambda s, a, d: findings_stats.timeline_items(s, a, d.responsible), rows("findings", "record_id")),
    "app.registers.ledger.stats.timeline_items": Rows(
        lambda s, a, d: ledger_stats.timeline_items(s, a, d.library_person), rows("ledger_entries", "record_id")),
    "app.registers.ceremonies.query.ceremony_timeline_items": Rows(
        lambda s, a, d: ceremonies_query.ceremony_timeline_items(s, a, d.reporter), rows("ceremony_reports", "record_id")),
    "app.registers.ceremonies.query.reports_of_person": Rows(
        lambda s, a, d: ceremonies_query.reports_of_person(s, a, d.reporter), rows("ceremony_reports")),
    "app.registers.opinions.query.opinion_facts": Refused(
        lambda s, a, d: opinions_query.opinion_facts(s, a, [d.library_person], "promotion", AS_OF)),
    "app.registers.opinions.query.opinion_replies": Rows(
        lambda s, a, d: opinions_query.opinion_replies(s, a), rows("opinion_replies")),
    # risks
    "app.registers.risks.query.search_risk_ids": Rows(
        lambda s, a, d: risks_query.search_risk_ids(s, a, RiskFilter(year=YEAR, status="all")), ids("risk_assessments")),
    "app.registers.risks.query.risk_query": Rows(
        lambda s, a, d: risks_query.risk_query(s, a, RiskFilter(status="all"), YEAR), selected("risk_assessments")),
    "app.registers.risks.query.count_by_level": Figure(
        lambda s, a, d: risks_query.count_by_level(s, a, RiskFilter(year=YEAR)),
        lambda s, a, d: risks_query.count_by_level(s, a, RiskFilter(year=YEAR, unit_id=d.museum))),
    "app.registers.risks.query.point_choices": Rows(
        lambda s, a, d: risks_query.point_choices(s, a, d.library), lambda r, d: [("risk_points", p) for p, _ in r]),
    "app.registers.risks.query.reviews_due": Rows(
        lambda s, a, d: risks_query.reviews_due(s, a, D(2030, 1, 1)), rows("risk_assessments")),
    "app.registers.risks.review.review_diff": Rows(lambda s, a, d: risks_review.review_diff(s, a, YEAR), unit_rows),
    "app.registers.risks.stats.unit_levels": Rows(lambda s, a, d: risks_stats.unit_levels(s, a, YEAR), unit_rows),
    "app.registers.risks.stats.risk_levels_by_unit": Rows(
        lambda s, a, d: risks_stats.risk_levels_by_unit(s, a, YEAR), unit_rows),
    "app.registers.risks.stats.year_summary": Rows(
        lambda s, a, d: risks_stats.year_summary(s, a, AS_OF.year + 1).units
        + risks_stats.year_summary(s, a, YEAR).units, unit_rows),
    "app.registers.risks.stats.control_levels": Rows(
        lambda s, a, d: risks_stats.control_levels(s, a, YEAR), lambda r, d: [("units", u) for u in r]),
    "app.registers.risks.stats.top_control_units": Rows(
        lambda s, a, d: risks_stats.top_control_units(s, a, YEAR), lambda r, d: [("units", u) for u in r]),
    "app.registers.risks.stats.year_totals": Figure(
        lambda s, a, d: risks_stats.year_totals(s, a, YEAR),
        lambda s, a, d: risks_query.count_by_level(s, a, RiskFilter(year=YEAR, unit_id=d.museum))),
    "app.registers.risks.stats.draft_count": Figure(
        lambda s, a, d: risks_stats.draft_count(s, a, AS_OF.year + 1),
        lambda s, a, d: len(risks_query.search_risk_ids(s, a, RiskFilter(year=AS_OF.year + 1, status="draft",
                                                                          unit_id=d.museum)))),
    # inspections and findings
    "app.registers.inspections.query.search_inspection_ids": Rows(
        lambda s, a, d: inspections_query.search_inspection_ids(s, a, InspectionFilter()), ids("inspections")),
    "app.registers.inspections.query.inspection_choices": Rows(
        lambda s, a, d: inspections_query.inspection_choices(s, a), rows("inspections")),
    "app.registers.inspections.stats.inspections_per_month": Figure(
        lambda s, a, d: inspections_stats.inspections_per_month(s, a, YEAR, None),
        lambda s, a, d: _per_month(s, a, d, None)),
    "app.registers.inspections.stats.monthly_coverage": Figure(
        lambda s, a, d: [m.count for m in inspections_stats.monthly_coverage(s, a, YEAR, AS_OF).months],
        lambda s, a, d: _per_month(s, a, d, "style")),
    "app.registers.inspections.stats.coverage_years": Figure(
        lambda s, a, d: [m.count for m in inspections_stats.coverage_years(s, a, AS_OF, 2)[1].months],
        lambda s, a, d: _per_month(s, a, d, "style")),
    "app.registers.findings.query.search_finding_ids": Rows(
        lambda s, a, d: findings_query.search_finding_ids(s, a, FindingFilter(), AS_OF), ids("findings")),
    "app.registers.findings.query.finding_query": Rows(
        lambda s, a, d: findings_query.finding_query(s, a, FindingFilter(), AS_OF), selected("findings")),
    "app.registers.findings.stats.completion_stats": Figure(
        lambda s, a, d: findings_stats.completion_stats(s, a, FindingFilter(year=YEAR), AS_OF),
        lambda s, a, d: findings_stats.completion_stats(s, a, FindingFilter(year=YEAR, unit_id=d.museum), AS_OF)),
    "app.registers.findings.stats.open_finding_counts": Figure(
        lambda s, a, d: findings_stats.open_finding_counts(s, a, AS_OF),
        lambda s, a, d: findings_stats.completion_stats(s, a, FindingFilter(unit_id=d.museum), AS_OF)),
    "app.registers.findings.stats.category_counts": Figure(
        lambda s, a, d: findings_stats.category_counts(s, a, FindingFilter(year=YEAR), AS_OF),
        lambda s, a, d: findings_stats.category_counts(s, a, FindingFilter(year=YEAR, unit_id=d.museum), AS_OF)),
    "app.registers.findings.stats.stats_by_unit": Rows(
        lambda s, a, d: findings_stats.stats_by_unit(s, a, FindingFilter(), AS_OF), unit_rows),
    "app.registers.findings.stats.overdue_findings": Rows(
        lambda s, a, d: findings_stats.overdue_findings(s, a, D(2030, 1, 1)), rows("findings")),
    "app.registers.findings.stats.due_soon_findings": Rows(
        lambda s, a, d: findings_stats.due_soon_findings(s, a, DUE_SOON_DAY), rows("findings")),
    # talks
    "app.registers.talks.query.search_talk_ids": Rows(
        lambda s, a, d: talks_query.search_talk_ids(s, a, TalkFilter()), ids("talks")),
    "app.registers.talks.query.last_talk_of": Rows(
        lambda s, a, d: [r for r in [talks_query.last_talk_of(s, a)] if r is not None], rows("talks")),
    "app.registers.talks.query.talk_conditions": Rows(
        lambda s, a, d: talks_query.talk_conditions(s, a, TalkFilter(year=YEAR)), conditions("talks", Talk)),
    "app.registers.talks.stats.talk_counts": Figure(
        lambda s, a, d: talks_stats.talk_counts(s, a, *FY),
        lambda s, a, d: talks_stats.talk_counts(s, a, *FY, unit_id=d.museum)),
    "app.registers.talks.stats.monthly_stats": Figure(
        lambda s, a, d: talks_stats.monthly_stats(s, a, YEAR),
        lambda s, a, d: talks_stats.monthly_stats(s, a, YEAR, d.museum)),
    "app.registers.talks.stats.heart_talk_coverage": Figure(
        lambda s, a, d: talks_stats.heart_talk_coverage(s, a, *FY),
        lambda s, a, d: talks_stats.heart_talk_coverage(s, a, *FY, unit_id=d.museum)),
    "app.registers.talks.stats.unit_stats": Rows(lambda s, a, d: talks_stats.unit_stats(s, a, *FY), unit_rows),
    "app.registers.talks.documents.export_talk_record": Refused(
        lambda s, a, d: talks_documents.export_talk_record(s, a, d.library_talk, d.tmp / f"t{a.id}.docx", "局")),
    # the first-form ledger
    "app.registers.ledger.query.search_entry_ids": Rows(
        lambda s, a, d: ledger_query.search_entry_ids(s, a, LedgerFilter(view="all")), ids("ledger_entries")),
    "app.registers.ledger.query.conditions": Rows(
        lambda s, a, d: ledger_query.conditions(s, a, LedgerFilter(view="all")), conditions("ledger_entries", LedgerEntry)),
    "app.registers.ledger.query.stream_entries": Rows(
        lambda s, a, d: [row[0] for row in ledger_query.stream_entries(s, a, LedgerFilter(view="all"))[1]],
        ids("ledger_entries")),
    "app.registers.ledger.query.rows_where": Rows(
        lambda s, a, d: ledger_query.rows_where(s, a, LedgerFilter(view="all")), rows("ledger_entries")),
    "app.registers.ledger.stats.entries_of_person": Rows(
        lambda s, a, d: ledger_stats.entries_of_person(s, a, d.library_person, include_transfer=True),
        rows("ledger_entries")),
    "app.registers.ledger.stats.impact_covering": Rows(
        lambda s, a, d: _covering(s, a), rows("ledger_entries")),
    "app.registers.ledger.stats.impact_ending": Rows(
        lambda s, a, d: ledger_stats.impact_ending(s, a, D(2000, 1, 1), D(2100, 1, 1)), rows("ledger_entries")),
    "app.registers.ledger.stats.inquiries_awaiting_reply": Rows(
        lambda s, a, d: ledger_stats.inquiries_awaiting_reply(s, a), rows("ledger_entries")),
    "app.registers.ledger.stats.revisits_due": Rows(
        lambda s, a, d: ledger_stats.revisits_due(s, a, D(2100, 1, 1)), rows("ledger_entries")),
    "app.registers.ledger.stats.ledger_statistics": Figure(
        lambda s, a, d: ledger_stats.ledger_statistics(s, a, YEAR),
        lambda s, a, d: ledger_stats.ledger_statistics(s, a, YEAR, d.museum)),
    "app.registers.ledger.stats.category_counts": Figure(
        lambda s, a, d: ledger_stats.category_counts(s, a, LedgerFilter(start=FY[0], end=FY[1])),
        lambda s, a, d: ledger_stats.category_counts(s, a, LedgerFilter(start=FY[0], end=FY[1], unit_id=d.museum))),
    "app.registers.ledger.stats.person_times": Figure(
        lambda s, a, d: ledger_stats.person_times(s, a, *FY),
        lambda s, a, d: ledger_stats.ledger_statistics(s, a, YEAR, d.museum).person_times),
    "app.registers.ledger.documents.ledger_context": Rows(
        lambda s, a, d: ledger_documents.ledger_context(s, a, bureau="局", year=None, unit_id=None, today=AS_OF),
        lambda r, d: [("units", d.museum if e["unit_position"].startswith("市博物馆") else d.library)
                      for e in r["entries"]]),
    # 问题线索 and 处分与组织处理
    "app.registers.clues.query.search_clue_ids": Rows(
        lambda s, a, d: clues_query.search_clue_ids(s, a, ClueFilter()), ids("clues")),
    "app.registers.clues.query.conditions": Rows(
        lambda s, a, d: clues_query.conditions(s, a, ClueFilter()), conditions("clues", Clue)),
    "app.registers.clues.query.clue_rows": Rows(
        lambda s, a, d: clues_query.clue_rows(s, a, list(s.scalars(select(Clue.id)))), rows("clues")),
    "app.registers.clues.query.get_clue": Refused(lambda s, a, d: clues_query.get_clue(s, a, d.foreign_clue)),
    "app.registers.clues.query.clues_of_person": Rows(
        lambda s, a, d: clues_query.clues_of_person(s, a, d.clue_person), rows("clues")),
    "app.registers.clues.query.clue_timeline_items": Rows(
        lambda s, a, d: clues_query.clue_timeline_items(s, a, d.clue_person), rows("clues", "record_id")),
    "app.registers.clues.query.awaiting_reply": Rows(lambda s, a, d: clues_query.awaiting_reply(s, a), rows("clues")),
    "app.registers.clues.query.open_since": Rows(
        lambda s, a, d: clues_query.open_since(s, a, D(2100, 1, 1)), rows("clues")),
    "app.registers.clues.stats.clue_figures": Figure(
        lambda s, a, d: clues_stats.clue_figures(s, a, ClueFilter(), AS_OF),
        lambda s, a, d: clues_stats.clue_figures(s, a, ClueFilter(unit_id=d.museum), AS_OF)),
    "app.reminders.clue_inquiries_overdue": provider(reminders.clue_inquiries_overdue, D(2100, 1, 1)),
    "app.reminders.clues_long_open": provider(reminders.clues_long_open, D(2100, 1, 1)),
    "app.registers.sanctions.query.search_sanction_ids": Rows(
        lambda s, a, d: sanctions_query.search_sanction_ids(s, a, SanctionFilter()), ids("sanctions")),
    "app.registers.sanctions.query.conditions": Rows(
        lambda s, a, d: sanctions_query.conditions(s, a, SanctionFilter()), conditions("sanctions", Sanction)),
    "app.registers.sanctions.query.sanctions_of_person": Rows(
        lambda s, a, d: sanctions_query.sanctions_of_person(s, a, d.sanctioned), rows("sanctions")),
    "app.registers.sanctions.query.sanction_timeline_items": Rows(
        lambda s, a, d: sanctions_query.sanction_timeline_items(s, a, d.sanctioned), rows("sanctions", "record_id")),
    "app.registers.sanctions.stats.impact_ending": Rows(
        lambda s, a, d: sanctions_stats.impact_ending(s, a, D(2000, 1, 1), D(2100, 1, 1)), rows("sanctions")),
    "app.registers.sanctions.stats.sanction_figures": Figure(
        lambda s, a, d: sanctions_stats.sanction_figures(s, a, SanctionFilter(), AS_OF),
        lambda s, a, d: sanctions_stats.sanction_figures(s, a, SanctionFilter(unit_id=d.museum), AS_OF)),
    # 婚丧喜庆报备
    "app.registers.ceremonies.query.search_report_ids": Rows(
        lambda s, a, d: ceremonies_query.search_report_ids(s, a, CeremonyFilter()), ids("ceremony_reports")),
    "app.registers.ceremonies.query.reports_needing_talk": Rows(
        lambda s, a, d: ceremonies_query.reports_needing_talk(s, a, D(2000, 1, 1)), rows("ceremony_reports")),
    "app.reminders.ceremony_talks": provider(reminders.ceremony_talks),
    "app.registers.ceremonies.query.ceremony_figures": Figure(
        lambda s, a, d: ceremonies_query.ceremony_figures(s, a, CeremonyFilter()),
        lambda s, a, d: ceremonies_query.ceremony_figures(s, a, CeremonyFilter(unit_id=d.museum))),
    # reminders
    "app.reminders.reminders": Rows(lambda s, a, d: reminders.reminders(s, a, AS_OF, d.ws.settings), reminder_records),
    "app.reminders.pre_appointment_talks": provider(reminders.pre_appointment_talks, D(2026, 12, 20)),
    "app.reminders.leaders_without_integrity_talk": provider(reminders.leaders_without_integrity_talk),
    "app.reminders.overdue_rectifications": provider(reminders.overdue_rectifications, D(2030, 1, 1)),
    "app.reminders.rectification_deadlines": provider(reminders.rectification_deadlines, DUE_SOON_DAY),
    "app.reminders.risk_reviews": provider(reminders.risk_reviews, D(2030, 1, 1)),
    "app.reminders.revisits": provider(reminders.revisits, D(2100, 1, 1)),
    "app.reminders.impact_periods_ending": Rows(
        lambda s, a, d: [r for day in _days(D(2023, 1, 1), D(2027, 6, 1), 25)
                         for r in reminders.impact_periods_ending(s, a, day, d.ws.settings)], reminder_records),
    "app.reminders.inquiries_overdue": provider(reminders.inquiries_overdue, D(2100, 1, 1)),
    "app.reminders.done_reminders": Rows(
        lambda s, a, d: reminders.done_reminders(s, a),
        lambda r, d: [(REMINDER_TABLE[x.key.partition(":")[0]], x.key.split(":")[1]) for x in r
                      if x.key.partition(":")[0] in REMINDER_TABLE]),
    "app.reminders.months_without_style_inspection": Refused(
        lambda s, a, d: _none_is_refused(reminders.months_without_style_inspection(s, a, D(2030, 3, 1), d.ws.settings))),
    # the report, the archive and the 操作日志
    "app.reports.figures.report_figures": Figure(
        lambda s, a, d: _report_without_inspections(report_figures(s, a, ReportPeriod.of_year(YEAR), today=AS_OF)),
        lambda s, a, d: _report_without_inspections(report_figures(s, a, ReportPeriod.of_year(YEAR), today=AS_OF,
                                                                   unit_id=d.museum))),
    "app.reports.archive_years.list_archive_years": Figure(
        lambda s, a, d: [y.counts for y in archive_years.list_archive_years(s, a, AS_OF)],
        lambda s, a, d: _archive_counts_as_museum(s, d)),
    "app.reports.archive_years.list_corrections": Rows(
        lambda s, a, d: archive_years.list_corrections(s, a),
        lambda r, d: [(c.entity, c.entity_id) for c in r]),
    "app.reports.texts.load_text": Refused(  # the library's 工作总结 (the fixture saves one)
        lambda s, a, d: report_texts.load_text(s, a, ReportPeriod.of_year(YEAR), d.library)),
    # 主体责任: 责任书, 专题研究, 考核 and 述职述廉, reports up the line, 约谈
    "app.registers.pledges.query.search_pledge_ids": Rows(
        lambda s, a, d: pledges_query.search_pledge_ids(s, a, PledgeFilter()), ids("pledges")),
    "app.registers.pledges.query.conditions": Rows(
        lambda s, a, d: pledges_query.conditions(s, a, PledgeFilter()), conditions("pledges", Pledge)),
    "app.registers.pledges.query.pledges_of_person": Rows(
        lambda s, a, d: pledges_query.pledges_of_person(s, a, d.pledger), rows("pledges")),
    "app.registers.pledges.query.pledge_timeline_items": Rows(
        lambda s, a, d: pledges_query.pledge_timeline_items(s, a, d.pledger), rows("pledges", "record_id")),
    "app.registers.pledges.query.responsible_units": Rows(
        lambda s, a, d: pledges_query.responsible_units(s, a, AS_OF.year), rows("units")),
    "app.registers.pledges.stats.pledge_figures": Figure(
        lambda s, a, d: pledges_stats.pledge_figures(s, a, AS_OF.year),
        lambda s, a, d: pledges_stats.pledge_figures(s, a, AS_OF.year, d.museum)),
    "app.reminders.pledges_unsigned": Figure(
        lambda s, a, d: [r.title for r in reminders.pledges_unsigned(s, a, AS_OF, d.ws.settings)],
        lambda s, a, d: [f"{AS_OF.year}年党风廉政建设责任书尚有 "
                         f"{pledges_stats.pledge_figures(s, a, AS_OF.year, d.museum).unsigned} 份未签订"]),
    "app.registers.studies.query.search_study_ids": Rows(
        lambda s, a, d: studies_query.search_study_ids(s, a, StudyFilter()), ids("studies")),
    "app.registers.studies.query.conditions": Rows(
        lambda s, a, d: studies_query.conditions(s, a, StudyFilter()), conditions("studies", Study)),
    "app.registers.studies.stats.studies_in": Rows(
        lambda s, a, d: studies_stats.studies_in(s, a, *FY), rows("studies")),
    "app.registers.studies.stats.studies_by_unit": Rows(
        lambda s, a, d: studies_stats.studies_by_unit(s, a, YEAR), lambda r, d: [("units", u or 0) for u in r]),
    # The 党组's own studies are no unit's: a unit-limited clerk counts none.
    "app.registers.studies.stats.party_year": Figure(
        lambda s, a, d: studies_stats.party_year(s, a, YEAR),
        lambda s, a, d: YearStudies(YEAR, 0, studies_stats.party_year(s, a, YEAR).minimum, ())),
    "app.reminders.party_studies": Refused(
        lambda s, a, d: _none_is_refused(reminders.party_studies(s, a, AS_OF, d.ws.settings))),
    "app.registers.assessments.query.search_assessment_ids": Rows(
        lambda s, a, d: assessments_query.search_assessment_ids(s, a, AssessmentFilter()), ids("unit_assessments")),
    "app.registers.assessments.query.conditions": Rows(
        lambda s, a, d: assessments_query.conditions(s, a, AssessmentFilter()),
        conditions("unit_assessments", UnitAssessment)),
    "app.registers.assessments.query.assessment_of": Rows(
        lambda s, a, d: [r for r in [assessments_query.assessment_of(s, a, d.library, YEAR)] if r is not None],
        rows("unit_assessments")),
    "app.registers.assessments.query.assessments_of_person": Rows(
        lambda s, a, d: assessments_query.assessments_of_person(s, a, d.leader), rows("unit_assessments")),
    "app.registers.assessments.query.latest_satisfaction": Rows(
        lambda s, a, d: assessments_query.latest_satisfaction(s, a, list(s.scalars(select(Unit.id)))),
        lambda r, d: [("units", u) for u in r]),
    "app.registers.assessments.query.search_report_ids": Rows(
        lambda s, a, d: assessments_query.search_report_ids(s, a, LeaderReportFilter()), ids("leader_reports")),
    "app.registers.assessments.query.report_conditions": Rows(
        lambda s, a, d: assessments_query.report_conditions(s, a, LeaderReportFilter()),
        conditions("leader_reports", LeaderReport)),
    "app.registers.assessments.query.reports_of_person": Rows(
        lambda s, a, d: assessments_query.reports_of_person(s, a, d.leader), rows("leader_reports")),
    "app.registers.assessments.query.duty_timeline_items": Rows(
        lambda s, a, d: assessments_query.duty_timeline_items(s, a, d.leader),
        lambda r, d: [(DUTY_TABLE[i.kind], i.record_id) for i in r]),
    "app.registers.assessments.stats.unit_scores": Rows(
        lambda s, a, d: assessments_stats.unit_scores(s, a, YEAR), unit_rows),
    "app.registers.assessments.stats.assessment_figures": Figure(
        lambda s, a, d: assessments_stats.assessment_figures(s, a, YEAR),
        lambda s, a, d: assessments_stats.assessment_figures(s, a, YEAR, d.museum)),
    "app.registers.assessments.veto.serious_cases": Rows(
        lambda s, a, d: veto.serious_cases(s, a, *d.vetoed), rows("sanctions", "sanction_id")),
    "app.registers.assessments.veto.veto_proposal": Rows(
        lambda s, a, d: [c for c in [veto.veto_proposal(s, a, *d.vetoed)] if c is not None],
        rows("sanctions", "sanction_id")),
    "app.registers.duty_reports.query.search_duty_report_ids": Rows(
        lambda s, a, d: duty_reports_query.search_duty_report_ids(s, a, DutyReportFilter()), ids("duty_reports")),
    "app.registers.duty_reports.query.conditions": Rows(
        lambda s, a, d: duty_reports_query.conditions(s, a, DutyReportFilter()), conditions("duty_reports", DutyReport)),
    "app.registers.duty_reports.stats.tracking": Figure(
        lambda s, a, d: duty_reports_stats.tracking(s, a, YEAR, "info", AS_OF, d.ws.settings),
        lambda s, a, d: duty_reports_stats.tracking(s, a, YEAR, "info", AS_OF, d.ws.settings, d.museum)),
    "app.registers.duty_reports.stats.periods_due": Figure(
        lambda s, a, d: duty_reports_stats.periods_due(s, a, AS_OF, d.ws.settings, 400),
        lambda s, a, d: duty_reports_stats.periods_due(s, a, AS_OF, d.ws.settings, 400, d.museum)),
    "app.reminders.duty_reports_due": Figure(
        lambda s, a, d: [(r.key, r.title) for r in reminders.duty_reports_due(s, a, AS_OF, d.ws.settings)],
        lambda s, a, d: [(f"duty-report:{p.kind}:{p.year}-{p.period}:{p.due}",
                          f"{p.label}{p.kind_label}：{len(p.missing)} 个单位未报送")
                         for p in duty_reports_stats.periods_due(s, a, AS_OF, d.ws.settings, unit_id=d.museum)]),
    "app.interviews.complaints_by_unit": Rows(
        lambda s, a, d: interviews.complaints_by_unit(s, a, D(2000, 1, 1), AS_OF), lambda r, d: [("units", u) for u in r]),
    "app.interviews.interview_proposals": Rows(
        lambda s, a, d: interviews.interview_proposals(s, a, AS_OF, _low_lines(d.ws.settings)), unit_rows),
    "app.reminders.interviews_proposed": Rows(
        lambda s, a, d: reminders.interviews_proposed(s, a, AS_OF, _low_lines(d.ws.settings)), reminder_records),
    "app.reports.duty.duty_section": Figure(
        lambda s, a, d: report_duty.duty_section(s, a, ReportPeriod.of_year(YEAR), AS_OF, d.ws.settings, None),
        lambda s, a, d: report_duty.duty_section(s, a, ReportPeriod.of_year(YEAR), AS_OF, d.ws.settings, d.museum)),
    # 廉政教育
    "app.registers.education.query.search_session_ids": Rows(
        lambda s, a, d: education_query.search_session_ids(s, a, EducationFilter()), ids("education_sessions")),
    "app.registers.education.query.conditions": Rows(
        lambda s, a, d: education_query.conditions(s, a, EducationFilter()),
        conditions("education_sessions", EducationSession)),
    "app.registers.education.query.sessions_of_person": Rows(
        lambda s, a, d: education_query.sessions_of_person(s, a, d.attendee), rows("education_sessions")),
    "app.registers.education.query.education_timeline_items": Rows(
        lambda s, a, d: education_query.education_timeline_items(s, a, d.attendee),
        rows("education_sessions", "record_id")),
    "app.registers.education.stats.education_figures": Figure(
        lambda s, a, d: education_stats.education_figures(s, a, *FY),
        lambda s, a, d: education_stats.education_figures(s, a, *FY, d.museum)),
    "app.registers.education.stats.coverage": Figure(
        lambda s, a, d: education_stats.coverage(s, a, YEAR),
        lambda s, a, d: education_stats.coverage(s, a, YEAR, d.museum)),
    "app.registers.education.cases.own_cases": Rows(
        lambda s, a, d: education_cases.own_cases(s, a, AS_OF),
        lambda r, d: [("sanctions" if c.kind == "sanction" else "clues", c.id) for c in r]),
    "app.reports.duty.education_section": Figure(
        lambda s, a, d: report_duty.education_section(s, a, ReportPeriod.of_year(YEAR), AS_OF, None),
        lambda s, a, d: report_duty.education_section(s, a, ReportPeriod.of_year(YEAR), AS_OF, d.museum)),
    "app.audit_log.search_audit_ids": Refused(
        lambda s, a, d: audit_log.search_audit_ids(s, a, audit_log.AuditFilter())),
}

EXEMPT: dict[str, str] = {
    "app.archive.guard_year": "the closed-year check before a write: reads no record",
    "app.archive.record_correction": "writes the audit row of a correction",
    "app.auth.require_all_units": "a permission check",
    "app.auth.require_role": "a permission check",
    "app.auth.require_unit": "a permission check",
    "app.auth.require_write": "a permission check",
    "app.release_notes.last_seen": "the acting user's own settings row (which release notes they saw)",
    "app.release_notes.mark_seen": "writes the acting user's own settings row (release notes seen)",
    "app.release_notes.unseen": "the program's release notes against the user's own settings row: no record",
    "app.drafts.clear_draft": "the acting user's own unsaved forms (WHERE user_id = actor.id)",
    "app.drafts.drafts_of": "the acting user's own unsaved forms (WHERE user_id = actor.id)",
    "app.drafts.load_draft": "the acting user's own unsaved forms (WHERE user_id = actor.id)",
    "app.drafts.save_draft": "the acting user's own unsaved forms (WHERE user_id = actor.id)",
    "app.drafts.load_offered": "the acting user's own unsaved forms (WHERE user_id = actor.id)",
    "app.drafts.decline_draft": "the acting user's own unsaved forms (WHERE user_id = actor.id)",
    "app.excel.importer.plan_import": "a preview of the workbook the user brings; rows of other units are "
                                      "refused (tests/unit/test_roles.py)",
    "app.excel.writer.export_register": "writes its adapter's rows_for_export, walked for every register in "
                                        "test_every_registers_export_holds_the_clerks_records_only",
    "app.registers.ledger.documents.export_ledger_docx": "writes ledger_context (walked)",
    "app.registers.people.documents.export_dossier": "writes person_dossier (walked)",
    "app.registers.talks.documents.record_printed": "the audit row of a print",
    "app.registers.clues.rules.may_see_reporter": "whether a row already read shows its reporter "
                                                  "(tests/unit/test_reporter_confidential.py)",
    "app.registers.sanctions.write.sync_admonish": "keeps a ledger entry's 诫勉 record in step, inside the "
                                                   "ledger's own save (a write)",
    "app.reminders.festival_reminders": "festivals name no unit: the workspace's, read by all",
    "app.reminders.holiday_tables_missing": "the 放假 table names no unit: the workspace's, read by all",
    "app.reports.archive_export.export_archive": "its files are export_register's, ledger_context's, "
                                                 "search_talk_ids's and report_figures's (all walked); "
                                                 "tests/unit/test_archive.py names a clerk's folder",
    "app.reports.archive_export.record_archive_export": "the audit row of an export",
    "app.reports.document.export_generated_report": "report_figures (walked) written by write_report",
    "app.reports.document.export_report": "report_figures (walked) written by write_report",
    "app.reports.document.record_report_export": "the audit row of an export",
    "app.reports.document.write_report": "writes the ReportFigures it is given (report_figures: walked)",
    "app.reports.figures.own_unit": "the clerk's own unit: the subject of their report",
    "app.reminders.half_year_report": "the whole bureau's 半年报告 is due: names no record, shown to users of "
                                      "every unit only (tests/unit/test_report_texts.py)",
    "app.reports.texts.mark_generated": "stamps the time a report's Word file was made, inside "
                                        "record_report_export: reads no record",
    "app.workspace.backups.create_backup": "管理员 only: the whole workspace (tests/unit/test_backups.py)",
    "app.workspace.crypto.set_backup_password": "管理员 only: the backup password's verifier",
    "app.workspace.restore.restore_backup": "管理员 only: the whole workspace",
    **{f"app.visibility.{name}": "the rule itself (tested through every read path here)" for name in (
        "is_limited", "may_read_any", "may_read_unit", "readable", "readable_all", "readable_ids",
        "readable_units", "require_readable_unit", "unit_rule")},
}


def read_functions() -> dict[str, Callable]:
    """Every public function under app/ taking the acting user that does not write."""
    writes = write_services()
    return {name: fn for name, fn in _actor_functions().items() if name not in writes}


# ---- helpers of the cases -----------------------------------------------------------------------


def _days(first: dt.date, last: dt.date, step: int) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range(0, (last - first).days + 1, step)]


def _covering(s, a):  # noqa: ANN001, ANN202
    everyone = list(s.scalars(select(Person.id)))
    found = {}
    for day in _days(D(2023, 1, 1), D(2027, 1, 1), 30):
        for r in ledger_stats.impact_covering(s, a, day, everyone):
            found[r.id] = r
    return list(found.values())


def _none_is_refused(found: list) -> list:  # noqa: ANN001 — nothing for a clerk stands for a refusal
    if not found:
        raise PermissionDenied("（无）")
    return found


def _per_month(s, a, d: Demo, kind: str | None) -> list[int]:  # noqa: ANN001
    found = inspections_query.inspection_rows(s, inspections_query.search_inspection_ids(
        s, a, InspectionFilter(year=YEAR, kind=kind or "", unit_id=d.museum)))
    return [sum(1 for r in found if r.inspected_on.month == m) for m in range(1, 13)]


def _home_as_museum(s, d: Demo) -> object:  # noqa: ANN001
    """首页 as the administrator would count it for 市博物馆 through each figure's own filter."""
    a, first, last = d.admin, *month_bounds(AS_OF)
    ref = home_figures(s, d.clerk, AS_OF, {"risks", "inspections", "talks", "ledger"})
    levels = risks_query.count_by_level(s, a, RiskFilter(year=ref.risk_year, unit_id=d.museum))
    rows_ = [r for r in risks_stats.risk_levels_by_unit(s, a, ref.risk_year) if r.unit_id == d.museum]
    open_ = findings_stats.completion_stats(s, a, FindingFilter(unit_id=d.museum), AS_OF)
    talks = talks_stats.talk_counts(s, a, first, last, unit_id=d.museum)
    month = _month_inspections(s, a, d)
    return replace(ref, level1_points=levels[1], top_control_units=sum(1 for r in rows_ if r.control_level == 1),
                   open_findings=open_.open, overdue_findings=open_.overdue, talks_month=(talks.times, talks.people),
                   style_checks_month=month, risk_rows=rows_,
                   first_form_year=ledger_stats.ledger_statistics(s, a, filt=LedgerFilter(
                       start=D(AS_OF.year, 1, 1), end=D(AS_OF.year, 12, 31), unit_id=d.museum)).person_times)


def _month_inspections(s, a, d: Demo) -> int:  # noqa: ANN001
    first, last = month_bounds(AS_OF)
    return len(inspections_query.search_inspection_ids(s, a, InspectionFilter(
        start=first, end=last, kind="style", unit_id=d.museum)))


def _low_lines(settings):  # noqa: ANN001, ANN202
    """约谈 thresholds low enough that units of the bureau cross them, the museum's among them."""
    return replace(settings, interview_findings=1, interview_complaints=1, interview_satisfaction=100)


def _report_without_inspections(figures) -> tuple:  # noqa: ANN001
    """The report's sections but inspections: a unit report of the administrator counts the
    whole system's inspections by design; the clerk's counts those they may read (walked in
    inspections_per_month)."""
    return (figures.unit_id, figures.risks, figures.findings, figures.talks, figures.ledger)


def _archive_counts_as_museum(s, d: Demo) -> list:  # noqa: ANN001
    """Each year's records per register, of 市博物馆's records (units by plain SQL)."""
    years = archive_years.list_archive_years(s, d.admin, AS_OF)
    counts = []
    for count in archive_years.LEDGERS:
        found: dict[int, int] = {}
        where = () if count.where is None else (count.where,)
        for record_id, value in s.execute(select(count.model.id, count.column).where(*where)):
            if value is not None and not d.foreign(count.model.__tablename__, record_id):
                year = value if isinstance(value, int) else value.year
                found[year] = found.get(year, 0) + 1
        counts.append((count.label, found))
    return [tuple((label, found.get(y.year, 0)) for label, found in counts) for y in years]


# ---- the demo, with the few records the walk needs beside it ------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterable[Demo]:
    from app.demo.build import DEMO_PASSWORD, build_demo
    from app.registers.ceremonies.types import CeremonyDraft
    from app.registers.ceremonies.write import save_report
    from app.registers.ledger import write as ledger_write
    from app.registers.ledger.types import LedgerDraft
    from app.registers.opinions.write import issue_opinions
    from app.registers.people import types as people_types
    from app.registers.people import write as people_write
    from app.registers.pledges import write as pledges_write
    from app.registers.pledges.types import PledgeDraft
    from app.registers.risks.review import start_review

    base = tmp_path_factory.mktemp("scope")
    build_demo(base / "demo", AS_OF)
    ws = Workspace.open(base / "demo", as_of=AS_OF)
    admin = ws.sign_in("admin", DEMO_PASSWORD)
    clerk = ws.sign_in("bowuguan", DEMO_PASSWORD)
    with ws.reading() as s:
        unit = {u.name: u.id for u in s.scalars(select(Unit))}
        museum, library = unit["市博物馆"], unit["市图书馆"]
        talked = s.execute(text(
            "SELECT p.person_id, p.talk_id FROM talk_participants p JOIN people x ON x.id = p.person_id "
            "WHERE p.role = 'talkee' AND p.unit_id = :u AND x.unit_id = :u AND x.active AND p.talk_id NOT IN "
            "(SELECT talk_id FROM talk_participants WHERE role = 'talkee' AND unit_id = :m) ORDER BY p.talk_id"),
            {"u": library, "m": museum}).all()
        with_entries = set(s.scalars(select(LedgerEntry.person_id).where(LedgerEntry.unit_id == library)))
        library_person = next((p for p, _ in talked if p in with_entries), talked[0][0])
        moved = next(p for p, _ in talked if p != library_person)
        library_talk = next(t for p, t in talked if p == library_person)
        reporter = s.scalar(text("SELECT person_id FROM ceremony_reports WHERE unit_id <> :m ORDER BY id"), {"m": museum})
        responsible = s.scalar(text("SELECT resp_person_id FROM findings WHERE resp_person_id IS NOT NULL AND "
                                    "unit_id <> :m AND coalesce(resp_unit_id, unit_id) <> :m ORDER BY id"), {"m": museum})
        changed = s.scalar(text("SELECT person_id FROM position_changes WHERE from_unit_id <> :m AND "
                                "to_unit_id <> :m ORDER BY id"), {"m": museum})
        clue_person, foreign_clue = s.execute(text(
            "SELECT p.person_id, c.id FROM clue_people p JOIN clues c ON c.id = p.clue_id WHERE c.unit_id <> :m "
            "AND coalesce(p.unit_id, 0) <> :m ORDER BY c.id"), {"m": museum}).first()
        sanctioned = s.scalar(text("SELECT person_id FROM sanctions WHERE unit_id <> :m ORDER BY id"), {"m": museum})
        pledger = s.scalar(text("SELECT person_id FROM pledges WHERE unit_id <> :m AND person_id IS NOT NULL "
                                "AND signed_on IS NOT NULL ORDER BY id"), {"m": museum})
        leader = s.scalar(text("SELECT r.person_id FROM leader_reports r JOIN unit_assessments a ON a.head_id = "
                               "r.person_id AND a.unit_id = r.unit_id WHERE r.unit_id <> :m AND a.grade <> '' "
                               "ORDER BY r.id"), {"m": museum})
        attendee = s.scalar(text(
            "SELECT person_id FROM education_participants WHERE person_id IS NOT NULL AND session_id NOT IN "
            "(SELECT session_id FROM education_participants WHERE unit_id = :m) AND session_id NOT IN "
            "(SELECT id FROM education_sessions WHERE organiser_id = :m) ORDER BY session_id, id"), {"m": museum})
        unit_of_case, decided = s.execute(text(
            "SELECT s.unit_id, s.decided_on FROM sanctions s JOIN dict_items k ON k.domain = 'sanction_kind' "
            "AND k.code = s.kind WHERE k.form >= 3 AND s.unit_id <> :m ORDER BY s.id"), {"m": museum}).first()
        vetoed = (unit_of_case, dt.date.fromisoformat(str(decided)).year)
    with ws.writing() as s:  # a clue and a 处分 of the museum in YEAR (the demo's are other units')
        from app.registers.clues.types import ClueDraft
        from app.registers.clues.write import save_clue

        curator = s.scalar(select(Person.id).where(Person.unit_id == museum, Person.active).order_by(Person.id))
        save_clue(s, admin, ClueDraft(D(YEAR, 6, 3), "反映其违规收受管理服务对象礼品", (curator,), source="petition"), AS_OF)
        from app.registers.sanctions.types import SanctionDraft
        from app.registers.sanctions.write import save_sanction

        save_sanction(s, admin, SanctionDraft(curator, "gov_warning", D(YEAR, 9, 8)), AS_OF)
    with ws.writing() as s:  # a 责任书 of the library still unsigned this year (the demo's are the museum's)
        pledges_write.save_pledge(s, admin, PledgeDraft(AS_OF.year, "unit_post", library, person_id=library_person))
    with ws.writing() as s:  # a library clerk moved to the museum: their earlier records stay the library's
        person = s.get(Person, moved)
        people_write.record_position_change(s, admin, people_types.PositionChangeDraft(
            person_id=moved, changed_on=AS_OF, to_unit_id=museum, to_position="馆员",
            person_version=person.version), AS_OF)
        start_review(s, admin, AS_OF.year + 1, AS_OF)  # drafts in every unit
        issue_opinions(s, admin, [library_person], "promotion", AS_OF, base / "意见回复.docx", bureau="局",
                       today=AS_OF)
        archive.record_correction(s, admin, "talks", library_talk, YEAR, "更正笔误")  # a correction listed
        ledger_write.save_entry(s, admin, LedgerDraft(  # a 函询 awaiting its reply, in the library
            person_id=library_person, problem="反映其违规兼职取酬", methods=("criticism",), decided_on=D(2026, 10, 20),
            handling="inquiry", letter_sent_on=D(2026, 10, 1), reply_due=D(2026, 10, 15)), AS_OF)
        due = reminders.overdue_rectifications(s, admin, D(2030, 1, 1), ws.settings)
        key = next(r.key for r in due if r.title.startswith("市图书馆") or True)
        reminders.mark_done(s, admin, key, "已督促整改")
        report_texts.save_text(s, admin, ReportPeriod.of_year(YEAR), library, [  # the library's 工作总结
            report_texts.ReportSection("opening", "", "市图书馆2025年度工作总结。")])
        save_report(s, admin, CeremonyDraft(  # a 报备 above the scale limits, its 提醒谈话 not yet held
            person_id=library_person, kind="wedding", event_date=AS_OF + dt.timedelta(days=10),
            reported_on=AS_OF, relation="child", tables=40), AS_OF)
    units: dict[str, dict[int, frozenset[int]]] = {}
    with ws.reading() as s:
        for table, sql in UNITS_SQL.items():
            found: dict[int, set[int]] = {}
            for record_id, unit_id in s.execute(text(sql)):
                found.setdefault(record_id, set())
                if unit_id is not None:
                    found[record_id].add(unit_id)
            units[table] = {k: frozenset(v) for k, v in found.items()}
        clerk = actor_of(s.scalars(select(User).where(User.username == "bowuguan")).one())
        admin = actor_of(s.scalars(select(User).where(User.username == "admin")).one())
    assert clerk.unit_ids == frozenset({museum})
    yield Demo(ws, admin, clerk, museum, library, moved, library_person, library_talk, reporter, responsible,
               changed, clue_person, sanctioned, foreign_clue, pledger, leader, attendee, vetoed, units, base)
    ws.close()


def _run(d: Demo, call: Call, actor: Actor) -> object:
    with d.ws.writing() as s:  # a writing session: the exports among them add an audit row
        _SESSIONS[id(d)] = s
        return call(s, actor, d)


def _names(case_records, result, d: Demo) -> list[tuple[str, object]]:  # noqa: ANN001
    with d.ws.reading() as s:
        _SESSIONS[id(d)] = s
        return list(case_records(result, d))


# ---- the tests ---------------------------------------------------------------------------------


def test_every_read_function_is_walked_or_exempted():
    functions = read_functions()
    missing = sorted(set(functions) - set(CASES) - set(EXEMPT))
    assert missing == [], f"read functions neither walked nor exempted: {missing}"
    assert sorted((set(CASES) | set(EXEMPT)) - set(functions)) == []  # no stale entry
    assert all(len(reason) > 10 for reason in EXEMPT.values())


def test_every_table_naming_a_unit_is_ruled():
    """A new register's table with a unit column is declared in the rule (or said why not)."""
    from app.visibility import NOT_RULED, RULES

    naming = {t.name for t in Base.metadata.sorted_tables
              if any(fk.column.table.name == "units" for c in t.columns for fk in c.foreign_keys)}
    assert naming - set(RULES) - set(NOT_RULED) == set()
    assert set(UNITS_SQL) == set(RULES)  # the walk knows every ruled table's units


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_clerk_reads_no_record_of_another_unit(demo: Demo, name: str):
    case = CASES[name]
    if isinstance(case, Rows):
        foreign = [r for r in _names(case.records, _run(demo, case.call, demo.admin), demo) if demo.foreign(*r)]
        assert foreign, f"{name}: the administrator's call shows no record of another unit, so it proves nothing"
        seen = _names(case.records, _run(demo, case.call, demo.clerk), demo)
        assert [r for r in seen if demo.foreign(*r)] == []
    elif isinstance(case, Figure):
        whole = _run(demo, case.call, demo.admin)
        expected = _run(demo, case.expected, demo.admin)
        assert whole != expected, f"{name}: the bureau's figure equals 市博物馆's, so it proves nothing"
        assert _run(demo, case.call, demo.clerk) == expected
    else:
        assert _run(demo, case.call, demo.admin)
        with pytest.raises((PermissionDenied, NotFound)):  # refused, or not there for the clerk at all
            _run(demo, case.call, demo.clerk)


@pytest.mark.parametrize("key", sorted(REGISTERS))
def test_every_registers_export_holds_the_clerks_records_only(demo: Demo, key: str):
    """The Excel engine's rows for every register (a new one's included): never more than the
    records of the clerk's units, while the administrator's hold more."""
    adapter = REGISTERS[key]
    sheets = [(SHEET_TABLE[(key, spec.name)], spec.name) for spec in adapter.sheets] or [(TABLE_OF_KEY[key], None)]
    for table, sheet in sheets:  # a register of several sheets (主体责任考核): each sheet's table
        own = sum(1 for units in demo.units[table].values() if units & demo.clerk.unit_ids)
        with demo.ws.reading() as s:
            exported = {who: len(list(
                adapter.sheet_rows(s, who, sheet, year=None, unit_id=None, today=AS_OF) if sheet else
                adapter.rows_for_export(s, who, year=None, unit_id=None, today=AS_OF))) for who in (demo.admin, demo.clerk)}
        assert exported[demo.admin] > own
        assert exported[demo.clerk] <= own and (exported[demo.clerk] > 0 or own == 0)


def test_a_unit_outside_the_clerks_is_refused_as_a_filter_of_a_report_or_export(demo: Demo, tmp_path):
    from app.excel.writer import export_register

    with pytest.raises(PermissionDenied, match="市图书馆"), demo.ws.reading() as s:
        report_figures(s, demo.clerk, ReportPeriod.of_year(YEAR), today=AS_OF, unit_id=demo.library)
    with pytest.raises(PermissionDenied), demo.ws.writing() as s:
        export_register(s, demo.clerk, "talks", tmp_path / "t.xlsx", bureau="局", unit_id=demo.library, today=AS_OF)
    with demo.ws.reading() as s:  # their own unit is theirs to report on
        assert report_figures(s, demo.clerk, ReportPeriod.of_year(YEAR), today=AS_OF, unit_id=demo.museum).unit_name == "市博物馆"


def test_search_and_the_search_command_stay_within_the_clerks_units(demo: Demo, monkeypatch, capsys):
    """Ctrl+K as the museum's clerk: "诫勉" and "违规" find no talk of another unit (they found 8
    and 92 before); the command prints what Ctrl+K finds, one hit a line, tab-separated."""
    from app.cli.main import main as cli_main
    from app.demo.build import DEMO_PASSWORD

    with demo.ws.reading() as s:
        for word in ("诫勉", "违规"):
            every = search.search_everything(s, demo.admin, word, 500).hits()
            mine = search.search_everything(s, demo.clerk, word, 500).hits()
            assert any(demo.foreign(SEARCH_TABLE[h.key], h.record_id) for h in every)
            assert not any(demo.foreign(SEARCH_TABLE[h.key], h.record_id) for h in mine)
        expected = search.search_everything(s, demo.clerk, "违规", 3).hits()
        names = {u.id: u.name for u in s.scalars(select(Unit))}
    monkeypatch.setenv("QINGFENG_PASSWORD", DEMO_PASSWORD)
    folder = str(demo.tmp / "demo")
    code = cli_main(["search", "违规", "--limit", "3", "--data-dir", folder, "--user", "bowuguan"])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert [tuple(line.split("\t")[:2]) for line in lines] == [(h.key, str(h.record_id)) for h in expected]
    for line, hit in zip(lines, expected, strict=True):
        key, record_id, unit, title = line.split("\t")
        assert unit == names[demo.museum]  # only the clerk's unit, even for a group talk
        assert title == " ".join(hit.title.split())
    # A group talk of several units among them shows only the clerk's unit.
    assert any(len(demo.units[SEARCH_TABLE[h.key]].get(h.record_id, ())) > 1 for h in expected)


def test_export_report_of_another_unit_exits_non_zero_in_words(demo: Demo, monkeypatch, capsys):
    """`export report --unit 市图书馆` as the museum's clerk: refused, nothing written — no
    library report with the museum's figures under the library's title."""
    from app.cli.main import main as cli_main
    from app.demo.build import DEMO_PASSWORD

    monkeypatch.setenv("QINGFENG_PASSWORD", DEMO_PASSWORD)
    out = demo.tmp / "市图书馆2025年度报告.docx"
    options = ["--data-dir", str(demo.tmp / "demo"), "--as-of", AS_OF.isoformat(), "--user", "bowuguan"]
    assert cli_main(["export", "report", "--year", str(YEAR), "--unit", "市图书馆", "--out", str(out), *options]) == 1
    err = capsys.readouterr().err
    assert "无权查看“市图书馆”的记录" in err and not out.exists()
    assert cli_main(["export", "talks", "--unit", "市图书馆", "--out", str(demo.tmp / "t.xlsx"), *options]) == 1
    assert "市图书馆" in capsys.readouterr().err


# ---- every register of app/registry.py: counted, filed, searched (tests/unit/test_registry.py
# holds the list itself to the schema and to its users) -----------------------------------------


def _data_rows(path: Path) -> int:
    """The records of an exported workbook: every sheet's rows below its title and header."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        return sum(max(sum(1 for row in sheet.iter_rows(values_only=True) if any(v is not None for v in row)) - 2, 0)
                   for sheet in book.worksheets)
    finally:
        book.close()


def test_every_register_is_counted_in_its_year_and_filed_in_the_archive(demo: Demo, tmp_path):
    """The demo holds every register in its last full year: each of a register's figures in the
    归档 list is there (not 0), the clerk's are their units' (walked in CASES), and the year's
    archive folder holds each register's file with the records its figures count."""
    from app.registry import ENTRIES
    from app.reports.archive_export import export_archive

    with demo.ws.reading() as s:
        (year,) = [y for y in archive_years.list_archive_years(s, demo.admin, AS_OF) if y.year == YEAR]
        counts = dict(year.counts)
        assert [label for label, n in year.counts if n == 0] == []
        assert list(counts) == [c.label for e in ENTRIES for c in e.years]
        (mine,) = [y for y in archive_years.list_archive_years(s, demo.clerk, AS_OF) if y.year == YEAR]
        # The museum's clerk's archive (the bureau's holds 400 谈话记录表: the same code, minutes longer).
        folder = export_archive(s, demo.clerk, YEAR, tmp_path, bureau="局", today=AS_OF).folder
    wrong = []
    for entry in (e for e in ENTRIES if e.filed_as):
        assert (folder / entry.filed_as).is_file(), f"{entry.key} is not in the archive"
        whole = [n for c, (_label, n) in zip(archive_years.LEDGERS, mine.counts, strict=True)
                 if c in entry.years and not c.part]
        rows = _data_rows(folder / entry.filed_as)
        # its figures (found and closed findings may overlap; 考核 and 述职述廉 are two sheets)
        if not 0 < max(whole) <= rows <= sum(whole):
            wrong.append(f"{entry.key}: {rows} rows for figures {whole}")
    assert wrong == []


def _search_cases() -> list[tuple[str, str]]:
    return [(key, label) for key, providers in search.SEARCHED.items() for label, _page, _fn in providers]


@pytest.mark.parametrize(("key", "label"), _search_cases())
def test_every_register_is_found_by_a_word_of_its_text_within_the_clerks_units(demo: Demo, key: str, label: str):
    """Each register's Ctrl+K provider finds a record by a word of its text — one of another unit
    for the administrator, never for the museum's clerk, who finds their own unit's."""
    provider = next(fn for lab, _page, fn in search.SEARCHED[key] if lab == label)
    with demo.ws.reading() as s:
        probe = provider(s, demo.admin, "的", 1) or provider(s, demo.admin, "局", 1) or provider(s, demo.admin, "市", 1)
        table = SEARCH_TABLE[probe[0].key] if probe else TABLE_OF_KEY[key]
        texts = [(i, str(t)) for i, t in s.execute(text(SEARCH_TEXT[table])) if t and len(str(t).strip()) >= 2]
        foreign = next((i, t) for i, t in texts if demo.foreign(table, i))
        own = next(((i, t) for i, t in texts if not demo.foreign(table, i)), None)
        for (record_id, words), mine in ((foreign, False), *(((own, True),) if own else ())):
            word = "".join(words.split())[:8]
            found = {(SEARCH_TABLE[h.key], h.record_id) for h in provider(s, demo.admin, word, 500)}
            assert (table, record_id) in found, f"{label}: “{word}” does not find record {record_id}"
            seen = provider(s, demo.clerk, word, 500)
            assert [h for h in seen if demo.foreign(SEARCH_TABLE[h.key], h.record_id)] == []
            assert ((table, record_id) in {(SEARCH_TABLE[h.key], h.record_id) for h in seen}) == mine
        everything = search.search_everything(s, demo.admin, "".join(foreign[1].split())[:8], 50)
        assert label in [group for group, _hits, _more in everything.groups]
