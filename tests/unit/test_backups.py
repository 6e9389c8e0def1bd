"""Backups: administrators only, once a day on open with 7-daily/4-weekly/12-monthly rotation,
encrypted and whole when written outside the data folder, and a registered backup password that
refuses a typo."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from app.attachments import attach, store_for
from app.errors import PermissionDenied, ValidationError
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.workspace import crypto as backup_crypto
from app.workspace.backups import backup_on_open, create_backup, list_backups
from app.workspace.facade import Workspace
from app.workspace.restore import discard, stage_backup
from tests.conftest import TODAY

pytestmark = pytest.mark.sqlite_only("file backups of the SQLite workspace; PostgreSQL is backed up with pg_dump")

SECRET = "备份口令-2026"


def _some_records(ws, admin, tmp_path):  # noqa: ANN001, ANN202
    note = tmp_path / "谈话笔录.txt"
    note.write_text("张三同志的谈话笔录，内容敏感。", "utf-8")
    with ws.writing() as s:
        unit = units_write.save_unit(s, admin, units_types.UnitDraft(name="财务科", kind="office"))
        person = people_write.save_person(s, admin, people_types.PersonDraft(name="张三", unit_id=unit, position="科长"))
        attach(s, admin, store_for(ws), "people", person, note, unit_id=unit)
    return note


def test_only_an_administrator_backs_up(workspace, editor, workspace_dir):
    with pytest.raises(PermissionDenied):
        create_backup(workspace, editor)
    assert list_backups(workspace_dir) == []


def test_rotation_keeps_the_right_files_over_a_simulated_year_of_daily_opens(workspace, admin,
                                                                              workspace_dir):
    manual = create_backup(workspace, admin, now=dt.datetime(2025, 6, 1, 12, 0))
    first = dt.datetime(2025, 6, 16, 8, 30)  # 365 daily opens up to Monday 2026-06-15
    for day in range(365):
        now = first + dt.timedelta(days=day)
        assert backup_on_open(workspace, now=now) is not None
        if day % 50 == 0:  # a second open the same day adds nothing
            assert backup_on_open(workspace, now=now + dt.timedelta(hours=6)) is None
    dailies = sorted(b.created.date().isoformat() for b in list_backups(workspace_dir) if b.kind == "daily")
    last_7_days = [f"2026-06-{d:02d}" for d in range(9, 16)]
    # the newest of each of the last 4 ISO weeks: this week (only Monday 15th so far), then Sundays
    weeks = ["2026-06-14", "2026-06-07", "2026-05-31"]
    # the newest of each of the last 12 months: this month (the 15th), then each month's last day
    months = ["2026-05-31", "2026-04-30", "2026-03-31", "2026-02-28", "2026-01-31", "2025-12-31",
              "2025-11-30", "2025-10-31", "2025-09-30", "2025-08-31", "2025-07-31"]
    assert dailies == sorted(set(last_7_days + weeks + months))
    files = sorted(p.name for p in (workspace_dir / "backups").iterdir())
    assert len(files) == 2 * (len(dailies) + 1)  # each with its manifest; nothing else left
    assert manual.path.exists()  # a manual backup is never rotated away


def test_no_automatic_backup_beside_a_window_or_read_only(workspace, workspace_dir):
    beside = Workspace.open(workspace_dir, beside_window=True)  # the fixture holds the lock
    try:
        assert not beside.holds_lock and backup_on_open(beside) is None
    finally:
        beside.close()
    assert backup_on_open(workspace, now=dt.datetime(2026, 6, 15, 9)) is not None


def test_a_backup_outside_the_folder_is_encrypted_and_whole(workspace, admin, tmp_path):
    note = _some_records(workspace, admin, tmp_path)
    usb = tmp_path / "U盘" / "清风台账备份.qfbak"
    info = create_backup(workspace, admin, usb, password=SECRET)
    data = usb.read_bytes()
    assert data.startswith(b"QFBACKUP")
    for plain in ("张三", "财务科", "谈话笔录", "SQLite format 3"):
        assert plain.encode("utf-8") not in data
    assert info.kind == "external" and not list_backups(workspace.data_dir)  # nothing left in the folder
    assert not list((workspace.data_dir / "backups").glob(".external-*"))
    staged = stage_backup(workspace.data_dir, usb, SECRET)
    try:
        assert staged.encrypted and staged.attachments == 1 and staged.head == info.head
        (attachment,) = (staged.folder / "attachments").iterdir()
        assert attachment.read_bytes() == note.read_bytes()
        conn = sqlite3.connect(staged.db_path)
        assert conn.execute("SELECT name FROM people").fetchall() == [("张三",)]
        conn.close()
    finally:
        discard(staged)
    with workspace.reading() as s:
        from db.models import AuditEntry

        last = s.query(AuditEntry).order_by(AuditEntry.id.desc()).first()
    assert (last.action, last.user_name) == ("backup", "admin") and str(usb) in last.summary


def test_a_registered_backup_password_refuses_a_typo(workspace, admin, tmp_path):
    with workspace.writing() as s:
        backup_crypto.set_backup_password(s, admin, SECRET)
    usb = tmp_path / "备份.qfbak"
    with pytest.raises(ValidationError) as err:
        create_backup(workspace, admin, usb, password=SECRET + "x")
    assert "不一致" in err.value.message and not usb.exists()
    with pytest.raises(ValidationError):
        create_backup(workspace, admin, usb, password="")
    create_backup(workspace, admin, usb, password=SECRET)
    assert usb.exists()
    with workspace.reading() as s:
        from db.models import AuditEntry, Setting

        stored = s.get(Setting, backup_crypto.VERIFIER_KEY).value
        log = " ".join(f"{e.summary}{e.old}{e.new}" for e in s.query(AuditEntry))
    assert SECRET not in stored and SECRET not in log and "设置备份密码" in log


def test_the_command_line_backs_up_in_the_folder_and_encrypted_outside(workspace_dir, tmp_path,
                                                                       monkeypatch, capsys):
    from app.cli.main import main

    monkeypatch.setenv("QINGFENG_PASSWORD", "secret-pass")
    args = ["--data-dir", str(workspace_dir), "--user", "admin"]
    assert main(["backup", *args]) == 0
    assert [b.kind for b in list_backups(workspace_dir)] == ["manual"]
    monkeypatch.delenv(backup_crypto.PASSWORD_ENV, raising=False)
    usb = tmp_path / "外部" / "备份.qfbak"
    assert main(["backup", *args, "--out", str(usb)]) == 1  # no terminal, no password: refused
    assert "QINGFENG_BACKUP_PASSWORD" in capsys.readouterr().err and not usb.exists()
    monkeypatch.setenv(backup_crypto.PASSWORD_ENV, SECRET)
    assert main(["backup", *args, "--out", str(usb)]) == 0
    assert "加密" in capsys.readouterr().out and backup_crypto.is_container(usb)
    monkeypatch.setenv("QINGFENG_PASSWORD", "secret-pass")
    assert main(["backup", "--data-dir", str(workspace_dir), "--user", "editor"]) == 1
    assert "管理员" in capsys.readouterr().err


def test_as_of_does_not_date_backups(workspace_dir):
    ws = Workspace.open(workspace_dir, as_of=TODAY.replace(year=2030))
    try:
        info = backup_on_open(ws)
    finally:
        ws.close()
    assert info is not None and info.created.date() == dt.date.today()  # backups are real events


@pytest.mark.parametrize("weak", ["123456", "12345678", "abcdefgh", "清风台账清风台账", "Ab-1"])
def test_a_weak_backup_password_is_refused_with_the_rule_where_set_or_first_used(workspace, admin, tmp_path, weak):
    with pytest.raises(ValidationError) as refused, workspace.writing() as s:
        backup_crypto.set_backup_password(s, admin, weak)
    assert "至少 8 位" in refused.value.message and refused.value.field == "backup_password"
    with pytest.raises(ValidationError) as first_use:  # none registered: the first backup sets the bar
        create_backup(workspace, admin, tmp_path / "U盘" / "备份.qfbak", password=weak)
    assert first_use.value.message == refused.value.message
    assert not (tmp_path / "U盘" / "备份.qfbak").exists()


def test_a_backup_made_with_an_older_shorter_password_still_restores(workspace, admin, workspace_dir, tmp_path):
    """Backups written before the rule (six characters were enough) are not locked out."""
    from app.workspace.backups import manifest_of, read_head
    from db.backup import copy_sqlite

    _some_records(workspace, admin, tmp_path)
    snapshot = tmp_path / "snapshot.sqlite3"
    copy_sqlite(workspace.db_path, snapshot)
    head, revision = read_head(snapshot)
    old = tmp_path / "旧备份.qfbak"
    from app.workspace.backups import BackupInfo

    info = BackupInfo(old, "2025-06-01T10:00:00", head, revision, "external")
    backup_crypto.write_container(old, "123456", manifest_of(info), snapshot, [], kdf={"n": 2**14, "r": 8, "p": 1})
    staged = stage_backup(workspace_dir, old, "123456")
    try:
        assert staged.head == head
    finally:
        discard(staged)
