"""Roles are enforced in the services: every write service refuses a 查阅 user and a 录入员 limited
to some units when the record lies outside them (or belongs to no unit: dictionaries, holidays,
new units). Each case also succeeds for the lowest role that may do it, so a refusal is the role
check and not a bad argument.

To cover a new register: add its write services to REGISTER_CASES in tests/unit/role_cases.py
(one `WriteCase` each, acting on the `outside` unit or its records, which `register_records`
builds through the services); `test_every_write_service_has_a_case` lists what is missing.
Which functions write is read from their code (tests/write_scan.py): queries, figures and
reminder providers need no entry.
"""
from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import Workbook

import app
from app import attachments, first_week, phrases
from app import dictionary_edit as dictionaries
from app.auth import Actor, Role, actor_of
from app.errors import PermissionDenied
from app.excel import matching
from app.excel.importer import commit_import, plan_import
from app.registers.holidays import types as holidays_types
from app.registers.holidays import write as holidays_write
from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.registers.users import write as users
from app.reports import archive_years
from app.reports import texts as report_texts
from app.reports.period import ReportPeriod
from app.settings import save_settings
from app.workspace.facade import Workspace
from db.models import AuditHead, User
from tests.backends import Location, PgServer, clone
from tests.conftest import PASSWORD, TODAY
from tests.unit.role_cases import (
    REGISTER_CASES,
    Ctx,
    World,
    WriteCase,
    register_records,
)
from tests.write_scan import may_write


def _person(w: World, person_id: int, unit_id: int, **kw: object) -> people_types.PersonDraft:
    return people_types.PersonDraft(name=kw.pop("name", "改名"), unit_id=unit_id, id=person_id, **kw)


def _version(s, model, record_id: int) -> int:  # noqa: ANN001
    return s.get(model, record_id).version


def _import_outside(s, a: Actor, c: Ctx) -> object:  # noqa: ANN001
    plan = plan_import(s, c.admin, "people", c.world.workbook_out, year=None,
                       create_missing=False, today=TODAY)
    return commit_import(s, a, plan)


def _unit_draft(s, unit_id: int, **kw: object) -> units_types.UnitDraft:  # noqa: ANN001
    from db.models import Unit

    unit = s.get(Unit, unit_id)
    return units_types.UnitDraft(name=kw.get("name", unit.name), kind=unit.kind, id=unit.id,
                         version=unit.version, notes="改过")


W = WriteCase
ADMIN = Role.ADMIN

