"""Verified restore: nothing is replaced until the backup has proved whole.

    staged = stage_backup(data_dir, file, password)   # decrypt / copy into the data folder, verify
    try:
        result = restore_backup(ws, actor, staged)    # keep the live one, record, swap, reopen
    finally:
        discard(staged)

`stage_backup` copies (or decrypts) the backup into a staging folder inside the data folder and
checks it: integrity_check, that it is a 清风台账 database, a schema not newer than this program,
the audit chain and the head its manifest recorded. Any failure removes the staging folder and
leaves the workspace untouched.

`restore_backup` keeps the live database as a pre-restore backup, records the restore in the
restored chain (the backups that hold the replaced chain are named there, so `check` does not
take them for tampering), adds the backup's attachments (files are only ever added), and then
swaps the database file in with one atomic rename — the only step that changes what the
workspace holds. A failure before it leaves the old file in place.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from app import audit
from app.audit import ChainHead
from app.auth import Actor, Role, authenticate, require_role
from app.errors import (
    BackupDamaged,
    BackupPasswordNeeded,
    BackupTooNew,
    NotABackup,
    WorkspaceError,
)
from app.progress import Progress
from app.workspace.backups import (
    BACKUP_DIR,
    MANIFEST_SUFFIX,
    BackupInfo,
    backup_file,
    free_path,
    list_backups,
    read_head,
)
from app.workspace.crypto import MAGIC, read_container
from db import migrate
from db.backup import integrity_check, read_only_uri, sqlite_uri
from db.models import utcnow
from db.session import Sessions, make_engine, sqlite_url

log = logging.getLogger(__name__)

DB_FILENAME = "qingfeng.sqlite3"
SQLITE_MAGIC = b"SQLite format 3\x00"
STAGING_PREFIX = ".restore-"
SEALS_SINCE = "0014"


@dataclass(frozen=True)
class StagedBackup:
    source: Path
    folder: Path             # the staging folder (inside the data folder)
    head: ChainHead
    revision: str
    created_at: str
    kind: str
    encrypted: bool
    attachments: int

    @property
    def db_path(self) -> Path:
        return self.folder / DB_FILENAME


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    kept_as: Path | None            # the replaced database, kept as a backup
    head: ChainHead                 # the restored chain's head (after the restore row)
    superseded: tuple[str, ...]     # backups that hold the replaced chain
    attachments_added: int

    def lines(self) -> list[str]:
        out = [f"已从备份恢复：{self.source}"]
        if self.kept_as is not None:
            out.append(f"恢复前的数据已另存为备份：{self.kept_as.name}")
        if self.attachments_added:
            out.append(f"补回附件 {self.attachments_added} 个。")
        out.append(f"操作日志链头：第 {self.head.last_id} 条。请重新登录。")
        return out


@dataclass(frozen=True)
class VerifiedChain:
    """A database whose audit chain a check has just walked, whole, through `head`."""

    db_path: Path
    head: ChainHead


# Every column a row's hash covers, and the hash. Compared by storage class and bytes (the
# backup's schema is not ours to trust: a NUMERIC hash column stores "0…0" as 0, a NOCASE or RTRIM
# collation equates what differs, a REAL id 4.0 joins row 4): a backup row equal to a walked row
# so reads, and hashes, as that row did. (quote() would do it too, copying every text: 2× slower.)
_AUDIT_COLUMNS = ("id", "at", "user_name", "action", "entity", "entity_id", "summary", "old", "new", "seal",
                  "prev_hash", "hash")


def same_rows_as_walked(db_file: Path, walked: VerifiedChain) -> bool:
    """Whether the audit rows of the backup `db_file` are, column for column, rows 1…n of the
    chain `walked` vouches for, and its head is row n's: then the backup's chain is whole
    without hashing it again (one comparison in SQLite). False says only "walk it": a backup
    from before a restore holds another chain, an older one other columns; and either file in
    a folder that cannot be written (read `immutable`, its -wal unread, unlike the walk)."""
    if not all(os.access(path.parent, os.W_OK) for path in (db_file, walked.db_path)):
        return False
    differs = " OR ".join(f"typeof(b.{c}) IS NOT typeof(m.{c}) OR b.{c} IS NOT m.{c} COLLATE BINARY"
                          for c in _AUDIT_COLUMNS)
    try:
        conn = sqlite3.connect(read_only_uri(walked.db_path), uri=True)
        try:
            conn.execute("ATTACH DATABASE ? AS b", (read_only_uri(db_file),))
            rows, distinct, last, unequal = conn.execute(
                f"SELECT count(*), count(DISTINCT b.id), max(b.id), total(m.id > ? OR {differs}) "
                "FROM b.audit_log AS b LEFT JOIN main.audit_log AS m ON m.id = b.id",
                (walked.head.last_id,)).fetchone()
            head = conn.execute("SELECT h.last_id, typeof(h.hash) = 'text' AND h.hash IS a.hash COLLATE BINARY "
                                "FROM b.audit_head AS h LEFT JOIN b.audit_log AS a ON a.id = h.last_id "
                                "WHERE h.id = 1").fetchone()
            # The live file still ends its walked part where the walk did (read after the walk).
            still = conn.execute("SELECT count(*) FROM main.audit_log WHERE id = ? AND hash = ?",
                                 (walked.head.last_id, walked.head.hash)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        log.info("backup %s compared by walking its chain: %s", db_file, exc)
        return False
    return (bool(rows) and unequal == 0 and rows == distinct == last and type(last) is int
            and head is not None and type(head[0]) is int and head == (last, 1) and still == (1,))


# ---- staging and verification ----------------------------------------------------------------


def stage_backup(data_dir: Path, source: Path, password: str | None = None,
                 progress: Progress | None = None) -> StagedBackup:
    """Copies or decrypts `source` into a staging folder in `data_dir` and verifies it. Raises
    BackupError subclasses with a message for the clerk; nothing of the workspace is touched."""
    source = Path(source)
    if not source.is_file():
        raise NotABackup(f"找不到备份文件：{source}")
    with open(source, "rb") as f:
        start = f.read(len(SQLITE_MAGIC))

    encrypted = start.startswith(MAGIC)
    if not encrypted and start != SQLITE_MAGIC:
        raise NotABackup(f"“{source.name}”不是清风台账的备份文件，未做任何更改。")
    if encrypted and not password:
        raise BackupPasswordNeeded()
    _remove_stale_staging(data_dir)
    folder = data_dir / f"{STAGING_PREFIX}{dt.datetime.now():%Y%m%d-%H%M%S-%f}"
    folder.mkdir(parents=True)
    try:
        if encrypted:
            manifest = read_container(source, password or "", folder, progress)
        else:
            shutil.copyfile(source, folder / DB_FILENAME)
            manifest = _plain_manifest(source)
        head, revision = _verify(folder / DB_FILENAME, manifest)
        attachments = sum(1 for _ in (folder / "attachments").glob("*"))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return StagedBackup(source, folder, head, revision, str(manifest.get("created_at", "")),
                        str(manifest.get("kind", "")), encrypted, attachments)


def discard(staged: StagedBackup | None) -> None:
    if staged is not None:
        shutil.rmtree(staged.folder, ignore_errors=True)


def _remove_stale_staging(data_dir: Path) -> None:
    for old in data_dir.glob(f"{STAGING_PREFIX}*"):  # left by a restore that was killed
        shutil.rmtree(old, ignore_errors=True)


def _plain_manifest(source: Path) -> dict:
    manifest = source.with_suffix(MANIFEST_SUFFIX)
    if not manifest.is_file():
        return {}
    try:
        return json.loads(manifest.read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def _verify(db_file: Path, manifest: dict, walked: VerifiedChain | None = None,
            integrity: str | None = None) -> tuple[ChainHead, str]:
    """The checks a restore makes. `walked`: a chain just verified that the backup's audit rows,
    if they are its first rows (`same_rows_as_walked`), need not be walked again for.
    `integrity`: the file's integrity_check, when the caller ran it already."""
    problem = integrity or integrity_check(db_file)
    if problem != "ok":
        raise BackupDamaged(f"备份文件已损坏（{problem[:120]}），未做任何更改。")
    try:
        head, revision = read_head(db_file)
    except sqlite3.DatabaseError as exc:
        raise NotABackup("这不是清风台账的备份文件（是其他程序的数据库），未做任何更改。") from exc
    known = migrate.known_revisions()
    if revision not in known:
        if revision.isdigit() and int(revision) > int(migrate.head_revision()):
            raise BackupTooNew(revision)
        raise NotABackup(f"备份的结构版本“{revision}”不是清风台账的版本，未做任何更改。")
    sealed = int(revision) >= int(SEALS_SINCE)  # an older backup's rows carry no seal column
    if walked is None or not sealed or not same_rows_as_walked(db_file, walked):
        engine = make_engine(sqlite_url(db_file, read_only=True), read_only=True)
        try:
            with Sessions(engine).read() as session:
                report = audit.verify_chain(session, sealed=sealed)
        finally:
            engine.dispose()
        if not report.ok:
            raise BackupDamaged(f"备份中的操作日志链校验失败：{report.problem}未做任何更改。")
    recorded = manifest.get("chain_head")
    if recorded and (recorded.get("last_id"), recorded.get("hash")) != (head.last_id, head.hash):
        raise BackupDamaged("备份清单记录的操作日志链头与备份中的数据不符，未做任何更改。")
    return head, revision


