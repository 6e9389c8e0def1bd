"""`CheckList`: a list of items to tick (处置方式, linked records); `checked()` in list order."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

DATA_ROLE = Qt.ItemDataRole.UserRole


class CheckList(QListWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, placeholder: str = "") -> None:
        super().__init__(parent)
        self.placeholder = placeholder
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def set_items(self, items: Sequence[tuple[str, object]], checked: Iterable[object] = (),
                  colors: dict[object, str] | None = None) -> None:
        """(label, data) pairs; the `checked` data ticked; optional text colours by data."""
        ticked = set(checked)
        self.blockSignals(True)
        self.clear()
        for label, data in items:
            item = QListWidgetItem(label)
            item.setData(DATA_ROLE, data)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if data in ticked else Qt.CheckState.Unchecked)
            if colors and data in colors:
                item.setForeground(QBrush(QColor(colors[data])))
            self.addItem(item)
        if not items and self.placeholder:
            item = QListWidgetItem(self.placeholder)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(item)
        self.blockSignals(False)
        self.changed.emit()

    def checked(self) -> list[object]:
        return [self.item(i).data(DATA_ROLE) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_checked(self, data: object, on: bool = True) -> None:
        for i in range(self.count()):
            if self.item(i).data(DATA_ROLE) == data:
                self.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def scroll_to_checked(self) -> None:
        """Brings the first ticked item into view (an entry opened for editing)."""
        for i in range(self.count()):
            if self.item(i).checkState() == Qt.CheckState.Checked:
                self.scrollToItem(self.item(i), QListWidget.ScrollHint.PositionAtCenter)
                return
