"""新版本说明: after an upgrade, once per user, the notes of the releases they have not seen
(app/release_notes.py decides which); and from 帮助 › 新版本说明, all of them."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import release_notes as notes
from app.errors import QingfengError
from app.version import VERSION
from ui.help.document import new_document

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

log = logging.getLogger(__name__)

TITLE_NEW = "清风台账已更新到 {version}"
TITLE_ALL = "新版本说明"
INTRO = "# 这一版有什么新变化\n\n以下说明只在更新后显示一次；以后可在“帮助 › 新版本说明”中再看。\n\n"
ALL_INTRO = "# 新版本说明\n\n"
SECTION = "## {version}（{day}）\n\n{body}\n"
OK = "知道了"


def notes_markdown(releases: list[notes.Release], intro: str) -> str:
    return intro + "\n".join(SECTION.format(version=r.version, day=f"{r.released_on:%Y年%m月%d日}", body=r.markdown)
                             for r in releases)


class ReleaseNotesDialog(QDialog):
    def __init__(self, releases: list[notes.Release], *, title: str, intro: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.releases = releases
        self.setWindowTitle(title)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        document = new_document(notes_markdown(releases, intro), font=self.font())
        document.setParent(self.browser)
        self.browser.setDocument(document)
        buttons = QDialogButtonBox(self)
        buttons.addButton(OK, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(720, 520)


def unseen_notes(ws: Workspace, actor: Actor, parent: QWidget | None = None) -> ReleaseNotesDialog | None:
    """The dialog of what `actor` has not seen since the upgrade (None: nothing new, or a
    read-only workspace, which could not remember that it was shown)."""
    if ws.read_only:
        return None
    with ws.reading() as session:
        fresh = notes.unseen(session, actor)
    if not fresh:
        return None
    return ReleaseNotesDialog(fresh, title=TITLE_NEW.format(version=VERSION), intro=INTRO, parent=parent)


def show_once(parent: QWidget, ws: Workspace, actor: Actor) -> bool:
    """After sign-in: the notes of the upgrade, once; True when they were shown."""
    dialog = unseen_notes(ws, actor, parent)
    if dialog is None:
        return False
    dialog.exec()
    try:
        with ws.writing() as session:
            notes.mark_seen(session, actor)
    except QingfengError as exc:  # e.g. the server went away: shown again next time
        log.warning("release notes not marked as seen: %s", exc)
    return True


def all_notes(parent: QWidget | None = None) -> ReleaseNotesDialog:
    return ReleaseNotesDialog(notes.releases(), title=TITLE_ALL, intro=ALL_INTRO, parent=parent)
