"""Engines and sessions.

SQLite is opened with foreign keys on, WAL, synchronous=FULL and a busy timeout. pysqlite's own
transaction handling is switched off so that we emit BEGIN ourselves: a unit of work that writes
starts with BEGIN IMMEDIATE (it takes the write lock up front, so two writers queue on the busy
timeout instead of failing half-way); a read starts with a plain BEGIN.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 10_000
WRITE_OPTION = "qingfeng_write"


def sqlite_url(path: Path, *, read_only: bool = False, immutable: bool = False) -> str:
    if not (read_only or immutable):
        return f"sqlite+pysqlite:///{path}"
    flags = "mode=ro" + ("&immutable=1" if immutable else "")
    return f"sqlite+pysqlite:///file:{path.as_posix()}?{flags}&uri=true"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """An engine for `url` with the workspace's connection settings applied."""
    if not is_sqlite(url):
        return create_engine(url, pool_pre_ping=True)
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


class Sessions:
    """Session factories over one engine: `read()` for queries, `write()` for units of work."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(
            engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )

    def read(self) -> Session:
        return self._read()

    def write(self) -> Session:
        return self._write()
