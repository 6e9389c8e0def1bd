"""`RegisterTableModel`: the table model of every register that grows.

Like Anki's browser it keeps only the sorted list of ids: `reload()` asks the service for the ids
(filtered and sorted in SQL) on a worker thread, together with the first page of rows; further
rows are fetched by id, a page at a time, as the view scrolls (`canFetchMore`/`fetchMore`).
Clicking a header re-queries in SQL with that column's sort key.

    model = RegisterTableModel(ws, COLUMNS, fetch_rows=people.people_rows)
    model.set_query(lambda s, sort, desc, limit=None: people.search_people_ids(
        s, actor, filt, sort, desc, limit=limit))

Two things keep "query issued → first rows painted" close to the cost of the query itself:

- **The first screen first.** A query that takes `limit` (as above) is asked for a screenful
  (`LIMIT n`, same filter and order) and those rows are shown at once (`first_rows`); the whole
  id list — the count, scrolling — follows once the view has painted them, and `loaded` is
  emitted as before. A query without `limit` is loaded in one step.
- **No thread hop for a screenful over an index.** `set_query(…, inline=…)` says when the first
  screen is a read of at most one screenful in an order an index gives (the page decides:
  `RegisterPage.INDEXED_SORTS`, `filters_walk`): such a read does not grow with the data, so
  it runs on the GUI thread (as `fetchMore` does), and the worker, started after its paint,
  reads only what grows — the id list, the count, the page's figures. Every other first screen
  is read on the worker.
- **Painting runs no Python.** The rows' display strings, alignments and colours are computed
  once, when a page of rows arrives, into Qt's own item storage (this is a `QStandardItemModel`),
  so a repaint, a scroll or a hover reads C++ data instead of calling `data()` in Python for
  every role of every visible cell (which cost 5–10× the painting itself).
"""
from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel

from app.progress import Progress
from ui.models.columns import LEFT, Column
from ui.workers import Task, run_task

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from sqlalchemy.orm import Session

    from app.workspace.facade import Workspace

log = logging.getLogger(__name__)

FetchIds = Callable[..., list[int]]  # (session, sort_key, descending[, limit=None]) -> ids
FetchRows = Callable[["Session", Sequence[int]], list[Any]]

PAGE_SIZE = 100
SHOWN_FIRST = 40  # rows read and given cells first when the view's height is unknown; the rest follows
FIRST_PAINT_WAIT_S = 0.5  # the id list waits at most this long for the first rows to be painted
ITEM_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
_FOREGROUND, _BACKGROUND = Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_BARE: tuple[str, str | None, str | None, bool] = ("", None, None, False)  # a new cell: no text, no marks
SPARE_ROWS = 100  # rows of cells kept aside for the next rows shown (a page of them)


def takes_limit(fetch_ids: FetchIds) -> bool:
    """Whether a query can be asked for its first page only (`limit=`). A page makes a new
    closure per refresh from the same code: the answer is kept per code object."""
    code = getattr(fetch_ids, "__code__", None)
    if code is not None and code in _TAKES_LIMIT:
        return _TAKES_LIMIT[code]
    try:
        found = "limit" in inspect.signature(fetch_ids).parameters
    except (TypeError, ValueError):  # builtins and C callables have no signature
        return False
    if code is not None:
        _TAKES_LIMIT[code] = found
    return found


_TAKES_LIMIT: dict[object, bool] = {}


