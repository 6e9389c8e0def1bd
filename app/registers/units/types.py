"""What crosses between the units register and its callers: UnitDraft in, UnitRow out, and
the order of unit kinds."""
from __future__ import annotations

from dataclasses import dataclass

from db.models.org import UNIT_KIND_RANKS

UNIT_KIND_ORDER = UNIT_KIND_RANKS  # the one order: the database's index on units is built on it


@dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    kind: str
    kind_label: str
    parent_id: int | None
    sort_order: int
    active: bool
    notes: str
    version: int
    people_count: int


@dataclass(frozen=True)
class UnitDraft:
    name: str
    kind: str
    parent_id: int | None = None
    sort_order: int = 0
    active: bool = True
    notes: str = ""
    id: int | None = None
    version: int | None = None

