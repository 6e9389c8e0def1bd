"""Record seals: every audited record's content is vouched for by the last audit row about it, so
`check` names each record changed behind the program's back — a talk's content, a user's role, a
row inserted or deleted with SQL, the audit tail cut back, an attachment's file replaced — and
sign-in refuses a user whose row was changed so. Sign-in counters never fail it, and a copied
or upgraded workspace checks clean."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from app import attachments, audit
from app.auth import Role
from app.cli.main import main as cli_main
from app.errors import ChainDamaged, PermissionDenied
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.talks import types as talk_types
from app.registers.talks import write as talk_write
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.registers.users import write as users_write
from app.workspace.backups import create_backup
from app.workspace.checks import check_workspace
from app.workspace.facade import DB_FILENAME, Workspace
from db import seals
from db.models import AuditEntry, Base, User
from tests.conftest import PASSWORD, TODAY
from tests.helpers import execute_sql, query_sql


def _talk(ws: Workspace, actor, content: str = "谈话内容：提醒遵守廉洁纪律。") -> int:  # noqa: ANN001
    with ws.writing() as s:
        unit = units_write.save_unit(s, actor, units_types.UnitDraft(name=f"单位{content[:2]}{id(content)}", kind="office"))
        person = people_write.save_person(s, actor, people_types.PersonDraft(name="张三", unit_id=unit))
        return talk_write.save_talk(s, actor, talk_types.TalkDraft(
            kind="reminder", talk_date=TODAY, content=content,
            talkers=(talk_types.ParticipantDraft(name="书记甲"),),
            talkees=(talk_types.ParticipantDraft(name="张三", person_id=person),)), TODAY)


def _check(location, capsys) -> tuple[int, str]:  # noqa: ANN001
    code = cli_main(["check", *location.cli_args])
    return code, capsys.readouterr().out


def test_every_table_is_sealed_or_left_out_with_a_reason():
    children = set(seals.CHILDREN)
    tables = set(Base.metadata.tables)
    assert tables - set(seals.SEALED) - set(seals.NOT_SEALED) - children == set()
    assert set(seals.SEALED) | set(seals.NOT_SEALED) | children <= tables  # no stale entry
    assert all(reason for reason in seals.NOT_SEALED.values())
    for name, declared in seals.SEALED.items():  # declared columns exist
        assert set(declared.outside) <= set(Base.metadata.tables[name].columns.keys())


def test_an_untouched_workspace_checks_clean_and_says_so(workspace, workspace_location, admin, capsys):
    _talk(workspace, admin)
    workspace.close()
    code, out = _check(workspace_location, capsys)
    assert code == 0, out
    assert "记录封存一致" in out and "校验码" in out


def test_a_talks_content_edited_behind_the_program_fails_check_naming_it(workspace, workspace_location,
                                                                          admin, capsys):
    talk = _talk(workspace, admin)
    execute_sql(workspace, f"UPDATE talks SET content = '（已删改）' WHERE id = {talk}")
    workspace.close()
    code, out = _check(workspace_location, capsys)
    assert code == 1
    assert f"谈话记录 第 {talk} 号：在程序之外被改动（谈话内容）" in out


def test_a_talks_participants_changed_behind_the_program_fail_check(workspace, workspace_location, admin, capsys):
    talk = _talk(workspace, admin)
    execute_sql(workspace, f"UPDATE talk_participants SET name = '李四' WHERE talk_id = {talk} AND role = 'talkee'")
    workspace.close()
    code, out = _check(workspace_location, capsys)
    assert code == 1 and f"谈话记录 第 {talk} 号：在程序之外被改动（谈话参加人员）" in out


def test_a_role_raised_with_sql_fails_check_and_gains_nothing_at_sign_in(workspace, workspace_location, capsys):
    [(editor,)] = query_sql(workspace, "SELECT id FROM users WHERE username = 'editor'")
    execute_sql(workspace, "UPDATE users SET role = 'admin' WHERE username = 'editor'")
    with pytest.raises(PermissionDenied) as refused:
        workspace.sign_in("editor", PASSWORD)
    assert "角色" in refused.value.message and "程序之外" in refused.value.message
    assert workspace.actor is None or workspace.actor.username != "editor"
    [(summary,)] = query_sql(workspace, "SELECT summary FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    assert "账户信息与操作日志不一致" in summary
    workspace.close()
    code, out = _check(workspace_location, capsys)
    assert code == 1 and f"用户 第 {editor} 号：在程序之外被改动（角色）" in out


def test_a_unit_limit_lifted_with_sql_refuses_the_sign_in(workspace, admin):
    with workspace.writing() as s:
        museum = units_write.save_unit(s, admin, units_types.UnitDraft(name="市博物馆", kind="affiliate"))
        users_write.create_user(s, admin, "bowuguan", PASSWORD, Role.EDITOR, "博物馆纪检委员", [museum])
    execute_sql(workspace, "DELETE FROM user_units WHERE user_id = (SELECT id FROM users WHERE username = 'bowuguan')")
    with pytest.raises(PermissionDenied) as refused:
        workspace.sign_in("bowuguan", PASSWORD)
    assert "限定单位" in refused.value.message


def test_a_user_inserted_with_sql_fails_check_and_cannot_sign_in(workspace, workspace_location, capsys):
    with workspace.reading() as s:
        stored = s.scalars(select(User.password_hash).where(User.username == "admin")).one()
    execute_sql(workspace, "INSERT INTO users (username, display_name, role, password_hash, active, failed_attempts, "
                           f"version, created_at, updated_at) VALUES ('mole', '', 'admin', '{stored}', "
                           f"{'true' if not workspace.is_sqlite else 1}, 0, 1, '2026-01-01', '2026-01-01')")
    with pytest.raises(PermissionDenied) as refused:
        workspace.sign_in("mole", PASSWORD)
    assert "不在操作日志中" in refused.value.message
    [(mole,)] = query_sql(workspace, "SELECT id FROM users WHERE username = 'mole'")
    workspace.close()
    code, out = _check(workspace_location, capsys)
    assert code == 1 and f"用户 第 {mole} 号：在操作日志中没有记录（在程序之外插入）" in out


def test_a_record_deleted_with_sql_fails_check(workspace, workspace_location, admin, capsys):
    talk = _talk(workspace, admin)
    execute_sql(workspace, f"DELETE FROM talk_participants WHERE talk_id = {talk}")
    execute_sql(workspace, f"DELETE FROM talks WHERE id = {talk}")
    workspace.close()
    code, out = _check(workspace_location, capsys)
    assert code == 1 and f"谈话记录 第 {talk} 号：在操作日志中存在，数据库中却没有了" in out


def test_sign_in_counters_never_fail_check(workspace, workspace_location, capsys):
    t0 = dt.datetime(2026, 6, 15, 9)
    for attempt in range(6):  # failures, a lock-out, and a name that is no user
        for name in ("editor", "nobody"):
            with pytest.raises(PermissionDenied):
                workspace.sign_in(name, "wrong", now=t0 + dt.timedelta(seconds=attempt))
    workspace.sign_in("viewer", PASSWORD)
    workspace.close()
    code, out = _check(workspace_location, capsys)
    assert code == 0, out


@pytest.mark.sqlite_only("the backups in the folder are the anchors")
def test_cutting_the_audit_tail_back_to_the_last_backups_head_orphans_what_it_sealed(
        workspace, workspace_dir, admin, capsys):
    _talk(workspace, admin, "备份之前的谈话。")
    info = create_backup(workspace, admin)
    later = _talk(workspace, admin, "备份之后的谈话，将被掩盖。")
    workspace.close()
    conn = sqlite3.connect(workspace_dir / DB_FILENAME)  # a careful tamperer, the head fixed up
    conn.execute("DELETE FROM audit_log WHERE id > ?", (info.head.last_id,))
    conn.execute("UPDATE audit_head SET last_id = ?, hash = ?", (info.head.last_id, info.head.hash))
    conn.commit()
    conn.close()
    code = cli_main(["check", "--data-dir", str(workspace_dir)])
    out = capsys.readouterr().out
    assert code == 1
    assert "操作日志链完整" in out  # the chain itself still links, and holds the backup's head …
    assert f"谈话记录 第 {later} 号：在操作日志中没有记录" in out  # … but no longer vouches for the talk


@pytest.mark.sqlite_only("the attachment files of a folder workspace")
def test_an_attachment_file_replaced_or_deleted_fails_check(workspace, workspace_dir, admin, tmp_path, capsys):
    talk = _talk(workspace, admin)
    (tmp_path / "谈话笔录.pdf").write_bytes(b"%PDF-1.4 the signed record")
    (tmp_path / "表态.txt").write_text("本人表态", "utf-8")
    with workspace.writing() as s:
        store = attachments.store_for(workspace)
        first = attachments.attach(s, admin, store, "talks", talk, tmp_path / "谈话笔录.pdf")
        second = attachments.attach(s, admin, store, "talks", talk, tmp_path / "表态.txt")
        rows = {r.id: r for r in attachments.attachments_of(s, "talks", talk)}
    workspace.close()
    files = workspace_dir / "attachments"
    (files / rows[first].sha256[:2] / rows[first].sha256).write_bytes(b"%PDF-1.4 another record")
    (files / rows[second].sha256[:2] / rows[second].sha256).unlink()
    code = cli_main(["check", "--data-dir", str(workspace_dir)])
    out = capsys.readouterr().out
    assert code == 1
    assert f"附件第 {first} 号“谈话笔录.pdf”（谈话记录 第 {talk} 号）：文件内容被替换" in out
    assert f"附件第 {second} 号“表态.txt”（谈话记录 第 {talk} 号）：文件缺失" in out


def test_an_attachment_blob_replaced_on_a_server_fails_check(workspace, workspace_location, admin, tmp_path, capsys):
    if workspace.is_sqlite:
        pytest.skip("a server's attachments: the blob table")
    talk = _talk(workspace, admin)
    (tmp_path / "笔录.txt").write_text("原件", "utf-8")
    with workspace.writing() as s:
        attached = attachments.attach(s, admin, attachments.store_for(workspace), "talks", talk, tmp_path / "笔录.txt")
    execute_sql(workspace, "UPDATE attachment_blobs SET data = convert_to('改过', 'UTF8')")
    workspace.close()
    code, out = _check(workspace_location, capsys)
    assert code == 1 and f"附件第 {attached} 号“笔录.txt”" in out and "内容被替换" in out


def test_the_head_moves_only_with_a_row_that_links_to_it(workspace, admin):
    """The trigger refuses a row that does not link; a head rewritten by hand is a damaged chain
    in words — at sign-in and in check — never a raw database error."""
    from sqlalchemy.exc import DatabaseError

    with workspace.reading() as s:
        head = audit.current_head(s)
    forged = (f"INSERT INTO audit_log (id, at, user_name, action, entity, entity_id, summary, old, new, seal, "
              f"prev_hash, hash) VALUES ({head.last_id + 1}, '2026-06-15T00:00:00.000000', 'x', 'update', "
              f"'users', '1', '', '', '', '', '{'1' * 64}', '{'2' * 64}')")
    with pytest.raises(DatabaseError) as refused:
        execute_sql(workspace, forged)
    assert "does not link" in str(refused.value)
    execute_sql(workspace, f"UPDATE audit_head SET last_id = {head.last_id - 1}")
    with pytest.raises(ChainDamaged) as damaged:
        workspace.sign_in("admin", PASSWORD)
    assert "操作日志链已损坏" in damaged.value.message and "从最近的备份恢复" in damaged.value.message
    report = check_workspace(workspace)
    assert not report.ok and any("链头" in line for line in report.lines)


@pytest.mark.sqlite_only("the workspace of the previous revision is a SQLite file, upgraded on open")
def test_a_workspace_of_the_previous_revision_upgrades_sealed_and_checks_clean(workspace, workspace_dir, admin,
                                                                               tmp_path, capsys):
    """Every register's records, written by the services, carried into a database at revision
    0013 with a chain as that program wrote it (no seals); opened, it is upgraded, each record
    is resealed, and check passes — then catches an edit as usual."""
    from tests.unit.report_helpers import build_world

    build_world(workspace, admin)
    workspace.close()
    old = tmp_path / "old"
    old.mkdir()
    counts = _as_previous_revision(workspace_dir / DB_FILENAME, old / DB_FILENAME)
    upgraded = Workspace.open(old, as_of=TODAY)
    try:
        with upgraded.reading() as s:
            resealed = set(s.execute(select(AuditEntry.entity, AuditEntry.entity_id)
                                     .where(AuditEntry.action == seals.RESEAL)).all())
        # every record resealed (0014; a later revision reseals again what it adds columns to)
        assert {t: sum(1 for e, _i in resealed if e == t) for t in seals.SEALED} == {
            t: counts.get(t, 0) for t in seals.SEALED}
        assert sum(counts.get(t, 0) for t in seals.SEALED) > 50
        upgraded.sign_in("admin", PASSWORD)
    finally:
        upgraded.close()
    assert cli_main(["check", "--data-dir", str(old)]) == 0, capsys.readouterr().out
    assert list((old / "backups").glob("升级前-0013-*.sqlite3"))
    execute_sql(old / DB_FILENAME, "UPDATE findings SET description = '（已删改）' WHERE id = (SELECT min(id) FROM findings)")
    assert cli_main(["check", "--data-dir", str(old)]) == 1
    assert "问题整改 第" in capsys.readouterr().out


def _as_previous_revision(source: Path, target: Path) -> dict[str, int]:
    """`source`'s rows in a new database at revision 0013 (the one before seals), its chain
    relinked as the 0013 program hashed rows (without seals); returns the records per table
    the upgrade is to seal (those copied, and the dictionary items a later revision seeds)."""
    from sqlalchemy import column, insert, inspect, text
    from sqlalchemy import table as sql_table

    from db import chain, migrate
    from db.session import make_engine, sqlite_url

    engine = make_engine(sqlite_url(target))
    migrate.upgrade(engine, "0013")
    src = make_engine(sqlite_url(source, read_only=True), read_only=True)
    counts: dict[str, int] = {}
    with src.connect() as read, engine.begin() as write:
        present = {t: {c["name"] for c in inspect(write).get_columns(t)} for t in inspect(write).get_table_names()}
        known_domains = set(write.scalars(text("SELECT DISTINCT domain FROM dict_items")))
        for table in Base.metadata.sorted_tables:
            if table.name not in present or table.name in ("audit_head", "alembic_version"):
                continue
            columns = [c for c in table.columns if c.name in present[table.name]]
            rows = [dict(r._mapping) for r in read.execute(select(*columns))]
            later = 0
            if table.name == "dict_items":  # a later revision's seeded items: it seeds (and seals) them again
                kept = [r for r in rows if r["domain"] in known_domains or not r["builtin"]]
                later, rows = len(rows) - len(kept), kept
            write.execute(text(f"DELETE FROM {table.name}"))
            if table.name == "audit_log":  # without the reseal rows the 0014 program wrote
                prev = chain.GENESIS
                rows = [r for r in sorted(rows, key=lambda r: r["id"]) if r["action"] != seals.RESEAL]
                for number, row in enumerate(rows, 1):
                    row["id"], row["prev_hash"] = number, prev
                    row["hash"] = prev = chain.row_hash(prev, chain.payload(
                        row["id"], row["at"], row["user_name"], row["action"], row["entity"], row["entity_id"],
                        row["summary"], row["old"], row["new"], ""))
                write.execute(text("UPDATE audit_head SET last_id = :i, hash = :h"), {"i": rows[-1]["id"], "h": prev})
            if rows:
                write.execute(insert(sql_table(table.name, *(column(c.name, c.type) for c in columns))), rows)
            counts[table.name] = len(rows) + later
    src.dispose()
    engine.dispose()
    return counts


@pytest.mark.sqlite_only("a restore replaces the SQLite file")
def test_a_backup_of_the_previous_revision_restores_sealed_and_checks_clean(workspace, workspace_dir, admin,
                                                                            tmp_path, capsys):
    """A backup the previous program made (schema 0013, a chain without seals) restores into
    this one: upgraded on the way, every record sealed, the restore recorded, check clean."""
    from app.workspace.restore import discard, restore_backup, stage_backup
    from tests.unit.report_helpers import build_world

    build_world(workspace, admin)
    old = tmp_path / "旧版本备份.sqlite3"
    _as_previous_revision(workspace_dir / DB_FILENAME, old)
    staged = stage_backup(workspace_dir, old)
    try:
        result = restore_backup(workspace, admin, staged)
    finally:
        discard(staged)
    assert result.head.last_id > 0
    workspace.close()
    assert cli_main(["check", "--data-dir", str(workspace_dir)]) == 0, capsys.readouterr().out


@pytest.mark.parametrize("value", [0, 1, -7, 2**63, True, False, None, dt.date(2025, 1, 9), dt.date(1, 1, 1),
                                   "", "谈话“内容”\n\t\\/", 1.5, dt.datetime(2025, 1, 9, 8, 30),
                                   dt.time(9, 5), [1, "a", None], {"b": 1, "a": [dt.date(2025, 2, 1)]}])
def test_the_canonical_text_of_a_field_is_the_encoders_text(value):
    """The scalars written without the encoder read as the encoder writes them: the seals and
    the chain's hashes of records saved before stay the same."""
    import json

    from db.chain import _json_default, canonical

    assert canonical(value) == json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                                          default=_json_default)