def authenticate_in_backup(staged: StagedBackup, username: str, password: str,
                           now: dt.datetime | None = None) -> Actor:
    """Signs in against the backup's own users: for a workspace that cannot sign anyone in (its
    file is damaged or missing). Only the backup's administrators may restore it."""
    engine = make_engine(sqlite_url(staged.db_path, read_only=True), read_only=True)
    try:
        with Sessions(engine).read() as session:
            actor = authenticate(session, username, password, now or utcnow(), check_seal=False)
            session.rollback()  # read-only: no failure count in a backup
    finally:
        engine.dispose()
    require_role(actor, Role.ADMIN)
    return actor


def newest_passing_backup(data_dir: Path, walked: VerifiedChain | None = None,
                          integrity: Mapping[Path, str] | None = None) -> BackupInfo | None:
    """The newest backup in the data folder that passes every check a restore makes (read in
    place, read-only: integrity, a 清风台账 database of a known schema, the audit chain, the head
    its manifest recorded); None when none does. `walked`: the live chain, when the caller has
    just verified it; `integrity`: backups' integrity_check answers it has (`check`)."""
    integrity = integrity or {}
    if not (Path(data_dir) / BACKUP_DIR).is_dir():
        return None
    for backup in reversed(list_backups(data_dir)):
        try:
            _verify(backup.path, _plain_manifest(backup.path), walked, integrity.get(backup.path))
        except (WorkspaceError, sqlite3.Error, OSError) as exc:
            log.warning("backup %s does not pass: %s", backup.path, exc)
            continue
        return backup
    return None


