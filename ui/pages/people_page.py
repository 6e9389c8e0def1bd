"""人员与单位: the unit tree beside the people table."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QMenu,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.dictionaries import load_vocabulary
from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.units import query as units_query
from app.registers.units import write as units_write
from ui import messages
from ui.models.columns import CENTER, Column, active_label, muted_unless_active
from ui.models.register_model import FetchIds, RegisterTableModel
from ui.pages.base import RegisterPage, export_scope_of
from ui.widgets.unit_tree import UnitTree

TITLE = "人员与单位"
SEARCH = "姓名、拼音首字母或职务（Ctrl+F）"
COUNT = "共 {count} 人"
LEADERS_ONLY, KEY_POST_ONLY, WITH_INACTIVE = "仅班子成员", "仅重要岗位", "含已停用"
POSITION_CHANGE = "职务变动…"
POSITION_CHANGE_TIP = "记录调动、任职或职级变化（留作历史，并提醒任前谈话）"
DOSSIER, DOSSIER_TIP = "廉政档案", "所选人员的廉政档案：谈话、报备、第一种形态、整改责任和职务变动，可导出 Word"
OPINION, OPINION_TIP = "意见回复…", "为所选（或其他）人员出具党风廉政意见回复，并查看已出具的记录"
CHANGES, CHANGES_TIP = "职务变动一览", "各年度的职务变动及其任前廉政谈话情况"
UNIT_NEW, UNIT_EDIT, UNIT_DELETE = "新增单位", "编辑", "删除"
UNIT_DEACTIVATE, UNIT_ACTIVATE = "停用", "启用"
ASK_DELETE_PERSON = "确定删除“{name}”吗？\n只有录错、未被任何记录引用的人员才能删除；调离或退休请用“停用”。"
ASK_DELETE_UNIT = "确定删除单位“{name}”吗？\n只有未被任何记录引用的单位才能删除，否则请停用。"
ASK_DEACTIVATE = "确定停用“{name}”吗？停用后不再出现在选择列表中，已有记录不受影响。"
DELETE = "删除"
DEACTIVATE = "停用"

COLUMNS = (
    Column("name", "姓名", 64, sort_key="name"),
    Column("unit_name", "单位", 150, sort_key="unit"),
    Column("position", "职务", 150, sort_key="position", tooltip=True, stretch=True),
    Column("rank", "职级", 90, sort_key="rank"),
    Column("political_label", "政治面貌", 72, sort_key="political_status"),
    Column("is_leader", "班子成员", 60, CENTER, sort_key="is_leader"),
    Column("key_post", "重要岗位", 64, sort_key="key_post"),
    Column("staff_no", "工号", 70, sort_key="staff_no"),
    Column("active", "状态", 50, CENTER, sort_key="active", format=active_label),
)


class PeoplePage(RegisterPage):
    TITLE = TITLE
    SEARCH_PLACEHOLDER = SEARCH
    COUNT_TEXT = COUNT
    EXCEL_KEY = "people"
    FORM = "PersonDialog"
    INDEXED_SORTS = frozenset({"unit"})  # ix_units_display_order(_desc), ix_people_unit_leader

    def filters_walk(self) -> bool:
        """The units' order and each unit's active people (班子成员 among them a range) are
        index walks, the units of a kind a few units skipped; 含已停用 leaves the index of the
        active, 重要岗位 tests each person and a unit with the units below it sorts their people."""
        filt = self.current_filter()
        return bool(filt.include_inactive or filt.key_post_only or filt.unit_id is not None
                    or filt.political_status)

    # ---- hooks ---------------------------------------------------------------------------

    def create_model(self) -> RegisterTableModel:
        return RegisterTableModel(self.ws, COLUMNS, people_query.people_rows, sort_column=1,
                                  row_color=muted_unless_active)

    def build_side(self) -> QWidget:
        self.unit_tree = UnitTree(self)
        self.unit_tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.unit_tree.customContextMenuRequested.connect(self._unit_menu_at)
        panel = self._tree_panel()
        self.reload_units()
        self.unit_tree.scope_changed.connect(lambda *_: self.refresh())
        return panel

    def build_extra_actions(self, toolbar: QToolBar) -> None:
        self.change_action = QAction(POSITION_CHANGE, self)
        self.change_action.setToolTip(POSITION_CHANGE_TIP)
        self.change_action.triggered.connect(self.record_position_change)
        toolbar.insertAction(self.actions_by_key["delete"], self.change_action)
        toolbar.addSeparator()
        self.dossier_action, self.opinion_action, self.changes_action = (
            self._action(text, tip, handler) for text, tip, handler in (
                (DOSSIER, DOSSIER_TIP, self.open_dossier), (OPINION, OPINION_TIP, self.open_opinions),
                (CHANGES, CHANGES_TIP, self.open_position_changes)))
        toolbar.addActions([self.dossier_action, self.opinion_action, self.changes_action])

    def _action(self, text: str, tip: str, handler: Any) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: handler())
        return action

    def build_filters(self, bar: QHBoxLayout) -> None:
        self.leaders_check = QCheckBox(LEADERS_ONLY, self)
        self.key_post_check = QCheckBox(KEY_POST_ONLY, self)
        self.inactive_check = QCheckBox(WITH_INACTIVE, self)
        for check in (self.leaders_check, self.key_post_check, self.inactive_check):
            check.toggled.connect(lambda _on: self.refresh())
            bar.addWidget(check)

    def current_filter(self) -> people_types.PersonFilter:
        unit_id, kind = self.unit_tree.current_scope()
        return people_types.PersonFilter(
            text=self.search_box.text(), unit_id=unit_id, unit_kind=kind,
            include_inactive=self.inactive_check.isChecked(),
            leaders_only=self.leaders_check.isChecked(),
            key_post_only=self.key_post_check.isChecked())

    def apply_navigation(self, filters: dict) -> None:
        """Opened from elsewhere: {"unit_id": N} / {"unit_kind": code} / {"text": "…"} / {"person_id": N}."""
        if "unit_id" in filters or "unit_kind" in filters:
            self.unit_tree.select_scope(filters.get("unit_id"), filters.get("unit_kind", ""))
        if "text" in filters:
            self.search_box.setText(filters["text"])
        self.refresh(select_id=filters.get("person_id"))

    def query(self) -> FetchIds:
        actor, filt = self.actor, self.current_filter()
        return lambda session, sort, desc, limit=None: people_query.search_people_ids(
            session, actor, filt, sort, desc, limit=limit)

    def update_actions(self) -> None:
        super().update_actions()
        self.change_action.setEnabled(self.can_write() and self.selected_row() is not None)
        self.dossier_action.setEnabled(self.selected_row() is not None)
        self.opinion_action.setEnabled(not self.ws.read_only)  # the list of issued replies reads too

    def export_scope(self) -> dict[str, Any]:
        unit_id, _kind = self.unit_tree.current_scope()
        return export_scope_of(None, unit_id)

    # ---- people --------------------------------------------------------------------------

    def new_record(self) -> None:
        from ui.dialogs.person_dialog import PersonDialog

        unit = self.unit_tree.current_unit()
        dialog = PersonDialog(self.ws, self.actor, unit_id=unit.id if unit else None, parent=self)
        if dialog.exec():
            self.after_change(dialog.saved_id)

    def edit_record(self, row: people_types.PersonRow) -> None:
        from ui.dialogs.person_dialog import PersonDialog

        dialog = PersonDialog(self.ws, self.actor, row, parent=self, read_only=not self.can_write())
        dialog.finished.connect(lambda _result: self.after_change(row.id))
        dialog.navigate_requested.connect(self.navigate_requested)
        dialog.exec()

    def delete_record(self, row: people_types.PersonRow) -> None:
        if messages.ask(self, ASK_DELETE_PERSON.format(name=row.display), DELETE):
            self.write(lambda s, _reason: people_write.delete_person(s, self.actor, row.id))

    def set_record_active(self, row: people_types.PersonRow, active: bool) -> None:
        if active or messages.ask(self, ASK_DEACTIVATE.format(name=row.display), DEACTIVATE):
            self.write(lambda s, _reason: people_write.set_person_active(s, self.actor, row.id, active, row.version),
                        select_id=row.id)

    def record_position_change(self) -> None:
        from ui.dialogs.position_change_dialog import PositionChangeDialog

        row = self.selected_row()
        if row is not None and PositionChangeDialog(self.ws, self.actor, row, parent=self).exec():
            self.after_change(row.id)

    # ---- 廉政档案, 意见回复, 职务变动一览 -----------------------------------------------------

    def open_dossier(self) -> None:
        from ui.dialogs.dossier_dialog import DossierDialog

        row = self.selected_row()
        if row is not None:
            self._show_dialog(DossierDialog(self.ws, self.actor, row, self))

    def open_opinions(self) -> None:
        from ui.dialogs.opinion_dialog import OpinionDialog

        row = self.selected_row()
        self._show_dialog(OpinionDialog(self.ws, self.actor, [row] if row else [], self, can_write=self.can_write()))

    def open_position_changes(self) -> None:
        from ui.dialogs.position_changes_dialog import PositionChangesDialog

        self._show_dialog(PositionChangesDialog(self.ws, self.actor, self, can_write=self.can_write()))

    def _show_dialog(self, dialog: Any) -> None:
        """A dialog that may open a record elsewhere (its `navigate_requested`), or this page's person."""
        if hasattr(dialog, "navigate_requested"):
            dialog.navigate_requested.connect(self._navigate_from_dialog)
        dialog.exec()

    def _navigate_from_dialog(self, page: str, filters: dict) -> None:
        if page == "people":
            self.apply_navigation(filters)
        else:
            self.navigate_requested.emit(page, filters)

    def after_change(self, select_id: int | None = None) -> None:
        self.reload_units()
        self.refresh(select_id)

    # ---- units ---------------------------------------------------------------------------

    def reload_units(self) -> None:
        """Units are a short list (tens): read on the GUI thread."""
        with self.ws.reading() as session:
            units = units_query.list_units(session)
            vocab = load_vocabulary(session)
        labels = {e.code: e.label for e in vocab.entries("unit_kind", include_inactive=True)}
        self.unit_tree.set_units(units, labels)

    def _tree_panel(self) -> QWidget:
        panel = QWidget(self)
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.unit_tree, 1)
        row = QHBoxLayout()
        row.setSpacing(2)
        self.unit_actions = {}
        for key, text, handler in (("new", UNIT_NEW, self.new_unit), ("edit", UNIT_EDIT, self.edit_unit),
                                   ("toggle", UNIT_DEACTIVATE, self.toggle_unit),
                                   ("delete", UNIT_DELETE, self.delete_unit)):
            action = QAction(text, self)
            action.triggered.connect(lambda _checked=False, h=handler: h())
            button = QToolButton(panel)
            button.setDefaultAction(action)
            row.addWidget(button)
            self.unit_actions[key] = action
        row.addStretch(1)
        column.addLayout(row)
        self.unit_menu = QMenu(self)
        self.unit_menu.addActions(list(self.unit_actions.values()))
        self.unit_tree.currentItemChanged.connect(lambda *_: self._update_unit_buttons())
        panel.setMinimumWidth(180)
        self._update_unit_buttons()
        return panel

    def _update_unit_buttons(self) -> None:
        unit, writable = self.unit_tree.current_unit(), self.can_write()
        self.unit_actions["new"].setEnabled(writable)
        for key in ("edit", "toggle", "delete"):
            self.unit_actions[key].setEnabled(writable and unit is not None)
        if unit is not None:
            self.unit_actions["toggle"].setText(UNIT_DEACTIVATE if unit.active else UNIT_ACTIVATE)

    def _unit_menu_at(self, point: Any) -> None:
        self.unit_menu.exec(self.unit_tree.viewport().mapToGlobal(point))

    def new_unit(self) -> None:
        from ui.dialogs.unit_dialog import UnitDialog

        unit_id, kind = self.unit_tree.current_scope()
        current = self.unit_tree.current_unit()
        dialog = UnitDialog(self.ws, self.actor, kind=(current.kind if current else kind) or "office",
                            parent_id=unit_id, parent=self)
        if dialog.exec():
            self.reload_units()
            self.unit_tree.select_scope(dialog.saved_id)

    def edit_unit(self) -> None:
        from ui.dialogs.unit_dialog import UnitDialog

        unit = self.unit_tree.current_unit()
        if unit is not None and UnitDialog(self.ws, self.actor, unit, parent=self).exec():
            self.after_change(None)

    def toggle_unit(self) -> None:
        unit = self.unit_tree.current_unit()
        if unit is None:
            return
        if unit.active and not messages.ask(self, ASK_DEACTIVATE.format(name=unit.name), DEACTIVATE):
            return
        self.write(lambda s, _reason: units_write.set_unit_active(s, self.actor, unit.id, not unit.active, unit.version))

    def delete_unit(self) -> None:
        unit = self.unit_tree.current_unit()
        if unit is not None and messages.ask(self, ASK_DELETE_UNIT.format(name=unit.name), DELETE):
            self.write(lambda s, _reason: units_write.delete_unit(s, self.actor, unit.id))
