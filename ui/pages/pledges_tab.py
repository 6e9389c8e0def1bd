"""责任书: a year's 党风廉政建设责任书 by level and unit — who has signed and when, who has not (in
red) — with the year's figures under the table; 生成年度名单 draws up the year's list, 标记已签订
records a pledge that came back."""
from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.dictionaries import load_vocabulary
from app.registers.pledges import query as pledges_query
from app.registers.pledges import stats as pledges_stats
from app.registers.pledges import write as pledges_write
from app.registers.pledges.types import PledgeFigures, PledgeFilter, PledgeRow
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
from ui.widgets.dates import DateEdit
from ui.widgets.filters import UnitFilter, YearFilter

TITLE = "党风廉政建设责任书"
SEARCH = "签订单位、签订人、责任领导（Ctrl+F）"
ALL_LEVELS, ALL_STATES, UNSIGNED, SIGNED = "全部层级", "全部", "未签订", "已签订"
DRAW_UP, DRAW_UP_TIP = "生成年度名单…", "按单位或人员生成本年度待签订的责任书"
MARK, MARK_TIP = "标记已签订…", "登记选中责任书的签订日期"
MARK_TITLE, MARK_LABEL = "标记已签订", "签订日期："
FIGURES = "{year}年 {text}"
ASK_DELETE = "确定删除这份责任书记录吗？\n{summary}\n只有录错的记录才应删除。"
RED = "#c0392b"


def _state_color(row: PledgeRow) -> str | None:
    return None if row.signed else RED


COLUMNS = (
    Column("year", "年度", 50, CENTER, sort_key="year"),
    Column("level_label", "责任书层级", 130, sort_key="level"),
    Column("unit_name", "签订单位", 150, sort_key="unit"),
    Column("signer_column", "签订人", 170, sort_key="signer", tooltip=True),
    Column("leader_name", "责任领导", 80, sort_key="leader"),
    Column("status_text", "签订情况", 130, sort_key="signed_on", color=_state_color),
    Column("attachment_count", "扫描件", 56, RIGHT, format=lambda n: str(n) if n else ""),
    Column("notes", "备注", 120, tooltip=True, stretch=True),
)


