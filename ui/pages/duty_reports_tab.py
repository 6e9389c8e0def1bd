"""报告报送: the tracking of what each 责任单位 sent up the line — the year's table of one kind
(半年工作报告 · 工作信息 · 调研报告: a row per unit, a column per period with its due date; 未报 in
red once past due) above the year's reports received (every kind). A click on a cell lists that
unit's reports of that period; 登记收到 records one, the cell's unit and period filled in."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from app.registers.duty_reports import query as reports_query
from app.registers.duty_reports import write as reports_write
from app.registers.duty_reports.stats import tracking
from app.registers.duty_reports.types import (
    HALF_YEAR,
    DutyReportDraft,
    DutyReportFilter,
    DutyReportRow,
    Tracking,
)
from app.registers.units.query import list_units
from app.vocab import DUTY_REPORT_KINDS
from ui.models.columns import CENTER, RIGHT, Column
from ui.models.register_model import FetchIds, RegisterTableModel
from ui.pages.base import DELETE, EDIT, EXPORT, IMPORT, NEW, PRINT, RegisterPage, export_scope_of
from ui.widgets.filters import UnitFilter, YearFilter
from ui.widgets.tracking_grid import TrackingGrid

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE = "报告报送"
SEARCH = "单位、标题（Ctrl+F）"
ASK_DELETE = "确定删除这条报送记录吗？\n{unit} {period}{kind}"
ONLY_CELL = "（{unit}·{period}）"

COLUMNS = (
    Column("received_on", "收到日期", 84, CENTER, sort_key="received_on"),
    Column("unit_name", "报送单位", 150, sort_key="unit"),
    Column("kind_label", "类别", 96, sort_key="kind"),
    Column("period_label", "所属期间", 100, sort_key="period"),
    Column("title", "标题", 320, sort_key="title", tooltip=True, stretch=True),
    Column("attachment_count", "附件", 44, RIGHT, format=lambda n: str(n) if n else ""),
)


class DutyReportsTab(RegisterPage):
    TITLE = TITLE
    SEARCH_PLACEHOLDER = SEARCH
    ACTIONS = (NEW, EDIT, DELETE, IMPORT, EXPORT, PRINT)
    FORM = "DutyReportDialog"
    EXCEL_KEY = "duty_reports"

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        self._tracking: dict[tuple, Tracking] = {}
        self.cell: tuple[int, int] | None = None
        super().__init__(ws, actor, parent)
        self.grid = TrackingGrid(self)
        self.grid.cell_chosen.connect(self.choose_cell)
        layout = self.layout()
        layout.insertWidget(2, self.grid, 3)
        layout.setStretchFactor(self.splitter, 2)
        self.actions_by_key[NEW].setText("登记收到…")
        self.after_load()  # the table may have answered already

    def create_model(self) -> RegisterTableModel:
        return RegisterTableModel(self.ws, COLUMNS, reports_query.duty_report_rows, sort_column=0, descending=True)

    def build_filters(self, bar: QHBoxLayout) -> None:
        today = self.ws.today()
        with self.ws.reading() as session:
            years = set(reports_query.duty_report_years(session)) | {today.year}
            units = list_units(session)
        self.year_filter = YearFilter(years, today.year, allow_all=False, parent=self)
        self.kind_filter = QComboBox(self)
        for code, label in DUTY_REPORT_KINDS.items():
            self.kind_filter.addItem(label, code)
        self.unit_filter = UnitFilter(self)
        self.unit_filter.set_units(units)
        for widget in (self.year_filter, self.kind_filter, self.unit_filter):
            bar.addWidget(widget)
        for signal in (self.year_filter.changed, self.kind_filter.currentIndexChanged, self.unit_filter.changed):
            signal.connect(lambda *_: self._filters_changed())

    def _filters_changed(self) -> None:
        self.cell = None
        self.refresh()

    def _key(self) -> tuple:
        return (self.year_filter.year(), self.kind_filter.currentData(), self.unit_filter.unit_id())

    def current_filter(self) -> DutyReportFilter:
        """The year's reports of every kind; a cell chosen in the table: that unit's of that period."""
        if self.cell is None:
            return DutyReportFilter(year=self.year_filter.year(), unit_id=self.unit_filter.unit_id(),
                                    text=self.search_box.text())
        unit, period = self.cell
        return DutyReportFilter(year=self.year_filter.year(), kind=self.kind_filter.currentData(), period=period,
                                unit_id=unit, text=self.search_box.text())

    def export_scope(self) -> dict[str, Any]:
        filt = self.current_filter()
        return export_scope_of(filt.year, filt.unit_id)

    def query(self) -> FetchIds:
        actor, filt, found, key = self.actor, self.current_filter(), self._tracking, self._key()
        today, settings = self.ws.today(), self.ws.settings

        def fetch(session: Any, sort: str, descending: bool, limit: int | None = None) -> list[int]:
            ids = reports_query.search_duty_report_ids(session, actor, filt, sort, descending, limit=limit)
            if limit is None:
                found[key] = tracking(session, actor, key[0] or today.year, key[1] or HALF_YEAR, today, settings,
                                      key[2])
            return ids

        return fetch

    def refresh(self, select_id: int | None = None) -> None:
        self._tracking.clear()
        super().refresh(select_id)

    def after_load(self) -> None:
        found = self._tracking.get(self._key())
        if found is not None and hasattr(self, "grid"):
            self.grid.show_tracking(found)

    def is_ready(self) -> bool:
        return super().is_ready() and self._key() in self._tracking

    def count_text(self, total: int) -> str:
        text = super().count_text(total)
        if self.cell is None:
            return text
        found = self._tracking.get(self._key())
        unit = next((u.unit_name for u in found.units if u.unit_id == self.cell[0]), "") if found else ""
        period = next((p.label for p in found.periods if p.period == self.cell[1]), "") if found else ""
        return text + ONLY_CELL.format(unit=unit, period=period)

    def choose_cell(self, unit_id: int, period: int) -> None:
        self.cell = (unit_id, period)
        super().refresh()

    def apply_navigation(self, filters: dict) -> None:
        """{"year", "kind"} (首页's reminder)."""
        for widget in (self.year_filter, self.kind_filter):
            widget.blockSignals(True)
        if filters.get("year"):
            self.year_filter.setCurrentIndex(max(self.year_filter.findData(filters["year"]), 0))
        if filters.get("kind"):
            self.kind_filter.setCurrentIndex(max(self.kind_filter.findData(filters["kind"]), 0))
        for widget in (self.year_filter, self.kind_filter):
            widget.blockSignals(False)
        self.cell = None
        self.refresh(select_id=filters.get("record_id"))

    def _dialog(self, row: DutyReportRow | None = None, prefill: DutyReportDraft | None = None):
        from ui.dialogs.duty_report_dialog import DutyReportDialog

        if row is not None:
            with self.ws.reading() as session:
                row = reports_query.get_duty_report(session, row.id)
        dialog = DutyReportDialog(self.ws, self.actor, row, parent=self, prefill=prefill,
                                  read_only=row is not None and not self.can_write())
        dialog.finished.connect(lambda _r: self.refresh(select_id=dialog.saved_id or (row.id if row else None)))
        return dialog

    def new_record(self) -> None:
        kind, year = self.kind_filter.currentData(), self.year_filter.year() or self.ws.today().year
        unit, period = self.grid.chosen() if self.grid.chosen() else (self.unit_filter.unit_id(), 1 if kind == HALF_YEAR else 0)
        if kind == "info" and not self.grid.chosen():
            period = self.ws.today().month
        self._dialog(prefill=DutyReportDraft(unit, kind, year, period, min(self.ws.today(), dt.date(year, 12, 31)))).exec()

    def edit_record(self, row: DutyReportRow) -> None:
        self._dialog(row).exec()

    def delete_record(self, row: DutyReportRow) -> None:
        self.delete_asked(ASK_DELETE.format(unit=row.unit_name, period=row.period_label, kind=row.kind_label),
                          lambda session, reason: reports_write.delete_duty_report(session, self.actor, row.id,
                                                                                   row.version, reason))
