"""`outer_first(left, right, on)`: an inner join whose left side SQLite reads as the outer loop.

SQLite's planner picks the order of an inner join's tables itself and, for an ORDER BY that
spans both, usually scans the larger table and sorts every row. Where the order is the left
table's index followed by the right table's (units in display order, then each unit's people),
the left side must be the outer loop for the two indexes to give the order, so that a LIMIT
stops after one screenful — SQLite's CROSS JOIN says exactly that (it is an inner join whose
order SQLite keeps: https://sqlite.org/optoverview.html#manual_control_of_query_plans_using_cross_join).
Other databases get a plain JOIN: PostgreSQL plans a join of two tables whatever way round it
is written.
"""
from __future__ import annotations

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import FromClause, Join


class OuterFirst(Join):
    """An inner join read left first on SQLite (CROSS JOIN … ON …)."""

    inherit_cache = True


def outer_first(left: FromClause, right: FromClause, on: ColumnElement[bool]) -> OuterFirst:
    """`left` a table or another outer_first (read in that order: units, their risk points,
    their assessments), `right` a table."""
    assert not isinstance(left, Join) or isinstance(left, OuterFirst)
    assert not isinstance(right, Join)
    return OuterFirst(left, right, on)


@compiles(OuterFirst, "sqlite")
def _cross_join(join: OuterFirst, compiler, **kw) -> str:  # noqa: ANN001
    text = compiler.visit_join(join, **kw)
    own = f" JOIN {compiler.process(join.right, **kw)} ON "  # the right side: a table
    at = text.rfind(own)
    assert at > 0, text
    return f"{text[:at]} CROSS{text[at:]}"
