"""Writing the 放假/调休 table: a year's arrangements in one unit of work, and single 调休 days.
Every change works the 婚丧喜庆报备's stored 迟报 flags out again for the years it touches
(`refresh_late`), in the same unit of work."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, require_all_units, require_write
from app.registers.ceremonies.write import refresh_late
from app.errors import ValidationError
from app.registers.holidays.types import ArrangementDraft
from app.stale import load_for_update
from app.vocab import FESTIVALS
from db.models import HolidayArrangement, HolidayWorkday


def save_arrangement(session: Session, actor: Actor, draft: ArrangementDraft) -> int:
    """Enters or corrects a festival's official 放假 range for a year (录入员 or above)."""
    require_write(actor)
    require_all_units(actor, "节假日安排")
    if draft.festival not in FESTIVALS:
        raise ValidationError("请选择节日。", "festival")
    if draft.first_day is None or draft.last_day is None:
        raise ValidationError("请填写放假的起止日期。", "first_day")
    if draft.last_day < draft.first_day:
        raise ValidationError("放假结束日期不能早于开始日期。", "last_day")
    if (draft.last_day - draft.first_day).days > 14:
        raise ValidationError("放假时间超过 15 天，请核对日期。", "last_day")
    if abs(draft.first_day.year - draft.year) > 1:
        raise ValidationError("放假日期与年度不符。", "first_day")
    clash = session.scalars(select(HolidayArrangement).where(
        HolidayArrangement.year == draft.year, HolidayArrangement.festival == draft.festival)).first()
    if clash is not None and clash.id != draft.id:
        raise ValidationError(f"{draft.year} 年的{FESTIVALS[draft.festival]}已有放假安排，请修改那一条。", "festival")
    if draft.id is None:
        row = HolidayArrangement(year=draft.year, festival=draft.festival, first_day=draft.first_day,
                                 last_day=draft.last_day, source="user")
        session.add(row)
        session.flush()
        audit.created(session, actor, row)
        refresh_late(session, {draft.year, draft.first_day.year, draft.last_day.year})
        return row.id
    row = load_for_update(session, HolidayArrangement, draft.id, draft.version, "放假安排")
    before = audit.snapshot(row)
    moved = {row.first_day.year, row.last_day.year}
    row.first_day, row.last_day, row.source = draft.first_day, draft.last_day, "user"
    session.flush()
    audit.updated(session, actor, row, before)
    refresh_late(session, moved | {draft.year, draft.first_day.year, draft.last_day.year})
    return row.id


def set_workday(session: Session, actor: Actor, day: dt.date, festival: str, working: bool) -> None:
    """Marks (or unmarks) a weekend day as a 调休 working day."""
    require_write(actor)
    require_all_units(actor, "节假日安排")
    row = session.get(HolidayWorkday, day)
    if working and row is None:
        if day.weekday() < 5:
            raise ValidationError("调休上班日应是周六或周日。", "day")
        session.add(HolidayWorkday(day=day, festival=festival))
        audit.record(session, actor, "create", "holiday_workdays", day.isoformat(),
                     new={"day": day.isoformat(), "festival": festival})
    elif not working and row is not None:
        session.delete(row)
        audit.record(session, actor, "delete", "holiday_workdays", day.isoformat(),
                     old={"day": day.isoformat(), "festival": row.festival})
    session.flush()
    refresh_late(session, {day.year})

