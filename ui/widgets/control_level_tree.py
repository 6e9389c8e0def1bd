"""The unit tree of 廉政风险点: each unit with its number of confirmed risk points of the year and
its 防控等级 (the highest level among them) in the level's colour."""
from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QSize
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPixmap
from PySide6.QtWidgets import QHeaderView, QWidget

from app.registers.units.types import UnitRow
from app.settings import Settings
from ui.widgets.unit_tree import UnitTree

HEADERS = ("单位（已确认风险点）", "防控等级")
LEVEL_TIP = "{name}：{year}年防控等级 {label}（已确认风险点中的最高等级）"
NO_LEVEL_TIP = "{name}：{year}年没有已确认的风险点"


@functools.cache
def level_icon(colour: str, size: int = 10) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class ControlLevelTree(UnitTree):
    """`UnitTree` with a second column: the unit's 防控等级 for the year. Counts are confirmed
    risk points (the unit's and those of the units below it), never people."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderHidden(False)
        self.setHeaderLabels(list(HEADERS))
        self.setIndentation(12)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._levels: dict[int, int] = {}
        self._shown: tuple = ()

    def show_levels(self, units: Sequence[UnitRow], kind_labels: dict[str, str],
                    counts: dict[int, int], levels: dict[int, int], settings: Settings,
                    year: int | None) -> None:
        """Rebuilds the tree for the year (the clerk's choice is kept, without a signal); nothing
        to do when the figures are those already shown (a filter changed, not the year)."""
        shown = (tuple(u.id for u in units), tuple(sorted(counts.items())), tuple(sorted(levels.items())), year)
        if shown == self._shown:
            return
        self._shown = shown
        self._levels = dict(levels)
        self.set_units([replace(u, people_count=counts.get(u.id, 0)) for u in units], kind_labels)
        bold = QFont(self.font())
        bold.setBold(True)
        for unit in units:
            item = self.item_of(unit.id)
            if item is None:
                continue
            level = levels.get(unit.id)
            if level is None:
                item.setText(1, "")
                item.setIcon(1, QIcon())
                item.setToolTip(1, NO_LEVEL_TIP.format(name=unit.name, year=year or ""))
                continue
            colour = settings.level_color(level)
            item.setText(1, settings.level_label(level))
            item.setIcon(1, level_icon(colour))
            item.setForeground(1, QBrush(QColor(colour)))
            item.setFont(1, bold)
            item.setToolTip(1, LEVEL_TIP.format(name=unit.name, year=year or "",
                                                label=settings.level_label(level)))

    def sizeHint(self) -> QSize:  # noqa: N802 — Qt override: leave the register its width
        return QSize(max(self.minimumWidth(), 215), super().sizeHint().height())

    def level_of(self, unit_id: int) -> int | None:
        return self._levels.get(unit_id)
