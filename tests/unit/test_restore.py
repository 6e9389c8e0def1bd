"""Verified restore: backup → restore gives identical registers; a wrong password, a damaged or
foreign file, a backup from a newer version each give a clear message and replace nothing; the
replaced workspace is kept as a backup; the chain check stays green across a restore."""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from app import audit
from app.attachments import attach, store_for
from app.cli.main import main
from app.errors import BackupError, PermissionDenied
from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.workspace.backups import create_backup, list_backups
from app.workspace.checks import check_workspace
from app.workspace.facade import DB_FILENAME, Workspace
from app.workspace.restore import (
    VerifiedChain,
    discard,
    newest_passing_backup,
    restore_backup,
    same_rows_as_walked,
    stage_backup,
)
from tests.conftest import PASSWORD, TODAY
from tests.helpers import dump_tables

pytestmark = pytest.mark.sqlite_only("restores the SQLite file; PostgreSQL is restored with pg_restore")

SECRET = "备份口令-2026"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fill(ws, admin, tmp_path: Path) -> int:  # noqa: ANN001
    note = tmp_path / "笔录.txt"
    note.write_text("谈话笔录：原件。", "utf-8")
    with ws.writing() as s:
        unit = units_write.save_unit(s, admin, units_types.UnitDraft(name="财务科", kind="office"))
        for name in ("张三", "李四", "王五"):
            person = people_write.save_person(s, admin, people_types.PersonDraft(name=name, unit_id=unit, position="科员"))
        attach(s, admin, store_for(ws), "people", person, note, unit_id=unit)
    return unit


def _change_after_backup(ws, admin, unit: int) -> None:  # noqa: ANN001
    with ws.writing() as s:
        people_write.save_person(s, admin, people_types.PersonDraft(name="赵六", unit_id=unit))
        (zhang,) = [p for p in people_query.people_rows(s, people_query.search_people_ids(s, admin, people_types.PersonFilter()))
                    if p.name == "张三"]
        people_write.save_person(s, admin, people_types.PersonDraft(name="张三", unit_id=unit, id=zhang.id,
                                                  version=zhang.version, position="科长"))


def _nothing_replaced(folder: Path, fingerprint: str | dict, backups_before: list[str]) -> None:
    """The database as it was (its bytes, or — after a command signed in and wrote its login row —
    every table but the audit trail), no restore recorded, no backup added, no staging left."""
    if isinstance(fingerprint, str):
        assert _sha(folder / DB_FILENAME) == fingerprint
    else:
        assert dump_tables(folder / DB_FILENAME) == fingerprint
    conn = sqlite3.connect(folder / DB_FILENAME)
    assert conn.execute("SELECT count(*) FROM audit_log WHERE action = 'restore'").fetchone() == (0,)
    conn.close()
    assert sorted(p.name for p in (folder / "backups").glob("*")) == backups_before
    assert not list(folder.glob(".restore-*"))


def test_backup_then_restore_gives_identical_registers(workspace, admin, workspace_dir, tmp_path):
    unit = _fill(workspace, admin, tmp_path)
    backup = create_backup(workspace, admin)
    at_backup = dump_tables(workspace_dir / DB_FILENAME)
    _change_after_backup(workspace, admin, unit)
    before_restore = dump_tables(workspace_dir / DB_FILENAME)
    assert before_restore != at_backup

    staged = stage_backup(workspace_dir, backup.path)
    try:
        result = restore_backup(workspace, admin, staged)
    finally:
        discard(staged)
    assert dump_tables(workspace_dir / DB_FILENAME) == at_backup
    assert workspace.actor is None  # everyone signs in again
    kept = result.kept_as
    assert kept is not None and dump_tables(kept) == before_restore  # the replaced one is kept
    assert [b.kind for b in list_backups(workspace_dir)] == ["manual", "pre-restore"]
    # The chain is whole; the pre-restore backup holds the replaced chain and is set aside.
    report = check_workspace(workspace)
    assert report.ok, report.lines
    assert "1 个备份保存的是恢复前的数据" in "\n".join(report.lines)
    # The workspace works on: a write after the restore is chained as well.
    workspace.sign_in("admin", PASSWORD)
    with workspace.writing() as s:
        people_write.save_person(s, admin, people_types.PersonDraft(name="孙七", unit_id=unit))
    assert check_workspace(workspace).ok


