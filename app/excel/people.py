"""People as a cell names them, both ways: written so that an export imports back to the same
person, read the way offices write them.

- `姓名` when the name is unique in the people register;
- `姓名（单位）` when namesakes exist (DESIGN: a person is name + unit), the unit being the one
  the record was filed under (a talk's snapshot) or the person's own;
- `姓名（名册外）` for someone outside the register who shares a registered person's name.

`split_person("张三（办公室·科长）")` → ("张三", "办公室", "科长") reads any of them back;
`PeopleIndex` finds the person: by name, in the unit written (their current unit, or one they
moved from), so a record filed before a transfer still names the same person.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dictionaries import normalize
from db.models import Person, PositionChange, Unit

OUTSIDER = "名册外"
_BRACKETS = re.compile(r"(.+?)\s*[（(]\s*(.*?)\s*[)）]\s*$", re.S)


def split_person(text: str) -> tuple[str, str, str]:
    """“张三（办公室·科长）” → (张三, 办公室, 科长); “张三” → (张三, "", "")."""
    text = " ".join(str(text or "").split())
    match = _BRACKETS.fullmatch(text)
    if not match:
        return text, "", ""
    unit, _, position = (p.strip() for p in match.group(2).partition("·"))
    return match.group(1).strip(), unit, position


def person_text(name: str, unit_name: str, namesakes: set[str], position: str = "") -> str:
    """A registered person as an export writes them: the bare name unless namesakes exist (or
    `position` is shown anyway, as a talk's 被谈话人 column does)."""
    if normalize(name) not in namesakes and not position:
        return name
    detail = "·".join(x for x in (unit_name, position) if x)
    return f"{name}（{detail}）" if detail else name


def outsider_text(name: str, unit_name: str, position: str, registered: set[str]) -> str:
    """Someone outside the register: their unit and post when known, else “（名册外）” when the
    name is also a registered person's (so the import does not take them for that person)."""
    detail = "·".join(x for x in (unit_name, position) if x)
    if detail:
        return f"{name}（{detail}）"
    return f"{name}（{OUTSIDER}）" if normalize(name) in registered else name


class PeopleIndex:
    """Every person by normalized name, with their unit and the units they moved from."""

    def __init__(self, session: Session) -> None:
        self.by_name: dict[str, list[tuple[int, str]]] = {}
        for pid, name, unit in session.execute(
                select(Person.id, Person.name, Unit.name).join(Unit, Person.unit_id == Unit.id)):
            self.by_name.setdefault(normalize(name), []).append((pid, normalize(unit)))
        self.former: dict[int, set[str]] = {}
        for pid, unit in session.execute(
                select(PositionChange.person_id, Unit.name)
                .join(Unit, PositionChange.from_unit_id == Unit.id)):
            self.former.setdefault(pid, set()).add(normalize(unit))

    @property
    def namesakes(self) -> set[str]:
        return {name for name, found in self.by_name.items() if len(found) > 1}

    @property
    def names(self) -> set[str]:
        return set(self.by_name)

    def candidates(self, name: str, unit_name: str = "") -> list[int]:
        """The people named `name` (in `unit_name` when given: their unit now, else one they
        moved from)."""
        found = self.by_name.get(normalize(name), [])
        if not unit_name:
            return [pid for pid, _ in found]
        unit = normalize(unit_name)
        now = [pid for pid, current in found if current == unit]
        return now or [pid for pid, _ in found if unit in self.former.get(pid, ())]


def namesakes_of(session: Session) -> set[str]:
    """Normalized names that more than one person in the register has."""
    return PeopleIndex(session).namesakes


def joined(texts: Iterable[str]) -> str:
    return "、".join(texts)
