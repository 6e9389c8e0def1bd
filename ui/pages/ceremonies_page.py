"""婚丧喜庆报备: the reports (paged in SQL), late ones and concerns in red (不得操办, over the
scale limits, 管理服务对象 invited, 公车, 公款, 礼金), filters (year, kind, unit, 仅迟报, 需关注,
未提醒谈话), the figures under the table, and the 提醒谈话 of
a report — opened when there is one, recorded through the talk form when there is not."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QToolBar, QWidget

from app.dictionaries import load_vocabulary
from app.registers.ceremonies import query as ceremonies_query
from app.registers.ceremonies import write as ceremonies_write
from app.registers.ceremonies.types import CeremonyFigures, CeremonyFilter, CeremonyRow
from app.registers.units.query import list_units
from ui.models.columns import CENTER, Column
from ui.models.register_model import FetchIds, RegisterTableModel
from ui.pages.base import RegisterPage, export_scope_of
from ui.widgets.combos import DictCombo
from ui.widgets.filters import UnitFilter, YearFilter

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE = "婚丧喜庆报备"
SEARCH = "姓名、单位、地点或备注（Ctrl+F）"
COUNT = "共 {count} 条"
FIGURES = "共 {total} 条 · 迟报 {late} 条 · 需关注 {concerns} 条 · 已提醒谈话 {with_talk} 条"
ALL_KINDS = "全部事项"
LATE_ONLY, CONCERNS_ONLY, WITHOUT_TALK = "仅迟报", "需关注", "未提醒谈话"
CONCERNS_TIP = "不得操办的事项、超过规定规模、邀请管理服务对象、使用公车、动用公款、收受下属及管理服务对象礼金"
TALK, TALK_TIP = "提醒谈话…", "打开该报备的提醒谈话；尚无时登记一次提醒谈话（谈话记录）"
ASK_DELETE = "确定删除这条报备吗？\n{summary}\n只有录错的记录才应删除；删除会记入操作日志，关联的谈话记录保留。"
DELETE = "删除"
RED = "#c0392b"


def _late_color(row: CeremonyRow) -> str | None:
    return RED if row.late else None


def _concern_color(row: CeremonyRow) -> str | None:
    return RED if row.concerns else None


COLUMNS = (
    Column("event_date", "举办日期", 84, CENTER, sort_key="event_date"),
    Column("person_display", "报备人（单位·职务）", 200, sort_key="person", tooltip=True),
    Column("kind_label", "事项", 60, CENTER, sort_key="kind"),
    Column("place", "举办地点", 120, sort_key="place", tooltip=True),
    Column("scale_text", "规模", 104, sort_key="tables"),
    Column("reported_on", "报备日期", 84, CENTER, sort_key="reported_on"),
    Column("timing_text", "报备时限", 150, color=_late_color, tooltip=True),
    Column("concerns_text", "需关注情形", 130, color=_concern_color, tooltip=True),
    Column("talk_label", "提醒谈话", 150, tooltip=True, stretch=True),
)


class CeremoniesPage(RegisterPage):
    TITLE = TITLE
    SEARCH_PLACEHOLDER = SEARCH
    COUNT_TEXT = COUNT
    EXCEL_KEY = "ceremonies"
    FORM = "CeremonyDialog"
    ACTIONS = ("new", "edit", "delete", "import", "export", "print")
    INDEXED_SORTS = frozenset({"event_date"})  # ix_ceremony_reports_event_date

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        self._figures: dict[CeremonyFilter, CeremonyFigures] = {}  # filled by the query's worker
        super().__init__(ws, actor, parent)

    # ---- hooks ---------------------------------------------------------------------------

    def create_model(self) -> RegisterTableModel:
        return RegisterTableModel(self.ws, COLUMNS, ceremonies_query.report_rows, sort_column=0, descending=True)

    def build_extra_actions(self, toolbar: QToolBar) -> None:
        self.talk_action = QAction(TALK, self)
        self.talk_action.setToolTip(TALK_TIP)
        self.talk_action.triggered.connect(self.open_talk)
        toolbar.addSeparator()
        toolbar.addAction(self.talk_action)

    def build_filters(self, bar: QHBoxLayout) -> None:
        with self.ws.reading() as session:
            vocab = load_vocabulary(session)
            years = set(ceremonies_query.report_years(session)) | {self.ws.today().year}
            units = list_units(session)
        self.year_filter = YearFilter(years, None, parent=self)
        self.kind_filter = DictCombo(vocab, "ceremony_kind", parent=self)
        self.kind_filter.setItemText(0, ALL_KINDS)
        self.unit_filter = UnitFilter(self)
        self.unit_filter.set_units(units)
        self.unit_filter.setMinimumWidth(150)
        self.late_check = QCheckBox(LATE_ONLY, self)
        self.concerns_check = QCheckBox(CONCERNS_ONLY, self)
        self.concerns_check.setToolTip(CONCERNS_TIP)
        self.no_talk_check = QCheckBox(WITHOUT_TALK, self)
        for widget in (self.year_filter, self.kind_filter, self.unit_filter, self.late_check,
                       self.concerns_check, self.no_talk_check):
            bar.addWidget(widget)
        for signal in (self.year_filter.changed, self.unit_filter.changed, self.kind_filter.currentIndexChanged,
                       self.late_check.toggled, self.concerns_check.toggled, self.no_talk_check.toggled):
            signal.connect(lambda *_: self.refresh())

    def current_filter(self) -> CeremonyFilter:
        return CeremonyFilter(
            text=self.search_box.text(), year=self.year_filter.year(), unit_id=self.unit_filter.unit_id(),
            kind=self.kind_filter.code(), late_only=self.late_check.isChecked(),
            concerns_only=self.concerns_check.isChecked(), without_talk=self.no_talk_check.isChecked())

    def filters_walk(self) -> bool:
        """A year is a range of the event_date index, 仅迟报 of the (late, event_date) one; the
        others test each report."""
        filt = self.current_filter()
        return bool(filt.kind or filt.unit_id is not None or filt.concerns_only or filt.without_talk)

    def query(self) -> FetchIds:
        """The ids, and the figures of the same filters in the same worker and session."""
        actor, filt, found = self.actor, self.current_filter(), self._figures

        def fetch(session: Any, sort: str, descending: bool, limit: int | None = None) -> list[int]:
            ids = ceremonies_query.search_report_ids(session, actor, filt, sort, descending, limit=limit)
            if limit is None:  # the first screen is shown before the figures are counted
                found[filt] = ceremonies_query.ceremony_figures(session, actor, filt)
            return ids

        return fetch

    def refresh(self, select_id: int | None = None) -> None:
        self._figures.clear()  # records may have changed: figures are read again with the rows
        super().refresh(select_id)

    def figures(self) -> CeremonyFigures | None:
        return self._figures.get(self.current_filter())

    def is_ready(self) -> bool:
        return super().is_ready() and self.figures() is not None

    def count_text(self, total: int) -> str:
        figures = self.figures()
        if figures is None:
            return COUNT.format(count=total)
        return FIGURES.format(total=figures.total, late=figures.late, concerns=figures.concerns,
                              with_talk=figures.with_talk)

    def export_scope(self) -> dict[str, Any]:
        return export_scope_of(self.year_filter.year(), self.unit_filter.unit_id())

    def update_actions(self) -> None:
        super().update_actions()
        if hasattr(self, "talk_action"):
            row = self.selected_row()
            self.talk_action.setEnabled(row is not None and (row.talk_id is not None or self.can_write()))

    def apply_navigation(self, filters: dict) -> None:
        """Opened from elsewhere: {"report_id"} or {"record_id"} (search, timeline, 廉政档案) selects
        the report with every filter cleared; {"person_id"}, {"year"}, {"unit_id"}, {"late": True}."""
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        widgets = (self.year_filter, self.kind_filter, self.late_check, self.concerns_check, self.no_talk_check)
        for widget in widgets:
            widget.blockSignals(True)
        self.year_filter.setCurrentIndex(max(self.year_filter.findData(filters.get("year") or 0), 0))
        self.kind_filter.set_code(filters.get("kind", ""))
        self.late_check.setChecked(bool(filters.get("late")))
        self.concerns_check.setChecked(False)
        self.no_talk_check.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self.unit_filter.set_current_data(filters.get("unit_id") or 0)
        record = filters.get("report_id") or filters.get("record_id")
        if record is None and filters.get("person_id"):
            self._show_person(filters["person_id"])
        self.refresh(select_id=record)

    def _show_person(self, person_id: int) -> None:
        from app.registers.people.query import get_person

        with self.ws.reading() as session:
            self.search_box.blockSignals(True)
            self.search_box.setText(get_person(session, person_id).name)
            self.search_box.blockSignals(False)

    # ---- records -------------------------------------------------------------------------

    def make_dialog(self, row: CeremonyRow | None = None):  # noqa: ANN201
        from ui.dialogs.ceremony_dialog import CeremonyDialog

        if row is not None:
            with self.ws.reading() as session:
                row = ceremonies_query.get_report(session, row.id)
        dialog = CeremonyDialog(self.ws, self.actor, row, parent=self,
                                read_only=row is not None and not self.can_write())
        dialog.finished.connect(lambda _r: self.refresh(select_id=dialog.saved_id or (row.id if row else None)))
        return dialog

    def new_record(self) -> None:
        self.make_dialog().exec()

    def edit_record(self, row: CeremonyRow) -> None:
        self.make_dialog(row).exec()

    def delete_record(self, row: CeremonyRow) -> None:
        self.delete_asked(ASK_DELETE.format(summary=row.summary),
                          lambda session, reason: ceremonies_write.delete_report(session, self.actor, row.id, row.version, reason))

    def open_talk(self) -> None:
        """The report's 提醒谈话 on the talks page; without one, the talk form to record it."""
        row = self.selected_row()
        if row is None:
            return
        if row.talk_id is not None:
            self.navigate_requested.emit("talks", {"talk_id": row.talk_id})
            return
        from ui.dialogs.ceremony_talk import record_reminder_talk

        if record_reminder_talk(self, self.ws, self.actor, row) is not None:
            self.refresh(select_id=row.id)
