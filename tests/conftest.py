"""Shared fixtures: a fresh workspace per test (a real database with real migrations).

The workspace is built once per run (migrations, users with real scrypt hashes) and copied
for each test, which keeps every test independent and the suite fast.

Backends: `workspace` is one parametrized fixture. On SQLite always; on PostgreSQL too when
`QINGFENG_TEST_PG_URL` names a server (`.ci/run` starts one; see tests/backends.py). A test
that is about the SQLite file itself (damage, the OS lock, file backups and restores) is
SQLite-only: marked `@pytest.mark.sqlite_only`, or by asking for `workspace_dir` (the folder).
"""
from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt
# The user's config folder of the tests' "PC" (qingfeng.ini, the server heads a PC keeps):
# never the real one of whoever runs them.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="qingfeng-test-config-")

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.auth import Actor, Role
from app.registers.users.write import create_user
from app.workspace.facade import Workspace
from tests.backends import BACKENDS, PG_URL, Location, PgServer, clone

TODAY = dt.date(2026, 6, 15)
PASSWORD = "secret-pass"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Runs every test that uses a workspace once per backend (SQLite-only ones on SQLite)."""
    if "backend" not in metafunc.fixturenames or len(BACKENDS) < 2:
        return
    sqlite_only = (metafunc.definition.get_closest_marker("sqlite_only") is not None
                   or "workspace_dir" in metafunc.fixturenames
                   or "template_dir" in metafunc.fixturenames)
    metafunc.parametrize("backend", ["sqlite"] if sqlite_only else list(BACKENDS),
                         indirect=True, scope="session")


@pytest.fixture(scope="session")
def backend(request: pytest.FixtureRequest) -> str:
    """"sqlite" or "postgresql" (parametrized by pytest_generate_tests)."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer | None]:
    if not PG_URL:
        yield None
        return
    server = PgServer(PG_URL)
    yield server
    server.drop_all()


def _fill_template(ws: Workspace) -> None:
    admin = ws.sign_in("admin", PASSWORD)
    with ws.writing() as session:
        create_user(session, admin, "editor", PASSWORD, Role.EDITOR, "录入员乙")
        create_user(session, admin, "viewer", PASSWORD, Role.VIEWER, "查阅丙")


def _new_template(location: Location) -> Location:
    ws = location.create(admin_username="admin", admin_password=PASSWORD,
                         admin_display_name="管理员甲", bureau_name="测试市文化广电和旅游局")
    try:
        _fill_template(ws)
    finally:
        ws.close()
    return location


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The SQLite template folder (SQLite-only tests copy it themselves)."""
    folder = tmp_path_factory.mktemp("template") / "ws"
    _new_template(Location(folder=folder))
    return folder


@pytest.fixture(scope="session")
def template_location(backend: str, pg_server: PgServer | None,
                      request: pytest.FixtureRequest) -> Location:
    """The template workspace of this backend: admin, editor and viewer, nothing else."""
    if backend == "sqlite":
        return Location(folder=request.getfixturevalue("template_dir"))
    assert pg_server is not None
    return _new_template(Location(url=pg_server.url_of(pg_server.new_database())))


@pytest.fixture
def workspace_dir(template_dir: Path, tmp_path: Path) -> Path:
    """A copy of the SQLite template folder; asking for it makes the test SQLite-only."""
    folder = tmp_path / "ws"
    shutil.copytree(template_dir, folder)
    return folder


@pytest.fixture
def workspace_location(backend: str, template_location: Location, tmp_path: Path,
                       pg_server: PgServer | None, request: pytest.FixtureRequest) -> Iterator[Location]:
    """This test's own copy of the template, on the test's backend."""
    if backend == "sqlite":
        yield Location(folder=request.getfixturevalue("workspace_dir"))
        return
    location = clone(template_location, tmp_path / "ws", pg_server)
    yield location
    pg_server.retire(location.database)


@pytest.fixture
def empty_pg_url(pg_server: PgServer | None) -> Iterator[str]:
    """A new, empty database on the test server (skips without one)."""
    if pg_server is None:
        pytest.skip("needs a PostgreSQL server: QINGFENG_TEST_PG_URL (.ci/run starts one)")
    name = pg_server.new_database()
    yield pg_server.url_of(name)
    pg_server.retire(name)


@pytest.fixture
def workspace(workspace_location: Location) -> Iterator[Workspace]:
    ws = workspace_location.open(as_of=TODAY)
    ws.actor = _actor(ws, "admin")
    yield ws
    ws.close()


def _actor(ws: Workspace, username: str) -> Actor:
    from sqlalchemy import select

    from app.auth import actor_of
    from db.models import User

    with ws.reading() as session:
        return actor_of(session.scalars(select(User).where(User.username == username)).one())


@pytest.fixture
def admin(workspace: Workspace) -> Actor:
    return _actor(workspace, "admin")


@pytest.fixture
def editor(workspace: Workspace) -> Actor:
    return _actor(workspace, "editor")


@pytest.fixture
def viewer(workspace: Workspace) -> Actor:
    return _actor(workspace, "viewer")
