"""主体责任 (the 党组's responsibility, the seed's 二(一) and 五): 党风廉政建设责任书, 班子专题研究,
the yearly 考核 of each unit with its scoring items, leaders' 述职述廉 with their 民主评议, and the
reports each unit sends up the line."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, Timestamped, Versioned


class Pledge(Versioned, Timestamped, Base):
    """One 责任书 of one year: signed by a unit (its head for it) or by a person (a 班子成员, a post).
    Unsigned until `signed_on`: a year's list is drawn up first, then filled in as they come back."""

    __tablename__ = "pledges"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    level: Mapped[str] = mapped_column(String(40))  # dict pledge_level
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    signer_name: Mapped[str] = mapped_column(String(50), default="")  # who signed (snapshot)
    position: Mapped[str] = mapped_column(String(100), default="")  # the person's, when signed
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    leader_name: Mapped[str] = mapped_column(String(50), default="")  # 责任领导 (snapshot)
    signed_on: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")


class Study(Versioned, Timestamped, Base):
    """A meeting of the 党组 (unit None) or of a unit's 班子 that studied 全面从严治党 /
    党风廉政建设 (the seed: at least twice a year)."""

    __tablename__ = "studies"

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[dt.date] = mapped_column(Date, index=True)
    meeting: Mapped[str] = mapped_column(String(40))  # dict study_meeting
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    topics: Mapped[str] = mapped_column(Text)  # 研究议题
    presided: Mapped[str] = mapped_column(String(50), default="")  # 主持人
    reporter: Mapped[str] = mapped_column(String(100), default="")  # 汇报人
    attendees: Mapped[str] = mapped_column(Text, default="")  # 参会人员
    decisions: Mapped[str] = mapped_column(Text, default="")  # 研究决定、部署事项
    notes: Mapped[str] = mapped_column(Text, default="")


class UnitAssessment(Versioned, Timestamped, Base):
    """A unit's 主体责任 考核 of one year: the scored items, the total, the grade the 党组 gave,
    and 一票否决 with its reason (the sanction that caused it, when it came from one)."""

    __tablename__ = "unit_assessments"
    __table_args__ = (UniqueConstraint("year", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    head_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)  # 主要负责人
    head_name: Mapped[str] = mapped_column(String(50), default="")
    assessed_on: Mapped[dt.date | None] = mapped_column(Date)
    total: Mapped[float | None] = mapped_column(Float)  # Σ weight × score / 100, once all are scored
    grade: Mapped[str] = mapped_column(String(20), default="")  # good·fair·average·poor; "" 未评定
    veto: Mapped[bool] = mapped_column(Boolean, default=False)  # 一票否决
    veto_reason: Mapped[str] = mapped_column(Text, default="")
    veto_sanction_id: Mapped[int | None] = mapped_column(ForeignKey("sanctions.id"))
    notes: Mapped[str] = mapped_column(Text, default="")

    items: Mapped[list[AssessmentItem]] = relationship(order_by="AssessmentItem.seq",
                                                       cascade="all, delete-orphan")


class AssessmentItem(Base):
    """One line of the scoring table: what was assessed, how (日常抽查 · 重点检查 · 述职述廉 ·
    民主评议), its weight (%) and its score (0–100; a 民主评议 item's score is its 满意度)."""

    __tablename__ = "assessment_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("unit_assessments.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(String(20))  # daily·key·report·appraisal
    weight: Mapped[int] = mapped_column(Integer)
    score: Mapped[float | None] = mapped_column(Float)


class LeaderReport(Versioned, Timestamped, Base):
    """A leader's 述职述廉 of one year with its 民主评议 (满意度 and 等次); the person's unit and
    position are those of the time."""

    __tablename__ = "leader_reports"
    __table_args__ = (UniqueConstraint("year", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(50))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    unit_name: Mapped[str] = mapped_column(String(100), default="")
    position: Mapped[str] = mapped_column(String(100), default="")
    reported_on: Mapped[dt.date | None] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text, default="")  # 述职述廉 要点
    satisfaction: Mapped[float | None] = mapped_column(Float)  # 民主评议 满意度 %
    rating: Mapped[str] = mapped_column(String(20), default="")  # excellent·competent·basic·incompetent
    notes: Mapped[str] = mapped_column(Text, default="")


class DutyReport(Versioned, Timestamped, Base):
    """What a unit sent up the line (the seed's 五(一)): its half-year report on its
    responsibility (period 1 or 2), a monthly 信息 (period = month), the yearly 调研报告 (period 0)."""

    __tablename__ = "duty_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # half_year·info·research
    year: Mapped[int] = mapped_column(Integer, index=True)
    period: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200), default="")
    received_on: Mapped[dt.date] = mapped_column(Date, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