CASES: list[WriteCase] = [
    # people & units
    W(units_write.save_unit, lambda s, a, c: units_write.save_unit(s, a, units_types.UnitDraft(name="新设科室", kind="office")),
      note="新增单位"),
    W(units_write.save_unit, lambda s, a, c: units_write.save_unit(s, a, _unit_draft(s, c.world.outside)), note="修改"),
    W(units_write.set_unit_active, lambda s, a, c: units_write.set_unit_active(s, a, c.world.empty_outside, False)),
    W(units_write.delete_unit, lambda s, a, c: units_write.delete_unit(s, a, c.world.empty_outside)),
    W(people_write.save_person, lambda s, a, c: people_write.save_person(
        s, a, people_types.PersonDraft(name="新人", unit_id=c.world.outside)), note="新增"),
    W(people_write.save_person, lambda s, a, c: people_write.save_person(
        s, a, _person(c.world, c.world.person_out, c.world.outside)), note="修改"),
    W(people_write.save_person, lambda s, a, c: people_write.save_person(
        s, a, _person(c.world, c.world.person_in, c.world.outside)), note="调到单位外"),
    W(people_write.save_person, lambda s, a, c: people_write.save_person(
        s, a, _person(c.world, c.world.person_out, c.world.inside)), note="从单位外调入"),
    W(people_write.set_person_active, lambda s, a, c: people_write.set_person_active(s, a, c.world.person_out, False)),
    W(people_write.delete_person, lambda s, a, c: people_write.delete_person(s, a, c.world.spare_out)),
    W(people_write.record_position_change, lambda s, a, c: people_write.record_position_change(s, a, people_types.PositionChangeDraft(
        person_id=c.world.person_out, changed_on=TODAY, to_unit_id=c.world.outside, to_position="副科长"),
        TODAY), note="单位外人员"),
    W(people_write.record_position_change, lambda s, a, c: people_write.record_position_change(s, a, people_types.PositionChangeDraft(
        person_id=c.world.person_in, changed_on=TODAY, to_unit_id=c.world.outside, to_position="科员"),
        TODAY), note="调往单位外"),
    # dictionaries, settings, holidays (workspace-wide: no unit-limited user)
    W(dictionaries.save_item, lambda s, a, c: dictionaries.save_item(s, a, dictionaries.DictItemDraft(
        domain="political_status", label="无党派爱国人士")), ADMIN),
    W(dictionaries.add_proposed_item,
      lambda s, a, c: dictionaries.add_proposed_item(s, a, "political_status", "侨联成员")),
    W(matching.remember, lambda s, a, c: matching.remember(s, a, {("unit", "财务"): c.world.outside}, {})),
    W(save_settings, lambda s, a, c: save_settings(s, a, due_soon_days=9), ADMIN),
    W(report_texts.save_text, lambda s, a, c: report_texts.save_text(
        s, a, ReportPeriod.half(2026, 1), c.world.outside, [report_texts.ReportSection("opening", "", "导语")])),
    W(holidays_write.save_arrangement, lambda s, a, c: holidays_write.save_arrangement(s, a, holidays_types.ArrangementDraft(
        year=2099, festival="spring", first_day=dt.date(2099, 1, 21), last_day=dt.date(2099, 1, 27)))),
    W(holidays_write.set_workday, lambda s, a, c: holidays_write.set_workday(s, a, dt.date(2099, 1, 17), "spring", True)),
    # attachments
    W(attachments.attach, lambda s, a, c: attachments.attach(
        s, a, attachments.store_for(c.ws), "people", c.world.person_out, c.world.file,
        unit_id=c.world.outside)),
    W(attachments.detach, lambda s, a, c: attachments.detach(
        s, a, c.world.attachment_out, unit_id=c.world.outside)),
    W(attachments.apply_changes, lambda s, a, c: attachments.apply_changes(
        s, a, attachments.FileChanges(attachments.store_for(c.ws), (str(c.world.file),)), "people",
        c.world.person_out, unit_id=c.world.outside)),
    W(attachments.finish_save, lambda s, a, c: attachments.finish_save(
        s, a, SimpleNamespace(correction_reason="", files=attachments.FileChanges(
            attachments.store_for(c.ws), (str(c.world.file),))), "people", c.world.person_out, year=2026,
        unit_id=c.world.outside, corrected=False)),
    # 常用语 (workspace-wide: no unit-limited user)
    W(phrases.save_phrase, lambda s, a, c: phrases.save_phrase(s, a, phrases.PhraseDraft(
        field="talk_content", text="经了解，你在工作中存在苗头性问题。", kind="reminder"))),
    # users (管理员 only)
    W(users.create_user, lambda s, a, c: users.create_user(s, a, "newcomer", PASSWORD, Role.VIEWER), ADMIN),
    W(users.update_user, lambda s, a, c: users.update_user(
        s, a, c.world.other_user, None, display_name="改名", role=Role.VIEWER), ADMIN),
    W(users.set_user_active, lambda s, a, c: users.set_user_active(s, a, c.world.other_user, False), ADMIN),
    W(users.reset_password, lambda s, a, c: users.reset_password(s, a, c.world.other_user, "another-pass"),
      ADMIN),
    # Excel import (through the register's services)
    W(commit_import, _import_outside, note="单位外人员"),
    *REGISTER_CASES,
    # 年度归档 (管理员 only)
    W(archive_years.close_year, lambda s, a, c: archive_years.close_year(s, a, 2025, TODAY), ADMIN),
    W(first_week.dismiss, lambda s, a, c: first_week.dismiss(s, a), ADMIN),
    W(archive_years.reopen_year, lambda s, a, c: (archive_years.close_year(s, c.admin, 2024, TODAY),
                                                  archive_years.reopen_year(s, a, 2024, "补录")), ADMIN),
]

