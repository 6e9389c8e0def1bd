"""SQLite's plan of the one SELECT a read runs: what the first-screen tests hold to an index."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session


def plan_of_select(session: Session, read: Callable[[Session], object]) -> str:
    """`read(session)` run with its statements watched; EXPLAIN QUERY PLAN of the one SELECT it
    ran (with its parameters), the plan's lines joined by " / "."""
    seen: list[tuple[str, object]] = []
    engine = session.get_bind()

    def listener(_conn, _cursor, statement, parameters, _context, _many) -> None:  # noqa: ANN001
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", listener)
    try:
        read(session)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    (statement, parameters), = [(q, p) for q, p in seen if q.lstrip().upper().startswith("SELECT")]
    rows = session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
    return " / ".join(row[-1] for row in rows)
