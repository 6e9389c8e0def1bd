"""The manual in a window of its own, for F1 over a form or a dialog: a child of that dialog, so
it can be read (and searched) while the form stays open and modal."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from ui.help.view import HelpView

TITLE = "使用说明 — {chapter}"


class HelpWindow(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setModal(False)
        self.view = HelpView(self)
        self.view.chapter_shown.connect(self._retitle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.view)
        self.resize(1000, 680)

    def _retitle(self, _key: str) -> None:
        current = self.view.current
        self.setWindowTitle(TITLE.format(chapter=current.title if current else ""))

    def show_chapter(self, key: str, heading: str = "") -> bool:
        shown = self.view.show_chapter(key, heading)
        self.show()
        self.raise_()
        self.activateWindow()
        return shown
