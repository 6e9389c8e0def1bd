"""Test helpers that read the database as it is stored (no service in between)."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, inspect, select, text


def _engine_of(where, read_only: bool = True):  # noqa: ANN001, ANN202 — a Workspace, a SQLite file or a URL
    from db.session import sqlite_url

    if isinstance(where, Path):
        return create_engine(sqlite_url(where, read_only=read_only)), True
    if isinstance(where, str):
        return create_engine(where), True
    return where.sessions.engine, False


def dump_tables(where, tables: list[str] | None = None,  # noqa: ANN001
                skip: tuple[str, ...] = ("audit_log", "audit_head")) -> dict[str, list[tuple]]:
    """Every row of every table (or of `tables`), ordered by primary key, for before/after and
    cross-database comparisons. `where`: a Workspace, a SQLite file or a database URL. Values
    come through the models' column types, so SQLite and PostgreSQL dumps compare equal."""
    from db.models import Base

    engine, own = _engine_of(where)
    try:
        with engine.connect() as conn:
            present = set(inspect(conn).get_table_names())
            names = tables or sorted(present - {"alembic_version"})
            out: dict[str, list[tuple]] = {}
            for name in names:
                if name in skip:
                    continue
                table = Base.metadata.tables.get(name)
                if table is None:
                    out[name] = [tuple(r) for r in conn.execute(text(f'SELECT * FROM "{name}" ORDER BY 1'))]
                    continue
                order = list(table.primary_key.columns) or list(table.columns)
                out[name] = [tuple(r) for r in conn.execute(select(table).order_by(*order))]
            return out
    finally:
        if own:
            engine.dispose()


def execute_sql(where, statement: str) -> None:  # noqa: ANN001
    """Runs raw SQL behind the program's back (someone editing the database by hand)."""
    engine, own = _engine_of(where, read_only=False)
    try:
        with engine.begin() as conn:
            conn.execute(text(statement))
    finally:
        if own:
            engine.dispose()


def query_sql(where, statement: str) -> list[tuple]:  # noqa: ANN001
    """Rows of raw SQL (counts made without our code, to compare with what the services say)."""
    engine, own = _engine_of(where)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(statement))]
    finally:
        if own:
            engine.dispose()
