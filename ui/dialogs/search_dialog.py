"""搜索全部 (Ctrl+K anywhere): one box over every register — names, pinyin initials, any
substring of the text fields, two characters too — results grouped by register as the clerk
types (debounced, searched off the GUI thread); Enter or a double-click opens the record."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.auth import Actor
from app.search import Hit, SearchResult, search_everything
from ui.workers import run_task

if TYPE_CHECKING:
    from app.workspace.facade import Workspace

TITLE = "搜索全部"
PLACEHOLDER = "输入姓名、拼音首字母（如 zs）或任意文字，回车打开所选记录"
HEADERS = ("记录", "单位 / 日期", "匹配内容")
GROUP = "{label}（{n}{more}）"
MORE = "+"
MORE_HINT = "仅显示前 {n} 条，请输入更具体的词"
SEARCHING = "正在搜索…"
FOUND = "共找到 {n} 条，↑↓ 选择，回车打开"
NOTHING = "没有找到与“{text}”相关的记录"
EMPTY = "可搜索人员、单位、风险点、监督检查、问题整改、谈话记录、第一种形态台账"
DEBOUNCE_MS = 250
PER_GROUP = 8
HIT_ROLE = Qt.ItemDataRole.UserRole


class SearchDialog(QDialog):
    open_requested = Signal(str, dict)

    def __init__(self, ws: Workspace, actor: Actor, pages: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor, self.pages = ws, actor, set(pages)
        self.setWindowTitle(TITLE)
        self.resize(760, 520)
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(PLACEHOLDER)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setStyleSheet("font-size: 12pt; padding: 4px;")
        self.results = QTreeWidget(self)
        self.results.setHeaderLabels(HEADERS)
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setStyleSheet("QTreeWidget::item { padding: 3px 2px; }")
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.results.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.results.setColumnWidth(0, 230)
        self.results.setColumnWidth(1, 190)
        header.setStretchLastSection(True)
        self.status = QLabel(EMPTY, self)
        self.status.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_box)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.search_now)
        self.search_box.textChanged.connect(lambda _t: self.timer.start())
        self.search_box.returnPressed.connect(self.open_current)
        self.search_box.installEventFilter(self)
        self.results.itemActivated.connect(lambda _item, _col: self.open_current())
        self._asked = 0      # the newest search asked for
        self._shown = -1     # the search whose results are shown
        self.result: SearchResult | None = None

    # ---- searching -------------------------------------------------------------------------

    def search_now(self) -> None:
        """Searches for the box's text off the GUI thread; an older answer arriving late is dropped."""
        self.timer.stop()
        text = self.search_box.text()
        self._asked += 1
        asked = self._asked
        if not text.strip():
            self._show(asked, SearchResult("", ()))
            return
        self.status.setText(SEARCHING)
        ws, actor, pages = self.ws, self.actor, set(self.pages)

        def work(_progress: Any) -> SearchResult:
            with ws.reading() as session:
                return search_everything(session, actor, text, PER_GROUP, pages)

        run_task(self, work, on_done=lambda result: self._show(asked, result))

    def is_idle(self) -> bool:
        """No search waiting or running: what is shown answers the box's text."""
        return not self.timer.isActive() and self._shown == self._asked

    def _show(self, asked: int, result: SearchResult) -> None:
        if asked != self._asked:
            return  # the clerk typed on; a newer search is coming
        self._shown = asked
        self.result = result
        self.results.clear()
        first: QTreeWidgetItem | None = None
        for label, hits, more in result.groups:
            group = QTreeWidgetItem(self.results, [GROUP.format(label=label, n=len(hits), more=MORE if more else "")])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setFirstColumnSpanned(True)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setForeground(0, Qt.GlobalColor.darkRed)
            if more:
                group.setToolTip(0, MORE_HINT.format(n=len(hits)))
            for hit in hits:
                item = QTreeWidgetItem(self.results, [hit.title, hit.detail, hit.snippet])
                item.setData(0, HIT_ROLE, hit)
                item.setToolTip(2, hit.snippet)
                first = first or item
        if first is not None:
            self.results.setCurrentItem(first)
        if not result.text:
            self.status.setText(EMPTY)
        elif result.count:
            self.status.setText(FOUND.format(n=result.count))
        else:
            self.status.setText(NOTHING.format(text=result.text))

    # ---- choosing --------------------------------------------------------------------------

    def hits(self) -> list[Hit]:
        """The hits shown, in order (tests and keyboard navigation)."""
        found = []
        for number in range(self.results.topLevelItemCount()):
            hit = self.results.topLevelItem(number).data(0, HIT_ROLE)
            if hit is not None:
                found.append(hit)
        return found

    def current_hit(self) -> Hit | None:
        item = self.results.currentItem()
        return item.data(0, HIT_ROLE) if item is not None else None

    def open_current(self) -> None:
        """Opens the selected hit (Enter in the box: the first, once the search has answered)."""
        if not self.is_idle():
            self.search_now()
            return
        hit = self.current_hit()
        if hit is not None:
            self.accept()
            self.open_requested.emit(hit.register, dict(hit.filters))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        """↑↓ in the search box move through the results."""
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if key == Qt.Key.Key_Down else -1)
                return True
        return super().eventFilter(watched, event)

    def _move(self, step: int) -> None:
        items = [self.results.topLevelItem(n) for n in range(self.results.topLevelItemCount())]
        hits = [item for item in items if item.data(0, HIT_ROLE) is not None]
        if not hits:
            return
        current = self.results.currentItem()
        at = hits.index(current) if current in hits else -1
        self.results.setCurrentItem(hits[max(0, min(len(hits) - 1, at + step))])

    def start(self) -> None:
        """Shown again: the last text selected, so typing replaces it."""
        self.search_box.selectAll()
        self.search_box.setFocus()