class RegisterTableModel(QStandardItemModel):
    """Rows of a register, fetched by id in pages. Emits `first_rows` when a reload's first page
    is shown and `loaded` after every reload (ids, count and rows in place)."""

    loaded = Signal()
    loading = Signal()
    first_rows = Signal()

    def __init__(self, ws: Workspace, columns: Sequence[Column], fetch_rows: FetchRows, *,
                 sort_column: int = 0, descending: bool = False, page_size: int = PAGE_SIZE,
                 row_color: Callable[[Any], str | None] | None = None, parent=None) -> None:  # noqa: ANN001
        super().__init__(0, len(columns), parent)
        self.ws = ws
        self.columns = tuple(columns)
        self._fetch_rows = fetch_rows
        self._fetch_ids: FetchIds | None = None
        self._inline: Callable[[str], bool] | None = None
        self._row_color = row_color
        self.page_size = page_size
        self.sort_column = sort_column
        self.descending = descending
        self._ids: list[int] = []
        self._rows: list[Any] = []      # the rows in the table, in order
        self._waiting: list[Any] = []   # fetched rows after them, given cells when scrolled to
        self._fetched = 0        # how many of _ids have been asked for
        self._generation = 0     # a reload answered after a newer one started is dropped
        self._loading = False
        self._rows_current = False  # the rows shown are those of the latest reload
        self._go: threading.Event | None = None  # lets the id list follow the first paint
        self._task: Task | None = None
        self._deferred: Callable[[], None] | None = None  # the worker, started after the first paint
        self._viewport: QWidget | None = None
        self._colors: dict[str, QColor] = {}
        # The cells of the rows in the table (the Python wrappers PySide keeps anyway), with what
        # each cell carries besides its text (colour, background, whether a tooltip: the next
        # row shown in it sets or clears only what differs), and rows of cells taken out, given
        # to the next rows shown.
        self._cells: list[list[QStandardItem]] = []
        self._marks: list[list[tuple[str, str | None, str | None, bool]]] = []
        self._spare: list[tuple[list[QStandardItem], list[tuple[str, str | None, str | None, bool]]]] = []
        self.has_loaded = False
        # Per column: a prototype cell (flags, alignment) cloned for each row — a clone and a
        # setText cost half of a new item with its flags set.
        self._prototypes: list[QStandardItem] = []
        self._set_headers()
        for column in self.columns:
            prototype = QStandardItem()
            prototype.setFlags(ITEM_FLAGS)
            if column.align != LEFT:
                prototype.setTextAlignment(column.align)
            self._prototypes.append(prototype)
        self._specs = tuple(zip(self.columns, self._prototypes, strict=True))

    # ---- queries -------------------------------------------------------------------------

    def set_query(self, fetch_ids: FetchIds, *, reload: bool = True,
                  inline: Callable[[str], bool] | None = None) -> None:
        """`fetch_ids(session, sort_key, descending[, limit=None]) -> ids`; it captures the page's
        filters. With `limit`, it must return the first `limit` ids of the same order.
        `inline(sort_key)`: True when, under these filters, a first screen in that order is read
        over an index (bounded work): it is read on the GUI thread, no hop."""
        self._fetch_ids = fetch_ids
        self._inline = inline
        if reload:
            self.reload()

    def watch_paints(self, viewport: QWidget) -> None:
        """The view whose first paint of a reload's first page lets the id list be read (so the
        paint does not share the processor with it). Without one the list follows at once."""
        self._viewport = viewport

    @property
    def sort_key(self) -> str:
        key = self.columns[self.sort_column].sort_key if self.columns else None
        return key or ""

    @property
    def is_loading(self) -> bool:
        return self._loading

    @property
    def rows_current(self) -> bool:
        """The rows shown answer the latest query (its first page at least; the count may follow)."""
        return self._rows_current

    def reload(self) -> None:
        """Re-runs the query off the GUI thread; the current rows stay shown until it answers."""
        if self._fetch_ids is None:
            return
        self._generation += 1
        generation = self._generation
        fetch_ids, fetch_rows, page = self._fetch_ids, self._fetch_rows, self.page_size
        sort_key, descending, ws = self.sort_key, self.descending, self.ws
        first_page = takes_limit(fetch_ids)
        if self._task is not None:
            self._task.cancel()  # its answer would be dropped: stop it at its next step
        self._deferred = None  # a worker not started yet for an older query never starts
        self._release()
        go = self._go = threading.Event()

        first = min(self._screenful(), page)
        self._loading = True
        self._rows_current = False
        self.loading.emit()
        inline: list[int] | None = None
        if first_page and self._inline is not None and self._inline(sort_key):
            inline = self._read_first_inline(generation, first)

        def work(progress: Progress) -> tuple[list[int], list[Any] | None, list[Any]]:
            with ws.reading() as session:  # one read transaction: the first rows and the ids agree
                shown: list[int] = inline or []
                if inline is not None:  # shown already (read on the GUI thread): after its paint
                    go.wait(FIRST_PAINT_WAIT_S)
                    progress.check_cancelled()
                elif first_page:  # the rows of a screen, then the rest
                    shown = fetch_ids(session, sort_key, descending, limit=first)
                    progress.partial((shown, fetch_rows(session, shown)))
                    go.wait(FIRST_PAINT_WAIT_S)
                    progress.check_cancelled()
                ids = fetch_ids(session, sort_key, descending)
                progress.check_cancelled()
                if first_page and ids[:len(shown)] == shown:  # shown already: the page's rest
                    rest = ids[len(shown):page]
                    return ids, None, fetch_rows(session, rest) if rest else []
                return ids, fetch_rows(session, ids[:page]), []

        def start() -> None:
            self._task = run_task(self, work,
                                  on_partial=lambda result: self._show_first(generation, *result),
                                  on_done=lambda result: self._apply(generation, *result),
                                  on_error=lambda exc: self._failed(generation, exc))

        if inline is not None and not go.is_set():
            # Started once the first screen is painted: a worker starting meanwhile would take
            # the interpreter's lock from the paint.
            self._deferred = start
        else:
            start()

    def _read_first_inline(self, generation: int, first: int) -> list[int] | None:
        """The first screen read here, on the GUI thread, and shown (the query is index-backed
        and limited to a screenful: bounded work). None when the read failed: the worker reads
        it again and reports the failure in words."""
        assert self._fetch_ids is not None
        try:
            with self.ws.reading() as session:
                shown = self._fetch_ids(session, self.sort_key, self.descending, limit=first)
                rows = self._fetch_rows(session, shown)
        except Exception:  # noqa: BLE001 — the worker's read of the same reports it
            log.debug("first screen read inline failed; the worker reads it", exc_info=True)
            return None
        self._show_first(generation, shown, rows)
        return shown

    def _screenful(self) -> int:
        """The rows that fill the watched view (one more for a part-shown row): no more are read
        and given cells before the first paint. SHOWN_FIRST while the view is not on screen."""
        viewport = self._viewport
        header = getattr(viewport.parent(), "verticalHeader", None) if viewport is not None else None
        if header is None or not viewport.isVisible():
            return SHOWN_FIRST
        return max(10, min(SHOWN_FIRST, viewport.height() // max(1, header().defaultSectionSize()) + 1))

    def _show_first(self, generation: int, ids: list[int], rows: list[Any]) -> None:
        if generation != self._generation:
            return
        self._ids = list(ids)  # until the whole list follows: scrolling stays within this query
        self._set_rows(rows, keep_below=len(ids) >= self._screenful() and self._at_top())
        self._fetched = len(ids)
        self._rows_current = True
        viewport = self._viewport
        if viewport is not None and viewport.isVisible():
            viewport.installEventFilter(self)  # the id list waits for this paint (eventFilter)
            QTimer.singleShot(int(FIRST_PAINT_WAIT_S * 1000),  # a paint that never comes
                              lambda: generation == self._generation and self._release())
        else:
            self._release()
        self.first_rows.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        if watched is self._viewport and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._release)  # once this paint is done
        return False

    def _release(self) -> None:
        if self._go is not None:
            self._go.set()
        start, self._deferred = self._deferred, None
        if start is not None:
            start()

    def _apply(self, generation: int, ids: list[int], rows: list[Any] | None, rest: list[Any]) -> None:
        if generation != self._generation:
            return
        self._ids = list(ids)
        if rows is not None:
            self._set_rows(rows)
        elif rest:  # the first rows are shown and painted: the rest of the first page joins them
            self._append(rest)
        self._fetched = min(len(ids), self.page_size)
        self._trim()
        self._loading = False
        self._rows_current = True
        self.has_loaded = True
        self.loaded.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        from ui import messages

        if generation == self._generation:
            self._loading = False
            self._trim()
            messages.show_error(None, exc)
            self.loaded.emit()  # waiters (tests, screenshot mode) stop waiting

    # ---- rows ----------------------------------------------------------------------------

    def _set_rows(self, rows: list[Any], *, keep_below: bool = False) -> None:
        """The table holds `rows` (a screenful of them; the rest wait for scrolling). The cells
        of the rows shown before are given the new texts, not released and built again: a
        screenful of new cells, and the previous page's released, cost 5–10× the texts.

        `keep_below` (a reload's first screen, filling the view scrolled to the top): the rows
        below it stay in the table, unseen, until the rest of the page is given their cells
        (`_append`) and what is left over is taken out (`_trim`) — taking them out one by one
        before the first paint, and changing the scroll range with it, cost a tenth of the
        paint. Such a row is not in `_rows`: `row_at` gives None for it."""
        count = max(SHOWN_FIRST, self._screenful())
        shown, self._waiting = rows[:count], rows[count:]
        had = self.rowCount()
        if keep_below and had > len(shown) + SPARE_ROWS:
            keep_below = False  # the clear() below is cheaper
        self.blockSignals(True)  # the views get one reset below, not a signal per cell
        try:
            if had > len(shown) + SPARE_ROWS:
                # Many rows scrolled in before: one clear() is cheaper than taking each out.
                # clear(), not setRowCount(0): PySide keeps a Python wrapper of every item added
                # and only clear() (or takeRow) lets go of them (a removed item's would dangle).
                self.clear()
                self._set_headers()
                self._cells, self._marks, self._spare = [], [], []
                had = 0
            if not keep_below:
                self._take_rows_from(len(shown))
            for number, row in enumerate(shown):
                if number < had:
                    self._dress(self._cells[number], self._marks[number], row, number)
                else:
                    self._add_row(row, number)
        finally:
            self.blockSignals(False)
        self.beginResetModel()
        self._rows = list(shown)
        self.endResetModel()

    def _take_rows_from(self, first: int) -> None:
        """Rows from `first` on taken out of the table, their cells kept aside for later rows."""
        for number in range(self.rowCount() - 1, first - 1, -1):
            self.takeRow(number)
            self._spare.append((self._cells.pop(), self._marks.pop()))
        del self._spare[SPARE_ROWS:]

    def _trim(self) -> None:
        """The rows a first screen left below it (`_set_rows(keep_below=True)`) and the load did
        not give new cells: taken out."""
        if self.rowCount() > len(self._rows):
            self._take_rows_from(len(self._rows))

    def _at_top(self) -> bool:
        """The watched view shows the table from its first row (what is below is unseen)."""
        view = self._viewport.parent() if self._viewport is not None else None
        bar = getattr(view, "verticalScrollBar", None)
        return bar is not None and bar().value() == 0

    def _set_headers(self) -> None:
        self.setColumnCount(len(self.columns))
        for number, column in enumerate(self.columns):
            header = QStandardItem(column.label)
            header.setTextAlignment(column.align)
            self.setHorizontalHeaderItem(number, header)

    def _color(self, name: str) -> QColor:
        color = self._colors.get(name)
        if color is None:
            color = self._colors[name] = QColor(name)
        return color

    def _add_row(self, row: Any, number: int) -> None:
        """Appends `row`'s cells: a row kept aside earlier, else new cells."""
        if self._spare:
            cells, marks = self._spare.pop()
        else:
            cells = [prototype.clone() for prototype in self._prototypes]
            marks = [_BARE] * len(cells)
        self._dress(cells, marks, row, number)
        self._cells.append(cells)
        self._marks.append(marks)
        self.appendRow(cells)

    def _dress(self, cells: list[QStandardItem], marks: list[tuple[str, str | None, str | None, bool]],
               row: Any, number: int) -> None:
        """One row's cells given their display text, colours and tooltip, computed once; what
        a cell carried for an earlier row and this one does not is cleared, and what it carries
        already is not set again (`marks`: a reload mostly shows the same texts)."""
        row_color = self._row_color(row) if self._row_color is not None else None
        for column, (item, (spec, _prototype)) in enumerate(zip(cells, self._specs, strict=True)):
            text = str(number + 1) if spec.row_number else spec.text(row)
            color = (spec.color(row) if spec.color is not None else None) or row_color
            background = spec.background(row) if spec.background is not None else None
            tip = bool(text) and spec.may_be_cut(text)  # a name cut short (…) shows whole on hover
            mark = (text, color, background, tip)
            had = marks[column]
            if mark == had:
                continue
            had_text, had_color, had_background, had_tip = had
            if text != had_text:
                item.setText(text)
                if tip or had_tip:
                    item.setData(text if tip else None, _TOOLTIP)
            elif tip != had_tip:
                item.setData(text if tip else None, _TOOLTIP)
            if color != had_color:
                item.setData(self._color(color) if color else None, _FOREGROUND)
            if background != had_background:
                item.setData(self._color(background) if background else None, _BACKGROUND)
            marks[column] = mark

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

    def rows_of(self, session: Session, ids: list[int]) -> list[Any]:
        """The rows of `ids` as this table shows them (a draft's record, reopened)."""
        return list(self._fetch_rows(session, ids))

    def all_rows(self, session: Session) -> list[Any]:
        """Every row of the current query, for printing (call from a worker with its session)."""
        rows: list[Any] = []
        for start in range(0, len(self._ids), 500):
            rows.extend(self._fetch_rows(session, self._ids[start:start + 500]))
        return rows

    # ---- Qt overrides --------------------------------------------------------------------

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        return not parent.isValid() and (bool(self._waiting) or self._fetched < len(self._ids))

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        """The rows fetched and not shown yet, else the next page of rows by id: bounded work,
        so it may run on the GUI thread."""
        if parent.isValid():
            return
        if self._waiting:
            rows, self._waiting = self._waiting, []
        elif self._fetched < len(self._ids):
            batch = self._ids[self._fetched:self._fetched + self.page_size]
            self._fetched += len(batch)
            with self.ws.reading() as session:
                rows = self._fetch_rows(session, batch)
        else:
            return
        if not rows:  # deleted meanwhile; the next reload drops their ids
            return
        self._append(rows)

    def _append(self, rows: list[Any]) -> None:
        """`rows` after those in the table: the rows a first screen left below it are given
        their texts (one dataChanged for them), further rows are added."""
        first = len(self._rows)
        self._rows.extend(rows)
        kept = max(0, min(len(rows), self.rowCount() - first))
        if kept:
            self.blockSignals(True)
            try:
                for number in range(first, first + kept):
                    self._dress(self._cells[number], self._marks[number], self._rows[number], number)
            finally:
                self.blockSignals(False)
            self.dataChanged.emit(self.index(first, 0), self.index(first + kept - 1, self.columnCount() - 1))
        for offset in range(kept, len(rows)):
            self._add_row(rows[offset], first + offset)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-queries in SQL with the column's sort key; unsortable columns are ignored."""
        if not 0 <= column < len(self.columns) or not self.columns[column].sort_key:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self.sort_column, self.descending):
            return
        self.sort_column, self.descending = column, descending
        self.reload()
