"""NULLs sort the same on every database: first when ascending, last when descending.

That is SQLite's rule (NULL is the smallest value); PostgreSQL's default is the opposite (NULL
is the largest). Without this a list sorted on a column that may be empty (a talk's start
time, a finding's deadline) — and an export that follows the list's order — would come out in
a different order on a server than in a folder. So on PostgreSQL every ORDER BY term written
`.asc()` or `.desc()` gets SQLite's NULLS FIRST / NULLS LAST unless it names its own. (A bare
column in ORDER BY is left alone: the services sort nullable columns through asc()/desc().)
A column declared NOT NULL (ids, dates a record must have) gets no rule: it has no NULLs to
place, and a plain ASC/DESC lets PostgreSQL read a LIMIT 100 first page from its index instead
of sorting the whole table.
"""
from __future__ import annotations

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression

_EXPLICIT = "_qingfeng_explicit_nulls"
_SQLITE_RULE = {operators.asc_op: " NULLS FIRST", operators.desc_op: " NULLS LAST"}
_NULLS_GIVEN = (operators.nulls_first_op, operators.nulls_last_op)


@compiles(UnaryExpression, "postgresql")
def _nulls_as_on_sqlite(element: UnaryExpression, compiler, **kw) -> str:  # noqa: ANN001
    if element.modifier in _NULLS_GIVEN:  # x.asc().nulls_last(): the caller chose
        return compiler.visit_unary(element, **{**kw, _EXPLICIT: True})
    explicit = kw.pop(_EXPLICIT, False)
    text = compiler.visit_unary(element, **kw)
    if explicit or getattr(element.element, "nullable", True) is False:
        return text
    return text + _SQLITE_RULE.get(element.modifier, "")
