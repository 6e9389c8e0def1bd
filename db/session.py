"""Engines and sessions: the only place that knows how each database is driven.

SQLite is opened with foreign keys on, WAL, synchronous=FULL and a busy timeout. pysqlite's own
transaction handling is switched off so that we emit BEGIN ourselves: a unit of work that writes
starts with BEGIN IMMEDIATE (it takes the write lock up front, so two writers queue on the busy
timeout instead of failing half-way); a read starts with a plain BEGIN.

PostgreSQL (several PCs on one server) keeps the same rule: a unit of work that writes first
takes a transaction-level advisory lock (`pg_advisory_xact_lock`), so writers queue one after
another exactly as on SQLite — the services' check-then-write steps (a unique name, the next
code, the audit chain's next link) never interleave — while reads never wait (MVCC; a read is
one REPEATABLE READ snapshot). The wait is bounded by `lock_timeout`; `is_busy(error)` recognises
a timed-out wait on either database.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

import db.ordering  # noqa: F401 — NULLs sort as on SQLite on every database (registers a compile rule)
from db.backup import url_escaped

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 10_000
SERVER_LOCK_TIMEOUT = "30s"  # an import of thousands of rows holds the write lock for seconds
WRITE_OPTION = "qingfeng_write"
# The advisory lock that stands for "the workspace's write lock" on a server (any fixed number;
# advisory locks are per database, so two workspaces on one server do not share it).
WRITE_LOCK_KEY = 0x51_46_54_5A  # "QFTZ"


def sqlite_url(path: Path, *, read_only: bool = False, immutable: bool = False) -> str:
    """SQLAlchemy's URL of the file `path` (read-only: SQLite's own URI, `immutable` reading it
    as it stands). SQLAlchemy decodes the URL's database part once: the path is encoded for it
    (and, in a URI, once more for SQLite)."""
    if not (read_only or immutable):
        return f"sqlite+pysqlite:///{url_escaped(str(path))}"
    flags = "mode=ro" + ("&immutable=1" if immutable else "")
    return f"sqlite+pysqlite:///file:{url_escaped(url_escaped(path.as_posix()))}?{flags}&uri=true"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """An engine for `url` with the workspace's connection settings applied."""
    if not is_sqlite(url):
        return _server_engine(url)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # noqa: ANN001 — DB-API objects
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see module doc)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # noqa: ANN001
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _server_engine(url: str) -> Engine:
    engine = create_engine(url, pool_pre_ping=True, connect_args={"application_name": "qingfeng"})

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # noqa: ANN001
        if connection.get_execution_options().get(WRITE_OPTION, False):
            take_write_lock(connection)

    return engine


def take_write_lock(connection: Connection) -> None:
    """The workspace's write lock for the rest of this transaction (SQLite: BEGIN IMMEDIATE has
    taken it already; a server: the advisory lock, waiting at most SERVER_LOCK_TIMEOUT)."""
    if connection.dialect.name == "sqlite":
        return
    connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{SERVER_LOCK_TIMEOUT}'")
    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


def is_busy(error: BaseException) -> bool:
    """A write that gave up waiting for another writer (SQLite's busy timeout, the server's
    lock_timeout): nothing was written, and trying again later will do."""
    orig = getattr(error, "orig", error)
    if getattr(orig, "sqlstate", None) == "55P03":  # PostgreSQL lock_not_available
        return True
    return "database is locked" in str(orig)


def is_disk_full(error: BaseException) -> bool:
    """The disk (or the server's) ran out of room during a write: SQLITE_FULL, or PostgreSQL's
    disk_full (53100); the transaction was rolled back."""
    orig = getattr(error, "orig", error)
    if getattr(orig, "sqlstate", None) == "53100":
        return True
    return getattr(orig, "sqlite_errorcode", None) == 13 or "database or disk is full" in str(orig)


def is_not_writable(error: BaseException) -> bool:
    """SQLite could not write the file or its journal (a read-only medium, no permission)."""
    text = str(getattr(error, "orig", error))
    return "readonly database" in text or "read-only" in text


class Sessions:
    """Session factories over one engine: `read()` for queries, `write()` for units of work.

    The ORM is imported with the first session, not with the engine: the window opens the
    workspace and paints before anything asks for a session (start-up time)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._makers: tuple[sessionmaker, sessionmaker] | None = None

    def _factories(self) -> tuple[sessionmaker, sessionmaker]:
        if self._makers is None:  # two threads may both build them: equal, either is kept
            from sqlalchemy.orm import sessionmaker

            engine = self.engine
            # A read is one snapshot on either database: SQLite's read transaction is one already;
            # on a server REPEATABLE READ gives the same (READ COMMITTED would let a report's 合计
            # and the rows above it, or a page's ids and its rows, see another PC's save in between).
            readers = engine if engine.dialect.name == "sqlite" else engine.execution_options(
                isolation_level="REPEATABLE READ")
            self._makers = (sessionmaker(readers, expire_on_commit=False),
                            sessionmaker(engine.execution_options(**{WRITE_OPTION: True}),
                                         expire_on_commit=False))
        return self._makers

    def read(self) -> Session:
        return self._factories()[0]()

    def write(self) -> Session:
        return self._factories()[1]()
