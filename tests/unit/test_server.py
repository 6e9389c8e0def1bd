"""Several PCs on one PostgreSQL database: the settings file that names it, what a clerk is told
when the database is empty, behind, newer or unreachable, the administrator's `upgrade`, the
IT administrator's role recipe from the README (a clerks' role without DDL rights that cannot
rewrite the audit trail), and search that ignores case on either database."""
from __future__ import annotations

import os

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from app.cli.main import main as cli_main
from app.errors import SchemaBehind, SchemaTooNew, ServerUnavailable, WorkspaceError
from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.workspace.config import ENV, configured_workspace
from app.workspace.facade import Workspace
from db import migrate
from tests.conftest import PASSWORD, TODAY
from tests.helpers import execute_sql, query_sql

# ---- the settings file ------------------------------------------------------------------------


def _ini(tmp_path, monkeypatch, body: str):  # noqa: ANN001, ANN202
    path = tmp_path / "qingfeng.ini"
    path.write_text(body, "utf-8-sig")  # as Notepad saves it
    monkeypatch.setenv(ENV, str(path))
    return path


def test_the_settings_file_names_the_workspace_for_every_command(workspace_location, tmp_path,
                                                                  monkeypatch, capsys):
    target = (f"db = {workspace_location.url}" if workspace_location.url
              else f"data_dir = {workspace_location.folder}")
    _ini(tmp_path, monkeypatch, f"; 清风台账设置\n[workspace]\n{target}\n")
    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)
    out = tmp_path / "单位.xlsx"
    assert cli_main(["export", "units", "--out", str(out), "--user", "editor"]) == 0  # no --db typed
    assert out.is_file()
    assert cli_main(["check"]) == 0
    assert "操作日志链完整" in capsys.readouterr().out
    [(who,)] = query_sql(workspace_location.url or workspace_location.folder / "qingfeng.sqlite3",
                         "SELECT user_name FROM audit_log WHERE action = 'export'")
    assert who == "editor"


def test_a_relative_folder_is_read_beside_the_file_and_the_command_line_wins(tmp_path, monkeypatch):
    path = _ini(tmp_path, monkeypatch, "[workspace]\ndata_dir = 数据\n")
    found = configured_workspace()
    assert found.data_dir == tmp_path / "数据" and found.db is None and found.source == path
    from app.cli.options import workspace_options
    from app.cli.parser import build_parser

    opts = workspace_options(build_parser().parse_args(["check", "--data-dir", str(tmp_path / "别处")]))
    assert opts.data_dir == tmp_path / "别处"


def test_a_settings_file_that_cannot_be_used_is_named(tmp_path, monkeypatch, capsys):
    _ini(tmp_path, monkeypatch, "[workspace]\ndb = postgresql+psycopg://a@/b\ndata_dir = D:\\x\n")
    with pytest.raises(WorkspaceError, match="同时写了 db 和 data_dir"):
        configured_workspace()
    assert cli_main(["check"]) == 1
    assert "qingfeng.ini" in capsys.readouterr().err
    monkeypatch.setenv(ENV, str(tmp_path / "没有这个文件.ini"))
    with pytest.raises(WorkspaceError, match="找不到设置文件"):
        configured_workspace()
    monkeypatch.delenv(ENV)


# ---- what a clerk is told ------------------------------------------------------------------


def test_an_unreachable_server_is_reported_in_words_without_the_password(tmp_path):
    url = f"postgresql+psycopg://clerk:topsecret@/qingfeng?host={tmp_path / 'no-server-here'}"
    with pytest.raises(ServerUnavailable) as failed:
        Workspace.open(db_url=url)
    assert "topsecret" not in failed.value.message
    assert "无法连接数据库服务器" in failed.value.message or "驱动" in failed.value.message


def test_an_empty_server_database_says_how_to_fill_it(empty_pg_url):
    with pytest.raises(WorkspaceError) as refused:
        Workspace.open(db_url=empty_pg_url)
    assert "python -m app init --db" in refused.value.message and "python -m app copy" in refused.value.message


def _behind(url: str, revision: str = "0003") -> None:
    """The server as an older program left it."""
    from alembic import command

    from db.session import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        command.downgrade(migrate._alembic_config(conn), revision)
    engine.dispose()


