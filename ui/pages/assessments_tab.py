"""考核: each unit's 主体责任考核 of a year — the four sources' scores, the total, the grade,
一票否决 in red — with the grades counted under the table; 得分图表 opens the units' scores on
统计图表. 导出 writes both sheets (考核 and 述职述廉)."""
from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QToolBar

from app.registers.assessments import query as assessments_query
from app.registers.assessments import stats as assessments_stats
from app.registers.assessments import write as assessments_write
from app.registers.assessments.types import (
    AssessmentFigures,
    AssessmentFilter,
    AssessmentRow,
)
from app.registers.units.query import list_units
from app.vocab import ASSESSMENT_GRADES
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

TITLE = "主体责任考核"
SEARCH = "单位、主要负责人、否决原因（Ctrl+F）"
ALL_GRADES, NOT_GRADED, VETO_ONLY = "全部等次", "未评定", "仅一票否决"
CHART, CHART_TIP = "得分图表", "在统计图表中查看各单位考核得分"
FIGURES = "{year}年考核 {assessed} 个单位：{grades}{veto}"
ASK_DELETE = "确定删除{summary}的考核记录吗？"
RED = "#c0392b"


def _score(source: str):
    return lambda row: row.source_score(source)


def _fmt(value: object) -> str:
    return "" if value is None else f"{value:.1f}"


COLUMNS = (
    Column("year", "年度", 50, CENTER, sort_key="year"),
    Column("unit_name", "单位", 160, sort_key="unit"),
    Column("head_name", "主要负责人", 80, sort_key="head"),
    Column("daily", "日常抽查", 64, RIGHT, value=_score("daily"), format=_fmt),
    Column("key", "重点检查", 64, RIGHT, value=_score("key"), format=_fmt),
    Column("report", "述职述廉", 64, RIGHT, value=_score("report"), format=_fmt),
    Column("satisfaction", "民主评议满意度", 96, RIGHT, format=lambda v: "" if v is None else f"{v:.1f}%"),
    Column("total", "总分", 56, RIGHT, sort_key="total", format=_fmt),
    Column("grade_label", "等次", 56, CENTER, sort_key="grade"),
    Column("veto_text", "一票否决", 64, CENTER, sort_key="veto", color=lambda r: RED if r.veto else None),
    Column("veto_reason", "否决原因", 160, tooltip=True, stretch=True),
)


class AssessmentsTab(FiguredPage):
    TITLE = TITLE
    SEARCH_PLACEHOLDER = SEARCH
    EXCEL_KEY = "assessments"
    FORM = "AssessmentDialog"
    ACTIONS = (NEW, EDIT, DELETE, IMPORT, EXPORT, PRINT)

    def create_model(self) -> RegisterTableModel:
        return RegisterTableModel(self.ws, COLUMNS, assessments_query.assessment_rows, sort_column=1, descending=False)

    def build_filters(self, bar: QHBoxLayout) -> None:
        with self.ws.reading() as session:
            years = set(assessments_query.assessment_years(session)) | {self.ws.today().year - 1}
            units = list_units(session)
        self.year_filter = YearFilter(years, self.ws.today().year - 1, parent=self)
        self.unit_filter = UnitFilter(self)
        self.unit_filter.set_units(units)
        self.grade_filter = QComboBox(self)
        self.grade_filter.addItem(ALL_GRADES, "")
        for code, label in ASSESSMENT_GRADES.items():
            self.grade_filter.addItem(label, code)
        self.grade_filter.addItem(NOT_GRADED, "none")
        self.veto_filter = QComboBox(self)
        self.veto_filter.addItem("全部", None)
        self.veto_filter.addItem(VETO_ONLY, True)
        for widget in (self.year_filter, self.unit_filter, self.grade_filter, self.veto_filter):
            bar.addWidget(widget)
        for signal in (self.year_filter.changed, self.unit_filter.changed, self.grade_filter.currentIndexChanged,
                       self.veto_filter.currentIndexChanged):
            signal.connect(lambda *_: self.refresh())

    def build_extra_actions(self, toolbar: QToolBar) -> None:
        self.chart_action = QAction(CHART, self)
        self.chart_action.setToolTip(CHART_TIP)
        self.chart_action.triggered.connect(
            lambda: self.navigate_requested.emit("charts", {"chart": "assessments", "year": self.year_filter.year()}))
        toolbar.addSeparator()
        toolbar.addAction(self.chart_action)

    def current_filter(self) -> AssessmentFilter:
        return AssessmentFilter(year=self.year_filter.year(), unit_id=self.unit_filter.unit_id(),
                                grade=self.grade_filter.currentData(), veto=self.veto_filter.currentData(),
                                text=self.search_box.text())

    def search_ids(self, session: Any, filt: AssessmentFilter, sort: str, descending: bool,
                   limit: int | None) -> list[int]:
        return assessments_query.search_assessment_ids(session, self.actor, filt, sort, descending, limit=limit)

    def read_figures(self, session: Any, filt: AssessmentFilter) -> AssessmentFigures | None:
        return (assessments_stats.assessment_figures(session, self.actor, filt.year, filt.unit_id)
                if filt.year is not None else None)

    def figures_text(self, f: AssessmentFigures) -> str:
        grades = "、".join(f"{ASSESSMENT_GRADES.get(code, NOT_GRADED)} {n}" for code, n in
                          sorted(f.by_grade.items(), key=lambda x: list(ASSESSMENT_GRADES).index(x[0])
                                 if x[0] in ASSESSMENT_GRADES else 9))
        veto = f"，一票否决 {len(f.vetoed)}（{'、'.join(f.vetoed)}）" if f.vetoed else ""
        return FIGURES.format(year=f.year, assessed=f.assessed, grades=grades, veto=veto)

    def export_scope(self) -> dict[str, Any]:
        return export_scope_of(self.year_filter.year(), self.unit_filter.unit_id())

    def apply_navigation(self, filters: dict) -> None:
        self.select_year(filters)
        self.unit_filter.set_current_data(filters.get("unit_id") or 0)
        self.refresh(select_id=filters.get("record_id"))

    def get_record(self, session: Any, record_id: int) -> AssessmentRow:
        return assessments_query.get_assessment(session, record_id)

    def open_form(self, row: AssessmentRow | None, read_only: bool) -> QDialog:
        from ui.dialogs.assessment_dialog import AssessmentDialog

        return AssessmentDialog(self.ws, self.actor, row, parent=self, year=self.year_filter.year(), read_only=read_only)

    def delete_record(self, row: AssessmentRow) -> None:
        self.delete_asked(ASK_DELETE.format(summary=row.summary), lambda session, reason: assessments_write.delete_assessment(
            session, self.actor, row.id, row.version, reason))
