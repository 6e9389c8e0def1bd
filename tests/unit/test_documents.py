"""app.documents.render_docx: the Word file appears whole or not at all."""
from __future__ import annotations

import pytest
from docx import Document

from app.documents import docx_path, render_docx
from app.errors import ValidationError

CONTEXT = {"bureau": "测试局", "year": 2026, "unit_name": "", "entries": [], "today": "2026年6月15日"}


def test_the_file_is_written_whole_and_nothing_is_left_beside_it(tmp_path):
    out = tmp_path / "台账.docx"
    out.write_bytes(b"an older export")
    render_docx("first_form_ledger.docx", CONTEXT, out)
    assert Document(str(out)).tables  # the new document replaced the old bytes
    assert [p.name for p in tmp_path.iterdir()] == ["台账.docx"]


def test_a_failed_move_leaves_the_target_as_it_was_and_no_part_file(tmp_path):
    out = tmp_path / "台账.docx"
    out.mkdir()  # something that cannot be replaced by a file
    (out / "keep.txt").write_text("kept", "utf-8")
    with pytest.raises(ValidationError, match="是一个文件夹"):  # in words, not an OSError
        render_docx("first_form_ledger.docx", CONTEXT, out)
    assert (out / "keep.txt").read_text("utf-8") == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["台账.docx"]


def test_only_a_docx_name_is_accepted():
    with pytest.raises(ValidationError, match=r"\.docx 结尾") as caught:
        docx_path("台账.doc")
    assert caught.value.field == "out"