class PledgesTab(FiguredPage):
    TITLE = TITLE
    SEARCH_PLACEHOLDER = SEARCH
    EXCEL_KEY = "pledges"
    FORM = "PledgeDialog"
    ACTIONS = (NEW, EDIT, DELETE, IMPORT, EXPORT, PRINT)

    def create_model(self) -> RegisterTableModel:
        return RegisterTableModel(self.ws, COLUMNS, pledges_query.pledge_rows, sort_column=1, descending=False)

    def build_filters(self, bar: QHBoxLayout) -> None:
        with self.ws.reading() as session:
            vocab = load_vocabulary(session)
            years = set(pledges_query.pledge_years(session)) | {self.ws.today().year}
            units = list_units(session)
        self.year_filter = YearFilter(years, self.ws.today().year, parent=self)
        self.level_filter = DictCombo(vocab, "pledge_level", parent=self)
        self.level_filter.setItemText(0, ALL_LEVELS)
        self.unit_filter = UnitFilter(self)
        self.unit_filter.set_units(units)
        self.state_filter = QComboBox(self)
        for label, value in ((ALL_STATES, None), (UNSIGNED, False), (SIGNED, True)):
            self.state_filter.addItem(label, value)
        for widget in (self.year_filter, self.level_filter, self.unit_filter, self.state_filter):
            bar.addWidget(widget)
        for signal in (self.year_filter.changed, self.unit_filter.changed, self.level_filter.currentIndexChanged,
                       self.state_filter.currentIndexChanged):
            signal.connect(lambda *_: self.refresh())

    def build_extra_actions(self, toolbar: QToolBar) -> None:
        self.draw_up_action = QAction(DRAW_UP, self)
        self.draw_up_action.setToolTip(DRAW_UP_TIP)
        self.draw_up_action.triggered.connect(self.draw_up)
        self.mark_action = QAction(MARK, self)
        self.mark_action.setToolTip(MARK_TIP)
        self.mark_action.triggered.connect(self.mark_signed)
        toolbar.addSeparator()
        toolbar.addAction(self.draw_up_action)
        toolbar.addAction(self.mark_action)

    def current_filter(self) -> PledgeFilter:
        return PledgeFilter(year=self.year_filter.year(), level=self.level_filter.code(),
                            unit_id=self.unit_filter.unit_id(), signed=self.state_filter.currentData(),
                            text=self.search_box.text())

    def search_ids(self, session: Any, filt: PledgeFilter, sort: str, descending: bool, limit: int | None) -> list[int]:
        return pledges_query.search_pledge_ids(session, self.actor, filt, sort, descending, limit=limit)

    def read_figures(self, session: Any, filt: PledgeFilter) -> PledgeFigures | None:
        return (pledges_stats.pledge_figures(session, self.actor, filt.year, filt.unit_id)
                if filt.year is not None else None)

    def figures_text(self, figures: PledgeFigures) -> str:
        return FIGURES.format(year=figures.year, text=figures.text)

    def update_actions(self) -> None:
        super().update_actions()
        if hasattr(self, "mark_action"):
            row = self.selected_row()
            self.mark_action.setEnabled(self.can_write() and row is not None and not row.signed)
            self.draw_up_action.setEnabled(self.can_write())

    def export_scope(self) -> dict[str, Any]:
        return export_scope_of(self.year_filter.year(), self.unit_filter.unit_id())

    def apply_navigation(self, filters: dict) -> None:
        """{"year", "signed": False} (首页's reminder), {"unit_id"}, {"record_id"}."""
        self.select_year(filters)
        for widget in (self.state_filter, self.level_filter):
            widget.blockSignals(True)
        self.state_filter.setCurrentIndex(max(self.state_filter.findData(filters.get("signed")), 0))
        self.level_filter.set_code(filters.get("level", ""))
        for widget in (self.state_filter, self.level_filter):
            widget.blockSignals(False)
        self.unit_filter.set_current_data(filters.get("unit_id") or 0)
        self.refresh(select_id=filters.get("record_id"))

    # ---- records -------------------------------------------------------------------------

    def get_record(self, session: Any, record_id: int) -> PledgeRow:
        return pledges_query.get_pledge(session, record_id)

    def open_form(self, row: PledgeRow | None, read_only: bool) -> QDialog:
        from ui.dialogs.pledge_dialog import PledgeDialog

        return PledgeDialog(self.ws, self.actor, row, parent=self, year=self.year_filter.year(), read_only=read_only)

    def delete_record(self, row: PledgeRow) -> None:
        self.delete_asked(ASK_DELETE.format(summary=row.summary), lambda session, reason: pledges_write.delete_pledge(
            session, self.actor, row.id, row.version, reason))

    def draw_up(self) -> None:
        from ui.dialogs.pledge_year_dialog import PledgeYearDialog

        dialog = PledgeYearDialog(self.ws, self.actor, self.year_filter.year() or self.ws.today().year, self)
        if dialog.exec():
            self.refresh()

    def mark_signed(self) -> None:
        row = self.selected_row()
        if row is None or row.signed:
            return
        day = ask_date(self, MARK_TITLE, MARK_LABEL + row.summary, self.ws.today())
        if day is not None:
            self.write(lambda session, reason: pledges_write.mark_signed(
                session, self.actor, [row.id], day, self.ws.today(), reason), select_id=row.id)


def ask_date(parent: QWidget, title: str, label: str, today) -> object:
    """A date asked of the clerk (today by default, not later); None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    column = QVBoxLayout(dialog)
    column.addWidget(QLabel(label, dialog))
    edit = DateEdit(today, dialog, latest=today)
    column.addWidget(edit)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    column.addWidget(buttons)
    return edit.value() if dialog.exec() else None
