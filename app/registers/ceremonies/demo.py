"""Demo 婚丧喜庆报备: four years of a bureau's reports — 婚嫁 of the reporter or a child mostly on
weekends, 丧葬 of a parent any day and reported after, now and then a 满月 / 寿宴 / 乔迁 / 升学 the
rules say is not to be held —, most in time, a few late (counted in working days, as the page
does), a few above the scale limits or declaring something the rules forbid, most with the 承诺书
signed. Every report with a concern, and about half the others, is followed by the office's
提醒谈话, written from the report (recorded through the ceremonies service, which uses the talks
service). A few events lie ahead of the as-of date: reported, not yet held."""
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
KINDS = (("wedding", 55), ("funeral", 35), ("school", 3), ("birthday", 3), ("housewarming", 2), ("full_month", 2))
WEDDING_PLACES = ("锦江饭店宴会厅", "市国际大酒店", "金陵大酒店三楼", "丽景酒店", "老家（县城）酒店")
FUNERAL_PLACES = ("市殡仪馆", "老家（乡下）", "市殡仪馆告别厅")
# A kind the rules say is not to be held: (relation, notes, place).
NOT_TO_BE_HELD = {"school": ("child", "孩子考上大学，拟在酒店宴请亲友", "丽景酒店"),
                  "birthday": ("parent", "父亲七十寿宴", "老家（县城）酒店"),
                  "housewarming": ("self", "新房乔迁，拟宴请亲友", "家中"),
                  "full_month": ("child", "孩子满月", "家中")}
WEDDING_NOTES = {"self": ("本人结婚", "本人再婚，从简办理"), "child": ("子女结婚", "儿子结婚", "女儿出嫁")}
FUNERAL_NOTES = {"parent": ("父亲病故", "母亲病故"), "parent_in_law": ("岳父病故", "岳母病故"),
                 "grandparent": ("祖母病故", "祖父病故")}


def populate(ctx: DemoContext) -> None:
    rng, as_of = ctx.rng, ctx.as_of
    by_unit: dict[str, list[int]] = ctx.shared["people_by_unit"]
    with ctx.ws.reading() as s:
        ids = [pid for unit, pids in by_unit.items() if unit != LEADERSHIP for pid in pids]
        people = [p.id for p in ppl.people_rows(s, ids) if p.active]
        calendar = ceremonies_query.calendar_for(s)
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
    concerns = {len(reports) // 3: "public_car", (2 * len(reports)) // 3: "subordinate_gifts",
                len(reports) // 2: "service"}
    with ctx.ws.writing() as s:
        for n, (reported, event, kind, pid) in enumerate(reports):
            draft = _draft(rng, kind, pid, event, reported)
            flag = concerns.get(n)
            if flag == "public_car":
                draft = replace(draft, public_car=True, notes="报备称拟使用单位车辆接送亲属，已当面提醒纠正")
            elif flag == "subordinate_gifts":
                draft = replace(draft, subordinate_gifts=True, notes="报备礼金名单中有本单位下属，已提醒退还")
            elif flag == "service" and kind == "wedding":
                draft = replace(draft, scope="service", notes="拟邀请的宾客中有本单位管理服务对象，已提醒不得邀请")
            report_id = ceremonies_write.save_report(s, ctx.actor, draft, as_of)
            flagged = bool(ceremonies_query.get_report(s, report_id).concerns)
            if rng.random() < 0.5 or flagged:
                day = working_days_after(calendar, reported, rng.randint(1, 3))
                if day > as_of or (kind != "funeral" and day >= event):
                    continue
                row = ceremonies_query.get_report(s, report_id)
                talk = ceremonies_query.reminder_talk_draft(row, day, (ParticipantDraft(person_id=chief),))
                talk = replace(talk, recorders=(ParticipantDraft(person_id=rng.choice(recorders)),),
                               place="局机关纪委办公室", signed=True)
                ceremonies_write.create_reminder_talk(s, ctx.actor, report_id, row.version, talk, as_of)


def _draft(rng: random.Random, kind: str, person_id: int, event: dt.date, reported: dt.date) -> CeremonyDraft:
    scope = rng.choice(("relatives", "friends", "friends", "colleagues"))
    if kind == "wedding":
        relation = rng.choice(("self", "child", "child", "child"))
        place, notes = rng.choice(WEDDING_PLACES), rng.choice(WEDDING_NOTES[relation])
        tables = rng.randint(8, 18) if rng.random() < 0.9 else rng.randint(22, 30)  # a few above 20 桌
    elif kind == "funeral":
        relation = rng.choice(("parent", "parent", "parent_in_law", "grandparent"))
        place, notes = rng.choice(FUNERAL_PLACES), rng.choice(FUNERAL_NOTES[relation])
        tables, scope = rng.choice((None, 0, 3, 6, 10)), "relatives"
    else:
        relation, notes, place = NOT_TO_BE_HELD[kind]
        tables, scope = rng.randint(3, 8), "relatives"
    guests = None if not tables else tables * 10 + rng.choice((-5, 0, 0, 5))
    return CeremonyDraft(person_id=person_id, kind=kind, event_date=event, reported_on=reported, place=place,
                         tables=tables, guests=guests, notes=notes, relation=relation, scope=scope,
                         pledge_signed=kind in ("wedding", "funeral") and rng.random() < 0.85)

