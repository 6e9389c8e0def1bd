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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.excel.context import ApplyContext, PlanContext
    from app.excel.plan import PlannedRow
from app.excel.columns import Column, RowInput, RowOutcome


@dataclass(frozen=True)
class SheetSpec:
    """One sheet of a register exported on several (its name, and the columns it shows). The
    import reads every sheet against the register's `columns`, which hold all of theirs."""

    name: str
    columns: tuple[Column, ...]


class Register:
    """Base of every adapter; subclasses set the class attributes and the four methods."""

    key: str = ""
    title: str = ""                 # 人员名册: the export title and sheet name
    columns: tuple[Column, ...] = ()
    needs_year: bool = False        # rows without a year are rejected
    yearly: bool = False            # the export title names the year
    # An export of several sheets (主体责任考核: 考核 per unit, 述职述廉 per leader); () = one
    # sheet of `columns`, named `title`. Such a register implements `sheet_rows`.
    sheets: tuple[SheetSpec, ...] = ()

    def export_title(self, bureau: str, year: int | None) -> str:
        """The title row of an export: bureau, the year when the register is yearly, the title."""
        shown = f"{year}年" if self.yearly and year else ""
        return f"{bureau}{shown}{self.title}"

    def prepare(self, ctx: PlanContext, rows: Sequence[RowInput]) -> None:
        """Called once before planning: load what matching needs (one query, not one a row)."""

    def plan_row(self, ctx: PlanContext, row: RowInput) -> RowOutcome:
        raise NotImplementedError

    def apply_order(self, rows: Sequence[PlannedRow]) -> Sequence[PlannedRow]:
        """The order rows are written in (units: parents before children)."""
        return rows

    def apply_row(self, ctx: ApplyContext, row: PlannedRow) -> int:
        """Writes one planned add/update through the service; returns the record id."""
        raise NotImplementedError

    def export_rows(self, session: Session, actor: Actor, *, year: int | None,
                    unit_id: int | None) -> Iterable[Sequence[object]]:
        """One sequence of cell values per record, in `columns` order (ExportCell to colour)."""
        raise NotImplementedError

    def rows_for_export(self, session: Session, actor: Actor, *, year: int | None,
                        unit_id: int | None, today: dt.date) -> Iterable[Sequence[object]]:
        """What the writer calls. An adapter whose cells depend on the day (overdue in red)
        overrides this; the others implement only `export_rows`."""
        return self.export_rows(session, actor, year=year, unit_id=unit_id)

    def sheet_rows(self, session: Session, actor: Actor, sheet: str, *, year: int | None,
                   unit_id: int | None, today: dt.date) -> Iterable[Sequence[object]]:
        """The rows of one of `sheets` (by its name), in that sheet's column order."""
        raise NotImplementedError

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

