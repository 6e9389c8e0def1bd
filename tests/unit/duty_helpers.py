"""A small bureau for the 主体责任 and 廉政教育 tests: units with their heads and staff, made
through the services, and a clerk limited to the museum."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.auth import Actor, Role, actor_of
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.registers.users.write import create_user
from db.models import User
from tests.conftest import PASSWORD

D = dt.date


@dataclass(frozen=True)
class Bureau:
    leadership: int
    office: int
    finance: int
    museum: int
    museum_desk: int       # a unit below the museum
    director: int          # 党组书记、局长
    office_head: int       # 科长
    office_staff: tuple[int, ...]
    finance_head: int
    museum_head: int       # 党支部书记、馆长 (班子成员)
    museum_deputy: int     # 副馆长 (班子成员, not the head)
    museum_staff: tuple[int, ...]
    desk_staff: int
    clerk: Actor           # 录入员 limited to the museum (and the unit below it)


def make_bureau(ws, admin: Actor) -> Bureau:  # noqa: ANN001
    with ws.writing() as s:
        def unit(name: str, kind: str, parent: int | None = None, order: int = 0) -> int:
            return units_write.save_unit(s, admin, units_types.UnitDraft(name=name, kind=kind, parent_id=parent,
                                                                         sort_order=order))

        def person(name: str, unit_id: int, position: str = "", leader: bool = False) -> int:
            return people_write.save_person(s, admin, people_types.PersonDraft(
                name=name, unit_id=unit_id, position=position, is_leader=leader))

        leadership = unit("局领导班子", "office", order=0)
        office, finance = unit("办公室", "office", order=1), unit("财务科", "office", order=2)
        museum = unit("市博物馆", "affiliate", order=1)
        desk = unit("博物馆保卫部", "affiliate", museum, order=2)
        director = person("周局长", leadership, "党组书记、局长", True)
        office_head = person("钱科长", office, "科长")
        office_staff = (person("孙一", office, "文秘岗"), person("李二", office, "档案岗"))
        finance_head = person("吴科长", finance, "科长")
        museum_head = person("郑馆长", museum, "党支部书记、馆长", True)
        museum_deputy = person("王副馆长", museum, "副馆长", True)
        museum_staff = (person("冯一", museum, "馆员"), person("陈二", museum, "会计"))
        desk_staff = person("褚三", desk, "保卫干事")
        create_user(s, admin, "museum_clerk", PASSWORD, Role.EDITOR, "博物馆纪检委员", [museum, desk])
        clerk = actor_of(s.scalars(select(User).where(User.username == "museum_clerk")).one())
    return Bureau(leadership, office, finance, museum, desk, director, office_head, office_staff, finance_head,
                  museum_head, museum_deputy, museum_staff, desk_staff, clerk)
