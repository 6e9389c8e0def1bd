"""Attachments: files named by their SHA-256 (backups copy new files only).

A SQLite workspace keeps contents as files under `attachments/ab/abcdef…`; a PostgreSQL one
in the `attachment_blobs` table. Both sit behind `store_for(ws)`.

A stored file name is never trusted (on a server the clerks' database role may set it): it is
made safe on the way in (`attach`) and again on the way out (`read_attachment`) — no separators,
drive letters or absolute paths, no NUL or control characters, no Windows device names, at most
MAX_NAME characters with its extension kept — and a file opened for viewing is written only
inside a new temporary folder (`write_for_opening`). The window opens an executable type
(`is_executable`) only after a warning naming the file.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.archive import guard_year, record_correction
from app.auth import Actor, require_write
from app.errors import NotFound, ValidationError
from db.models import Attachment, AttachmentBlob

MAX_BYTES = 50 * 1024 * 1024
MAX_NAME = 120
FALLBACK_NAME = "附件"
# Types a double click runs rather than shows (Windows, the Linux desktops, Java, scripts).
EXECUTABLE = frozenset({
    ".exe", ".com", ".bat", ".cmd", ".pif", ".scr", ".cpl", ".msi", ".msp", ".mst", ".msc", ".lnk", ".url",
    ".scf", ".hta", ".js", ".jse", ".vbs", ".vbe", ".wsf", ".wsh", ".ws", ".ps1", ".psm1", ".psd1",
    ".reg", ".inf", ".dll", ".sys", ".gadget", ".application", ".appref-ms", ".jar", ".py", ".pyw",
    ".sh", ".bash", ".zsh", ".csh", ".ksh", ".run", ".bin", ".desktop", ".appimage", ".deb", ".rpm",
    ".command", ".app", ".pl", ".rb", ".php", ".library-ms", ".settingcontent-ms",
})
_RESERVED = re.compile(r'[<>:"|?*]')
_DEVICE = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])$", re.IGNORECASE)


def safe_filename(name: str) -> str:
    """`name` as a plain file name: its last path component (either separator), no drive letter,
    no control or format characters (NUL, the right-to-left override), no characters Windows refuses, no leading dots or trailing
    dots and spaces, no device name, at most MAX_NAME characters with the extension kept;
    FALLBACK_NAME when nothing is left."""
    # Control and format characters go: NUL, line breaks, and the right-to-left override that
    # shows "…exe.png" as "…gnp.exe".
    text = "".join(c for c in str(name or "") if unicodedata.category(c) not in ("Cc", "Cf"))
    text = text.replace("\\", "/")
    text = text.rsplit("/", 1)[-1]
    text = re.sub(r"^[A-Za-z]:", "", text)
    text = _RESERVED.sub("_", text).strip().lstrip(".").rstrip(". ")
    stem, dot, extension = text.rpartition(".")
    if not dot:
        stem, extension = text, ""
    if _DEVICE.match(stem.strip()):
        stem = "_" + stem
    extension = extension[:16]
    room = MAX_NAME - (len(extension) + 1 if extension else 0)
    stem = stem[:room].rstrip(". ")
    if not stem:
        return FALLBACK_NAME + (f".{extension}" if extension else "")
    return f"{stem}.{extension}" if extension else stem


def is_executable(name: str) -> bool:
    """A file type that runs when opened (checked on the safe name, as it would be written)."""
    safe = safe_filename(name).lower()
    return any(safe.endswith(ext) for ext in EXECUTABLE)


def write_for_opening(name: str, data: bytes) -> Path:
    """Writes an attachment for viewing into a new private temporary folder under its safe name
    and returns the path: nothing is ever written outside that folder."""
    folder = Path(tempfile.mkdtemp(prefix="qingfeng-")).resolve()
    target = (folder / safe_filename(name)).resolve()
    if target.parent != folder:  # cannot happen with a safe name; checked all the same
        raise ValidationError("附件文件名不安全，未打开。", "attachments")
    with open(target, "xb") as f:
        f.write(data)
    return target


class FileStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, sha: str) -> Path:
        return self.folder / sha[:2] / sha

    def put(self, session: Session, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        path = self._path(sha)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".part")
            with open(tmp, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            tmp.replace(path)
        return sha

    def get(self, session: Session, sha: str) -> bytes:
        path = self._path(sha)
        if not path.is_file():
            raise NotFound("附件文件缺失（可能被移动或删除），请从备份恢复。")
        return path.read_bytes()


class TableStore:
    def put(self, session: Session, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        if session.get(AttachmentBlob, sha) is None:
            session.add(AttachmentBlob(sha256=sha, data=data))
        return sha

    def get(self, session: Session, sha: str) -> bytes:
        blob = session.get(AttachmentBlob, sha)
        if blob is None:
            raise NotFound("附件内容缺失。")
        return blob.data


def store_for(ws) -> FileStore | TableStore:  # noqa: ANN001 — app.workspace.Workspace
    return FileStore(ws.data_dir / "attachments") if ws.db_path is not None else TableStore()


@dataclass(frozen=True)
class FileChanges:
    """A form's attachments to add (paths, read when the record is saved) and to remove (ids):
    the register's save service writes them with the record, in its unit of work, so a file
    that cannot be read leaves neither the record nor the rest of the save."""

    store: FileStore | TableStore | None = None
    added: tuple[str, ...] = ()
    removed: tuple[int, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    entity: str
    entity_id: int
    filename: str
    size: int
    sha256: str
    added_by: str


def _guard_years(session: Session, actor: Actor, entity: str, entity_id: int, years: Iterable[int],
                 correction_reason: str) -> None:
    """A record filed in a closed year keeps its attachments as they were (归档), unless an
    administrator corrects it with a reason (audited as a correction)."""
    for year in sorted(set(years)):
        if guard_year(session, actor, year, correction_reason, "附件"):
            record_correction(session, actor, entity, entity_id, year, correction_reason)


def attach(session: Session, actor: Actor, store, entity: str, entity_id: int, path: Path,  # noqa: ANN001
           unit_id: int | None = None, *, years: Iterable[int] = (), correction_reason: str = "") -> int:
    """Stores the file's content and links it to the record; audited. `years`: the closed-year
    check for a record filed in those years (a form that saves the record first has checked)."""
    require_write(actor, unit_id)
    _guard_years(session, actor, entity, entity_id, years, correction_reason)
    path = Path(path)
    if not path.is_file():
        raise ValidationError(f"找不到附件“{path.name}”（{path}）：文件可能已被移动或删除，请重新添加。",
                              "attachments")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ValidationError(f"附件“{path.name}”超过 50 MB，请压缩或拆分后再添加。", "attachments")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"读不出附件“{path.name}”：{exc.strerror or exc}", "attachments") from exc
    sha = store.put(session, data)
    name = safe_filename(path.name)
    row = Attachment(entity=entity, entity_id=entity_id, sha256=sha, filename=name,
                     size=size, added_by=actor.username)
    session.add(row)
    session.flush()
    audit.created(session, actor, row, summary=f"添加附件 {name}")
    return row.id


def attachments_of(session: Session, entity: str, entity_id: int) -> list[AttachmentRow]:
    rows = session.scalars(select(Attachment).where(
        Attachment.entity == entity, Attachment.entity_id == entity_id).order_by(Attachment.id))
    return [AttachmentRow(a.id, a.entity, a.entity_id, safe_filename(a.filename), a.size, a.sha256, a.added_by)
            for a in rows]


def read_attachment(session: Session, store, attachment_id: int) -> tuple[str, bytes]:  # noqa: ANN001
    """The attachment's safe name (whatever the row says) and its content."""
    row = session.get(Attachment, attachment_id)
    if row is None:
        raise NotFound("附件不存在。")
    return safe_filename(row.filename), store.get(session, row.sha256)


