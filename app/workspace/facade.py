"""The workspace: one folder (or a PostgreSQL URL) that holds everything, and the facade the UI
and the command line hold.

A SQLite workspace folder holds `qingfeng.sqlite3`, `attachments/` (content-addressed files),
`backups/` and `logs/`. One process writes at a time: an OS-level lock (it dies with its process,
so a crash leaves no stale lock); a second process is told who holds it and may open read-only.
On open: quick_check (a damaged file opens read-only, immutable, nothing written), then the
schema: an older file is backed up and upgraded, a newer one refused.
"""
from __future__ import annotations

import datetime as dt
import getpass
import json
import logging
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DatabaseError

from app.auth import (
    Actor,
    Role,
    SignInRefused,
    authenticate,
    check_new_password,
    hash_password,
    known_actor,
)
from app.errors import (
    ChainDamaged,
    DiskFull,
    NotSignedIn,
    NoWorkspace,
    ReadOnlyWorkspace,
    SchemaBehind,
    SchemaTooNew,
    StaleRecord,
    UnusableDatabase,
    WorkspaceBusy,
    WorkspaceError,
    WorkspaceLocked,
)
from app.settings import Settings, load_settings
from app.workspace.config import APP_NAME
from db import migrate
from db.backup import quick_check, start_quick_check
from db.chain import is_link_error
from db.session import (
    Sessions,
    is_busy,
    is_disk_full,
    is_not_writable,
    is_sqlite,
    make_engine,
    sqlite_url,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

DB_FILENAME = "qingfeng.sqlite3"
LOCK_FILENAME = "qingfeng.lock"
HOLDER_FILENAME = "qingfeng.lock.json"
UNKNOWN_USER = "（不存在的用户名）"
DAMAGED_REASON = "数据文件已损坏，已以只读方式打开，未做任何写入。可从备份恢复。"
READ_ONLY_FOLDER = ("工作区文件夹“{folder}”不可写（只读的介质或文件夹，或没有写权限），已以只读方式打开："
                    "可以查看和搜索，不能修改；导出和打印要在操作日志中记一笔，也不能进行。"
                    "请把工作区复制到可写的位置，或请管理员恢复写权限后再打开。")
EMPTY_DATABASE = ("数据文件“{path}”是空的（0 字节），可能是磁盘写满或复制中断所致，其中没有可用的数据。")
NOT_OURS = "数据文件“{path}”中没有清风台账的数据（可能不是本程序的文件）。"
LOGIN_DISK_FULL = ("磁盘空间不足，连登录记录也写不下，未能登录（数据未受影响）。"
                   "请清理磁盘（删除不需要的文件，或把旧备份移到其他位置）后重试。")
WRITE_IO_ERROR = ("写入数据文件时出错（{error}），本次没有保存，已全部撤销。"
                  "请检查磁盘空间和磁盘是否正常后重试。")


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


class Workspace:
    """Opened with `Workspace.open()` or made with `Workspace.create()`; closed with `close()`."""

    def __init__(self, *, url: str, data_dir: Path | None, sessions: Sessions,
                 lock: object | None, read_only_reason: str, damaged: str,
                 as_of: dt.date | None) -> None:
        self.url = url
        self.data_dir = data_dir
        self.sessions = sessions
        self._lock = lock
        self.read_only_reason = read_only_reason
        self.damaged = damaged  # what quick_check found; "" when the file is sound
        self.as_of = as_of
        self.actor: Actor | None = None
        self._settings: Settings | None = None
        self._unchecked: Path | None = None  # the file open(check_later=True) has not checked
        self._check_lock = threading.Lock()
        self.folder_writable = True  # False: a read-only folder, nothing may be written at all
        self.backup_problem = ""     # today's automatic backup failed (app.workspace.backups)
        self.anchor_warning = ""  # a server's chain no longer holds the head this PC saw (sign-in)

    # ---- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, data_dir: Path | None = None, db_url: str | None = None, *,
             as_of: dt.date | None = None, read_only: bool = False,
             read_only_if_locked: bool = False, beside_window: bool = False,
             check_later: bool = False) -> Workspace:
        """Opens an existing workspace. Raises WorkspaceError with a message for the clerk.

        `beside_window`: for `export` and `backup`, which only append their audit row: when a
        window holds the lock they open without it and write through SQLite's own locking.
        `check_later`: the window's start — the file's quick_check (its cost grows with the
        file) runs when `check_file()` is called, after the first paint, instead of now. Every
        write and sign-in runs it first, and a damaged file is then reopened read-only exactly as
        here, so nothing is ever written to one; a schema upgrade is preceded by it as before.
        """
        if db_url and not is_sqlite(db_url):
            return cls._open_server(db_url, as_of=as_of)
        folder, db_path = _locate(data_dir, db_url)
        if not db_path.is_file():
            raise NoWorkspace(folder, _restore_hint(folder))
        if db_path.stat().st_size == 0:
            raise _unusable(EMPTY_DATABASE.format(path=db_path), folder)
        lock, reason = None, ""
        writable = _writable(folder, db_path)
        if read_only:
            reason = "工作区以只读方式打开。"
        elif writable:
            try:
                lock = _try_lock(folder)
            except OSError as exc:  # the folder refused even the lock file
                log.warning("cannot take the lock in %s: %s", folder, exc)
                writable = False
            if writable and lock is None and not beside_window:
                holder = lock_holder(folder)
                if not read_only_if_locked:
                    raise WorkspaceLocked(holder)
                reason = f"工作区正由 {holder} 使用，当前为只读。"
        if not writable:
            reason = READ_ONLY_FOLDER.format(folder=folder)
        damaged = "ok" if check_later else quick_check(db_path)
        if damaged == "ok":
            # A read-only folder cannot hold SQLite's shared-memory file: read the file as it is.
            url = sqlite_url(db_path, read_only=bool(reason), immutable=not writable)
            engine = make_engine(url, read_only=bool(reason))
            try:
                _bring_schema_up_to_date(engine, db_path, folder, may_write=lock is not None,
                                         check_first=check_later)
            except _Damaged as found:
                engine.dispose()
                damaged = str(found)
            except BaseException as exc:
                engine.dispose()
                if check_later and isinstance(exc, DatabaseError) and (found := quick_check(db_path)) != "ok":
                    damaged = found  # the schema could not be read: what open() would have found
                else:
                    _release(lock, folder)
                    raise
        if damaged != "ok":
            log.error("quick_check failed on %s: %s", db_path, damaged)
            url = sqlite_url(db_path, immutable=True)
            sessions = Sessions(make_engine(url, read_only=True))
            ws = cls(url=url, data_dir=folder, sessions=sessions, lock=lock,
                     read_only_reason=DAMAGED_REASON, damaged=damaged, as_of=as_of)
            ws.folder_writable = writable
            return ws
        ws = cls(url=url, data_dir=folder, sessions=Sessions(engine), lock=lock,
                 read_only_reason=reason, damaged="", as_of=as_of)
        ws.folder_writable = writable
        ws._unchecked = db_path if check_later else None
        return ws

    def start_check(self) -> None:
        """Starts the check `check_file()` would run on a thread of its own (SQLite releases
        the GIL), so that `check_file()` — and a sign-in, which runs it — only waits for it."""
        if self._unchecked is not None:
            start_quick_check(self._unchecked)

    def check_file(self) -> str:
        """Runs the quick_check `open(check_later=True)` left for later ("" when the file is
        sound or was checked at open; safe from any thread, once). A damaged file is reopened
        read-only (immutable), as `open` does, and what SQLite found is returned (and kept in
        `damaged`)."""
        with self._check_lock:
            path, self._unchecked = self._unchecked, None
            if path is None:
                return self.damaged
            found = quick_check(path)
            if found != "ok":
                log.error("quick_check failed on %s: %s", path, found)
                replaced = self.sessions.engine
                self.url = sqlite_url(path, immutable=True)
                self.sessions = Sessions(make_engine(self.url, read_only=True))
                self.damaged, self.read_only_reason = found, DAMAGED_REASON
                replaced.dispose()
            return self.damaged

    @classmethod
    def _open_server(cls, db_url: str, *, as_of: dt.date | None) -> Workspace:
        """A server workspace: no folder, no OS lock (many PCs write; db/session.py queues
        their units of work), never upgraded on open (app/workspace/server.py says why and what to do)."""
        from app.workspace.server import check_schema, server_engine

        engine = server_engine(db_url)
        try:
            check_schema(engine, db_url)
        except BaseException:
            engine.dispose()
            raise
        return cls(url=db_url, data_dir=None, sessions=Sessions(engine), lock=None,
                   read_only_reason="", damaged="", as_of=as_of)

    @classmethod
    def create(cls, data_dir: Path | None = None, db_url: str | None = None, *,
               admin_username: str, admin_password: str, admin_display_name: str = "",
               bureau_name: str | None = None, as_of: dt.date | None = None) -> Workspace:
        """Makes a new workspace with its administrator. Refuses a folder that has one."""
        from app import audit

        check_new_password(admin_password)
        if not admin_username.strip():
            raise WorkspaceError("管理员用户名不能为空。")
        if db_url and not is_sqlite(db_url):
            from app.workspace.server import server_engine

            engine = server_engine(db_url)
            with engine.connect() as conn:
                if migrate.schema_state(conn) is not migrate.SchemaState.EMPTY:
                    engine.dispose()
                    raise WorkspaceError("目标数据库不是空的，不能在其中新建工作区。")
            migrate.upgrade(engine)
            ws = cls(url=db_url, data_dir=None, sessions=Sessions(engine), lock=None,
                     read_only_reason="", damaged="", as_of=as_of)
        else:
            folder, db_path = _locate(data_dir, db_url)
            if db_path.exists():
                raise WorkspaceError(f"“{folder}”中已经有工作区，不能重复初始化。")
            folder.mkdir(parents=True, exist_ok=True)
            lock = _try_lock(folder)
            if lock is None:
                raise WorkspaceLocked(lock_holder(folder))
            url = sqlite_url(db_path)
            engine = make_engine(url)
            migrate.upgrade(engine)
            ws = cls(url=url, data_dir=folder, sessions=Sessions(engine), lock=lock,
                     read_only_reason="", damaged="", as_of=as_of)
        from db.models import User

        with ws.sessions.write() as session, session.begin():
            user = User(username=admin_username.strip(), display_name=admin_display_name.strip(),
                        role=Role.ADMIN.code, password_hash=hash_password(admin_password))
            session.add(user)
            session.flush()
            audit.created(session, user.username, user, summary="初始化工作区",
                          password_hash="***")
        if bureau_name:
            from app.settings import save_settings

            admin = Actor(user.id, user.username, user.display_name, Role.ADMIN)
            with ws.writing() as session:
                save_settings(session, admin, bureau_name=bureau_name)
        return ws

    def close(self) -> None:
        self.sessions.engine.dispose()
        _release(self._lock, self.data_dir)
        self._lock = None

    # ---- units of work -------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    @property
    def holds_lock(self) -> bool:
        """This process is the workspace's one writer (not read-only, not beside a window)."""
        return self._lock is not None

    def reconnect(self) -> None:
        """Reopens the database file after it was replaced (a restore), as `open` would: quick
        check, schema upgrade when older. Everyone signs in again."""
        if self.db_path is None or self._lock is None:
            raise WorkspaceError("只有持有工作区的程序才能重新连接数据文件。")
        self.sessions.engine.dispose()
        self.actor, self._settings = None, None
        damaged = quick_check(self.db_path)
        if damaged != "ok":
            url = sqlite_url(self.db_path, immutable=True)
            self.url, self.sessions, self.damaged = url, Sessions(make_engine(url, read_only=True)), damaged
            self.read_only_reason = DAMAGED_REASON
            return
        url = sqlite_url(self.db_path)
        engine = make_engine(url)
        _bring_schema_up_to_date(engine, self.db_path, self.data_dir, may_write=True)
        self.url, self.sessions, self.damaged, self.read_only_reason = url, Sessions(engine), "", ""

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @property
    def db_path(self) -> Path | None:
        return self.data_dir / DB_FILENAME if self.data_dir and self.is_sqlite else None

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries, in the calling thread; never crosses threads."""
        session = self.sessions.read()
        try:
            yield session
        finally:
            session.close()

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back (nothing written) on error."""
        from sqlalchemy.orm.exc import StaleDataError  # the ORM is loaded with the session below

        if self._unchecked is not None:
            self.check_file()
        if self.read_only:
            raise ReadOnlyWorkspace(self.read_only_reason)
        session = self.sessions.write()
        try:
            with session.begin():
                yield session
        except StaleDataError as exc:  # the flush's own version check (a backstop)
            raise StaleRecord() from exc
        except DatabaseError as exc:  # rolled back: nothing of the unit of work was written
            if is_busy(exc):
                raise WorkspaceBusy() from exc
            if is_disk_full(exc):
                raise DiskFull() from exc
            if is_not_writable(exc):
                raise ReadOnlyWorkspace(READ_ONLY_FOLDER.format(folder=self.data_dir or self.url)) from exc
            if "disk I/O error" in str(exc.orig):
                raise WorkspaceError(WRITE_IO_ERROR.format(error="磁盘 I/O 错误")) from exc
            if is_link_error(exc):  # the trigger refused a row that does not link (db/chain.py)
                raise ChainDamaged("新记录接不上操作日志链头。") from exc
            raise
        finally:
            session.close()
        self._settings = None  # a write may have changed them

    # ---- today, settings, the signed-in user -------------------------------------------

    def today(self) -> dt.date:
        """`--as-of` when given (demonstrations, tests), else the real date."""
        return self.as_of or dt.date.today()

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            with self.sessions.engine.connect() as connection:  # no ORM needed (start-up: the title)
                self._settings = load_settings(connection)
        return self._settings

    def known_actor(self, username: str) -> Actor | None:
        """`app.auth.known_actor`: who `username` is, without signing in (the demo's window
        is built while its real sign-in waits for the first paint)."""
        with self.sessions.engine.connect() as connection:
            return known_actor(connection, username)

    def require_actor(self) -> Actor:
        if self.actor is None:
            raise NotSignedIn()
        return self.actor

    def sign_in(self, username: str, password: str, now: dt.datetime | None = None, *,
                via: str = "") -> Actor:
        """Checks the password; failures are counted (five lock the account for 15 minutes).

        Sign-ins and refusals are audited (a refused unknown name is recorded without the text
        typed: it may be a password typed into the wrong field). `via` says where (命令行 …).
        A window opened read-only beside another still counts failures (through SQLite's own
        locking, as `export` writes its row), so a second window is no way round the lock-out;
        only a damaged file records nothing.
        """
        actor = self._authenticate(username, password, now, action="login",
                                   summary="登录" + (f"（{via}）" if via else ""))
        self.actor = actor
        self.anchor_warning = self._check_pc_anchor(actor) if self.data_dir is None and not self.read_only else ""
        return actor

    def _check_pc_anchor(self, actor: Actor) -> str:
        """A server: the chain must still hold the head this PC saw last (app/workspace/pc_anchor.py);
        a break is told to the user and written to the 操作日志. Returns the warning or ""."""
        from app import audit
        from app.workspace.pc_anchor import check_and_remember

        with self.writing() as session:
            remembered, warning = check_and_remember(session, self.url)
            if warning and remembered is not None:
                audit.record(session, actor, "anchor_mismatch", "workspace", "", summary=(
                    f"本机上次看到的操作日志第 {remembered.last_id} 条（校验码 {remembered.code}）"
                    "已不在服务器的操作日志中"))
        if warning:
            log.info("%s", warning)
        return warning

    def unlock(self, password: str, now: dt.datetime | None = None) -> Actor:
        """The idle lock's check: the signed-in user's password, failures counted like sign-in."""
        actor = self.require_actor()
        self._authenticate(actor.username, password, now, action="unlock", summary="解除锁屏")
        return actor

    def _authenticate(self, username: str, password: str, now: dt.datetime | None, *,
                      action: str, summary: str) -> Actor:
        from app import audit
        from db.models import utcnow

        if self._unchecked is not None:
            self.check_file()
        now = now or utcnow()
        sessions = self.sessions
        try:
            if self.damaged or not self.folder_writable or (self.read_only and self.db_path is None):
                with self.reading() as session:  # nothing may be written: no count, no audit row
                    actor = authenticate(session, username, password, now)
                    session.rollback()
                return actor
            if self.read_only:  # beside the window that holds it: failures still count
                sessions = Sessions(make_engine(sqlite_url(self.db_path)))
            session = sessions.write()
            try:
                session.begin()
                try:
                    actor = authenticate(session, username, password, now)
                except SignInRefused as refused:
                    known = not refused.reason.startswith("用户名不存在")
                    audit.record(session, username if known else UNKNOWN_USER, "login_failed",
                                 "users", "", summary=("解除锁屏：" if action == "unlock" else "")
                                 + refused.reason)
                    session.commit()  # keep the failure count and its audit row
                    raise
                audit.record(session, actor, action, "users", actor.id, summary=summary)
                session.commit()
            finally:
                session.close()
                if sessions is not self.sessions:
                    sessions.engine.dispose()
        except DatabaseError as exc:
            if is_link_error(exc):
                raise ChainDamaged("新记录接不上操作日志链头。") from exc
            if is_disk_full(exc):
                raise WorkspaceError(LOGIN_DISK_FULL) from exc
            raise WorkspaceError(f"数据文件无法读取，不能登录：{exc.orig or exc}") from exc
        return actor

    def sign_out(self) -> None:
        self.actor = None


