"""专题研究: the 党组's (and units' 班子) studies of 全面从严治党, newest first, with the year's
count against the seed's 不少于两次 under the table."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout, QWidget

from app.dictionaries import load_vocabulary
from app.registers.studies import query as studies_query
from app.registers.studies import stats as studies_stats
from app.registers.studies import write as studies_write
from app.registers.studies.types import PARTY_GROUP, StudyFilter, StudyRow, YearStudies
from app.registers.units.query import list_units
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
from ui.widgets.combos import DictCombo, SearchCombo
from ui.widgets.filters import YearFilter

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

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


class StudiesTab(RegisterPage):
    TITLE = TITLE
    SEARCH_PLACEHOLDER = SEARCH
    EXCEL_KEY = "studies"
    FORM = "StudyDialog"
    ACTIONS = (NEW, EDIT, DELETE, IMPORT, EXPORT, PRINT)

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        self._figures: dict[StudyFilter, YearStudies | None] = {}
        super().__init__(ws, actor, parent)

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

    def query(self) -> FetchIds:
        actor, filt, found, today = self.actor, self.current_filter(), self._figures, self.ws.today()

        def fetch(session: Any, sort: str, descending: bool, limit: int | None = None) -> list[int]:
            ids = studies_query.search_study_ids(session, actor, filt, sort, descending, limit=limit)
            if limit is None:
                found[filt] = (studies_stats.party_year(session, actor, filt.year, today)
                               if filt.year is not None and actor.unit_ids is None else None)
            return ids

        return fetch

    def refresh(self, select_id: int | None = None) -> None:
        self._figures.clear()
        super().refresh(select_id)

    def is_ready(self) -> bool:
        return super().is_ready() and self.current_filter() in self._figures

    def count_text(self, total: int) -> str:
        year = self._figures.get(self.current_filter())
        text = super().count_text(total)
        if year is None:
            return text
        text += " · " + YEAR_TEXT.format(year=year.year, count=year.count, minimum=year.minimum)
        return text + (SHORT.format(missing=year.minimum - year.count) if not year.met else "")

    def export_scope(self) -> dict[str, Any]:
        filt = self.current_filter()
        return export_scope_of(filt.year, filt.unit_id)

    def apply_navigation(self, filters: dict) -> None:
        """{"year"} (首页's reminder: the 党组's), {"record_id"}."""
        self.year_filter.blockSignals(True)
        if "year" in filters or "record_id" in filters:  # a record from elsewhere: its year, else all years
            self.year_filter.setCurrentIndex(max(self.year_filter.findData(filters.get("year") or 0), 0))
        self.year_filter.blockSignals(False)
        self.body_filter.set_current_data(PARTY if filters.get("party") or "year" in filters else ALL)
        self.refresh(select_id=filters.get("record_id"))

    def _dialog(self, row: StudyRow | None = None):
        from ui.dialogs.study_dialog import StudyDialog

        if row is not None:
            with self.ws.reading() as session:
                row = studies_query.get_study(session, row.id)
        dialog = StudyDialog(self.ws, self.actor, row, parent=self, read_only=row is not None and not self.can_write())
        dialog.finished.connect(lambda _r: self.refresh(select_id=dialog.saved_id or (row.id if row else None)))
        return dialog

    def new_record(self) -> None:
        self._dialog().exec()

    def edit_record(self, row: StudyRow) -> None:
        self._dialog(row).exec()

    def delete_record(self, row: StudyRow) -> None:
        self.delete_asked(ASK_DELETE.format(summary=row.summary), lambda session, reason: studies_write.delete_study(
            session, self.actor, row.id, row.version, reason))
