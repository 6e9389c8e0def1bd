"""Where a test workspace lives: a SQLite folder, or a database on a PostgreSQL server.

`QINGFENG_TEST_PG_URL` names a server database and a role that may create databases
(`postgresql+psycopg://role@/postgres?host=/tmp/pgsock`); `.ci/run` starts a server and sets it.
Without it the suite runs on SQLite only. Each test gets its own database, cloned from a
template database (`CREATE DATABASE … TEMPLATE …`) as the SQLite tests copy a template folder.
"""
from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

PG_URL = os.environ.get("QINGFENG_TEST_PG_URL", "").strip()
BACKENDS = ("sqlite", "postgresql") if PG_URL else ("sqlite",)


@dataclass(frozen=True)
class Location:
    """A workspace's place: `folder` (SQLite) or `url` (PostgreSQL)."""

    folder: Path | None = None
    url: str | None = None

    @property
    def backend(self) -> str:
        return "sqlite" if self.folder is not None else "postgresql"

    @property
    def database(self) -> str:
        return make_url(self.url).database if self.url else ""

    @property
    def cli_args(self) -> list[str]:
        """The command-line options that name this workspace."""
        return ["--data-dir", str(self.folder)] if self.folder is not None else ["--db", self.url]

    @property
    def spec(self) -> str:
        """As `copy --from/--to` takes it: a folder or a URL."""
        return str(self.folder) if self.folder is not None else str(self.url)

    def open(self, **kw):  # noqa: ANN003, ANN201 — app.workspace.Workspace
        from app.workspace.facade import Workspace

        if self.folder is not None:
            return Workspace.open(self.folder, **kw)
        return Workspace.open(db_url=self.url, **kw)

    def create(self, **kw):  # noqa: ANN003, ANN201
        from app.workspace.facade import Workspace

        if self.folder is not None:
            return Workspace.create(self.folder, **kw)
        return Workspace.create(db_url=self.url, **kw)


class PgServer:
    """Creates and drops the test databases on the server `PG_URL` names."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self._names = itertools.count(1)
        self.prefix = f"qf_test_{os.getpid()}_"
        self.created: list[str] = []
        self._retired: list[str] = []

    def _admin(self):  # noqa: ANN202 — a psycopg connection in autocommit
        import psycopg

        params = {"dbname": self.url.database or "postgres", "autocommit": True}
        if self.url.username:
            params["user"] = self.url.username
        if self.url.password:
            params["password"] = self.url.password
        if self.url.host:
            params["host"] = self.url.host
        if self.url.port:
            params["port"] = self.url.port
        for key, value in self.url.query.items():
            params[key] = value if isinstance(value, str) else value[0]
        return psycopg.connect(**params)

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def new_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of `template`, which must have no connections)."""
        name = f"{self.prefix}{next(self._names)}"
        with self._admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self.created.append(name)
        return name

    def drop(self, name: str) -> None:
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self.created:
            self.created.remove(name)

    def retire(self, name: str, keep: int = 6) -> None:
        """Drops a test's database a few tests later: a window of an earlier test may still
        run a timer against it (on SQLite its folder simply stays until pytest cleans up)."""
        self._retired.append(name)
        while len(self._retired) > keep:
            self.drop(self._retired.pop(0))

    def drop_all(self) -> None:
        for name in list(reversed(self.created)):
            self.drop(name)


def clone(location: Location, dest: Path, server: PgServer | None) -> Location:
    """A copy of a closed workspace: the folder copied, or a database made from it as template."""
    if location.folder is not None:
        shutil.copytree(location.folder, dest)
        return Location(folder=dest)
    assert server is not None
    template = make_url(location.url).database
    return Location(url=server.url_of(server.new_database(template)))


@contextmanager
def opened_copy(location: Location, dest: Path, server: PgServer | None, **kw) -> Iterator[tuple[Location, object]]:  # noqa: ANN003
    """A test's own copy of a closed workspace (`clone`), open: (its location, the workspace).
    Closed afterwards; a server copy is dropped a few tests later (`PgServer.retire`)."""
    copy = clone(location, dest, server)
    ws = copy.open(**kw)
    try:
        yield copy, ws
    finally:
        ws.close()
        if copy.url and server is not None:
            server.retire(copy.database)