# ---- helpers ---------------------------------------------------------------------------


def _locate(data_dir: Path | None, db_url: str | None) -> tuple[Path, Path]:
    if db_url:
        from sqlalchemy.engine import make_url

        db_path = Path(make_url(db_url).database or "").resolve()
        return db_path.parent, db_path
    folder = Path(data_dir).resolve() if data_dir else default_data_dir()
    return folder, folder / DB_FILENAME


class _OsLock:
    """The operating system's own lock on a file, held by an open descriptor: `flock` on Linux,
    `msvcrt.locking` of the first byte on Windows — what the filelock package does underneath,
    without its import on the way to the first paint (12–20 ms). The OS releases it when the
    process dies; a second process (or a second open in this one) is refused at once.

    The file is removed when the lock is released, so a closed workspace leaves nothing behind.
    On POSIX it is unlinked while still locked; a process that opened the old file meanwhile
    finds, once its own lock is granted, that the path no longer names what it locked (another
    inode, or none) and starts again on the new file. On Windows a file open elsewhere cannot be
    deleted: it is removed after unlocking, when nobody else has it open. A process killed while
    holding it leaves the file; the next open takes it over (the OS released the lock)."""

    ATTEMPTS = 20  # each retry needs another process to have taken and released the lock between

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> bool:
        """True when taken; False when another holds it. A folder that refuses the lock file
        raises its OSError (the caller opens the workspace read-only)."""
        for _ in range(self.ATTEMPTS):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                _lock_fd(fd)
            except (BlockingIOError, PermissionError):  # held: EWOULDBLOCK on Linux, EACCES on Windows
                os.close(fd)
                return False
            except BaseException:
                os.close(fd)
                raise
            if _names(self.path, fd):
                self._fd = fd
                return True
            _unlock_fd(fd)  # released and removed by its holder between our open and our lock
            os.close(fd)
        return False

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if os.name != "nt":
                _remove(self.path)  # still locked: nobody can be holding this file
            _unlock_fd(fd)
        finally:
            os.close(fd)
        if os.name == "nt":
            _remove(self.path)  # refused while another process has it open: it removes it later


