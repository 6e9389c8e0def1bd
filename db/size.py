"""The size of a server workspace's database (a SQLite workspace is measured as files)."""
from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def server_database_size(session: Session) -> int | None:
    """Bytes the PostgreSQL database takes on the server; None on SQLite."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    return int(session.scalar(text("SELECT pg_database_size(current_database())")) or 0)
