"""Position changes with their 任前廉政谈话: for the clerk's list on the people page (who moved in
a period, and whether the talk after the move is recorded, due or overdue) and for the talk form
it opens. The same rule as the reminder (app/reminders.py `pre_appointment_talks`): a 任前廉政谈话
in which the person is 被谈话人, dated on or after the change, within `settings.pre_talk_days`."""
from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth import Actor, Role, require_role
from app.registers.people.query import position_changes
from app.registers.people.types import PositionChangeRow
from app.registers.talks.types import TALKEE, ParticipantDraft, TalkDraft
from app.registers.units.query import descendant_unit_ids
from app.visibility import may_read_unit
from db.models import PositionChange, Talk, TalkParticipant

PRE_TALK = "pre_appointment"  # talk_type code of 任前廉政谈话
DONE, WAITING, OVERDUE = "done", "waiting", "overdue"
STATE_LABELS = {DONE: "已谈话", WAITING: "待谈话", OVERDUE: "逾期未谈话"}


@dataclass(frozen=True)
class ChangeWithTalk:
    change: PositionChangeRow
    due: dt.date                 # changed_on + pre_talk_days
    talk_date: dt.date | None    # the first 任前廉政谈话 on or after the change
    state: str                   # done · waiting · overdue

    @property
    def id(self) -> int:
        return self.change.id

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def talk_text(self) -> str:
        if self.talk_date is not None:
            return f"{self.talk_date:%Y-%m-%d} 已谈话"
        return f"逾期（应于 {self.due:%Y-%m-%d} 前）" if self.state == OVERDUE else f"应于 {self.due:%Y-%m-%d} 前"


def changes_with_talks(session: Session, actor: Actor, today: dt.date, pre_talk_days: int, *,
                       start: dt.date | None = None, end: dt.date | None = None, unit_id: int | None = None,
                       waiting_only: bool = False, promotions_only: bool = False) -> list[ChangeWithTalk]:
    """Position changes dated within [start, end] (to a unit within `unit_id`, with the units
    below it; a unit-limited user's units only), newest first, each with its 任前廉政谈话 state
    as of `today`; `waiting_only` keeps those still without the talk."""
    require_role(actor, Role.VIEWER)
    query = select(PositionChange.id, PositionChange.person_id, PositionChange.to_unit_id)
    if start is not None:
        query = query.where(PositionChange.changed_on >= start)
    if end is not None:
        query = query.where(PositionChange.changed_on <= end)
    if promotions_only:
        query = query.where(PositionChange.is_promotion)
    units = descendant_unit_ids(session, unit_id) if unit_id is not None else None
    wanted = {cid: pid for cid, pid, to_unit in session.execute(query)
              if (units is None or to_unit in units) and may_read_unit(actor, to_unit)}
    if not wanted:
        return []
    talks: dict[int, list[dt.date]] = {}
    for pid, day in session.execute(
            select(TalkParticipant.person_id, Talk.talk_date).join(Talk, TalkParticipant.talk_id == Talk.id)
            .where(TalkParticipant.role == TALKEE, Talk.kind == PRE_TALK,
                   TalkParticipant.person_id.in_(sorted(set(wanted.values()))))
            .order_by(Talk.talk_date)):
        talks.setdefault(pid, []).append(day)
    found = []
    for change in position_changes(session, actor, sorted(set(wanted.values()))):
        if change.id not in wanted:
            continue
        days = talks.get(change.person_id, [])
        at = bisect_left(days, change.changed_on)
        talk = days[at] if at < len(days) else None
        due = change.changed_on + dt.timedelta(days=pre_talk_days)
        state = DONE if talk is not None else (OVERDUE if due < today else WAITING)
        if waiting_only and state == DONE:
            continue
        found.append(ChangeWithTalk(change, due, talk, state))
    return found


def change_years(session: Session) -> list[int]:
    """Years that hold position changes, newest first (the list's year filter)."""
    first, last = session.execute(select(func.min(PositionChange.changed_on), func.max(PositionChange.changed_on))).one()
    return list(range(last.year, first.year - 1, -1)) if first else []


def pre_talk_draft(change: PositionChangeRow, day: dt.date) -> TalkDraft:
    """A 任前廉政谈话 for the talk form: the moved person as 被谈话人, reason 职务变动/任前."""
    content = (f"{change.person_name}同志任{change.to_unit_name}{change.to_position}，进行任前廉政谈话：\n"
               "一、认清岗位职责和廉政风险，落实“一岗双责”；\n"
               "二、严守政治纪律和政治规矩，严格执行中央八项规定精神；\n"
               "三、正确行使权力，自觉接受监督，管好身边人；\n"
               "四、签订廉政承诺书。")
    return TalkDraft(kind=PRE_TALK, talk_date=day, reason="promotion",
                     talkees=(ParticipantDraft(change.person_name, change.person_id),), content=content)
