"""`AttendeeList`: who took part in a 廉政教育 session, as a table — added by unit (every active
person of the units ticked; the absentees then removed), one by one (name or pinyin initials;
someone from outside as 姓名（单位·职务）), or read from a 签到表 sheet — with the count (人次)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import QingfengError
from app.registers.education.sign_in import read_sign_in
from app.registers.people.query import people_rows, search_people_ids
from app.registers.people.types import PersonFilter
from app.registers.talks.types import ParticipantDraft
from app.registers.units.query import list_units
from ui import messages
from ui.models.columns import Column, RowsTableModel
from ui.widgets.checklist import CheckList
from ui.widgets.participant_picker import ParticipantPicker
from ui.widgets.rows_view import rows_view

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

BY_UNIT, REMOVE, SIGN_IN = "按单位添加…", "移除所选（缺席）", "从签到表导入…"
PICK_TITLE, PICK_NOTE = "按单位添加参加人员", "勾选的单位中所有在册人员将加入名单，缺席人员随后移除。"
ADD_HINT = "添加一人：姓名或拼音首字母后回车"
COUNT = "共 {count} 人（{count} 人次）"
CHOOSE_SHEET = "选择签到表"
READ = "签到表：{summary}。"
OUTSIDER = "名册外"


@dataclass(frozen=True)
class Attendee:
    draft: ParticipantDraft
    name: str
    unit_name: str
    position: str
    note: str = ""

    @property
    def key(self) -> object:
        return self.draft.person_id if self.draft.person_id is not None else ("free", self.name, self.unit_name)


COLUMNS = (Column("name", "姓名", 80), Column("unit_name", "单位", 140), Column("position", "职务", 140),
           Column("note", "", 60, stretch=True))


class AttendeeList(QWidget):
    changed = Signal()

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self.rows: list[Attendee] = []
        self.model = RowsTableModel(COLUMNS, [], parent=self)
        self.view = rows_view(self.model, self, row_height=self.fontMetrics().height() + 6)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setMinimumHeight(self.fontMetrics().height() * 9)
        self.picker = ParticipantPicker(ws, actor, self, single=True, field="participants", placeholder=ADD_HINT)
        self.picker.changed.connect(self._picked)
        self.buttons = {}
        row = QHBoxLayout()
        for key, text, handler in (("unit", BY_UNIT, self.add_by_unit), ("remove", REMOVE, self.remove_selected),
                                   ("sheet", SIGN_IN, self.choose_sheet)):
            button = QPushButton(text, self)
            button.clicked.connect(handler)
            row.addWidget(button)
            self.buttons[key] = button
        row.addWidget(self.picker, 1)
        self.count_label = QLabel(self)
        self.sheet_label = QLabel(self)
        self.sheet_label.setWordWrap(True)
        self.sheet_label.setStyleSheet("color: #666;")
        self.sheet_label.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.view, 1)
        column.addWidget(self.sheet_label)
        column.addWidget(self.count_label)
        self._show()

    # ---- the list ------------------------------------------------------------------------

    def participants(self) -> tuple[ParticipantDraft, ...]:
        return tuple(a.draft for a in self.rows)

    def set_participants(self, people: Sequence[object]) -> None:
        """ParticipantRows of a saved session (unit and position as filed), or drafts."""
        self.rows = []
        self.add([Attendee(p.as_draft() if hasattr(p, "as_draft") else p, p.name, getattr(p, "unit_name", ""),
                           getattr(p, "position", ""), "" if getattr(p, "person_id", None) else OUTSIDER)
                  for p in people])

    def add(self, attendees: Sequence[Attendee]) -> int:
        """Adds those not in the list yet; returns how many were added."""
        known = {a.key for a in self.rows}
        fresh = []
        for attendee in attendees:
            if attendee.key not in known:
                known.add(attendee.key)
                fresh.append(attendee)
        self.rows.extend(fresh)
        self._show()
        return len(fresh)

    def draft_value(self) -> list[dict]:
        """The list as a form's draft keeps it."""
        return [{"name": a.name, "person_id": a.draft.person_id, "unit_name": a.unit_name, "position": a.position,
                 "note": a.note} for a in self.rows]

    def set_draft_value(self, value: object) -> None:
        if not isinstance(value, list):
            return
        self.rows = []
        self.add([Attendee(ParticipantDraft(name=str(v.get("name", "")), person_id=v.get("person_id"),
                                            unit_name="" if v.get("person_id") else str(v.get("unit_name", "")),
                                            position="" if v.get("person_id") else str(v.get("position", ""))),
                           str(v.get("name", "")), str(v.get("unit_name", "")), str(v.get("position", "")),
                           str(v.get("note", ""))) for v in value if isinstance(v, dict)])

    def remove_selected(self) -> None:
        chosen = {i.row() for i in self.view.selectionModel().selectedRows()}
        if not chosen:
            return
        self.rows = [a for n, a in enumerate(self.rows) if n not in chosen]
        self._show()

    def _show(self) -> None:
        self.model.set_rows(list(self.rows))
        self.count_label.setText(COUNT.format(count=len(self.rows)))
        self.changed.emit()

    # ---- adding --------------------------------------------------------------------------

    def _picked(self) -> None:
        chosen = self.picker.participants()
        if not chosen:
            return
        for p in chosen:
            if p.person_id is not None:
                with self.ws.reading() as session:
                    found = people_rows(session, [p.person_id])
                if found:
                    self.add([Attendee(p, found[0].name, found[0].unit_name, found[0].position)])
            else:
                self.add([Attendee(p, p.name, p.unit_name, p.position, OUTSIDER)])
        self.picker.blockSignals(True)
        self.picker.set_participants([])
        self.picker.blockSignals(False)

    def add_by_unit(self) -> None:
        """Every active person of the units ticked."""
        with self.ws.reading() as session:
            units = [u for u in list_units(session, include_inactive=False)
                     if u.people_count and self.actor.may_touch_unit(u.id)]
        dialog = QDialog(self)
        dialog.setWindowTitle(PICK_TITLE)
        column = QVBoxLayout(dialog)
        column.addWidget(QLabel(PICK_NOTE, dialog))
        checks = CheckList(dialog)
        checks.set_items([(f"{u.name}（{u.people_count}人）", u.id) for u in units])
        checks.setMinimumHeight(self.fontMetrics().height() * 16)
        column.addWidget(checks)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("添加")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        column.addWidget(buttons)
        if not dialog.exec():
            return
        self.add_units([int(u) for u in checks.checked()])

    def add_units(self, unit_ids: Sequence[int]) -> int:
        found = []
        with self.ws.reading() as session:
            for unit_id in unit_ids:
                ids = search_people_ids(session, self.actor, PersonFilter(unit_id=unit_id), sort="name")
                found += [p for p in people_rows(session, ids) if p.unit_id == unit_id]
        return self.add([Attendee(ParticipantDraft(name=p.name, person_id=p.id), p.name, p.unit_name, p.position)
                         for p in found])

    def choose_sheet(self) -> None:
        path = messages.choose_open_path(self, CHOOSE_SHEET)
        if path is not None:
            self.add_sheet(path)

    def add_sheet(self, path: object) -> None:
        """The people a 签到表 names (app/registers/education/sign_in.py); what it could not take is
        said under the list."""
        try:
            with self.ws.reading() as session:
                sheet = read_sign_in(session, path)  # type: ignore[arg-type]
        except QingfengError as exc:
            messages.warn(self, str(exc))
            return
        self.add([Attendee(p.draft, p.draft.name, p.unit_name, p.position, "" if p.registered else OUTSIDER)
                  for p in sheet.people])
        lines = [READ.format(summary=sheet.summary), *sheet.problems]
        self.sheet_label.setText("\n".join(lines))
        self.sheet_label.show()

    def setEnabled(self, enabled: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(enabled)
        self.picker.setEnabled(enabled)
