"""问题整改台账: the findings table with its filters (year, unit, source, status, deadline,
responsible person), the 整改完成率 of the filtered set above it, overdue deadlines in red and
due-soon ones in amber; 办理 offers the workflow steps of the selected finding."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QStyle,
    QToolBar,
    QToolButton,
    QWidget,
)

from app.dictionaries import load_vocabulary
from app.registers.findings import query as findings_query
from app.registers.findings import stats as st
from app.registers.findings import types as findings_types
from app.registers.findings import write as findings_write
from app.registers.findings.workflow import allowed_steps
from app.registers.inspections.query import inspection_years
from app.registers.units.query import list_units
from app.vocab import FINDING_STATUS, FINDING_TRANSITIONS
from ui.models.columns import CENTER, Column
from ui.models.register_model import FetchIds, RegisterTableModel
from ui.pages.base import (
    DELETE,
    EDIT,
    EXPORT,
    IMPORT,
    NEW,
    PRINT,
    RegisterPage,
    export_scope_of,
)
from ui.printing import PrintSheet
from ui.widgets.filters import UnitFilter, YearFilter
from ui.workers import NewestRead

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE = "问题整改台账"
SEARCH = "编号、问题、措施、责任人（Ctrl+F）"
COUNT = "共 {count} 个问题"
ALL_SOURCES, ALL_STATUSES, ALL_DEADLINES = "全部来源", "全部状态", "全部时限"
OPEN = "未销号"
DEADLINES = (("overdue", "已逾期"), ("due_soon", "即将到期"))
PERSON_HINT = "责任人"
HANDLE, HANDLE_TIP = "办理", "对选中的问题办理下一步、延期或添加进展"
EXTEND, PROGRESS = "延期…", "添加进展…"
ONLY = "仅显示：{what}"
CLEAR = "显示全部"
ASK_DELETE = "确定删除问题“{code}”吗？\n只有录错、尚未办理的问题才能删除。"
RATE = ("整改完成率 <b>{rate}</b>（已销号 {done} / 共 {total}）　基本完成（整改中）{mostly}（{mostly_rate}）"
        "　未销号 {open}　<span style='color:{red}'>已逾期 {overdue}</span>"
        "　<span style='color:{amber}'>即将到期 {due_soon}</span>")
NO_RATE = "当前筛选范围内没有问题。"
RED, AMBER, RED_BG, AMBER_BG, MUTED = "#c0392b", "#9a6700", "#f8d7d7", "#fdebc4", "#8a8a8a"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _days(days_left: int | None) -> str:
    if days_left is None:
        return ""
    if days_left < 0:
        return f"逾期 {-days_left} 天"
    return "今天到期" if days_left == 0 else f"{days_left} 天后到期"


def _deadline_fg(row: findings_types.FindingRow) -> str | None:
    return {"overdue": RED, "due_soon": AMBER}.get(row.deadline_state)


def _deadline_bg(row: findings_types.FindingRow) -> str | None:
    return {"overdue": RED_BG, "due_soon": AMBER_BG}.get(row.deadline_state)


COLUMNS = (
    Column("code", "编号", 72, sort_key="code"),
    Column("found_on", "发现日期", 80, sort_key="found_on"),
    Column("unit_name", "被检查单位", 110, sort_key="unit", tooltip=True),
    Column("description", "问题", 240, sort_key="description", tooltip=True, stretch=True),
    Column("source_label", "来源", 64, sort_key="source"),
    Column("owner_unit_name", "责任单位", 100, sort_key="owner_unit", tooltip=True),
    Column("resp_person_name", "责任人", 56, sort_key="resp_person"),
    Column("deadline", "整改时限", 80, sort_key="deadline", color=_deadline_fg, background=_deadline_bg),
    Column("days_left", "时限提示", 80, format=_days, color=_deadline_fg),
    Column("status_label", "状态", 96, sort_key="status", color=_deadline_fg),
    Column("result_label", "整改结果", 64, sort_key="result"),
    Column("closed_on", "销号日期", 80, sort_key="closed_on"),
    Column("revisit", "回头看", 50, CENTER, sort_key="revisit"),
)
# The printed 问题整改台账: the ledger's own columns.
PRINT_COLUMNS = (
    Column("code", "编号"), Column("unit_name", "被检查单位"), Column("description", "问题"),
    Column("owner_unit_name", "责任单位"), Column("resp_person_name", "责任人"),
    Column("resp_leader", "责任领导"), Column("measures", "整改措施"), Column("deadline", "整改时限"),
    Column("progress_text", "进展"), Column("status_label", "状态"), Column("closed_on", "销号日期"),
)


def _closed_muted(row: findings_types.FindingRow) -> str | None:
    return MUTED if row.status == "closed" else None


class FindingsTab(RegisterPage):
    TITLE = TITLE
    SEARCH_PLACEHOLDER = SEARCH
    COUNT_TEXT = COUNT
    EXCEL_KEY = "findings"
    FORM = "FindingDialog"
    ACTIONS = (NEW, EDIT, DELETE, IMPORT, EXPORT, PRINT)

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        self.hidden_filters: dict[str, Any] = {}  # resp_person_id, inspection_id, categories: from navigation
        self.stats: st.FindingStats | None = None
        self._stats_read = NewestRead(self)
        super().__init__(ws, actor, parent)
        self.layout().insertWidget(2, self.rate_label)

    # ---- hooks ---------------------------------------------------------------------------

    def create_model(self) -> RegisterTableModel:
        today = self.ws.today()
        return RegisterTableModel(self.ws, COLUMNS, lambda s, ids: findings_query.finding_rows(s, ids, today),
                                  sort_column=1, descending=True, row_color=_closed_muted)

    def build_filters(self, bar: QHBoxLayout) -> None:
        with self.ws.reading() as session:
            years = inspection_years(session)
            units = list_units(session)
            vocab = load_vocabulary(session)
        self.year_filter = YearFilter(years, None, parent=self)
        self.unit_filter = UnitFilter(self)
        self.unit_filter.set_units(units)
        self.source_filter = QComboBox(self)
        self.source_filter.addItem(ALL_SOURCES, "")
        for entry in vocab.entries("finding_source"):
            self.source_filter.addItem(entry.label, entry.code)
        self.status_filter = QComboBox(self)
        for label, code in ((ALL_STATUSES, ""), (OPEN, "open"), *((v, k) for k, v in FINDING_STATUS.items())):
            self.status_filter.addItem(label, code)
        self.deadline_filter = QComboBox(self)
        for code, label in (("", ALL_DEADLINES), *DEADLINES):
            self.deadline_filter.addItem(label, code)
        self.person_filter = QLineEdit(self)
        self.person_filter.setPlaceholderText(PERSON_HINT)
        self.person_filter.setClearButtonEnabled(True)
        self.person_filter.setFixedWidth(90)
        self.only_label = QLabel(self)
        self.only_label.setStyleSheet(f"color: {AMBER};")
        self.clear_button = QToolButton(self)
        self.clear_button.setText(CLEAR)
        self.clear_button.clicked.connect(self.clear_hidden_filters)
        for widget in (self.year_filter, self.unit_filter, self.source_filter, self.status_filter,
                       self.deadline_filter, self.person_filter, self.only_label, self.clear_button):
            bar.addWidget(widget)
        self.year_filter.changed.connect(self.refresh)
        self.unit_filter.changed.connect(self.refresh)
        for combo in (self.source_filter, self.status_filter, self.deadline_filter):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.person_filter.textChanged.connect(lambda _t: self._debounce.start())
        self.rate_label = QLabel(self)
        self.rate_label.setTextFormat(Qt.TextFormat.RichText)
        self._show_hidden_filters()

    def build_extra_actions(self, toolbar: QToolBar) -> None:
        self.handle_menu = QMenu(self)
        self.handle_button = QToolButton(self)
        self.handle_button.setText(HANDLE)
        self.handle_button.setToolTip(HANDLE_TIP)
        self.handle_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.handle_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.handle_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton))
        self.handle_button.setMenu(self.handle_menu)
        self.handle_menu.aboutToShow.connect(self._fill_handle_menu)
        toolbar.insertWidget(self.actions_by_key[DELETE], self.handle_button)

    def current_filter(self) -> findings_types.FindingFilter:
        return findings_types.FindingFilter(
            text=self.search_box.text(), year=self.year_filter.year(), unit_id=self.unit_filter.unit_id(),
            source=self.source_filter.currentData(), status=self.status_filter.currentData(),
            deadline=self.deadline_filter.currentData(), resp_person=self.person_filter.text(),
            **self.hidden_filters)

    INDEXED_SORTS = frozenset({"found_on"})  # ix_findings_found_on

    def filters_walk(self) -> bool:
        """A year is a range of the found_on index; every other filter tests each finding."""
        filt = self.current_filter()
        return bool(filt.unit_id is not None or filt.source or filt.status or filt.deadline
                    or filt.resp_person.strip() or self.hidden_filters)

    def query(self) -> FetchIds:
        actor, filt, today = self.actor, self.current_filter(), self.ws.today()
        return lambda session, sort, desc, limit=None: findings_query.search_finding_ids(
            session, actor, filt, today, sort, desc, limit=limit)

    def refresh(self, select_id: int | None = None) -> None:
        self._stats_read.loading = True  # the figures are read once the table has its rows (after_load)
        super().refresh(select_id)

    def after_load(self) -> None:
        self._load_stats()

    def export_scope(self) -> dict[str, Any]:
        return export_scope_of(self.year_filter.year(), self.unit_filter.unit_id())

    def is_ready(self) -> bool:
        return super().is_ready() and not self._stats_read.loading and self.stats is not None

    def update_actions(self) -> None:
        super().update_actions()
        self.handle_button.setEnabled(self.can_write() and self.selected_row() is not None)

    # ---- 整改完成率 of the filtered set ----------------------------------------------------

    def _load_stats(self) -> None:
        actor, filt, today = self.actor, self.current_filter(), self.ws.today()

        def work(_progress: Any) -> st.FindingStats:
            with self.ws.reading() as session:
                return st.completion_stats(session, actor, filt, today)

        def done(stats: st.FindingStats) -> None:
            self.stats = stats
            self.rate_label.setText(self.rate_text(stats))
            self.ready.emit()

        self._stats_read.run(work, on_done=done, on_error=self.show_error)

    @staticmethod
    def rate_text(stats: st.FindingStats) -> str:
        if not stats.total:
            return NO_RATE
        return RATE.format(rate=_percent(stats.rate), done=stats.closed, total=stats.total, mostly=stats.mostly,
                           mostly_rate=_percent(stats.mostly_rate), open=stats.open, overdue=stats.overdue,
                           due_soon=stats.due_soon, red=RED, amber=AMBER)

    # ---- navigation ------------------------------------------------------------------------

    def apply_navigation(self, filters: dict) -> None:
        """{"unit_id", "year", "source", "status" (a code or "open"), "overdue": True,
        "due_soon": True, "resp_person_id", "inspection_id", "text", "finding_id"}: filters the
        table (the others reset) and selects `finding_id` when given."""
        widgets = (self.year_filter, self.unit_filter, self.source_filter, self.status_filter,
                   self.deadline_filter, self.person_filter, self.search_box)
        for widget in widgets:
            widget.blockSignals(True)
        self.year_filter.setCurrentIndex(max(self.year_filter.findData(filters.get("year") or 0), 0))
        self.unit_filter.set_current_data(filters.get("unit_id") or 0)
        self.source_filter.setCurrentIndex(max(self.source_filter.findData(filters.get("source", "")), 0))
        self.status_filter.setCurrentIndex(max(self.status_filter.findData(filters.get("status", "")), 0))
        deadline = "overdue" if filters.get("overdue") else "due_soon" if filters.get("due_soon") else ""
        self.deadline_filter.setCurrentIndex(max(self.deadline_filter.findData(deadline), 0))
        self.person_filter.clear()
        self.search_box.setText(filters.get("text", ""))
        for widget in widgets:
            widget.blockSignals(False)
        self.hidden_filters = {k: filters[k] for k in ("resp_person_id", "inspection_id") if filters.get(k)}
        if filters.get("categories") is not None:  # a heading of 问题类别统计 (codes; "" for none)
            self.hidden_filters["categories"] = tuple(filters["categories"])
        self._show_hidden_filters(filters.get("label", ""))
        self.refresh(select_id=filters.get("finding_id"))

    def _show_hidden_filters(self, label: str = "") -> None:
        shown = bool(self.hidden_filters)
        self.only_label.setText(ONLY.format(what=label or "、".join(
            {"resp_person_id": "指定责任人", "inspection_id": "指定检查", "categories": "指定问题类别"}[k]
            for k in self.hidden_filters)))
        self.only_label.setVisible(shown)
        self.clear_button.setVisible(shown)

    def clear_hidden_filters(self) -> None:
        self.hidden_filters = {}
        self._show_hidden_filters()
        self.refresh()

    # ---- records ---------------------------------------------------------------------------

    def new_record(self, inspection_id: int | None = None) -> int | None:
        from ui.dialogs.finding_dialog import FindingDialog

        dialog = FindingDialog(self.ws, self.actor, inspection_id=inspection_id,
                               unit_id=self.unit_filter.unit_id(), parent=self)
        if dialog.exec():
            self.refresh(dialog.saved_id)
            return dialog.saved_id
        return None

    def edit_record(self, row: findings_types.FindingRow) -> None:
        from ui.dialogs.finding_dialog import FindingDialog

        dialog = FindingDialog(self.ws, self.actor, row.id, parent=self, read_only=not self.can_write())
        dialog.exec()
        self.refresh(row.id)  # steps taken in the dialog count even when the form was cancelled

    def delete_record(self, row: findings_types.FindingRow) -> None:
        self.delete_asked(ASK_DELETE.format(code=row.code),
                          lambda session, reason: findings_write.delete_finding(session, self.actor, row.id, reason))

    def _fill_handle_menu(self) -> None:
        from ui.dialogs import finding_steps as steps

        self.handle_menu.clear()
        row = self.selected_row()
        if row is None:
            return
        ws, actor = self.ws, self.actor
        for to in allowed_steps(row.status):
            action = QAction(FINDING_TRANSITIONS[(row.status, to)] + "…", self.handle_menu)
            action.triggered.connect(lambda _c=False, t=to: self._small(steps.StepDialog(ws, actor, row, t, self)))
            self.handle_menu.addAction(action)
        self.handle_menu.addSeparator()
        if row.status in ("pending", "in_progress") and row.deadline is not None:
            self.handle_menu.addAction(EXTEND, lambda: self._small(steps.ExtensionDialog(ws, actor, row, self)))
        self.handle_menu.addAction(PROGRESS, lambda: self._small(steps.ProgressDialog(ws, actor, row, self)))

    def _small(self, dialog: Any) -> None:
        if dialog.exec():
            self.refresh(dialog.saved_id)

    def print_sheet(self) -> PrintSheet:
        """The 问题整改台账 as filed: its own columns, not the table's."""
        return PrintSheet(TITLE, PRINT_COLUMNS, bureau=self.ws.settings.bureau_name)
