"""The read-only table every short list uses (a RowsTableModel): whole rows selected, no row
numbers, alternating rows, each column at its width, the text column taking the spare width; and
`selected_row`, the row a clerk has selected in a table (a register page's too)."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.models.columns import RowsTableModel

ROOMY = 20  # `extra_width` of the lists in a wide tab (系统管理): room around short values


def rows_view(model: RowsTableModel, parent: QWidget, *, single: bool = False, sortable: bool = False,
              stretch: int | None = None, wrap: bool = True, row_height: int | None = None,
              extra_width: int = 0) -> QTableView:
    """A table of `model`. `stretch`: the column that takes the spare width (-1 the last); by
    default those marked `Column.stretch`, else the last section. `single`: one row at a time.
    `row_height`: a fixed height of every row (default: Qt's). `extra_width`: pixels added to
    every column's width (room around short values in a wide tab)."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(wrap)
    view.setSortingEnabled(sortable)
    view.verticalHeader().setVisible(False)
    if row_height is not None:
        view.verticalHeader().setDefaultSectionSize(row_height)
    header = view.horizontalHeader()
    columns = model.columns
    for number, column in enumerate(columns):
        view.setColumnWidth(number, column.width + extra_width)
    stretched = ([len(columns) - 1 if stretch == -1 else stretch] if stretch is not None
                 else [n for n, c in enumerate(columns) if c.stretch])
    if stretched:
        for number in stretched:
            header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    return view


def selected_row(view: QTableView) -> Any | None:
    """The row the clerk has selected in `view` (its model's `row_at`), None when none is."""
    index = view.currentIndex()
    if not index.isValid() or not view.selectionModel().isRowSelected(index.row()):
        return None
    return view.model().row_at(index)
