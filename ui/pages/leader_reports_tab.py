"""述职述廉: leaders' 述职述廉 of a year with their 民主评议 (满意度, 等次); the year's count and
mean 满意度 under the table. 导出 writes both sheets of 主体责任考核."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout

from app.registers.assessments import query as assessments_query
from app.registers.assessments import write as assessments_write
from app.registers.assessments.types import LeaderReportFilter, LeaderReportRow
from app.registers.units.query import list_units
from app.vocab import APPRAISAL_RATINGS
from ui.models.columns import CENTER, RIGHT, Column
from ui.models.register_model import RegisterTableModel
from ui.pages.base import (
    DELETE,
    EDIT,
    EXPORT,
    IMPORT,
    NEW,
    PRINT,
    export_scope_of,
)
from ui.pages.figured_page import FiguredPage
from ui.widgets.filters import UnitFilter, YearFilter

TITLE = "述职述廉"
SEARCH = "姓名、单位、述职要点（Ctrl+F）"
ALL_RATINGS = "全部评议等次"
ASK_DELETE = "确定删除{year}年 {name} 的述职述廉记录吗？"
LOW = 85.0
RED = "#c0392b"

COLUMNS = (
    Column("year", "年度", 50, CENTER, sort_key="year"),
    Column("person_name", "姓名", 70, sort_key="person"),
    Column("unit_name", "单位", 150, sort_key="unit"),
    Column("position", "职务", 150, tooltip=True),
    Column("reported_on", "述职日期", 84, CENTER, sort_key="reported_on"),
    Column("satisfaction_text", "民主评议满意度", 100, RIGHT, sort_key="satisfaction",
           color=lambda r: RED if r.satisfaction is not None and r.satisfaction < LOW else None),
    Column("rating_label", "评议等次", 70, CENTER, sort_key="rating"),
    Column("summary", "述职述廉要点", 300, tooltip=True, stretch=True, format=lambda t: " ".join(t.split())),
)


class LeaderReportsTab(FiguredPage):
    TITLE = TITLE
    SEARCH_PLACEHOLDER = SEARCH
    EXCEL_KEY = "assessments"
    FORM = "LeaderReportDialog"
    ACTIONS = (NEW, EDIT, DELETE, IMPORT, EXPORT, PRINT)

    def create_model(self) -> RegisterTableModel:
        return RegisterTableModel(self.ws, COLUMNS, assessments_query.report_rows, sort_column=2, descending=False)

    def build_filters(self, bar: QHBoxLayout) -> None:
        with self.ws.reading() as session:
            years = set(assessments_query.assessment_years(session)) | {self.ws.today().year - 1}
            units = list_units(session)
        self.year_filter = YearFilter(years, self.ws.today().year - 1, parent=self)
        self.unit_filter = UnitFilter(self)
        self.unit_filter.set_units(units)
        self.rating_filter = QComboBox(self)
        self.rating_filter.addItem(ALL_RATINGS, "")
        for code, label in APPRAISAL_RATINGS.items():
            self.rating_filter.addItem(label, code)
        for widget in (self.year_filter, self.unit_filter, self.rating_filter):
            bar.addWidget(widget)
        for signal in (self.year_filter.changed, self.unit_filter.changed, self.rating_filter.currentIndexChanged):
            signal.connect(lambda *_: self.refresh())

    def current_filter(self) -> LeaderReportFilter:
        return LeaderReportFilter(year=self.year_filter.year(), unit_id=self.unit_filter.unit_id(),
                                  rating=self.rating_filter.currentData(), text=self.search_box.text())

    def search_ids(self, session: Any, filt: LeaderReportFilter, sort: str, descending: bool,
                   limit: int | None) -> list[int]:
        return assessments_query.search_report_ids(session, self.actor, filt, sort, descending, limit=limit)

    def export_scope(self) -> dict[str, Any]:
        return export_scope_of(self.year_filter.year(), self.unit_filter.unit_id())

    def apply_navigation(self, filters: dict) -> None:
        self.select_year(filters)
        self.refresh(select_id=filters.get("record_id"))

    def get_record(self, session: Any, record_id: int) -> LeaderReportRow:
        return assessments_query.get_report(session, record_id)

    def open_form(self, row: LeaderReportRow | None, read_only: bool) -> QDialog:
        from ui.dialogs.leader_report_dialog import LeaderReportDialog

        return LeaderReportDialog(self.ws, self.actor, row, parent=self, year=self.year_filter.year(), read_only=read_only)

    def delete_record(self, row: LeaderReportRow) -> None:
        self.delete_asked(ASK_DELETE.format(year=row.year, name=row.person_name),
                          lambda session, reason: assessments_write.delete_report(session, self.actor, row.id,
                                                                                  row.version, reason))
