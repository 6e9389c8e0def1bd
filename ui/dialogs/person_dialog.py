"""The person form (人员): new or edit, the homonym hint under the name, and the person's
position-change history with 记录职务变动… beside their timeline (every record about them)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.auth import Actor
from app.dictionaries import load_vocabulary
from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.units import query as units_query
from ui.dialogs.form import NOTE_STYLE, FormDialog
from ui.models.columns import CENTER, Column, RowsTableModel
from ui.widgets.combos import DictCombo, SearchCombo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.workspace.facade import Workspace

TITLE_NEW = "新增人员"
TITLE_EDIT = "编辑人员 — {name}"
L_NAME, L_UNIT, L_POSITION, L_RANK = "姓名", "所在单位", "职务", "职级"
L_POLITICAL, L_LEADER, L_KEY_POST = "政治面貌", "班子成员", "重要岗位"
L_GENDER, L_STAFF_NO, L_NOTES, L_ACTIVE = "性别", "工号", "备注", "在用（取消勾选即停用）"
LEADER_TEXT = "属于班子成员（关键少数）"
KEY_POST_HINT = "如 人事、财务、采购；不是重要岗位请留空"
UNIT_HINT = "输入单位名称的一部分可快速查找"
STAFF_NO_HINT = "同一单位有同名人员时，用工号区分"
HOMONYMS = "同名人员：{people}"
HISTORY_TITLE = "职务变动记录"
TIMELINE_TITLE = "时间线"
HISTORY_EMPTY = "暂无职务变动记录。"
RECORD_CHANGE = "记录职务变动…"
CHANGE_NEEDS_SAVE = "保存后可记录职务变动。"
GENDERS = ("", "男", "女")

HISTORY_COLUMNS = (
    Column("changed_on", "日期", 84), Column("from_unit_name", "原单位", 96, tooltip=True),
    Column("from_position", "原职务", 96, tooltip=True), Column("to_unit_name", "新单位", 96, tooltip=True),
    Column("to_position", "新职务", 96, tooltip=True), Column("to_rank", "新职级", 80),
    Column("is_promotion", "提拔", 44, CENTER), Column("notes", "备注", 60, tooltip=True),
)
MIN_WIDTH = 700


class PersonDialog(FormDialog):
    DRAFT_RECORD = "person"
    DRAFT_WHAT = "人员信息"
    navigate_requested = Signal(str, dict)  # a timeline record opened: its page and filters

    def __init__(self, ws: Workspace, actor: Actor, person: people_types.PersonRow | None = None, *,
                 unit_id: int | None = None, parent: QWidget | None = None,
                 read_only: bool = False) -> None:
        title = TITLE_EDIT.format(name=person.name) if person else TITLE_NEW
        super().__init__(ws, actor, title, parent, read_only=read_only)
        self.person = person
        with ws.reading() as session:
            vocab = load_vocabulary(session)
            self.units = units_query.list_units(session)
            history = people_query.position_changes(session, actor, [person.id]) if person else []

        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(20)
        self.homonym_label = QLabel(self)
        self.homonym_label.setStyleSheet(NOTE_STYLE)
        self.homonym_label.setWordWrap(True)
        self.homonym_label.hide()
        self.unit_combo = SearchCombo(self)
        self.unit_combo.lineEdit().setPlaceholderText(UNIT_HINT)
        self.position_edit = QLineEdit(self)
        self.rank_edit = QLineEdit(self)
        self.political_combo = DictCombo(vocab, "political_status", parent=self)
        self.leader_check = QCheckBox(LEADER_TEXT, self)
        self.key_post_edit = QLineEdit(self)
        self.key_post_edit.setPlaceholderText(KEY_POST_HINT)
        self.gender_combo = QComboBox(self)
        self.gender_combo.addItems(GENDERS)
        self.staff_no_edit = QLineEdit(self)
        self.staff_no_edit.setPlaceholderText(STAFF_NO_HINT)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.active_check = QCheckBox(L_ACTIVE, self)

        self.add_row(L_NAME, self.name_edit, "name", hint=self.homonym_label)
        self.add_row(L_UNIT, self.unit_combo, "unit_id")
        self.add_row(L_POSITION, self.position_edit, "position")
        self.add_row(L_RANK, self.rank_edit, "rank")
        self.add_row(L_POLITICAL, self.political_combo, "political_status")
        self.add_row(L_LEADER, self.leader_check, "is_leader")
        self.add_row(L_KEY_POST, self.key_post_edit, "key_post")
        self.add_row(L_GENDER, self.gender_combo, "gender")
        self.add_row(L_STAFF_NO, self.staff_no_edit, "staff_no")
        self.add_row(L_NOTES, self.notes_edit, "notes")
        self.add_row("", self.active_check, "active")

        self.history_model = RowsTableModel(HISTORY_COLUMNS, history, parent=self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._history_box(), HISTORY_TITLE)
        self.tabs.addTab(self._timeline_tab(), TIMELINE_TITLE)
        self.body.addWidget(self.tabs)
        self.finish_layout()
        self._fill(person, unit_id)

        self._homonym_timer = QTimer(self, singleShot=True, interval=300)
        self._homonym_timer.timeout.connect(self.update_homonyms)
        self.name_edit.textChanged.connect(lambda _t: self._homonym_timer.start())
        self.update_homonyms()
        self.resize(max(self.sizeHint().width(), MIN_WIDTH), self.sizeHint().height())

    def _unit_items(self, keep: int | None) -> list[tuple[str, int]]:
        return [(u.name if u.active else f"{u.name}（已停用）", u.id)
                for u in self.units if u.active or u.id == keep]

    def _fill(self, person: people_types.PersonRow | None, unit_id: int | None) -> None:
        current_unit = person.unit_id if person else unit_id
        self.unit_combo.set_items(self._unit_items(current_unit), current_unit)
        self.active_check.setChecked(person.active if person else True)
        if person is None:
            return
        self.name_edit.setText(person.name)
        self.position_edit.setText(person.position)
        self.rank_edit.setText(person.rank)
        self.political_combo.set_code(person.political_status)
        self.leader_check.setChecked(person.is_leader)
        self.key_post_edit.setText(person.key_post)
        self.gender_combo.setCurrentText(person.gender)
        self.staff_no_edit.setText(person.staff_no)
        self.notes_edit.setPlainText(person.notes)

    def _timeline_tab(self) -> QWidget:
        from ui.widgets.timeline import TimelineView

        self.timeline = TimelineView(self.ws, self.actor, self)
        self.timeline.open_requested.connect(self._open_record)
        self.timeline.set_person(self.person.id if self.person else None)
        return self.timeline

    def _open_record(self, page: str, filters: dict) -> None:
        if page == "people":  # a position change: it is on the other tab
            self.tabs.setCurrentIndex(0)
            return
        self.done(0)
        self.navigate_requested.emit(page, filters)

    def _history_box(self) -> QGroupBox:
        box = QGroupBox(self)
        box.setFlat(True)
        column = QVBoxLayout(box)
        self.history_view = QTableView(box)
        self.history_view.setModel(self.history_model)
        self.history_view.verticalHeader().setVisible(False)
        self.history_view.horizontalHeader().setStretchLastSection(True)
        self.history_view.setAlternatingRowColors(True)
        self.history_view.setFixedHeight(self.fontMetrics().height() * 7)
        for number, spec in enumerate(HISTORY_COLUMNS):
            self.history_view.setColumnWidth(number, spec.width)
        column.addWidget(self.history_view)
        row = QHBoxLayout()
        self.history_note = QLabel(box)
        self.history_note.setStyleSheet(NOTE_STYLE)
        self.change_button = QPushButton(RECORD_CHANGE, box)
        self.change_button.clicked.connect(self.record_change)
        row.addWidget(self.history_note, 1)
        row.addWidget(self.change_button)
        column.addLayout(row)
        self._update_history_note()
        return box

    def _update_history_note(self) -> None:
        if self.person is None:
            self.history_note.setText(CHANGE_NEEDS_SAVE)
        else:
            self.history_note.setText("" if self.history_model.rowCount() else HISTORY_EMPTY)
        self.change_button.setEnabled(self.person is not None and not self.read_only)

    # ---- homonyms ------------------------------------------------------------------------

    def update_homonyms(self) -> None:
        """Other people with exactly this name, told apart by unit and position."""
        name = self.name_edit.text().strip()
        others: list[people_types.PersonRow] = []
        if name:
            with self.ws.reading() as session:
                others = [p for p in people_query.find_people(session, name)
                          if self.person is None or p.id != self.person.id]
        self.homonym_label.setText(HOMONYMS.format(people="、".join(p.display for p in others))
                                   if others else "")
        self.homonym_label.setVisible(bool(others))

    # ---- position change -------------------------------------------------------------------

    def record_change(self) -> None:
        from ui.dialogs.position_change_dialog import PositionChangeDialog

        if self.person is None:
            return
        dialog = PositionChangeDialog(self.ws, self.actor, self.person, parent=self)
        if not dialog.exec():
            return
        with self.ws.reading() as session:
            fresh = people_query.get_person(session, self.person.id)
            self.units = units_query.list_units(session)
            self.history_model.set_rows(people_query.position_changes(session, self.actor, [fresh.id]))
        # The change moved unit, position and rank; what else was typed here stays.
        self.person = fresh
        self.timeline.set_person(fresh.id)
        self.unit_combo.set_items(self._unit_items(fresh.unit_id), fresh.unit_id)
        self.position_edit.setText(fresh.position)
        self.rank_edit.setText(fresh.rank)
        self._update_history_note()

    # ---- saving ----------------------------------------------------------------------------

    def draft(self) -> people_types.PersonDraft:
        return people_types.PersonDraft(
            name=self.name_edit.text(), unit_id=self.unit_combo.current_data(),
            position=self.position_edit.text(), rank=self.rank_edit.text(),
            political_status=self.political_combo.code(), is_leader=self.leader_check.isChecked(),
            key_post=self.key_post_edit.text(), staff_no=self.staff_no_edit.text(),
            gender=self.gender_combo.currentText(), active=self.active_check.isChecked(),
            notes=self.notes_edit.toPlainText(),
            id=self.person.id if self.person else None,
            version=self.person.version if self.person else None)

    def save_record(self, session: Session) -> int:
        return people_write.save_person(session, self.actor, self.draft())
