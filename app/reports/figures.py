"""Every figure of the report, per DESIGN "Definitions", taken from the registers' own statistics
services — the report never counts by rules of its own, so its figures equal what each register
page and chart shows for the same period and unit:

- 廉政风险点: `risk_stats` (confirmed assessments of one year: the latest confirmed year up to the
  period's end) and the year's re-levelling from `risk_level_changes`;
- 监督检查: `inspections.inspections_per_month` / `monthly_coverage` (a month cut by the period is
  counted through the register's own filter for the days inside it);
- 问题整改: `finding_stats.completion_stats` per source, `stats_by_unit`, the overdue list — of
  the findings found in the period, their status as of today;
- 谈话: `talk_stats.talk_counts` per type (次 / 人次) and `monthly_stats`;
- 第一种形态: `ledger_stats.ledger_statistics` (人次 by method and quarter, shares);
- 问题线索和处分: `clues.stats.clue_figures` (received in the period; 办结 in it, by where they
  led) and `sanctions.stats.sanction_figures` (decided in the period, by kind and form; 诫勉 is
  the ledger's, counted there);
- 主体责任 and 廉政教育: app/reports/duty.py (责任书, 专题研究, 考核, 报告报送; 次 and 人次 of 教育);
- 节前廉政提醒: the festival reminders due in the period (`app.registers.holidays`) and those marked done
  (`app.reminders.done_reminders`);
- 婚丧喜庆: `ceremonies.query.ceremony_figures` and the period's reports (by kind, 不得操办, 超规模);
- 意见回复: `opinions.query.opinion_replies` dated in the period, by purpose;
- 问题类别: `findings.stats.category_counts` and `ledger.stats.category_counts` folded by heading
  (app/categories.py); 谈心谈话 coverage: `talks.stats.heart_talk_coverage` from the period's
  year's start (`coverage_start`) to its end.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.audit import current_head
from app.auth import Actor
from app.categories import (
    BY_DISCIPLINE,
    BY_EIGHT_RULES,
    BY_STYLE,
    HeadingCount,
    by_heading,
)
from app.dictionaries import load_vocabulary
from app.errors import ValidationError
from app.progress import Progress
from app.registers.ceremonies import query as ceremonies_query
from app.registers.ceremonies.types import CeremonyFigures, CeremonyFilter
from app.registers.clues.stats import clue_figures
from app.registers.clues.types import ClueFigures, ClueFilter
from app.registers.findings import stats as finding_stats
from app.registers.findings.query import finding_rows, search_finding_ids
from app.registers.findings.types import FindingFilter, FindingRow
from app.registers.holidays.query import festival_reminders
from app.registers.inspections import query as inspections_query
from app.registers.inspections import stats as inspections_stats
from app.registers.inspections import types as inspections_types
from app.registers.ledger import stats as ledger_stats
from app.registers.ledger.stats import LedgerStats, ledger_statistics
from app.registers.ledger.types import LedgerFilter
from app.registers.opinions.query import opinion_replies
from app.registers.risks import stats as risk_stats
from app.registers.sanctions.stats import sanction_figures
from app.registers.sanctions.types import SanctionFigures, SanctionFilter
from app.registers.talks import stats as talk_stats
from app.registers.units.query import descendant_unit_ids
from app.reminders import done_reminders
from app.reports.duty import (
    DutySection,
    EducationSection,
    duty_section,
    education_section,
)
from app.reports.period import ReportPeriod, month_label
from app.settings import Settings, load_settings
from app.visibility import readable, require_readable_unit
from db.models import RiskAssessment, RiskLevelChange, RiskPoint, Unit

GROUPINGS = (BY_DISCIPLINE, BY_STYLE, BY_EIGHT_RULES)

TITLE_SUBJECT = "全面从严治党和党风廉政建设工作总结"
SECTIONS = ("risks", "inspections", "findings", "talks", "ledger", "sanctions", "festivals", "duty", "education")


# ---- 廉政风险点 -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelChange:
    code: str
    name: str
    unit_name: str
    from_level: int
    to_level: int
    changed_on: dt.date
    reason: str

    @property
    def raised(self) -> bool:
        return self.to_level < self.from_level  # 1 = 一级 = the highest


@dataclass(frozen=True)
class RiskSection:
    year: int | None                              # the confirmed year counted
    units: tuple[risk_stats.UnitLevels, ...]      # the bureau's display order
    by_severity: tuple[risk_stats.UnitLevels, ...]  # the chart's order (most severe first)
    totals: dict[int, int]                        # per level
    top_units: tuple[str, ...]                    # 一级防控单位和科室
    new_points: int                               # 首次评定 in the year
    changes: tuple[LevelChange, ...]              # re-levelled in the year, oldest first

    @property
    def total(self) -> int:
        return sum(self.totals.values())

    @property
    def raised(self) -> int:
        return sum(1 for c in self.changes if c.raised)

    @property
    def lowered(self) -> int:
        return sum(1 for c in self.changes if not c.raised)

    @property
    def relevelled_points(self) -> int:
        return len({c.code for c in self.changes})


def _risk_year(session: Session, actor: Actor, end: dt.date, units: set[int] | None) -> int | None:
    """The latest year up to the period's end with a confirmed assessment (in scope)."""
    for year in risk_stats.assessment_years(session):  # newest first
        if year <= end.year and any(u.total for u in risk_stats.unit_levels(session, actor, year)
                                    if units is None or u.unit_id in units):
            return year
    return None