def _lock_fd(fd: int) -> None:
    if os.name == "nt":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock_fd(fd: int) -> None:
    if os.name == "nt":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def _names(path: Path, fd: int) -> bool:
    """`path` still names the file open as `fd` (not removed, nor made anew by another)."""
    try:
        on_disk = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:  # a folder made read-only since, or (Windows) the file open elsewhere
        log.info("lock file %s left in place: %s", path, exc)


def _try_lock(folder: Path) -> object | None:
    """The single-writer lock, or None when another process holds it."""
    lock = _OsLock(folder / LOCK_FILENAME)
    if not lock.acquire():
        return None
    holder = {"user": getpass.getuser(), "host": socket.gethostname(), "pid": os.getpid(),
              "since": dt.datetime.now().strftime("%Y-%m-%d %H:%M")}
    try:  # who holds it is a courtesy to the next window: a full disk does not stop the work
        (folder / HOLDER_FILENAME).write_text(json.dumps(holder, ensure_ascii=False), "utf-8")
    except OSError as exc:
        log.warning("cannot record the lock holder in %s: %s", folder, exc)
        (folder / HOLDER_FILENAME).unlink(missing_ok=True)
    return lock


def _writable(folder: Path, db_path: Path) -> bool:
    """The folder and the data file may be written (a read-only medium or permission says no)."""
    return os.access(folder, os.W_OK) and os.access(db_path, os.W_OK)