def test_an_encrypted_backup_restores_into_a_new_folder(workspace, admin, workspace_dir, tmp_path,
                                                        monkeypatch, capsys):
    _fill(workspace, admin, tmp_path)
    usb = tmp_path / "U盘" / "备份.qfbak"
    create_backup(workspace, admin, usb, password=SECRET)
    expected = dump_tables(workspace_dir / DB_FILENAME)
    attachments = sorted(p.name for p in (workspace_dir / "attachments").rglob("*") if p.is_file())
    new_pc = tmp_path / "新电脑"
    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)
    monkeypatch.setenv("QINGFENG_BACKUP_PASSWORD", SECRET)
    assert main(["restore", str(usb), "--data-dir", str(new_pc), "--user", "admin"]) == 0
    assert "已从备份恢复" in capsys.readouterr().out
    assert dump_tables(new_pc / DB_FILENAME) == expected
    assert sorted(p.name for p in (new_pc / "attachments").rglob("*") if p.is_file()) == attachments
    assert main(["check", "--data-dir", str(new_pc)]) == 0


def test_a_wrong_backup_password_restores_nothing(workspace, admin, workspace_dir, tmp_path,
                                                  monkeypatch, capsys):
    _fill(workspace, admin, tmp_path)
    usb = tmp_path / "备份.qfbak"
    create_backup(workspace, admin, usb, password=SECRET)
    _change_after_backup(workspace, admin, 1)
    workspace.close()
    fingerprint = dump_tables(workspace_dir / DB_FILENAME)
    backups = sorted(p.name for p in (workspace_dir / "backups").glob("*"))
    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)
    monkeypatch.setenv("QINGFENG_BACKUP_PASSWORD", SECRET + "!")
    assert main(["restore", str(usb), "--data-dir", str(workspace_dir), "--user", "admin"]) == 1
    assert "备份密码不正确" in capsys.readouterr().err
    _nothing_replaced(workspace_dir, fingerprint, backups)


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])


def _flipped(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def _overwritten_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for page in (3, 4, 5):
        data[(page - 1) * 4096: page * 4096] = b"\xa5" * 4096
    path.write_bytes(bytes(data))


def _newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()


def _foreign(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.commit()
    conn.close()


def _text(path: Path) -> None:
    path.write_text("这只是一个文本文件，被改名成了备份。", "utf-8")


DAMAGE = [
    ("encrypted, truncated", True, _truncated, "截断"),
    ("encrypted, a byte changed", True, _flipped, "已损坏"),
    ("plain, truncated", False, _truncated, "损坏"),
    ("plain, overwritten pages", False, _overwritten_pages, "损坏"),
    ("plain, from a newer version", False, _newer, "较新版本"),
    ("plain, another program's database", False, _foreign, "不是清风台账的备份"),
    ("not a backup at all", False, _text, "不是清风台账的备份"),
]


@pytest.mark.parametrize(("what", "encrypted", "damage", "message"), DAMAGE, ids=[d[0] for d in DAMAGE])
def test_a_damaged_or_foreign_backup_replaces_nothing(workspace, admin, workspace_dir, tmp_path,
                                                      what, encrypted, damage, message):
    _fill(workspace, admin, tmp_path)
    if encrypted:
        source = tmp_path / "备份.qfbak"
        create_backup(workspace, admin, source, password=SECRET)
    else:
        source = tmp_path / "备份.sqlite3"
        shutil.copyfile(create_backup(workspace, admin).path, source)
    damage(source)
    fingerprint = _sha(workspace_dir / DB_FILENAME)
    backups = sorted(p.name for p in (workspace_dir / "backups").glob("*"))
    with pytest.raises(BackupError) as err:
        stage_backup(workspace_dir, source, SECRET if encrypted else None)
    assert message in err.value.message and "未做任何更改" in err.value.message
    _nothing_replaced(workspace_dir, fingerprint, backups)
    with workspace.reading() as s:  # the workspace still works
        assert len(people_query.search_people_ids(s, admin, people_types.PersonFilter())) == 3


def test_only_an_administrator_restores(workspace, admin, editor, workspace_dir, tmp_path,
                                        monkeypatch, capsys):
    backup = create_backup(workspace, admin)
    staged = stage_backup(workspace_dir, backup.path)
    try:
        with pytest.raises(PermissionDenied):
            restore_backup(workspace, editor, staged)
    finally:
        discard(staged)
    workspace.close()
    fingerprint = dump_tables(workspace_dir / DB_FILENAME)
    backups = sorted(p.name for p in (workspace_dir / "backups").glob("*"))
    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)
    assert main(["restore", str(backup.path), "--data-dir", str(workspace_dir), "--user", "editor"]) == 1
    assert "管理员" in capsys.readouterr().err
    _nothing_replaced(workspace_dir, fingerprint, backups)


def test_restore_while_a_window_holds_the_workspace_is_refused(workspace, admin, workspace_dir,
                                                               monkeypatch, capsys):
    backup = create_backup(workspace, admin)
    fingerprint = _sha(workspace_dir / DB_FILENAME)
    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)
    assert main(["restore", str(backup.path), "--data-dir", str(workspace_dir), "--user", "admin"]) == 1
    assert "使用" in capsys.readouterr().err
    assert _sha(workspace_dir / DB_FILENAME) == fingerprint


