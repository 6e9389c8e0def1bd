"""A 签到表 sheet read into participants, through the Excel engine's reader (title rows, a
two-row header, 合计 and 填表人 rows skipped as in any import). Each row names one person: 姓名,
with 单位 (or 姓名（单位）) where namesakes exist; a row whose 签到 cell says 缺席 · 请假 · 未到 · 否
is someone who did not come and is left out. A name the people register lacks is kept as written
(someone from outside, marked); a name with namesakes and no unit is a problem named by row."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app.dictionaries import normalize
from app.errors import ValidationError
from app.excel.columns import Column
from app.excel.people import PeopleIndex, split_person
from app.excel.reader import read_workbook
from app.excel.values import is_blank, text_of
from app.registers.people.query import people_rows
from app.registers.talks.types import ParticipantDraft

COLUMNS = (
    Column("name", "姓名", ("参会人员", "参加人员", "签到人", "人员姓名"), required=True),
    Column("unit", "单位", ("部门", "科室", "所在单位", "工作单位", "单位（部门）", "单位(部门)", "所在科室")),
    Column("position", "职务", ("岗位", "职务（职级）")),
    Column("present", "签到", ("签到情况", "是否参加", "到会情况", "出席情况", "参加情况", "是否到会")),
)
ABSENT = ("缺席", "请假", "未到", "未参加", "否", "×", "x", "无", "公出", "病假", "事假")


@dataclass(frozen=True)
class SignedIn:
    draft: ParticipantDraft
    unit_name: str               # the register's (now), or as written
    position: str
    registered: bool

    @property
    def display(self) -> str:
        """张三（办公室·科长）"""
        detail = "·".join(x for x in (self.unit_name, self.position) if x)
        return f"{self.draft.name}（{detail}）" if detail else self.draft.name


@dataclass(frozen=True)
class SignInSheet:
    people: tuple[SignedIn, ...]     # in the sheet's order, each once
    absent: tuple[str, ...]          # marked 缺席/请假…: left out
    problems: tuple[str, ...]        # rows not taken, with why (第 N 行…)
    outsiders: int                   # kept as written: not on the people register

    @property
    def summary(self) -> str:
        """读取 52 人（名册外 2 人），缺席 3 人；2 行未读取"""
        text = f"读取 {len(self.people)} 人"
        text += f"（名册外 {self.outsiders} 人）" if self.outsiders else ""
        text += f"，缺席 {len(self.absent)} 人" if self.absent else ""
        return text + (f"；{len(self.problems)} 行未读取" if self.problems else "")


def read_sign_in(session: Session, path: Path | str) -> SignInSheet:
    """The people a 签到表 names (see the module doc). Raises ValidationError when the file
    cannot be read or has no sheet with a 姓名 column."""
    book = read_workbook(Path(path), COLUMNS)
    if book.errors and not book.sheets:
        raise ValidationError(book.errors[0])
    index = PeopleIndex(session)
    found: list[ParticipantDraft] = []
    absent, problems = [], []
    seen: set[object] = set()
    for sheet in book.sheets:
        for number, cells in sheet.rows:
            row = {key: _text(cells, i) for key, i in sheet.columns.items()}
            name, written_unit, written_position = split_person(row.get("name", ""))
            if not name:
                continue
            unit_name = row.get("unit", "") or written_unit
            if normalize(row.get("present", "")) in {normalize(w) for w in ABSENT}:
                absent.append(name)
                continue
            candidates = index.candidates(name, unit_name)
            if len(candidates) > 1:
                problems.append(f"「{sheet.name}」第 {number} 行：“{name}”有 {len(candidates)} 人同名，请在单位列写明其单位。")
                continue
            if candidates:
                key: object = candidates[0]
                draft = ParticipantDraft(name=name, person_id=candidates[0])
            else:
                key = ("free", normalize(name), normalize(unit_name))
                draft = ParticipantDraft(name=name, unit_name=unit_name,
                                         position=row.get("position", "") or written_position)
            if key in seen:
                continue
            seen.add(key)
            found.append(draft)
    rows = {r.id: r for r in people_rows(session, [d.person_id for d in found if d.person_id is not None])}
    people = tuple(SignedIn(d, rows[d.person_id].unit_name, rows[d.person_id].position, True) if d.person_id in rows
                   else SignedIn(d, d.unit_name, d.position, False) for d in found)
    return SignInSheet(people, tuple(absent), tuple(problems), sum(1 for p in people if not p.registered))


def _text(cells: tuple, index: int) -> str:
    value = cells[index] if index < len(cells) else None
    return "" if is_blank(value) else text_of(value)


