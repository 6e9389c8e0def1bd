"""Column specs shared by every table model: which attribute of a row, its header, its width,
its alignment, and optional format and colour functions. Raw values sort; display strings show."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

SORT_ROLE = Qt.ItemDataRole.UserRole          # the raw value (dates, numbers, bools)
ROW_ROLE = Qt.ItemDataRole.UserRole + 1       # the whole row (a frozen dataclass)

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

YES = "是"
MUTED = "#8a8a8a"  # inactive records


@dataclass(frozen=True)
class Column:
    key: str                                          # attribute of the row
    label: str                                        # header text
    width: int = 100                                  # width hint, in pixels at a 9-pt font
    align: Qt.AlignmentFlag = LEFT
    sort_key: str | None = None                       # the service's SQL sort key; None = not sortable
    format: Callable[[Any], str] | None = None        # raw value → display text
    color: Callable[[Any], str | None] | None = None  # row → foreground colour ("#rrggbb")
    background: Callable[[Any], str | None] | None = None  # row → background colour
    value: Callable[[Any], Any] | None = None         # row → raw value, when not an attribute
    tooltip: bool = False                              # show the full text on hover (long text)
    stretch: bool = False                              # takes the table's spare width
    row_number: bool = False                           # shows the row's place in the query (1, 2, …)

    def may_be_cut(self, text: str) -> bool:
        """True when the column may show `text` cut short (…): its hover shows it whole."""
        return self.tooltip or len(text) * 12 > self.width

    def raw(self, row: Any) -> Any:
        return self.value(row) if self.value is not None else getattr(row, self.key)

    def text(self, row: Any) -> str:
        value = self.raw(row)
        return self.format(value) if self.format is not None else format_value(value)


def format_value(value: Any) -> str:
    """How a raw value reads in a cell: dates as 2026-06-15, True as 是, lists joined with 、."""
    if value is None or value is False:
        return ""
    if value is True:
        return YES
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple, set, frozenset)):
        return "、".join(format_value(v) for v in value)
    return str(value)


def active_label(active: bool) -> str:
    return "在用" if active else "已停用"


def muted_unless_active(row: Any) -> str | None:
    return None if getattr(row, "active", True) else MUTED


def cell_data(columns: tuple[Column, ...], row: Any, column: int, role: int,
              row_color: Callable[[Any], str | None] | None) -> Any:
    """`data()` of every table model: one place for the roles."""
    spec = columns[column]
    if role == Qt.ItemDataRole.DisplayRole:
        return spec.text(row)
    if role == SORT_ROLE:
        return spec.raw(row)
    if role == ROW_ROLE:
        return row
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return int(spec.align.value)
    if role == Qt.ItemDataRole.ForegroundRole:
        color = (spec.color(row) if spec.color else None) or (row_color(row) if row_color else None)
        return QColor(color) if color else None
    if role == Qt.ItemDataRole.BackgroundRole and spec.background is not None:
        color = spec.background(row)
        return QColor(color) if color else None
    if role == Qt.ItemDataRole.ToolTipRole:
        text = spec.text(row)
        return text if text and spec.may_be_cut(text) else None
    return None


def header_data(columns: tuple[Column, ...], section: int, orientation: Qt.Orientation,
                role: int) -> Any:
    if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(columns):
        return None
    if role == Qt.ItemDataRole.DisplayRole:
        return columns[section].label
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return int(columns[section].align.value)
    return None


class RowsTableModel(QAbstractTableModel):
    """A short list held whole in memory (units, dictionary items, position changes, a preview):
    sorted in Python on raw values, never on display strings."""

    def __init__(self, columns: tuple[Column, ...], rows: list[Any] | None = None, *,
                 row_color: Callable[[Any], str | None] | None = None, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.columns = tuple(columns)
        self._rows: list[Any] = list(rows or [])
        self._row_color = row_color

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, index: QModelIndex | int) -> Any | None:
        row = index if isinstance(index, int) else (index.row() if index.isValid() else -1)
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return cell_data(self.columns, self._rows[index.row()], index.column(), role, self._row_color)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return header_data(self.columns, section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        spec = self.columns[column]

        def key(row: Any) -> tuple[int, Any]:
            value = spec.raw(row)
            return (value is None, value if value is not None else 0)

        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        order_of = sorted(range(len(self._rows)), key=lambda i: key(self._rows[i]),
                          reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = [self._rows[i] for i in order_of]
        new_row = {old: new for new, old in enumerate(order_of)}
        self.changePersistentIndexList(
            persistent, [self.index(new_row[p.row()], p.column()) for p in persistent])
        self.layoutChanged.emit()
