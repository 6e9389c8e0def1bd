"""Test helpers that read the database as it is on disk (no service in between)."""
from __future__ import annotations

import sqlite3
from pathlib import Path


def dump_tables(db_file: Path, tables: list[str] | None = None,
                skip: tuple[str, ...] = ("audit_log", "audit_head")) -> dict[str, list[tuple]]:
    """Every row of every table (or of `tables`), ordered, for before/after comparisons."""
    conn = sqlite3.connect(f"file:{db_file.as_posix()}?mode=ro", uri=True)
    try:
        names = tables or [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {name: conn.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall()
                for name in names if name not in skip}
    finally:
        conn.close()