def test_every_records_seal_is_its_fields_digests_as_defined(workspace, admin):
    """read_seals digests column by column and hashes a value that recurs once (check seals
    every field of the workspace): what it gives is still, record by record, the definition —
    each field's sha256(canonical(value))[:16], each child table's sorted canonical rows — and
    the chain's last word that `check` gathers on its walk is `last_seals`."""
    from db.chain import canonical, digest

    _talk(workspace, admin)
    with workspace.writing() as s:  # a deleted record: the chain's last word on it is null
        unit = units_write.save_unit(s, admin, units_types.UnitDraft(name="撤销的科室", kind="office"))
        units_write.delete_unit(s, admin, unit)
    width = seals.FIELD_DIGEST
    with workspace.reading() as s:
        tables_with_records = 0
        for name, sealed in seals.SEALED.items():
            table = Base.metadata.tables[name]
            columns = seals.sealed_columns(name)
            expected = {seals.key_of(name, record_id): {c.name: digest(v)[:width] for c, v in zip(columns, values)}
                        for record_id, *values in s.execute(select(seals.primary_key(table), *columns))}
            for child in sealed.children:
                child_table = Base.metadata.tables[child.table]
                child_columns = seals._child_columns(child, None)
                for key, fields in expected.items():
                    rows = s.execute(select(*child_columns).where(
                        child_table.c[child.parent_key] == int(key.partition(":")[2]))).all()
                    fields[child.table] = digest(sorted(
                        canonical(dict(zip([c.name for c in child_columns], row))) for row in rows))[:width]
            assert seals.read_seals(s, name) == expected, name
            tables_with_records += bool(expected)
        assert tables_with_records >= 8
        walked = audit.verify_chain(s, collect_seals=True)
        assert walked.seals == audit.last_seals(s) and None in walked.seals.values()
        assert audit.verify_seals(s, walked.seals) == audit.verify_seals(s) == []
