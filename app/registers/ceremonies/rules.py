"""When a 婚丧喜庆 report is due, counted in working days: the deadline, the lead, how many
working days late; the rule in words for the form."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.registers.holidays.rules import WorkCalendar

FUNERAL = "funeral"                 # ceremony_kind code of 丧


LEAD_WORKING_DAYS = 7               # report at least this many working days before the event


FUNERAL_AFTER_WORKING_DAYS = 10     # a 丧 may be reported up to this many working days after it


REMINDER_KIND, REMINDER_REASON = "reminder", "ceremony"  # the 提醒谈话 a report may lead to


def scale_excess(tables: int | None, guests: int | None, max_tables: int, max_guests: int) -> str:
    """The scale rule (settings: 桌数 and 人数 limits): "" within them, else what exceeds them —
    “28 桌（限 20 桌）、约 285 人（限 200 人）” — which flags the report and proposes a 提醒谈话."""
    over = []
    if tables is not None and tables > max_tables:
        over.append(f"{tables} 桌（限 {max_tables} 桌）")
    if guests is not None and guests > max_guests:
        over.append(f"约 {guests} 人（限 {max_guests} 人）")
    return "、".join(over)


def working_days_after(calendar: WorkCalendar, day: dt.date, count: int) -> dt.date:
    """The working day `count` working days after `day` (count 0: `day` itself)."""
    return calendar.working_days_after(day, count)


@dataclass(frozen=True)
class Timeliness:
    """When a report was due and how it was made, in working days."""

    deadline: dt.date        # the last day on which the report was on time
    lead: int                # working days from the report (inclusive) to the event (exclusive); < 0 after it
    late_days: int           # working days after the deadline (0: on time)
    after_event: bool        # reported on or after the event day (a 丧's 事后补报)

    @property
    def late(self) -> bool:
        return self.late_days > 0

    @property
    def text(self) -> str:
        """提前 8 个工作日 · 迟报 3 个工作日 · 事后第 2 个工作日补报 · 补报超期 3 个工作日."""
        if self.after_event and self.late:
            return f"补报超期 {self.late_days} 个工作日"
        if self.late:
            return f"迟报 {self.late_days} 个工作日"
        if self.after_event:
            return f"事后第 {-self.lead} 个工作日补报" if self.lead < 0 else "当日报备"
        return f"提前 {self.lead} 个工作日"


def deadline_of(calendar: WorkCalendar, kind: str, event_date: dt.date) -> dt.date:
    """The last day on which a report of `kind` for `event_date` is on time."""
    if kind == FUNERAL:
        return calendar.working_days_after(event_date, FUNERAL_AFTER_WORKING_DAYS)
    return calendar.working_days_before(event_date, LEAD_WORKING_DAYS)


def timeliness(calendar: WorkCalendar, kind: str, event_date: dt.date, reported_on: dt.date) -> Timeliness:
    """How `reported_on` meets the rule for an event of `kind` on `event_date` (module docstring)."""
    if reported_on < event_date:
        lead = calendar.working_days_between(reported_on - dt.timedelta(days=1),
                                             event_date - dt.timedelta(days=1))
    else:
        lead = -calendar.working_days_between(event_date, reported_on)
    deadline = deadline_of(calendar, kind, event_date)
    late = calendar.working_days_between(deadline, reported_on) if reported_on > deadline else 0
    return Timeliness(deadline, lead, late, reported_on >= event_date)


def rule_text(kind: str) -> str:
    """The rule as the form states it next to the dates."""
    if kind == FUNERAL:
        return f"丧事可事后报备，最迟于事后第 {FUNERAL_AFTER_WORKING_DAYS} 个工作日"
    return f"应于举办前 {LEAD_WORKING_DAYS}–10 个工作日报备"

