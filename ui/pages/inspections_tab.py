"""监督检查: the inspections table with the monthly coverage strip above it; 查看问题 opens the
findings an inspection produced."""
from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QToolBar,
    QToolButton,
    QWidget,
)

from app.dictionaries import load_vocabulary
from app.registers.inspections import query as inspections_query
from app.registers.inspections import stats as inspections_stats
from app.registers.inspections import types as inspections_types
from app.registers.inspections import write as inspections_write
from app.registers.units.query import list_units
from ui.models.columns import RIGHT, Column
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
from ui.widgets.coverage_strip import CoverageStrip
from ui.widgets.filters import UnitFilter, YearFilter
from ui.workers import NewestRead

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE = "监督检查"
SEARCH = "检查名称、检查人员、检查情况（Ctrl+F）"
COUNT = "共 {count} 次检查"
ALL_KINDS = "全部类型"
SHOW_FINDINGS, SHOW_FINDINGS_TIP = "查看问题", "在问题整改台账中查看这次检查发现的问题"
ADD_FINDING, ADD_FINDING_TIP = "登记问题…", "为选中的检查登记一个发现的问题"
MONTH_ONLY = "仅显示：{year}年{month}月"
CLEAR = "显示全部"
ASK_DELETE = "确定删除检查“{title}”吗？\n已登记问题的检查不能删除。"
COVERAGE_YEARS = 3

COLUMNS = (
    Column("inspected_on", "检查日期", 80, sort_key="inspected_on"),
    Column("kind_label", "检查类型", 110, sort_key="kind"),
    Column("title", "检查名称", 220, sort_key="title", tooltip=True, stretch=True),
    Column("units_text", "被检查单位", 240, tooltip=True),
    Column("inspectors", "检查人员", 160, sort_key="inspectors", tooltip=True),
    Column("finding_count", "发现问题", 60, RIGHT),
    Column("open_finding_count", "未销号", 56, RIGHT),
)


