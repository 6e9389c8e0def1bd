"""Opening an attachment from the window: an executable type only after a warning naming the
file; what is opened is the safe name inside a temporary folder, never the stored name."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from app import attachments
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from tests.helpers import execute_sql
from ui.widgets.attachment_list import open_attachment


def test_an_executable_attachment_opens_only_after_a_warning_naming_it(qtbot, workspace, admin, tmp_path,
                                                                          monkeypatch, shown_messages):
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    source = tmp_path / "说明.txt"
    source.write_text("echo hi", "utf-8")
    with workspace.writing() as s:
        unit = units_write.save_unit(s, admin, units_types.UnitDraft(name="办公室", kind="office"))
        script = attachments.attach(s, admin, attachments.store_for(workspace), "units", unit, source)
        text = attachments.attach(s, admin, attachments.store_for(workspace), "units", unit, source)
    execute_sql(workspace, f"UPDATE attachments SET filename = '..\\..\\Startup\\启动.bat' WHERE id = {script}")
    parent = QWidget()
    qtbot.addWidget(parent)

    shown_messages.answers = [False]
    assert open_attachment(parent, workspace, script) is None and opened == []
    assert "“启动.bat”是可执行的文件类型" in shown_messages.texts("ask")[-1]

    shown_messages.answers = [True]
    path = open_attachment(parent, workspace, script)
    assert opened == [str(path)] and path.name == "启动.bat" and path.parent.name.startswith("qingfeng-")

    asked = len(shown_messages.texts("ask"))
    shown = open_attachment(parent, workspace, text)  # a plain document opens without asking
    assert Path(opened[-1]) == shown and len(shown_messages.texts("ask")) == asked
