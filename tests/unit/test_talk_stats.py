"""Talk statistics equal direct counts: 次 = records, 人次 = talkees summed over records."""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest

from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.talks import stats
from app.registers.talks import write as svc
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from tests.conftest import TODAY
from tests.helpers import query_sql

KINDS = ("heart", "reminder", "pre_appointment", "integrity", "interview", "admonish", "other")


@pytest.fixture
def talks(workspace, admin):
    """60 talks over 2025–2026 with 1–4 talkees each (some outsiders), and what was entered."""
    rng = random.Random(7)
    entered = []
    with workspace.writing() as s:
        office = units_write.save_unit(s, admin, units_types.UnitDraft(name="办公室", kind="office"))
        museum = units_write.save_unit(s, admin, units_types.UnitDraft(name="市博物馆", kind="affiliate"))
        desk = units_write.save_unit(s, admin, units_types.UnitDraft(name="保卫部", kind="affiliate", parent_id=museum))
        staff = {u: [people_write.save_person(s, admin, people_types.PersonDraft(name=f"员工{u}{i}", unit_id=u))
                     for i in range(5)] for u in (office, museum, desk)}
        talker = people_write.save_person(s, admin, people_types.PersonDraft(name="书记", unit_id=office))
        everyone = [(u, p) for u, people in staff.items() for p in people]
        for n in range(60):
            day = dt.date(rng.choice((2025, 2026)), rng.randint(1, 12), rng.randint(1, 28))
            if day > TODAY:
                day = day.replace(year=2025)
            chosen = rng.sample(everyone, rng.randint(1, 4))
            talkees = [svc.ParticipantDraft(person_id=p) for _, p in chosen]
            units = [u for u, _ in chosen]
            if n % 9 == 0:
                talkees.append(svc.ParticipantDraft(name=f"外单位{n}"))
                units.append(None)
            kind = rng.choice(KINDS)
            svc.save_talk(s, admin, svc.TalkDraft(
                kind=kind, talk_date=day, talkees=tuple(talkees),
                talkers=(svc.ParticipantDraft(person_id=talker),), content="谈话内容"), TODAY)
            entered.append((day, kind, units))
    return {"entered": entered, "office": office, "museum": museum, "desk": desk}


def test_monthly_figures_equal_direct_counts(workspace, admin, talks):
    entered = [t for t in talks["entered"] if t[0].year == 2025]
    with workspace.reading() as s:
        figures = stats.monthly_stats(s, admin, 2025)
    times = Counter((day.month, kind) for day, kind, _ in entered)
    people = Counter()
    for day, kind, units in entered:
        people[(day.month, kind)] += len(units)
    assert {k: (c.times, c.people) for k, c in figures.cells.items()} == {
        k: (times[k], people[k]) for k in times}
    assert figures.total.times == len(entered)
    assert figures.total.people == sum(len(u) for _, _, u in entered)
    # … and the raw database agrees (the same definitions, counted by SQL without our code).
    [(raw_times, raw_people)] = query_sql(
        workspace,
        "SELECT (SELECT count(*) FROM talks WHERE talk_date BETWEEN '2025-01-01' AND '2025-12-31'), "
        "(SELECT count(*) FROM talk_participants p JOIN talks t ON t.id = p.talk_id "
        " WHERE p.role = 'talkee' AND t.talk_date BETWEEN '2025-01-01' AND '2025-12-31')")
    assert (figures.total.times, figures.total.people) == (raw_times, raw_people)
    assert [code for code, _ in figures.kinds][:3] == ["heart", "reminder", "pre_appointment"]


def test_unit_figures_count_each_units_talkees(workspace, admin, talks):
    with workspace.reading() as s:
        by_unit = {u.unit_name: u for u in stats.unit_stats(s, admin)}
        museum_only = stats.monthly_stats(s, admin, 2026, unit_id=talks["museum"])
    for name, key in (("办公室", "office"), ("市博物馆", "museum"), ("保卫部", "desk")):
        unit_id = talks[key]
        expected_times = sum(1 for _, _, units in talks["entered"] if unit_id in units)
        expected_people = sum(units.count(unit_id) for _, _, units in talks["entered"])
        assert (by_unit[name].times, by_unit[name].people) == (expected_times, expected_people)
    outsiders = by_unit[stats.OUTSIDERS]
    assert outsiders.people == sum(units.count(None) for _, _, units in talks["entered"])
    # A unit's figures include the units below it (博物馆 + 保卫部).
    inside = {talks["museum"], talks["desk"]}
    in_2026 = [t for t in talks["entered"] if t[0].year == 2026 and inside & set(t[2])]
    assert museum_only.total.times == len(in_2026)
    assert museum_only.total.people == sum(sum(u in inside for u in t[2]) for t in in_2026)


def test_talk_counts_for_a_period(workspace, admin, talks):
    start, end = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
    march = [t for t in talks["entered"] if start <= t[0] <= end]
    with workspace.reading() as s:
        counts = stats.talk_counts(s, admin, start, end)
        heart = stats.talk_counts(s, admin, start, end, kinds=("heart",))
    assert counts == stats.Counts(len(march), sum(len(u) for _, _, u in march))
    assert heart.times == sum(1 for t in march if t[1] == "heart")


def test_heart_talk_coverage_counts_each_person_of_the_roster_once_a_year(workspace, admin):
    """谈心谈话 coverage: a person on the roster (active) is covered in a year when they took part
    in a 谈心谈话 (talkee or talker) dated in it; other kinds, other years and people who left do not
    count; per unit, and the names of those not yet talked to."""
    with workspace.writing() as s:
        office = units_write.save_unit(s, admin, units_types.UnitDraft(name="办公室", kind="office", sort_order=1))
        museum = units_write.save_unit(s, admin, units_types.UnitDraft(name="市博物馆", kind="affiliate"))

        def person(name: str, unit: int) -> int:
            return people_write.save_person(s, admin, people_types.PersonDraft(name=name, unit_id=unit, position="科员"))

        head, a, b, c = person("主任", office), person("甲", office), person("乙", office), person("丙", museum)
        gone = person("丁", museum)

        def talk(kind: str, day: dt.date, talkee: int, talker: int = head) -> None:
            svc.save_talk(s, admin, svc.TalkDraft(kind=kind, talk_date=day, content="谈心",
                                                  talkees=(svc.ParticipantDraft(person_id=talkee),),
                                                  talkers=(svc.ParticipantDraft(person_id=talker),)), TODAY)

        talk("heart", dt.date(2025, 3, 1), a)
        talk("heart", dt.date(2025, 9, 1), a)          # twice: one person
        talk("reminder", dt.date(2025, 4, 1), b)       # not a 谈心谈话
        talk("heart", dt.date(2024, 4, 1), c)          # another year
        talk("heart", dt.date(2025, 5, 1), gone)
        people_write.set_person_active(s, admin, gone, False)
    with workspace.reading() as s:
        cover = stats.heart_talk_coverage(s, admin, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert (cover.people, cover.covered) == (4, 2)   # 主任 (as talker) and 甲; 丁 left
    assert [(u.unit_name, u.people, u.covered) for u in cover.units] == [("办公室", 3, 2), ("市博物馆", 1, 0)]
    assert [name for _pid, name, _unit, _pos in cover.uncovered] == ["乙", "丙"]
    assert cover.rate == 0.5
