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
            reopened = s.scalar(select(func.count()).where(FindingStatusChange.from_status == "closed"))
    finally:
        ws.close()
    missing = [m for year in coverage for m in year.missing_months]
    assert 1 <= len(missing) <= 3  # a month or two missed in three years
    assert all(1 <= m.count <= 2 for year in coverage for m in year.months if m.state == "ok")
    assert min(stats.pending, stats.in_progress, stats.rectified, stats.done, stats.mostly) >= 1
    assert stats.overdue >= 3 and stats.due_soon >= 1
    assert extended >= 2 and 1 <= reopened <= 3
