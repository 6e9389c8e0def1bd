"""A page put on screen for a test as a clerk first sees it."""
from __future__ import annotations

from typing import TypeVar

Page = TypeVar("Page")


def shown(qtbot, page: Page, width: int = 1300, height: int = 700) -> Page:  # noqa: ANN001
    """`page` kept by qtbot, at an office size, on screen, its first load answered."""
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(page.is_ready, timeout=5000)
    return page
