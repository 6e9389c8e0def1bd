"""Demo units and people: a 市文化广电和旅游局 with its offices and affiliated institutions."""
from __future__ import annotations

import datetime as dt

from app.demo.build import DemoContext
from app.demo.names import person_name
from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.units import types as units_types
from app.registers.units import write as units_write

LEADERSHIP = "局领导班子"
# (name, kind, staff size at scale 1, key post of the office's staff or "")
OFFICES = [
    ("办公室", "office", 9, ""), ("人事科", "office", 6, "人事"), ("财务科", "office", 7, "财务"),
    ("宣传科", "office", 6, ""), ("艺术科", "office", 6, ""), ("文物科", "office", 7, ""),
    ("资源开发科", "office", 6, ""), ("公共服务科", "office", 6, ""),
    ("市场管理科", "office", 7, "审批"), ("产业发展科", "office", 6, ""),
    ("政策法规科", "office", 5, ""), ("行政审批科", "office", 7, "审批"),
    ("安全监管科", "office", 5, ""), ("局机关党委", "office", 4, ""), ("局机关纪委", "office", 4, ""),
]
AFFILIATES = [
    ("市博物馆", "馆长", 30), ("市图书馆", "馆长", 28), ("市文化馆", "馆长", 22),
    ("市艺术剧院", "院长", 30), ("市文物保护中心", "主任", 22),
    ("市文化市场综合执法支队", "支队长", 34), ("市美术馆", "馆长", 16),
    ("市非物质文化遗产保护中心", "主任", 14), ("市考古研究所", "所长", 16),
    ("市旅游服务中心", "主任", 18), ("市广播电视监测中心", "主任", 14),
    ("市歌舞剧院", "院长", 26),
]
OTHERS = [("局机关服务中心", 8)]

# Staff of an office hold a 职级 (rank) and no leading post.
OFFICE_RANKS = ["一级主任科员", "二级主任科员", "三级主任科员", "四级主任科员", "一级科员", "二级科员"]
OFFICE_DUTIES = ["综合文秘", "信息宣传", "档案管理", "项目管理", "业务指导", "统计", "督查督办"]
AFFILIATE_POSTS = [
    ("办公室主任", "管理岗七级", ""), ("财务室主任", "管理岗七级", "财务"), ("会计", "专技十级", "财务"),
    ("出纳", "管理岗九级", "财务"), ("人事干事", "管理岗八级", "人事"), ("采购专员", "管理岗八级", "采购"),
    ("业务部主任", "管理岗七级", ""), ("馆员", "专技十级", ""), ("副研究馆员", "专技七级", ""),
    ("职员", "管理岗九级", ""), ("专业技术人员", "专技十一级", ""), ("工程师", "专技十级", ""),
]
POLITICAL = (("cpc", 68), ("probationary", 3), ("league", 7), ("democratic", 3),
             ("independent", 2), ("masses", 17))
# Posts and units whose people are Party members (the draw of the others is kept, so the
# generated names stay as they were).
HEAD_POSTS = ("科长", "副科长", "办公室主任", "财务室主任", "人事干事")
PARTY_UNITS = ("局机关党委", "局机关纪委")
# Homonyms an office really meets: the same name in two units.
HOMONYMS = [("张伟", "办公室", "市图书馆"), ("王芳", "财务科", "市博物馆"), ("李静", "宣传科", "市文化馆")]


