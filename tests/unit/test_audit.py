"""The audit chain finds an edited, a deleted and a truncated row, and records every write."""
from __future__ import annotations

import json
import sqlite3

from app import audit
from app.backups import create_backup
from app.cli import main as cli_main
from app.services import people as svc
from app.workspace import DB_FILENAME


def _some_writes(ws, actor, n=5) -> None:
    with ws.writing() as s:
        unit = svc.save_unit(s, actor, svc.UnitDraft(name="办公室", kind="office"))
        for i in range(n):
            svc.save_person(s, actor, svc.PersonDraft(name=f"人员{i}", unit_id=unit))


def _sql(ws_dir, statement: str) -> None:
    conn = sqlite3.connect(ws_dir / DB_FILENAME)
    conn.execute(statement)
    conn.commit()
    conn.close()


def test_a_write_is_audited_with_old_and_new_values(workspace, editor):
    _some_writes(workspace, editor, 1)
    with workspace.reading() as s:
        (pid,) = svc.search_people_ids(s, editor, svc.PersonFilter())
    with workspace.writing() as s:
        person = svc.get_person(s, pid)
        svc.save_person(s, editor, svc.PersonDraft(name="人员0", unit_id=person.unit_id, id=pid,
                                                   version=person.version, position="科长"))
    with workspace.reading() as s:
        from db.models import AuditEntry

        last = s.query(AuditEntry).order_by(AuditEntry.id.desc()).first()
        assert (last.user_name, last.action, last.entity, last.entity_id) == ("editor", "update", "people", str(pid))
        assert json.loads(last.old) == {"position": ""} and json.loads(last.new) == {"position": "科长"}
        assert audit.verify_chain(s).ok


def test_canonical_form_is_stable():
    import datetime as dt

    a = audit.canonical({"b": dt.date(2026, 3, 5), "a": "张三"})
    assert a == '{"a":"张三","b":"2026-03-05"}'


def test_edited_row_is_found(workspace, workspace_dir, editor, capsys):
    _some_writes(workspace, editor)
    workspace.close()
    conn = sqlite3.connect(workspace_dir / DB_FILENAME)
    (row_id,) = conn.execute("SELECT id FROM audit_log WHERE new LIKE '%人员2%'").fetchone()
    conn.close()
    _sql(workspace_dir, f"UPDATE audit_log SET new = replace(new, '人员2', '人员X') WHERE id = {row_id}")
    assert cli_main(["check", "--data-dir", str(workspace_dir)]) == 1
    out = capsys.readouterr().out
    assert f"第 {row_id} 条" in out and "改动" in out


def test_deleted_row_is_found(workspace, workspace_dir, editor, capsys):
    _some_writes(workspace, editor)
    workspace.close()
    _sql(workspace_dir, "DELETE FROM audit_log WHERE id = 5")
    assert cli_main(["check", "--data-dir", str(workspace_dir)]) == 1
    assert "第 5 条" in capsys.readouterr().out


def test_truncated_tail_is_found(workspace, workspace_dir, editor, capsys):
    _some_writes(workspace, editor)
    workspace.close()
    _sql(workspace_dir, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    assert cli_main(["check", "--data-dir", str(workspace_dir)]) == 1
    assert "末尾" in capsys.readouterr().out


def test_truncated_tail_with_a_rewritten_head_is_found_by_the_backup(workspace, workspace_dir, editor, admin, capsys):
    _some_writes(workspace, editor)
    info = create_backup(workspace, admin)
    workspace.close()
    # A careful tamperer removes the last rows and rewrites the head to match.
    conn = sqlite3.connect(workspace_dir / DB_FILENAME)
    keep = info.head.last_id - 3
    conn.execute("DELETE FROM audit_log WHERE id > ?", (keep,))
    last_hash = conn.execute("SELECT hash FROM audit_log WHERE id = ?", (keep,)).fetchone()[0]
    conn.execute("UPDATE audit_head SET last_id = ?, hash = ?", (keep, last_hash))
    conn.commit()
    conn.close()
    assert cli_main(["check", "--data-dir", str(workspace_dir)]) == 1
    out = capsys.readouterr().out
    assert info.path.name in out and "截断" in out


def test_intact_chain_passes_check(workspace, workspace_dir, editor, admin, capsys):
    _some_writes(workspace, editor)
    create_backup(workspace, admin)
    workspace.close()
    assert cli_main(["check", "--data-dir", str(workspace_dir)]) == 0
    assert "核对一致" in capsys.readouterr().out
