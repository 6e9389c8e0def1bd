"""First-form ledger (第一种形态工作台账)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, Timestamped, Versioned

ledger_talks = Table(
    "ledger_talks",
    Base.metadata,
    Column("entry_id", ForeignKey("ledger_entries.id"), primary_key=True),
    Column("talk_id", ForeignKey("talks.id"), primary_key=True),
)

ledger_findings = Table(
    "ledger_findings",
    Base.metadata,
    Column("entry_id", ForeignKey("ledger_entries.id"), primary_key=True),
    Column("finding_id", ForeignKey("findings.id"), primary_key=True),
)


class LedgerEntry(Versioned, Timestamped, Base):
    """One 人次. The person's facts are a snapshot taken when the entry was made."""

    __tablename__ = "ledger_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(50))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    unit_name: Mapped[str] = mapped_column(String(100), default="")
    position: Mapped[str] = mapped_column(String(100), default="")
    rank: Mapped[str] = mapped_column(String(50), default="")
    political_status: Mapped[str] = mapped_column(String(40), default="")
    is_leader: Mapped[bool] = mapped_column(Boolean, default=False)
    key_post: Mapped[str] = mapped_column(String(50), default="")
    clue_source: Mapped[str] = mapped_column(String(40), default="")  # dict clue_source
    handling: Mapped[str] = mapped_column(String(40), default="")  # dict clue_handling
    letter_sent_on: Mapped[dt.date | None] = mapped_column(Date)  # 函询 发函日期
    reply_due: Mapped[dt.date | None] = mapped_column(Date)  # 回复期限
    replied_on: Mapped[dt.date | None] = mapped_column(Date)  # 回复日期
    problem: Mapped[str] = mapped_column(Text)  # 主要问题 (情形)
    category: Mapped[str] = mapped_column(String(40), default="")  # dict finding_category (问题类别)
    decision_organ: Mapped[str] = mapped_column(String(100), default="")
    decided_on: Mapped[dt.date] = mapped_column(Date, index=True)  # 处理时间
    handler: Mapped[str] = mapped_column(String(50), default="")  # 承办人
    impact_end: Mapped[dt.date | None] = mapped_column(Date)  # 影响期 end
    revisit_planned: Mapped[dt.date | None] = mapped_column(Date)
    revisit_done_on: Mapped[dt.date | None] = mapped_column(Date)
    revisit_result: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    methods: Mapped[list[LedgerMethod]] = relationship(
        order_by="LedgerMethod.seq", cascade="all, delete-orphan"
    )
    talks = relationship("Talk", secondary=ledger_talks)
    findings = relationship("Finding", secondary=ledger_findings)


class LedgerMethod(Base):
    """A disposal method (处置方式); its form comes from the dictionary item."""

    __tablename__ = "ledger_methods"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("ledger_entries.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    method: Mapped[str] = mapped_column(String(40), index=True)  # dict disposal_method
    # The words the entry was filed with when they differ from the item's label (提醒谈话 for
    # 谈话提醒: one method, counted once, exported as written).
    wording: Mapped[str] = mapped_column(String(40), default="")
