"""Integrity risk points (廉政风险点): a lasting identity with one assessment per year."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, Timestamped, Versioned


class RiskPoint(Versioned, Timestamped, Base):
    __tablename__ = "risk_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    post: Mapped[str] = mapped_column(String(100), default="")  # 岗位
    duty_item: Mapped[str] = mapped_column(String(200), default="")  # 职权/业务事项
    name: Mapped[str] = mapped_column(String(200))  # 风险点

    assessments: Mapped[list[RiskAssessment]] = relationship(
        back_populates="risk_point", order_by="RiskAssessment.year"
    )


class RiskAssessment(Versioned, Timestamped, Base):
    """One year's 排查 of a risk point. Only `confirmed` assessments count anywhere."""

    __tablename__ = "risk_assessments"
    __table_args__ = (UniqueConstraint("risk_point_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    risk_point_id: Mapped[int] = mapped_column(ForeignKey("risk_points.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    description: Mapped[str] = mapped_column(Text, default="")  # 表现形式
    category: Mapped[str] = mapped_column(String(40))  # dict risk_category
    level: Mapped[int] = mapped_column(Integer)  # 1 = 一级 = highest
    likelihood: Mapped[int | None] = mapped_column(Integer)
    consequence: Mapped[int | None] = mapped_column(Integer)
    responsible_person: Mapped[str] = mapped_column(String(100), default="")  # 责任人/部门负责人
    responsible_leader: Mapped[str] = mapped_column(String(100), default="")  # 责任领导
    next_review: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft·confirmed·retired
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    confirmed_by: Mapped[str] = mapped_column(String(50), default="")

    risk_point: Mapped[RiskPoint] = relationship(back_populates="assessments")
    measures: Mapped[list[RiskMeasure]] = relationship(
        order_by="RiskMeasure.seq", cascade="all, delete-orphan"
    )


class RiskMeasure(Base):
    __tablename__ = "risk_measures"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("risk_assessments.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)


class RiskLevelChange(Timestamped, Base):
    """动态调整: every change of level, kept across years."""

    __tablename__ = "risk_level_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    risk_point_id: Mapped[int] = mapped_column(ForeignKey("risk_points.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    from_level: Mapped[int | None] = mapped_column(Integer)
    to_level: Mapped[int] = mapped_column(Integer)
    changed_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    user_name: Mapped[str] = mapped_column(String(50))
