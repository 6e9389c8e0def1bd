"""谈话记录: the talks table (paged in SQL), its filters, the selected talkee's timeline, and under
the table the year's 谈心谈话 coverage (who took part in one), its list of those not yet talked to."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.dictionaries import load_vocabulary
from app.registers.talks import stats as svc_stats
from app.registers.talks import write as svc
from app.registers.talks.stats import Coverage
from app.registers.units.query import list_units
from ui.models.columns import CENTER, Column
from ui.models.register_model import FetchIds, RegisterTableModel
from ui.pages.base import RegisterPage, export_scope_of
from ui.widgets.combos import DictCombo
from ui.widgets.filters import DateRangeFilter, UnitFilter, YearFilter
from ui.widgets.participant_picker import ParticipantPicker
from ui.widgets.timeline import TimelineView
from ui.workers import NewestRead

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE = "谈话记录"
SEARCH = "谈话内容、表态或姓名（Ctrl+F）"
COUNT = "共 {count} 次谈话"
ALL_KINDS, ALL_REASONS = "全部类型", "全部事由"
PERSON_HINT = "人员"
TIMELINE, TIMELINE_TIP = "时间线", "显示或隐藏所选被谈话人的时间线"
PRINT_RECORD, WORD_RECORD = "打印谈话记录表…", "导出 Word…"
TIMELINE_OF = "时间线：{name}"
TIMELINE_NONE = "时间线"
ASK_DELETE = "确定删除这条谈话记录吗？\n{summary}\n只有录错的记录才应删除；删除会记入操作日志。"
DELETE = "删除"
COVERAGE = ("谈心谈话覆盖（{year}年）：已谈 {covered} 人 / 在册 {people} 人，{rate}　"
            "<a href='list'>尚未谈话 {left} 人…</a>")
COVERAGE_LOADING = "谈心谈话覆盖：正在统计…"


def _signed(value: bool) -> str:
    return "已签" if value else ""


COLUMNS = (
    Column("when", "谈话时间", 118, sort_key="date"),
    Column("kind_label", "类型", 96, sort_key="kind"),
    Column("talkee_text", "被谈话人（单位·职务）", 260, sort_key="talkee", tooltip=True, stretch=True),
    Column("talker_names", "谈话人", 110, sort_key="talker", tooltip=True),
    Column("reason_label", "事由", 110, sort_key="reason"),
    Column("signed", "签字", 44, CENTER, sort_key="signed", format=_signed),
    Column("follow_up", "后续要求", 150, sort_key="follow_up", tooltip=True),
    Column("number", "编号", 74, sort_key="number"),
)


class TalksPage(RegisterPage):
    TITLE = TITLE
    SEARCH_PLACEHOLDER = SEARCH
    COUNT_TEXT = COUNT
    EXCEL_KEY = "talks"
    FORM = "TalkDialog"
    ACTIONS = ("new", "edit", "delete", "import", "export", "print")
    INDEXED_SORTS = frozenset({"date"})  # ix_talks_date_time_id

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ws, actor, parent)
        self.splitter.addWidget(self._timeline_panel())
        self.splitter.setStretchFactor(self.splitter.count() - 1, 0)
        self.splitter.setSizes([1000, 330])
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_timeline())
        self.model.loaded.connect(self._select_first)
        self.coverage_label = QLabel(COVERAGE_LOADING, self)
        self.coverage_label.linkActivated.connect(lambda _l: self.show_coverage())
        self.bottom_bar.insertWidget(1, self.coverage_label)
        self.bottom_bar.insertSpacing(1, 24)
        self.coverage: Coverage | None = None
        self._coverage_read = NewestRead(self)

    # ---- hooks ---------------------------------------------------------------------------

    def create_model(self) -> RegisterTableModel:
        return RegisterTableModel(self.ws, COLUMNS, svc.talk_rows, sort_column=0, descending=True)

    def build_filters(self, bar: QHBoxLayout) -> None:
        with self.ws.reading() as session:
            vocab = load_vocabulary(session)
            years = svc.talk_years(session) or [self.ws.today().year]
            units = list_units(session)
        self.year_filter = YearFilter(years, None, parent=self)
        self.kind_filter = DictCombo(vocab, "talk_type", parent=self)
        self.kind_filter.setItemText(0, ALL_KINDS)
        self.reason_filter = DictCombo(vocab, "talk_reason", parent=self)
        self.reason_filter.setItemText(0, ALL_REASONS)
        self.unit_filter = UnitFilter(self)
        self.unit_filter.set_units(units)
        self.unit_filter.setMinimumWidth(150)
        self.person_filter = ParticipantPicker(self.ws, self.actor, self, single=True, outsiders=False,
                                          placeholder=PERSON_HINT)
        self.person_filter.edit.setMinimumWidth(90)
        self.person_filter.setMaximumWidth(230)
        today = self.ws.today()
        self.date_filter = DateRangeFilter(today.replace(month=1, day=1), today, self)
        for widget in (self.year_filter, self.kind_filter, self.reason_filter, self.unit_filter,
                       self.person_filter, self.date_filter):
            bar.addWidget(widget)
        for signal in (self.year_filter.changed, self.unit_filter.changed, self.date_filter.changed,
                       self.kind_filter.currentIndexChanged, self.reason_filter.currentIndexChanged,
                       self.person_filter.changed):
            signal.connect(lambda *_: self.refresh())

    def build_extra_actions(self, toolbar: QToolBar) -> None:
        self.print_record_action = QAction(PRINT_RECORD, self)
        self.print_record_action.triggered.connect(self.print_record)
        self.word_action = QAction(WORD_RECORD, self)
        self.word_action.triggered.connect(self.export_word)
        self.timeline_action = QAction(TIMELINE, self, checkable=True, checked=True)
        self.timeline_action.setToolTip(TIMELINE_TIP)
        self.timeline_action.toggled.connect(lambda on: self.timeline_panel.setVisible(on))
        toolbar.addSeparator()
        toolbar.addAction(self.print_record_action)
        toolbar.addAction(self.word_action)
        toolbar.addSeparator()
        toolbar.addAction(self.timeline_action)

    def current_filter(self) -> svc.TalkFilter:
        start, end = self.date_filter.range()
        person = self.person_filter.participants()
        return svc.TalkFilter(
            text=self.search_box.text(), start=start, end=end, year=self.year_filter.year(),
            kind=self.kind_filter.code(), reason=self.reason_filter.code(),
            unit_id=self.unit_filter.unit_id(), person_id=person[0].person_id if person else None)

    def filters_walk(self) -> bool:
        """The year and the dates are a range of the date index; the others test each talk."""
        filt = self.current_filter()
        return bool(filt.kind or filt.reason or filt.unit_id is not None or filt.person_id is not None)

    def query(self) -> FetchIds:
        actor, filt = self.actor, self.current_filter()
        return lambda session, sort, desc, limit=None: svc.search_talk_ids(
            session, actor, filt, sort, desc, limit=limit)

    def export_scope(self) -> dict[str, Any]:
        return export_scope_of(self.year_filter.year(), self.unit_filter.unit_id())

    def update_actions(self) -> None:
        super().update_actions()
        selected = self.selected_row() is not None
        if hasattr(self, "word_action"):
            self.print_record_action.setEnabled(selected and not self.ws.read_only)
            self.word_action.setEnabled(selected and not self.ws.read_only)

    def apply_navigation(self, filters: dict) -> None:
        """Opened from elsewhere: {"talk_id"}, {"person_id"}, {"kind", "start", "end"},
        {"year"}, {"unit_id"} — the filters not named are cleared, so the records show."""
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.year_filter.setCurrentIndex(max(self.year_filter.findData(filters.get("year") or 0), 0))
        self.kind_filter.set_code(filters.get("kind", ""))
        self.reason_filter.set_code(filters.get("reason", ""))
        self.unit_filter.set_current_data(filters.get("unit_id") or 0)
        person_id = filters.get("person_id") if "talk_id" not in filters else None
        self.person_filter.set_participants(self._person(person_id) if person_id else [])
        start, end = filters.get("start"), filters.get("end")
        self.date_filter.enabled_check.setChecked(bool(start and end))
        if start and end:
            self.date_filter.start_edit.setDate(QDate(start.year, start.month, start.day))
            self.date_filter.end_edit.setDate(QDate(end.year, end.month, end.day))
        self.refresh(select_id=filters.get("talk_id"))

    def _person(self, person_id: int) -> list[svc.ParticipantRow]:
        from app.registers.people.query import people_rows

        with self.ws.reading() as session:
            return [svc.ParticipantRow("", p.name, p.id, p.unit_id, p.unit_name, p.position)
                    for p in people_rows(session, [person_id])]

    # ---- records -------------------------------------------------------------------------

    def make_dialog(self, row: svc.TalkRow | None = None, prefill: svc.TalkDraft | None = None):  # noqa: ANN201
        """The form for a new talk (optionally prefilled) or for `row` as saved now; every save
        refreshes the table on the saved talk."""
        from ui.dialogs.talk_dialog import TalkDialog

        if row is not None:
            with self.ws.reading() as session:
                row = svc.get_talk(session, row.id)
        dialog = TalkDialog(self.ws, self.actor, row, parent=self, prefill=prefill,
                            read_only=row is not None and not self.can_write())
        dialog.saved.connect(lambda talk_id: self.refresh(select_id=talk_id))
        return dialog

    def new_record(self, prefill: svc.TalkDraft | None = None) -> None:
        self.make_dialog(prefill=prefill).exec()

    def edit_record(self, row: svc.TalkRow) -> None:
        self.make_dialog(row).exec()

    def delete_record(self, row: svc.TalkRow) -> None:
        self.delete_asked(ASK_DELETE.format(summary=row.summary),
                          lambda session, reason: svc.delete_talk(session, self.actor, row.id, row.version, reason))

    def print_record(self) -> None:
        from ui.dialogs.talk_record_actions import print_record

        row = self.selected_row()
        if row is not None:
            print_record(self, self.ws, self.actor, row.id)

    def export_word(self) -> None:
        from ui.dialogs.talk_record_actions import export_word

        row = self.selected_row()
        if row is not None:
            export_word(self, self.ws, self.actor, row.id)

    # ---- the timeline ----------------------------------------------------------------------

    def _timeline_panel(self) -> QWidget:
        self.timeline_panel = QWidget(self)
        column = QVBoxLayout(self.timeline_panel)
        column.setContentsMargins(4, 0, 0, 0)
        row = QHBoxLayout()
        self.timeline_title = QLabel(TIMELINE_NONE, self.timeline_panel)
        self.timeline_title.setStyleSheet("font-weight: bold;")
        self.timeline_person = QComboBox(self.timeline_panel)
        self.timeline_person.currentIndexChanged.connect(lambda _i: self._timeline_for_choice())
        row.addWidget(self.timeline_title, 1)
        row.addWidget(self.timeline_person)
        column.addLayout(row)
        self.timeline = TimelineView(self.ws, self.actor, self.timeline_panel)
        self.timeline.open_requested.connect(self._open_from_timeline)
        self.timeline.loaded.connect(self._mark_timeline)
        column.addWidget(self.timeline, 1)
        self.timeline_panel.setMinimumWidth(240)
        return self.timeline_panel

    def is_ready(self) -> bool:
        """The table, the timeline beside it and the coverage under it have answered (screenshot
        mode, tests)."""
        return super().is_ready() and not self.timeline.is_loading and not self._coverage_read.loading

    # ---- 谈心谈话 coverage -------------------------------------------------------------------

    def after_load(self) -> None:
        """The coverage of the year chosen (the current one when all years are shown), of the
        unit chosen, read off the GUI thread."""
        year = self.year_filter.year() or self.ws.today().year
        unit_id, ws, actor = self.unit_filter.unit_id(), self.ws, self.actor

        def read(_progress: object) -> Coverage:
            with ws.reading() as session:
                return svc_stats.heart_talk_coverage(session, actor, dt.date(year, 1, 1), dt.date(year, 12, 31),
                                                     unit_id)

        self._coverage_read.run(read, on_done=lambda c: self._show_coverage_line(year, c))

    def _show_coverage_line(self, year: int, coverage: Coverage) -> None:
        self.coverage = coverage
        rate = "覆盖率 —" if coverage.rate is None else f"覆盖率 {coverage.rate * 100:.0f}%"
        self.coverage_label.setText(COVERAGE.format(year=year, covered=coverage.covered, people=coverage.people,
                                                    rate=rate, left=len(coverage.uncovered)))

    def show_coverage(self) -> None:
        from ui.dialogs.coverage_dialog import CoverageDialog

        if self.coverage is not None:
            CoverageDialog(self.coverage, f"{self.coverage.start.year}年", self).exec()

    def _select_first(self) -> None:
        """After a load without a selection the first talk is selected: Enter opens it, and its
        talkee's timeline shows."""
        if self.selected_row() is None and self.model.rowCount():
            self.view.selectRow(0)

    def _show_timeline(self) -> None:
        """The selected talk's registered talkees; the first one's timeline."""
        row = self.selected_row()
        people = [p for p in row.talkees if p.person_id is not None] if row else []
        self.timeline_person.blockSignals(True)
        self.timeline_person.clear()
        for p in people:
            self.timeline_person.addItem(p.display, p.person_id)
        self.timeline_person.blockSignals(False)
        self.timeline_person.setVisible(len(people) > 1)
        self._timeline_for_choice()

    def _timeline_for_choice(self) -> None:
        person_id = self.timeline_person.currentData()
        name = self.timeline_person.currentText().split("（")[0]
        self.timeline_title.setText(TIMELINE_OF.format(name=name) if person_id else TIMELINE_NONE)
        if person_id != self.timeline.person_id:
            self.timeline.set_person(person_id)
        else:
            self._mark_timeline()

    def _mark_timeline(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.timeline.select_record("talks", row.id)

    def _open_from_timeline(self, page: str, filters: dict) -> None:
        if page == "talks":
            row = self.model.row_of_id(filters["talk_id"])
            if row >= 0:
                self.view.selectRow(row)
            else:
                self.apply_navigation({"talk_id": filters["talk_id"]})
            return
        self.navigate_requested.emit(page, filters)
