"""Units (单位/科室), people (人员) and their dated position changes."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    case,
    literal_column,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.elements import Grouping

from db.models.base import Base, Timestamped, Versioned

# The display order of unit kinds: 局机关科室, 直属单位, others (then a unit's sort_order and name).
UNIT_KIND_RANKS = {"office": 0, "affiliate": 1, "other": 2}
UNIT_KIND_RANK_OTHER = 9


def unit_kind_rank(kind):  # noqa: ANN001, ANN201 — a column expression
    """`kind`'s place in UNIT_KIND_RANKS as SQL, written with literals: an ORDER BY matches the
    expression index on units (ix_units_display_order) only where it reads the same — a bound
    parameter never does. In parentheses: PostgreSQL's CREATE INDEX wants an expression so."""
    return Grouping(case({literal_column(f"'{name}'"): literal_column(str(rank))
                          for name, rank in UNIT_KIND_RANKS.items()},
                         value=kind, else_=literal_column(str(UNIT_KIND_RANK_OTHER))))


class Unit(Versioned, Timestamped, Base):
    """A unit (局机关科室, 直属单位…). Listed everywhere in one order (kind, sort_order, name):
    ix_units_display_order gives it (…_desc the kinds reversed), so a register sorted by unit
    reads its first screen with the units as the outer loop of an index walk
    (app.registers.people.query)."""

    __tablename__ = "units"
    # The order, and the same with the kinds reversed (the order by unit, descending).
    __table_args__ = (Index("ix_units_display_order", unit_kind_rank(literal_column("kind")),
                            "sort_order", "name"),
                      Index("ix_units_display_order_desc", unit_kind_rank(literal_column("kind")).desc(),
                            "sort_order", "name"))

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
    # A unit's active people in the register's order (班子成员 first, then as entered): with
    # ix_units_display_order, the first screen sorted by unit is an index walk.
    __table_args__ = (Index("ix_people_unit_leader", "unit_id", literal_column("is_leader").desc(), "id",
                            sqlite_where=literal_column("active = 1"),
                            postgresql_where=literal_column("active")),)

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