def test_a_clerk_on_an_older_schema_is_told_and_the_administrator_upgrades(empty_pg_url, monkeypatch, capsys):
    ws = Workspace.create(db_url=empty_pg_url, admin_username="admin", admin_password=PASSWORD)
    admin = ws.sign_in("admin", PASSWORD)
    from app.auth import Role
    from app.registers.users.write import create_user

    with ws.writing() as s:
        create_user(s, admin, "editor", PASSWORD, Role.EDITOR, "录入员乙")
    ws.close()
    _behind(empty_pg_url)
    with pytest.raises(SchemaBehind) as behind:
        Workspace.open(db_url=empty_pg_url)
    assert "python -m app upgrade" in behind.value.message and "0003" in behind.value.message
    assert "数据未做任何修改" in behind.value.message

    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)
    assert cli_main(["upgrade", "--db", empty_pg_url, "--user", "editor"]) == 1  # a clerk may not
    assert "只有管理员" in capsys.readouterr().err
    monkeypatch.setenv("QINGFENG_PASSWORD", "wrong-password")
    assert cli_main(["upgrade", "--db", empty_pg_url, "--user", "admin"]) == 1
    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)
    assert cli_main(["upgrade", "--db", empty_pg_url, "--user", "admin"]) == 0
    assert f"0003 → {migrate.head_revision()}" in capsys.readouterr().out
    assert cli_main(["upgrade", "--db", empty_pg_url, "--user", "admin"]) == 0
    assert "已是最新" in capsys.readouterr().out

    ws = Workspace.open(db_url=empty_pg_url, as_of=TODAY)
    try:
        ws.sign_in("editor", PASSWORD)
        from app import audit

        with ws.reading() as s:
            assert audit.verify_chain(s).ok
        from app.workspace.checks import check_workspace

        assert check_workspace(ws).ok  # every record resealed by the upgrade
        [(summary,)] = query_sql(ws, "SELECT summary FROM audit_log WHERE action = 'upgrade'")
        assert summary == f"升级数据库结构：版本 0003 → {migrate.head_revision()}"
    finally:
        ws.close()


def test_a_newer_server_schema_is_refused_untouched(workspace, workspace_location):
    if workspace.is_sqlite:
        pytest.skip("tests/unit/test_workspace.py covers the SQLite file")
    workspace.close()
    execute_sql(workspace_location.url, "UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(SchemaTooNew, match="服务器数据库"):
        Workspace.open(db_url=workspace_location.url)
    assert query_sql(workspace_location.url, "SELECT version_num FROM alembic_version") == [("9999",)]


def test_on_a_server_backup_and_restore_point_to_pg_dump_and_check_names_the_server(
        workspace_location, tmp_path, monkeypatch, capsys):
    if workspace_location.url is None:
        pytest.skip("tests/unit/test_backups.py and test_restore.py cover the SQLite folder")
    url = workspace_location.url
    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)
    assert cli_main(["backup", "--db", url, "--user", "admin"]) != 0
    assert "pg_dump" in capsys.readouterr().err
    backup = tmp_path / "旧备份.sqlite3"
    backup.write_bytes(b"")
    assert cli_main(["restore", str(backup), "--db", url, "--user", "admin"]) != 0
    assert "pg_restore" in capsys.readouterr().err
    assert cli_main(["check", "--db", url]) == 0
    out = capsys.readouterr().out
    assert f"服务器数据库 {workspace_location.database}" in out and "操作日志链完整" in out
    assert query_sql(url, "SELECT count(*) FROM audit_log WHERE action IN ('backup', 'restore')") == [(0,)]


# ---- the README's roles: the clerks' role writes rows, never the schema or the trail ------------


def _psql(url: str, *statements: str) -> None:
    from db.session import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT")
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