def detach(session: Session, actor: Actor, attachment_id: int, unit_id: int | None = None, *,
           years: Iterable[int] = (), correction_reason: str = "") -> None:
    """Unlinks an attachment from its record (the content stays: backups and others may share it);
    `years` as for `attach`."""
    require_write(actor, unit_id)
    row = session.get(Attachment, attachment_id)
    if row is None:
        raise NotFound("附件不存在。")
    _guard_years(session, actor, row.entity, row.entity_id, years, correction_reason)
    audit.deleted(session, actor, row, summary=f"移除附件 {row.filename}")
    session.delete(row)
    session.flush()


class SavedDraft(Protocol):
    """What of a register's draft the end of its save reads."""

    correction_reason: str
    files: FileChanges


def finish_save(session: Session, actor: Actor, draft: SavedDraft, entity: str, record_id: int, *, year: int,
                unit_id: int | None, corrected: bool) -> int:
    """The tail every register's save shares, in the caller's unit of work: a change that needed
    a closed year's correction reason (`corrected`) noted as a correction of `year`, the form's
    attachment changes (`draft.files`) applied to the record just saved; its id."""
    if corrected:
        record_correction(session, actor, entity, record_id, year, draft.correction_reason)
    if draft.files:
        apply_changes(session, actor, draft.files, entity, record_id, unit_id)
    return record_id


def apply_changes(session: Session, actor: Actor, changes: FileChanges, entity: str, record_id: int,
                  unit_id: int | None = None) -> None:
    """Writes a form's pending removals and additions for the record just saved (audited), in
    the caller's unit of work; a missing or unreadable file raises ValidationError("attachments")
    so the whole save rolls back. The record's service has checked its closed year."""
    for attachment_id in sorted(changes.removed):
        detach(session, actor, attachment_id, unit_id)
    if changes.added and changes.store is None:
        raise ValueError("FileChanges with files to add need the workspace's store")
    for path in changes.added:
        attach(session, actor, changes.store, entity, record_id, Path(path), unit_id)