# Functions the scan reads as writes (public, with an `actor`) that are no entry point of a
# record a 查阅 or unit-limited user could be refused, with why.
NOT_WRITE_SERVICES = {
    "app.archive.record_correction": "an audit row the services add beside their own",
    "app.registers.sanctions.write.sync_admonish": "the ledger's save and delete call it after their own "
                                                   "role and unit checks (the 诫勉 record of an entry)",
    "app.drafts.save_draft": "the actor's own unsaved form, no record",
    "app.drafts.clear_draft": "the actor's own unsaved form, no record",
    "app.drafts.decline_draft": "the actor's own unsaved form, no record",
    "app.excel.importer.plan_import": "a preview; writes nothing (refuses 查阅 all the same)",
    "app.workspace.backups.create_backup": "管理员 only: tests/unit/test_backups.py",
    "app.workspace.restore.restore_backup": "管理员 only: tests/unit/test_restore.py",
    "app.workspace.crypto.set_backup_password": "管理员 only: tests/unit/test_backups.py",
    "app.registers.talks.documents.record_printed": "the audit row of a print, which 查阅 may make "
                                               "(like every export): tests/unit/test_talk_files.py",
    "app.reports.document.record_report_export": "the audit row of an export, which 查阅 may make: "
                                                 "tests/unit/test_report.py",
    "app.release_notes.mark_seen": "the actor's own reading of the release notes, no record: any role "
                                   "(tests/unit/test_help_facts.py)",
    "app.reports.archive_export.record_archive_export": "the audit row of an export, which 查阅 may "
                                                        "make: tests/unit/test_archive.py",
    "app.reports.texts.mark_generated": "part of record_report_export (an export, which 查阅 may make): "
                                        "tests/unit/test_report_texts.py",
}
READ_PREFIXES = ("search_", "list_", "get_", "find_", "suggest_", "load_", "export_", "count_",
                 "drafts_of", "audit_")


def _actor_functions() -> dict[str, Callable]:
    """Every public function under app/ (the demo and app.audit aside) with an `actor`
    parameter, by qualified name."""
    found = {}
    for info in pkgutil.walk_packages(app.__path__, "app."):
        if (info.name.startswith("app.demo") or info.name.rsplit(".", 1)[1].startswith("demo")
                or info.name in ("app.__main__", "app.audit")):
            continue
        module = importlib.import_module(info.name)
        for name, fn in vars(module).items():
            if (inspect.isfunction(fn) and fn.__module__ == module.__name__ and not name.startswith("_")
                    and "actor" in inspect.signature(fn).parameters):
                found[f"{module.__name__}.{name}"] = fn
    return found


def write_services() -> set[str]:
    """The functions with an `actor` that may write (read from their code), but for reads by
    name and the building blocks listed above."""
    return {name for name, fn in _actor_functions().items()
            if not name.rsplit(".", 1)[1].startswith(READ_PREFIXES) and may_write(fn)
            } - set(NOT_WRITE_SERVICES)


def test_every_write_service_has_a_case():
    missing = sorted(write_services() - {c.qualname for c in CASES})
    assert missing == [], f"write services without a role case in CASES: {missing}"


def test_the_scan_tells_every_write_it_is_shown():
    """The code reading behind write_services() sees each covered service and each listed
    exception as a write, so it is no blind spot that hides one."""
    functions = _actor_functions()
    assert [c.name for c in CASES if not may_write(c.service)] == []
    assert [n for n in NOT_WRITE_SERVICES if n not in functions or not may_write(functions[n])] == []


# ---- the world, built once per module and copied per test ------------------------------------


