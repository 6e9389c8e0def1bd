"""Every FormDialog of the program, found by walking ui/, and how to open each on a small world
of records (the tab-order, keyboard and draft tests, in this process or in a child that is
killed). A form whose new record opens as `Form(ws, actor)` needs nothing here; a form for a
given record adds a line to FACTORIES — a new form without one fails test_every_form_is_known.

Also the keyboard as a test drives it: keys to whatever has the focus (or the open list), and
Chinese as an input method's commit string (qtbot.keyClicks with Chinese aborts the run)."""
from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

import ui
from app import reminders as rem
from app.registers.ceremonies import query as ceremonies_query
from app.registers.ceremonies import write as ceremonies_write
from app.registers.ceremonies.types import CeremonyDraft
from app.registers.findings import query as findings_query
from app.registers.findings import types as findings_types
from app.registers.findings import write as findings_write
from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.risks import query as risks_query
from app.registers.risks.types import RiskDraft
from app.registers.risks.write import save_risk
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.registers.units.query import list_units
from app.registers.users.query import list_users
from ui.dialogs.form import FormDialog

TODAY = dt.date(2026, 6, 15)
World = dict[str, int]


def form_classes() -> list[type[FormDialog]]:
    """Every subclass of FormDialog defined under ui/ (its modules imported to find them)."""
    for info in pkgutil.walk_packages(ui.__path__, "ui."):
        importlib.import_module(info.name)
    found: list[type[FormDialog]] = []
    todo = list(FormDialog.__subclasses__())
    while todo:
        cls = todo.pop()
        if cls.__module__.startswith("ui.") and cls not in found:
            found.append(cls)
        todo.extend(cls.__subclasses__())
    return sorted(found, key=lambda c: c.__name__)


def actor_of(ws: Any, username: str) -> Any:
    from sqlalchemy import select

    from app.auth import actor_of as make
    from db.models import User

    with ws.reading() as s:
        return make(s.scalars(select(User).where(User.username == username)).one())


def build_world(ws: Any, admin: Any) -> World:
    """A few records of every kind the forms open on (through the services)."""
    with ws.writing() as s:
        unit = units_write.save_unit(s, admin, units_types.UnitDraft(name="财务科", kind="office", sort_order=1))
        office = units_write.save_unit(s, admin, units_types.UnitDraft(name="办公室", kind="office", sort_order=2))
        person = people_write.save_person(s, admin, people_types.PersonDraft(name="张三", unit_id=unit, position="科长"))
        people_write.save_person(s, admin, people_types.PersonDraft(name="李四", unit_id=office, position="科员"))
        risk = save_risk(s, admin, RiskDraft(unit_id=unit, name="报销审核", year=2026, category="process", level=2), TODAY)
        finding = findings_write.save_finding(s, admin, findings_types.FindingDraft(
            source="inspection", found_on=dt.date(2026, 3, 2), unit_id=unit, description="报销凭证附件不全",
            deadline=dt.date(2026, 7, 1)), TODAY)
        report = ceremonies_write.save_report(s, admin, CeremonyDraft(
            person_id=person, kind="wedding", event_date=dt.date(2026, 6, 20), reported_on=dt.date(2026, 6, 1)), TODAY)
    return {"unit": unit, "person": person, "risk": risk, "finding": finding, "report": report}


def _finding(ws: Any, w: World) -> Any:
    with ws.reading() as s:
        return findings_query.get_finding(s, w["finding"], ws.today())


def _risk(ws: Any, w: World) -> Any:
    with ws.reading() as s:
        return risks_query.get_risk(s, w["risk"])


def _person(ws: Any, w: World) -> Any:
    with ws.reading() as s:
        return people_query.get_person(s, w["person"])


def _report(ws: Any, w: World) -> Any:
    with ws.reading() as s:
        return ceremonies_query.get_report(s, w["report"])


def _user(ws: Any, _w: World) -> Any:
    with ws.reading() as s:
        return next(u for u in list_users(s) if u.username == "editor")


def _unit(ws: Any, w: World) -> Any:
    with ws.reading() as s:
        return next(u for u in list_units(s) if u.id == w["unit"])


