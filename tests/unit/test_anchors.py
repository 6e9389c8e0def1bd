"""Anchors outside the workspace: the 校验码 (row id and 16 base32 characters of its hash) that
encrypted backups print, the report and the archive record; `check --head ID:HASH` and
`check --anchor FILE.qfbak` hold the chain against them; on a server each PC keeps the last
head it saw and warns at sign-in when the chain no longer holds it."""
from __future__ import annotations

import sqlite3

import pytest

from app import audit
from app.cli.main import main as cli_main
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.workspace.facade import DB_FILENAME
from db import chain
from tests.conftest import PASSWORD
from tests.helpers import execute_sql, query_sql

SECRET = "备份口令-2026"


def _writes(ws, actor, n: int, prefix: str = "科室") -> None:  # noqa: ANN001
    with ws.writing() as s:
        for i in range(n):
            units_write.save_unit(s, actor, units_types.UnitDraft(name=f"{prefix}{i}", kind="office"))


def test_a_code_is_an_id_and_80_bits_of_the_hash_and_reads_back_as_written():
    hashed = "ab" * 32
    code = chain.code_of(1234, hashed)
    number, prefix = code.split(":")
    assert number == "1234" and len(prefix) == 16 and prefix.isalnum() and prefix.isupper()
    spaced = f" 1234：{prefix[:4].lower()}-{prefix[4:8]} {prefix[8:]} "
    parsed = audit.ChainHead.from_code(spaced)
    assert parsed is not None and parsed.last_id == 1234 and parsed.matches(hashed)
    assert not parsed.matches("cd" * 32)
    assert audit.ChainHead.from_code("1234:ABCDEFGH") is None  # too short to trust


def test_check_holds_the_chain_against_a_written_down_code(workspace, workspace_location, admin, capsys):
    _writes(workspace, admin, 3)
    with workspace.reading() as s:
        code = audit.current_head(s).code
    _writes(workspace, admin, 2, "处室")
    workspace.close()
    assert cli_main(["check", *workspace_location.cli_args, "--head", code]) == 0
    assert f"已与校验码 {code}" in capsys.readouterr().out
    last_id, prefix = code.split(":")
    forged = f"{last_id}:{'A' * 16 if prefix[0] != 'A' else 'B' * 16}"
    assert cli_main(["check", *workspace_location.cli_args, "--head", forged]) == 1
    assert f"操作日志第 {last_id} 条与「校验码 {forged}」记录的不一致" in capsys.readouterr().out
    assert cli_main(["check", *workspace_location.cli_args, "--head", "12:ABC"]) == 1
    assert "格式不对" in capsys.readouterr().err


@pytest.mark.sqlite_only("encrypted backups are of a SQLite workspace")
def test_an_encrypted_backup_prints_its_code_and_anchors_the_chain_when_backups_are_gone(
        workspace, workspace_dir, admin, tmp_path, monkeypatch, capsys):
    """Rows after the backup cut, the head fixed up and backups/ deleted: the folder holds no
    anchor any more, but the encrypted copy on the USB stick and the code on paper still do."""
    _writes(workspace, admin, 3)
    workspace.close()
    usb = tmp_path / "U盘" / "备份.qfbak"
    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)
    monkeypatch.setenv("QINGFENG_BACKUP_PASSWORD", SECRET)
    assert cli_main(["backup", "--data-dir", str(workspace_dir), "--user", "admin", "--out", str(usb)]) == 0
    printed = capsys.readouterr().out
    code = printed.split("校验码：")[1].split()[0]
    assert audit.ChainHead.from_code(code) is not None and "抄在备份登记簿上" in printed
    assert cli_main(["check", "--data-dir", str(workspace_dir), "--anchor", str(usb)]) == 0
    assert "已与备份“备份.qfbak”" in capsys.readouterr().out

    anchored = int(code.split(":")[0])
    conn = sqlite3.connect(workspace_dir / DB_FILENAME)
    keep = anchored - 2
    conn.execute("DELETE FROM audit_log WHERE id > ?", (keep,))
    (last_hash,) = conn.execute("SELECT hash FROM audit_log WHERE id = ?", (keep,)).fetchone()
    conn.execute("UPDATE audit_head SET last_id = ?, hash = ?", (keep, last_hash))
    conn.commit()
    conn.close()
    for old in (workspace_dir / "backups").glob("*"):
        old.unlink()
    assert cli_main(["check", "--data-dir", str(workspace_dir), "--anchor", str(usb)]) == 1
    assert "「备份“备份.qfbak”」记录的操作日志到第" in capsys.readouterr().out
    assert cli_main(["check", "--data-dir", str(workspace_dir), "--head", code]) == 1
    assert "末尾被截断" in capsys.readouterr().out
    monkeypatch.setenv("QINGFENG_BACKUP_PASSWORD", SECRET + "?")
    assert cli_main(["check", "--data-dir", str(workspace_dir), "--anchor", str(usb)]) == 1
    assert "备份密码不正确" in capsys.readouterr().err


def test_a_server_pc_remembers_the_head_it_saw_and_warns_when_the_chain_lost_it(
        workspace, workspace_location, admin, tmp_path, monkeypatch):
    if workspace.is_sqlite:
        pytest.skip("a SQLite workspace is anchored by its backups")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # this PC's config folder
    _writes(workspace, admin, 3)
    workspace.sign_in("admin", PASSWORD)
    assert workspace.anchor_warning == ""
    remembered = list((tmp_path / "config").rglob("qingfeng-heads.json"))
    assert len(remembered) == 1 and PASSWORD not in remembered[0].read_text("utf-8")
    [(seen,)] = query_sql(workspace, "SELECT last_id FROM audit_head")
    _writes(workspace, admin, 1, "处室")
    workspace.sign_in("editor", PASSWORD)
    assert workspace.anchor_warning == ""  # the chain grew: it still holds what this PC saw
    # Someone with the owner's role cuts the tail back below what the PC saw and fixes the head.
    keep = seen - 2  # the sign-in and the last unit's row
    execute_sql(workspace, "ALTER TABLE audit_log DISABLE TRIGGER audit_log_link")
    execute_sql(workspace, f"DELETE FROM audit_log WHERE id > {keep}")
    execute_sql(workspace, f"UPDATE audit_head SET last_id = {keep}, "
                           f"hash = (SELECT hash FROM audit_log WHERE id = {keep})")
    execute_sql(workspace, "ALTER TABLE audit_log ENABLE TRIGGER audit_log_link")
    workspace.sign_in("editor", PASSWORD)
    assert "已不再包含这一条" in workspace.anchor_warning and "校验码" in workspace.anchor_warning
    [(action,)] = query_sql(workspace, "SELECT action FROM audit_log WHERE action = 'anchor_mismatch'")
    workspace.sign_in("editor", PASSWORD)
    assert workspace.anchor_warning == ""  # one warning per break; the 操作日志 keeps it
