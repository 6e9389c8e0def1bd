"""Demo 党风廉政意见回复: the replies an office issues before each promotion the demo records (a
week or two before the 局党组's decision, for 提拔任用) and, each December, for the year's
评先评优 of a handful of unit leaders — through the opinions service, which states what the
registers hold about each person (the files it writes go to a folder the step throws away)."""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from app.demo.build import DemoContext
from app.registers.opinions.write import issue_opinions
from app.registers.people import query as people_query
from app.registers.people.demo import LEADERSHIP

AWARDS = 4  # unit leaders proposed for 评先评优 each December


def populate(ctx: DemoContext) -> None:
    rng, as_of = ctx.rng, ctx.as_of
    by_unit: dict[str, list[int]] = ctx.shared["people_by_unit"]
    with ctx.ws.reading() as s:
        changes = [c for c in people_query.position_changes(s, ctx.actor) if c.is_promotion]
        leaders = [p.id for p in people_query.people_rows(s, [i for u, ids in by_unit.items() if u != LEADERSHIP
                                                               for i in ids]) if p.is_leader and p.active]
    requests: list[tuple[dt.date, list[int], str]] = []
    for change in changes:
        day = change.changed_on - dt.timedelta(days=rng.randint(7, 14))
        requests.append((day - dt.timedelta(days=max(0, day.weekday() - 4)), [change.person_id], "promotion"))
    for year in ctx.years(4):
        day = dt.date(year, 12, rng.randint(10, 20))
        requests.append((day - dt.timedelta(days=max(0, day.weekday() - 4)),
                         rng.sample(leaders, min(AWARDS, len(leaders))), "award"))
    bureau = ctx.ws.settings.bureau_name
    with tempfile.TemporaryDirectory(prefix="qingfeng-demo-") as folder, ctx.ws.writing() as s:
        for n, (day, people, purpose) in enumerate(sorted(requests)):
            if day <= as_of:
                issue_opinions(s, ctx.actor, people, purpose, day, Path(folder) / f"{n}.docx",
                               bureau=bureau, today=as_of)
