"""Talk records (谈话记录) and their participants."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, Timestamped, Versioned


class Talk(Versioned, Timestamped, Base):
    __tablename__ = "talks"
    # The register's order (newest first): the sorted id list is read from this index alone.
    # The record number (编号 2025-012) is unique: the year of the talk date and a sequence (a
    # unique index: SQLite adds it without rebuilding the table that participants point at).
    __table_args__ = (Index("ix_talks_date_time_id", "talk_date", "start_time", "id"),
                      Index("ix_talks_number", "number_year", "number_seq", unique=True))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)  # dict talk_type
    talk_date: Mapped[dt.date] = mapped_column(Date, index=True)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    # 编号: given once when the talk is recorded (NumberSeries "talks"), never given again.
    number_year: Mapped[int | None] = mapped_column(Integer)
    number_seq: Mapped[int | None] = mapped_column(Integer)
    place: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(String(40), default="")  # dict talk_reason
    content: Mapped[str] = mapped_column(Text, default="")
    response: Mapped[str] = mapped_column(Text, default="")  # 本人表态
    follow_up: Mapped[str] = mapped_column(Text, default="")
    signed: Mapped[bool] = mapped_column(Boolean, default=False)
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("findings.id"))
    risk_point_id: Mapped[int | None] = mapped_column(ForeignKey("risk_points.id"))

    participants: Mapped[list[TalkParticipant]] = relationship(
        order_by="TalkParticipant.seq", cascade="all, delete-orphan"
    )


class TalkParticipant(Base):
    """A 谈话人, 被谈话人 or 记录人: a registered person or a free-text name.

    The talkee's unit and position are snapshotted: moving the person later changes nothing here.
    """

    __tablename__ = "talk_participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    talk_id: Mapped[int] = mapped_column(ForeignKey("talks.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))  # talker·talkee·recorder
    seq: Mapped[int] = mapped_column(Integer, default=0)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    # The unit at the time of the talk (registered people only): per-unit figures, the unit
    # filter and unit-limited users keep working when a unit is renamed or the person moves.
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    unit_name: Mapped[str] = mapped_column(String(100), default="")
    position: Mapped[str] = mapped_column(String(100), default="")
