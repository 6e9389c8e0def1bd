"""廉政教育 (the seed's 四(三)): each session — 廉政党课, 警示教育大会, 以案释法, a visit, 中心组学习,
三会一课, 廉洁文化, 家风 — with the people who took part (人次 as talks count them)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, Timestamped, Versioned


class EducationSession(Versioned, Timestamped, Base):
    __tablename__ = "education_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[dt.date] = mapped_column(Date, index=True)
    form: Mapped[str] = mapped_column(String(40), index=True)  # dict education_form
    theme: Mapped[str] = mapped_column(String(200))
    case_text: Mapped[str] = mapped_column(Text, default="")  # the case studied (以案释法)
    # 身边事: the case is a record of our own (问题线索 or 处分), linked by id.
    case_sanction_id: Mapped[int | None] = mapped_column(ForeignKey("sanctions.id"))
    case_clue_id: Mapped[int | None] = mapped_column(ForeignKey("clues.id"))
    organiser_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)  # None: 局党组
    place: Mapped[str] = mapped_column(String(200), default="")
    speaker: Mapped[str] = mapped_column(String(100), default="")  # 主讲人
    content: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    participants: Mapped[list[EducationParticipant]] = relationship(
        order_by="EducationParticipant.seq", cascade="all, delete-orphan")


class EducationParticipant(Base):
    """Who took part: a registered person (unit and position of the time kept) or a name."""

    __tablename__ = "education_participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("education_sessions.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    unit_name: Mapped[str] = mapped_column(String(100), default="")
    position: Mapped[str] = mapped_column(String(100), default="")
