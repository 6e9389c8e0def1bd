"""教育活动: the 廉政教育 sessions, newest first — form, theme, organiser, speaker, 人次, the units
taking part — with 次 and 人次 of the filters under the table (警示教育 apart)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout

from app.dictionaries import load_vocabulary
from app.registers.education import query as education_query
from app.registers.education import stats as education_stats
from app.registers.education import write as education_write
from app.registers.education.types import (
    EducationFigures,
    EducationFilter,
    EducationRow,
)
from app.registers.units.query import list_units
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
from ui.widgets.combos import DictCombo
from ui.widgets.filters import UnitFilter, YearFilter

TITLE = "廉政教育"
SEARCH = "主题、案例、主讲人、参加人员（Ctrl+F）"
ALL_FORMS, WARNING_ONLY = "全部形式", "仅警示教育"
FIGURES = "共 {times} 次 {people} 人次 · 其中警示教育 {w_times} 次 {w_people} 人次"
ASK_DELETE = "确定删除这条廉政教育记录吗？\n{summary}\n参加人员名单一并删除。"

COLUMNS = (
    Column("held_on", "活动日期", 84, CENTER, sort_key="held_on"),
    Column("form_label", "教育形式", 120, sort_key="form"),
    Column("theme", "主题", 260, sort_key="theme", tooltip=True, stretch=True),
    Column("organiser_name", "组织单位", 110, sort_key="organiser"),
    Column("speaker", "主讲人", 80, sort_key="speaker"),
    Column("people", "人次", 50, RIGHT, sort_key="people"),
    Column("units_text", "参加单位", 240, tooltip=True),
    Column("case_text", "案例", 160, tooltip=True),
    Column("attachment_count", "材料", 44, RIGHT, format=lambda n: str(n) if n else ""),
)


class EducationTab(FiguredPage):
    TITLE = TITLE
    SEARCH_PLACEHOLDER = SEARCH
    EXCEL_KEY = "education"
    FORM = "EducationDialog"
    ACTIONS = (NEW, EDIT, DELETE, IMPORT, EXPORT, PRINT)

    def create_model(self) -> RegisterTableModel:
        return RegisterTableModel(self.ws, COLUMNS, education_query.session_rows, sort_column=0, descending=True)

    def build_filters(self, bar: QHBoxLayout) -> None:
        with self.ws.reading() as session:
            vocab = load_vocabulary(session)
            years = set(education_query.education_years(session)) | {self.ws.today().year}
            units = list_units(session)
        self.year_filter = YearFilter(years, self.ws.today().year, parent=self)
        self.form_filter = DictCombo(vocab, "education_form", parent=self)
        self.form_filter.setItemText(0, ALL_FORMS)
        self.unit_filter = UnitFilter(self)
        self.unit_filter.set_units(units)
        self.warning_check = QCheckBox(WARNING_ONLY, self)
        for widget in (self.year_filter, self.form_filter, self.unit_filter, self.warning_check):
            bar.addWidget(widget)
        for signal in (self.year_filter.changed, self.unit_filter.changed, self.form_filter.currentIndexChanged,
                       self.warning_check.toggled):
            signal.connect(lambda *_: self.refresh())

    def current_filter(self) -> EducationFilter:
        return EducationFilter(year=self.year_filter.year(), form=self.form_filter.code(),
                               unit_id=self.unit_filter.unit_id(), warning_only=self.warning_check.isChecked(),
                               text=self.search_box.text())

    def search_ids(self, session: Any, filt: EducationFilter, sort: str, descending: bool,
                   limit: int | None) -> list[int]:
        return education_query.search_session_ids(session, self.actor, filt, sort, descending, limit=limit)

    def read_figures(self, session: Any, filt: EducationFilter) -> EducationFigures:
        start = dt.date(filt.year, 1, 1) if filt.year else dt.date(1900, 1, 1)
        end = dt.date(filt.year, 12, 31) if filt.year else dt.date(2999, 12, 31)
        return education_stats.education_figures(session, self.actor, start, end, filt.unit_id)

    def count_text(self, total: int) -> str:
        """The figures in place of the count: 次数 and 人次, 警示教育 among them."""
        f = self.figures()
        if f is None:
            return super().count_text(total)
        return FIGURES.format(times=f.times, people=f.people, w_times=f.warning.times, w_people=f.warning.people)

    def export_scope(self) -> dict[str, Any]:
        return export_scope_of(self.year_filter.year(), self.unit_filter.unit_id())

    def apply_navigation(self, filters: dict) -> None:
        self.select_year(filters)
        self.unit_filter.set_current_data(filters.get("unit_id") or 0)
        self.refresh(select_id=filters.get("record_id") or filters.get("session_id"))

    def get_record(self, session: Any, record_id: int) -> EducationRow:
        return education_query.get_session(session, record_id)

    def open_form(self, row: EducationRow | None, read_only: bool) -> QDialog:
        from ui.dialogs.education_dialog import EducationDialog

        return EducationDialog(self.ws, self.actor, row, parent=self, read_only=read_only)

    def delete_record(self, row: EducationRow) -> None:
        self.delete_asked(ASK_DELETE.format(summary=row.summary), lambda session, reason: education_write.delete_session(
            session, self.actor, row.id, row.version, reason))