def _risk_section(session: Session, actor: Actor, period: ReportPeriod, units: set[int] | None) -> RiskSection:
    year = _risk_year(session, actor, period.end, units)
    if year is None:
        return RiskSection(None, (), (), risk_stats.level_totals([]), (), 0, ())

    def scoped(rows: list[risk_stats.UnitLevels]) -> tuple[risk_stats.UnitLevels, ...]:
        return tuple(r for r in rows if units is None or r.unit_id in units)

    rows = scoped(risk_stats.unit_levels(session, actor, year))
    names = {r.unit_id: r.unit_name for r in rows}
    top = tuple(names[uid] for uid in risk_stats.top_control_units(session, actor, year) if uid in names)
    confirmed = exists().where(RiskAssessment.risk_point_id == RiskLevelChange.risk_point_id,
                               RiskAssessment.year == year, RiskAssessment.status == risk_stats.CONFIRMED)
    query = (select(RiskLevelChange, RiskPoint.code, RiskPoint.name, Unit.name)
             .join(RiskPoint, RiskLevelChange.risk_point_id == RiskPoint.id)
             .join(Unit, RiskPoint.unit_id == Unit.id)
             .where(RiskLevelChange.year == year, confirmed)
             .order_by(RiskLevelChange.changed_on, RiskLevelChange.id))
    query = query.where(readable(actor, RiskPoint))
    if units is not None:
        query = query.where(RiskPoint.unit_id.in_(units))
    new_points, changes = 0, []
    for change, code, name, unit_name in session.execute(query):
        if change.from_level is None:
            new_points += 1  # 首次评定: a new point, not a re-levelling
        elif change.from_level != change.to_level:
            changes.append(LevelChange(code, name, unit_name, change.from_level, change.to_level,
                                       change.changed_on, change.reason))
    return RiskSection(year, rows, scoped(risk_stats.risk_levels_by_unit(session, actor, year)),
                       risk_stats.level_totals(rows), top, new_points, tuple(changes))


# ---- 监督检查 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthInspections:
    year: int
    month: int
    label: str
    style: int       # 工作作风纪律检查
    other: int       # every other type
    whole: bool      # the whole month lies in the period
    state: str       # monthly_coverage's: ok · missing · current · future

    @property
    def missing(self) -> bool:
        return self.state == "missing" and self.whole


@dataclass(frozen=True)
class InspectionSection:
    months: tuple[MonthInspections, ...]
    by_kind: tuple[tuple[str, str, int], ...]   # (code, label, count) in the period
    unit_count: int | None                      # inspections naming the unit (unit reports)

    @property
    def style_total(self) -> int:
        return sum(m.style for m in self.months)

    @property
    def total(self) -> int:
        return sum(m.style + m.other for m in self.months)

    @property
    def missing_months(self) -> list[str]:
        return [m.label for m in self.months if m.missing]


