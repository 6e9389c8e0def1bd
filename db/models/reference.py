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
    it `bars`. A 问题类别 (finding_category) names its 六项纪律 heading (`discipline`), its 四风
    heading where one applies (`style`) and whether it is a 中央八项规定精神 item (`eight_rules`,
    counted apart); a 报备事项 (ceremony_kind) may be one the rules say is not to be held (`forbidden`).
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
    discipline: Mapped[str] = mapped_column(String(20), default="")  # app.vocab.DISCIPLINES
    style: Mapped[str] = mapped_column(String(20), default="")  # app.vocab.FOUR_STYLES
    eight_rules: Mapped[bool] = mapped_column(Boolean, default=False)
    forbidden: Mapped[bool] = mapped_column(Boolean, default=False)  # 不得操办
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)


class Setting(Versioned, Base):
    """A workspace setting; `value` is JSON. Defaults live in app/settings.py."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class NumberSeries(Base):
    """The last number given in a series and year (谈话记录 2025-012): a number is given once
    and never again, even when its record is deleted."""

    __tablename__ = "number_series"

    series: Mapped[str] = mapped_column(String(40), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer, default=0)
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
