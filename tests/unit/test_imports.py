"""No import circles in app/, ui/, db/ or resources/, and argparse only in the command line.

Every import counts: at module level, inside functions, under TYPE_CHECKING. `from pkg import x`
counts as importing `pkg/__init__.py` (and `pkg.x` when x is a module) unless that `__init__.py`
only re-exports (holds nothing but a docstring and imports); importing `a.b.c` runs `a` and `a.b`
first, so their `__init__` files count the same way.
"""
from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("app", "ui", "db", "resources")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}


@cache
def only_reexports(name: str) -> bool:
    tree = ast.parse(modules()[name].read_text("utf-8"))
    return all(isinstance(node, (ast.Import, ast.ImportFrom, ast.Expr))
               or (isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] == ["__all__"])
               for node in tree.body)


def _absolute(node: ast.ImportFrom, importer: str) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    if modules()[importer].name != "__init__.py":
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imported_by(name: str) -> set[str]:
    """The modules of ours that importing `name` runs, directly."""
    found: set[str] = set()

    def add(target: str) -> None:
        parts = target.split(".")
        for i in range(1, len(parts)):  # the packages above run first
            package = ".".join(parts[:i])
            if package in modules() and not only_reexports(package):
                found.add(package)
        while target and target not in modules():
            target = target.rpartition(".")[0]
        if target:
            found.add(target)

    for node in ast.walk(ast.parse(modules()[name].read_text("utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, name)
            if base.split(".")[0] not in PACKAGES:
                continue
            for alias in node.names:
                add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules() else base)
            if base in modules() and not only_reexports(base):
                found.add(base)
    found.discard(name)
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), and modules importing
    themselves."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return groups


def test_no_import_circles():
    graph = {name: imported_by(name) for name in modules()}
    assert circles(graph) == []


def test_the_circle_finder_finds_circles():
    # Guard against a checker that cannot fail: a planted circle, and our own graph is not empty.
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert "app.registers.talks.types" in imported_by("app.registers.talks.write")
    # a function-local import counts (the composition root imports the window inside a function)
    assert "ui.app" in imported_by("app.cli.main")


def test_package_inits_hold_no_code():
    """An __init__.py only re-exports (a docstring, imports, `__all__`), so importing a sibling
    never runs more than the sibling."""
    heavy = [name for name, path in modules().items()
             if path.name == "__init__.py" and not only_reexports(name)]
    assert heavy == []


def test_argparse_only_in_the_command_line():
    offenders = []
    for name, path in modules().items():
        if name.startswith("app.cli.") or name == "app.cli":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import) and any(a.name == "argparse" for a in node.names):
                offenders.append(name)
            elif isinstance(node, ast.ImportFrom) and node.module == "argparse":
                offenders.append(name)
    assert offenders == []