def _inspection_count(session: Session, actor: Actor, filt: inspections_types.InspectionFilter) -> int:
    return len(inspections_query.search_inspection_ids(session, actor, filt))


def _inspection_section(session: Session, actor: Actor, period: ReportPeriod, today: dt.date,
                       unit_id: int | None) -> InspectionSection:
    style_code = inspections_types.STYLE_CHECK
    several = len(period.years) > 1
    per_year = {year: (inspections_stats.inspections_per_month(session, actor, year, style_code),
                       inspections_stats.inspections_per_month(session, actor, year, None),
                       inspections_stats.monthly_coverage(session, actor, year, today))
                for year in period.years}
    months = []
    for year, month in period.months():
        style_counts, all_counts, coverage = per_year[year]
        start, end, whole = period.month_span(year, month)
        if whole:
            style, every = style_counts[month - 1], all_counts[month - 1]
        else:  # the days of a cut month: the register's own filter
            style = _inspection_count(session, actor, inspections_types.InspectionFilter(
                start=start, end=end, kind=style_code))
            every = _inspection_count(session, actor, inspections_types.InspectionFilter(start=start, end=end))
        months.append(MonthInspections(year, month, month_label(year, month, several), style,
                                       every - style, whole, coverage.months[month - 1].state))
    vocab = load_vocabulary(session)
    by_kind = []
    for entry in vocab.entries("inspection_type", include_inactive=True):
        n = _inspection_count(session, actor, inspections_types.InspectionFilter(
            start=period.start, end=period.end, kind=entry.code))
        if n or entry.active:
            by_kind.append((entry.code, entry.label, n))
    unit_count = None if unit_id is None else _inspection_count(session, actor, inspections_types.InspectionFilter(
        start=period.start, end=period.end, unit_id=unit_id))
    return InspectionSection(tuple(months), tuple(by_kind), unit_count)


# ---- 问题整改 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceStats:
    code: str
    label: str
    stats: finding_stats.FindingStats


@dataclass(frozen=True)
class FindingSection:
    total: finding_stats.FindingStats
    by_source: tuple[SourceStats, ...]
    by_unit: tuple[finding_stats.UnitFindingStats, ...]
    overdue: tuple[FindingRow, ...]             # the longest overdue first


def _finding_section(session: Session, actor: Actor, period: ReportPeriod, today: dt.date,
                    unit_id: int | None) -> FindingSection:
    filt = FindingFilter(start=period.start, end=period.end, unit_id=unit_id)
    total = finding_stats.completion_stats(session, actor, filt, today)
    vocab = load_vocabulary(session)
    by_source = []
    for entry in vocab.entries("finding_source", include_inactive=True):
        stats = finding_stats.completion_stats(session, actor, replace(filt, source=entry.code), today)
        if stats.total or entry.active:
            by_source.append(SourceStats(entry.code, entry.label, stats))
    overdue_ids = search_finding_ids(session, actor, replace(filt, deadline="overdue"), today,
                                     sort="deadline", descending=False)
    return FindingSection(total, tuple(by_source),
                          tuple(finding_stats.stats_by_unit(session, actor, filt, today)),
                          tuple(finding_rows(session, overdue_ids, today)))


# ---- 谈话 -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindCounts:
    code: str
    label: str
    counts: talk_stats.Counts


@dataclass(frozen=True)
class TalkSection:
    total: talk_stats.Counts
    by_kind: tuple[KindCounts, ...]
    # The chart's months: labels and a MonthlyStats whose "months" are 1…N in period order.
    month_labels: tuple[str, ...]
    monthly: talk_stats.MonthlyStats
    coverage: talk_stats.Coverage | None = None   # 谈心谈话 of the period, per person on the roster


def coverage_start(period: ReportPeriod) -> dt.date:
    """谈心谈话 is due once a year with everyone: a period within one year counts coverage from that
    year's 1 January (a half-year report says where the year stands); a longer one, its own start."""
    return dt.date(period.end.year, 1, 1) if period.start.year == period.end.year else period.start


