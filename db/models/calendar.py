"""Official holiday arrangements (放假/调休) and the state of reminders."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Timestamped, Versioned


class HolidayArrangement(Versioned, Timestamped, Base):
    """One festival's 放假 range in one year, as the State Council published it."""

    __tablename__ = "holiday_arrangements"
    __table_args__ = (UniqueConstraint("year", "festival"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    festival: Mapped[str] = mapped_column(String(20))  # new_year·spring·qingming·labour·dragon·mid_autumn·national
    first_day: Mapped[dt.date] = mapped_column(Date)
    last_day: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(20), default="seed")  # seed·user


class HolidayWorkday(Base):
    """A weekend day that is a working day (调休上班)."""

    __tablename__ = "holiday_workdays"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    festival: Mapped[str] = mapped_column(String(20), default="")


class ReminderState(Versioned, Timestamped, Base):
    """What the office did about a reminder: done (kept as a record) or snoozed."""

    __tablename__ = "reminder_states"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    state: Mapped[str] = mapped_column(String(20))  # done·snoozed
    done_by: Mapped[str] = mapped_column(String(50), default="")
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    how: Mapped[str] = mapped_column(Text, default="")
    snooze_until: Mapped[dt.date | None] = mapped_column(Date)
    # What the reminder said when it was handled: the record outlives its condition.
    kind: Mapped[str] = mapped_column(String(40), default="", server_default="")
    title: Mapped[str] = mapped_column(Text, default="", server_default="")
