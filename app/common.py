"""Small pieces every register service uses: text checks, version checks, paging by ids."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from sqlalchemy import Select, or_
from sqlalchemy.orm import Session

from app.errors import ValidationError
from db.matching import contains

T = TypeVar("T")


def clean(text: str | None) -> str:
    return (text or "").strip()


def required_text(value: str | None, label: str, field: str, max_len: int) -> str:
    text = clean(value)
    if not text:
        raise ValidationError(f"{label}不能为空。", field)
    return limited_text(text, label, field, max_len)


def limited_text(value: str | None, label: str, field: str, max_len: int) -> str:
    text = clean(value)
    if len(text) > max_len:
        raise ValidationError(f"{label}不能超过 {max_len} 个字（现有 {len(text)} 个）。", field)
    return text


def not_future(day: dt.date | None, today: dt.date, label: str, field: str) -> None:
    if day is not None and day > today:
        raise ValidationError(f"{label}不能晚于今天（{today:%Y-%m-%d}）。", field)


def like_any(text: str, *columns) -> object:  # noqa: ANN001 — SQLAlchemy column expressions
    """A case-insensitive substring match over `columns`, on any database (db/matching.py
    decides how: LIKE on SQLite, ILIKE on PostgreSQL)."""
    return or_(*(contains(c, text) for c in columns))


def ordered_by_ids(rows: Sequence[T], ids: Sequence[int], key: str = "id") -> list[T]:
    """Rows fetched with `IN (ids)` put back in the order of `ids`."""
    by_id = {getattr(r, key): r for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def ids_of(session: Session, query: Select) -> list[int]:
    return list(session.scalars(query))


class KeptStatements:
    """Statements built once per key and kept (at most `size`; a full store starts again): a
    register's id query for a filter whose SQL reads nothing from the database is the same
    statement every time, and building and keying it anew cost twice running it on a page's
    first screen."""

    def __init__(self, size: int = 64) -> None:
        self._kept: dict[object, Select] = {}
        self._size = size

    def get(self, key: object, build: Callable[[], Select]) -> Select:
        found = self._kept.get(key)
        if found is None:
            if len(self._kept) >= self._size:
                self._kept.clear()
            found = self._kept[key] = build()
        return found


class SharedWhileUnchanged(Generic[T]):
    """One value read from a table (the vocabulary, the work calendar) and shared between
    sessions while the table's `fingerprint` — one aggregate statement, built once — reads the
    same: taken on the session's connection after an autoflush (as `session.execute` would), so
    a change in the session's own unit of work, or committed by another PC, reads the new table."""

    def __init__(self, fingerprint: Select) -> None:
        self._fingerprint = fingerprint
        self._kept: dict[tuple, T] = {}

    def get(self, session: Session, build: Callable[[], T]) -> T:
        if session.autoflush:
            session.flush()
        connection = session.connection()
        key = (str(connection.engine.url), *connection.execute(self._fingerprint).one())
        found = self._kept.get(key)
        if found is None:
            found = build()
            self._kept.clear()
            self._kept[key] = found
        return found
