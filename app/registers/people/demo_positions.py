"""Demo position changes of the years before the recent ones (app/registers/people/demo.py adds those of the
last two years): promotions inside offices and affiliated units, and 交流任职 of office staff to
another office on the same post. Run right after the org step, so the talks step finds them and
records a 任前廉政谈话 after each."""
from __future__ import annotations

import datetime as dt

from app.demo.build import DemoContext
from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.people.demo import AFFILIATES, LEADERSHIP, OFFICES

PER_YEAR = 6           # promotions a year at scale 1
ROTATIONS = 3          # 交流任职 a year at scale 1
YEARS_BACK = (4, 3, 2)  # years before the as-of year (org.py covers the last 23 months)
OFFICE_PROMOTIONS = (("副科长", "四级调研员"), ("科长", "二级调研员"))
AFFILIATE_PROMOTIONS = (("业务部主任", "管理岗七级"), ("办公室主任", "管理岗七级"), ("财务室主任", "管理岗七级"))
NOTES = ("经局党组研究决定", "经局党组会议研究，按程序任职", "根据工作需要")


def populate(ctx: DemoContext) -> None:
    rng, as_of = ctx.rng, ctx.as_of
    by_unit: dict[str, list[int]] = ctx.shared["people_by_unit"]
    unit_ids: dict[str, int] = ctx.shared["unit_ids"]
    offices = [name for name, *_ in OFFICES]
    affiliates = [name for name, *_ in AFFILIATES]
    with ctx.ws.writing() as s:
        moved = {c.person_id for c in people_query.position_changes(s, ctx.actor)}
        people = {p.id: p for p in people_query.people_rows(s, [pid for ids in by_unit.values() for pid in ids])}
        staff = [pid for unit, ids in by_unit.items() if unit != LEADERSHIP for pid in ids[2:]
                 if people[pid].active and pid not in moved]
        rng.shuffle(staff)
        # Office staff without a key post move between offices (a key post stays with its office).
        movers = [pid for pid in staff if people[pid].unit_name in offices and not people[pid].key_post
                  and people[pid].unit_name != "局机关纪委"]
        # Promotions to a leading post (副科长, 办公室主任 …) go to Party members.
        others = [pid for pid in staff if pid not in movers and people[pid].political_status == "cpc"]
        changes = []
        for back in YEARS_BACK:
            year = as_of.year - back
            for _ in range(PER_YEAR * ctx.scale):
                if others:
                    changes.append((_day(rng, year, as_of), others.pop(), "promotion"))
            for _ in range(ROTATIONS * ctx.scale):
                if movers:
                    changes.append((_day(rng, year, as_of), movers.pop(), "rotation"))
        for day, pid, why in sorted(changes):
            person = people[pid]
            if why == "rotation":  # the same post elsewhere: an office to another office
                target = rng.choice([u for u in offices if u != person.unit_name and u != "局机关纪委" and not any(
                    people[other].name == person.name for other in by_unit[u] if other in people)])
                post, rank, promotion = person.position, person.rank, False
                note = "交流任职"
            elif person.unit_name in affiliates:
                target = person.unit_name
                (post, rank), promotion, note = rng.choice(AFFILIATE_PROMOTIONS), True, rng.choice(NOTES)
            else:
                target = person.unit_name
                (post, rank), promotion, note = OFFICE_PROMOTIONS[0], True, rng.choice(NOTES)
            if (unit_ids[target], post) == (person.unit_id, person.position):
                continue
            people_write.record_position_change(s, ctx.actor, people_types.PositionChangeDraft(
                person_id=pid, changed_on=day, to_unit_id=unit_ids[target], to_position=post, to_rank=rank,
                is_promotion=promotion, notes=note), as_of)


def _day(rng, year: int, as_of: dt.date) -> dt.date:  # noqa: ANN001 — random.Random
    """A working day of `year` (changes take effect on a 局党组 decision, on a weekday)."""
    day = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    day -= dt.timedelta(days=max(0, day.weekday() - 4))
    return min(day, as_of)
