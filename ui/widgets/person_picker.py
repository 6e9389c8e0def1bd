"""`PersonPicker`: type a name or its pinyin initials (张三 ↔ zs), pick from people shown with their
unit and post, so homonyms are told apart. Suggestions are a bounded query per keystroke.

Enter takes the highlighted person; with the list not shown yet it takes the one match (or the
one whose name or initials begin with the text), else opens the list with none highlighted and
waits for ↓ and Enter — never a silent first pick among several. Enter on a chosen person moves
on (the form's)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from app.registers.people.query import lead_match, suggest_people
from app.registers.people.types import PersonRow

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

PLACEHOLDER = "输入姓名或拼音首字母，从列表中选择"
ID_ROLE = Qt.ItemDataRole.UserRole
LIMIT = 20
DEBOUNCE_MS = 150


class PersonPicker(QLineEdit):
    """`person_id()` is the chosen person, None while the text names nobody chosen."""

    person_changed = Signal(object)  # the person id, or None when the text no longer names one

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self._person_id: int | None = None
        self.setPlaceholderText(PLACEHOLDER)
        self.model = QStandardItemModel(self)
        self.completer_ = QCompleter(self.model, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setMaxVisibleItems(LIMIT)
        self.completer_.setWidget(self)
        self.completer_.activated[QModelIndex].connect(self._picked)
        self.completer_.popup().installEventFilter(self)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        self.textEdited.connect(self._typed)

    def person_id(self) -> int | None:
        return self._person_id

    def set_person(self, person_id: int | None, display: str) -> None:
        """Shows a chosen person (opening a record) without emitting `person_changed`."""
        self._person_id = person_id
        self.setText(display)

    def draft_value(self) -> dict:
        return {"person_id": self._person_id, "text": self.text()}

    def set_draft_value(self, value: object) -> None:
        if isinstance(value, dict):
            self._person_id = value.get("person_id") if isinstance(value.get("person_id"), int) else None
            self.setText(value.get("text", ""))
            if self._person_id is not None:
                self.person_changed.emit(self._person_id)

    def suggestions(self) -> list[tuple[int, str]]:
        return [(self.model.item(r).data(ID_ROLE), self.model.item(r).text())
                for r in range(self.model.rowCount())]

    def search_now(self) -> list[PersonRow]:
        """Fills the list with people matching the text (names or pinyin initials first); the
        one match, or the one beginning with the text, is highlighted."""
        text = self.text().strip()
        rows: list[PersonRow] = []
        if text:
            with self.ws.reading() as session:
                rows = suggest_people(session, self.actor, text, LIMIT)
        self.model.clear()
        for person in rows:
            item = QStandardItem(person.display)
            item.setData(person.id, ID_ROLE)
            self.model.appendRow(item)
        if rows and self.hasFocus():
            self.completer_.complete()
            lead = lead_match(rows, text)
            self.completer_.popup().setCurrentIndex(
                self.model.index(rows.index(lead), 0) if lead is not None else QModelIndex())
        return rows

    def eventFilter(self, watched, event: QEvent) -> bool:  # noqa: ANN001, N802 — Qt override
        """Enter on the list with nobody highlighted takes nobody: the list stays for ↓."""
        popup = self.completer_.popup()
        return (watched is popup and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not popup.currentIndex().isValid())

    def event(self, event: QEvent) -> bool:  # noqa: D102 — Qt override
        if (event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and self._person_id is None and self.text().strip()):
            popup = self.completer_.popup()
            if popup.isVisible() and popup.currentIndex().isValid():
                self._picked(popup.currentIndex())
                popup.hide()
                return True
            self._timer.stop()
            rows = self.search_now()
            lead = lead_match(rows, self.text().strip())
            if lead is not None:
                self._picked(self.model.index(rows.index(lead), 0))
                self.completer_.popup().hide()
            return True  # taken, or the list is open for a choice: Enter does not move on yet
        return super().event(event)

    def pick(self, row: int) -> None:
        """Chooses the suggestion at `row` (what clicking it does)."""
        self._picked(self.model.index(row, 0))

    def _typed(self, _text: str) -> None:
        if self._person_id is not None:
            self._person_id = None
            self.person_changed.emit(None)
        self._timer.start()

    def _picked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self._person_id = index.data(ID_ROLE)
        self.setText(index.data(Qt.ItemDataRole.DisplayRole))
        self.person_changed.emit(self._person_id)