def restore_hint(folder: Path, backup: BackupInfo | None | bool = True) -> str:
    """“请从备份恢复：python -m app restore …” naming the newest backup in the folder that
    passes every check (`backup`: that one, when the caller found it; "" when there is none)."""
    if backup is True:
        backup = newest_passing_backup(Path(folder))
    if not isinstance(backup, BackupInfo):
        return ""
    return (f"请从备份恢复：python -m app restore \"{backup.path}\" --data-dir \"{folder}\""
            f"（{backup.kind_label}，{backup.created_at.replace('T', ' ')}，最新的一个通过检查的备份；"
            "原数据文件会另存到 backups 文件夹，不会删除）。")


# ---- the swap --------------------------------------------------------------------------------


def restore_backup(target, actor: Actor, staged: StagedBackup,  # noqa: ANN001 — Workspace | Path
                   now: dt.datetime | None = None) -> RestoreResult:
    """Replaces the workspace's database with the verified `staged` backup (管理员 only).

    `target` is the open Workspace holding the lock (it is reconnected afterwards: everyone
    signs in again), or the folder of a workspace that cannot be opened (no file, or one so
    damaged that it cannot be opened) whose lock the caller holds."""
    require_role(actor, Role.ADMIN)
    ws = None if isinstance(target, Path) else target
    data_dir = Path(target) if ws is None else ws.data_dir
    if ws is not None and (ws.db_path is None or not ws.holds_lock):
        raise WorkspaceError("恢复需要独占工作区：请关闭其他打开此工作区的程序窗口后再试。")
    now = now or dt.datetime.now()
    live = data_dir / DB_FILENAME
    kept, replaced_head = _keep_live(ws, live, data_dir, now)
    superseded = _superseded(staged, list_backups(data_dir))
    _record_restore(staged, actor, kept, replaced_head, superseded)
    if ws is not None:
        ws.sessions.engine.dispose()
    try:
        added = _add_attachments(staged, data_dir)
        _checkpoint(live)
        for extra in ("-wal", "-shm"):
            Path(f"{live}{extra}").unlink(missing_ok=True)
        os.replace(staged.db_path, live)  # the one step that changes the workspace
        _fsync_dir(data_dir)
    finally:
        if ws is not None:
            ws.reconnect()
    head, _ = read_head(live)
    return RestoreResult(staged.source, kept, head, tuple(sorted(superseded)), added)