class InspectionsTab(RegisterPage):
    TITLE = TITLE
    SEARCH_PLACEHOLDER = SEARCH
    COUNT_TEXT = COUNT
    EXCEL_KEY = "inspections"
    FORM = "InspectionDialog"
    ACTIONS = (NEW, EDIT, DELETE, IMPORT, EXPORT, PRINT)

    show_findings = Signal(int, str)  # inspection id, its label
    add_finding = Signal(int)

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        self.month: tuple[int, int] | None = None
        self._coverage_read = NewestRead(self)
        super().__init__(ws, actor, parent)
        self.coverage = CoverageStrip(self)
        self.coverage.month_clicked.connect(self.show_month)
        self.layout().insertWidget(2, self.coverage)
        self.load_coverage()

    def create_model(self) -> RegisterTableModel:
        return RegisterTableModel(self.ws, COLUMNS, inspections_query.inspection_rows, sort_column=0, descending=True)

    def build_filters(self, bar: QHBoxLayout) -> None:
        with self.ws.reading() as session:
            years = inspections_query.inspection_years(session)
            units = list_units(session)
            vocab = load_vocabulary(session)
        self.year_filter = YearFilter(years, None, parent=self)
        self.unit_filter = UnitFilter(self)
        self.unit_filter.set_units(units)
        self.kind_filter = QComboBox(self)
        self.kind_filter.addItem(ALL_KINDS, "")
        for entry in vocab.entries("inspection_type"):
            self.kind_filter.addItem(entry.label, entry.code)
        self.month_label = QLabel(self)
        self.month_label.setStyleSheet("color: #9a6700;")
        self.clear_month = QToolButton(self)
        self.clear_month.setText(CLEAR)
        self.clear_month.clicked.connect(lambda: self.show_month(None, None))
        for widget in (self.year_filter, self.unit_filter, self.kind_filter, self.month_label, self.clear_month):
            bar.addWidget(widget)
        self.month_label.hide()
        self.clear_month.hide()
        self.year_filter.changed.connect(self._year_changed)
        self.unit_filter.changed.connect(self.refresh)
        self.kind_filter.currentIndexChanged.connect(lambda _i: self.refresh())

    def build_extra_actions(self, toolbar: QToolBar) -> None:
        self.findings_action = QAction(SHOW_FINDINGS, self)
        self.findings_action.setToolTip(SHOW_FINDINGS_TIP)
        self.findings_action.triggered.connect(self._show_findings)
        self.add_finding_action = QAction(ADD_FINDING, self)
        self.add_finding_action.setToolTip(ADD_FINDING_TIP)
        self.add_finding_action.triggered.connect(self._add_finding)
        toolbar.insertAction(self.actions_by_key[DELETE], self.findings_action)
        toolbar.insertAction(self.actions_by_key[DELETE], self.add_finding_action)

    def current_filter(self) -> inspections_types.InspectionFilter:
        start = end = None
        if self.month is not None:
            year, month = self.month
            start, end = dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        return inspections_types.InspectionFilter(text=self.search_box.text(), year=self.year_filter.year(),
                                    unit_id=self.unit_filter.unit_id(), kind=self.kind_filter.currentData(),
                                    start=start, end=end)

    def query(self) -> FetchIds:
        actor, filt = self.actor, self.current_filter()
        return lambda session, sort, desc, limit=None: inspections_query.search_inspection_ids(
            session, actor, filt, sort, desc, limit=limit)

    def export_scope(self) -> dict[str, Any]:
        return export_scope_of(self.year_filter.year(), self.unit_filter.unit_id())

    def update_actions(self) -> None:
        super().update_actions()
        selected = self.selected_row() is not None
        self.findings_action.setEnabled(selected)
        self.add_finding_action.setEnabled(selected and self.can_write())

    def is_ready(self) -> bool:
        return super().is_ready() and not self._coverage_read.loading

    # ---- coverage --------------------------------------------------------------------------

    def load_coverage(self) -> None:
        """The selected year's strip, or the last three years' when 全部年度 (off the GUI thread)."""
        actor, today, year = self.actor, self.ws.today(), self.year_filter.year()

        def work(_progress: Any) -> list[inspections_stats.YearCoverage]:
            with self.ws.reading() as session:
                if year is not None:
                    return [inspections_stats.monthly_coverage(session, actor, year, today)]
                return inspections_stats.coverage_years(session, actor, today, COVERAGE_YEARS)

        def done(years: list[inspections_stats.YearCoverage]) -> None:
            self.coverage.set_coverage(years)
            self.ready.emit()

        self._coverage_read.run(work, on_done=done, on_error=self.show_error)

    def apply_navigation(self, filters: dict) -> None:
        """{"year": Y, "month": M} that month's 工作作风纪律检查; {"inspection_id": N} selects it
        among all inspections; {"year": Y} alone that year's."""
        for widget in (self.year_filter, self.unit_filter, self.kind_filter, self.search_box):
            widget.blockSignals(True)
        self.year_filter.setCurrentIndex(max(self.year_filter.findData(filters.get("year") or 0), 0))
        self.unit_filter.set_current_data(0)
        self.kind_filter.setCurrentIndex(0)
        self.search_box.clear()
        for widget in (self.year_filter, self.unit_filter, self.kind_filter, self.search_box):
            widget.blockSignals(False)
        self.load_coverage()
        if filters.get("year") and filters.get("month"):
            self.show_month(filters["year"], filters["month"])
        else:
            self.month = None
            self._show_month_label()
            self.refresh(select_id=filters.get("inspection_id"))

    def _year_changed(self) -> None:
        self.month = None
        self._show_month_label()
        self.refresh()
        self.load_coverage()

    def show_month(self, year: int | None, month: int | None) -> None:
        """Only the inspections of that month (a click on the strip); None shows all again."""
        self.month = (year, month) if year and month else None
        if self.month is not None:
            self.kind_filter.blockSignals(True)
            self.kind_filter.setCurrentIndex(max(self.kind_filter.findData("style"), 0))
            self.kind_filter.blockSignals(False)
        self._show_month_label()
        self.refresh()

    def _show_month_label(self) -> None:
        if self.month is not None:
            self.month_label.setText(MONTH_ONLY.format(year=self.month[0], month=self.month[1]))
        self.month_label.setVisible(self.month is not None)
        self.clear_month.setVisible(self.month is not None)

    def after_change(self, select_id: int | None = None) -> None:
        self.refresh(select_id)
        self.load_coverage()

    # ---- records ---------------------------------------------------------------------------

    def new_record(self) -> None:
        from ui.dialogs.inspection_dialog import InspectionDialog

        dialog = InspectionDialog(self.ws, self.actor, parent=self)
        if dialog.exec():
            self.after_change(dialog.saved_id)

    def edit_record(self, row: inspections_types.InspectionRow) -> None:
        from ui.dialogs.inspection_dialog import InspectionDialog

        dialog = InspectionDialog(self.ws, self.actor, row, parent=self, read_only=not self.can_write())
        dialog.open_findings.connect(lambda: self.show_findings.emit(row.id, row.label))
        if dialog.exec():
            self.after_change(row.id)

    def delete_record(self, row: inspections_types.InspectionRow) -> None:
        self.delete_asked(ASK_DELETE.format(title=row.title),
                          lambda session, reason: inspections_write.delete_inspection(session, self.actor, row.id, reason))

    def _show_findings(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.show_findings.emit(row.id, row.label)

    def _add_finding(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.add_finding.emit(row.id)
