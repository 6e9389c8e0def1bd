"""Dictionaries (数据字典) and settings."""
from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, Timestamped, Versioned


class DictItem(Versioned, Timestamped, Base):
    """One value of a controlled vocabulary: stored values are `code`, shown values `label`.

    `aliases` holds what offices also write (one per line) so imports can map them;
    `form` is the 四种形态 a disposal method (1 or 2) or a sanction kind (1–3) belongs to, NULL
    elsewhere. A sanction kind also has its `family` (party · government · institution ·
    organization · admonish), its 影响期 in `months` (NULL: none, or entered per record) and what
    it `bars`.
    """

    __tablename__ = "dict_items"
    __table_args__ = (UniqueConstraint("domain", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    domain: Mapped[str] = mapped_column(String(40), index=True)
    code: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(100))
    aliases: Mapped[str] = mapped_column(Text, default="")
    form: Mapped[int | None] = mapped_column(Integer)
    family: Mapped[str] = mapped_column(String(20), default="")
    months: Mapped[int | None] = mapped_column(Integer)
    bars: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)


class Setting(Versioned, Base):
    """A workspace setting; `value` is JSON. Defaults live in app/settings.py."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Phrase(Versioned, Timestamped, Base):
    """A 常用语 the office keeps for a form's text field (a talk's content, 表态, 后续要求):
    offered for a type and a reason ("" = any), inserted by the clerk where they type."""

    __tablename__ = "phrases"

    id: Mapped[int] = mapped_column(primary_key=True)
    field: Mapped[str] = mapped_column(String(40), index=True)  # talk_content · talk_response · …
    kind: Mapped[str] = mapped_column(String(40), default="")     # a dictionary code, "" = any
    reason: Mapped[str] = mapped_column(String(40), default="")   # a dictionary code, "" = any
    text: Mapped[str] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
