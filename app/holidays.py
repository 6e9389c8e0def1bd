"""Festival days for any year (offline), the official 放假/调休 table, working days, and the
festival integrity reminders (节前廉政提醒) keyed to the start of each 放假.

Festival days: 元旦, 劳动节, 国庆 by rule; 春节, 端午, 中秋 from the lunar calendar and 清明 from the
solar terms, computed by lunar-python (maintained, offline, 1900–2100). The official 放假 ranges and
调休 working days are a table (seeded 2004–2026 by migration 0003, edited in 系统管理 as each
State Council notice is published); where a year's arrangement is not entered, the festival day
itself is used.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, require_all_units, require_write
from app.errors import ValidationError
from app.services.common import load_for_update
from app.vocab import FESTIVALS
from db.models import HolidayArrangement, HolidayWorkday

FESTIVAL_ORDER = tuple(FESTIVALS)  # new_year … national, in calendar order
FIRST_YEAR, LAST_YEAR = 1950, 2100


@lru_cache(maxsize=2048)
def festival_day(festival: str, year: int) -> dt.date:
    """The day of `festival` in `year` (Gregorian), computed offline."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"year {year} outside {FIRST_YEAR}–{LAST_YEAR}")
    fixed = {"new_year": (1, 1), "labour": (5, 1), "national": (10, 1)}
    if festival in fixed:
        return dt.date(year, *fixed[festival])
    from lunar_python import Lunar

    if festival == "qingming":
        # The jieqi table of the lunar year that starts in `year` holds that spring's 清明.
        solar = Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]
    else:
        month, day = {"spring": (1, 1), "dragon": (5, 5), "mid_autumn": (8, 15)}[festival]
        solar = Lunar.fromYmd(year, month, day).getSolar()
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


def festival_days(year: int) -> dict[str, dt.date]:
    return {f: festival_day(f, year) for f in FESTIVAL_ORDER}


@dataclass(frozen=True)
class Arrangement:
    id: int | None
    year: int
    festival: str
    first_day: dt.date
    last_day: dt.date
    source: str  # seed·user·computed (no arrangement entered: the festival day itself)
    version: int = 0

    @property
    def label(self) -> str:
        return FESTIVALS[self.festival]


class WorkCalendar:
    """Working days: Monday–Friday, minus 放假 days, plus 调休 working weekends."""

    def __init__(self, holidays: set[dt.date], workdays: set[dt.date]) -> None:
        self.holidays = holidays
        self.workdays = workdays

    def is_workday(self, day: dt.date) -> bool:
        if day in self.holidays:
            return False
        return day in self.workdays or day.weekday() < 5

    def working_days_before(self, day: dt.date, count: int) -> dt.date:
        """The working day `count` working days before `day` (count 0: `day` itself)."""
        current = day
        while count > 0:
            current -= dt.timedelta(days=1)
            if self.is_workday(current):
                count -= 1
        return current

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (negative when end < start)."""
        sign, (a, b) = (1, (start, end)) if start <= end else (-1, (end, start))
        days = sum(1 for i in range(1, (b - a).days + 1) if self.is_workday(a + dt.timedelta(days=i)))
        return sign * days

    def rest_start(self, first_day: dt.date) -> dt.date:
        """Where the time off really begins: a 放假 that joins a weekend starts with the weekend."""
        current = first_day
        while not self.is_workday(current - dt.timedelta(days=1)) and (first_day - current).days < 7:
            current -= dt.timedelta(days=1)
        return current


def arrangements(session: Session, year: int) -> list[Arrangement]:
    """The year's arrangement for every festival: entered ones, else the computed festival day."""
    entered = {a.festival: a for a in session.scalars(
        select(HolidayArrangement).where(HolidayArrangement.year == year))}
    found = []
    for festival in FESTIVAL_ORDER:
        row = entered.get(festival)
        if row is not None:
            found.append(Arrangement(row.id, year, festival, row.first_day, row.last_day,
                                     row.source, row.version))
        elif FIRST_YEAR <= year <= LAST_YEAR:
            day = festival_day(festival, year)
            found.append(Arrangement(None, year, festival, day, day, "computed"))
    return found


def work_calendar(session: Session, years: range | list[int]) -> WorkCalendar:
    holidays: set[dt.date] = set()
    for year in years:
        for a in arrangements(session, year):
            if a.source != "computed":
                holidays.update(a.first_day + dt.timedelta(days=i)
                                for i in range((a.last_day - a.first_day).days + 1))
    workdays = set(session.scalars(select(HolidayWorkday.day)))
    return WorkCalendar(holidays, workdays)


