"""职务变动一览: who moved in a period (to a unit, promotions only), and whether the 任前廉政谈话
after the move is recorded, due or overdue (the reminder's rule); 登记任前廉政谈话… opens the talk
form prefilled for the selected change, and 在名册中定位 selects the person on the people page."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.registers.people import pre_talks as svc
from app.registers.units.query import list_units
from ui.models.columns import CENTER, Column, RowsTableModel
from ui.widgets.filters import UnitFilter, YearFilter
from ui.widgets.rows_view import rows_view
from ui.workers import NewestRead

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

TITLE = "职务变动一览"
WAITING_ONLY, PROMOTIONS_ONLY = "仅未谈话", "仅提拔"
COUNT = "共 {total} 次职务变动 · 待谈话 {waiting} · 逾期未谈话 {overdue}"
RECORD_TALK, LOCATE, CLOSE = "登记任前廉政谈话…", "在名册中定位", "关闭"
RECORD_TIP = "按所选变动预填一份任前廉政谈话记录"
RED, ORANGE, GREEN = "#c0392b", "#b9770e", "#1e7b34"
STATE_COLOURS = {svc.OVERDUE: RED, svc.WAITING: ORANGE, svc.DONE: GREEN}


def _state_color(row: svc.ChangeWithTalk) -> str:
    return STATE_COLOURS[row.state]


COLUMNS = (
    Column("changed_on", "变动日期", 84, CENTER, value=lambda r: r.change.changed_on),
    Column("person", "姓名", 64, value=lambda r: r.change.person_name),
    Column("from", "原单位及职务", 200, tooltip=True,
           value=lambda r: f"{r.change.from_unit_name}{r.change.from_position}"),
    Column("to", "新单位及职务", 200, tooltip=True, value=lambda r: f"{r.change.to_unit_name}{r.change.to_position}"),
    Column("rank", "新职级", 90, value=lambda r: r.change.to_rank),
    Column("promotion", "提拔", 44, CENTER, value=lambda r: r.change.is_promotion),
    Column("talk_text", "任前廉政谈话", 180, color=_state_color),  # the last: it takes the spare width
)


class PositionChangesDialog(QDialog):
    navigate_requested = Signal(str, dict)
    loaded = Signal()

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None, *,
                 can_write: bool = True) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self._read = NewestRead(self)
        self.setWindowTitle(TITLE)
        today = ws.today()
        with ws.reading() as session:
            units = list_units(session)
            years = set(svc.change_years(session)) | {today.year}
        self.year_filter = YearFilter(years, today.year, parent=self)
        self.unit_filter = UnitFilter(self)
        self.unit_filter.set_units(units)
        self.waiting_check = QCheckBox(WAITING_ONLY, self)
        self.promotions_check = QCheckBox(PROMOTIONS_ONLY, self)
        bar = QHBoxLayout()
        for widget in (self.year_filter, self.unit_filter, self.waiting_check, self.promotions_check):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.model = RowsTableModel(COLUMNS, parent=self)
        self.view = rows_view(self.model, self, single=True, sortable=True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)  # newest first
        self.view.doubleClicked.connect(lambda _i: self.locate())
        self.count_label = QLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.talk_button = self.buttons.addButton(RECORD_TALK, QDialogButtonBox.ButtonRole.ActionRole)
        self.talk_button.setToolTip(RECORD_TIP)
        self.locate_button = self.buttons.addButton(LOCATE, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(CLOSE, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.rejected.connect(self.reject)
        self.talk_button.clicked.connect(self.record_talk)
        self.locate_button.clicked.connect(self.locate)
        self._can_write = can_write and not ws.read_only
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.buttons)
        for signal in (self.year_filter.changed, self.unit_filter.changed, self.waiting_check.toggled,
                       self.promotions_check.toggled):
            signal.connect(lambda *_: self.reload())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.resize(1000, 560)
        self.reload()

    def reload(self) -> None:
        year = self.year_filter.year()
        ws, actor = self.ws, self.actor
        kw = dict(start=dt.date(year, 1, 1) if year else None, end=dt.date(year, 12, 31) if year else None,
                  unit_id=self.unit_filter.unit_id(), waiting_only=self.waiting_check.isChecked(),
                  promotions_only=self.promotions_check.isChecked())

        def work(_progress: object) -> list[svc.ChangeWithTalk]:
            with ws.reading() as session:
                return svc.changes_with_talks(session, actor, ws.today(), ws.settings.pre_talk_days, **kw)

        self._read.run(work, on_done=self._loaded)

    @property
    def is_loading(self) -> bool:
        return self._read.loading

    def _loaded(self, rows: list[svc.ChangeWithTalk]) -> None:
        self.model.set_rows(rows)
        states = [r.state for r in rows]
        self.count_label.setText(COUNT.format(total=len(rows), waiting=states.count(svc.WAITING),
                                              overdue=states.count(svc.OVERDUE)))
        self._update_buttons()
        self.loaded.emit()

    def selected(self) -> svc.ChangeWithTalk | None:
        index = self.view.currentIndex()
        return self.model.row_at(index) if index.isValid() else None

    def _update_buttons(self) -> None:
        row = self.selected()
        self.talk_button.setEnabled(self._can_write and row is not None and row.state != svc.DONE)
        self.locate_button.setEnabled(row is not None)

    def record_talk(self) -> None:
        """The talk form, prefilled for the selected change; the list is read again after."""
        from ui.dialogs.talk_dialog import TalkDialog

        row = self.selected()
        if row is None:
            return
        dialog = TalkDialog(self.ws, self.actor, None, self, prefill=svc.pre_talk_draft(row.change, self.ws.today()))
        dialog.saved.connect(lambda _id: self.reload())
        dialog.exec()

    def locate(self) -> None:
        row = self.selected()
        if row is not None:
            self.accept()
            self.navigate_requested.emit("people", {"person_id": row.change.person_id})
