"""`python -m app copy --from SRC --to DST`: a whole workspace between a SQLite folder and a
PostgreSQL database (either way; folder to folder and server to server too).

What is copied: every row of every table — registers, dictionaries, settings, users with their
password hashes (the same people sign in with the same passwords), drafts, and the audit chain
with its ids and hashes — and the content of every attachment the records refer to (files in
a folder workspace, the `attachment_blobs` table on a server). The target gets one more audit
row at the end of the chain saying where it came from; the source gets one saying where it went.

Guarantees:
- The target must be empty (a folder without a workspace, a database without tables); anything
  else is refused before the source is read.
- The source is read in one snapshot (a read transaction; REPEATABLE READ on a server); a SQLite
  source is held with its lock, so no window writes to it meanwhile.
- The copy is verified before it counts: the same rows per table, each table's rows identical
  (a fingerprint over every row, read back from the target), the chain intact and holding the
  source's head, every attachment's content present with its SHA-256. A server target is
  written and verified in one transaction; a folder target is built in a staging file renamed
  into place only once verified. On any failure the target is left as it was.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session

from app import audit
from app.attachments import FileStore, TableStore
from app.auth import Actor, Role, require_role
from app.errors import WorkspaceError
from app.progress import Progress
from db import copying as rows
from db import migrate
from db.models import Attachment, AttachmentBlob, AuditHead
from db.session import make_engine, sqlite_url, take_write_lock

BLOBS = "attachment_blobs"  # contents: copied store to store, not as rows
CHAIN = ("audit_log", "audit_head")  # the target's chain is the source's plus one row


@dataclass(frozen=True)
class Place:
    """A workspace named on the command line: a folder, or a server database URL."""

    folder: Path | None = None
    url: str | None = None

    @property
    def is_server(self) -> bool:
        return self.url is not None

    @property
    def display(self) -> str:
        from app.workspace.server import display_url

        return display_url(self.url) if self.url else str(self.folder)


def parse_place(spec: str) -> Place:
    """A folder, a workspace's `qingfeng.sqlite3`, a `sqlite:///…` URL or a server URL."""
    from app.workspace.facade import DB_FILENAME

    spec = spec.strip()
    if "://" in spec:
        try:
            url = make_url(spec)
        except ArgumentError as exc:
            raise WorkspaceError(f"数据库地址“{spec}”格式不对：{exc}") from exc
        if url.get_backend_name() != "sqlite":
            return Place(url=spec)
        spec = url.database or ""
    path = Path(spec).expanduser().resolve()
    if path.suffix == ".sqlite3":
        if path.name != DB_FILENAME:
            raise WorkspaceError(f"“{path}”不是工作区的数据文件（应为 {DB_FILENAME}）。请指定工作区文件夹。")
        path = path.parent
    return Place(folder=path)


@dataclass(frozen=True)
class CopyReport:
    source: str
    target: str
    counts: dict[str, int]   # rows per table, the same in both (the chain: the source's)
    attachments: int         # attachment contents copied
    chain_rows: int          # audit rows in the target (the source's and the copy's own)
    head: audit.ChainHead    # the target's chain head


def copy_workspace(source_spec: str, target_spec: str, username: str, password: str,
                   progress: Progress | None = None) -> CopyReport:
    """Copies a workspace into an empty place and verifies it (see the module doc). `username`
    and `password`: an administrator of the source."""
    source, target = parse_place(source_spec), parse_place(target_spec)
    if source == target:
        raise WorkspaceError("源和目标是同一个工作区。")
    require_empty(target)
    ws = _open(source)
    try:
        if ws.damaged:
            raise WorkspaceError("源工作区的数据文件已损坏，不能复制。请先从备份恢复。")
        actor = ws.sign_in(username, password, via="复制工作区")
        require_role(actor, Role.ADMIN)
        copy = _to_server if target.is_server else _to_folder
        with _snapshot(ws) as conn:
            report = copy(conn, _store(ws), actor, source, target, progress or Progress())
        with ws.writing() as session:
            audit.record(session, actor, "copy", "workspace", "",
                         summary=f"复制整个工作区 → {target.display}（{report.chain_rows - 1} 条操作日志）")
    finally:
        ws.close()
    return report


