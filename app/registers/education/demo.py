"""Demo 廉政教育: a year's round of education for the last full year and this one up to the as-of
date — the 警示教育大会 of the whole system (a few absent), the 党组书记's 廉政党课 for the 班子成员,
heads and key posts, the 中心组's quarterly study, 以案释法 and 三会一课 in units, a visit to the
廉政教育基地, 廉洁文化 and 家风 activities — so the coverage shows who has not yet taken part."""
from __future__ import annotations

import datetime as dt

from app.demo.build import DemoContext
from app.registers.education import write as education_write
from app.registers.education.types import EducationDraft
from app.registers.people import query as ppl
from app.registers.people.demo import LEADERSHIP
from app.registers.talks.types import ParticipantDraft

CASES = ("某市文旅系统原财务科长挪用专项资金案", "某县文化市场执法人员收受管理服务对象礼金案",
         "某博物馆工作人员违规处置文物案", "某单位负责人违规操办婚丧喜庆事宜案")
THREE_ONE_UNITS = ("办公室", "财务科", "市图书馆", "市文化馆", "市美术馆", "市考古研究所")
CASE_UNITS = ("市文化市场综合执法支队", "市博物馆", "行政审批科")
VISIT_UNITS = ("市艺术剧院", "市文物保护中心")


def populate(ctx: DemoContext) -> None:
    rng, as_of, actor = ctx.rng, ctx.as_of, ctx.actor
    by_unit: dict[str, list[int]] = ctx.shared["people_by_unit"]
    unit_ids: dict[str, int] = ctx.shared["unit_ids"]
    with ctx.ws.reading() as s:
        people = {p.id: p for p in ppl.people_rows(s, [pid for ids in by_unit.values() for pid in ids]) if p.active}
        heads = ppl.unit_heads(s, list(unit_ids.values()))
    leaders = [pid for pid in by_unit[LEADERSHIP] if pid in people]
    director, secretary = leaders[0], leaders[-1]
    head_ids = [h.id for h in heads.values() if h.id not in leaders]
    key_posts = [pid for pid, p in people.items() if p.key_post]

    def of(units: tuple[str, ...] | list[str], present: float = 0.93) -> list[int]:
        return [pid for u in units for pid in by_unit[u] if pid in people and rng.random() < present]

    def everyone(present: float) -> list[int]:
        return of(list(by_unit), present)

    def add(day: dt.date, form: str, theme: str, who: list[int], *, organiser: str | None = None,
            speaker: str = "", case: str = "", place: str = "", content: str = "") -> None:
        if day > as_of:
            return
        attending = list(dict.fromkeys(who))[:education_write.MAX_PARTICIPANTS]  # a large demo's 全系统 meeting
        drafts.append(EducationDraft(
            day, form, theme, tuple(ParticipantDraft(person_id=pid) for pid in attending),
            unit_ids[organiser] if organiser else None, case, place=place, speaker=speaker, content=content))

    drafts: list[EducationDraft] = []
    for year in (as_of.year - 1, as_of.year):
        add(dt.date(year, 1, rng.randint(6, 12)), "three_one", "元旦春节前廉洁过节专题党课", of(("局机关纪委", "局机关党委")),
            organiser="局机关纪委", speaker=people[secretary].name)
        case = rng.choice(CASES)
        add(dt.date(year, 3, rng.randint(10, 20)), "warning_meeting", f"{year}年全系统警示教育大会",
            everyone(0.86), speaker=people[secretary].name, case=case, place="局机关大会议室",
            content=f"通报{case}，观看警示教育片，签订廉洁承诺。")
        add(dt.date(year, 4, rng.randint(8, 25)), "party_lecture", "守纪律、讲规矩，做忠诚干净担当的文旅干部",
            leaders + head_ids + rng.sample(key_posts, min(20, len(key_posts))), speaker=people[director].name,
            place="局机关三楼会议室")
        for quarter in range(4):
            add(dt.date(year, 3 * quarter + 2, rng.randint(5, 25)), "center_group",
                ("学习《中国共产党纪律处分条例》", "学习《党组（党委）全面从严治党主体责任规定》",
                 "学习习近平总书记关于全面从严治党的重要论述", "学习中央八项规定及其实施细则精神")[quarter],
                leaders, speaker=people[director].name, place="党组会议室")
        for name in CASE_UNITS:
            add(dt.date(year, 5, rng.randint(6, 28)), "case_law", f"以案释法：{rng.choice(CASES)}剖析",
                of((name,)), organiser=name, case=rng.choice(CASES), speaker="纪检委员")
        for name in VISIT_UNITS:
            add(dt.date(year, 6, rng.randint(3, 26)), "base_visit", "参观市廉政教育基地", of((name,), 0.85),
                organiser=name, place="市廉政教育基地")
        for name in THREE_ONE_UNITS:
            add(dt.date(year, rng.randint(4, 10), rng.randint(1, 28)), "three_one", "支部党课：廉洁从政，从我做起",
                of((name,)), organiser=name)
        add(dt.date(year, 9, rng.randint(8, 26)), "culture", "“清风文旅”廉洁文化作品展",
            of(("市美术馆", "市文化馆", "宣传科"), 0.8), organiser="宣传科", place="市美术馆")
        add(dt.date(year, 11, rng.randint(4, 20)), "family", "“廉洁家风”主题教育", leaders + head_ids,
            speaker=people[secretary].name)
        add(dt.date(year, 12, rng.randint(2, 12)), "warning_meeting", "年终廉政警示教育暨节前廉洁提醒",
            leaders + head_ids + key_posts, speaker=people[secretary].name, case=rng.choice(CASES),
            place="局机关大会议室")
    with ctx.ws.writing() as s:
        for draft in drafts:
            education_write.save_session(s, actor, draft, as_of)
