"""The child of test_form_crash.py: a real window (offscreen) over a workspace folder, every form
open, a line typed into each as a clerk would (Tab to its first text field, the text through
the input method), then "typed" on stdout — and the event loop runs until the parent kills it.

    python -m tests.ui.form_crash_child FOLDER WORLD_JSON
"""
from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
)

from app.workspace.facade import Workspace  # noqa: E402
from tests.conftest import PASSWORD, TODAY  # noqa: E402
from tests.ui.forms_world import NOTHING_TO_KEEP, Keys, form_classes, open_form  # noqa: E402

TEXT = "崩溃前{name}"


def _to_text_field(keys: Keys) -> bool:
    for _ in range(80):
        focused = QApplication.focusWidget()
        if isinstance(focused, QPlainTextEdit) or (isinstance(focused, QComboBox) and focused.isEditable()) or (
                isinstance(focused, QLineEdit) and focused.echoMode() == QLineEdit.EchoMode.Normal
                and not focused.isReadOnly() and not isinstance(focused.parentWidget(), QAbstractSpinBox | QComboBox)):
            return True
        keys.press(Qt.Key.Key_Tab)
    return False


def main(folder: str, world_json: str) -> None:
    app = QApplication([])
    ws = Workspace.open(folder, as_of=TODAY)
    actor = ws.sign_in("admin", PASSWORD)
    world = json.loads(world_json)
    keys = Keys()
    opened = []
    for cls in form_classes():
        if cls.__name__ in NOTHING_TO_KEEP:
            continue
        dialog = open_form(cls, ws, actor, world)
        dialog.show()
        dialog.activateWindow()
        deadline = time.monotonic() + 3
        while not (QApplication.focusWidget() and dialog.isAncestorOf(QApplication.focusWidget())):
            app.processEvents()
            if time.monotonic() > deadline:
                break
        if _to_text_field(keys):
            keys.type(TEXT.format(name=cls.__name__))
        opened.append(dialog)
    print("typed", flush=True)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
