"""问题线索: a clue from 受理 to 办结 — who it names, how it is handled (谈话函询 · 初步核实 · 暂存待查 ·
予以了结) and where it led. The reporter (举报人) is kept here and shown only to administrators and
the clue's handler."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, Timestamped, Versioned


class Clue(Versioned, Timestamped, Base):
    __tablename__ = "clues"

    id: Mapped[int] = mapped_column(primary_key=True)
    received_on: Mapped[dt.date] = mapped_column(Date, index=True)  # 受理日期
    source: Mapped[str] = mapped_column(String(40), default="")  # dict clue_source
    reporter: Mapped[str] = mapped_column(String(200), default="")  # 举报人: confidential
    # The unit the clue concerns (its people's when it was received): unit filters and limits.
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    unit_name: Mapped[str] = mapped_column(String(100), default="")
    problem: Mapped[str] = mapped_column(Text)  # 反映的主要问题
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)  # 承办人
    handler_name: Mapped[str] = mapped_column(String(50), default="")
    way: Mapped[str] = mapped_column(String(40), default="")  # dict clue_way; "" until decided
    letter_sent_on: Mapped[dt.date | None] = mapped_column(Date)  # 函询 发函
    reply_due: Mapped[dt.date | None] = mapped_column(Date)  # set by hand; else N working days
    replied_on: Mapped[dt.date | None] = mapped_column(Date)
    verify_start: Mapped[dt.date | None] = mapped_column(Date)  # 初步核实
    verify_end: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="received", index=True)  # received·handling·closed
    closed_on: Mapped[dt.date | None] = mapped_column(Date)  # 办结日期
    outcome: Mapped[str] = mapped_column(String(20), default="")  # first_form·sanction·transfer·cleared
    result: Mapped[str] = mapped_column(Text, default="")  # 办结情况
    ledger_entry_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_entries.id"), index=True)
    sanction_id: Mapped[int | None] = mapped_column(ForeignKey("sanctions.id"), index=True)
    talk_id: Mapped[int | None] = mapped_column(ForeignKey("talks.id"))  # the 谈话函询 talk
    notes: Mapped[str] = mapped_column(Text, default="")

    people: Mapped[list[ClueSubject]] = relationship(order_by="ClueSubject.seq", cascade="all, delete-orphan")


class ClueSubject(Base):
    """A person the clue names (被反映人), with the unit and position of the time."""

    __tablename__ = "clue_people"

    id: Mapped[int] = mapped_column(primary_key=True)
    clue_id: Mapped[int] = mapped_column(ForeignKey("clues.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(50))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    unit_name: Mapped[str] = mapped_column(String(100), default="")
    position: Mapped[str] = mapped_column(String(100), default="")
