"""The audit chain finds an edited, a deleted and a truncated row, and records every write."""
from __future__ import annotations

import json
import sqlite3

import pytest

from app import audit
from app.cli.main import main as cli_main
from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.workspace.backups import create_backup
from app.workspace.facade import DB_FILENAME
from tests.helpers import execute_sql, query_sql


def _some_writes(ws, actor, n=5) -> None:
    with ws.writing() as s:
        unit = units_write.save_unit(s, actor, units_types.UnitDraft(name="办公室", kind="office"))
        for i in range(n):
            people_write.save_person(s, actor, people_types.PersonDraft(name=f"人员{i}", unit_id=unit))


def test_a_write_is_audited_with_old_and_new_values(workspace, editor):
    _some_writes(workspace, editor, 1)
    with workspace.reading() as s:
        (pid,) = people_query.search_people_ids(s, editor, people_types.PersonFilter())
    with workspace.writing() as s:
        person = people_query.get_person(s, pid)
        people_write.save_person(s, editor, people_types.PersonDraft(name="人员0", unit_id=person.unit_id, id=pid,
                                                   version=person.version, position="科长"))
    with workspace.reading() as s:
        from db.models import AuditEntry

        last = s.query(AuditEntry).order_by(AuditEntry.id.desc()).first()
        assert (last.user_name, last.action, last.entity, last.entity_id) == ("editor", "update", "people", str(pid))
        # The version the record had before is kept with the old values (what a stale form is told).
        assert json.loads(last.old) == {"position": "", "version": 1} and json.loads(last.new) == {"position": "科长"}
        assert audit.verify_chain(s).ok


def test_canonical_form_is_stable():
    import datetime as dt

    a = audit.canonical({"b": dt.date(2026, 3, 5), "a": "张三"})
    assert a == '{"a":"张三","b":"2026-03-05"}'


def test_edited_row_is_found(workspace, workspace_location, editor, capsys):
    _some_writes(workspace, editor)
    [(row_id,)] = query_sql(workspace, "SELECT id FROM audit_log WHERE new LIKE '%人员2%'")
    execute_sql(workspace, f"UPDATE audit_log SET new = replace(new, '人员2', '人员X') WHERE id = {row_id}")
    workspace.close()
    assert cli_main(["check", *workspace_location.cli_args]) == 1
    out = capsys.readouterr().out
    assert f"第 {row_id} 条" in out and "改动" in out


def test_deleted_row_is_found(workspace, workspace_location, editor, capsys):
    _some_writes(workspace, editor)
    execute_sql(workspace, "DELETE FROM audit_log WHERE id = 5")
    workspace.close()
    assert cli_main(["check", *workspace_location.cli_args]) == 1
    assert "第 5 条" in capsys.readouterr().out


def test_truncated_tail_is_found(workspace, workspace_location, editor, capsys):
    _some_writes(workspace, editor)
    execute_sql(workspace, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    workspace.close()
    assert cli_main(["check", *workspace_location.cli_args]) == 1
    assert "末尾" in capsys.readouterr().out


@pytest.mark.sqlite_only("anchors are heads recorded in SQLite file backups")
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


@pytest.mark.sqlite_only("anchors are heads recorded in SQLite file backups")
def test_intact_chain_passes_check_against_the_backups(workspace, workspace_dir, editor, admin, capsys):
    _some_writes(workspace, editor)
    create_backup(workspace, admin)
    workspace.close()
    assert cli_main(["check", "--data-dir", str(workspace_dir)]) == 0
    assert "核对一致" in capsys.readouterr().out


def test_intact_chain_passes_check(workspace, workspace_location, editor, capsys):
    _some_writes(workspace, editor)
    workspace.close()
    assert cli_main(["check", *workspace_location.cli_args]) == 0
    assert "操作日志链完整" in capsys.readouterr().out
