"""Which functions under app/ may write: a static reading of their code, for tests/unit/test_roles.py.

A function may write when its body (or a function of app/ it calls by name, followed through
modules) adds, deletes or merges through `session`, runs an SQL insert/update/delete, sets an
attribute (`record.status = …`, `setattr`), or calls app/audit.py. Everything else only reads:
queries, figures, the reminder providers, the conditions the pages share. The rule errs towards
"writes": a read it mistakes is listed in the test with its reason, while a write it missed
would go untested, so the test checks that it tells every write service the test covers.
"""
from __future__ import annotations

import ast
import inspect
import textwrap
import types
from collections.abc import Callable

import sqlalchemy

SESSION_WRITES = {"add", "add_all", "delete", "merge", "bulk_save_objects", "bulk_insert_mappings",
                  "bulk_update_mappings"}
SQL_WRITES = (sqlalchemy.insert, sqlalchemy.update, sqlalchemy.delete)
# app/audit.py's functions that only read the chain (its head, its check, the seals).
AUDIT_READS = {"current_head", "verify_chain", "last_seals", "verify_seals", "snapshot"}


def _assigns_attribute(node: ast.AST) -> bool:
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
        targets = [node.target]
    else:
        return False
    flat = [e for t in targets for e in (t.elts if isinstance(t, (ast.Tuple, ast.List)) else [t])]
    return any(isinstance(t, ast.Attribute) for t in flat)


def _called(node: ast.Call, names: dict) -> tuple[object, str]:
    """(what the call resolves to in the function's module, or None; a write it shows by itself)."""
    func = node.func
    if isinstance(func, ast.Name):
        return names.get(func.id), "setattr" if func.id == "setattr" else ""
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        base = names.get(func.value.id)
        if isinstance(base, types.ModuleType):
            return getattr(base, func.attr, None), ""
        if func.value.id == "session" and func.attr in SESSION_WRITES:
            return None, f"session.{func.attr}()"
    return None, ""


def may_write(fn: Callable, _seen: set | None = None) -> str:
    """Why `fn` may write ("" when it only reads)."""
    seen = set() if _seen is None else _seen
    if fn in seen:
        return ""
    seen.add(fn)
    if fn.__module__ == "app.audit":
        return "" if fn.__name__ in AUDIT_READS else "an audit row"
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError):
        return ""
    for node in ast.walk(tree):
        if _assigns_attribute(node):
            return f"sets an attribute ({fn.__name__}, line {node.lineno})"
        if not isinstance(node, ast.Call):
            continue
        target, why = _called(node, fn.__globals__)
        if why:
            return f"{why} ({fn.__name__})"
        if any(target is w for w in SQL_WRITES):
            return f"SQL write ({fn.__name__})"
        if inspect.isfunction(target) and target.__module__.startswith("app."):
            why = may_write(target, seen)
            if why:
                return f"{target.__module__}.{target.__name__}: {why}"
    return ""
