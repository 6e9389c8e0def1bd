"""Schema revisions: which one a database has, which ones this program knows, and upgrades.

Revision ids are the numeric prefix of the files in migrations/versions ("0003_…py" → "0003"),
so the program learns its head without importing Alembic at start-up.
"""
from __future__ import annotations

import enum
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text

VERSIONS_DIR = Path(__file__).parent / "migrations" / "versions"


class SchemaState(enum.Enum):
    EMPTY = "empty"
    CURRENT = "current"
    BEHIND = "behind"
    NEWER = "newer"


def known_revisions() -> list[str]:
    """Every revision this program ships, oldest first."""
    return sorted(p.name.split("_", 1)[0] for p in VERSIONS_DIR.glob("[0-9]*_*.py"))


def head_revision() -> str:
    return known_revisions()[-1]


def current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def schema_state(conn: Connection) -> SchemaState:
    revision = current_revision(conn)
    if revision is None:
        return SchemaState.EMPTY
    if revision == head_revision():
        return SchemaState.CURRENT
    if revision in known_revisions():
        return SchemaState.BEHIND
    return SchemaState.NEWER


def _alembic_config(conn: Connection):  # noqa: ANN202 — alembic is imported lazily
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.attributes["connection"] = conn
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Brings the schema to `revision` in one transaction (SQLite and PostgreSQL DDL are both
    transactional: a failed upgrade leaves the schema as it was)."""
    with engine.begin() as conn:
        upgrade_in(conn, revision)


def upgrade_in(conn: Connection, revision: str = "head") -> None:
    """The upgrade inside the caller's transaction (which commits it, with whatever else it
    writes — the administrator's audit row on a server)."""
    from alembic import command

    command.upgrade(_alembic_config(conn), revision)
