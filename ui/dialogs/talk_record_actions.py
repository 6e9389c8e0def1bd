"""One talk's 谈话记录表: print preview (A4 portrait) and Word export, from the page or the dialog.
Both are audited; both read the record as saved."""
from __future__ import annotations

from typing import TYPE_CHECKING

from app.progress import Progress
from app.registers.talks import write as svc
from app.registers.talks.documents import (
    export_talk_record,
    record_html,
    record_printed,
)
from ui import messages, printing
from ui.workers import run_task

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.auth import Actor
    from app.workspace.facade import Workspace

WORD_TITLE = "导出谈话记录表（Word）"
WORD_FILTER = "Word 文档 (*.docx)"
WORD_FILE = "谈话记录表-{name}-{day}.docx"
WORD_DONE = "谈话记录表已导出到："
PREVIEW = "谈话记录表"


def print_record(parent: QWidget, ws: Workspace, actor: Actor, talk_id: int) -> bool:
    """The print preview of the record (the one preview, A4 portrait); True (and an audit row)
    when it was printed."""
    with ws.reading() as session:
        row = svc.get_talk(session, talk_id)
    if not printing.preview(parent, PREVIEW, record_html(row, ws.settings.bureau_name), portrait=True):
        return False
    if not ws.read_only:
        with ws.writing() as session:
            record_printed(session, actor, row)
    return True


def export_word(parent: QWidget, ws: Workspace, actor: Actor, talk_id: int) -> None:
    """Asks where, then writes the .docx in the background and offers its folder."""
    with ws.reading() as session:
        row = svc.get_talk(session, talk_id)
    name = row.talkees[0].name if row.talkees else str(talk_id)
    suggested = WORD_FILE.format(name=name, day=f"{row.talk_date:%Y%m%d}")
    path = messages.choose_save_path(parent, WORD_TITLE, suggested, WORD_FILTER)
    if path is None:
        return
    if path.suffix.lower() != ".docx":
        path = path.with_suffix(".docx")
    bureau = ws.settings.bureau_name

    def work(_progress: Progress) -> None:
        with ws.writing() as session:
            export_talk_record(session, actor, talk_id, path, bureau)

    run_task(parent, work, title=WORD_TITLE, on_done=lambda _r: messages.inform_file(parent, WORD_DONE, path),
             on_error=lambda exc: messages.show_error(parent, exc))
