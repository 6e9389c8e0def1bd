"""Backups of a SQLite workspace.

In the data folder (`backups/`): a consistent copy of the database (`<kind>-<time>.sqlite3`)
and its manifest (`.json`) with the audit chain head, so `check` can tell whether the live chain
was rewritten or truncated after the backup was taken. Attachments are content-addressed files
that are never deleted, so a backup in the folder needs no copy of them.
Automatic: once a day when a workspace is opened for writing (`backup_on_open`), rotated to 7
daily, 4 weekly and 12 monthly (`rotate`); before a schema upgrade (`backup_file`, 升级前-…);
before a restore (pre-restore).
Outside the data folder (a USB stick): one encrypted file with the database, the attachments
and the manifest (app/workspace/crypto.py), so the copy is whole and unreadable without the password.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.audit import ChainHead
from app.auth import Actor, Role, require_role
from app.errors import BackupError, ValidationError, WorkspaceError
from app.files import write_problem
from app.progress import Progress
from app.workspace.crypto import check_backup_password, write_container
from db import migrate
from db.backup import copy_sqlite, sqlite_uri
from db.models import AuditEntry

BACKUP_DIR = "backups"
SUFFIX = ".sqlite3"
MANIFEST_SUFFIX = ".json"
EXTERNAL_SUFFIX = ".qfbak"
KIND_LABELS = {"manual": "手动备份", "daily": "每日自动备份", "pre-upgrade": "升级前备份",
               "pre-restore": "恢复前备份", "external": "加密备份"}
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
# In the data folder (backups/ may be the part that cannot be written): the last failure of the
# daily backup, for 首页 and `check`; removed by the next daily backup that succeeds.
FAILURE_FILE = "backup-failed.json"
DAILY_FAILED = "{day} 的每日自动备份没有完成：{error}"
BACKUP_FAILED = "备份没有完成："

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: str          # local time, ISO 8601
    head: ChainHead
    revision: str
    kind: str  # manual·daily·pre-upgrade·pre-restore·external

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def created(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.created_at)

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


def read_head(db_file: Path) -> tuple[ChainHead, str]:
    """The chain head and schema revision stored inside a database file (read-only)."""
    conn = sqlite3.connect(sqlite_uri(db_file, "mode=ro"), uri=True)
    try:
        row = conn.execute("SELECT last_id, hash FROM audit_head WHERE id = 1").fetchone()
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()
    return ChainHead(*row) if row else ChainHead(0, audit.GENESIS), revision


def manifest_of(info: BackupInfo) -> dict:
    return {"created_at": info.created_at, "kind": info.kind, "revision": info.revision,
            "chain_head": {"last_id": info.head.last_id, "hash": info.head.hash},
            "chain_code": info.head.code,
            "known_head_revision": migrate.head_revision()}


def write_manifest(info: BackupInfo) -> None:
    info.path.with_suffix(MANIFEST_SUFFIX).write_text(
        json.dumps(manifest_of(info), ensure_ascii=False, indent=1), "utf-8")


def backup_file(db_path: Path, dest: Path, kind: str, now: dt.datetime | None = None) -> BackupInfo:
    """A consistent copy of `db_path` at `dest` with its manifest (no audit row: automatic).
    Raises BackupError in words (a full disk, a read-only folder) and leaves nothing behind."""
    now = now or dt.datetime.now()
    try:
        copy_sqlite(db_path, dest)
        head, revision = read_head(dest)
        info = BackupInfo(dest, now.isoformat(timespec="seconds"), head, revision, kind)
        write_manifest(info)
    except (OSError, sqlite3.Error) as exc:
        for leftover in (dest, dest.with_suffix(MANIFEST_SUFFIX)):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass
        raise BackupError(BACKUP_FAILED + write_problem(exc, dest.parent)) from exc
    return info


def free_path(folder: Path, kind: str, now: dt.datetime, suffix: str = SUFFIX) -> Path:
    """`<kind>-<time>.sqlite3` in `folder`, numbered when that name is taken."""
    stem = f"{kind}-{now:%Y%m%d-%H%M%S}"
    path, n = folder / f"{stem}{suffix}", 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}{suffix}"
    return path


def is_inside(path: Path, folder: Path) -> bool:
    return Path(path).resolve().is_relative_to(Path(folder).resolve())


def create_backup(ws, actor: Actor | None, dest: Path | None = None, kind: str = "manual", *,  # noqa: ANN001
                  password: str | None = None, now: dt.datetime | None = None,
                  progress: Progress | None = None) -> BackupInfo:
    """A consistent copy of the live database (safe while the window is open), audited when an
    administrator asks for it (`actor`; automatic backups pass None).

    `dest` outside the data folder: one encrypted file holding the database, the attachments and
    the manifest; `password` is required and, when the administrator registered one, must be it.
    """
    if ws.db_path is None:
        raise WorkspaceError("PostgreSQL 工作区请用 pg_dump 备份（见 README）。")
    if actor is not None:
        require_role(actor, Role.ADMIN)
    now = now or dt.datetime.now()
    external = dest is not None and not is_inside(dest, ws.data_dir)
    if external:
        with ws.reading() as session:
            check_backup_password(session, password or "")
    if not ws.read_only and actor is not None:
        with ws.writing() as session:
            audit.record(session, actor, "backup", "workspace", "",
                         summary=f"备份（{KIND_LABELS.get(kind, kind)}）" + (f" → {dest}" if external else ""))
    folder = ws.data_dir / BACKUP_DIR
    if not ws.folder_writable:
        raise BackupError("工作区文件夹不可写（只读），不能在其中备份，也放不下加密备份所需的临时副本。"
                          "请把工作区复制到可写的位置后再备份。")
    if not external:
        return backup_file(ws.db_path, dest or free_path(folder, kind, now), kind, now)
    return _external_backup(ws, Path(dest), password or "", now, progress)


def _external_backup(ws, dest: Path, password: str, now: dt.datetime,  # noqa: ANN001
                     progress: Progress | None) -> BackupInfo:
    folder = ws.data_dir / BACKUP_DIR
    folder.mkdir(parents=True, exist_ok=True)
    snapshot = folder / f".external-{now:%Y%m%d-%H%M%S-%f}{SUFFIX}"  # plaintext stays in the folder
    try:
        copy_sqlite(ws.db_path, snapshot)
        head, revision = read_head(snapshot)
        info = BackupInfo(dest, now.isoformat(timespec="seconds"), head, revision, "external")
        files = sorted(p for p in (ws.data_dir / "attachments").glob("*/*") if p.is_file()
                       and len(p.name) == 64)
        manifest = manifest_of(info) | {"bureau": ws.settings.bureau_name, "attachments": len(files)}
        try:
            write_container(dest, password, manifest, snapshot, files, progress)
        except OSError as exc:
            raise BackupError("无法写入备份文件：" + write_problem(exc, dest)) from exc
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(BACKUP_FAILED + write_problem(exc, folder)) from exc
    finally:
        snapshot.unlink(missing_ok=True)
    return info


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """Backups in the workspace's backups/ folder that have a readable manifest, oldest first."""
    found = []
    for manifest in sorted((data_dir / BACKUP_DIR).glob(f"*{MANIFEST_SUFFIX}")):
        try:
            data = json.loads(manifest.read_text("utf-8"))
            head = ChainHead(int(data["chain_head"]["last_id"]), str(data["chain_head"]["hash"]))
            dt.datetime.fromisoformat(data["created_at"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        path = manifest.with_suffix(SUFFIX)
        if path.is_file():
            found.append(BackupInfo(path, data["created_at"], head, data.get("revision", ""),
                                    data.get("kind", "")))
    return sorted(found, key=lambda b: (b.created_at, _mtime(b.path)))


def _mtime(path: Path) -> int:
    """Two backups in one second (their times are kept to the second) keep their order."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def superseded_backups(session: Session) -> set[str]:
    """Backups a restore replaced (they hold the chain as it was before the restore), as named
    in the restore rows of the chain itself."""
    names: set[str] = set()
    for new in session.scalars(select(AuditEntry.new).where(AuditEntry.action == "restore")):
        try:
            names.update(json.loads(new).get("superseded_backups", []))
        except (ValueError, AttributeError):
            continue
    return names


def anchors(data_dir: Path | None, skip: set[str] = frozenset()) -> list[tuple[str, ChainHead]]:  # type: ignore[assignment]
    """Chain heads recorded in backups, for `audit.verify_chain` (`skip`: superseded ones)."""
    if data_dir is None:
        return []
    return [(b.path.name, b.head) for b in list_backups(data_dir) if b.path.name not in skip]


# ---- automatic backups and rotation ----------------------------------------------------------


def backup_on_open(ws, now: dt.datetime | None = None) -> BackupInfo | None:  # noqa: ANN001
    """Once a day, when the workspace is opened for writing: a daily backup, then rotation.
    Returns the new backup, or None when today's exists or the workspace is not ours to write."""
    if ws.db_path is None or ws.read_only or ws.damaged or not ws.holds_lock:
        return None
    now = now or dt.datetime.now()
    dailies = [b for b in list_backups(ws.data_dir) if b.kind == "daily"]
    if any(b.created.date() == now.date() for b in dailies):
        return None
    try:
        info = backup_file(ws.db_path, free_path(ws.data_dir / BACKUP_DIR, "daily", now), "daily", now)
        rotate(ws.data_dir)
    except (WorkspaceError, OSError, sqlite3.Error) as exc:
        # The work goes on: the failure is shown on 首页 and by `check` until a backup succeeds.
        error = exc.message.removeprefix(BACKUP_FAILED) if isinstance(exc, WorkspaceError) \
            else write_problem(exc, ws.data_dir)
        log.error("daily backup of %s failed: %s", ws.db_path, error)
        ws.backup_problem = DAILY_FAILED.format(day=f"{now:%Y-%m-%d}", error=error)
        try:
            (ws.data_dir / FAILURE_FILE).write_text(json.dumps(
                {"at": now.isoformat(timespec="seconds"), "error": error}, ensure_ascii=False), "utf-8")
        except OSError:
            (ws.data_dir / FAILURE_FILE).unlink(missing_ok=True)  # never half a file
        return None
    ws.backup_problem = ""
    (ws.data_dir / FAILURE_FILE).unlink(missing_ok=True)
    return info


def daily_backup_problem(data_dir: Path | None) -> str:
    """The last failure of the daily backup when none has succeeded since ("" otherwise)."""
    if data_dir is None:
        return ""
    try:
        data = json.loads((data_dir / FAILURE_FILE).read_text("utf-8"))
        day = dt.datetime.fromisoformat(data["at"])
        return DAILY_FAILED.format(day=f"{day:%Y-%m-%d}", error=str(data["error"]))
    except FileNotFoundError:
        return ""
    except (OSError, ValueError, KeyError, TypeError):
        return "每日自动备份的状态记录无法读取：请在“系统管理 › 备份”中手动备份一次。"


def kept_by_rotation(moments: list[dt.datetime]) -> set[dt.datetime]:
    """Grandfather-father-son: the newest backup of each of the last 7 days, 4 ISO weeks and
    12 months that have one."""
    kept: set[dt.datetime] = set()
    for count, bucket in ((KEEP_DAILY, lambda t: t.date()),
                          (KEEP_WEEKLY, lambda t: t.isocalendar()[:2]),
                          (KEEP_MONTHLY, lambda t: (t.year, t.month))):
        seen: list[object] = []
        for moment in sorted(moments, reverse=True):
            key = bucket(moment)
            if key in seen:
                continue
            if len(seen) == count:
                break
            seen.append(key)
            kept.add(moment)
    return kept


def rotate(data_dir: Path) -> list[Path]:
    """Deletes the daily backups the rotation does not keep (other kinds are never rotated)."""
    dailies = [b for b in list_backups(data_dir) if b.kind == "daily"]
    keep = kept_by_rotation([b.created for b in dailies])
    removed = []
    for backup in dailies:
        if backup.created not in keep:
            backup.path.unlink(missing_ok=True)
            backup.path.with_suffix(MANIFEST_SUFFIX).unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def require_backup_target(dest: Path, data_dir: Path) -> None:
    if dest.is_dir():
        raise ValidationError("请指定备份文件名，而不是文件夹。", "out")
    if is_inside(dest, data_dir) and dest.suffix != SUFFIX:
        raise ValidationError(f"数据文件夹内的备份应以 {SUFFIX} 结尾。", "out")
