"""专题研究: the 党组's (and units' 班子) studies of 全面从严治党, newest first, with the year's
count against the seed's 不少于两次 under the table."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QHBoxLayout

from app.dictionaries import load_vocabulary
from app.registers.studies import query as studies_query
from app.registers.studies import stats as studies_stats
from app.registers.studies import write as studies_write
from app.registers.studies.types import PARTY_GROUP, StudyFilter, StudyRow, YearStudies
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
from ui.widgets.combos import DictCombo, SearchCombo
from ui.widgets.filters import YearFilter

TITLE = "专题研究全面从严治党"
SEARCH = "议题、汇报人、研究决定（Ctrl+F）"
ALL_BODIES, ALL_MEETINGS = "全部研究主体", "全部会议形式"
PARTY, ALL = -1, 0
YEAR_TEXT = "{year}年局党组专题研究 {count} 次（不少于 {minimum} 次）"
SHORT = "，尚差 {missing} 次"
ASK_DELETE = "确定删除这条专题研究记录吗？\n{summary}"

COLUMNS = (
    Column("held_on", "会议日期", 84, CENTER, sort_key="held_on"),
    Column("unit_name", "研究主体", 150, sort_key="unit", tooltip=True),
    Column("meeting_label", "会议形式", 150, sort_key="meeting"),
    Column("topics_line", "研究议题", 300, tooltip=True, stretch=True),
    Column("presided", "主持人", 70, sort_key="presided"),
    Column("reporter", "汇报人", 150, sort_key="reporter", tooltip=True),
    Column("decisions", "研究决定", 220, tooltip=True, format=lambda t: " ".join(t.split())),
    Column("attachment_count", "纪要", 44, RIGHT, format=lambda n: str(n) if n else ""),
)


class StudiesTab(FiguredPage):
    TITLE = TITLE
    SEARCH_PLACEHOLDER = SEARCH
    EXCEL_KEY = "studies"
    FORM = "StudyDialog"
    ACTIONS = (NEW, EDIT, DELETE, IMPORT, EXPORT, PRINT)

    def create_model(self) -> RegisterTableModel:
        return RegisterTableModel(self.ws, COLUMNS, studies_query.study_rows, sort_column=0, descending=True)

    def build_filters(self, bar: QHBoxLayout) -> None:
        with self.ws.reading() as session:
            vocab = load_vocabulary(session)
            years = set(studies_query.study_years(session)) | {self.ws.today().year}
            units = list_units(session)
        self.year_filter = YearFilter(years, self.ws.today().year, parent=self)
        self.body_filter = SearchCombo(self)
        self.body_filter.setMinimumWidth(150)
        self.body_filter.set_items([(ALL_BODIES, ALL), (PARTY_GROUP, PARTY)] + [(u.name, u.id) for u in units], ALL)
        self.meeting_filter = DictCombo(vocab, "study_meeting", parent=self)
        self.meeting_filter.setItemText(0, ALL_MEETINGS)
        for widget in (self.year_filter, self.body_filter, self.meeting_filter):
            bar.addWidget(widget)
        self.year_filter.changed.connect(self.refresh)
        self.body_filter.activated.connect(lambda _i: self.refresh())
        self.meeting_filter.currentIndexChanged.connect(lambda _i: self.refresh())

    def current_filter(self) -> StudyFilter:
        body = self.body_filter.current_data()
        return StudyFilter(year=self.year_filter.year(), party_only=body == PARTY,
                           unit_id=body if body not in (None, ALL, PARTY) else None,
                           meeting=self.meeting_filter.code(), text=self.search_box.text())

    def search_ids(self, session: Any, filt: StudyFilter, sort: str, descending: bool, limit: int | None) -> list[int]:
        return studies_query.search_study_ids(session, self.actor, filt, sort, descending, limit=limit)

    def read_figures(self, session: Any, filt: StudyFilter) -> YearStudies | None:
        """The 党组's year against 不少于两次 (for a user of every unit: a unit's clerk sees their own)."""
        if filt.year is None or self.actor.unit_ids is not None:
            return None
        return studies_stats.party_year(session, self.actor, filt.year, self.ws.today())

    def figures_text(self, year: YearStudies) -> str:
        text = YEAR_TEXT.format(year=year.year, count=year.count, minimum=year.minimum)
        return text + (SHORT.format(missing=year.minimum - year.count) if not year.met else "")

    def export_scope(self) -> dict[str, Any]:
        filt = self.current_filter()
        return export_scope_of(filt.year, filt.unit_id)

    def apply_navigation(self, filters: dict) -> None:
        """{"year"} (首页's reminder: the 党组's), {"record_id"}."""
        self.select_year(filters)
        self.body_filter.set_current_data(PARTY if filters.get("party") or "year" in filters else ALL)
        self.refresh(select_id=filters.get("record_id"))

    def get_record(self, session: Any, record_id: int) -> StudyRow:
        return studies_query.get_study(session, record_id)

    def open_form(self, row: StudyRow | None, read_only: bool) -> QDialog:
        from ui.dialogs.study_dialog import StudyDialog

        return StudyDialog(self.ws, self.actor, row, parent=self, read_only=read_only)

    def delete_record(self, row: StudyRow) -> None:
        self.delete_asked(ASK_DELETE.format(summary=row.summary), lambda session, reason: studies_write.delete_study(
            session, self.actor, row.id, row.version, reason))
