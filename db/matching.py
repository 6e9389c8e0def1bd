"""Substring search that ignores case, the one place that knows how each database does it.

SQLite's LIKE already ignores ASCII case (Chinese has none), so it is used as is — wrapping
every row's text in lower() doubled the talks filter's time. PostgreSQL's LIKE is
case-sensitive: ILIKE. (A pg_trgm GIN index could serve these `%…%` patterns on a server
with hundreds of thousands of rows; an office's registers are scanned in milliseconds.)
"""
from __future__ import annotations

from sqlalchemy import Boolean, String, bindparam
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

ESCAPE = "\\"


def like_pattern(text: str) -> str:
    """`%text%` with LIKE's wildcards in `text` escaped (a clerk's 100% or a_b match literally)."""
    escaped = text.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")
    return f"%{escaped}%"


class Contains(ColumnElement[bool]):
    """`column` matches `pattern` (a LIKE pattern with `\\` as escape), ignoring case."""

    __visit_name__ = "qingfeng_contains"
    inherit_cache = True
    type = Boolean()
    _is_implicitly_boolean = True  # a comparison: no "= 1" on SQLite
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement),
                           ("pattern", InternalTraversal.dp_clauseelement)]

    def __init__(self, column: ColumnElement, pattern: str) -> None:
        self.column = column
        self.pattern = bindparam(None, pattern, type_=String(), unique=True)


def contains(column: ColumnElement, text: str) -> Contains:
    """`column` holds `text` anywhere, ignoring case."""
    return Contains(column, like_pattern(text))


def _render(element: Contains, compiler, operator: str, **kw) -> str:  # noqa: ANN001
    escape = compiler.render_literal_value(ESCAPE, String())
    return (f"{compiler.process(element.column, **kw)} {operator} "
            f"{compiler.process(element.pattern, **kw)} ESCAPE {escape}")


@compiles(Contains)
def _compile_like(element: Contains, compiler, **kw) -> str:  # noqa: ANN001
    return _render(element, compiler, "LIKE", **kw)


@compiles(Contains, "postgresql")
def _compile_ilike(element: Contains, compiler, **kw) -> str:  # noqa: ANN001
    return _render(element, compiler, "ILIKE", **kw)


__all__ = ["Contains", "contains", "like_pattern"]
