"""`ParticipantPicker`: the people of one role in a form (谈话人, 被谈话人, 记录人), keyboard first.

Type a name or its pinyin initials (张三 ↔ zs): every match comes from the people register off
the GUI thread, in a list under the field with unit and position. Enter takes the highlighted
match, else the one person with exactly that name, else the one match there is; with several
and none highlighted nobody is taken — the list stays open with a message, ↓/↑ choose and Enter
takes (never a silent first pick: "lj" may be eight people, two of them 李静). Text with
brackets, or a Chinese name the register does not know, becomes an outsider: 赵某（某公司·经理）.
Backspace in the empty box removes the last person; the ✕ on a person removes them. Enter in
the empty box, or Tab, leaves the field.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QFrame, QLineEdit, QToolButton, QWidget

from app.errors import ValidationError
from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.talks.types import ParticipantDraft, parse_outsider
from ui.widgets.flow_layout import FlowLayout
from ui.workers import NewestRead

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

PLACEHOLDER = "姓名或拼音首字母"
OUTSIDER_TIP = "名册外人员（外单位）"
REMOVE_TIP = "移除（或在空白输入框中按退格键）"
HOMONYMS = "“{name}”有 {count} 人同名，请用 ↓ 从列表中选择后按回车。"
SEVERAL = "“{text}”对应 {count} 人，请用 ↓ 从列表中选择后按回车，或继续输入。"
NOT_REGISTERED = "“{name}”不在人员名册中，请从列表中选择。"
DEBOUNCE_MS = 120
PERSON_ROLE = Qt.ItemDataRole.UserRole + 1


def label_of(p: ParticipantDraft, display: str = "") -> str:
    if display:
        return display
    detail = "·".join(x for x in (p.unit_name, p.position) if x)
    return f"{p.name}（{detail}）" if detail else p.name


class ParticipantPicker(QFrame):
    changed = Signal()
    suggestions_ready = Signal()
    problem = Signal(str)  # a homonym or an unknown name on Enter: the form shows it by the field

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None, *,
                 single: bool = False, outsiders: bool = True, field: str = "",
                 placeholder: str = PLACEHOLDER) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.single, self.allow_outsiders, self.field = single, outsiders, field
        self._chosen: list[tuple[ParticipantDraft, QToolButton]] = []
        self._suggested: list[people_types.PersonRow] = []
        self._suggest = NewestRead(self)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.palette().ColorRole.Base)
        self.flow = FlowLayout(self)
        self.edit = QLineEdit(self)
        self.edit.setFrame(False)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setMinimumWidth(130)
        self.edit.installEventFilter(self)
        self.flow.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setWidget(self.edit)
        self.completer.activated[QModelIndex].connect(self._on_activated)
        self.completer.popup().installEventFilter(self)  # Enter on it with nothing highlighted
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._fetch)
        self.edit.textEdited.connect(lambda _t: self._timer.start())

    # ---- the chosen people ---------------------------------------------------------------

    def participants(self) -> list[ParticipantDraft]:
        return [p for p, _ in self._chosen]

    def set_participants(self, people: Sequence[ParticipantDraft | object]) -> None:
        for _, button in self._chosen:
            self._drop(button)
        self._chosen.clear()
        for p in people:
            display = getattr(p, "display", "")
            draft = p.as_draft() if hasattr(p, "as_draft") else p
            self.add(draft, display, emit=False)
        self.changed.emit()

    def add(self, person: ParticipantDraft, display: str = "", *, emit: bool = True) -> None:
        if person.person_id is not None and any(p.person_id == person.person_id for p, _ in self._chosen):
            return
        if self.single:
            self.set_participants([])
        button = QToolButton(self)
        button.setText(f"{label_of(person, display)}  ✕")
        button.setToolTip(REMOVE_TIP if person.person_id else f"{OUTSIDER_TIP}；{REMOVE_TIP}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoRaise(False)
        if person.person_id is None:
            button.setStyleSheet("color: #7a4b00;")
        button.clicked.connect(lambda: self.remove(button))
        self._chosen.append((person, button))
        self.flow.insert_widget(len(self._chosen) - 1, button)
        self.updateGeometry()
        if emit:
            self.changed.emit()

    def _drop(self, button: QToolButton) -> None:
        """Out of the layout at once (deleted later: it may be the one being clicked)."""
        button.hide()
        self.flow.removeWidget(button)
        button.deleteLater()

    def remove(self, button: QToolButton) -> None:
        self._chosen = [(p, b) for p, b in self._chosen if b is not button]
        self._drop(button)
        self.updateGeometry()
        self.changed.emit()

    def draft_value(self) -> dict:
        """The chosen people and what is typed but not yet taken (a form's draft)."""
        return {"people": self.state(), "typing": self.edit.text()}

    def set_draft_value(self, value: object) -> None:
        if isinstance(value, dict):
            self.restore(value.get("people", []))
            self.edit.setText(value.get("typing", ""))

    def state(self) -> list[dict]:
        """The chosen people as plain data (drafts)."""
        return [{"name": p.name, "person_id": p.person_id, "unit_name": p.unit_name,
                 "position": p.position, "display": b.text().removesuffix("  ✕")}
                for p, b in self._chosen]

    def restore(self, state: Sequence[dict]) -> None:
        self.set_participants([])
        for d in state:
            self.add(ParticipantDraft(d.get("name", ""), d.get("person_id"), d.get("unit_name", ""),
                                      d.get("position", "")), d.get("display", ""), emit=False)
        self.changed.emit()

    def texts(self) -> list[str]:
        """What the chips say (tests, drafts)."""
        return [b.text().removesuffix("  ✕") for _, b in self._chosen]

    # ---- typing --------------------------------------------------------------------------

    def pending_text(self) -> str:
        return self.edit.text().strip()

    def _fetch(self) -> None:
        text = self.pending_text()
        if not text:
            self._suggest.drop()
            self._show([])
            return
        ws, actor = self.ws, self.actor

        def work(_progress: object) -> list[people_types.PersonRow]:
            with ws.reading() as session:
                return people_query.suggest_people(session, actor, text)

        self._suggest.run(work, on_done=self._show)

    def _show(self, rows: list[people_types.PersonRow]) -> None:
        self._suggested = rows
        self.model.clear()
        for row in rows:
            item = QStandardItem(row.display)
            item.setData(row, PERSON_ROLE)
            self.model.appendRow(item)
        if rows and self.edit.hasFocus():
            self.completer.complete()
            # The one match, or the one whose name or initials begin with the text, is
            # highlighted (Enter takes it, the clerk sees which); else none is: ↓ chooses.
            popup = self.completer.popup()
            lead = people_query.lead_match(rows, self.pending_text())
            popup.setCurrentIndex(self.model.index(rows.index(lead), 0) if lead is not None else QModelIndex())
        elif not rows:
            self.completer.popup().hide()
        self.suggestions_ready.emit()

    def _on_activated(self, index: QModelIndex) -> None:
        row = index.data(PERSON_ROLE)
        if row is not None:
            self._take(row)

    def _take(self, row: people_types.PersonRow) -> None:
        self.add(ParticipantDraft(name=row.name, person_id=row.id), row.display)
        self.completer.popup().hide()
        written = row.display  # QCompleter writes the chosen text after this; clear only that
        QTimer.singleShot(0, lambda: self.edit.text() == written and self.edit.clear())
        self.edit.clear()
        self._suggested = []

    def commit_text(self) -> bool:
        """Turns what is typed into a person (see the module doc). Raises ValidationError (this
        picker's field) for homonyms or, without outsiders, an unknown name; False when empty."""
        text = self.pending_text()
        if not text:
            return False
        popup = self.completer.popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            self._take(popup.currentIndex().data(PERSON_ROLE))
            return True
        bracketed = any(b in text for b in "（(")
        if not bracketed:
            with self.ws.reading() as session:
                exact = [p for p in people_query.find_people(session, text) if p.active]
                suggested = self._suggested or people_query.suggest_people(session, self.actor, text)
            if len(exact) == 1:
                self._take(exact[0])
                return True
            if len(exact) > 1:
                self._fetch_now(exact)
                raise ValidationError(HOMONYMS.format(name=text, count=len(exact)), self.field)
            if suggested and (not self.allow_outsiders or text.isascii()):
                lead = people_query.lead_match(suggested, text)
                if lead is not None:
                    self._take(lead)
                    return True
                self._fetch_now(suggested)
                raise ValidationError(SEVERAL.format(text=text, count=len(suggested)), self.field)
        if not self.allow_outsiders:
            raise ValidationError(NOT_REGISTERED.format(name=text), self.field)
        self.add(parse_outsider(text))
        self.edit.clear()
        self.completer.popup().hide()
        return True

    def _fetch_now(self, rows: list[people_types.PersonRow]) -> None:
        self._suggest.drop()
        self._show(rows)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        popup = self.completer.popup()
        if (watched is popup and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not popup.currentIndex().isValid()):
            count = self.model.rowCount()  # several, none chosen: say so, the list stays open
            self.problem.emit(SEVERAL.format(text=self.pending_text(), count=count))
            return True
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.pending_text():
                try:
                    self.commit_text()
                except ValidationError as error:
                    self.problem.emit(error.message)
                return True
            if key == Qt.Key.Key_Backspace and not self.edit.text() and self._chosen:
                self.remove(self._chosen[-1][1])
                return True
        return super().eventFilter(watched, event)
