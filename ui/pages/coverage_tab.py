"""参加情况: who has not taken part in 廉政教育 this year — per unit (在册, 已参加, 未参加, 参加率,
人次), and the people who have not, of the unit chosen (or of every unit); 打印 prints that list."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.registers.education.query import education_years
from app.registers.education.stats import coverage
from app.registers.education.types import Coverage
from ui.models.columns import CENTER, RIGHT, Column, RowsTableModel
from ui.pages import register_actions
from ui.printing import PrintSheet
from ui.widgets.filters import YearFilter
from ui.widgets.rows_view import rows_view, selected_row
from ui.workers import NewestRead

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE = "廉政教育参加情况"
ABSENT_TITLE = "{year}年尚未参加廉政教育人员"
COUNT = "{year}年：在册 {people} 人，已参加 {took} 人，尚未参加 {missing} 人"
ALL_UNITS, PRINT = "显示全部单位的未参加人员", "打印未参加名单…"
UNIT_COLUMNS = (
    Column("unit_name", "单位", 150),
    Column("people", "在册", 44, RIGHT),
    Column("took_part", "已参加", 52, RIGHT),
    Column("missing", "未参加", 52, RIGHT, color=lambda r: "#c0392b" if r.missing else None),
    Column("rate_text", "参加率", 56, RIGHT),
    Column("person_times", "人次", 50, RIGHT),
)
PERSON_COLUMNS = (
    Column("name", "姓名", 70),
    Column("unit_name", "单位", 140),
    Column("position", "职务", 170, stretch=True),
    Column("is_leader", "班子成员", 60, CENTER),
    Column("key_post", "重要岗位", 60, CENTER),
)


class CoverageTab(QWidget):
    TITLE = TITLE
    counts_changed = Signal(str)
    ready = Signal()
    navigate_requested = Signal(str, dict)

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self._read = NewestRead(self)
        self.coverage: Coverage | None = None
        with ws.reading() as session:
            years = set(education_years(session)) | {ws.today().year}
        self.year_filter = YearFilter(years, ws.today().year, allow_all=False, parent=self)
        self.year_filter.changed.connect(self.refresh)
        self.all_button = QPushButton(ALL_UNITS, self)
        self.all_button.clicked.connect(self._all_units)
        self.print_button = QPushButton(PRINT, self)
        self.print_button.clicked.connect(self.print_absent)
        self.print_button.setEnabled(not ws.read_only)
        self.units = RowsTableModel(UNIT_COLUMNS, [], parent=self)
        self.people = RowsTableModel(PERSON_COLUMNS, [], parent=self)
        self.unit_view = rows_view(self.units, self, single=True)
        self.person_view = rows_view(self.people, self)
        self.unit_view.selectionModel().selectionChanged.connect(lambda *_: self._show_people())
        self.person_title = QLabel(self)
        self.count_label = QLabel(self)
        bar = QHBoxLayout()
        bar.addWidget(self.year_filter)
        bar.addStretch(1)
        bar.addWidget(self.all_button)
        bar.addWidget(self.print_button)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.person_title)
        column.addWidget(self.person_view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.unit_view)
        splitter.addWidget(right)
        splitter.setSizes([430, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count_label)
        self.refresh()

    def refresh(self) -> None:
        ws, actor, year = self.ws, self.actor, self.year_filter.year() or self.ws.today().year

        def work(_progress: Any) -> Coverage:
            with ws.reading() as session:
                return coverage(session, actor, year)

        self._read.run(work, on_done=self._show)

    def _show(self, found: Coverage) -> None:
        self.coverage = found
        self.units.set_rows(list(found.units))
        self._show_people()
        text = COUNT.format(year=found.year, people=found.people, took=found.took_part,
                            missing=found.people - found.took_part)
        self.count_label.setText(text)
        self.counts_changed.emit(text)
        self.ready.emit()

    def _unit(self) -> Any:
        return selected_row(self.unit_view)

    def _absent(self) -> list:
        if self.coverage is None:
            return []
        unit = self._unit()
        return [p for p in self.coverage.absent if unit is None or p.unit_id == unit.unit_id]

    def _show_people(self) -> None:
        unit = self._unit()
        absent = self._absent()
        year = self.coverage.year if self.coverage else ""
        where = f"{unit.unit_name} " if unit else ""
        self.person_title.setText(f"{where}{ABSENT_TITLE.format(year=year)}（{len(absent)} 人）")
        self.people.set_rows(absent)

    def _all_units(self) -> None:
        self.unit_view.clearSelection()
        self._show_people()

    def is_ready(self) -> bool:
        return self.coverage is not None and not self._read.loading

    def apply_navigation(self, filters: dict) -> None:
        if filters.get("year"):
            self.year_filter.setCurrentIndex(max(self.year_filter.findData(filters["year"]), 0))
        self.refresh()

    def print_absent(self) -> None:
        """The list shown (the unit chosen, or all) through the one print path."""
        title = self.person_title.text()
        rows = self._absent()
        register_actions.print_rows(self, self.ws, self.actor, title=title, audited_as="education",
                                    sheet=PrintSheet(title, PERSON_COLUMNS, bureau=self.ws.settings.bureau_name),
                                    read_rows=lambda _session: rows)