def _open(place: Place):  # noqa: ANN202 — app.workspace.Workspace
    from app.workspace.facade import Workspace

    if place.is_server:
        return Workspace.open(db_url=place.url)
    return Workspace.open(place.folder)  # its lock: no window writes while we read


def _store(ws) -> FileStore | TableStore:  # noqa: ANN001
    from app.attachments import store_for

    return store_for(ws)


def require_empty(place: Place) -> None:
    """Refuses a target that holds anything (checked again under the target's own lock)."""
    from app.workspace.facade import DB_FILENAME

    if place.is_server:
        from app.workspace.server import server_engine

        engine = server_engine(place.url)
        try:
            with engine.connect() as conn:
                present = rows.table_names(conn)
        finally:
            engine.dispose()
        if present:
            raise WorkspaceError(f"目标数据库 {place.display} 不是空的（已有 {len(present)} 张表），"
                                 "不能复制到其中。请新建一个空数据库。")
    elif (place.folder / DB_FILENAME).exists():
        raise WorkspaceError(f"目标文件夹“{place.folder}”中已经有工作区，不能复制到其中。请换一个空文件夹。")


@contextmanager
def _snapshot(ws) -> Iterator[Connection]:  # noqa: ANN001
    with ws.sessions.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            unknown = rows.unknown_tables(conn)
            if unknown:
                raise WorkspaceError(f"源数据库中有本程序不认识的表（{'、'.join(unknown)}），"
                                     "可能由较新版本的程序创建；未复制。")
            yield conn


# ---- the two targets ---------------------------------------------------------------------------


def _to_server(src: Connection, store, actor: Actor, source: Place, target: Place,  # noqa: ANN001
               progress: Progress) -> CopyReport:
    from app.workspace.server import server_engine

    engine = server_engine(target.url)
    try:
        with engine.begin() as conn:
            take_write_lock(conn)
            if rows.table_names(conn):
                raise WorkspaceError(f"目标数据库 {target.display} 不是空的，未复制。")
            _refuse_too_long(src)
            migrate.upgrade_in(conn)
            session = Session(bind=conn)
            report = _copy_into(src, conn, session, store, TableStore(), actor, source, target, progress)
            _verify_blobs(conn, report)
            session.close()
        return report
    finally:
        engine.dispose()


def _to_folder(src: Connection, store, actor: Actor, source: Place, target: Place,  # noqa: ANN001
               progress: Progress) -> CopyReport:
    from app.workspace.facade import DB_FILENAME, holding_lock

    folder = target.folder
    with holding_lock(folder):
        if (folder / DB_FILENAME).exists():
            raise WorkspaceError(f"目标文件夹“{folder}”中已经有工作区，未复制。")
        staging = folder / f".{DB_FILENAME}.copying"
        staged_files = folder / ".attachments.copying"
        _remove_database(staging)  # leftovers of an interrupted copy
        shutil.rmtree(staged_files, ignore_errors=True)
        engine = make_engine(sqlite_url(staging))
        try:
            files = FileStore(staged_files)
            with engine.begin() as conn:
                migrate.upgrade_in(conn)
                session = Session(bind=conn)
                report = _copy_into(src, conn, session, store, files, actor, source, target, progress)
                session.close()
            _verify_files(files, src)
        except BaseException:
            engine.dispose()
            _remove_database(staging)
            shutil.rmtree(staged_files, ignore_errors=True)  # the target is left as it was
            raise
        engine.dispose()
        _move_files_in(staged_files, folder / "attachments")
        os.replace(staging, folder / DB_FILENAME)
    return report


def _move_files_in(staged: Path, attachments: Path) -> None:
    """The verified attachments into the workspace's folder (named by their hash: a file already
    there is the same file)."""
    if not staged.exists():
        return
    if not attachments.exists():
        os.replace(staged, attachments)
        return
    for path in sorted(p for p in staged.rglob("*") if p.is_file()):
        dest = attachments / path.relative_to(staged)
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, dest)
    shutil.rmtree(staged, ignore_errors=True)


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# ---- copying and verifying -------------------------------------------------------------------


