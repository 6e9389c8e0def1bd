"""`RegisterTableModel`: the table model of every register that grows.

Like Anki's browser it keeps only the sorted list of ids: `reload()` asks the service for the ids
(filtered and sorted in SQL) on a worker thread, together with the first page of rows; further
rows are fetched by id, a page at a time, as the view scrolls (`canFetchMore`/`fetchMore`).
Clicking a header re-queries in SQL with that column's sort key.

    model = RegisterTableModel(ws, COLUMNS, fetch_rows=people.people_rows)
    model.set_query(lambda s, sort, desc: people.search_people_ids(s, actor, filt, sort, desc))
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.progress import Progress
from ui.models.columns import Column, cell_data, header_data
from ui.workers import run_task

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.workspace import Workspace

FetchIds = Callable[["Session", str, bool], list[int]]
FetchRows = Callable[["Session", Sequence[int]], list[Any]]

PAGE_SIZE = 100


class RegisterTableModel(QAbstractTableModel):
    """Rows of a register, fetched by id in pages. Emits `loaded` after every reload."""

    loaded = Signal()
    loading = Signal()

    def __init__(self, ws: Workspace, columns: Sequence[Column], fetch_rows: FetchRows, *,
                 sort_column: int = 0, descending: bool = False, page_size: int = PAGE_SIZE,
                 row_color: Callable[[Any], str | None] | None = None, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.ws = ws
        self.columns = tuple(columns)
        self._fetch_rows = fetch_rows
        self._fetch_ids: FetchIds | None = None
        self._row_color = row_color
        self.page_size = page_size
        self.sort_column = sort_column
        self.descending = descending
        self._ids: list[int] = []
        self._rows: list[Any] = []
        self._fetched = 0        # how many of _ids have been asked for
        self._generation = 0     # a reload answered after a newer one started is dropped
        self._loading = False
        self.has_loaded = False

    # ---- queries -------------------------------------------------------------------------

    def set_query(self, fetch_ids: FetchIds, *, reload: bool = True) -> None:
        """`fetch_ids(session, sort_key, descending) -> ids`; it captures the page's filters."""
        self._fetch_ids = fetch_ids
        if reload:
            self.reload()

    @property
    def sort_key(self) -> str:
        key = self.columns[self.sort_column].sort_key if self.columns else None
        return key or ""

    @property
    def is_loading(self) -> bool:
        return self._loading

    def reload(self) -> None:
        """Re-runs the query off the GUI thread; the current rows stay shown until it answers."""
        if self._fetch_ids is None:
            return
        self._generation += 1
        generation = self._generation
        fetch_ids, fetch_rows, page = self._fetch_ids, self._fetch_rows, self.page_size
        sort_key, descending, ws = self.sort_key, self.descending, self.ws

        def work(progress: Progress) -> tuple[list[int], list[Any]]:
            with ws.reading() as session:
                ids = fetch_ids(session, sort_key, descending)
                progress.check_cancelled()
                return ids, fetch_rows(session, ids[:page])

        self._loading = True
        self.loading.emit()
        run_task(self, work,
                 on_done=lambda result: self._apply(generation, *result),
                 on_error=lambda exc: self._failed(generation, exc))

    def _apply(self, generation: int, ids: list[int], rows: list[Any]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._ids = list(ids)
        self._rows = list(rows)
        self._fetched = min(len(ids), self.page_size)
        self.endResetModel()
        self._loading = False
        self.has_loaded = True
        self.loaded.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        from ui import messages

        if generation == self._generation:
            self._loading = False
            messages.show_error(None, exc)
            self.loaded.emit()  # waiters (tests, screenshot mode) stop waiting

    # ---- rows ----------------------------------------------------------------------------

    def total_count(self) -> int:
        """All rows the query found (fetched or not): what the count label says."""
        return len(self._ids)

    def ids(self) -> list[int]:
        return list(self._ids)

    def row_at(self, index: QModelIndex | QPersistentModelIndex | int) -> Any | None:
        row = index if isinstance(index, int) else (index.row() if index.isValid() else -1)
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def loaded_rows(self) -> list[Any]:
        return list(self._rows)

    def row_of_id(self, record_id: int) -> int:
        """The row showing `record_id`, fetching pages up to it; -1 when the query lacks it."""
        if record_id not in self._ids:
            return -1
        while True:
            for number, row in enumerate(self._rows):
                if getattr(row, "id", None) == record_id:
                    return number
            if not self.canFetchMore(QModelIndex()):
                return -1
            self.fetchMore(QModelIndex())

    def all_rows(self, session: Session) -> list[Any]:
        """Every row of the current query, for printing (call from a worker with its session)."""
        rows: list[Any] = []
        for start in range(0, len(self._ids), 500):
            rows.extend(self._fetch_rows(session, self._ids[start:start + 500]))
        return rows

    # ---- Qt overrides --------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return cell_data(self.columns, self._rows[index.row()], index.column(), role, self._row_color)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return header_data(self.columns, section, orientation, role)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and self._fetched < len(self._ids)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        """The next page of rows by id: bounded work, so it may run on the GUI thread."""
        if parent.isValid() or self._fetched >= len(self._ids):
            return
        batch = self._ids[self._fetched:self._fetched + self.page_size]
        self._fetched += len(batch)
        with self.ws.reading() as session:
            rows = self._fetch_rows(session, batch)
        if not rows:  # deleted meanwhile; the next reload drops their ids
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-queries in SQL with the column's sort key; unsortable columns are ignored."""
        if not 0 <= column < len(self.columns) or not self.columns[column].sort_key:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self.sort_column, self.descending):
            return
        self.sort_column, self.descending = column, descending
        self.reload()
