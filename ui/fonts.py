"""A CJK font chosen portably, for Qt at start-up; matplotlib's part (no Qt, shared with the
report) lives in app/charts/fonts.py and is re-exported here.
"""
from __future__ import annotations

import logging

from app.charts.fonts import CJK_FAMILIES, configure_matplotlib, find_cjk_file  # noqa: F401

log = logging.getLogger(__name__)

MIN_POINT_SIZE = 9.0


def choose_qt_font(available: list[str]) -> str | None:
    """The first preferred CJK family among `available` (QFontDatabase.families())."""
    present = set(available)
    return next((family for family in CJK_FAMILIES if family in present), None)


def apply_qt_font() -> str | None:
    """Sets the application font to a CJK family, keeping the platform's size."""
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    family = choose_qt_font(QFontDatabase.families())
    app = QApplication.instance()
    if family is None or app is None:
        log.warning("no CJK font found among the system fonts; Chinese may not render")
        return None
    current = app.font()
    font = QFont(family)
    font.setPointSizeF(max(current.pointSizeF(), MIN_POINT_SIZE))
    app.setFont(font)
    return family


def set_look(widget, *, point_size: float | None = None, bold: bool = False,  # noqa: ANN001 — a QWidget
             color: str | None = None) -> None:
    """A label's size, weight and colour, set on its font and palette rather than with a style
    sheet: each style sheet makes Qt build and apply a style for its widget, which 首页's cards
    and headings paid on the way to the first paint."""
    from PySide6.QtGui import QColor, QPalette

    if point_size is not None or bold:
        font = widget.font()
        if point_size is not None:
            font.setPointSizeF(point_size)
        if bold:
            font.setBold(True)
        widget.setFont(font)
    if color is not None:
        palette = widget.palette()
        for role in {QPalette.ColorRole.WindowText, widget.foregroundRole()}:  # a label in a button: ButtonText
            palette.setColor(role, QColor(color))
        widget.setPalette(palette)


def color_of(widget) -> str:  # noqa: ANN001 — a QWidget
    """The text colour `set_look` gave `widget` ("#rrggbb")."""
    return widget.palette().color(widget.foregroundRole()).name()
