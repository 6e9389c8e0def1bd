"""处分与组织处理: one measure given to one person by one decision (a 党纪 and a 政务 measure
given together are two records), with its 影响期."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Timestamped, Versioned


class Sanction(Versioned, Timestamped, Base):
    """The person's unit, position and political status are a snapshot taken at the decision."""

    __tablename__ = "sanctions"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(50))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    unit_name: Mapped[str] = mapped_column(String(100), default="")
    position: Mapped[str] = mapped_column(String(100), default="")
    political_status: Mapped[str] = mapped_column(String(40), default="")
    kind: Mapped[str] = mapped_column(String(40), index=True)  # dict sanction_kind
    decision_organ: Mapped[str] = mapped_column(String(100), default="")
    decided_on: Mapped[dt.date] = mapped_column(Date, index=True)
    document_no: Mapped[str] = mapped_column(String(100), default="")  # 决定文号
    facts: Mapped[str] = mapped_column(Text, default="")  # 主要违纪违法事实
    category: Mapped[str] = mapped_column(String(40), default="")  # dict violation_category
    impact_months: Mapped[int | None] = mapped_column(Integer)  # None: no period (开除, 停职 not given)
    probation_months: Mapped[int | None] = mapped_column(Integer)  # 留党察看's 察看期
    impact_end: Mapped[dt.date | None] = mapped_column(Date, index=True)
    # 诫勉: the ledger entry that made this record (the entry owns it); a second-form entry
    # filed in the ledger by mistake (需转出): the entry it was transferred from.
    ledger_entry_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_entries.id"), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
