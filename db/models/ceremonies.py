"""婚丧喜庆事宜报备: who reports (unit and position as they were), the event, its scale, and the
office's reminder talk if one was held."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Timestamped, Versioned


class CeremonyReport(Versioned, Timestamped, Base):
    __tablename__ = "ceremony_reports"
    __table_args__ = (Index("ix_ceremony_reports_late_event_date", "late", "event_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(50))
    # The unit at the time of the report (the name below is its snapshot): unit filters and
    # unit-limited users follow the unit the report was filed under, not later moves.
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    unit_name: Mapped[str] = mapped_column(String(100), default="")
    position: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(40))  # dict ceremony_kind
    relation: Mapped[str] = mapped_column(String(20), default="")  # app.vocab.CEREMONY_RELATIONS
    scope: Mapped[str] = mapped_column(String(20), default="")  # 邀请范围: app.vocab.CEREMONY_SCOPES
    event_date: Mapped[dt.date] = mapped_column(Date, index=True)
    place: Mapped[str] = mapped_column(String(200), default="")
    tables: Mapped[int | None] = mapped_column(Integer)
    guests: Mapped[int | None] = mapped_column(Integer)
    public_car: Mapped[bool] = mapped_column(Boolean, default=False)
    public_funds: Mapped[bool] = mapped_column(Boolean, default=False)
    subordinate_gifts: Mapped[bool] = mapped_column(Boolean, default=False)
    pledge_signed: Mapped[bool] = mapped_column(Boolean, default=False)  # 承诺书 (its scan attached)
    reported_on: Mapped[dt.date] = mapped_column(Date)
    talk_id: Mapped[int | None] = mapped_column(ForeignKey("talks.id"))
    notes: Mapped[str] = mapped_column(Text, default="")
    # Reported after its deadline in working days (the 放假/调休 table): derived from the dates,
    # the kind and that table, stored so that 仅迟报 is an indexed filter — worked out on every
    # save and again for the years a change of the table touches (app.registers.ceremonies.write
    # `refresh_late`). Outside the record's seal (db/seals.py): the table's change is what is
    # audited, and it moves the flag of records nobody edited.
    late: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
