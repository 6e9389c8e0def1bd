"""谈话记录 in Excel: a talk is matched by date + type + its talkees' names.

Participants are written one per part of the cell (、，; or line breaks — not inside brackets,
where a position like 党组成员、副局长 keeps its 、), each as 姓名 or 姓名（单位·职务）. A name found
in the people register (in that unit — now or before a transfer — when one is written) is that
person; a name the register lacks is an outsider kept as written (姓名（名册外）: an outsider who
shares a registered name); homonyms without a unit are rejected with a hint. The export writes
talkees as 张三（财务科·科长）, and talkers and recorders by name, with their unit where namesakes
exist (app/excel/people.py), so a file exported and imported back matches every record.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.common import clean
from app.dictionaries import normalize
from app.errors import ValidationError
from app.excel.adapter import Register
from app.excel.columns import (
    Column,
    Pending,
    RowInput,
    RowOutcome,
    RowRejected,
    changed,
)
from app.excel.people import OUTSIDER, PeopleIndex, outsider_text, person_text, split_person
from app.registers.talks.query import search_talk_ids, talk_rows
from app.registers.talks.types import (
    ParticipantDraft,
    ParticipantRow,
    TalkDraft,
    TalkFilter,
    TalkRow,
    parse_time,
)
from app.registers.talks.write import save_talk
from db.models import Talk

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.excel.context import ApplyContext, PlanContext
    from app.excel.plan import PlannedRow

CHUNK = 500
SIGNED = {"是", "已签字", "已签", "√", "✓", "y", "yes", "1"}
_TEXT = ("place", "content", "response", "follow_up")
_DEFAULTS: dict[str, object] = {"start_time": None, "end_time": None, "place": "", "reason": "", "talkers": (),
                                "recorders": (), "content": "", "response": "", "follow_up": "",
                                "signed": False}


class TalksRegister(Register):
    key = "talks"
    title = "谈话记录"
    columns = (
        Column("number", "编号", ("记录编号",), width=9, export_only=True),
        Column("talk_date", "谈话日期", ("日期", "谈话时间", "谈话日期时间"), kind="date", required=True,
               width=11),
        Column("start_time", "开始时间", ("时刻", "具体时间"), width=8),
        Column("end_time", "结束时间", ("结束时刻",), width=8),
        Column("kind", "谈话类型", ("类型", "谈话形式", "谈话种类", "谈话方式"), kind="dict",
               domain="talk_type", required=True, width=12),
        Column("reason", "谈话事由", ("事由", "谈话原因", "原因"), kind="dict", domain="talk_reason",
               width=12),
        Column("place", "谈话地点", ("地点",), width=14),
        Column("talkers", "谈话人", ("谈话领导", "谈话人员", "谈话人姓名"), required=True,
               width=14, names="person"),
        Column("talkees", "被谈话人", ("谈话对象", "被谈话人姓名", "谈话对象姓名", "被谈话人及单位职务",
                                       "被约谈人", "被谈话对象"), required=True, width=24, names="person"),
        Column("recorders", "记录人", ("记录", "记录人员"), width=8, names="person"),
        Column("content", "谈话内容", ("主要内容", "谈话主要内容", "内容", "谈话要点"), width=40),
        Column("response", "本人表态", ("表态", "被谈话人表态", "谈话对象表态", "表态情况"), width=24),
        Column("follow_up", "后续要求", ("整改要求", "后续跟踪", "跟踪落实情况", "后续跟踪情况"), width=20),
        Column("signed", "是否签字", ("签字", "签字确认", "本人签字"), kind="bool", width=8),
    )

    def prepare(self, ctx: PlanContext, rows: Sequence[RowInput]) -> None:
        ctx.state["people"] = PeopleIndex(ctx.session)
        days = {r.values.get("talk_date") for r in rows} - {None}
        ids = list(ctx.session.scalars(select(Talk.id).where(Talk.talk_date.in_(days)))) if days else []
        existing: dict[tuple, TalkRow] = {}
        for start in range(0, len(ids), CHUNK):
            for talk in talk_rows(ctx.session, ids[start:start + CHUNK]):
                existing[_identity(talk.talk_date, talk.kind, [p.name for p in talk.talkees])] = talk
        ctx.state["talks"] = existing

    def _participants(self, ctx: PlanContext, written: object, header: str,
                      known: Sequence[ParticipantRow] = ()) -> tuple[ParticipantDraft, ...]:
        """The people a cell names: the talk's own participant of that name (and unit, as filed),
        else the registered person of that name (in that unit), else an outsider as written."""
        people: PeopleIndex = ctx.state["people"]  # type: ignore[assignment]
        found = []
        for text in split_people(str(written or "")):
            name, unit_name, position = split_person(text)
            if not name:
                continue
            if unit_name == OUTSIDER:
                found.append(ParticipantDraft(name=name))
                continue
            same = [k for k in known if normalize(k.name) == normalize(name)
                    and (not unit_name or normalize(k.unit_name) == normalize(unit_name))]
            if len(same) == 1:
                found.append(same[0].as_draft())
                continue
            candidates = people.candidates(name, unit_name)
            if len(candidates) == 1:
                found.append(ParticipantDraft(name=name, person_id=candidates[0]))
            elif candidates:
                raise RowRejected(f"{header}“{name}”在人员名册中有 {len(candidates)} 人同名，"
                                  f"请写成“{name}（单位）”以区分。")
            elif (mapped := ctx.person_or_outsider(name, unit_name)) is not None:
                found.append(ParticipantDraft(name=name, person_id=mapped))  # the clerk's mapping
            else:  # not in the register: an outsider, as written (可能是 when a name is close)
                found.append(ParticipantDraft(name=name, unit_name=unit_name, position=position))
        return tuple(found)

    def plan_row(self, ctx: PlanContext, row: RowInput) -> RowOutcome:
        day = row.get("talk_date")
        kind = row.get("kind")
        talkees = self._participants(ctx, row.get("talkees"), "被谈话人")
        if not talkees:
            raise RowRejected("“被谈话人”不能为空。")
        identity = _identity(day, kind, [p.name for p in talkees])
        found = ctx.state["talks"].get(identity) if not isinstance(kind, Pending) else None  # type: ignore[union-attr]
        before = _values_of(found) if found else dict(_DEFAULTS, talkees=talkees)
        after = dict(before, talkees=talkees if not found else before["talkees"])
        for key in _DEFAULTS:
            if key not in row.present:
                continue
            value = row.values.get(key)
            if key in ("talkers", "recorders"):
                value = self._participants(ctx, value, "谈话人" if key == "talkers" else "记录人",
                                           getattr(found, key) if found else ())
            elif key in ("start_time", "end_time"):
                value = _time_of(value, key)
            elif key in _TEXT:
                value = clean(str(value or ""))
            after[key] = _DEFAULTS[key] if value is None else value
        if found is None and not after["talkers"]:
            raise RowRejected("“谈话人”不能为空。")
        if isinstance(day, dt.date) and day > ctx.today:
            raise RowRejected(f"谈话日期 {day:%Y-%m-%d} 晚于今天。")
        names = "、".join(p.name for p in talkees)
        summary = f"{day:%Y-%m-%d} {ctx.vocab.label('talk_type', kind) if isinstance(kind, str) else kind} {names}"
        values = {"talk_date": day, "kind": kind, **after}
        if found is None:
            outsiders = [p.name for p in (*talkees, *after["talkers"]) if p.person_id is None]  # type: ignore[misc]
            note = f"（名册外：{'、'.join(outsiders)}）" if outsiders else ""
            return RowOutcome("add", values, summary + note, match_key=identity)
        action = "unchanged" if _comparable(after) == _comparable(before) else "update"
        return RowOutcome(action, values, summary, found.id, found.version,
                          changed(self.columns, _shown(ctx, before), _shown(ctx, after)))

    def apply_row(self, ctx: ApplyContext, row: PlannedRow) -> int:
        v = ctx.values(row)
        draft = TalkDraft(
            kind=v["kind"], talk_date=v["talk_date"], talkees=v["talkees"], talkers=v["talkers"],
            recorders=v["recorders"], start_time=v["start_time"], end_time=v["end_time"], place=v["place"],
            reason=v["reason"], content=v["content"], response=v["response"],
            follow_up=v["follow_up"], signed=v["signed"], id=row.target_id, version=row.target_version)
        return save_talk(ctx.session, ctx.actor, draft, ctx.today)

    def export_rows(self, session: Session, actor: Actor, *, year: int | None,
                    unit_id: int | None) -> Iterator[list[object]]:
        """Participants are written so that the file imports back to the same people: talkees
        with their unit and post as filed, talkers and recorders by name, with their unit where
        the register has namesakes (see app/excel/people.py)."""
        ids = search_talk_ids(session, actor, TalkFilter(year=year, unit_id=unit_id), "date", False)
        index = PeopleIndex(session)
        namesakes, registered = index.namesakes, index.names

        def written(people: Sequence[ParticipantRow], with_post: bool = False) -> str:
            return "、".join(
                person_text(p.name, p.unit_name, namesakes, p.position if with_post else "")
                if p.person_id is not None else outsider_text(p.name, p.unit_name, p.position, registered)
                for p in people)

        for start in range(0, len(ids), CHUNK):
            for t in talk_rows(session, ids[start:start + CHUNK]):
                yield [t.number, t.talk_date, f"{t.start_time:%H:%M}" if t.start_time else "",
                       f"{t.end_time:%H:%M}" if t.end_time else "", t.kind_label,
                       t.reason_label, t.place, written(t.talkers), written(t.talkees, True),
                       written(t.recorders), t.content, t.response, t.follow_up, t.signed]


def split_people(text: str) -> list[str]:
    """“张三（局领导班子·党组成员、副局长）、李四” → both people: separators inside brackets stay."""
    parts, current, depth = [], [], 0
    for char in text:
        depth += char in "（("
        depth -= char in "）)" and depth > 0
        if depth == 0 and char in "、，,；;\n\r":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def _identity(day: object, kind: object, names: Sequence[str]) -> tuple:
    return (day, str(kind), tuple(sorted(normalize(n) for n in names)))


def _time_of(value: object, key: str) -> dt.time | None:
    """A time cell: blank, a time (an Excel time cell) or text (14:30, 14时30分 …)."""
    if not value:
        return None
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    try:
        return parse_time(str(value), key)
    except ValidationError as exc:
        raise RowRejected(f"{'开始时间' if key == 'start_time' else '结束时间'}：{exc.message}") from exc


def _values_of(talk: TalkRow) -> dict[str, object]:
    draft = talk.draft()
    return {"start_time": draft.start_time, "end_time": draft.end_time, "place": draft.place, "reason": draft.reason,
            "talkees": draft.talkees, "talkers": draft.talkers, "recorders": draft.recorders,
            "content": draft.content, "response": draft.response, "follow_up": draft.follow_up,
            "signed": draft.signed}


def _comparable(values: dict[str, object]) -> dict[str, object]:
    """Participants compare by who they are (a registered id, or an outsider's name)."""
    shown = dict(values)
    for key in ("talkees", "talkers", "recorders"):
        shown[key] = tuple(p.person_id or p.name for p in values[key])  # type: ignore[union-attr]
    return shown


def _shown(ctx: PlanContext, values: dict[str, object]) -> dict[str, object]:
    shown = _comparable(values)
    for key in ("talkees", "talkers", "recorders"):
        shown[key] = tuple(p.name for p in values[key])  # type: ignore[union-attr]
    reason = values["reason"]
    shown["reason"] = ctx.vocab.label("talk_reason", reason) if isinstance(reason, str) else str(reason)
    for key in ("start_time", "end_time"):
        time = values[key]
        shown[key] = f"{time:%H:%M}" if isinstance(time, dt.time) else ""
    return shown
