"""快捷键一览 (Ctrl+/, or 帮助 › 快捷键一览): every shortcut, row by row from ui/shortcuts.py — the
table the code makes its keys from — with the page keys named after the pages registered."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.models.columns import Column, RowsTableModel
from ui.pages.registry import registered_pages
from ui.shortcuts import SheetRow, sheet_rows
from ui.widgets.rows_view import rows_view

TITLE = "快捷键一览"
INTRO = "这些按键在程序中随处可用（“在哪里”一栏说明适用的地方）。按 F1 可打开当前页面或表单的使用说明。"
CLOSE = "关闭"
COLUMNS = (Column("keys", "按键", 130), Column("what", "作用", 380, stretch=True),
           Column("where", "在哪里", 300))


def current_rows() -> list[SheetRow]:
    return sheet_rows([spec.label for spec in registered_pages()])


class ShortcutSheet(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.model = RowsTableModel(COLUMNS, current_rows(), parent=self)
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        self.view = rows_view(self.model, self)
        self.view.resizeRowsToContents()
        buttons = QDialogButtonBox(self)
        buttons.addButton(CLOSE, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(900, 620)

    def listed_keys(self) -> list[str]:
        return [row.keys for row in self.model.rows()]