def test_a_damaged_workspace_is_restored_by_an_administrator_of_the_backup(
        workspace, admin, workspace_dir, tmp_path, monkeypatch, capsys):
    _fill(workspace, admin, tmp_path)
    backup = create_backup(workspace, admin)
    expected = dump_tables(backup.path)
    workspace.close()
    live = workspace_dir / DB_FILENAME
    live.write_bytes(live.read_bytes()[: 4096 * 2])  # truncated: nobody can sign in to it
    damaged = live.read_bytes()
    ws = Workspace.open(workspace_dir, as_of=TODAY)
    try:
        assert ws.damaged
    finally:
        ws.close()
    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)
    assert main(["restore", str(backup.path), "--data-dir", str(workspace_dir), "--user", "admin"]) == 0
    capsys.readouterr()
    assert dump_tables(live) == expected
    (kept,) = (workspace_dir / "backups").glob("pre-restore-damaged-*.sqlite3")
    assert kept.read_bytes() == damaged  # the damaged file is kept byte for byte
    assert main(["check", "--data-dir", str(workspace_dir)]) == 0


# ---- a backup vouched for by the chain `check` has just walked ---------------------------------


def _walked(ws) -> VerifiedChain:  # noqa: ANN001
    with ws.reading() as s:
        report = audit.verify_chain(s)
    assert report.ok
    return VerifiedChain(ws.db_path, report.head)


def _sql(statement: str):  # noqa: ANN202
    def spoil(path: Path) -> None:
        conn = sqlite3.connect(path)
        conn.execute(statement)
        conn.commit()
        conn.close()
    return spoil


# Every way a backup's audit rows can differ from the walked chain's first rows.
UNLIKE = [(f"its {column} changed", _sql(f"UPDATE audit_log SET {column} = {column} || 'x' WHERE id = 3"))
          for column in ("at", "user_name", "action", "entity", "entity_id", "summary", "old", "new", "seal",
                         "prev_hash", "hash")]
UNLIKE += [
    ("a text put back as bytes", _sql("UPDATE audit_log SET summary = CAST(summary AS BLOB) WHERE id = 3")),
    ("a row gone", _sql("DELETE FROM audit_log WHERE id = 3")),
    ("its last row gone", _sql("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")),
    ("its head rewritten", _sql("UPDATE audit_head SET hash = replace(hash, substr(hash, 1, 1), 'x')")),
    ("a row added past the head", _sql("INSERT INTO audit_log SELECT last_id + 1, '2026-12-04T00:00:00', "
                                       "'x', 'export', 'x', '', '', '', '', hash, 'x', '' FROM audit_head")),
    ("a row given id 0", _sql("UPDATE audit_log SET id = 0 WHERE id = 1")),
]


