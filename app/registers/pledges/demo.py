"""Demo 责任书: for the last full year and the current one, the 党组 with each 科室 and 直属单位
(signed by its head, the 局长 as 责任领导), with each 班子成员, and two units with their posts.
Last year's were all signed in February and March (one in April); this year's come back the
same way, except that a few are still out after the administrator's date — the 首页 reminder."""
from __future__ import annotations

import datetime as dt

from app.demo.build import DemoContext
from app.registers.people import query as ppl
from app.registers.people.demo import LEADERSHIP
from app.registers.pledges import query as pledges_query
from app.registers.pledges import write as pledges_write
from app.registers.pledges.types import PledgeFilter
from app.registers.units.query import list_units

POST_UNITS = ("财务科", "市博物馆")  # units whose staff sign with their head (层层签订)
UNSIGNED_NOW = 3                     # this year's still out


def populate(ctx: DemoContext) -> None:
    rng, as_of, actor = ctx.rng, ctx.as_of, ctx.actor
    by_unit: dict[str, list[int]] = ctx.shared["people_by_unit"]
    with ctx.ws.reading() as s:
        units = [u for u in list_units(s, include_inactive=False)
                 if u.kind in pledges_query.RESPONSIBLE_KINDS and u.name != LEADERSHIP]
        people = {p.id: p for p in ppl.people_rows(s, [pid for ids in by_unit.values() for pid in ids])}
    director = people[by_unit[LEADERSHIP][0]]
    members = [pid for pid in by_unit[LEADERSHIP][1:] if people[pid].active]
    for year in (as_of.year - 1, as_of.year):
        with ctx.ws.writing() as s:
            heads = ppl.unit_heads(s, [u.id for u in units])
            pledges_write.draw_up_year(s, actor, year, "party_unit", unit_ids=[u.id for u in units],
                                       leader_name=director.name)
            pledges_write.draw_up_year(s, actor, year, "party_member", person_ids=members, leader_name=director.name)
            for name in POST_UNITS:
                unit = next(u for u in units if u.name == name)
                head = heads.get(unit.id)
                staff = [pid for pid in by_unit[name] if people[pid].active and (head is None or pid != head.id)]
                pledges_write.draw_up_year(s, actor, year, "unit_post", person_ids=staff,
                                           leader_name=head.name if head else "")
            ids = pledges_query.search_pledge_ids(s, actor, PledgeFilter(year=year))
            rows = pledges_query.pledge_rows(s, ids)
            late = {r.id for r in rng.sample(rows, UNSIGNED_NOW)} if year == as_of.year else set()
            for row in rows:
                if row.id in late:
                    continue
                day = dt.date(year, rng.choice((2, 3, 3)), rng.randint(1, 28))
                if year < as_of.year and rng.random() < 0.03:
                    day = dt.date(year, 4, rng.randint(1, 20))
                if day > as_of:
                    continue  # not back yet
                pledges_write.save_pledge(s, actor, row.draft(signed_on=day), as_of)
