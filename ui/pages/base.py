"""`RegisterPage`: the shape every register page shares (DESIGN "Screens").

    toolbar      新增 · 编辑 · 删除 · 停用/启用 · 导入 · 导出 · 打印   (only what the page supports)
    filter bar   the page's widgets (unit, year, status, dates…), then the search box
    body         [optional side widget] | table (sorted in SQL, fetched by page)
    count label  共 N 条

A page subclasses it and implements the hooks: `create_model()`, `query()` (the id query for the
current filters), `build_filters(bar)`, and the actions it supports (`new_record()`,
`edit_record(row)`, `delete_record(row)`, `set_record_active(row, active)`).
Keyboard: Ctrl+N new, Enter/double-click edit, Ctrl+F the search box, Esc clears it.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QStyle,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app import drafts
from app.auth import Actor, Role
from app.errors import QingfengError
from ui import messages
from ui.dialogs.drafted import request_restore
from ui.models.register_model import FetchIds, RegisterTableModel
from ui.pages import register_actions
from ui.printing import PrintSheet
from ui.shortcuts import bind_action
from ui.widgets.draft_bar import DraftBar, OnlyBar
from ui.widgets.rows_view import selected_row

if TYPE_CHECKING:
    from pathlib import Path

    from app.workspace.facade import Workspace

NEW, EDIT, DELETE, DEACTIVATE, IMPORT, EXPORT, PRINT = (
    "new", "edit", "delete", "deactivate", "import", "export", "print")
ALL_ACTIONS = (NEW, EDIT, DELETE, DEACTIVATE, IMPORT, EXPORT, PRINT)

LABELS = {NEW: "新增", EDIT: "编辑", DELETE: "删除", DEACTIVATE: "停用", IMPORT: "导入…",
          EXPORT: "导出…", PRINT: "打印…"}
VIEW_LABEL = "查看"
ACTIVATE_LABEL = "启用"
TIPS = {NEW: "新增一条记录（Ctrl+N）", EDIT: "编辑选中的记录（Enter 或双击）",
        DELETE: "删除录错的记录；已被引用的记录只能停用", DEACTIVATE: "停用或重新启用选中的记录",
        IMPORT: "从 Excel 工作簿导入，先预览再写入", EXPORT: "导出当前筛选范围到 Excel 工作簿",
        PRINT: "打印当前筛选出的全部记录（A4 横向）"}
_SP = QStyle.StandardPixmap
ICONS = {NEW: _SP.SP_FileIcon, EDIT: _SP.SP_FileDialogDetailedView, DELETE: _SP.SP_TrashIcon,
         DEACTIVATE: _SP.SP_DialogCancelButton, IMPORT: _SP.SP_ArrowDown,
         EXPORT: _SP.SP_DialogSaveButton, PRINT: _SP.SP_FileDialogContentsView}
SEARCH_PLACEHOLDER = "搜索（Ctrl+F）"
COUNT_TEXT = "共 {count} 条"
LOADING_TEXT = "正在查询…"
LOADING_SHOWN_AFTER_MS = 300  # a load answered sooner keeps the count as it was until the new one
READ_ONLY_TIP = "当前为只读（{reason}）"
DEBOUNCE_MS = 250
IMPORTED = "正在显示从“{file}”刚导入的 {n} 条记录（新增 {added}，更新 {updated}），筛选条件已放宽。"
DRAFT_GONE = "草稿所属的记录已不存在（可能已被删除），草稿仍保留，可删除。"


def _restricted(query: FetchIds, only: list[int]) -> FetchIds:
    """The page's id query limited to `only` (in the page's order): after an import."""
    wanted = set(only)

    def fetch(session: Any, sort: str, descending: bool, limit: int | None = None) -> list[int]:
        ids = [i for i in query(session, sort, descending) if i in wanted]
        return ids if limit is None else ids[:limit]

    return fetch


def export_scope_of(year: int | None, unit_id: int | None) -> dict[str, Any]:
    """A page's Excel scope: the year and the unit its filters name, leaving out those left at
    全部 (the export's defaults)."""
    scope = {"year": year, "unit_id": unit_id}
    return {key: value for key, value in scope.items() if value is not None}


class RegisterPage(QWidget):
    """Base of every register page. Subclasses set the class attributes and implement hooks."""

    TITLE = ""                                   # the navigation label, also the print title
    ACTIONS: tuple[str, ...] = ALL_ACTIONS       # what the toolbar shows
    SEARCH_PLACEHOLDER = SEARCH_PLACEHOLDER
    COUNT_TEXT = COUNT_TEXT
    EXCEL_KEY = ""                               # register key of the Excel engine ("" = none)
    FORM = ""                                    # the form new_record/edit_record open (class name)

    ready = Signal()                  # after each load of the table (tests, screenshot mode)
    counts_changed = Signal(str)      # for the main window's status bar
    import_requested = Signal()
    export_requested = Signal()
    navigate_requested = Signal(str, dict)  # another page with its filters (MainWindow.navigate)

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.actions_by_key: dict[str, QAction] = {}
        self._pending_id: int | None = None

        self.toolbar = QToolBar(self)
        self.toolbar.setIconSize(QSize(16, 16))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.filter_bar = QHBoxLayout()
        self.filter_bar.setContentsMargins(0, 0, 0, 0)
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.SEARCH_PLACEHOLDER)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(220)
        self.search_box.installEventFilter(self)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(lambda _text: self._debounce.start())

        self.model = self.create_model()
        self.model.setParent(self)
        self.view = self._make_view()
        self.model.watch_paints(self.view.viewport())
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.view)
        self.splitter.setChildrenCollapsible(False)
        self.count_label = QLabel(self)
        self.notice_label = QLabel(self)
        self.notice_label.setStyleSheet("color: #c0392b;")

        side = self.build_side()
        if side is not None:
            self.splitter.insertWidget(0, side)
            self.splitter.setStretchFactor(0, 0)
            self.splitter.setStretchFactor(1, 1)
            self.splitter.setSizes([side.sizeHint().width(), 1000])
        self._build_actions()
        self.build_extra_actions(self.toolbar)
        self.build_filters(self.filter_bar)
        self.filter_bar.addStretch(1)
        self.filter_bar.addWidget(self.search_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(4)
        self.draft_bar = DraftBar(self.TITLE, self)
        self.draft_bar.restore_requested.connect(self.open_draft)
        self.draft_bar.delete_requested.connect(self.delete_draft)
        self.only_bar = OnlyBar(self)
        self.only_bar.show_all.connect(self.show_all)
        layout.addWidget(self.toolbar)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.draft_bar)
        layout.addWidget(self.only_bar)
        layout.addWidget(self.splitter, 1)
        self.bottom_bar = bottom = QHBoxLayout()  # the count, a page's figures beside it, notices
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        bottom.addWidget(self.notice_label)
        layout.addLayout(bottom)
        if ws.read_only:
            self.notice_label.setText(READ_ONLY_TIP.format(reason=ws.read_only_reason.rstrip("。")))

        # 正在查询… only for a load the clerk waits for: a label changed, and changed back, on
        # every quick reload would flicker and be repainted with the first rows.
        self._loading_shown = QTimer(self, singleShot=True, interval=LOADING_SHOWN_AFTER_MS)
        self._loading_shown.timeout.connect(
            lambda: self.count_label.setText(LOADING_TEXT) if self.model.is_loading else None)
        self.model.loading.connect(self._loading_shown.start)
        self.model.loaded.connect(self._on_loaded)
        # A reload's model reset drops the selection without a signal: the toolbar keeps its
        # state until the load is in and the selection restored (`_on_loaded`) — disabled and
        # enabled again, it would flicker and be repainted with the first rows. Meanwhile an
        # action finds no selected row and does nothing.
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        self.update_actions()
        self._only: list[int] | None = None
        self.refresh()
        self.check_drafts()

    # ---- hooks ---------------------------------------------------------------------------

    def create_model(self) -> RegisterTableModel:
        raise NotImplementedError

    def query(self) -> FetchIds:
        """The id query for the filters as they are now: `fn(session, sort_key, descending)`."""
        raise NotImplementedError

    def build_filters(self, bar: QHBoxLayout) -> None:
        """Adds the page's filter widgets (before the search box); call `refresh()` on change."""

    def build_side(self) -> QWidget | None:
        """An optional widget left of the table (a tree of units, of years…)."""
        return None

    def build_extra_actions(self, toolbar: QToolBar) -> None:
        """Page-specific toolbar actions; `self.actions_by_key` holds the shared ones."""

    def new_record(self) -> None:
        pass

    def edit_record(self, row: Any) -> None:
        pass

    def delete_record(self, row: Any) -> None:
        pass

    def set_record_active(self, row: Any, active: bool) -> None:
        pass

    def count_text(self, total: int) -> str:
        return self.COUNT_TEXT.format(count=total)

    def after_load(self) -> None:
        """Called on the GUI thread after each load, before `ready` (figures beside the table)."""

    def export_scope(self) -> dict[str, Any]:
        """Keyword arguments for the Excel export of the current filters (year=, unit_id=):
        `export_scope_of(year, unit_id)` of the page's own filters."""
        return {}

    def print_sheet(self) -> PrintSheet:
        """What 打印 prints: by default the page's title under the bureau's name, the table's
        columns (a page with a filed layout of its own returns that)."""
        return PrintSheet(self.TITLE, self.model.columns, bureau=self.ws.settings.bureau_name)

    def can_write(self) -> bool:
        return self.actor.role >= Role.EDITOR and not self.ws.read_only

    def after_change(self, select_id: int | None = None) -> None:
        """After a write from this page: the list again (pages add the figures beside it)."""
        self.refresh(select_id)

    # ---- small writes from a button ------------------------------------------------------

    def write(self, change: Callable[[Any, str], object], select_id: int | None = None) -> bool:
        """`change(session, correction_reason)` in one unit of work; the service's message when it
        refuses (nothing written), else `after_change(select_id)`. A record of a closed year: an
        administrator is asked for the correction reason and the change is tried again with it."""
        from ui.dialogs.form import (
            CORRECTION_FIELD,
            CORRECTION_HINT,
            CORRECTION_LABEL,
            CORRECTION_TITLE,
        )

        reason = ""
        while True:
            try:
                with self.ws.writing() as session:
                    change(session, reason)
                break
            except QingfengError as exc:
                wants_reason = getattr(exc, "field", "") == CORRECTION_FIELD and not reason
                if wants_reason and self.actor.role >= Role.ADMIN:
                    reason = messages.ask_text(self, CORRECTION_TITLE, CORRECTION_LABEL.format(
                        message=exc.message), CORRECTION_HINT) or ""
                    if reason:
                        continue
                    return False
                messages.warn(self, str(exc))
                return False
        self.after_change(select_id)
        return True

    def delete_asked(self, question: str, delete: Callable[[Any, str], object]) -> bool:
        """Asks `question` (删除 · 取消), then deletes through `write`."""
        return messages.ask(self, question, LABELS[DELETE]) and self.write(delete)

    # ---- the table -----------------------------------------------------------------------

    def _make_view(self) -> QTableView:
        view = QTableView(self)
        view.setModel(self.model)
        view.setAlternatingRowColors(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        unit = max(view.fontMetrics().horizontalAdvance("中") / 12.0, 1.0)  # hints are for a 12-px glyph
        for number, column in enumerate(self.model.columns):
            label_width = view.fontMetrics().horizontalAdvance(column.label) + 28
            view.setColumnWidth(number, max(int(column.width * unit), label_width))
            if column.stretch:  # this column, not the last one, takes the spare width
                header.setStretchLastSection(False)
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
        order = Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(self.model.sort_column, order)
        header.setSortIndicatorShown(True)
        view.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._keep_indicator_on_sortable)
        view.doubleClicked.connect(lambda _index: self._trigger(EDIT))
        view.installEventFilter(self)
        return view

    def _keep_indicator_on_sortable(self, column: int, _order: Qt.SortOrder) -> None:
        if not self.model.columns[column].sort_key:
            order = Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder
            header = self.view.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column, order)
            header.blockSignals(False)

    def is_ready(self) -> bool:
        """The table has answered its query (screenshot mode waits for this, or `ready`)."""
        return self.model.has_loaded and not self.model.is_loading

    def selected_row(self) -> Any | None:
        return selected_row(self.view)

    def refresh(self, select_id: int | None = None) -> None:
        """Re-runs the query for the current filters (and, after an import, for the records
        it brought); keeps (or moves) the selection."""
        current = self.selected_row()
        self._pending_id = select_id if select_id is not None else getattr(current, "id", None)
        query, only = self.query(), getattr(self, "_only", None)
        if only is not None:
            query = _restricted(query, only)
        indexed = self.INDEXED_SORTS
        inline = (indexed.__contains__ if indexed and self.ws.is_sqlite and only is None
                  and self.actor.unit_ids is None and not self.search_box.text().strip()
                  and not self.filters_walk() else None)
        self.model.set_query(query, inline=inline)

    # ---- after an import: exactly what came in ---------------------------------------------

    WIDEST: dict[str, Any] = {}  # apply_navigation's filters that show every record

    # ---- a first screen read on the GUI thread ----------------------------------------------

    # The sort keys whose order (with the query's tie-breakers) an index gives. A first screen in
    # such an order, under filters that do not make the read walk past records it does not want,
    # is a read of one screenful over an index — it does not grow with the data — so the table
    # reads it on the GUI thread, without the hop to a worker and back (RegisterTableModel); the
    # id list, the count and the figures, which do grow, stay on the worker. Not for a text
    # search (it reads every record), a unit-limited user (the read rule tests each record), the
    # records of an import, or a server workspace (each statement a round trip over the network,
    # which may stall: that stays off the GUI thread).
    INDEXED_SORTS: frozenset[str] = frozenset()

    def filters_walk(self) -> bool:
        """Whether a filter now set would make a read in an indexed order walk past records (a
        kind, a unit, a person…): then the first screen is read on the worker. A page with
        INDEXED_SORTS says which of its filters keep to the index (a date range on it does)."""
        return True

    def import_view(self, ids: list[int]) -> dict[str, Any]:
        """The filters under which the records `ids` all show (by default WIDEST)."""
        return dict(self.WIDEST)

    def show_only(self, ids: list[int], text: str) -> None:
        """The table shows the records `ids` (an import's), every filter widened, the first
        selected; the bar above says so and 显示全部 goes back to the whole register."""
        self._only = list(dict.fromkeys(ids))
        self.only_bar.show_text(text)
        first = self._only[0] if self._only else None
        apply = getattr(self, "apply_navigation", None)
        if apply is not None:
            apply(self.import_view(self._only))
        self.refresh(select_id=first)
        self.view.setFocus()

    def end_only(self) -> None:
        """Back to the register under its filters (the next refresh shows it)."""
        self._only = None
        self.only_bar.hide()

    def show_all(self) -> None:
        self.end_only()
        self.refresh()

    # ---- drafts of the page's form ---------------------------------------------------------

    def check_drafts(self) -> None:
        """The clerk's unsaved drafts of this page's form, above the table."""
        if not self.FORM or self.ws.read_only or not self.can_write():
            self.draft_bar.set_drafts([])
            return
        with self.ws.reading() as session:
            found = drafts.drafts_of(session, self.actor, self.FORM + ":")
        self.draft_bar.set_drafts(found)

    def open_draft(self, form_key: str) -> None:
        """Opens the form the draft belongs to, which restores it without asking (the record
        edited, or a new one)."""
        with self.ws.reading() as session:
            saved = drafts.load_draft(session, self.actor, form_key)
        if saved is None:
            self.check_drafts()
            return
        record_id = saved.record_id
        row = None
        if record_id is not None:
            with self.ws.reading() as session:
                rows = self.model.rows_of(session, [record_id])
            row = rows[0] if rows else None
            if row is None:
                messages.warn(self, DRAFT_GONE)
                self.check_drafts()
                return
        request_restore(form_key)
        try:
            self.new_record() if row is None else self.edit_record(row)
        finally:
            request_restore("")
        self.check_drafts()

    def delete_draft(self, form_key: str) -> None:
        with self.ws.writing() as session:
            drafts.clear_draft(session, self.actor, form_key)
        self.check_drafts()

    def _on_loaded(self) -> None:
        self._loading_shown.stop()
        self.after_load()
        text = self.count_text(self.model.total_count())
        self.count_label.setText(text)
        if self._pending_id is not None:
            row = self.model.row_of_id(self._pending_id)
            if row >= 0:
                self.view.selectRow(row)
                self.view.scrollTo(self.model.index(row, 0))
        self._pending_id = None
        self.update_actions()
        self.counts_changed.emit(text)
        self.ready.emit()

    # ---- actions -------------------------------------------------------------------------

    def _build_actions(self) -> None:
        handlers = {NEW: "new_record", EDIT: "_edit_selected", DELETE: "_delete_selected",
                    DEACTIVATE: "_toggle_selected", IMPORT: "start_import", EXPORT: "start_export",
                    PRINT: "print_rows"}
        for key in self.ACTIONS:
            action = QAction(self.style().standardIcon(ICONS[key]), LABELS[key], self)
            action.setToolTip(TIPS[key])
            action.triggered.connect(lambda _checked=False, name=handlers[key]: self._run(name))
            self.toolbar.addAction(action)
            self.actions_by_key[key] = action
        if NEW in self.actions_by_key:
            new = bind_action(self.actions_by_key[NEW], "new")  # only the visible page's (window context)
            self.addAction(new)
        find = bind_action(QAction(self), "find")
        find.triggered.connect(self.focus_search)
        self.addAction(find)

    def _run(self, handler: str) -> None:
        getattr(self, handler)()
        if handler in ("new_record", "_edit_selected"):  # a form closed: its draft may be left
            self.check_drafts()

    def _trigger(self, key: str) -> None:
        action = self.actions_by_key.get(key)
        if action is not None and action.isEnabled():
            action.trigger()

    def update_actions(self) -> None:
        row = self.selected_row()
        writable = self.can_write()
        # Exports and prints leave an audit row, which a read-only workspace cannot take.
        audited = not self.ws.read_only
        enabled = {NEW: writable, EDIT: row is not None, DELETE: writable and row is not None,
                   DEACTIVATE: writable and row is not None, IMPORT: writable,
                   EXPORT: audited, PRINT: audited}
        for key, action in self.actions_by_key.items():
            action.setEnabled(enabled[key])
        if EDIT in self.actions_by_key:
            self.actions_by_key[EDIT].setText(LABELS[EDIT] if writable else VIEW_LABEL)
        if DEACTIVATE in self.actions_by_key:
            inactive = row is not None and not getattr(row, "active", True)
            self.actions_by_key[DEACTIVATE].setText(ACTIVATE_LABEL if inactive else LABELS[DEACTIVATE])

    def _edit_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.edit_record(row)

    def _delete_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.delete_record(row)

    def _toggle_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.set_record_active(row, not getattr(row, "active", True))

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.view and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._trigger(EDIT)
                return True
            if watched is self.search_box and key == Qt.Key.Key_Escape and self.search_box.text():
                self.search_box.clear()
                self._debounce.stop()
                self.refresh()
                return True
            if watched is self.search_box and key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._debounce.isActive():  # Enter searches now, without the pause
                    self._debounce.stop()
                    self.refresh()
                self.view.setFocus()  # from the search box straight into the results
                if self.model.rowCount() and self.selected_row() is None:
                    self.view.selectRow(0)
                return True
        return super().eventFilter(watched, event)

    # ---- print, import, export (shared by every page: ui/pages/register_actions.py) --------

    def print_rows(self) -> None:
        """Every row of the current filters (not only those fetched), as `print_sheet()`."""
        register_actions.print_rows(self, self.ws, self.actor, title=self.TITLE,
                                    audited_as=self.EXCEL_KEY or self.TITLE, sheet=self.print_sheet(),
                                    read_rows=self.model.all_rows)

    def start_import(self, path: Path | None = None) -> None:
        """The import dialog (`path` already chosen: planned at once); after the import the
        table shows exactly the records it brought, its filters widened."""
        self.import_requested.emit()
        result = register_actions.import_rows(
            self, self.ws, self.actor, title=self.TITLE, excel_key=self.EXCEL_KEY,
            year=self.export_scope().get("year"), path=path) if self.EXCEL_KEY else None
        if result is not None and result.record_ids:
            self.show_only(list(result.record_ids), IMPORTED.format(
                n=len(set(result.record_ids)), added=result.added, updated=result.updated, file=result.file_name))
        elif result is not None:
            self.refresh()

    def start_export(self) -> None:
        self.export_requested.emit()
        if self.EXCEL_KEY:
            register_actions.export_rows(self, self.ws, self.actor, title=self.TITLE,
                                         excel_key=self.EXCEL_KEY, scope=self.export_scope())

    def show_error(self, exc: BaseException) -> None:
        messages.show_error(self, exc)
