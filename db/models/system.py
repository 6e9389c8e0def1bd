"""Users, the audit chain, drafts, attachments, issued opinions and closed years."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.models.base import Base, Timestamped, Versioned, utcnow

user_units = Table(
    "user_units",
    Base.metadata,
    Column("user_id", ForeignKey("users.id"), primary_key=True),
    Column("unit_id", ForeignKey("units.id"), primary_key=True),
)


class User(Versioned, Timestamped, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    display_name: Mapped[str] = mapped_column(String(50), default="")
    role: Mapped[str] = mapped_column(String(20))  # admin·editor·viewer
    password_hash: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)

    units = relationship("Unit", secondary=user_units)


class AuditEntry(Base):
    """One link of the audit chain; `hash` covers the canonical row and `prev_hash`."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[str] = mapped_column(String(32))  # ISO 8601, UTC, microseconds
    user_name: Mapped[str] = mapped_column(String(50), index=True)
    action: Mapped[str] = mapped_column(String(20), index=True)  # create·update·delete·export·print·…
    entity: Mapped[str] = mapped_column(String(40), index=True)
    entity_id: Mapped[str] = mapped_column(String(40), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    old: Mapped[str] = mapped_column(Text, default="")  # canonical JSON or ""
    new: Mapped[str] = mapped_column(Text, default="")
    # The seal of the record the row is about, as it stands after the row (db/seals.py); "".
    seal: Mapped[str] = mapped_column(Text, default="", server_default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The chain head, one row, moved only by the trigger on audit_log (db/chain.py) as a row is
    appended; appends lock it, so several writers keep one chain."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64))


class SignInFailure(Base):
    """Failed sign-ins under a name that is no user: counted and locked out as a user's are, so
    the answers do not tell which names exist (users keep their own counters)."""

    __tablename__ = "sign_in_failures"

    username: Mapped[str] = mapped_column(String(50), primary_key=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_failed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Draft(Base):
    """An unsaved form, per user, cleared on save."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("user_id", "form_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    form_key: Mapped[str] = mapped_column(String(80))
    payload: Mapped[str] = mapped_column(Text)  # JSON
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Attachment(Base):
    """A file attached to a record; its content lives in the store under its sha256."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    added_by: Mapped[str] = mapped_column(String(50), default="")


class AttachmentBlob(Base):
    """Attachment contents on PostgreSQL (SQLite workspaces keep them as files)."""

    __tablename__ = "attachment_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class OpinionReply(Base):
    """An issued 党风廉政意见回复, listed and audited."""

    __tablename__ = "opinion_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(50))
    # Unit and position when the reply was issued (a promotion follows it: the list keeps these).
    unit_name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    position: Mapped[str] = mapped_column(String(100), default="", server_default="")
    purpose: Mapped[str] = mapped_column(String(40))  # dict opinion_purpose
    as_of: Mapped[dt.date] = mapped_column(Date)
    conclusion: Mapped[str] = mapped_column(Text, default="")
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    issued_by: Mapped[str] = mapped_column(String(50))


class YearClosure(Base):
    """归档: a closed year's ledgers are read-only; corrections need an administrator."""

    __tablename__ = "year_closures"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    closed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    closed_by: Mapped[str] = mapped_column(String(50))


class ReportText(Versioned, Timestamped, Base):
    """The text of a 工作总结 as the office writes it, kept per period and scope (0 = the whole
    bureau, else a unit's id): its sections as JSON ([{key, title, text}]), who saved it last,
    and when a Word file was last made from it (the half-year report is then no longer due)."""

    __tablename__ = "report_texts"
    __table_args__ = (UniqueConstraint("period_start", "period_end", "scope"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    scope: Mapped[int] = mapped_column(Integer, default=0)  # 0: the whole bureau; a unit id
    sections: Mapped[str] = mapped_column(Text, default="[]")
    saved_by: Mapped[str] = mapped_column(String(50), default="")
    generated_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
