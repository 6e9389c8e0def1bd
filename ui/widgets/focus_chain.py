"""The Tab order of a form, taken from its layouts: what the layouts draw left to right and top
to bottom is the order Tab follows — a row's fields left to right, a form layout row by row, a
column of a two-column form to its end before the next column.

`focus_stops(root)` lists the widgets Tab should reach (in that order); `chain(root)` sets Qt's
tab order to it. A widget of our own made of several parts (a person picker, a date that may
be empty) is walked through its own layout, so its parts join the order where they stand."""
from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLayout,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QWidget,
)

# Widgets that are one input (Qt's own parts inside them are not stops of the form).
LEAVES = (QAbstractButton, QComboBox, QAbstractSpinBox, QLineEdit, QAbstractSlider, QTabBar)


def takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def _children_in_layout(layout: QLayout) -> Iterator[QWidget]:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        if item.widget() is not None:
            yield item.widget()
        elif item.layout() is not None:
            yield from _children_in_layout(item.layout())


def _walk(widget: QWidget) -> Iterator[QWidget]:
    if isinstance(widget, QTabWidget):
        yield widget.tabBar()
        for index in range(widget.count()):
            yield from _walk(widget.widget(index))
        return
    if isinstance(widget, QScrollArea) and widget.widget() is not None:
        yield from _walk(widget.widget())
        return
    if isinstance(widget, LEAVES) or isinstance(widget, QAbstractScrollArea):
        yield widget
        return
    if isinstance(widget, QSplitter | QStackedWidget):
        kids = [widget.widget(i) for i in range(widget.count())]
    else:
        kids = list(_children_in_layout(widget.layout())) if widget.layout() is not None else []
        # Children placed without a layout (rare) follow, in the order they were made.
        placed = set(map(id, kids))
        kids += [c for c in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                 if id(c) not in placed and not c.isWindow()]
    if not kids and takes_tab(widget):
        yield widget  # a widget of our own that takes the focus itself (a chart)
    for kid in kids:
        yield from _walk(kid)


def focus_stops(root: QWidget) -> list[QWidget]:
    """Every widget under `root` that takes Tab, in the order the layouts draw them (hidden and
    disabled ones included: Qt skips them while they are, and they take their place when shown)."""
    seen: set[int] = set()
    stops = []
    for widget in _walk(root):
        if widget is not root and takes_tab(widget) and id(widget) not in seen and widget.focusProxy() is None:
            seen.add(id(widget))
            stops.append(widget)
        elif widget.focusProxy() is not None and id(widget.focusProxy()) not in seen and takes_tab(widget.focusProxy()):
            seen.add(id(widget.focusProxy()))
            stops.append(widget.focusProxy())
    return stops


def chain(root: QWidget) -> list[QWidget]:
    """Sets the Tab order of everything under `root` to the layouts' order; returns it."""
    stops = focus_stops(root)
    for first, second in zip(stops, stops[1:], strict=False):
        QWidget.setTabOrder(first, second)
    return stops
