"""Every form of the program, found and opened as a clerk opens it — for the tests that walk
them all (a tooltip on every field, F1 on every form, the shortcut sheet).

Forms are found, not listed: every `FormDialog` subclass under ui/, and every other class whose
module builds a `FieldForm` (the first-start and backup-password dialogs, 系统设置). A form that
opens with `(ws, actor)` needs nothing here; one that needs a record names how to open it in
`OPENERS` — a new form that does neither fails `test_every_form_can_be_opened` until it does.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from pathlib import Path

import ui
from app import reminders as rem
from app.registers.ceremonies import query as ceremonies_query
from app.registers.ceremonies import write as ceremonies_write
from app.registers.ceremonies.types import CeremonyDraft
from app.registers.findings import query as findings_query
from app.registers.findings import write as findings_write
from app.registers.findings.types import FindingDraft
from app.registers.people import query as people_query
from app.registers.risks import query as risks_query
from app.registers.risks import write as risks_write
from app.registers.risks.types import RiskDraft
from app.registers.users import query as users_query
from app.vocab import FINDING_TRANSITIONS
from ui.dialogs.form import FormDialog
from ui.widgets.field_form import FieldForm

Opener = Callable[..., list]


def ui_modules() -> list[str]:
    return sorted(info.name for info in pkgutil.walk_packages(ui.__path__, "ui."))


def form_classes() -> dict[str, type]:
    """Class name → class: FormDialog subclasses, and classes whose module builds a FieldForm."""
    found: dict[str, type] = {}
    for name in ui_modules():
        module = importlib.import_module(name)
        builds_form = "FieldForm(" in Path(module.__file__).read_text("utf-8")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != name or cls in (FormDialog, FieldForm):
                continue
            if issubclass(cls, FormDialog) or (builds_form and "FieldForm(" in inspect.getsource(cls)):
                found[cls.__name__] = cls
    return found


@dataclasses.dataclass
class Records:
    """One record of each kind a form may need (built through the services)."""

    person: object
    risk: object
    finding: object
    user: object
    ceremony: object


def make_records(ws, admin, bureau) -> Records:  # noqa: ANN001
    today = ws.today()
    with ws.writing() as s:
        risk_id = risks_write.save_risk(s, admin, RiskDraft(
            unit_id=bureau.finance, name="资金支付审核", year=today.year, category="duty", level=2), today)
        finding_id = findings_write.save_finding(s, admin, FindingDraft(
            source="inspection", found_on=today, unit_id=bureau.finance, description="报销单据不全",
            deadline=today + dt.timedelta(days=30)), today)
        ceremony_id = ceremonies_write.save_report(s, admin, CeremonyDraft(
            person_id=bureau.zhang_san, kind="wedding", event_date=today + dt.timedelta(days=20),
            reported_on=today), today)
    with ws.reading() as s:
        return Records(person=people_query.get_person(s, bureau.zhang_san),
                       risk=risks_query.get_risk(s, risk_id),
                       finding=findings_query.get_finding(s, finding_id, today),
                       user=next(u for u in users_query.list_users(s) if u.username == "editor"),
                       ceremony=ceremonies_query.get_report(s, ceremony_id))


def _steps(ws, actor, r: Records, cls: type) -> list:  # noqa: ANN001
    """Every workflow step (销号 asks for the result and acceptance, 退回 for a reason)."""
    return [cls(ws, actor, dataclasses.replace(r.finding, status=source), target)
            for source, target in FINDING_TRANSITIONS]


def _reminder() -> rem.Reminder:
    return rem.Reminder(key="finding-overdue:1:2026-06-10", kind="整改逾期", urgency=0,
                        due=dt.date(2026, 6, 10), title="财务科：报销单据不全", detail="", page="inspections",
                        filters={})


def _first_run(_ws, _actor, _r, cls, tmp_path: Path) -> list:  # noqa: ANN001
    return [cls(tmp_path / "new-folder", lambda **_kw: None)]


# Forms that need more than (ws, actor): how to open each, once per shape it takes.
OPENERS: dict[str, Callable[..., list]] = {
    "CeremonyTalkDialog": lambda ws, a, r, cls, _t: [cls(ws, a, r.ceremony)],
    "ReminderDoneDialog": lambda ws, a, r, cls, _t: [cls(ws, a, _reminder())],
    "PositionChangeDialog": lambda ws, a, r, cls, _t: [cls(ws, a, r.person)],
    "DictItemDialog": lambda ws, a, r, cls, _t: [cls(ws, a, domain) for domain in (
        "talk_type", "disposal_method", "sanction_kind", "finding_category", "ceremony_kind")],
    "ResetPasswordDialog": lambda ws, a, r, cls, _t: [cls(ws, a, r.user)],
    "RetireDialog": lambda ws, a, r, cls, _t: [cls(ws, a, r.risk)],
    "StepDialog": lambda ws, a, r, cls, _t: _steps(ws, a, r, cls),
    "ExtensionDialog": lambda ws, a, r, cls, _t: [cls(ws, a, r.finding)],
    "ProgressDialog": lambda ws, a, r, cls, _t: [cls(ws, a, r.finding)],
    "ReopenDialog": lambda ws, a, r, cls, _t: [cls(ws, a, 2025)],
    "FirstRunDialog": _first_run,
    "BackupPasswordDialog": lambda ws, a, r, cls, _t: [cls(ws, confirm=True)],
}


def open_forms(cls: type, ws, actor, records: Records, tmp_path: Path) -> list:  # noqa: ANN001
    """The form `cls` opened every way it can look (new and edit alike show every field)."""
    if cls.__name__ in OPENERS:
        return OPENERS[cls.__name__](ws, actor, records, cls, tmp_path)
    return [cls(ws, actor)]


def fields_of(widget) -> dict[str, object]:  # noqa: ANN001
    """Field name → widget, over every FieldForm of the form."""
    forms = getattr(widget, "forms", None) or widget.findChildren(FieldForm)
    fields: dict[str, object] = {}
    for form in forms:
        fields.update(form.fields)
    return fields
