"""Demo talk records: four years of an office's talks, spread as a real one's are.

- 谈心谈话 through the year: nearly everyone once a year (a unit head with the staff, the director
  with the 班子), so the coverage the talks page shows is believable — about nine in ten in a
  full year, the current year under way;
- 节前集体廉政谈话 a few working days before each festival's time off (key posts, unit leaders);
- 廉政谈话 with every 班子成员 and unit leader early each year (a few not yet this year, so
  首页's reminder has something to show);
- 任前廉政谈话 a few days after the demo's position changes (the newest one still waiting);
- 提醒谈话 on tendencies (those on 婚丧喜庆 reports come with the reports, ceremonies/demo.py),
  a few 约谈 (one with an outside supplier), and now and then an 诫勉谈话.
Every text is written from the talk's kind and reason (demo_texts.py).
Counts grow with `--scale` like the staff do.
"""
from __future__ import annotations

import datetime as dt
import random

from app.demo.build import DemoContext
from app.registers.holidays.query import festival_reminders
from app.registers.people import query as ppl
from app.registers.people.demo import LEADERSHIP
from app.registers.talks.demo_texts import texts
from app.registers.talks.types import ParticipantDraft, TalkDraft, parse_outsider
from app.registers.talks.write import save_talk

YEARS = 4
PLACES = ("局机关纪委办公室", "局党组会议室", "局机关三楼小会议室", "谈话室")
OUTSIDERS = ("钱某（某文化传媒公司·总经理）", "孙某（某建筑工程公司·项目经理）", "周某（某印务公司·销售经理）")
BATCH = 2000