def _rebuilt(declared: dict[str, str], *then: str):  # noqa: ANN202
    """The backup's audit_log rebuilt with some columns declared otherwise (the rows as they
    were), then `then`: a schema that makes SQLite compare or store values its own way."""
    def spoil(path: Path) -> None:
        conn = sqlite3.connect(path)
        columns = [(name, kind, pk) for _cid, name, kind, _null, _default, pk in conn.execute(
            "PRAGMA table_info(audit_log)")]
        listed = ", ".join(f"{name} {declared.get(name, kind + (' PRIMARY KEY' if pk else ''))}"
                           for name, kind, pk in columns)
        with conn:
            conn.execute(f"CREATE TABLE rebuilt ({listed})")
            conn.execute("INSERT INTO rebuilt SELECT * FROM audit_log")
            conn.execute("DROP TABLE audit_log")
            conn.execute("ALTER TABLE rebuilt RENAME TO audit_log")
            for statement in then:
                conn.execute(statement)
        conn.close()
    return spoil


# A backup whose own schema makes unequal rows compare equal (each passed a column-by-column
# `IS NOT`): the comparison goes by what SQLite quotes, type and bytes.
UNLIKE += [
    ("the genesis link stored as a number", _rebuilt({"prev_hash": "NUMERIC"})),
    ("a hash compared case-blind", _rebuilt({"hash": "VARCHAR(64) COLLATE NOCASE"},
                                            "UPDATE audit_log SET hash = upper(hash) WHERE id = 3")),
    ("a summary compared without its trailing spaces", _rebuilt(
        {"summary": "TEXT COLLATE RTRIM"}, "UPDATE audit_log SET summary = summary || '  ' WHERE id = 3")),
    ("a row repeated in place of the next", _rebuilt({"id": "INTEGER"}, "DELETE FROM audit_log WHERE id = 3",
                                                     "INSERT INTO audit_log SELECT * FROM audit_log WHERE id = 2")),
    ("an id stored as a real number", _rebuilt({"id": ""}, "UPDATE audit_log SET id = 4.0 WHERE id = 4")),
]


def test_a_backup_holding_the_walked_chains_first_rows_is_vouched_for_without_a_second_walk(
        workspace, admin, workspace_dir, tmp_path):
    unit = _fill(workspace, admin, tmp_path)
    backup = create_backup(workspace, admin)
    _change_after_backup(workspace, admin, unit)  # the live chain goes on past the backup's head
    walked = _walked(workspace)
    assert walked.head.last_id > backup.head.last_id
    assert same_rows_as_walked(backup.path, walked)
    assert newest_passing_backup(workspace_dir, walked).path == backup.path
    # Vouched for only through the head that was walked.
    short = VerifiedChain(walked.db_path, audit.ChainHead(backup.head.last_id - 1, ""))
    assert not same_rows_as_walked(backup.path, short)


@pytest.mark.parametrize(("what", "spoil"), UNLIKE, ids=[u[0] for u in UNLIKE])
def test_a_backup_unlike_the_walked_chain_is_walked_and_judged_as_without_it(
        workspace, admin, workspace_dir, tmp_path, what, spoil):
    unit = _fill(workspace, admin, tmp_path)
    older = create_backup(workspace, admin).path
    _change_after_backup(workspace, admin, unit)
    newer = create_backup(workspace, admin).path
    spoil(newer)
    walked = _walked(workspace)
    assert not same_rows_as_walked(newer, walked)
    assert same_rows_as_walked(older, walked)
    judged = newest_passing_backup(workspace_dir, walked)
    assert judged == newest_passing_backup(workspace_dir)
    assert judged is not None and judged.path in (older, newer)
