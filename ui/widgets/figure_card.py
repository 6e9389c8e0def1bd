"""`FigureCard`: one figure on 首页 — a big number, what it counts, a note (the year, the month) —
that opens the filtered register when clicked (mouse, Enter or Space)."""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.fonts import set_look

LOADING = "…"
# The card as painted (paintEvent): no style sheet, which would cost the start-up its style and
# override the labels' colours (a style sheet on a widget wins over its children's palettes).
BORDER, BORDER_HOT, BACKGROUND, BACKGROUND_HOT, BACKGROUND_OFF = "#dde1e6", "#b8312f", "#ffffff", "#fff8f7", "#fafafa"
RADIUS = 6
LONG_VALUE = 6  # characters: a longer value (13 次 / 13 人次) gets a smaller font
NORMAL, ALERT, QUIET = "#1f2d3d", "#c0392b", "#8a8a8a"


class FigureCard(QPushButton):
    """`set_value(text, note, alert=False)`; `clicked` opens what the figure counts."""

    def __init__(self, key: str, label: str, tip: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("figureCard")
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)  # repainted as the mouse comes and goes
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tip)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(CardStrip.CARD_WIDTH)
        self.value_label = QLabel(LOADING, self)
        self.caption = QLabel(label, self)
        set_look(self.caption, point_size=10, color="#333333")
        self.note = QLabel("", self)
        set_look(self.note, point_size=9, color="#777777")
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

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 — Qt override
        """A rounded white card; red-edged (and tinted) under the mouse, a 2-px red edge with focus."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        enabled = self.isEnabled()
        hover, focus = enabled and self.underMouse(), self.hasFocus()
        width = 2 if focus else 1
        painter.setPen(QPen(QColor(BORDER_HOT if hover or focus else BORDER), width))
        painter.setBrush(QColor(BACKGROUND_OFF if not enabled else BACKGROUND_HOT if hover else BACKGROUND))
        half = width / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(half, half, -half, -half), RADIUS, RADIUS)

    def _paint(self, color: str) -> None:
        size = 20 if len(self.value_label.text()) <= LONG_VALUE else 15
        set_look(self.value_label, point_size=size, bold=True, color=color)

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
