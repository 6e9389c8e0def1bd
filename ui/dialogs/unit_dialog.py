"""The unit form (单位/科室): name, kind, parent unit, order, notes."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from app.auth import Actor
from app.dictionaries import load_vocabulary
from app.errors import ValidationError
from app.registers.units import query as units_query
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from ui.dialogs.form import FormDialog
from ui.widgets.combos import DictCombo, SearchCombo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.workspace.facade import Workspace

TITLE_NEW = "新增单位"
TITLE_EDIT = "编辑单位 — {name}"
L_NAME, L_KIND, L_PARENT, L_ORDER, L_NOTES = "单位名称", "单位类别", "上级单位", "排序", "备注"
NO_PARENT = "（无）"
PICK_PARENT = "请从列表中选择上级单位，或选“（无）”。"


class UnitDialog(FormDialog):
    DRAFT_RECORD = "unit"
    DRAFT_WHAT = "单位信息"
    def __init__(self, ws: Workspace, actor: Actor, unit: units_types.UnitRow | None = None, *,
                 kind: str = "office", parent_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ws, actor, TITLE_EDIT.format(name=unit.name) if unit else TITLE_NEW, parent)
        self.unit = unit
        with ws.reading() as session:
            vocab = load_vocabulary(session)
            units = units_query.list_units(session)
            below = units_query.descendant_unit_ids(session, unit.id) if unit else set()
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(100)
        self.kind_combo = DictCombo(vocab, "unit_kind", optional=False, parent=self)
        self.parent_combo = SearchCombo(self)
        choices = [(NO_PARENT, 0)] + [(u.name, u.id) for u in units if u.id not in below]
        self.parent_combo.set_items(choices, (unit.parent_id if unit else parent_id) or 0)
        self.order_spin = QSpinBox(self)
        self.order_spin.setRange(0, 9999)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.add_row(L_NAME, self.name_edit, "name")
        self.add_row(L_KIND, self.kind_combo, "kind")
        self.add_row(L_PARENT, self.parent_combo, "parent_id")
        self.add_row(L_ORDER, self.order_spin, "sort_order")
        self.add_row(L_NOTES, self.notes_edit, "notes")
        self.finish_layout()
        self.kind_combo.set_code(unit.kind if unit else kind)
        if unit is not None:
            self.name_edit.setText(unit.name)
            self.order_spin.setValue(unit.sort_order)
            self.notes_edit.setPlainText(unit.notes)
        self.resize(max(self.sizeHint().width(), 440), self.sizeHint().height())

    def save_record(self, session: Session) -> int:
        parent_id = self.parent_combo.current_data()
        if parent_id is None and self.parent_combo.currentText().strip():
            raise ValidationError(PICK_PARENT, "parent_id")
        draft = units_types.UnitDraft(
            name=self.name_edit.text(), kind=self.kind_combo.code(), parent_id=parent_id or None,
            sort_order=self.order_spin.value(), active=self.unit.active if self.unit else True,
            notes=self.notes_edit.toPlainText(),
            id=self.unit.id if self.unit else None, version=self.unit.version if self.unit else None)
        return units_write.save_unit(session, self.actor, draft)
