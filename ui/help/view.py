"""The manual on screen: the contents (parts, chapters, their sections) and a search box on the
left, the chapter on the right. Used by the help page (key `help`) and by the help window F1
opens over a form. Searching lists the sections holding every word typed; opening one marks the
words in the chapter."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.help.document import new_document, restyle_images
from ui.help.manual import CHAPTER_SCHEME, Chapter, Hit, chapters, search

SEARCH_PLACEHOLDER = "搜索使用说明（如：导入、备份密码）"
NOTHING_FOUND = "没有找到“{text}”。换个说法试试，如“导入”“销号”“备份”。"
FOUND = "找到 {n} 处"
OFFLINE_LINK = "这是外部网址（{url}），本程序不联网；请在能上网的电脑上打开。"
MARK_COLOR = "#ffe58a"
CONTENTS_WIDTH = 250
KEY_ROLE = Qt.ItemDataRole.UserRole
HEADING_ROLE = Qt.ItemDataRole.UserRole + 1
HIT_ROLE = Qt.ItemDataRole.UserRole + 2


class HelpView(QWidget):
    chapter_shown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chapters: list[Chapter] = chapters()
        self.current: Chapter | None = None
        self._marked: list[str] = []
        self._document: QTextDocument | None = None  # the chapter shown (ours to delete)

        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.installEventFilter(self)
        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _t: self._debounce.start())
        self.contents = QTreeWidget(self)
        self.contents.setHeaderHidden(True)
        self.contents.itemActivated.connect(self._open_item)
        self.contents.itemClicked.connect(self._open_item)
        self.results = QTreeWidget(self)
        self.results.setHeaderHidden(True)
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(self._open_item)
        self.results.itemClicked.connect(self._open_item)
        self.found_label = QLabel(self)
        self.found_label.setWordWrap(True)
        self.found_label.setStyleSheet("color: #666;")
        self.left_stack = QStackedWidget(self)
        self.left_stack.addWidget(self.contents)
        self.left_stack.addWidget(self.results)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search_box)
        column.addWidget(self.found_label)
        column.addWidget(self.left_stack, 1)
        self.found_label.hide()

        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        self.browser.viewport().installEventFilter(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([CONTENTS_WIDTH, 900])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._fill_contents()

    # ---- contents ------------------------------------------------------------------------

    def _fill_contents(self) -> None:
        parts: dict[str, QTreeWidgetItem] = {}
        for item in self.chapters:
            part = parts.get(item.part)
            if part is None:
                part = parts[item.part] = QTreeWidgetItem(self.contents, [item.part])
                part.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = part.font(0)
                font.setBold(True)
                part.setFont(0, font)
                part.setExpanded(True)
            entry = QTreeWidgetItem(part, [item.title])
            entry.setData(0, KEY_ROLE, item.key)
            for heading in _headings(item.markdown):
                sub = QTreeWidgetItem(entry, [heading])
                sub.setData(0, KEY_ROLE, item.key)
                sub.setData(0, HEADING_ROLE, heading)

    def chapter_keys(self) -> list[str]:
        return [c.key for c in self.chapters]

    def _item_of(self, key: str) -> QTreeWidgetItem | None:
        for top in range(self.contents.topLevelItemCount()):
            part = self.contents.topLevelItem(top)
            for n in range(part.childCount()):
                if part.child(n).data(0, KEY_ROLE) == key:
                    return part.child(n)
        return None

    # ---- showing ---------------------------------------------------------------------------

    def show_chapter(self, key: str, heading: str = "", marks: list[str] | None = None) -> bool:
        """Shows chapter `key` (at `heading`), marking the words `marks`; False when unknown."""
        found = next((c for c in self.chapters if c.key == key), None)
        if found is None:
            return False
        if found is not self.current:
            self.current = found
            document = new_document(found.markdown, font=self.font(), image_width=self._image_width())
            document.setParent(self.browser)
            self.browser.setDocument(document)  # the browser deletes its own first document
            if self._document is not None:
                self._document.deleteLater()
            self._document = document
            item = self._item_of(key)
            if item is not None:
                self.contents.blockSignals(True)
                self.contents.setCurrentItem(item)
                item.setExpanded(True)
                self.contents.blockSignals(False)
            self.chapter_shown.emit(key)
        self._mark(marks or [])
        if heading:
            self.browser.scrollToAnchor(heading)
        elif marks:
            self._scroll_to_first(marks[0])
        else:
            self.browser.verticalScrollBar().setValue(0)
        return True

    def current_key(self) -> str:
        return self.current.key if self.current else ""

    def _open_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        key = item.data(0, KEY_ROLE)
        if not key:
            return
        hit: Hit | None = item.data(0, HIT_ROLE)
        marks = self.search_box.text().split() if hit is not None else []
        self.show_chapter(key, item.data(0, HEADING_ROLE) or "", marks)
        if hit is not None and hit.heading and marks:
            self.browser.scrollToAnchor(hit.heading)
            self._scroll_to_first(marks[0], from_anchor=hit.heading)

    def _link(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith(CHAPTER_SCHEME):
            self.show_chapter(target[len(CHAPTER_SCHEME):])
        elif target.startswith("#"):
            self.browser.scrollToAnchor(target[1:])
        else:
            self.browser.setToolTip(OFFLINE_LINK.format(url=target))

    # ---- search ----------------------------------------------------------------------------

    def run_search(self) -> list[Hit]:
        text = self.search_box.text().strip()
        self.results.clear()
        if not text:
            self.left_stack.setCurrentWidget(self.contents)
            self.found_label.hide()
            self._mark([])
            return []
        hits = search(self.chapters, text)
        for hit in hits:
            where = hit.chapter.title + (f" › {hit.heading}" if hit.heading else "")
            item = QTreeWidgetItem(self.results, [f"{where}\n{hit.snippet}"])
            item.setToolTip(0, hit.snippet)
            item.setData(0, KEY_ROLE, hit.chapter.key)
            item.setData(0, HEADING_ROLE, hit.heading)
            item.setData(0, HIT_ROLE, hit)
        self.found_label.setText(FOUND.format(n=len(hits)) if hits else NOTHING_FOUND.format(text=text))
        self.found_label.show()
        self.left_stack.setCurrentWidget(self.results)
        if hits:
            self.results.setCurrentItem(self.results.topLevelItem(0))
        return hits

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down):
                if self._debounce.isActive():
                    self._debounce.stop()
                    self.run_search()
                if self.results.topLevelItemCount():
                    self.results.setFocus()
                    if event.key() != Qt.Key.Key_Down:
                        self._open_item(self.results.currentItem())
                return True
        browser = getattr(self, "browser", None)  # events arrive while the view is being built
        if browser is not None and watched is browser.viewport() and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._rescale)
        return super().eventFilter(watched, event)

    # ---- marks and images ------------------------------------------------------------------

    def _mark(self, words: list[str]) -> None:
        self._marked = words
        selections = []
        document = self.browser.document()
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(MARK_COLOR))
        for word in words:
            cursor = document.find(word)
            while not cursor.isNull():
                selection = QTextEdit.ExtraSelection()
                selection.cursor, selection.format = cursor, fmt
                selections.append(selection)
                cursor = document.find(word, cursor)
        self.browser.setExtraSelections(selections)

    def marked_count(self) -> int:
        return len(self.browser.extraSelections())

    def _scroll_to_first(self, word: str, from_anchor: str = "") -> None:
        document: QTextDocument = self.browser.document()
        start = QTextCursor(document)
        if from_anchor:
            block = document.begin()
            while block.isValid() and block.text().strip() != from_anchor:
                block = block.next()
            if block.isValid():
                start.setPosition(block.position())
        cursor = document.find(word, start)
        if not cursor.isNull():
            self.browser.setTextCursor(cursor)
            self.browser.ensureCursorVisible()

    def _image_width(self) -> float:
        return max(320.0, self.browser.viewport().width() - 40.0)

    def _rescale(self) -> None:
        restyle_images(self.browser.document(), self._image_width())


def _headings(markdown: str) -> list[str]:
    return [line.lstrip("#").strip() for line in markdown.splitlines() if line.startswith("## ")]
