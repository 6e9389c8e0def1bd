"""使用说明 (page key `help`): the manual with its contents and search (ui/help/view.py), and the
rest of the help — back to the page F1 came from, the whole manual as one PDF to print,
快捷键一览, 新版本说明 and 关于清风台账."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.auth import Actor
from app.version import VERSION
from ui import messages
from ui.help.about import AboutDialog
from ui.help.document import write_pdf
from ui.help.release_notes import all_notes
from ui.help.shortcut_sheet import ShortcutSheet
from ui.help.view import HelpView
from ui.pages.registry import PAGE_LABELS

if TYPE_CHECKING:
    from app.workspace.facade import Workspace

TITLE = "使用说明"
START = "start"
BACK = "← 返回“{page}”"
PDF, SHORTCUTS, NOTES, ABOUT = "导出 PDF（打印用）…", "快捷键一览", "新版本说明", "关于清风台账"
PDF_TIP = "把整本使用说明存为一个 PDF 文件，可打印装订"
PDF_TITLE, PDF_FILTER, PDF_FILE = "导出使用说明", "PDF 文件 (*.pdf)", "清风台账使用说明-{version}.pdf"
PDF_DONE = "使用说明已导出（{pages} 页）："


class HelpPage(QWidget):
    TITLE = TITLE
    navigate_requested = Signal(str, dict)

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.back_key: str | None = None
        self.back_button = QPushButton(self)
        self.back_button.clicked.connect(self.go_back)
        self.back_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        for text, slot, tip in ((PDF, self.export_pdf, PDF_TIP), (SHORTCUTS, self.show_shortcuts, ""),
                                (NOTES, self.show_release_notes, ""), (ABOUT, self.show_about, "")):
            button = QPushButton(text, self)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        self.view = HelpView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self.view.show_chapter(START)

    def is_ready(self) -> bool:
        return True  # the chapter is shown as the page is built

    def apply_navigation(self, filters: dict) -> None:
        """{"chapter": KEY, "heading": text, "back": page key}: F1 from a page, 首页's checklist."""
        self.back_key = filters.get("back") or None
        self.back_button.setText(BACK.format(page=PAGE_LABELS.get(self.back_key or "", "")))
        self.back_button.setVisible(bool(self.back_key))
        self.view.show_chapter(filters.get("chapter") or START, filters.get("heading") or "")

    def go_back(self) -> None:
        if self.back_key:
            self.navigate_requested.emit(self.back_key, {})

    # ---- the rest of the help ---------------------------------------------------------------

    def export_pdf(self, path: Path | None = None) -> int:
        """The whole manual as one PDF (asked where, unless `path`); returns its page count."""
        if path is None:
            path = messages.choose_save_path(self, PDF_TITLE, PDF_FILE.format(version=VERSION), PDF_FILTER)
            if path is None:
                return 0
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:  # the manual's size, not the data's: a second or two on the GUI thread
            pages = write_pdf(self.view.chapters, path, font=self.font(), bureau=self.ws.settings.bureau_name,
                              version=VERSION, day=self.ws.today())
        finally:
            QGuiApplication.restoreOverrideCursor()
        messages.inform_file(self, PDF_DONE.format(pages=pages), path)
        return pages

    def show_shortcuts(self) -> ShortcutSheet:
        sheet = ShortcutSheet(self)
        sheet.open()
        return sheet

    def show_release_notes(self) -> QWidget:
        dialog = all_notes(self)
        dialog.open()
        return dialog

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self.ws, self)
        dialog.open()
        return dialog
