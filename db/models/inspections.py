"""Inspections (监督检查) and the findings they produce (问题整改台账)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Column, Date, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, Timestamped, Versioned

inspection_units = Table(
    "inspection_units",
    Base.metadata,
    Column("inspection_id", ForeignKey("inspections.id"), primary_key=True),
    Column("unit_id", ForeignKey("units.id"), primary_key=True),
)


class Inspection(Versioned, Timestamped, Base):
    __tablename__ = "inspections"

    id: Mapped[int] = mapped_column(primary_key=True)
    inspected_on: Mapped[dt.date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(40))  # dict inspection_type
    title: Mapped[str] = mapped_column(String(200))
    inspectors: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")

    units = relationship("Unit", secondary=inspection_units)


class Finding(Versioned, Timestamped, Base):
    """A problem to rectify. Overdue is derived from `deadline`, `status` and today."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), default="")  # 问题编号
    source: Mapped[str] = mapped_column(String(40))  # dict finding_source
    inspection_id: Mapped[int | None] = mapped_column(ForeignKey("inspections.id"), index=True)
    found_on: Mapped[dt.date] = mapped_column(Date, index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(40), default="")  # dict finding_category
    risk_point_id: Mapped[int | None] = mapped_column(ForeignKey("risk_points.id"))
    requirement: Mapped[str] = mapped_column(Text, default="")
    measures: Mapped[str] = mapped_column(Text, default="")
    resp_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    resp_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    resp_person_name: Mapped[str] = mapped_column(String(50), default="")
    resp_leader: Mapped[str] = mapped_column(String(50), default="")
    kind: Mapped[str] = mapped_column(String(40), default="")  # dict finding_type
    deadline: Mapped[dt.date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    result: Mapped[str] = mapped_column(String(20), default="")  # done·mostly·not_done
    rectified_on: Mapped[dt.date | None] = mapped_column(Date)
    accepted_by: Mapped[str] = mapped_column(String(50), default="")
    accepted_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    revisit: Mapped[bool] = mapped_column(Boolean, default=False)  # 回头看
    notes: Mapped[str] = mapped_column(Text, default="")


class FindingProgress(Timestamped, Base):
    __tablename__ = "finding_progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id"), index=True)
    noted_on: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    user_name: Mapped[str] = mapped_column(String(50))


class FindingExtension(Timestamped, Base):
    """A deadline extension keeps the old date and the reason."""

    __tablename__ = "finding_extensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id"), index=True)
    old_deadline: Mapped[dt.date | None] = mapped_column(Date)
    new_deadline: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    extended_on: Mapped[dt.date] = mapped_column(Date)
    user_name: Mapped[str] = mapped_column(String(50))


class FindingStatusChange(Timestamped, Base):
    """The workflow history: every transition, with the reason where one is required."""

    __tablename__ = "finding_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id"), index=True)
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    user_name: Mapped[str] = mapped_column(String(50))
