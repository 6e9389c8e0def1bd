"""Units (单位/科室), people (人员) and their dated position changes."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, Timestamped, Versioned


class Unit(Versioned, Timestamped, Base):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(40))  # dict unit_kind
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    parent: Mapped[Unit | None] = relationship(remote_side="Unit.id")


class Person(Versioned, Timestamped, Base):
    """A person is identified by name + unit (+ staff number): homonyms are normal."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), index=True)
    # Initials and full pinyin, space separated ("zs zhangsan"), for search.
    pinyin: Mapped[str] = mapped_column(String(200), default="", index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    position: Mapped[str] = mapped_column(String(100), default="")
    rank: Mapped[str] = mapped_column(String(50), default="")
    political_status: Mapped[str] = mapped_column(String(40), default="")  # dict political_status
    is_leader: Mapped[bool] = mapped_column(Boolean, default=False)  # 班子成员 (关键少数)
    key_post: Mapped[str] = mapped_column(String(50), default="")  # 重要岗位: 人事/财务…; "" = no
    staff_no: Mapped[str] = mapped_column(String(40), default="")
    gender: Mapped[str] = mapped_column(String(4), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    unit: Mapped[Unit] = relationship()


class PositionChange(Timestamped, Base):
    """A dated change of post; raises the 任前廉政谈话 reminder until that talk is recorded."""

    __tablename__ = "position_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    changed_on: Mapped[dt.date] = mapped_column(Date, index=True)
    from_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    to_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    from_position: Mapped[str] = mapped_column(String(100), default="")
    to_position: Mapped[str] = mapped_column(String(100), default="")
    from_rank: Mapped[str] = mapped_column(String(50), default="")
    to_rank: Mapped[str] = mapped_column(String(50), default="")
    is_promotion: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
