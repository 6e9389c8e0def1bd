"""Attachment names are never trusted: made safe on the way in and out, and a file opened for
viewing is written only inside its own temporary folder, whatever name the database holds (on a
server the clerks' role may set it)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from app import attachments
from app.attachments import is_executable, safe_filename, write_for_opening
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from tests.helpers import execute_sql

EVIL = ["../../evil.sh", "/tmp/x/autostart.sh", "C:\\x.bat", "..\\..\\Startup\\a.bat", "a\x00b.sh",
        "../../../../../../etc/cron.d/x", "con.txt", "\u202egnp.exe"]


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")} if folder.exists() else set()


def test_stored_names_are_opened_only_inside_their_own_temporary_folder(workspace, admin, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))  # the temporary folders of this test, watched whole
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", None)
    source = tmp_path / "笔录.txt"
    source.write_text("谈话笔录", "utf-8")
    with workspace.writing() as s:
        unit = units_write.save_unit(s, admin, units_types.UnitDraft(name="办公室", kind="office"))
        person = people_write.save_person(s, admin, people_types.PersonDraft(name="张三", unit_id=unit))
        ids = [attachments.attach(s, admin, attachments.store_for(workspace), "people", person, source)
               for _ in EVIL]
    for attachment_id, name in zip(ids, EVIL, strict=True):  # the names set behind the program's back
        quoted = name.replace("\x00", "").replace("'", "''")
        execute_sql(workspace, f"UPDATE attachments SET filename = '{quoted}' WHERE id = {attachment_id}")
    before = _files_under(tmp_path) - _files_under(tmp_path / "tmp")
    opened = []
    for attachment_id in ids:
        with workspace.reading() as s:
            name, data = attachments.read_attachment(s, attachments.store_for(workspace), attachment_id)
        path = write_for_opening(name, data)
        opened.append(path)
        assert path.parent.parent == (tmp_path / "tmp").resolve()  # one new folder per file, inside TMPDIR
        assert path.read_text("utf-8") == "谈话笔录"
        assert "/" not in path.name and "\\" not in path.name and "\x00" not in path.name
    assert [p.name for p in opened] == ["evil.sh", "autostart.sh", "x.bat", "a.bat", "ab.sh", "x", "_con.txt",
                                        "gnp.exe"]
    assert _files_under(tmp_path) - _files_under(tmp_path / "tmp") == before  # nothing written elsewhere
    assert not Path("/tmp/x/autostart.sh").exists() and not (tmp_path / "evil.sh").exists()
    assert not (Path.cwd() / "evil.sh").exists()
    assert [is_executable(n) for n in EVIL] == [True, True, True, True, True, False, False, True]


def test_a_name_is_made_safe_on_the_way_in(workspace, admin, tmp_path):
    weird = tmp_path / ("报告" + "长" * 300 + ".docx")
    try:
        weird.write_bytes(b"x")
    except OSError:  # the file system's own limit is below ours
        weird = tmp_path / ("报告" + "长" * 70 + ".docx")
        weird.write_bytes(b"x")
    with workspace.writing() as s:
        unit = units_write.save_unit(s, admin, units_types.UnitDraft(name="办公室", kind="office"))
        attached = attachments.attach(s, admin, attachments.store_for(workspace), "units", unit, weird)
        (row,) = attachments.attachments_of(s, "units", unit)
    assert row.id == attached and row.filename.endswith(".docx") and len(row.filename) <= attachments.MAX_NAME


@pytest.mark.parametrize(("written", "safe"), [
    ("正常 文件.pdf", "正常 文件.pdf"), ("..", "附件"), ("   ", "附件"), (".bashrc", "bashrc"),
    ("报告.", "报告"), ("a<b>c.txt", "a_b_c.txt"), ("PRN", "_PRN"), ("D:\\文件\\笔录.doc", "笔录.doc"),
])
def test_safe_filename(written: str, safe: str):
    assert safe_filename(written) == safe
    assert os.sep not in safe_filename(written)
