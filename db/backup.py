"""Consistent copies of a live SQLite database (the online backup API: safe while in use)."""
from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path


def url_escaped(text: str) -> str:
    """`text` with what a URL reads as its own (% ? #) percent-encoded: read back, it is `text`."""
    return text.replace("%", "%25").replace("?", "%3F").replace("#", "%23")


def sqlite_uri(path: Path, flags: str) -> str:
    """The `file:` URI that sqlite3.connect(…, uri=True) (or ATTACH on such a connection) opens
    `path` by, with `flags` (mode=ro…): a folder named with %, ? or # opens that file, no other."""
    return f"file:{url_escaped(path.as_posix())}?{flags}"


def copy_sqlite(src: Path, dst: Path) -> None:
    """Writes a consistent snapshot of `src` to `dst` (a new file), even while `src` is open."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(dst.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        source = sqlite3.connect(sqlite_uri(src, "mode=ro"), uri=True)
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
    finally:  # a full disk or a failed copy leaves no part behind
        for leftover in (tmp, Path(f"{tmp}-journal")):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass


def read_only_uri(path: Path) -> str:
    """The URI that opens `path` read-only, never writing to it (sqlite3.connect(…, uri=True),
    or ATTACH on such a connection)."""
    # A WAL file in a read-only folder cannot get its shared-memory file: read it as it stands.
    flags = "mode=ro" if os.access(path.parent, os.W_OK) else "mode=ro&immutable=1"
    return sqlite_uri(path, flags)


def _run_check(path: Path, pragma: str) -> str:
    if not path.is_file():
        return "文件不存在"
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            rows = conn.execute(f"PRAGMA {pragma}").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    result = "; ".join(str(r[0]) for r in rows[:10])
    return "ok" if result == "ok" else result


_early: dict[Path, tuple[threading.Thread, list[str]]] = {}


def start_quick_check(path: Path) -> None:
    """Starts `quick_check(path)` on a thread, for the open that follows: SQLite's check releases
    the GIL, so at start-up it runs while the program's modules are imported (its cost grows
    with the file: ~0.3 s of processor time for 130 MB)."""
    key = Path(path).resolve()
    if key in _early or not key.is_file():
        return
    answer: list[str] = []
    thread = threading.Thread(target=lambda: answer.append(_run_check(key, "quick_check")),
                              name="quick_check", daemon=True)
    _early[key] = (thread, answer)
    thread.start()


def quick_check(path: Path) -> str:
    """'ok', or what SQLite found wrong with the file (opened read-only: never written to).
    Takes the answer of a check started by `start_quick_check` for the same file, once."""
    early = _early.pop(Path(path).resolve(), None)
    if early is not None:
        thread, answer = early
        thread.join()
        if answer:
            return answer[0]
    return _run_check(path, "quick_check")


def integrity_check(path: Path) -> str:
    """Like quick_check, and also checks index contents (slower, for `check`)."""
    return _run_check(path, "integrity_check")
