"""考核: each unit's 主体责任考核 of a year — the four sources' scores, the total, the grade,
一票否决 in red — with the grades counted under the table; 得分图表 opens the units' scores on
统计图表. 导出 writes both sheets (考核 and 述职述廉)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QToolBar, QWidget

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
from ui.widgets.filters import UnitFilter, YearFilter

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

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


class AssessmentsTab(RegisterPage):
    TITLE = TITLE
    SEARCH_PLACEHOLDER = SEARCH
    EXCEL_KEY = "assessments"
    FORM = "AssessmentDialog"
    ACTIONS = (NEW, EDIT, DELETE, IMPORT, EXPORT, PRINT)

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        self._figures: dict[AssessmentFilter, AssessmentFigures | None] = {}
        super().__init__(ws, actor, parent)

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

    def query(self) -> FetchIds:
        actor, filt, found = self.actor, self.current_filter(), self._figures

        def fetch(session: Any, sort: str, descending: bool, limit: int | None = None) -> list[int]:
            ids = assessments_query.search_assessment_ids(session, actor, filt, sort, descending, limit=limit)
            if limit is None:
                found[filt] = (assessments_stats.assessment_figures(session, actor, filt.year, filt.unit_id)
                               if filt.year is not None else None)
            return ids

        return fetch

    def refresh(self, select_id: int | None = None) -> None:
        self._figures.clear()
        super().refresh(select_id)

    def is_ready(self) -> bool:
        return super().is_ready() and self.current_filter() in self._figures

    def count_text(self, total: int) -> str:
        f = self._figures.get(self.current_filter())
        text = super().count_text(total)
        if f is None:
            return text
        grades = "、".join(f"{ASSESSMENT_GRADES.get(code, NOT_GRADED)} {n}" for code, n in
                          sorted(f.by_grade.items(), key=lambda x: list(ASSESSMENT_GRADES).index(x[0])
                                 if x[0] in ASSESSMENT_GRADES else 9))
        veto = f"，一票否决 {len(f.vetoed)}（{'、'.join(f.vetoed)}）" if f.vetoed else ""
        return f"{text} · " + FIGURES.format(year=f.year, assessed=f.assessed, grades=grades, veto=veto)

    def export_scope(self) -> dict[str, Any]:
        return export_scope_of(self.year_filter.year(), self.unit_filter.unit_id())

    def apply_navigation(self, filters: dict) -> None:
        if "year" in filters or "record_id" in filters:  # a record from elsewhere: its year, else all years
            self.year_filter.blockSignals(True)
            self.year_filter.setCurrentIndex(max(self.year_filter.findData(filters.get("year") or 0), 0))
            self.year_filter.blockSignals(False)
        self.unit_filter.set_current_data(filters.get("unit_id") or 0)
        self.refresh(select_id=filters.get("record_id"))

    def _dialog(self, row: AssessmentRow | None = None):
        from ui.dialogs.assessment_dialog import AssessmentDialog

        if row is not None:
            with self.ws.reading() as session:
                row = assessments_query.get_assessment(session, row.id)
        dialog = AssessmentDialog(self.ws, self.actor, row, parent=self, year=self.year_filter.year(),
                                  read_only=row is not None and not self.can_write())
        dialog.finished.connect(lambda _r: self.refresh(select_id=dialog.saved_id or (row.id if row else None)))
        return dialog

    def new_record(self) -> None:
        self._dialog().exec()

    def edit_record(self, row: AssessmentRow) -> None:
        self._dialog(row).exec()

    def delete_record(self, row: AssessmentRow) -> None:
        self.delete_asked(ASK_DELETE.format(summary=row.summary), lambda session, reason: assessments_write.delete_assessment(
            session, self.actor, row.id, row.version, reason))
