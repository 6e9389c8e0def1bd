"""The demo's 报备 and position changes, built for an as-of date through the services."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app import reminders as rem
from app.demo.build import DEMO_PASSWORD, build_demo
from app.registers.ceremonies import query as cer
from app.registers.ceremonies.types import CeremonyFilter
from app.registers.people import pre_talks as pt
from app.workspace.facade import Workspace
from db.models import CeremonyReport

AS_OF = dt.date(2026, 11, 28)


@pytest.mark.slow
def test_demo_has_reports_over_the_years_some_late_some_with_a_talk_and_changes_with_their_talks(tmp_path):
    build_demo(tmp_path / "demo", AS_OF)
    ws = Workspace.open(tmp_path / "demo", as_of=AS_OF)
    try:
        admin = ws.sign_in("admin", DEMO_PASSWORD)
        with ws.reading() as s:
            figures = cer.ceremony_figures(s, admin, CeremonyFilter())
            years = cer.report_years(s)
            rows = cer.report_rows(s, cer.search_report_ids(s, admin, CeremonyFilter()))
            stored = dict(s.execute(select(CeremonyReport.id, CeremonyReport.late)).all())
            changes = pt.changes_with_talks(s, admin, AS_OF, ws.settings.pre_talk_days)
            waiting = [r for r in rem.reminders(s, admin, AS_OF, ws.settings) if r.key.startswith("pre-talk:")]
    finally:
        ws.close()
    assert years == [2026, 2025, 2024, 2023] and figures.total >= 40
    assert 3 <= figures.late <= figures.total // 4 and figures.concerns == 2
    assert {r.id: r.late for r in rows} == stored  # the stored flag is what the rule says now
    assert figures.total // 3 <= figures.with_talk <= figures.total * 2 // 3
    assert {r.kind for r in rows} == {"wedding", "funeral", "other"}
    assert all(r.talk_date is None or r.talk_date >= r.reported_on for r in rows)
    # Position changes over four years and more; all but the newest have their 任前廉政谈话.
    assert len(changes) >= 20 and min(c.change.changed_on for c in changes).year <= AS_OF.year - 3
    assert [c.state for c in changes[1:]] == ["done"] * (len(changes) - 1)
    assert len(waiting) == 1 and waiting[0].key == f"pre-talk:{changes[0].change.id}"