@pytest.fixture(scope="module")
def world_dir(template_location: Location, pg_server: PgServer | None,
              tmp_path_factory: pytest.TempPathFactory) -> tuple[Location, World]:
    base = tmp_path_factory.mktemp("roles")
    folder = clone(template_location, base / "ws", pg_server)
    ws = folder.open(as_of=TODAY)
    admin = _actor(ws, "admin")
    file = base / "说明.txt"
    file.write_text("附件内容", "utf-8")
    workbook = base / "名册.xlsx"
    book = Workbook()
    book.active.append(["姓名", "单位", "职务"])
    book.active.append(["新调入", "财务科", "科员"])
    book.save(workbook)
    try:
        with ws.writing() as s:
            inside = units_write.save_unit(s, admin, units_types.UnitDraft(name="办公室", kind="office"))
            outside = units_write.save_unit(s, admin, units_types.UnitDraft(name="财务科", kind="office"))
            empty = units_write.save_unit(s, admin, units_types.UnitDraft(name="空科室", kind="office"))
            person_in = people_write.save_person(s, admin, people_types.PersonDraft(name="李四", unit_id=inside))
            person_out = people_write.save_person(s, admin, people_types.PersonDraft(name="张三", unit_id=outside))
            spare = people_write.save_person(s, admin, people_types.PersonDraft(name="王五", unit_id=outside))
            attachment = attachments.attach(s, admin, attachments.store_for(ws), "people", person_out,
                                            file, unit_id=outside)
            users.create_user(s, admin, "limited", PASSWORD, Role.EDITOR, "限定录入员", [inside])
            other = users.create_user(s, admin, "other", PASSWORD, Role.EDITOR, "另一位")
            change = people_write.record_position_change(s, admin, people_types.PositionChangeDraft(
                person_out, dt.date(2026, 6, 1), outside, "科长", is_promotion=True), TODAY)
            registers = register_records(s, admin, inside, outside, person_out)
    finally:
        ws.close()
    return folder, World(inside, outside, empty, person_in, person_out, spare, attachment, other,
                         file, workbook, change, **registers)


@pytest.fixture
def ctx(world_dir: tuple[Location, World], pg_server: PgServer | None, tmp_path: Path):  # noqa: ANN201
    source, world = world_dir
    folder = clone(source, tmp_path / "ws", pg_server)
    ws = folder.open(as_of=TODAY)
    yield Ctx(ws, world, _actor(ws, "admin"))
    ws.close()
    if folder.url and pg_server is not None:
        pg_server.retire(folder.database)


def _actor(ws: Workspace, username: str) -> Actor:
    from sqlalchemy import select

    with ws.reading() as s:
        return actor_of(s.scalars(select(User).where(User.username == username)).one())


def _head(ws: Workspace) -> tuple[int, str]:
    with ws.reading() as s:
        head = s.get(AuditHead, 1)
        return head.last_id, head.hash


def _refused(c: Ctx, case: WriteCase, username: str) -> str:
    before = _head(c.ws)
    actor = _actor(c.ws, username)
    with pytest.raises(PermissionDenied) as refusal, c.ws.writing() as s:
        case.call(s, actor, c)
    assert _head(c.ws) == before  # nothing written, not even an audit row
    return refusal.value.message


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_viewer_is_refused(ctx: Ctx, case: WriteCase):
    assert "权" in _refused(ctx, case, "viewer")


def _outside_state(c: Ctx, case: WriteCase) -> object:
    with c.ws.reading() as s:
        return case.scoped(s, c)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_unit_limited_editor_is_refused_outside_its_units(ctx: Ctx, case: WriteCase):
    limited = _actor(ctx.ws, "limited")
    assert limited.unit_ids == frozenset({ctx.world.inside})
    if case.scoped is None:
        _refused(ctx, case, "limited")
        return
    before = _outside_state(ctx, case)
    with ctx.ws.writing() as s:  # a scoped service runs, on the user's own units only
        case.call(s, limited, ctx)
    assert _outside_state(ctx, case) == before


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_lowest_allowed_role_succeeds(ctx: Ctx, case: WriteCase):
    username = "admin" if case.role == Role.ADMIN else "editor"
    before = _head(ctx.ws)
    outside = _outside_state(ctx, case) if case.scoped else None
    with ctx.ws.writing() as s:
        case.call(s, _actor(ctx.ws, username), ctx)
    assert _head(ctx.ws)[0] > before[0]  # written and audited
    if case.scoped:  # the same call by a user of all units does reach the outside unit
        assert _outside_state(ctx, case) != outside


def test_the_limited_editor_works_inside_its_unit(ctx: Ctx):
    limited = _actor(ctx.ws, "limited")
    with ctx.ws.writing() as s:
        person = people_write.save_person(s, limited, people_types.PersonDraft(name="新人", unit_id=ctx.world.inside))
        people_write.set_person_active(s, limited, ctx.world.person_in, False)
    with ctx.ws.reading() as s:
        ids = people_query.search_people_ids(s, limited, people_types.PersonFilter(include_inactive=True))
        assert set(ids) == {person, ctx.world.person_in}  # its lists hold its units only
