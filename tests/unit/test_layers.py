"""The layers point one way: ui → app → db. Checked on the import statements themselves."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imports(folder: str) -> list[tuple[Path, int, str]]:
    found = []
    for path in (ROOT / folder).rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(path, node.lineno, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((path, node.lineno, node.module))
    return found


def _top(module: str) -> str:
    return module.split(".")[0]


def test_app_and_db_never_import_qt():
    offenders = [f"{p.relative_to(ROOT)}:{n} {m}" for folder in ("app", "db")
                 for p, n, m in _imports(folder) if _top(m) in {"PySide6", "shiboken6", "PyQt5", "PyQt6"}]
    assert offenders == []


def test_db_never_imports_app_or_ui():
    offenders = [f"{p.relative_to(ROOT)}:{n} {m}" for p, n, m in _imports("db") if _top(m) in {"app", "ui"}]
    assert offenders == []


def test_ui_never_imports_db():
    offenders = [f"{p.relative_to(ROOT)}:{n} {m}" for p, n, m in _imports("ui") if _top(m) == "db"]
    assert offenders == []


def test_only_the_composition_root_imports_ui():
    offenders = [f"{p.relative_to(ROOT)}:{n} {m}" for p, n, m in _imports("app")
                 if _top(m) == "ui" and p.relative_to(ROOT).as_posix() != "app/cli/main.py"]
    assert offenders == []


def test_the_checker_sees_imports(tmp_path, monkeypatch):
    # Guard against a scan that silently finds nothing.
    assert any(_top(m) == "sqlalchemy" for _, _, m in _imports("db"))
    assert any(_top(m) == "app" for _, _, m in _imports("app"))