def _talk_section(session: Session, actor: Actor, period: ReportPeriod, unit_id: int | None) -> TalkSection:
    per_year = {year: talk_stats.monthly_stats(session, actor, year, unit_id) for year in period.years}
    kinds = tuple(dict.fromkeys(k for year in period.years for k in per_year[year].kinds))
    several = len(period.years) > 1
    cells: dict[tuple[int, str], talk_stats.Counts] = {}
    labels = []
    whole_months = True
    for index, (year, month) in enumerate(period.months(), start=1):
        labels.append(month_label(year, month, several))
        start, end, whole = period.month_span(year, month)
        whole_months = whole_months and whole
        for code, _label in kinds:
            if whole:
                found = per_year[year].cells.get((month, code))
            else:
                found = talk_stats.talk_counts(session, actor, start, end, (code,), unit_id)
            if found is not None and found.times:
                cells[(index, code)] = found
    if whole_months:
        # 次 (talks) and 人次 (talkees) add up over months and types: the period's figures are
        # the sums of its months' cells, read above — no query per type.
        def summed(found: list[talk_stats.Counts]) -> talk_stats.Counts:
            return talk_stats.Counts(sum(c.times for c in found), sum(c.people for c in found))

        total = summed([c for year in period.years for (month, _code), c in per_year[year].cells.items()
                        if period.contains(dt.date(year, month, 1))])
        by_kind = [KindCounts(code, label, summed([c for (_index, k), c in cells.items() if k == code]))
                   for code, label in kinds]
    else:
        total = talk_stats.talk_counts(session, actor, period.start, period.end, unit_id=unit_id)
        by_kind = [KindCounts(code, label, talk_stats.talk_counts(session, actor, period.start, period.end,
                                                                  (code,), unit_id))
                   for code, label in kinds]
    coverage = talk_stats.heart_talk_coverage(session, actor, coverage_start(period), period.end, unit_id)
    return TalkSection(total, tuple(by_kind), tuple(labels),
                       talk_stats.MonthlyStats(period.end.year, kinds, cells), coverage)


# ---- 第一种形态 ---------------------------------------------------------------------------------


def _ledger_section(session: Session, actor: Actor, period: ReportPeriod, unit_id: int | None) -> LedgerStats:
    if period == ReportPeriod.of_year(period.start.year):  # as the register's chart asks for a year
        return ledger_statistics(session, actor, period.start.year, unit_id)
    return ledger_statistics(session, actor, filt=LedgerFilter(start=period.start, end=period.end,
                                                               unit_id=unit_id))


# ---- 问题线索和处分 -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SanctionSection:
    received: ClueFigures          # clues received in the period (their state as of today)
    closed: ClueFigures            # clues 办结 in the period, by where they led
    measures: SanctionFigures      # 处分 and 组织处理 decided in the period (诫勉: the ledger's)


def _sanction_section(session: Session, actor: Actor, period: ReportPeriod, today: dt.date,
                      unit_id: int | None) -> SanctionSection:
    received = clue_figures(session, actor, ClueFilter(start=period.start, end=period.end, unit_id=unit_id), today)
    closed = clue_figures(session, actor, ClueFilter(closed_start=period.start, closed_end=period.end,
                                                     unit_id=unit_id), today)
    measures = sanction_figures(session, actor, SanctionFilter(start=period.start, end=period.end, unit_id=unit_id),
                                today)
    return SanctionSection(received, closed, measures)


# ---- 节前廉政提醒 -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FestivalItem:
    key: str
    label: str
    remind_on: dt.date
    rest_start: dt.date
    rest_end: dt.date
    sent: bool           # marked done (推送) on 首页
    how: str
    done_by: str


@dataclass(frozen=True)
class FestivalSection:
    items: tuple[FestivalItem, ...]   # reminders due in the period, in date order
    today: dt.date

    @property
    def due(self) -> list[FestivalItem]:
        """Those whose day has come (a later one is not yet owed)."""
        return [i for i in self.items if i.remind_on <= self.today]

    @property
    def sent(self) -> int:
        return sum(1 for i in self.items if i.sent)


