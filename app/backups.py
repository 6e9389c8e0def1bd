"""Backups of a SQLite workspace. Each carries a manifest with the audit chain head, so `check`
can tell whether the live chain was rewritten or truncated after the backup was taken."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app import audit
from app.audit import ChainHead
from app.errors import WorkspaceError
from db import migrate
from db.backup import copy_sqlite

BACKUP_DIR = "backups"
SUFFIX = ".sqlite3"
MANIFEST_SUFFIX = ".json"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: str
    head: ChainHead
    revision: str
    kind: str  # manual·daily·weekly·monthly·pre-upgrade·pre-restore


def read_head(db_file: Path) -> tuple[ChainHead, str]:
    """The chain head and schema revision stored inside a database file (read-only)."""
    conn = sqlite3.connect(f"file:{db_file.as_posix()}?mode=ro", uri=True)
    try:
        last_id, hash_ = conn.execute("SELECT last_id, hash FROM audit_head WHERE id = 1").fetchone()
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()
    return ChainHead(last_id, hash_), revision


def create_backup(ws, actor, dest: Path | None = None, kind: str = "manual") -> BackupInfo:  # noqa: ANN001
    """A consistent copy of the live database (safe while the window is open) and its manifest."""
    if ws.db_path is None:
        raise WorkspaceError("PostgreSQL 工作区请用 pg_dump 备份（见 README）。")
    if not ws.read_only and actor is not None:
        with ws.writing() as session:
            audit.record(session, actor, "backup", "workspace", "", summary=f"备份（{kind}）")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = dest or ws.data_dir / BACKUP_DIR / f"{kind}-{stamp}{SUFFIX}"
    copy_sqlite(ws.db_path, dest)
    head, revision = read_head(dest)
    info = BackupInfo(dest, dt.datetime.now().isoformat(timespec="seconds"), head, revision, kind)
    write_manifest(info)
    return info


def write_manifest(info: BackupInfo) -> None:
    manifest = {"created_at": info.created_at, "kind": info.kind, "revision": info.revision,
                "chain_head": {"last_id": info.head.last_id, "hash": info.head.hash},
                "known_head_revision": migrate.head_revision()}
    info.path.with_suffix(MANIFEST_SUFFIX).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """Backups in the workspace's backups/ folder that have a readable manifest, oldest first."""
    found = []
    for manifest in sorted((data_dir / BACKUP_DIR).glob(f"*{MANIFEST_SUFFIX}")):
        try:
            data = json.loads(manifest.read_text("utf-8"))
            head = ChainHead(int(data["chain_head"]["last_id"]), str(data["chain_head"]["hash"]))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        found.append(BackupInfo(manifest.with_suffix(SUFFIX), data.get("created_at", ""), head,
                                data.get("revision", ""), data.get("kind", "")))
    return sorted(found, key=lambda b: b.created_at)


def anchors(data_dir: Path | None) -> list[tuple[str, ChainHead]]:
    """Chain heads recorded in backups, for `audit.verify_chain`."""
    if data_dir is None:
        return []
    return [(b.path.name, b.head) for b in list_backups(data_dir)]
