"""Rows from one database into another, verbatim: the table-level half of `copy` (app/workspace/copying.py
is the workspace-level half: sign-in, attachments, verification, the audit rows).

Every table of the models is copied with its ids, parents before children (units before their
sub-units), in the target's transaction. What differs between the databases stays here: a
server's sequences are moved past the copied ids, and text longer than a column allows (SQLite
does not enforce VARCHAR lengths, PostgreSQL does) is found before anything is written.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import (
    Connection,
    Integer,
    String,
    Table,
    delete,
    func,
    insert,
    inspect,
    select,
    text,
)

from db.chain import GENESIS
from db.models import Base

BATCH = 1000
IGNORED_TABLES = {"alembic_version"}  # the target's own, written by its migrations


def tables(skip: Iterable[str] = ()) -> list[Table]:
    """The models' tables, parents first."""
    skipped = set(skip)
    return [t for t in Base.metadata.sorted_tables if t.name not in skipped]


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def fingerprint(conn: Connection, table: Table, below: int | None = None) -> str:
    """SHA-256 over every row of `table` in key order (values as the models' types give them,
    so a SQLite and a PostgreSQL copy of the same rows agree); `below`: rows with a smaller
    single-column key only."""
    order = list(table.primary_key.columns) or list(table.columns)
    query = select(table).order_by(*order)
    if below is not None:
        query = query.where(order[0] < below)
    digest = hashlib.sha256()
    for row in conn.execute(query.execution_options(yield_per=BATCH)):
        digest.update(repr(tuple(row)).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def unknown_tables(conn: Connection) -> list[str]:
    """Tables in the database that the models do not know (they would not be copied)."""
    known = set(Base.metadata.tables) | IGNORED_TABLES
    return sorted(set(inspect(conn).get_table_names()) - known)


def table_names(conn: Connection) -> list[str]:
    return sorted(inspect(conn).get_table_names())


def row_counts(conn: Connection, skip: Iterable[str] = ()) -> dict[str, int]:
    return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in tables(skip)}


@dataclass(frozen=True)
class TooLong:
    table: str
    column: str
    row_id: object
    length: int
    limit: int


def too_long(conn: Connection, skip: Iterable[str] = ()) -> list[TooLong]:
    """Text longer than its column's declared length (possible in SQLite only)."""
    found: list[TooLong] = []
    for table in tables(skip):
        pk = list(table.primary_key.columns)
        for column in table.columns:
            if not isinstance(column.type, String) or not column.type.length:
                continue
            limit = column.type.length
            query = (select(*pk, func.length(column)).where(func.length(column) > limit)
                     .order_by(*pk).limit(20))
            for row in conn.execute(query):
                found.append(TooLong(table.name, column.name, row[0] if len(pk) == 1 else tuple(row[:-1]),
                                     row[-1], limit))
    return found


def clear(conn: Connection, skip: Iterable[str] = ()) -> None:
    """Empties every model table (children first): a new target's seed rows make way for the
    source's own."""
    for table in reversed(tables(skip)):
        conn.execute(delete(table))


def _parents_first(table: Table, rows: list[dict]) -> list[dict]:
    """Rows of a table that refers to itself, each after the row it names."""
    refs = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    if not refs:
        return rows
    (pk,) = [c.name for c in table.primary_key.columns]
    placed: set[object] = set()
    ordered: list[dict] = []
    waiting = rows
    while waiting:
        ready = [r for r in waiting if all(r[c] is None or r[c] in placed or r[c] == r[pk] for c in refs)]
        if not ready:  # a cycle cannot be inserted row by row; let the database say so
            ready = waiting
        ordered.extend(ready)
        placed.update(r[pk] for r in ready)
        waiting = [r for r in waiting if r[pk] not in placed]
    return ordered


def _stream(conn: Connection, table: Table) -> Iterator[list[dict]]:
    order = list(table.primary_key.columns) or list(table.columns)
    result = conn.execute(select(table).order_by(*order).execution_options(yield_per=BATCH))
    for part in result.mappings().partitions(BATCH):
        yield [dict(r) for r in part]


def copy_rows(source: Connection, target: Connection, skip: Iterable[str] = (),
              progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Every row of every model table from `source` into `target`, ids and all; returns the
    rows copied per table. The caller's transactions hold it together.

    The chain's head is not copied: it starts at the genesis and the target's own trigger
    (db/chain.py) moves it with each audit row as the rows go in, in order, so the copy's chain
    is relinked row by row on the way in and ends at the source's head."""
    copied: dict[str, int] = {}
    ordered = sorted(tables(skip), key=lambda t: t.name != "audit_head")  # the head first
    for current in ordered:
        if current.name == "audit_head":
            target.execute(insert(current), [{"id": 1, "last_id": 0, "hash": GENESIS}])
            copied[current.name] = 1
            continue
        n = 0
        self_ref = any(fk.column.table is current for fk in current.foreign_keys)
        batches = [[r for part in _stream(source, current) for r in part]] if self_ref else _stream(source, current)
        for batch in batches:
            if self_ref:
                batch = _parents_first(current, batch)
            for start in range(0, len(batch), BATCH):
                chunk = batch[start:start + BATCH]
                if chunk:
                    target.execute(insert(current), chunk)
                    n += len(chunk)
                    if progress is not None:
                        progress(current.name, n)
        copied[current.name] = n
    reset_sequences(target)
    return copied


def reset_sequences(conn: Connection) -> None:
    """On a server, each table's id sequence continues after the largest copied id (SQLite
    takes max(id) + 1 by itself)."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables():
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, Integer):
            continue
        sequence = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                {"t": table.name, "c": pk[0].name}).scalar()
        if sequence is None:
            continue
        conn.execute(text(f"SELECT setval(:s, COALESCE((SELECT max({pk[0].name}) FROM {table.name}), 1), "
                          f"(SELECT max({pk[0].name}) FROM {table.name}) IS NOT NULL)"), {"s": sequence})