def _festival_section(session: Session, actor: Actor, period: ReportPeriod, today: dt.date,
                      settings: Settings) -> FestivalSection:
    done = {state.key: state for state in done_reminders(session, actor)}
    items = []
    for year in range(period.start.year, period.end.year + 2):  # 元旦's reminder falls the year before
        for f in festival_reminders(session, year, settings.festival_lead_days):
            if period.contains(f.remind_on):
                state = done.get(f.key)
                label = f.label.replace("、", "和")  # 中秋节和国庆节: one reminder, one name in a list
                items.append(FestivalItem(f.key, label, f.remind_on, f.rest_start, f.rest_end,
                                          state is not None, state.how if state else "",
                                          state.done_by if state else ""))
    return FestivalSection(tuple(sorted(items, key=lambda i: i.remind_on)), today)


# ---- 婚丧喜庆 · 意见回复 · 问题类别 -----------------------------------------------------------


@dataclass(frozen=True)
class CeremonySection:
    figures: CeremonyFigures                       # events in the period: 迟报, 需关注, 提醒谈话
    by_kind: tuple[tuple[str, str, int], ...]      # (code, label, reports)
    forbidden: int                                 # a kind marked 不得操办
    over_scale: int                                # above the settings' 桌数/人数 limits


def _ceremony_section(session: Session, actor: Actor, period: ReportPeriod, unit_id: int | None) -> CeremonySection:
    filt = CeremonyFilter(start=period.start, end=period.end, unit_id=unit_id)
    rows = ceremonies_query.report_rows(session, ceremonies_query.search_report_ids(session, actor, filt))
    vocab = load_vocabulary(session)
    counts = {e.code: 0 for e in vocab.entries("ceremony_kind")}
    for row in rows:
        counts[row.kind] = counts.get(row.kind, 0) + 1
    return CeremonySection(ceremonies_query.ceremony_figures(session, actor, filt),
                           tuple((code, vocab.label("ceremony_kind", code), n) for code, n in counts.items() if n),
                           sum(r.forbidden_kind for r in rows), sum(bool(r.over_scale) for r in rows))


@dataclass(frozen=True)
class OpinionSection:
    total: int                                     # 党风廉政意见回复 dated in the period
    by_purpose: tuple[tuple[str, int], ...]        # (label, replies)
    people: int                                    # different people replied on


def _opinion_section(session: Session, actor: Actor, period: ReportPeriod, unit_id: int | None) -> OpinionSection:
    rows = [r for r in opinion_replies(session, actor, year=None) if period.contains(r.as_of)]
    if unit_id is not None:  # a reply keeps the unit it was issued for (its name)
        names = {u.name for u in session.scalars(select(Unit).where(Unit.id.in_(descendant_unit_ids(session, unit_id))))}
        rows = [r for r in rows if r.unit_name in names]
    purposes: dict[str, int] = {}
    for r in rows:
        purposes[r.purpose_label] = purposes.get(r.purpose_label, 0) + 1
    return OpinionSection(len(rows), tuple(purposes.items()), len({r.person_id or r.person_name for r in rows}))


@dataclass(frozen=True)
class CategorySection:
    """Findings (问题, found in the period) and first-form 人次 (decided in it) by the headings of
    their 问题类别: grouping (discipline · style · eight_rules) → the heading counts."""

    findings: dict[str, tuple[HeadingCount, ...]]
    ledger: dict[str, tuple[HeadingCount, ...]]

    def count(self, register: str, grouping: str) -> int:
        return sum(h.count for h in getattr(self, register)[grouping])


def _category_section(session: Session, actor: Actor, period: ReportPeriod, today: dt.date,
                      unit_id: int | None) -> CategorySection:
    vocab = load_vocabulary(session)
    findings = finding_stats.category_counts(session, actor, FindingFilter(start=period.start, end=period.end,
                                                                            unit_id=unit_id), today)
    ledger = ledger_stats.category_counts(session, actor, LedgerFilter(start=period.start, end=period.end,
                                                                       unit_id=unit_id))
    return CategorySection({g: tuple(by_heading(vocab, findings, g)) for g in GROUPINGS},
                           {g: tuple(by_heading(vocab, ledger, g)) for g in GROUPINGS})