def populate(ctx: DemoContext) -> None:
    rng, ws, actor = ctx.rng, ctx.ws, ctx.actor
    unit_ids: dict[str, int] = {}
    people_by_unit: dict[str, list[int]] = {}

    def political() -> str:
        return rng.choices([c for c, _ in POLITICAL], weights=[w for _, w in POLITICAL])[0]

    with ws.writing() as s:
        def unit(name: str, kind: str, order: int) -> int:
            unit_ids[name] = units_write.save_unit(s, actor, units_types.UnitDraft(name=name, kind=kind, sort_order=order))
            return unit_ids[name]

        def person(name: str, unit_name: str, position: str, rank: str, *, leader: bool = False,
                   key_post: str = "", status: str | None = None) -> int:
            drawn = status or ("cpc" if leader else political())
            if position in HEAD_POSTS or unit_name in PARTY_UNITS:
                drawn = "cpc"  # a 科长 is a Party member, and so is everyone of the 机关党委 and 纪委
            pid = people_write.save_person(s, actor, people_types.PersonDraft(
                name=name, unit_id=unit_ids[unit_name], position=position, rank=rank,
                political_status=drawn, is_leader=leader,
                key_post=key_post, gender=rng.choice("男女"),
                staff_no=f"{len(unit_ids):02d}{len(people_by_unit.get(unit_name, [])) + 1:03d}"))
            people_by_unit.setdefault(unit_name, []).append(pid)
            return pid

        unit(LEADERSHIP, "office", 0)
        for title, rank in [("党组书记、局长", "一级巡视员"), ("党组成员、副局长", "二级巡视员"),
                            ("党组成员、副局长", "一级调研员"), ("党组成员、副局长", "一级调研员"),
                            ("党组成员、机关党委书记", "一级调研员"), ("机关纪委书记", "二级调研员")]:
            person(person_name(rng), LEADERSHIP, title, rank, leader=True)

        for order, (name, kind, size, key_post) in enumerate(OFFICES, start=1):
            unit(name, kind, order)
            person(person_name(rng), name, "科长", "二级调研员", key_post=key_post)
            if size > 5:
                person(person_name(rng), name, "副科长", "四级调研员", key_post=key_post)
            for _ in range(size * ctx.scale - (2 if size > 5 else 1)):
                person(person_name(rng), name, rng.choice(OFFICE_DUTIES) + "岗", rng.choice(OFFICE_RANKS),
                       key_post=key_post if rng.random() < 0.6 else "")

        for order, (name, head, size) in enumerate(AFFILIATES, start=1):
            unit(name, "affiliate", order)
            person(person_name(rng), name, f"党支部书记、{head}", "管理岗五级", leader=True)
            for _ in range(rng.choice((1, 2))):
                person(person_name(rng), name, f"副{head}", "管理岗六级", leader=True)
            for _ in range(size * ctx.scale - 3):
                post, rank, key_post = rng.choice(AFFILIATE_POSTS)
                if name == "市文化市场综合执法支队" and rng.random() < 0.5:
                    post, rank, key_post = "执法队员", "管理岗九级", "执法"
                person(person_name(rng), name, post, rank, key_post=key_post)

        for order, (name, size) in enumerate(OTHERS, start=20):
            unit(name, "other", order)
            for _ in range(size * ctx.scale):
                person(person_name(rng), name, "职员", "管理岗九级")

        for name, first_unit, second_unit in HOMONYMS:
            person(name, first_unit, rng.choice(OFFICE_DUTIES) + "岗", "一级科员")
            post, rank, key_post = rng.choice(AFFILIATE_POSTS)
            person(name, second_unit, post, rank, key_post=key_post)

        # A few people who left: deactivated, kept because records may name them.
        for unit_name in ("市艺术剧院", "办公室", "市图书馆"):
            pid = people_by_unit[unit_name][-1]
            people_write.set_person_active(s, actor, pid, False)

        # Recent promotions and transfers (they raise the 任前廉政谈话 reminders).
        # To a leading post in an affiliated unit: Party members.
        rows = {p.id: p for p in people_query.people_rows(s, [i for ids in people_by_unit.values() for i in ids])}
        movable = [(u, p) for u in OFFICES for p in people_by_unit[u[0]][2:] if rows[p].political_status == "cpc"]
        for months_ago in (1, 2, 4, 7, 11, 14, 19, 23):
            (unit_name, *_), pid = rng.choice(movable)
            movable = [(u, p) for u, p in movable if p != pid]
            # Never into a unit that has a namesake: the register tells namesakes apart by unit.
            target = rng.choice([a[0] for a in AFFILIATES if not any(
                rows[other].name == rows[pid].name for other in people_by_unit[a[0]])])
            changed_on = _months_before(ctx.as_of, months_ago, rng.randint(1, 27))
            people_write.record_position_change(s, actor, people_types.PositionChangeDraft(
                person_id=pid, changed_on=changed_on, to_unit_id=unit_ids[target],
                to_position=rng.choice(["副馆长", "办公室主任", "业务部主任", "财务室主任"]),
                to_rank=rng.choice(["管理岗六级", "管理岗七级"]), is_promotion=True,
                notes="经局党组研究决定"), ctx.as_of)

    ctx.shared["unit_ids"] = unit_ids
    ctx.shared["people_by_unit"] = people_by_unit


def _months_before(day: dt.date, months: int, day_of_month: int) -> dt.date:
    month_index = day.year * 12 + day.month - 1 - months
    return dt.date(month_index // 12, month_index % 12 + 1, min(day_of_month, 28))