def _copy_into(src: Connection, dst: Connection, session: Session, src_store, dst_store,  # noqa: ANN001
               actor: Actor, source: Place, target: Place, progress: Progress) -> CopyReport:
    counts = rows.row_counts(src, skip=[BLOBS])
    total = sum(counts.values()) or 1
    copied: dict[str, int] = {}

    def moved(table: str, n: int) -> None:
        copied[table] = n
        progress.report(sum(copied.values()), total, "正在复制数据")

    rows.clear(dst)
    rows.copy_rows(src, dst, skip=[BLOBS], progress=moved)
    shas = list(src.execute(select(Attachment.sha256).distinct().order_by(Attachment.sha256)).scalars())
    src_session = Session(bind=src)
    for number, sha in enumerate(shas, 1):
        content = src_store.get(src_session, sha)
        if hashlib.sha256(content).hexdigest() != sha:
            raise WorkspaceError(f"附件内容与其校验值不符（{sha[:12]}…），源工作区的附件已损坏；未复制。")
        dst_store.put(session, content)
        progress.report(number, len(shas), "正在复制附件")
    src_session.close()
    source_head = audit.ChainHead(*src.execute(select(AuditHead.last_id, AuditHead.hash)).one())
    audit.record(session, actor, "copy", "workspace", "",
                 summary=f"从 {source.display} 复制而来（源操作日志到第 {source_head.last_id} 条）")
    session.flush()
    _verify_rows(src, dst, counts)
    report = audit.verify_chain(session, [("复制源", source_head)], collect_seals=True)
    if not report.ok:
        raise WorkspaceError(f"复制后的操作日志链校验失败：{report.problem}未复制。")
    unsealed = audit.verify_seals(session, report.seals)
    if unsealed:  # the seals are read the same on either database: a copy checks clean
        first = unsealed[0]
        raise WorkspaceError(f"复制后有 {len(unsealed)} 条记录与操作日志的封存不一致（首条：{first.table} "
                             f"第 {first.record_id} 号 {'、'.join(first.fields)}）；未复制。")
    return CopyReport(source.display, target.display, counts, len(shas), report.rows, report.head)


def _verify_rows(src: Connection, dst: Connection, counts: dict[str, int]) -> None:
    copied = rows.row_counts(dst, skip=[BLOBS])
    for table, n in counts.items():
        expected = n + 1 if table == "audit_log" else n
        if copied.get(table) != expected:
            raise WorkspaceError(f"复制后 {table} 有 {copied.get(table)} 行，源有 {n} 行；未复制。")
    for table in rows.tables(skip=[BLOBS, *CHAIN]):
        if rows.fingerprint(src, table) != rows.fingerprint(dst, table):
            raise WorkspaceError(f"复制后 {table} 的内容与源不一致；未复制。")
    if rows.fingerprint(src, rows.table("audit_log")) != rows.fingerprint(
            dst, rows.table("audit_log"), below=counts["audit_log"] + 1):
        raise WorkspaceError("复制后的操作日志与源不一致；未复制。")


def _verify_blobs(conn: Connection, report: CopyReport) -> None:
    shas = set(conn.execute(select(Attachment.sha256).distinct()).scalars())
    for sha, data in conn.execute(select(AttachmentBlob.sha256, AttachmentBlob.data)
                                  .where(AttachmentBlob.sha256.in_(shas))):
        if hashlib.sha256(data).hexdigest() != sha:
            raise WorkspaceError(f"复制后的附件内容校验不符（{sha[:12]}…）；未复制。")
        shas.discard(sha)
    if shas:
        raise WorkspaceError(f"复制后缺少 {len(shas)} 个附件的内容；未复制。")


def _verify_files(files: FileStore, src: Connection) -> None:
    for sha in src.execute(select(Attachment.sha256).distinct()).scalars():
        if hashlib.sha256(files.get(None, sha)).hexdigest() != sha:
            raise WorkspaceError(f"复制后的附件文件校验不符（{sha[:12]}…）；未复制。")


def _refuse_too_long(src: Connection) -> None:
    found = rows.too_long(src, skip=[BLOBS])
    if found:
        listed = "；".join(f"{p.table}.{p.column}（记录 {p.row_id}）{p.length} 字，上限 {p.limit}"
                          for p in found[:10])
        raise WorkspaceError(f"有 {len(found)} 处文字超过服务器数据库的长度上限，请先在程序中改短：{listed}。未复制。")