@dataclass(frozen=True)
class FestivalReminder:
    """One reminder per stretch of time off; festivals whose 放假 overlap share one."""

    key: str  # stable, for the done/snoozed state: "festival:2025:mid_autumn+national"
    year: int
    festivals: tuple[str, ...]
    rest_start: dt.date
    rest_end: dt.date
    remind_on: dt.date
    arrangement_known: bool

    @property
    def label(self) -> str:
        return "、".join(FESTIVALS[f] for f in self.festivals)


def festival_reminders(session: Session, year: int, lead_working_days: int) -> list[FestivalReminder]:
    """The year's festival integrity reminders: `lead_working_days` working days before the 放假
    starts (the festival day when no arrangement is entered); overlapping 放假 merged."""
    calendar = work_calendar(session, [year - 1, year, year + 1])
    spans = []
    for a in arrangements(session, year):
        known = a.source != "computed"
        start = calendar.rest_start(a.first_day) if known else a.first_day
        spans.append([start, a.last_day, [a.festival], known])
    spans.sort(key=lambda s: s[0])
    merged: list[list] = []
    for span in spans:
        if merged and span[0] <= merged[-1][1] + dt.timedelta(days=1):
            last = merged[-1]
            last[1] = max(last[1], span[1])
            last[2] += span[2]
            last[3] = last[3] and span[3]
        else:
            merged.append(span)
    reminders = []
    for start, end, festivals, known in merged:
        ordered = tuple(f for f in FESTIVAL_ORDER if f in festivals)
        reminders.append(FestivalReminder(
            key=f"festival:{year}:{'+'.join(ordered)}", year=year, festivals=ordered,
            rest_start=start, rest_end=end,
            remind_on=calendar.working_days_before(start, lead_working_days),
            arrangement_known=known))
    return reminders


@dataclass(frozen=True)
class FestivalYearRow:
    festival: str
    label: str
    festival_day: dt.date                # computed offline
    entered: Arrangement | None          # the official 放假 range, when entered


@dataclass(frozen=True)
class HolidayYear:
    """A year as 系统管理 shows it: each festival's computed day beside its entered 放假 range,
    and the year's 调休 working days."""

    year: int
    festivals: tuple[FestivalYearRow, ...]
    workdays: tuple[tuple[dt.date, str], ...]  # (day, festival code)

    @property
    def entered_count(self) -> int:
        return sum(1 for f in self.festivals if f.entered is not None)

    @property
    def complete(self) -> bool:
        return self.entered_count == len(self.festivals)


def holiday_year(session: Session, year: int) -> HolidayYear:
    """The year's festivals (computed day and entered 放假 range) and 调休 working days."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(f"年度应在 {FIRST_YEAR}–{LAST_YEAR} 之间。", "year")
    entered = {a.festival: a for a in arrangements(session, year) if a.source != "computed"}
    rows = tuple(FestivalYearRow(f, FESTIVALS[f], festival_day(f, year), entered.get(f))
                 for f in FESTIVAL_ORDER)
    workdays = tuple((day, festival) for day, festival in session.execute(
        select(HolidayWorkday.day, HolidayWorkday.festival)
        .where(HolidayWorkday.day.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        .order_by(HolidayWorkday.day)))
    return HolidayYear(year, rows, workdays)


def entered_years(session: Session) -> list[int]:
    """Years with at least one 放假 range entered (seeded or typed), oldest first."""
    return list(session.scalars(select(HolidayArrangement.year).distinct().order_by(HolidayArrangement.year)))


def missing_years(session: Session, today: dt.date) -> list[int]:
    """This year and the next without a complete 放假 table: the years to enter from the State
    Council's notice (the next year's is usually published in November)."""
    found = []
    for year in (today.year, today.year + 1):
        count = session.scalar(select(func.count()).select_from(HolidayArrangement)
                               .where(HolidayArrangement.year == year)) or 0
        if count < len(FESTIVAL_ORDER):
            found.append(year)
    return found


@dataclass(frozen=True)
class ArrangementDraft:
    year: int
    festival: str
    first_day: dt.date
    last_day: dt.date
    id: int | None = None
    version: int | None = None


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
        return row.id
    row = load_for_update(session, HolidayArrangement, draft.id, draft.version, "放假安排")
    before = audit.snapshot(row)
    row.first_day, row.last_day, row.source = draft.first_day, draft.last_day, "user"
    session.flush()
    audit.updated(session, actor, row, before)
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
