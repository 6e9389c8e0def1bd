"""Alembic environment: batch mode (SQLite rebuilds tables), our metadata, a given connection."""
from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine

from db.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:  # noqa: ANN001
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # developer use through db/alembic.ini
    url = os.environ.get("QINGFENG_DB_URL", "sqlite:///scratch.sqlite3")
    with create_engine(url).connect() as conn:
        _run(conn)
        conn.commit()
