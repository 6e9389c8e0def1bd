"""关于清风台账: the version and build, the workspace in use and its size, the newest backup, the
audit chain's 校验码 now (app/about.py `chain_code`, the code backups and reports print), and the
libraries the program ships with their licences — PySide6's LGPL notice and the licence texts among them."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.about import LIBRARIES, AboutFacts, about_facts, library_version, size_text
from resources.paths import licences
from ui.help.document import new_document
from ui.models.columns import Column, RowsTableModel
from ui.widgets.rows_view import rows_view
from ui.workers import run_task

if TYPE_CHECKING:
    from app.workspace.facade import Workspace

TITLE = "关于清风台账"
TAB_ABOUT, TAB_LICENCES, TAB_NOTICE = "关于", "许可证", "开源软件许可说明"
HEADING = "清风台账"
TAGLINE = "机关纪委廉政工作台账 · 离线运行，数据只保存在本机或本单位的服务器"
LOADING = "正在统计…"
L_VERSION, L_BUILT, L_QT = "版本", "构建日期", "界面库"
L_WORKSPACE, L_SIZE, L_BACKUP, L_CHAIN = "工作区", "占用空间", "最新备份", "操作日志链校验码"
CHAIN_TEXT = ("<b style='font-family: monospace; font-size: 11pt;'>{code}</b><br>"
              "<span style='color: #666;'>此刻的操作日志链头（第 {last} 条），每次改动后都会变。备份、报告和归档清单上"
              "印有当时的校验码，抄存后可在“系统管理 › 操作日志 › 核对校验码…”中核对。</span>")
QT_TEXT = "Qt {qt}，PySide6 {pyside}（LGPL-3.0）"
FULL_TEXT = "许可证全文："
CLOSE = "关闭"
LIBRARY_COLUMNS = (Column("name", "软件", 220), Column("licence", "许可证", 200),
                   Column("version", "版本", 90), Column("url", "网址", 260, stretch=True))
TEXTS = ("LGPL-3.0.txt", "GPL-3.0.txt", "LGPL-2.1.txt", "Apache-2.0.txt")


class _LibraryRow:
    def __init__(self, name: str, licence: str, version: str, url: str) -> None:
        self.name, self.licence, self.version, self.url = name, licence, version, url


def library_rows() -> list[_LibraryRow]:
    rows = []
    for library in LIBRARIES:
        version = pyside_version if library.distribution == "PySide6-Essentials" else library_version(library)
        rows.append(_LibraryRow(library.name, library.licence, version or "—", library.url))
    return rows


class AboutDialog(QDialog):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.facts: AboutFacts | None = None
        self.setWindowTitle(TITLE)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._about_tab(), TAB_ABOUT)
        self.tabs.addTab(self._licences_tab(), TAB_LICENCES)
        self.tabs.addTab(self._notice_tab(), TAB_NOTICE)
        buttons = QDialogButtonBox(self)
        buttons.addButton(CLOSE, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(820, 560)
        run_task(self, lambda _progress: about_facts(ws), on_done=self._show_facts)

    def _about_tab(self) -> QWidget:
        tab = QWidget(self)
        heading = QLabel(HEADING, tab)
        heading.setStyleSheet("font-size: 18pt; font-weight: bold; color: #a61b1b;")
        tagline = QLabel(TAGLINE, tab)
        tagline.setStyleSheet("color: #555;")
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for label in (L_VERSION, L_BUILT, L_QT, L_WORKSPACE, L_SIZE, L_BACKUP, L_CHAIN):
            value = QLabel(LOADING, tab)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[label] = value
            form.addRow(label + "：", value)
        self.values[L_QT].setText(QT_TEXT.format(qt=qVersion(), pyside=pyside_version))
        column = QVBoxLayout(tab)
        column.addWidget(heading)
        column.addWidget(tagline)
        column.addSpacing(8)
        column.addLayout(form)
        column.addStretch(1)
        return tab

    def _show_facts(self, facts: AboutFacts) -> None:
        self.facts = facts
        self.values[L_VERSION].setText(facts.version)
        self.values[L_BUILT].setText(facts.built_on)
        self.values[L_WORKSPACE].setText(facts.workspace)
        total = sum(size for _, size in facts.sizes)
        parts = "，".join(f"{what} {size_text(size)}" for what, size in facts.sizes)
        self.values[L_SIZE].setText(f"{size_text(total)}（{parts}）" if len(facts.sizes) > 1 else parts)
        self.values[L_BACKUP].setText(facts.newest_backup)
        last = facts.chain_code.partition(":")[0]
        self.values[L_CHAIN].setTextFormat(Qt.TextFormat.RichText)
        self.values[L_CHAIN].setText(CHAIN_TEXT.format(code=facts.chain_code, last=last))

    def _licences_tab(self) -> QWidget:
        tab = QWidget(self)
        self.library_model = RowsTableModel(LIBRARY_COLUMNS, library_rows(), parent=tab)
        view = rows_view(self.library_model, tab)
        self.text_choice = QComboBox(tab)
        self.text_choice.addItems(TEXTS)
        self.licence_text = QPlainTextEdit(tab)
        self.licence_text.setReadOnly(True)
        self.text_choice.currentTextChanged.connect(self._show_text)
        column = QVBoxLayout(tab)
        column.addWidget(view, 3)
        row = QVBoxLayout()
        row.addWidget(QLabel(FULL_TEXT, tab))
        row.addWidget(self.text_choice)
        column.addLayout(row)
        column.addWidget(self.licence_text, 2)
        self._show_text(TEXTS[0])
        return tab

    def _show_text(self, name: str) -> None:
        self.licence_text.setPlainText((licences() / name).read_text("utf-8"))

    def _notice_tab(self) -> QWidget:
        browser = QTextBrowser(self)
        browser.setOpenLinks(False)
        notice = new_document((licences() / "NOTICE.md").read_text("utf-8"), font=self.font(), folder=licences())
        notice.setParent(browser)
        browser.setDocument(notice)
        return browser
