"""The clerks' database role on a server, granted as README "服务器数据库" says: it reads and
writes records but can neither rewrite the audit trail nor move its head — the head moves only
with an appended row that links to it, through the owner's trigger — and a role it raises with
SQL gains nothing at sign-in. Every PC connects as this one role."""
from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from app.errors import PermissionDenied
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.workspace.checks import check_workspace
from app.workspace.facade import Workspace
from tests.conftest import PASSWORD, TODAY
from tests.helpers import execute_sql, query_sql

# README step 1 (default privileges of the owner, here the test server's superuser) and step 2.
GRANTS = """
GRANT USAGE ON SCHEMA public TO {role};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {role};
"""
REVOKE = ("REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM {role}; "
          "REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_head FROM {role};")


@pytest.fixture
def clerks_role(empty_pg_url: str):  # noqa: ANN201 — (owner's URL, the clerks' URL, role name)
    role = f"qingfeng_app_{os.getpid()}"
    owner = make_url(empty_pg_url).username or "postgres"
    execute_sql(empty_pg_url, f"DROP ROLE IF EXISTS {role}")
    execute_sql(empty_pg_url, f"CREATE ROLE {role} LOGIN")
    for statement in GRANTS.format(role=role, owner=owner).strip().splitlines():
        execute_sql(empty_pg_url, statement)
    yield empty_pg_url, make_url(empty_pg_url).set(username=role).render_as_string(hide_password=False), role
    execute_sql(empty_pg_url, f"DROP OWNED BY {role}")
    engine = create_engine(empty_pg_url)  # the role is the server's: dropped once nothing of it is left
    try:
        with engine.begin() as conn:
            conn.execute(text(f"DROP ROLE IF EXISTS {role}"))
    finally:
        engine.dispose()


def _refused(url: str, statement: str) -> str:
    with pytest.raises(DBAPIError) as refused:
        execute_sql(url, statement)
    return str(refused.value.orig)


def test_the_clerks_role_cannot_rewrite_the_chain_or_move_its_head(clerks_role):
    owner_url, clerk_url, role = clerks_role
    ws = Workspace.create(db_url=owner_url, admin_username="admin", admin_password=PASSWORD, as_of=TODAY)
    admin = ws.sign_in("admin", PASSWORD)
    from app.auth import Role
    from app.registers.users.write import create_user

    with ws.writing() as s:
        create_user(s, admin, "editor", PASSWORD, Role.EDITOR, "录入员乙")
    ws.close()
    before = check_workspace(Workspace.open(db_url=owner_url))
    assert any(role in line and "REVOKE" in line for line in before.lines)  # check names the open grants
    execute_sql(owner_url, REVOKE.format(role=role))

    clerk = Workspace.open(db_url=clerk_url, as_of=TODAY)
    try:
        editor = clerk.sign_in("editor", PASSWORD)  # appends through the owner's functions
        with clerk.writing() as s:
            units_write.save_unit(s, editor, units_types.UnitDraft(name="办公室", kind="office"))
        [(head,)] = query_sql(clerk_url, "SELECT last_id FROM audit_head")  # reading the head is allowed
        assert "permission denied" in _refused(clerk_url, f"UPDATE audit_head SET last_id = {head - 1}")
        assert "permission denied" in _refused(clerk_url, "UPDATE audit_log SET summary = '' WHERE id = 1")
        assert "permission denied" in _refused(clerk_url, "DELETE FROM audit_log WHERE id = 1")
        assert "permission denied" in _refused(clerk_url, "SELECT * FROM audit_head FOR UPDATE")
        forged = (f"INSERT INTO audit_log (id, at, user_name, action, entity, entity_id, summary, old, new, seal, "
                  f"prev_hash, hash) VALUES ({head + 1}, 'x', 'x', 'update', 'users', '1', '', '', '', '', "
                  f"'{'0' * 64}', '{'1' * 64}')")
        assert "does not link" in _refused(clerk_url, forged)
        # What the role can still do: change a record with SQL — the seal gives it away, and a
        # role raised this way signs nobody in as an administrator.
        execute_sql(clerk_url, "UPDATE users SET role = 'admin' WHERE username = 'editor'")
        with pytest.raises(PermissionDenied, match="角色"):
            clerk.sign_in("editor", PASSWORD)
        report = check_workspace(clerk)
        assert not report.ok and any("用户 第" in line and "角色" in line for line in report.lines)
        assert not any("REVOKE" in line for line in report.lines)  # the grants are as README says
    finally:
        clerk.close()
