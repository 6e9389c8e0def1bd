"""Demo 报告报送: each 责任单位's half-year reports, monthly 信息 and yearly 调研报告 for the last
full year and this year up to the as-of date — most in time, some late, a few missing (what the
tracking table and 首页 show)."""
from __future__ import annotations

import datetime as dt

from app.demo.build import DemoContext
from app.registers.duty_reports import write as reports_write
from app.registers.duty_reports.rules import due_date, period_span, periods_of
from app.registers.duty_reports.types import (
    HALF_YEAR,
    INFO,
    RESEARCH,
    DutyReportDraft,
    period_label,
)
from app.registers.pledges.query import responsible_units
from app.settings import load_settings

TITLES = {HALF_YEAR: "{label}全面从严治党和党风廉政建设工作情况报告", INFO: "{unit}党风廉政建设工作信息",
          RESEARCH: "关于{unit}廉政风险防控工作的调研报告"}
MISSING = {HALF_YEAR: 0.06, INFO: 0.12, RESEARCH: 0.1}


def populate(ctx: DemoContext) -> None:
    rng, as_of, actor = ctx.rng, ctx.as_of, ctx.actor
    with ctx.ws.reading() as s:
        settings = load_settings(s)
    drafts = []
    for year in (as_of.year - 1, as_of.year):
        with ctx.ws.reading() as s:
            units = responsible_units(s, actor, year)
        for kind in (HALF_YEAR, INFO, RESEARCH):
            for period in periods_of(kind):
                _start, end = period_span(kind, year, period)
                due = due_date(kind, year, period, settings)
                first = end - dt.timedelta(days=25) if kind == INFO else (
                    end + dt.timedelta(days=1) if kind == HALF_YEAR else dt.date(year, 9, 1))
                for unit in units:
                    if rng.random() < MISSING[kind] * (2 if year == as_of.year else 1):
                        continue
                    late = rng.random() < 0.1
                    received = due + dt.timedelta(days=rng.randint(1, 20)) if late else \
                        first + dt.timedelta(days=rng.randint(0, max(0, (due - first).days)))
                    if received > as_of:
                        continue
                    label = period_label(kind, year, period)
                    drafts.append(DutyReportDraft(unit.id, kind, year, period, received,
                                                  TITLES[kind].format(label=label, unit=unit.name)))
                    if kind == INFO and rng.random() < 0.3:  # a second 信息 in the month
                        second = min(received + dt.timedelta(days=rng.randint(3, 12)), as_of)
                        drafts.append(DutyReportDraft(unit.id, kind, year, period, second,
                                                      TITLES[kind].format(label=label, unit=unit.name) + "（二）"))
    with ctx.ws.writing() as s:
        for draft in drafts:
            reports_write.save_duty_report(s, actor, draft, as_of)
