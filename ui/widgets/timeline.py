"""`TimelineView`: every record about one person, in date order, from every register that adds a
provider to app.timeline.PROVIDERS (position changes, talks, and later ones). Loaded off the GUI
thread; a double-click or Enter asks to open the record (`open_requested(page, filters)`)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.auth import Actor
from app.registers.people.timeline import person_timeline
from app.timeline import TimelineItem
from ui.models.columns import Column, RowsTableModel
from ui.widgets.rows_view import rows_view
from ui.workers import NewestRead

if TYPE_CHECKING:
    from app.workspace.facade import Workspace

EMPTY = "暂无记录。"
NO_PERSON = "选择一名在册人员后，这里按时间列出与其有关的全部记录。"
LOADING = "正在读取…"
COUNT = "共 {count} 条，双击可打开记录"
COLOURS = {"talks": "#1f4e79", "people": "#5b5b5b"}

COLUMNS = (
    Column("day", "日期", 80),
    Column("kind", "类别", 84, color=lambda item: COLOURS.get(item.register)),
    Column("summary", "内容", 120, tooltip=True),  # the last: it takes the spare width
)


def navigation_for(item: TimelineItem, person_id: int) -> tuple[str, dict]:
    """The page and filters that show a timeline item's record."""
    if item.register == "people":
        return "people", {"person_id": person_id}
    key = {"talks": "talk_id"}.get(item.register, "record_id")
    filters = {key: item.record_id, "person_id": person_id}
    if item.register == "duty":  # a page of several registers tells them apart by the item's kind
        filters["timeline_kind"] = item.kind
    return item.register, filters


class TimelineView(QWidget):
    open_requested = Signal(str, dict)
    loaded = Signal()

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor = actor  # the timeline lists the records this user may read
        self.person_id: int | None = None
        self._read = NewestRead(self)
        self.model = RowsTableModel(COLUMNS, parent=self)
        self.view = rows_view(self.model, self, single=True)  # a narrow panel: the summary wraps
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.doubleClicked.connect(self._open)
        self.view.activated.connect(self._open)
        self.status = QLabel(NO_PERSON, self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)

    def set_person(self, person_id: int | None) -> None:
        """Shows `person_id`'s timeline (None: empty, with a hint)."""
        self.person_id = person_id
        if person_id is None:
            self._read.drop()
            self.model.set_rows([])
            self.status.setText(NO_PERSON)
            self.loaded.emit()
            return
        self.status.setText(LOADING)
        ws, actor = self.ws, self.actor

        def work(_progress: object) -> list[TimelineItem]:
            with ws.reading() as session:
                return person_timeline(session, actor, person_id)

        self._read.run(work, on_done=self._apply)

    @property
    def is_loading(self) -> bool:
        return self._read.loading

    def _apply(self, items: list[TimelineItem]) -> None:
        self.model.set_rows(items)
        self.view.resizeRowsToContents()
        self.status.setText(COUNT.format(count=len(items)) if items else EMPTY)
        if items:
            self.view.scrollToBottom()  # the latest at hand; the history above it
        self.loaded.emit()

    def items(self) -> list[TimelineItem]:
        return self.model.rows()

    def _open(self, index: QModelIndex) -> None:
        item = self.model.row_at(index)
        if item is not None and self.person_id is not None:
            self.open_requested.emit(*navigation_for(item, self.person_id))

    def select_record(self, register: str, record_id: int) -> None:
        for number, item in enumerate(self.model.rows()):
            if (item.register, item.record_id) == (register, record_id):
                self.view.selectRow(number)
                self.view.scrollTo(self.model.index(number, 0), QAbstractItemView.ScrollHint.EnsureVisible)
                return

    def sizeHint(self):  # noqa: ANN201, N802 — Qt override
        hint = super().sizeHint()
        hint.setWidth(sum(c.width for c in COLUMNS) + 24)
        return hint


__all__ = ["COLUMNS", "TimelineView", "navigation_for"]
