"""Demo 婚丧喜庆报备: four years of a bureau's reports — weddings mostly on weekends, funerals any
day and reported after, 升学宴 / 乔迁 / 寿宴 as 其他喜庆 —, most in time, a few late (counted in
working days, as the page does), two declaring something the rules forbid, and about half followed
by the office's 提醒谈话 (recorded through the ceremonies service, which uses the talks service).
A few events lie ahead of the as-of date: reported, not yet held."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from app.demo.build import DemoContext
from app.registers.ceremonies import query as ceremonies_query
from app.registers.ceremonies import write as ceremonies_write
from app.registers.ceremonies.rules import (
    FUNERAL_AFTER_WORKING_DAYS,
    LEAD_WORKING_DAYS,
    working_days_after,
)
from app.registers.ceremonies.types import CeremonyDraft
from app.registers.people import query as ppl
from app.registers.people.demo import LEADERSHIP
from app.registers.talks.types import ParticipantDraft

YEARS = 4
PER_YEAR = 14
KINDS = (("wedding", 50), ("funeral", 25), ("other", 25))
WEDDING_PLACES = ("锦江饭店宴会厅", "市国际大酒店", "金陵大酒店三楼", "丽景酒店", "老家（县城）酒店")
FUNERAL_PLACES = ("市殡仪馆", "老家（乡下）", "市殡仪馆告别厅")
OTHER = (("升学宴", "丽景酒店"), ("乔迁", "家中"), ("父亲七十寿宴", "老家（县城）酒店"), ("孩子满月", "家中"))


def populate(ctx: DemoContext) -> None:
    rng, as_of = ctx.rng, ctx.as_of
    by_unit: dict[str, list[int]] = ctx.shared["people_by_unit"]
    with ctx.ws.reading() as s:
        ids = [pid for unit, pids in by_unit.items() if unit != LEADERSHIP for pid in pids]
        people = [p.id for p in ppl.people_rows(s, ids) if p.active]
        calendar = ceremonies_query.calendar_for(s, [dt.date(y, 6, 30) for y in ctx.years(YEARS + 1)])
    chief = by_unit[LEADERSHIP][-1]
    recorders = by_unit["局机关纪委"][1:]

    def workday(day: dt.date) -> dt.date:
        while not calendar.is_workday(day):
            day -= dt.timedelta(days=1)
        return day

    reports = []
    for year in ctx.years(YEARS):
        count = round(PER_YEAR * ctx.scale * rng.uniform(0.8, 1.2))
        for _ in range(count):
            kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
            event = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            if kind != "funeral":
                event += dt.timedelta(days=(5 - event.weekday()) % 7)  # the Saturday after
            late = rng.random() < 0.12
            if kind == "funeral":
                after = rng.randint(FUNERAL_AFTER_WORKING_DAYS + 2, FUNERAL_AFTER_WORKING_DAYS + 6) if late \
                    else rng.randint(1, 6)
                reported = working_days_after(calendar, event, after)
            else:
                lead = rng.randint(2, LEAD_WORKING_DAYS - 1) if late else rng.randint(LEAD_WORKING_DAYS, 12)
                reported = calendar.working_days_before(event, lead)
            if reported > as_of or event > as_of + dt.timedelta(days=60):
                continue
            reports.append((reported, event, kind, rng.choice(people)))
    reports.sort()
    concerns = {len(reports) // 3: "public_car", (2 * len(reports)) // 3: "subordinate_gifts"}
    with ctx.ws.writing() as s:
        for n, (reported, event, kind, pid) in enumerate(reports):
            draft = _draft(rng, kind, pid, event, reported)
            flag = concerns.get(n)
            if flag == "public_car":
                draft = replace(draft, public_car=True, notes="报备称拟使用单位车辆接送亲属，已当面提醒纠正")
            elif flag == "subordinate_gifts":
                draft = replace(draft, subordinate_gifts=True, notes="报备礼金名单中有本单位下属，已提醒退还")
            report_id = ceremonies_write.save_report(s, ctx.actor, draft, as_of)
            if rng.random() < 0.5 or flag:
                day = working_days_after(calendar, reported, rng.randint(1, 3))
                if day > as_of or (kind != "funeral" and day >= event):
                    continue
                row = ceremonies_query.get_report(s, report_id)
                talk = ceremonies_query.reminder_talk_draft(row, day, (ParticipantDraft(person_id=chief),))
                talk = replace(talk, recorders=(ParticipantDraft(person_id=rng.choice(recorders)),),
                               place="局机关纪委办公室", signed=True)
                ceremonies_write.create_reminder_talk(s, ctx.actor, report_id, row.version, talk, as_of)


def _draft(rng: random.Random, kind: str, person_id: int, event: dt.date, reported: dt.date) -> CeremonyDraft:
    notes = ""
    if kind == "wedding":
        place, tables = rng.choice(WEDDING_PLACES), rng.randint(8, 28)
        notes = rng.choice(("本人结婚", "子女结婚", "子女结婚", "本人再婚，从简办理"))
    elif kind == "funeral":
        place, tables = rng.choice(FUNERAL_PLACES), rng.choice((None, 0, 3, 6, 10))
        notes = rng.choice(("父亲病故", "母亲病故", "岳父病故", "祖母病故"))
    else:
        notes, place = rng.choice(OTHER)
        tables = rng.randint(3, 12)
    guests = None if not tables else tables * 10 + rng.choice((-5, 0, 0, 5))
    return CeremonyDraft(person_id=person_id, kind=kind, event_date=event, reported_on=reported, place=place,
                         tables=tables, guests=guests, notes=notes)

