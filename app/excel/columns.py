"""What a register adapter declares and the small types it exchanges with the engine.

An adapter never opens a file and never parses a cell: the engine reads the workbook, finds the
header, skips title/blank/合计/footer rows, turns each cell into a typed value by its column's
`kind`, works out the year, and hands the adapter one `RowInput` at a time. The adapter matches
the row against the database, validates it with the service's own checks and answers with a
`RowOutcome` (add / update / unchanged) or raises `RowRejected` (or the service's
`ValidationError`) with the reason. On commit the engine gives the same row back to `apply_row`,
which writes through the register's service (validated and audited like a typed record)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# Column kinds the engine parses (see app/excel/values.py):
#   text · int · bool · date · year · dict (through `domain`) · choice (through `choices`)
# `multi=True` splits the cell on 、，,；; and line breaks and parses every part.
KINDS = ("text", "int", "bool", "date", "year", "dict", "choice")
# What a column names of the workspace, matched through PlanContext (unit_ref, person_ref,
# unit_and_post, person_or_outsider), so that a name close to a known one is a 可能是 proposal:
#   unit · person · unit_post (单位及职务 in one cell)
NAMES = ("", "unit", "person", "unit_post")


@dataclass(frozen=True)
class Column:
    key: str                       # the value's key in RowInput.values
    header: str                    # export header, also an alias
    aliases: tuple[str, ...] = ()  # what offices also write in the header
    kind: str = "text"
    required: bool = False         # a row without it is rejected; a sheet without it is refused
    width: float = 12              # export column width (characters)
    domain: str = ""               # dictionary domain, for kind "dict"
    choices: Mapping[str, object] = field(default_factory=dict)  # written → value, for "choice"
    multi: bool = False
    export_only: bool = False      # written on export (序号), never read: the importer ignores it
    # Read on import, not written on export (a filed form without that column); such columns
    # come last, and export_rows yields the cells of the others.
    import_only: bool = False
    names: str = ""                # NAMES: a unit or person of the workspace (tests walk them all)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")
        if self.names not in NAMES:
            raise ValueError(f"column {self.key!r}: unknown names {self.names!r}")
        if (self.kind == "dict") != bool(self.domain):
            raise ValueError(f"column {self.key!r}: kind 'dict' goes with a domain")


@dataclass(frozen=True)
class Pending:
    """A reference to something the commit creates first: a dictionary item a clerk accepted,
    a missing unit or person (create_missing), or a unit added by an earlier row of the file."""

    kind: str                                # "dict:<domain>" · "unit" · "person"
    key: str                                 # normalized name (person: "name|unit")
    label: str = field(compare=False)        # as written

    def __str__(self) -> str:
        return self.label


class RowRejected(Exception):
    """Raised by an adapter's plan_row: the row is not imported, `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class RowInput:
    sheet: str
    row: int                        # 1-based row number as Excel shows it
    values: Mapping[str, object]    # parsed cells of the columns the sheet has (None = blank)
    present: frozenset[str]         # keys of the columns the sheet has: absent ones keep values
    year: int | None                # from the year column, sheet name, title or year=

    def get(self, key: str, default: object = None) -> object:
        value = self.values.get(key)
        return default if value is None else value


@dataclass(frozen=True)
class RowOutcome:
    action: str                     # "add" · "update" · "unchanged"
    values: Mapping[str, object]    # everything apply_row needs (may hold Pending)
    summary: str                    # 张三（办公室·科长）
    target_id: int | None = None
    target_version: int | None = None
    changes: tuple[tuple[str, str, str], ...] = ()  # (header, before, after) for updates
    match_key: tuple = ()           # identity within the file, for adds (duplicate rows)
    part: str = ""                  # which of a register's tables the row is (考核 · 述职述廉)


@dataclass(frozen=True)
class ExportCell:
    """A value with a fill colour (“#d9363e”): how an adapter colours a cell."""

    value: object
    fill: str = ""


def changed(columns: Iterable[Column], before: Mapping[str, object],
            after: Mapping[str, object]) -> tuple[tuple[str, str, str], ...]:
    """(header, before, after) for every column whose value differs, for update summaries."""
    return tuple((c.header, show(before.get(c.key)), show(after.get(c.key)))
                 for c in columns if before.get(c.key) != after.get(c.key))


def show(value: object) -> str:
    """A value as the preview shows it."""
    if value is None:
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return "、".join(show(v) for v in value) or "（空）"
    text = str(value)
    return text if text else "（空）"

