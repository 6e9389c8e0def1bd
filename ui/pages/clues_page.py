"""问题线索: the clues (paged in SQL) from 受理 to 办结, the way each is handled and its dates, an
overdue 函询 answer and a clue open too long in red, filters (year, unit, status, way, source,
仅我承办的), the figures under the table. The reporter is in no column (the form shows it to
administrators and the clue's handler only), so it is never printed."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout

from app.dictionaries import load_vocabulary
from app.registers.clues import query as clues_query
from app.registers.clues import write as clues_write
from app.registers.clues.stats import clue_figures
from app.registers.clues.types import ClueFigures, ClueFilter, ClueRow
from app.registers.units.query import list_units
from app.vocab import CLUE_STATUS
from ui.models.columns import CENTER, Column
from ui.models.register_model import RegisterTableModel
from ui.pages.base import export_scope_of
from ui.pages.figured_page import FiguredPage
from ui.widgets.combos import DictCombo
from ui.widgets.filters import UnitFilter, YearFilter


TITLE = "问题线索"
SEARCH = "被反映人、单位、问题、承办人或办结情况（Ctrl+F）"
FIGURES = ("共 {total} 件 · 受理 {received} · 处置中 {handling}（暂存待查 {shelved}） · 办结 {closed}"
           " · 函询逾期未复 {overdue}")
STATUSES = (("", "全部状态"), ("open", "未办结"), *((code, label) for code, label in CLUE_STATUS.items()))
ALL_WAYS, ALL_SOURCES, MINE = "全部处置方式", "全部来源", "仅我承办的"
ASK_DELETE = "确定删除这条问题线索吗？\n{summary}\n只有录错的记录才应删除；删除会记入操作日志。"
RED = "#c0392b"


def _status_color(today: Any, open_days: int) -> Any:
    def color(row: ClueRow) -> str | None:
        days = row.open_days(today)
        late = row.reply_overdue(today) or (days is not None and days > open_days and not row.shelved)
        return RED if late else None
    return color


def _way_text(today: Any) -> Any:
    def text(row: ClueRow) -> str:
        dates = row.way_dates
        return dates + ("（已逾期）" if row.reply_overdue(today) else "")
    return text


def columns(today: Any, open_days: int) -> tuple[Column, ...]:
    return (
        Column("received_on", "受理日期", 84, CENTER, sort_key="received_on"),
        Column("people_text", "被反映人（单位·职务）", 176, tooltip=True),
        Column("source_label", "线索来源", 64, sort_key="source"),
        Column("problem", "反映的主要问题", 200, sort_key="problem", tooltip=True, stretch=True),
        Column("handler_name", "承办人", 80, sort_key="handler"),
        Column("way_label", "处置方式", 66, sort_key="way"),
        Column("way_dates", "函询、初核", 224, value=_way_text(today), tooltip=True),
        Column("status_text", "办理状态", 124, sort_key="status", color=_status_color(today, open_days)),
        Column("closed_on", "办结日期", 84, CENTER, sort_key="closed_on"),
    )


class CluesPage(FiguredPage):
    TITLE = TITLE
    SEARCH_PLACEHOLDER = SEARCH
    EXCEL_KEY = "clues"
    FORM = "ClueDialog"
    ACTIONS = ("new", "edit", "delete", "import", "export", "print")

    def create_model(self) -> RegisterTableModel:
        actor = self.actor

        def rows(session: Any, ids: Any) -> list[ClueRow]:
            return clues_query.clue_rows(session, actor, ids)

        return RegisterTableModel(self.ws, columns(self.ws.today(), self.ws.settings.clue_open_days), rows,
                                  sort_column=0, descending=True)

    def build_filters(self, bar: QHBoxLayout) -> None:
        with self.ws.reading() as session:
            vocab = load_vocabulary(session)
            years = set(clues_query.clue_years(session)) | {self.ws.today().year}
            units = list_units(session)
        self.year_filter = YearFilter(years, None, parent=self)
        self.unit_filter = UnitFilter(self)
        self.unit_filter.set_units(units)
        self.unit_filter.setMinimumWidth(140)
        self.status_combo = QComboBox(self)
        for code, label in STATUSES:
            self.status_combo.addItem(label, code)
        self.way_filter = DictCombo(vocab, "clue_way", parent=self)
        self.way_filter.setItemText(0, ALL_WAYS)
        self.source_filter = DictCombo(vocab, "clue_source", parent=self)
        self.source_filter.setItemText(0, ALL_SOURCES)
        self.mine_check = QCheckBox(MINE, self)
        for widget in (self.year_filter, self.unit_filter, self.status_combo, self.way_filter, self.source_filter,
                       self.mine_check):
            bar.addWidget(widget)
        for signal in (self.year_filter.changed, self.unit_filter.changed, self.status_combo.currentIndexChanged,
                       self.way_filter.currentIndexChanged, self.source_filter.currentIndexChanged,
                       self.mine_check.toggled):
            signal.connect(lambda *_: self.refresh())

    def current_filter(self) -> ClueFilter:
        return ClueFilter(
            text=self.search_box.text(), year=self.year_filter.year(), unit_id=self.unit_filter.unit_id(),
            status=self.status_combo.currentData() or "", way=self.way_filter.code(),
            source=self.source_filter.code(), handler_id=self.actor.id if self.mine_check.isChecked() else None)

    def search_ids(self, session: Any, filt: ClueFilter, sort: str, descending: bool, limit: int | None) -> list[int]:
        return clues_query.search_clue_ids(session, self.actor, filt, sort, descending, limit=limit)

    def read_figures(self, session: Any, key: ClueFilter) -> ClueFigures:
        return clue_figures(session, self.actor, key, self.ws.today())

    def count_text(self, total: int) -> str:
        f = self.figures()
        if f is None:
            return f"共 {total} 件"
        return FIGURES.format(total=f.total, received=f.received, handling=f.handling, shelved=f.shelved,
                              closed=f.closed, overdue=f.overdue_replies)

    def export_scope(self) -> dict[str, Any]:
        return export_scope_of(self.year_filter.year(), self.unit_filter.unit_id())

    def apply_navigation(self, filters: dict) -> None:
        """{"clue_id"} or {"record_id"} selects the clue with the filters cleared; {"person_id"},
        {"year"}, {"unit_id"}, {"status"}."""
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        widgets = (self.year_filter, self.status_combo, self.way_filter, self.source_filter, self.mine_check)
        for widget in widgets:
            widget.blockSignals(True)
        self.year_filter.setCurrentIndex(max(self.year_filter.findData(filters.get("year") or 0), 0))
        self.status_combo.setCurrentIndex(max(self.status_combo.findData(filters.get("status", "")), 0))
        self.way_filter.set_code("")
        self.source_filter.set_code("")
        self.mine_check.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self.unit_filter.set_current_data(filters.get("unit_id") or 0)
        record = filters.get("clue_id") or filters.get("record_id")
        if record is None and filters.get("person_id"):
            from app.registers.people.query import get_person

            with self.ws.reading() as session:
                self.search_box.blockSignals(True)
                self.search_box.setText(get_person(session, filters["person_id"]).name)
                self.search_box.blockSignals(False)
        self.refresh(select_id=record)

    # ---- records -------------------------------------------------------------------------

    def make_dialog(self, row: ClueRow | None = None):  # noqa: ANN201
        from ui.dialogs.clue_dialog import ClueDialog

        if row is not None:
            with self.ws.reading() as session:
                row = clues_query.get_clue(session, self.actor, row.id)
        return ClueDialog(self.ws, self.actor, row, parent=self, read_only=row is not None and not self.can_write())

    def new_record(self) -> None:
        dialog = self.make_dialog()
        if dialog.exec():
            self.after_change(dialog.saved_id)

    def edit_record(self, row: ClueRow) -> None:
        dialog = self.make_dialog(row)
        if dialog.exec():
            self.after_change(row.id)

    def delete_record(self, row: ClueRow) -> None:
        self.delete_asked(ASK_DELETE.format(summary=row.summary), lambda session, reason: (
            clues_write.delete_clue(session, self.actor, row.id, row.version, reason)))
