"""The demo's inspections and findings, built for an as-of date through the services."""
from __future__ import annotations

import datetime as dt

import pytest

from app.demo.build import DEMO_PASSWORD, build_demo
from app.registers.findings import stats as st
from app.registers.findings.types import FindingFilter
from app.registers.inspections import stats as ins
from app.workspace.facade import Workspace

AS_OF = dt.date(2026, 11, 28)


@pytest.mark.slow
def test_demo_has_monthly_checks_and_findings_in_every_state(tmp_path):
    build_demo(tmp_path / "demo", AS_OF)
    ws = Workspace.open(tmp_path / "demo", as_of=AS_OF)
    try:
        admin = ws.sign_in("admin", DEMO_PASSWORD)
        with ws.reading() as s:
            coverage = ins.coverage_years(s, admin, AS_OF)
            stats = st.completion_stats(s, admin, FindingFilter(), AS_OF)
            from sqlalchemy import func, select

            from db.models import FindingExtension, FindingStatusChange
            extended = s.scalar(select(func.count(func.distinct(FindingExtension.finding_id))))
            days_overdue = [(AS_OF - f.deadline).days for f in st.overdue_findings(s, admin, AS_OF)]
            from db.models import Inspection, Unit, inspection_units
            inspected = {name for (name,) in s.execute(select(Unit.name).join(
                inspection_units, inspection_units.c.unit_id == Unit.id))}
            festival = [(i.inspected_on, i.title) for i in s.scalars(select(Inspection).where(Inspection.kind == "festival"))]
            reopened = s.scalar(select(func.count()).where(FindingStatusChange.from_status == "closed"))
    finally:
        ws.close()
    missing = [m for year in coverage for m in year.missing_months]
    assert 1 <= len(missing) <= 3  # a month or two missed in three years
    assert all(1 <= m.count <= 2 for year in coverage for m in year.months if m.state == "ok")
    assert min(stats.pending, stats.in_progress, stats.rectified, stats.done, stats.mostly) >= 1
    # Overdue findings are few and recent (an office chases them); lingering older ones were extended.
    assert 2 <= stats.overdue <= 6 and stats.due_soon >= 1
    assert max(days_overdue) <= 120, days_overdue
    assert extended >= 2 and 1 <= reopened <= 3
    assert "局机关纪委" not in inspected and "局领导班子" not in inspected  # the 纪委 inspects the others
    # Festival checks in their season: before 春节 in January or February, before 中秋国庆 in September.
    assert all(day.month in (1, 2) if "春节" in title else day.month == 9 for day, title in festival)
    assert not any("元旦" in title and day.month != 12 for day, title in festival)
