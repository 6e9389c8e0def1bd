"""The program's registers, one entry each: the list every cross-register feature walks, so a
new register is declared once and cannot be forgotten by one of them.

An entry names its register's key (the command line's REGISTER, the Excel engine's adapter in
app/excel/registry.py, the key of its search hits), its title, the tables it owns (each in
app/visibility.py RULES), what a year holds of it (the 归档 counts of app/reports/archive_years.py)
and its file in a year's archive folder (app/reports/archive_export.py: the Excel engine's
export of that year). Search (app/search.py) keys its providers by these keys.

tests/unit/test_registry.py holds the list to the schema and to its users: every table the read
rule knows belongs to one entry (or is said not to be a register's); every entry that holds
records by year is counted and filed; every entry has a search provider (or says why not); every
Excel adapter is an entry's.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import not_

from db.models import (
    CeremonyReport,
    Clue,
    DutyReport,
    EducationSession,
    Finding,
    Inspection,
    LeaderReport,
    LedgerEntry,
    Pledge,
    RiskAssessment,
    Sanction,
    Study,
    Talk,
    UnitAssessment,
)


@dataclass(frozen=True)
class YearCount:
    """One figure of a year in the 归档 list: records of `model` whose `column` (a date, or a
    year) falls in the year, `where` narrowing them (约谈 among the talks; sanctions but the
    ledger's 诫勉). A `part` counts some of another figure's records (其中约谈): the register's
    file holds the others' records, found and closed findings possibly twice over."""

    label: str
    model: Any
    column: Any
    where: Any = None
    part: bool = False


@dataclass(frozen=True)
class RegisterEntry:
    key: str                             # the command line's REGISTER, the Excel adapter's key
    title: str
    tables: tuple[str, ...]              # the tables it owns (app/visibility.py RULES)
    years: tuple[YearCount, ...] = ()    # what a closed year holds of it; () = not kept by year
    filed_as: str = ""                   # its file in a year's archive folder ("" = not filed)


# A ledger entry's 诫勉 is the ledger's (filed and counted with 第一种形态), not a second record.
_NOT_FROM_LEDGER = not_((Sanction.kind == "admonish") & Sanction.ledger_entry_id.is_not(None))

# Filing order: the archive folder's numbering and the 归档 list's columns follow it.
ENTRIES: tuple[RegisterEntry, ...] = (
    RegisterEntry("people", "人员", ("people", "position_changes")),
    RegisterEntry("units", "单位", ("units",)),
    RegisterEntry("risks", "廉政风险点", ("risk_points", "risk_assessments", "risk_level_changes"),
                  (YearCount("风险点评估", RiskAssessment, RiskAssessment.year),), "01 廉政风险点登记表.xlsx"),
    RegisterEntry("inspections", "监督检查", ("inspections",),
                  (YearCount("监督检查", Inspection, Inspection.inspected_on),), "02 监督检查登记表.xlsx"),
    RegisterEntry("findings", "问题整改", ("findings",),
                  (YearCount("发现问题", Finding, Finding.found_on), YearCount("销号问题", Finding, Finding.closed_on)),
                  "03 问题整改台账.xlsx"),
    # 约谈 (issue 19) are talks of type 约谈: filed with the talks, counted apart as well.
    RegisterEntry("talks", "谈话记录", ("talks",),
                  (YearCount("谈话记录", Talk, Talk.talk_date),
                   YearCount("其中约谈", Talk, Talk.talk_date, Talk.kind == "interview", part=True)), "04 谈话记录.xlsx"),
    RegisterEntry("ledger", "第一种形态", ("ledger_entries",),
                  (YearCount("第一种形态", LedgerEntry, LedgerEntry.decided_on),), "05 第一种形态工作台账.xlsx"),
    RegisterEntry("ceremonies", "婚丧喜庆报备", ("ceremony_reports",),
                  (YearCount("婚丧喜庆报备", CeremonyReport, CeremonyReport.event_date),), "06 婚丧喜庆报备登记表.xlsx"),
    RegisterEntry("clues", "问题线索", ("clues",),
                  (YearCount("问题线索", Clue, Clue.received_on),), "07 问题线索登记表.xlsx"),
    RegisterEntry("sanctions", "处分与组织处理", ("sanctions",),
                  (YearCount("处分处理", Sanction, Sanction.decided_on, _NOT_FROM_LEDGER),),
                  "08 处分和组织处理情况登记表.xlsx"),
    RegisterEntry("pledges", "责任书", ("pledges",),
                  (YearCount("责任书", Pledge, Pledge.year),), "09 党风廉政建设责任书签订情况.xlsx"),
    RegisterEntry("studies", "专题研究", ("studies",),
                  (YearCount("专题研究", Study, Study.held_on),), "10 专题研究全面从严治党工作登记表.xlsx"),
    RegisterEntry("assessments", "考核评价和述职述廉", ("unit_assessments", "leader_reports"),
                  (YearCount("考核评价", UnitAssessment, UnitAssessment.year),
                   YearCount("述职述廉", LeaderReport, LeaderReport.year)), "11 主体责任考核和述职述廉.xlsx"),
    RegisterEntry("duty_reports", "报告报送", ("duty_reports",),
                  (YearCount("报告报送", DutyReport, DutyReport.year),), "12 报告报送登记表.xlsx"),
    RegisterEntry("education", "廉政教育", ("education_sessions",),
                  (YearCount("廉政教育", EducationSession, EducationSession.held_on),), "13 廉政教育开展情况登记表.xlsx"),
    # Replies are letters issued to another body, kept as issued (never edited, so no year closes
    # them) and listed on their own page; the year's archive does not refile them.
    RegisterEntry("opinions", "意见回复", ("opinion_replies",)),
)

BY_KEY: dict[str, RegisterEntry] = {entry.key: entry for entry in ENTRIES}

# Every figure a year holds, in order: the 归档 list's columns.
YEAR_COUNTS: tuple[YearCount, ...] = tuple(count for entry in ENTRIES for count in entry.years)

# The registers filed in a year's archive folder, in order: (key, file name).
FILED: tuple[tuple[str, str], ...] = tuple((e.key, e.filed_as) for e in ENTRIES if e.filed_as)
