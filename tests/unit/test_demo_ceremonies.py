"""The demo's 报备, position changes and talks, built for an as-of date through the services: as a
纪委书记 would believe them — talk texts that match their reasons, 谈心谈话 with nearly everyone
in a full year, 科长 who are Party members."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app import reminders as rem
from app.demo.build import DEMO_PASSWORD, build_demo
from app.registers.ceremonies import query as cer
from app.registers.ceremonies.types import CeremonyFilter
from app.registers.people import pre_talks as pt
from app.registers.people.query import people_rows, search_people_ids
from app.registers.people.types import PersonFilter
from app.registers.talks.query import search_talk_ids, talk_rows
from app.registers.talks.stats import heart_talk_coverage
from app.registers.talks.types import TalkFilter
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
            talks = talk_rows(s, search_talk_ids(s, admin, TalkFilter(year=AS_OF.year - 1)))
            coverage = heart_talk_coverage(s, admin, dt.date(AS_OF.year - 1, 1, 1), dt.date(AS_OF.year - 1, 12, 31))
            heads = [p for p in people_rows(s, search_people_ids(s, admin, PersonFilter()))
                     if p.position in ("科长", "副科长")]
    finally:
        ws.close()
    assert years == [2026, 2025, 2024, 2023] and figures.total >= 40
    assert 3 <= figures.late <= figures.total // 4 and 3 <= figures.concerns <= figures.total // 4
    assert {r.id: r.late for r in rows} == stored  # the stored flag is what the rule says now
    assert figures.total // 3 <= figures.with_talk <= figures.total * 3 // 4
    assert {"wedding", "funeral"} <= {r.kind for r in rows} and {r.kind for r in rows} & {"school", "birthday", "housewarming", "full_month"}
    # Every report with a concern held long enough ago has its 提醒谈话, written from the report.
    assert all(r.talk_id is not None for r in rows if r.concerns and r.reported_on < AS_OF - dt.timedelta(days=10))
    assert all(r.relation for r in rows) and sum(r.pledge_signed for r in rows) >= figures.total // 2
    assert all(r.talk_date is None or r.talk_date >= r.reported_on for r in rows)
    # Position changes over four years and more; all but the newest have their 任前廉政谈话.
    assert len(changes) >= 20 and min(c.change.changed_on for c in changes).year <= AS_OF.year - 3
    assert [c.state for c in changes[1:]] == ["done"] * (len(changes) - 1)
    assert len(waiting) == 1 and waiting[0].key == f"pre-talk:{changes[0].change.id}"
    # Talk texts match their reasons: a 婚丧喜庆 提醒 is about the report it follows, a 提醒 on a
    # tendency never about a wedding; a festival talk names its festival.
    linked = {r.talk_id: r for r in rows if r.talk_id}
    for talk in talks:
        if talk.reason == "ceremony":
            assert talk.id in linked and linked[talk.id].kind_label in talk.content, talk.content
        elif talk.kind == "reminder":
            assert not any(word in talk.content for word in ("婚宴", "婚丧", "寿宴")), talk.content
        if talk.kind == "integrity" and talk.reason == "festival":
            assert any(name in talk.content for name in ("元旦", "春节", "劳动节", "端午", "中秋")), talk.content
    assert 0.8 <= coverage.rate < 1 and coverage.uncovered  # nearly everyone, not quite
    assert heads and all(p.political_status == "cpc" for p in heads)