def _keep_live(ws, live: Path, data_dir: Path, now: dt.datetime) -> tuple[Path | None, ChainHead | None]:  # noqa: ANN001
    if not live.exists():
        return None, None
    folder = data_dir / BACKUP_DIR
    if ws is not None and not ws.damaged:
        info = backup_file(live, free_path(folder, "pre-restore", now), "pre-restore", now)
        return info.path, info.head
    # A damaged file is kept byte for byte (it cannot give a consistent copy or a head).
    dest = free_path(folder, "pre-restore-damaged", now)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(live, dest)
    wal = Path(f"{live}-wal")
    if wal.exists():
        shutil.copyfile(wal, Path(f"{dest}-wal"))
    return dest, None


def _superseded(staged: StagedBackup, backups: list[BackupInfo]) -> set[str]:
    """Backups whose recorded head is not a link of the restored chain."""
    conn = sqlite3.connect(sqlite_uri(staged.db_path, "mode=ro"), uri=True)
    try:
        out = set()
        for backup in backups:
            row = conn.execute("SELECT hash FROM audit_log WHERE id = ?", (backup.head.last_id,)).fetchone()
            if backup.head.last_id and (row is None or row[0] != backup.head.hash):
                out.add(backup.path.name)
        return out
    finally:
        conn.close()


def _record_restore(staged: StagedBackup, actor: Actor, kept: Path | None,
                    replaced: ChainHead | None, superseded: set[str]) -> None:
    # The staged copy keeps its rollback journal (no WAL pragma): one file to rename.
    engine = make_engine(sqlite_url(staged.db_path), read_only=True)
    try:
        # A backup of an older program: brought to this one's schema first (its records sealed
        # by the upgrade, as on opening), so the restore row is written as this program writes.
        migrate.upgrade(engine)
        with Sessions(engine).write() as session, session.begin():
            audit.record(session, actor, "restore", "workspace", "", new={
                "source": str(staged.source), "backup_created_at": staged.created_at,
                "backup_head": {"last_id": staged.head.last_id, "hash": staged.head.hash},
                "replaced_head": None if replaced is None else {"last_id": replaced.last_id,
                                                                "hash": replaced.hash},
                "kept_as": kept.name if kept else None,
                "superseded_backups": sorted(superseded),
            }, summary=f"从备份恢复：{staged.source.name}（{staged.created_at or '时间不详'}）")
    finally:
        engine.dispose()


def _add_attachments(staged: StagedBackup, data_dir: Path) -> int:
    added = 0
    for path in sorted((staged.folder / "attachments").glob("*")):
        dest = data_dir / "attachments" / path.name[:2] / path.name
        if not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, dest)
            added += 1
    return added


def _checkpoint(live: Path) -> None:
    """Folds the live file's WAL into it before the swap (no WAL may outlive its file)."""
    if not live.exists():
        return
    try:
        conn = sqlite3.connect(live)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:  # a damaged file: kept byte for byte above, WAL included
        log.warning("checkpoint before restore failed on %s: %s", live, exc)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
