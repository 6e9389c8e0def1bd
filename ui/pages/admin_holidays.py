"""系统管理 › 节假日安排: a year's official 放假 ranges beside the festival days computed offline,
and its 调休 working days. A year not yet entered is marked (节前廉政提醒 then count from the
festival day itself); each State Council notice is entered here. Saved through app.registers.holidays."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import vocab
from app.auth import Actor, Role
from app.errors import QingfengError
from app.registers.holidays import query as holidays_query
from app.registers.holidays import rules as holidays_rules
from app.registers.holidays import types as holidays_types
from app.registers.holidays import write as holidays_write
from ui import messages
from ui.widgets.dates import DateEdit
from ui.widgets.field_form import ERROR_STYLE, NOTE_STYLE

if TYPE_CHECKING:
    from app.workspace.facade import Workspace

YEAR = "年度"
HEADERS = ("节日", "节日日期（推算）", "放假开始", "放假结束", "天数", "放假安排")
WEEKDAYS = "一二三四五六日"
DAYS = "{n} 天"
ENTERED = {"seed": "已录入（预置）", "user": "已录入"}
ENTER = "录入"
STATE_OK = "{year}年七个节日的放假安排均已录入。"
STATE_PART = "{year}年已录入 {n}/7 个节日；未录入的节日，节前廉政提醒暂按节日当天计算。"
STATE_NONE = ("{year}年的放假安排尚未录入：节前廉政提醒暂按节日当天计算。请按国务院办公厅通知录入放假"
              "起止日期和调休上班日，勾选“录入”后保存。")
MISSING = "尚未录入的年份：{years}"
SAVE = "保存放假安排"
SAVED = "{year}年的放假安排已保存（{n} 个节日）。"
NOTHING = "没有需要保存的修改。"
WORKDAYS = "调休上班日（{year}年）"
NO_WORKDAYS = "（无）"
ADD_DAY, REMOVE_DAY = "添加调休日", "删除所选"
HELP = ("节前廉政提醒在放假开始前 N 个工作日（系统设置）出现；放假与周末相连时从周末算起。"
        "调休上班的周六、周日算作工作日。")
READ_ONLY = "当前用户或工作区不能修改节假日安排；当前为只读显示。"
OK_STYLE, WARN_STYLE = "color: #245c24;", "color: #a05a00; font-weight: bold;"


def day_text(day: dt.date) -> str:
    return f"{day:%Y-%m-%d} 周{WEEKDAYS[day.weekday()]}"


@dataclass
class _Row:
    festival: str
    first: DateEdit
    last: DateEdit
    days: QLabel
    enter: QCheckBox
    entered: holidays_types.Arrangement | None


class HolidayTab(QWidget):
    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.editable = actor.role >= Role.EDITOR and not ws.read_only
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(holidays_rules.FIRST_YEAR, holidays_rules.LAST_YEAR)
        self.year_spin.setSuffix(" 年")
        self.year_spin.setValue(ws.today().year)
        self.year_spin.setMinimumWidth(100)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.missing = QLabel(self)
        self.missing.setStyleSheet(WARN_STYLE)
        top = QHBoxLayout()
        top.addWidget(QLabel(YEAR, self))
        top.addWidget(self.year_spin)
        top.addSpacing(16)
        top.addWidget(self.missing)
        top.addStretch(1)

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        for column, text in enumerate(HEADERS):
            label = QLabel(text, self)
            label.setStyleSheet("font-weight: bold;")
            grid.addWidget(label, 0, column)
        self.rows: dict[str, _Row] = {}
        self.computed: dict[str, QLabel] = {}
        today = ws.today()
        for number, festival in enumerate(holidays_rules.FESTIVAL_ORDER, start=1):
            computed = QLabel(self)
            row = _Row(festival, DateEdit(today, self), DateEdit(today, self), QLabel(self),
                       QCheckBox(ENTER, self), None)
            for edit in (row.first, row.last):
                edit.dateChanged.connect(lambda _d, r=row: self._edited(r))
            row.enter.toggled.connect(lambda _on, r=row: self._show_days(r))
            grid.addWidget(QLabel(vocab.FESTIVALS[festival], self), number, 0)
            grid.addWidget(computed, number, 1)
            grid.addWidget(row.first, number, 2)
            grid.addWidget(row.last, number, 3)
            grid.addWidget(row.days, number, 4)
            grid.addWidget(row.enter, number, 5)
            self.rows[festival], self.computed[festival] = row, computed
        grid.setColumnStretch(6, 1)
        self.save_button = QPushButton(SAVE, self)
        self.save_button.clicked.connect(self.save)
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()

        self.workday_heading = QLabel(self)
        self.workday_heading.setStyleSheet("font-weight: bold;")
        self.workdays = QListWidget(self)
        self.workdays.setMaximumSize(360, 150)
        self.new_day = DateEdit(today, self)
        self.new_festival = QComboBox(self)
        for festival in holidays_rules.FESTIVAL_ORDER:
            self.new_festival.addItem(vocab.FESTIVALS[festival], festival)
        self.add_button = QPushButton(ADD_DAY, self)
        self.remove_button = QPushButton(REMOVE_DAY, self)
        self.add_button.clicked.connect(self.add_workday)
        self.remove_button.clicked.connect(self.remove_workday)
        adding = QHBoxLayout()
        for widget in (self.new_day, self.new_festival, self.add_button, self.remove_button):
            adding.addWidget(widget)
        adding.addStretch(1)
        help_label = QLabel(HELP + ("" if self.editable else "\n" + READ_ONLY), self)
        help_label.setStyleSheet(NOTE_STYLE)
        help_label.setWordWrap(True)

        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.state)
        column.addLayout(grid)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.error)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addSpacing(8)
        column.addWidget(self.workday_heading)
        column.addWidget(self.workdays)
        column.addLayout(adding)
        column.addWidget(help_label)
        column.addStretch(1)
        for widget in (self.save_button, self.add_button, self.remove_button, self.new_day, self.new_festival):
            widget.setEnabled(self.editable)
        self.year_spin.valueChanged.connect(lambda _y: self.load())
        self.load()

    # ---- showing a year --------------------------------------------------------------------

    def show_year(self, year: int) -> None:
        if year == self.year_spin.value():
            self.load()
        else:
            self.year_spin.setValue(year)  # loads it

    def load(self) -> None:
        """Reads the year shown (seven festivals and a few days: no worker needed)."""
        year = self.year_spin.value()
        with self.ws.reading() as session:
            data = holidays_query.holiday_year(session, year)
            missing = holidays_query.missing_years(session, self.ws.today())
        self.data = data
        self.error.hide()
        for f in data.festivals:
            row = self.rows[f.festival]
            row.entered = f.entered
            self.computed[f.festival].setText(day_text(f.festival_day))
            first, last = (f.entered.first_day, f.entered.last_day) if f.entered else (f.festival_day, f.festival_day)
            for edit, day in ((row.first, first), (row.last, last)):
                edit.blockSignals(True)
                edit.set_value(day)
                edit.blockSignals(False)
                edit.setEnabled(self.editable)
            row.enter.blockSignals(True)
            row.enter.setChecked(f.entered is not None)
            row.enter.blockSignals(False)
            row.enter.setText(ENTERED.get(f.entered.source, ENTERED["user"]) if f.entered else ENTER)
            row.enter.setEnabled(self.editable and f.entered is None)
            row.enter.setStyleSheet("" if f.entered else WARN_STYLE)
            self._show_days(row)
        if data.complete:
            self.state.setText(STATE_OK.format(year=year))
            self.state.setStyleSheet(OK_STYLE)
        else:
            text = STATE_PART.format(year=year, n=data.entered_count) if data.entered_count else STATE_NONE.format(year=year)
            self.state.setText(text)
            self.state.setStyleSheet(WARN_STYLE)
        self.missing.setText(MISSING.format(years="、".join(f"{y}年" for y in missing)) if missing else "")
        self.workday_heading.setText(WORKDAYS.format(year=year))
        self.workdays.clear()
        for day, festival in data.workdays:
            item = QListWidgetItem(f"{day_text(day)}　{vocab.FESTIVALS.get(festival, '')}", self.workdays)
            item.setData(Qt.ItemDataRole.UserRole, day)
        if not data.workdays:
            QListWidgetItem(NO_WORKDAYS, self.workdays).setFlags(Qt.ItemFlag.NoItemFlags)
        self.remove_button.setEnabled(self.editable and bool(data.workdays))
        if self.new_day.value().year != year:  # offer the year's first Saturday
            first = dt.date(year, 1, 1)
            self.new_day.set_value(first + dt.timedelta(days=(5 - first.weekday()) % 7))

    def _show_days(self, row: _Row) -> None:
        n = (row.last.value() - row.first.value()).days + 1
        shown = row.entered is not None or row.enter.isChecked()
        row.days.setText(DAYS.format(n=n) if shown and n > 0 else "—")

    def _edited(self, row: _Row) -> None:
        self._show_days(row)
        if row.entered is None:
            row.enter.setChecked(True)

    # ---- saving ----------------------------------------------------------------------------

    def changed_rows(self) -> list[_Row]:
        """Rows to save: ticked new ones, and entered ones whose dates were changed."""
        found = []
        for row in self.rows.values():
            if row.entered is None:
                if row.enter.isChecked():
                    found.append(row)
            elif (row.first.value(), row.last.value()) != (row.entered.first_day, row.entered.last_day):
                found.append(row)
        return found

    def save(self) -> bool:
        """Saves the changed rows of the year in one unit of work (all or none)."""
        self.error.hide()
        rows = self.changed_rows()
        if not rows:
            messages.inform(self, NOTHING)
            return False
        year = self.year_spin.value()
        current = None
        try:
            with self.ws.writing() as session:
                for current in rows:
                    entered = current.entered
                    holidays_write.save_arrangement(session, self.actor, holidays_types.ArrangementDraft(
                        year, current.festival, current.first.value(), current.last.value(),
                        entered.id if entered else None, entered.version if entered else None))
        except QingfengError as exc:
            prefix = f"{vocab.FESTIVALS[current.festival]}：" if current is not None else ""
            self.error.setText(prefix + str(exc))
            self.error.show()
            return False
        self.load()
        messages.inform(self, SAVED.format(year=year, n=len(rows)))
        return True

    def add_workday(self) -> bool:
        return self._set_workday(self.new_day.value(), self.new_festival.currentData(), True)

    def remove_workday(self) -> bool:
        item = self.workdays.currentItem()
        day = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return day is not None and self._set_workday(day, "", False)

    def _set_workday(self, day: dt.date, festival: str, working: bool) -> bool:
        try:
            with self.ws.writing() as session:
                holidays_write.set_workday(session, self.actor, day, festival, working)
        except QingfengError as exc:
            messages.show_error(self, exc)
            return False
        if day.year != self.year_spin.value():
            self.year_spin.setValue(day.year)  # loads that year
        else:
            self.load()
        return True