# ---- the whole report -------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportFigures:
    period: ReportPeriod
    bureau: str
    unit_id: int | None
    unit_name: str              # "" = the whole bureau
    today: dt.date              # statuses and overdue are as of this day
    settings: Settings          # level labels and colours
    risks: RiskSection
    inspections: InspectionSection
    findings: FindingSection
    talks: TalkSection
    ledger: LedgerStats
    sanctions: SanctionSection
    festivals: FestivalSection
    ceremonies: CeremonySection
    opinions: OpinionSection
    categories: CategorySection
    duty: DutySection
    education: EducationSection
    chain_code: str = ""        # the audit chain's 校验码 when the figures were read (printed)

    @property
    def scope_name(self) -> str:
        return self.unit_name or self.bureau

    @property
    def title(self) -> str:
        return f"{self.title_scope}{TITLE_SUBJECT}"

    @property
    def title_scope(self) -> str:
        return f"{self.scope_name}{self.period.label}"


def own_unit(session: Session, actor: Actor) -> int:
    """The unit a unit-limited user reports on: the one their units hang from. A report of the
    whole bureau would count only their units under the bureau's title."""
    own = set(actor.unit_ids or ())
    tops = [u.id for u in session.scalars(select(Unit).where(Unit.id.in_(own))) if u.parent_id not in own]
    if len(tops) != 1:
        raise ValidationError("您的账号只能查看指定单位的记录：请在“单位”中选择一个单位，报告按该单位生成。", "unit")
    return tops[0]


def report_figures(session: Session, actor: Actor, period: ReportPeriod, *, today: dt.date,
                   unit_id: int | None = None, progress: Progress | None = None) -> ReportFigures:
    """The report's figures for `period` (and one unit with the units below it, when given), as
    the actor may see them, each from the register's own statistics service. Statuses (整改,
    overdue) are as of `today`. Raises Cancelled when `progress` is cancelled."""
    progress = progress or Progress()
    settings = load_settings(session)
    if actor.unit_ids is not None and unit_id is None:
        unit_id = own_unit(session, actor)
    unit = session.get(Unit, unit_id) if unit_id is not None else None
    if unit_id is not None and unit is None:
        raise ValidationError("所选单位不存在。", "unit")
    # A limited clerk's report of another unit would count nothing under that unit's title.
    require_readable_unit(actor, unit_id, unit.name if unit else "")
    units = descendant_unit_ids(session, unit_id) if unit_id is not None else None
    unit_name = unit.name if unit is not None else ""
    steps = (("廉政风险点", lambda: _risk_section(session, actor, period, units)),
             ("监督检查", lambda: _inspection_section(session, actor, period, today, unit_id)),
             ("问题整改", lambda: _finding_section(session, actor, period, today, unit_id)),
             ("谈话", lambda: _talk_section(session, actor, period, unit_id)),
             ("第一种形态", lambda: _ledger_section(session, actor, period, unit_id)),
             ("问题线索和处分", lambda: _sanction_section(session, actor, period, today, unit_id)),
             ("节前廉政提醒", lambda: _festival_section(session, actor, period, today, settings)),
             ("婚丧喜庆", lambda: _ceremony_section(session, actor, period, unit_id)),
             ("意见回复", lambda: _opinion_section(session, actor, period, unit_id)),
             ("问题类别", lambda: _category_section(session, actor, period, today, unit_id)),
             ("主体责任", lambda: duty_section(session, actor, period, today, settings, unit_id)),
             ("廉政教育", lambda: education_section(session, actor, period, today, unit_id)))
    done = []
    for n, (label, compute) in enumerate(steps):
        progress.report(n, len(steps), f"统计{label}…")
        done.append(compute())
    progress.report(len(steps), len(steps), "统计完成")
    return ReportFigures(period, settings.bureau_name, unit_id, unit_name, today, settings, *done,
                         chain_code=current_head(session).code)
