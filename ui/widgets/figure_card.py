"""`FigureCard`: one figure on 首页 — a big number, what it counts, a note (the year, the month) —
that opens the filtered register when clicked (mouse, Enter or Space)."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

LOADING = "…"
STYLE = """
QPushButton#figureCard { background: #ffffff; border: 1px solid #dde1e6; border-radius: 6px;
                         text-align: left; }
QPushButton#figureCard:hover { border-color: #b8312f; background: #fff8f7; }
QPushButton#figureCard:focus { border: 2px solid #b8312f; }
QPushButton#figureCard:disabled { background: #fafafa; }
"""
VALUE_STYLE = "font-size: {size}pt; font-weight: bold; color: {color};"
LONG_VALUE = 6  # characters: a longer value (13 次 / 13 人次) gets a smaller font
NORMAL, ALERT, QUIET = "#1f2d3d", "#c0392b", "#8a8a8a"


class FigureCard(QPushButton):
    """`set_value(text, note, alert=False)`; `clicked` opens what the figure counts."""

    def __init__(self, key: str, label: str, tip: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("figureCard")
        self.setStyleSheet(STYLE)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tip)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(CardStrip.CARD_WIDTH)
        self.value_label = QLabel(LOADING, self)
        self.caption = QLabel(label, self)
        self.caption.setStyleSheet("color: #333; font-size: 10pt;")
        self.note = QLabel("", self)
        self.note.setStyleSheet("color: #777; font-size: 9pt;")
        for child in (self.value_label, self.caption, self.note):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 8, 12, 8)
        column.setSpacing(1)
        column.addWidget(self.value_label)
        column.addWidget(self.caption)
        column.addWidget(self.note)
        self.setFixedHeight(column.sizeHint().height() + 22)
        self._paint(NORMAL)
        self.setAccessibleName(label)

    def _paint(self, color: str) -> None:
        size = 20 if len(self.value_label.text()) <= LONG_VALUE else 15
        self.value_label.setStyleSheet(VALUE_STYLE.format(size=size, color=color))

    def set_value(self, text: str, note: str = "", *, alert: bool = False, quiet: bool = False) -> None:
        self.value_label.setText(text)
        self.note.setText(note)
        self._paint(ALERT if alert else QUIET if quiet else NORMAL)
        self.setAccessibleDescription(f"{text} {note}".strip())

    def value_text(self) -> str:
        return self.value_label.text()


class CardStrip(QWidget):
    """The cards in one row when there is room, else in as many rows as needed (a narrow window
    keeps every figure readable instead of forcing the window wider): its height follows its
    width, and the cards are placed by hand."""

    CARD_WIDTH = 150  # below this a card's figure no longer fits
    SPACING = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.cards: list[FigureCard] = []

    def add_card(self, card: FigureCard) -> None:
        card.setParent(self)
        self.cards.append(card)
        self.updateGeometry()

    def columns(self, width: int | None = None) -> int:
        width = self.width() if width is None else width
        fits = (width + self.SPACING) // (self.CARD_WIDTH + self.SPACING)
        return max(1, min(len(self.cards), fits))

    def _card_height(self) -> int:
        return self.cards[0].height() if self.cards else 0

    def hasHeightForWidth(self) -> bool:  # noqa: N802 — Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 — Qt override
        if not self.cards:
            return 0
        rows = -(-len(self.cards) // self.columns(width))
        return rows * self._card_height() + (rows - 1) * self.SPACING

    def sizeHint(self) -> QSize:  # noqa: N802 — Qt override
        width = len(self.cards) * (self.CARD_WIDTH + self.SPACING) - self.SPACING
        return QSize(max(width, 0), self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 — Qt override
        return QSize(self.CARD_WIDTH, self._card_height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 — Qt override
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        if not self.cards:
            return
        columns = self.columns()
        width = (self.width() - (columns - 1) * self.SPACING) / columns
        height = self._card_height()
        for number, card in enumerate(self.cards):
            row, column = divmod(number, columns)
            left = round(column * (width + self.SPACING))
            right = round((column + 1) * (width + self.SPACING) - self.SPACING)
            card.setGeometry(left, row * (height + self.SPACING), right - left, height)
