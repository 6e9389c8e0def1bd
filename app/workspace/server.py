"""A workspace on a PostgreSQL server (several PCs of one bureau on one database).

Opening one checks the schema and says plainly what to do: an empty database is made by an
administrator (`init`, or `copy` from the office's SQLite workspace); a schema older than the
program is upgraded by an administrator (`python -m app upgrade`), never silently by a clerk's
window; a newer one needs a newer program. A URL is shown without its password.

`upgrade_server` is the administrator's upgrade: the administrator's password is checked against
the users table as it is (read by column names that every revision has), then — under the
workspace write lock, so no clerk's save runs in between — the schema is brought to the head and
an `upgrade` audit row is appended, all in one transaction (PostgreSQL DDL is transactional:
a failed upgrade leaves the database as it was).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.auth import Role, SignInRefused, verify_password
from app.errors import (
    PermissionDenied,
    SchemaBehind,
    SchemaTooNew,
    ServerUnavailable,
    WorkspaceError,
)
from db import migrate
from db.session import make_engine, take_write_lock

DRIVER_MISSING = ("本程序没有安装 PostgreSQL 驱动，不能连接服务器数据库。"
                  "请安装带服务器支持的版本（pip install -e \".[server]\"）。")


def display_url(url: str) -> str:
    """The URL as it may be shown and logged: the password masked."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 — a malformed URL is shown as typed, minus nothing secret
        return "（无法解析的数据库地址）"


def describe_server(url: str) -> str:
    """How the window names a server workspace to a clerk: 服务器数据库 qingfeng（192.168.1.20）."""
    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001
        return display_url(url)
    host = parsed.host or "本机"
    if parsed.port:
        host = f"{host}:{parsed.port}"
    return f"服务器数据库 {parsed.database or '?'}（{host}）"


def server_engine(url: str) -> Engine:
    """An engine for the server, connected once so that a wrong address, role or password is
    reported now, in words, rather than at the first query."""
    try:
        engine = make_engine(url)
    except ModuleNotFoundError as exc:
        raise ServerUnavailable(DRIVER_MISSING) from exc
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        engine.dispose()
        raise ServerUnavailable(unreachable(url, exc)) from exc
    return engine


def unreachable(url: str, exc: BaseException) -> str:
    detail = str(getattr(exc, "orig", exc)).strip().splitlines()
    reason = detail[-1].strip() if detail else ""
    return (f"无法连接数据库服务器 {display_url(url)}：{reason}\n"
            "请检查网络、设置文件 qingfeng.ini 中的数据库地址，或联系管理员。")


def check_schema(engine: Engine, url: str) -> None:
    """Refuses a server workspace this program must not use as it is (see the module doc)."""
    with engine.connect() as conn:
        state = migrate.schema_state(conn)
        revision = migrate.current_revision(conn)
    if state is migrate.SchemaState.CURRENT:
        return
    where = display_url(url)
    if state is migrate.SchemaState.NEWER:
        raise SchemaTooNew(revision or "?", what="服务器数据库")
    if state is migrate.SchemaState.EMPTY:
        raise WorkspaceError(
            f"服务器数据库 {where} 中还没有清风台账的数据。请管理员新建工作区"
            f"（python -m app init --db URL --admin 用户名），或把单机工作区搬上去"
            f"（python -m app copy --from 工作区文件夹 --to URL）。")
    raise SchemaBehind(
        f"服务器数据库的结构（版本 {revision}）比本程序旧（需要版本 {migrate.head_revision()}），"
        "需要管理员先升级数据库：python -m app upgrade --db URL --user 管理员用户名"
        "（升级前请先用 pg_dump 备份）。升级之前，本程序不能使用这个数据库，数据未做任何修改。")


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def _check_administrator(conn, username: str, password: str) -> None:  # noqa: ANN001
    row = conn.execute(text("SELECT password_hash, role, active FROM users WHERE username = :u"),
                       {"u": username}).first()
    if row is None or not row.active or not verify_password(password, row.password_hash):
        raise SignInRefused("用户名或密码不正确。", "升级数据库：用户名或密码不正确")
    if Role.from_code(row.role) < Role.ADMIN:
        raise PermissionDenied("只有管理员可以升级数据库结构。")


def upgrade_server(url: str, username: str, password: str) -> UpgradeResult:
    """Brings a server workspace's schema to this program's head (see the module doc).

    Guarantees: only an active administrator of that workspace may; nothing is changed when the
    schema is current (or newer: SchemaTooNew) or the database is empty; the upgrade and its
    audit row are one transaction taken under the workspace write lock, so a second
    administrator running it at the same time waits and then finds nothing to do.
    """
    from app import audit

    engine = server_engine(url)
    try:
        with engine.connect() as conn:
            state = migrate.schema_state(conn)
            before = migrate.current_revision(conn)
            if state is migrate.SchemaState.EMPTY:
                check_schema(engine, url)  # raises the "empty" message
            if state is migrate.SchemaState.NEWER:
                raise SchemaTooNew(before or "?", what="服务器数据库")
            _check_administrator(conn, username, password)
            conn.rollback()
        with engine.begin() as conn:
            take_write_lock(conn)
            before = migrate.current_revision(conn)  # another administrator may have been first
            if migrate.schema_state(conn) is not migrate.SchemaState.BEHIND:
                return UpgradeResult(before, before or "")
            migrate.upgrade_in(conn)
            head = migrate.head_revision()
            session = Session(bind=conn)
            audit.record(session, username, "upgrade", "workspace", "",
                         summary=f"升级数据库结构：版本 {before} → {head}")
            session.flush()
            session.close()
        return UpgradeResult(before, head)
    finally:
        engine.dispose()


# What no role but the tables' owner may do to the chain (README "服务器数据库", step 2): the head
# moves only through the owner's trigger, the rows are never rewritten.
CHAIN_GRANTS = {"audit_log": ("UPDATE", "DELETE", "TRUNCATE"),
                "audit_head": ("INSERT", "UPDATE", "DELETE", "TRUNCATE")}


def chain_grant_problems(session: Session) -> list[str]:
    """The roles other than the owner that may rewrite the audit chain on this server (granted
    by the default privileges of README step 1 and not yet revoked), in words for `check`."""
    found = session.execute(text(
        "SELECT g.grantee, g.table_name, g.privilege_type FROM information_schema.role_table_grants g "
        "JOIN pg_tables t ON t.tablename = g.table_name AND t.schemaname = g.table_schema "
        "WHERE g.table_schema = current_schema() AND g.table_name IN ('audit_log', 'audit_head') "
        "AND g.grantee <> t.tableowner ORDER BY 1, 2, 3")).all()
    by_role: dict[str, list[str]] = {}
    for grantee, table, privilege in found:
        if privilege in CHAIN_GRANTS[table]:
            by_role.setdefault(grantee, []).append(f"{privilege} {table}")
    return [f"数据库角色 {role} 可以改写操作日志（{'、'.join(grants)}）：请按 README“服务器数据库”第 2 步执行 REVOKE。"
            for role, grants in by_role.items()]
