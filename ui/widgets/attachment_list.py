"""`AttachmentList`: a record's attachments in its dialog — 添加… · 打开 · 移除. Changes wait for the
dialog's save (`apply(session, record_id)` in its unit of work), so a cancelled dialog attaches
nothing and a new record gets its files once it has an id."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.attachments import (
    AttachmentRow,
    attach,
    attachments_of,
    detach,
    read_attachment,
    store_for,
)
from app.errors import QingfengError
from ui import messages

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.workspace import Workspace

ADD, OPEN, REMOVE = "添加…", "打开", "移除"
CHOOSE = "选择附件"
ALL_FILES = "所有文件 (*)"
PENDING = "{name}（保存后添加）"
SIZE = "{name}  {size}"
ROLE = Qt.ItemDataRole.UserRole  # an AttachmentRow, or the Path of a file to add


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


class AttachmentList(QWidget):
    changed = Signal()

    def __init__(self, ws: Workspace, actor: Actor, entity: str, *, read_only: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor, self.entity = ws, actor, entity
        self.to_add: list[Path] = []
        self.to_remove: list[AttachmentRow] = []
        self.list = QListWidget(self)
        self.list.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.buttons = {key: QPushButton(text, self) for key, text in (("add", ADD), ("open", OPEN),
                                                                        ("remove", REMOVE))}
        self.buttons["add"].clicked.connect(self.choose_files)
        self.buttons["open"].clicked.connect(self.open_selected)
        self.buttons["remove"].clicked.connect(self.remove_selected)
        side = QVBoxLayout()
        for button in self.buttons.values():
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list, 1)
        row.addLayout(side)
        self.read_only = read_only
        self.buttons["add"].setEnabled(not read_only)
        self.buttons["remove"].setEnabled(not read_only)

    def load(self, record_id: int | None) -> None:
        rows: list[AttachmentRow] = []
        if record_id is not None:
            with self.ws.reading() as session:
                rows = attachments_of(session, self.entity, record_id)
        self.list.clear()
        for row in rows:
            self._item(SIZE.format(name=row.filename, size=_size(row.size)), row)

    def count(self) -> int:
        return self.list.count()

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            self.to_add.append(Path(path))
            self._item(PENDING.format(name=Path(path).name), Path(path))
        self.changed.emit()

    def choose_files(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        names, _ = QFileDialog.getOpenFileNames(self, CHOOSE, str(Path.home()), ALL_FILES)
        self.add_files([Path(n) for n in names])

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        if item is None or self.read_only:
            return
        value = item.data(ROLE)
        if isinstance(value, Path):
            self.to_add.remove(value)
        else:
            self.to_remove.append(value)
        self.list.takeItem(self.list.row(item))
        self.changed.emit()

    def open_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        value = item.data(ROLE)
        if isinstance(value, Path):
            path = value
        else:
            try:
                with self.ws.reading() as session:
                    name, data = read_attachment(session, store_for(self.ws), value.id)
                path = Path(tempfile.mkdtemp(prefix="qingfeng-")) / name
                path.write_bytes(data)
            except (QingfengError, OSError) as exc:  # a missing file: the clerk is told
                messages.show_error(self, exc)
                return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def apply(self, session: Session, record_id: int, unit_id: int | None = None) -> None:
        """Writes the additions and removals in the caller's unit of work (audited)."""
        store = store_for(self.ws)
        for row in self.to_remove:
            detach(session, self.actor, row.id, unit_id)
        for path in self.to_add:
            attach(session, self.actor, store, self.entity, record_id, path, unit_id)

    def _item(self, text: str, value: object) -> None:
        item = QListWidgetItem(text)
        item.setData(ROLE, value)
        self.list.addItem(item)
