"""The unit tree beside the people table: 全部单位, then the kinds (局机关科室 · 直属单位 · 其他)
with their units nested under their parents, each with its number of people in 在册."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from app.registers.units.types import UNIT_KIND_ORDER, UnitRow

ALL_UNITS = "全部单位"
INACTIVE = "（已停用）"
COUNT = "{name}  {count}"
MUTED = "#9a9a9a"
KIND_ROLE = Qt.ItemDataRole.UserRole          # the kind code of a group item
UNIT_ROLE = Qt.ItemDataRole.UserRole + 1      # the UnitRow of a unit item


class UnitTree(QTreeWidget):
    """Emits `scope_changed(unit_id, kind)` when the clerk picks an item (None, "" = all);
    a rebuild that keeps the choice emits nothing."""

    scope_changed = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setUniformRowHeights(True)
        self.setExpandsOnDoubleClick(True)
        self.currentItemChanged.connect(self._on_current)
        self._items: dict[int, QTreeWidgetItem] = {}

    def set_units(self, units: Sequence[UnitRow], kind_labels: dict[str, str]) -> None:
        """Rebuilds the tree, keeping the current choice when it still exists."""
        unit_id, kind = self.current_scope()
        self.blockSignals(True)
        self.clear()
        self._items = {}
        totals = _totals(units)
        root = QTreeWidgetItem(self, [COUNT.format(name=ALL_UNITS, count=sum(u.people_count for u in units))])
        root.setData(0, KIND_ROLE, "")
        groups: dict[str, QTreeWidgetItem] = {}
        for code in sorted({u.kind for u in units} | set(kind_labels),
                           key=lambda c: UNIT_KIND_ORDER.get(c, 9)):
            members = [u for u in units if u.kind == code]
            if not members:
                continue
            count = sum(u.people_count for u in members)
            group = QTreeWidgetItem(root, [COUNT.format(name=kind_labels.get(code, code), count=count)])
            group.setData(0, KIND_ROLE, code)
            groups[code] = group
        by_id = {u.id: u for u in units}
        for unit in units:  # already in display order
            item = QTreeWidgetItem([self._unit_text(unit, totals[unit.id])])
            item.setData(0, UNIT_ROLE, unit)
            item.setToolTip(0, f"{unit.name}\n{unit.notes}" if unit.notes else unit.name)
            if not unit.active:
                item.setForeground(0, QBrush(QColor(MUTED)))
            self._items[unit.id] = item
        for unit in units:
            item = self._items[unit.id]
            parent = unit.parent_id
            if parent in self._items and by_id[parent].kind == unit.kind:
                self._items[parent].addChild(item)
            else:
                groups[unit.kind].addChild(item)
        self.expandToDepth(1)
        self.select_scope(unit_id, kind)  # the same choice: no scope_changed
        self.blockSignals(False)

    @staticmethod
    def _unit_text(unit: UnitRow, total: int) -> str:
        name = unit.name + ("" if unit.active else INACTIVE)
        return COUNT.format(name=name, count=total) if total else name

    def current_scope(self) -> tuple[int | None, str]:
        item = self.currentItem()
        if item is None:
            return None, ""
        unit = item.data(0, UNIT_ROLE)
        if unit is not None:
            return unit.id, ""
        return None, item.data(0, KIND_ROLE) or ""

    def current_unit(self) -> UnitRow | None:
        item = self.currentItem()
        return item.data(0, UNIT_ROLE) if item is not None else None

    def select_scope(self, unit_id: int | None, kind: str = "") -> None:
        if unit_id is not None and unit_id in self._items:
            self.setCurrentItem(self._items[unit_id])
            return
        root = self.topLevelItem(0)
        target = root
        for number in range(root.childCount() if root else 0):
            if root.child(number).data(0, KIND_ROLE) == kind and kind:
                target = root.child(number)
        if target is not None:
            self.setCurrentItem(target)

    def item_of(self, unit_id: int) -> QTreeWidgetItem | None:
        return self._items.get(unit_id)

    def _on_current(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is not None:
            unit_id, kind = self.current_scope()
            self.scope_changed.emit(unit_id, kind)


def _totals(units: Sequence[UnitRow]) -> dict[int, int]:
    """People of each unit and of the units below it."""
    children: dict[int | None, list[int]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit.id)
    own = {u.id: u.people_count for u in units}

    def total(unit_id: int, seen: frozenset[int] = frozenset()) -> int:
        if unit_id in seen:  # a cycle cannot be saved, but never loop on one
            return 0
        return own[unit_id] + sum(total(c, seen | {unit_id}) for c in children.get(unit_id, []))

    return {u.id: total(u.id) for u in units}