@contextmanager
def holding_lock(folder: Path) -> Iterator[None]:
    """The single-writer lock on a folder that holds no openable workspace (restore into it)."""
    folder.mkdir(parents=True, exist_ok=True)
    lock = _try_lock(folder)
    if lock is None:
        raise WorkspaceLocked(lock_holder(folder))
    try:
        yield
    finally:
        _release(lock, folder)


def _release(lock: object | None, folder: Path | None = None) -> None:
    if lock is not None:
        if folder is not None:  # who held it: gone with the lock (removed while still held)
            _remove(folder / HOLDER_FILENAME)
        lock.release()


def lock_holder(folder: Path) -> str:
    try:
        info = json.loads((folder / HOLDER_FILENAME).read_text("utf-8"))
    except (OSError, ValueError):
        return "另一个程序窗口"
    return f"{info.get('user', '?')}（计算机 {info.get('host', '?')}，进程 {info.get('pid', '?')}，自 {info.get('since', '?')} 起）"


def _restore_hint(folder: Path) -> str:
    """app.workspace.restore.restore_hint, imported when an open is refused: it brings the ORM
    models and the backups with it, which the window's start does not wait for."""
    from app.workspace.restore import restore_hint

    return restore_hint(folder)


def _unusable(problem: str, folder: Path) -> UnusableDatabase:
    """The refusal of a file with nothing of ours in it, naming the newest backup that passes
    (the command to restore it for the command line; the backup itself for the window's offer)."""
    from app.workspace.restore import newest_passing_backup, restore_hint

    backup = newest_passing_backup(folder)
    return UnusableDatabase(problem + restore_hint(folder, backup), folder, problem, backup)


class _Damaged(Exception):
    """quick_check's finding, before an upgrade of a file open() had not checked yet."""


def _bring_schema_up_to_date(engine, db_path: Path, folder: Path, *, may_write: bool,  # noqa: ANN001
                             check_first: bool = False) -> None:
    with engine.connect() as conn:
        state = migrate.schema_state(conn)
        revision = migrate.current_revision(conn)
    if state is migrate.SchemaState.CURRENT:
        return
    if state is migrate.SchemaState.NEWER:
        raise SchemaTooNew(revision or "?")
    if state is migrate.SchemaState.EMPTY:
        raise _unusable(NOT_OURS.format(path=db_path), folder)
    if not may_write:
        raise SchemaBehind("数据文件需要升级到新结构，但工作区是只读打开的。请关闭其他窗口后再打开。")
    if check_first and (found := quick_check(db_path)) != "ok":
        raise _Damaged(found)  # never upgrade (nor back up as sound) a damaged file
    from app.workspace.backups import backup_file

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = folder / "backups" / f"升级前-{revision}-{stamp}.sqlite3"
    log.info("backing up %s to %s before upgrading from %s", db_path, backup, revision)
    backup_file(db_path, backup, "pre-upgrade")
    migrate.upgrade(engine)