@pytest.fixture
def roles(pg_server):  # noqa: ANN001, ANN201
    """The owner and clerk roles of the README, on a database of their own (skips without the
    right to create roles)."""
    if pg_server is None:
        pytest.skip("needs a PostgreSQL server: QINGFENG_TEST_PG_URL")
    suffix = f"{os.getpid()}_{id(pg_server) % 10000}"
    owner, clerk, db = f"qf_owner_{suffix}", f"qf_app_{suffix}", f"qf_roles_{suffix}"
    admin_url = pg_server.url.render_as_string(hide_password=False)  # the maintenance database
    try:
        _psql(admin_url, f"CREATE ROLE {owner} LOGIN PASSWORD 'owner-pass'",
              f"CREATE ROLE {clerk} LOGIN PASSWORD 'clerk-pass'",
              f"CREATE DATABASE {db} OWNER {owner} ENCODING 'UTF8' TEMPLATE template0")
    except ProgrammingError:
        pytest.skip("the test server's role may not create roles")
    db_url = pg_server.url_of(db)
    _psql(db_url, f"GRANT USAGE ON SCHEMA public TO {clerk}",
          f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
          f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {clerk}",
          f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {clerk}")
    as_role = lambda role, password: str(make_url(db_url).set(username=role, password=password)  # noqa: E731
                                         .render_as_string(hide_password=False))
    yield as_role(owner, "owner-pass"), as_role(clerk, "clerk-pass"), db_url
    _psql(admin_url, f"DROP DATABASE IF EXISTS {db} WITH (FORCE)", f"DROP ROLE IF EXISTS {clerk}",
          f"DROP ROLE IF EXISTS {owner}")


def test_the_clerks_role_writes_records_but_not_the_schema_or_the_audit_trail(roles):
    owner_url, clerk_url, db_url = roles
    ws = Workspace.create(db_url=owner_url, admin_username="admin", admin_password=PASSWORD)
    ws.close()
    _psql(db_url, f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM {make_url(clerk_url).username}")

    ws = Workspace.open(db_url=clerk_url, as_of=TODAY)
    try:
        admin = ws.sign_in("admin", PASSWORD)
        with ws.writing() as s:
            unit = units_write.save_unit(s, admin, units_types.UnitDraft(name="办公室", kind="office"))
            people_write.save_person(s, admin, people_types.PersonDraft(name="张三", unit_id=unit))
        with ws.reading() as s:
            assert len(people_query.search_people_ids(s, admin, people_types.PersonFilter())) == 1
    finally:
        ws.close()
    for forbidden in ("UPDATE audit_log SET summary = '改过' WHERE id = 1", "DELETE FROM audit_log",
                      "DROP TABLE people", "CREATE TABLE x (id int)"):
        with pytest.raises(ProgrammingError, match="permission denied|must be owner"):
            execute_sql(clerk_url, forbidden)
    with pytest.raises(WorkspaceError, match="不是空的"):  # init again is refused
        Workspace.create(db_url=owner_url, admin_username="x", admin_password=PASSWORD)


# ---- search -------------------------------------------------------------------------------


def test_search_ignores_case_and_takes_wildcards_literally(workspace, admin):
    from app.search import search_everything

    with workspace.writing() as s:
        unit = units_write.save_unit(s, admin, units_types.UnitDraft(name="信息科", kind="office"))
        people_write.save_person(s, admin, people_types.PersonDraft(name="张三", unit_id=unit, position="IT 运维 100%", staff_no="AB-07"))
        people_write.save_person(s, admin, people_types.PersonDraft(name="李四", unit_id=unit, position="科员 1000", staff_no="ab_x"))
    with workspace.reading() as s:
        def people(q: str) -> list[str]:
            return [h.title for h in search_everything(s, admin, q).groups[0][1]] if search_everything(
                s, admin, q).groups else []

        assert people("it 运维") == ["张三"]          # ASCII case ignored
        assert people("100%") == ["张三"]             # % is a character, not "anything"
        assert sorted(people("ab")) == ["张三", "李四"]
        assert people("b_x") == ["李四"]              # _ too
        assert people_query.search_people_ids(s, admin, people_types.PersonFilter(text="IT")) == \
            people_query.search_people_ids(s, admin, people_types.PersonFilter(text="it"))


def test_empty_values_sort_first_ascending_and_last_descending_on_either_database(workspace, admin):
    """db/ordering.py: SQLite's NULL order on PostgreSQL too, so lists and exports that follow
    them come out the same on a server (a talk without a start time before the day's others)."""
    import datetime as dt

    from app.registers.talks import write as talks

    ids = {}
    with workspace.writing() as s:
        for start in (dt.time(9, 30), None):
            ids[start] = talks.save_talk(s, admin, talks.TalkDraft(
                kind="heart", talk_date=dt.date(2026, 5, 20), start_time=start, content="谈心",
                talkees=(talks.ParticipantDraft(name="张三"),), talkers=(talks.ParticipantDraft(name="书记甲"),)),
                TODAY)
    with workspace.reading() as s:
        oldest = talks.search_talk_ids(s, admin, talks.TalkFilter(), descending=False)
        newest = talks.search_talk_ids(s, admin, talks.TalkFilter(), descending=True)
    assert oldest == [ids[None], ids[dt.time(9, 30)]] and newest == oldest[::-1]
