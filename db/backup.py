"""Consistent copies of a live SQLite database (the online backup API: safe while in use)."""
from __future__ import annotations

import sqlite3
from pathlib import Path


def copy_sqlite(src: Path, dst: Path) -> None:
    """Writes a consistent snapshot of `src` to `dst` (a new file), even while `src` is open."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(dst.name + ".part")
    tmp.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{src.as_posix()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
    finally:
        source.close()
    tmp.replace(dst)


def _run_check(path: Path, pragma: str) -> str:
    if not path.is_file():
        return "文件不存在"
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        try:
            rows = conn.execute(f"PRAGMA {pragma}").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    result = "; ".join(str(r[0]) for r in rows[:10])
    return "ok" if result == "ok" else result


def quick_check(path: Path) -> str:
    """'ok', or what SQLite found wrong with the file (opened read-only: never written to)."""
    return _run_check(path, "quick_check")


def integrity_check(path: Path) -> str:
    """Like quick_check, and also checks index contents (slower, for `check`)."""
    return _run_check(path, "integrity_check")