def populate(ctx: DemoContext) -> None:
    rng, scale = ctx.rng, ctx.scale
    by_unit: dict[str, list[int]] = ctx.shared["people_by_unit"]
    with ctx.ws.reading() as s:
        ids = [pid for unit in by_unit.values() for pid in unit]
        people = {p.id: p for start in range(0, len(ids), 2000)
                  for p in ppl.people_rows(s, ids[start:start + 2000])}
        changes = ppl.position_changes(s, ctx.actor)
        festivals = {y: festival_reminders(s, y, 3) for y in ctx.years(YEARS)}
    leaders = by_unit[LEADERSHIP]
    director, chief, deputies = leaders[0], leaders[-1], leaders[1:-1]
    recorders = by_unit["局机关纪委"][1:]
    staff = [pid for unit, pids in by_unit.items() if unit != LEADERSHIP for pid in pids
             if people[pid].active]
    heads = {unit: pids[0] for unit, pids in by_unit.items() if unit != LEADERSHIP}
    unit_leaders = [pid for pid in staff if people[pid].is_leader]
    key_posts = [pid for pid in staff if people[pid].key_post]
    drafts: list[TalkDraft] = []

    def talk(kind: str, reason: str, day: dt.date, talkees: list, talkers: list[int], *,
             signed: bool | None = None, place: str | None = None, festival: str = "") -> None:
        if day > ctx.as_of:
            return
        parts = tuple(t if isinstance(t, ParticipantDraft) else ParticipantDraft(person_id=t)
                      for t in talkees)
        first = people.get(parts[0].person_id) if parts[0].person_id is not None else None
        content, response, follow_up = texts(
            rng, kind, reason, post=first.position if first else "", key_post=first.key_post if first else "",
            festival=festival, outsider=first is None)
        start = _time(rng)
        minutes = {"heart": 30, "integrity": 40, "admonish": 50, "interview": 45}.get(kind, 30)
        end = (dt.datetime.combine(day, start) + dt.timedelta(minutes=minutes + rng.choice((0, 10, 20)))).time()
        drafts.append(TalkDraft(
            kind=kind, talk_date=_workday(day), start_time=start, end_time=end, place=place or rng.choice(PLACES),
            reason=reason, talkees=parts, talkers=tuple(ParticipantDraft(person_id=p) for p in talkers),
            recorders=(ParticipantDraft(person_id=rng.choice(recorders)),),
            content=content, response=response, follow_up=follow_up,
            signed=rng.random() < 0.9 if signed is None else signed))

    def talker_for(pid: int) -> int:
        unit = people[pid].unit_name
        head = heads.get(unit)
        return head if head is not None and head != pid else rng.choice(deputies)

    for year in ctx.years(YEARS):
        first = dt.date(year, 1, 1)
        # 谈心谈话: nearly everyone once a year, on a day spread over the year (fewer in the
        # holiday months); the 班子 with the director.
        for pid in staff + deputies + [chief]:
            if rng.random() < 0.9:
                month = rng.choices(range(1, 13), (5, 4, 9, 9, 9, 9, 9, 6, 9, 9, 9, 8))[0]
                talker = director if pid in deputies or pid == chief else talker_for(pid)
                talk("heart", "routine", dt.date(year, month, rng.randint(1, 28)), [pid], [talker],
                     signed=rng.random() < 0.6)
        # 节前集体廉政谈话: key posts and unit leaders, in groups, before each time off.
        for reminder in festivals[year]:
            if reminder.festivals[0] == "qingming":
                continue
            day = reminder.remind_on - dt.timedelta(days=rng.randint(0, 2))
            for group in range(3 * scale):
                pool = key_posts if group % 3 != 1 else unit_leaders
                talkees = rng.sample(pool, min(len(pool), rng.randint(8, 14)))
                talk("integrity", "festival", day, talkees, [chief if group % 2 else director],
                     place="局机关三楼会议室", festival=_festival_name(reminder.label))
        # 廉政谈话 with every 班子成员 (the director) and unit leader (the chief), February to April.
        late = year == ctx.as_of.year
        for pid in deputies + [chief]:  # no 事由 in the dictionary fits a yearly 廉政谈话: left blank
            if not (late and rng.random() < 0.3):
                talk("integrity", "", first + dt.timedelta(days=rng.randint(35, 110)), [pid], [director])
        for pid in unit_leaders:
            if not (late and rng.random() < 0.2):
                talk("integrity", "", first + dt.timedelta(days=rng.randint(35, 120)), [pid], [chief])
        # 提醒谈话, 约谈, 诫勉谈话, 其他.
        for _ in range(round(9 * scale * rng.uniform(0.8, 1.2))):
            pid = rng.choice(staff)
            reason = rng.choices(("tendency", "other"), (6, 1))[0]
            talk("reminder", reason, first + dt.timedelta(days=rng.randint(0, 364)), [pid], [chief])
        for _ in range(4 * scale):
            talkees = [rng.choice(unit_leaders)]
            if rng.random() < 0.25:
                talkees = [parse_outsider(rng.choice(OUTSIDERS))]
            talk("interview", rng.choice(("clue", "tendency")),
                 first + dt.timedelta(days=rng.randint(0, 364)), talkees, [chief, rng.choice(deputies)])
        for _ in range(rng.randint(1, 2) * scale):
            talk("admonish", "clue", first + dt.timedelta(days=rng.randint(30, 330)), [rng.choice(staff)],
                 [chief, director], signed=True)
        for _ in range(2 * scale):
            pid = rng.choice(staff)
            talk("other", "other", first + dt.timedelta(days=rng.randint(0, 364)), [pid], [talker_for(pid)])
        # 任前廉政谈话 of earlier promotions the demo does not model as position changes.
        for _ in range(3 * scale):
            pid = rng.choice(staff)
            talk("pre_appointment", "promotion", first + dt.timedelta(days=rng.randint(0, 364)), [pid],
                 [chief], signed=True)

    # 任前廉政谈话 a few days after each position change; the newest one still waits for its talk.
    for change in sorted(changes, key=lambda c: c.changed_on)[:-1]:
        talk("pre_appointment", "promotion", change.changed_on + dt.timedelta(days=rng.randint(1, 8)),
             [change.person_id], [chief, director] if rng.random() < 0.3 else [chief], signed=True)

    drafts.sort(key=lambda d: (d.talk_date, d.start_time))
    for start in range(0, len(drafts), BATCH):
        with ctx.ws.writing() as s:
            for draft in drafts[start:start + BATCH]:
                save_talk(s, ctx.actor, draft, ctx.as_of)


def _festival_name(label: str) -> str:
    """春节 · 中秋国庆 (festivals sharing their time off, as offices name them together)."""
    names = label.split("、")
    return names[0] if len(names) == 1 else "".join(n.removesuffix("节") for n in names)


def _workday(day: dt.date) -> dt.date:
    """Talks are held on weekdays: a weekend day moves to the Friday before."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def _time(rng: random.Random) -> dt.time:
    return rng.choice([dt.time(h, m) for h in (9, 10, 11, 14, 15, 16) for m in (0, 30)])