REMINDER = rem.Reminder(key="finding-overdue:1:2026-07-01", kind="整改逾期", urgency=1, due=dt.date(2026, 7, 1),
                        title="报销凭证附件不全", detail="", page="inspections", filters={})

# Forms that need a record (or more) to open: name → (ws, actor, world) → the dialog.
FACTORIES: dict[str, Callable[[Any, Any, World], FormDialog]] = {
    "CeremonyTalkDialog": lambda ws, a, w: _cls("CeremonyTalkDialog")(ws, a, _report(ws, w)),
    "RetireDialog": lambda ws, a, w: _cls("RetireDialog")(ws, a, _risk(ws, w)),
    "StepDialog": lambda ws, a, w: _cls("StepDialog")(ws, a, _finding(ws, w), "in_progress"),
    "ExtensionDialog": lambda ws, a, w: _cls("ExtensionDialog")(ws, a, _finding(ws, w)),
    "ProgressDialog": lambda ws, a, w: _cls("ProgressDialog")(ws, a, _finding(ws, w)),
    "PositionChangeDialog": lambda ws, a, w: _cls("PositionChangeDialog")(ws, a, _person(ws, w)),
    "DictItemDialog": lambda ws, a, w: _cls("DictItemDialog")(ws, a, "talk_reason"),
    "ResetPasswordDialog": lambda ws, a, w: _cls("ResetPasswordDialog")(ws, a, _user(ws, w)),
    "ReminderDoneDialog": lambda ws, a, w: _cls("ReminderDoneDialog")(ws, a, REMINDER),
    "ReopenDialog": lambda ws, a, w: _cls("ReopenDialog")(ws, a, 2025),
}
# The same forms opened on a record (the edit forms): their drafts are the record's.
EDIT_FACTORIES: dict[str, Callable[[Any, Any, World], FormDialog]] = {
    "RiskDialog": lambda ws, a, w: _cls("RiskDialog")(ws, a, _risk(ws, w)),
    "PersonDialog": lambda ws, a, w: _cls("PersonDialog")(ws, a, _person(ws, w)),
    "UnitDialog": lambda ws, a, w: _cls("UnitDialog")(ws, a, _unit(ws, w)),
    "CeremonyDialog": lambda ws, a, w: _cls("CeremonyDialog")(ws, a, _report(ws, w)),
    "FindingDialog": lambda ws, a, w: _cls("FindingDialog")(ws, a, w["finding"]),
}
# Forms that hold nothing a draft keeps (passwords are never stored), with why.
NOTHING_TO_KEEP = {
    "SetBackupPasswordDialog": "only the backup password, twice",
    "ResetPasswordDialog": "only the new password",
}


def _cls(name: str) -> type[FormDialog]:
    return next(c for c in form_classes() if c.__name__ == name)


def open_form(cls: type[FormDialog], ws: Any, actor: Any, world: World) -> FormDialog:
    factory = FACTORIES.get(cls.__name__)
    return factory(ws, actor, world) if factory is not None else cls(ws, actor)


# ---- the keyboard --------------------------------------------------------------------------


class Keys:
    """Real key events to what has the focus (an open list first, as the platform delivers
    them); counts the keys that are not typing: navigation, picks, shortcuts."""

    def __init__(self) -> None:
        self.other = 0
        self.typed = 0
        self.log: list[str] = []

    @staticmethod
    def target() -> QWidget:
        return QApplication.activePopupWidget() or QApplication.focusWidget() or QApplication.activeWindow()

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
              label: str = "") -> None:
        self.other += 1  # counted first: a key that opens a modal form returns when it closes
        self.log.append(label or key.name.removeprefix("Key_"))
        QTest.keyClick(self.target(), key, modifiers)
        QApplication.processEvents()

    def type(self, text: str) -> None:
        """ASCII key by key; Chinese through the input method (one commit per run of it)."""
        run = ""
        for char in text:
            if char.isascii() and char.isprintable():
                if run:
                    self._commit(run)
                    run = ""
                QTest.keyClick(self.target(), char)
                self.typed += 1
            else:
                run += char
        if run:
            self._commit(run)
        QApplication.processEvents()

    def _commit(self, text: str) -> None:
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(self.target(), event)
        self.typed += len(text)
