"""`AttachmentList`: a record's attachments in a form (扫描件, 承诺书…). Additions and removals
wait for the form's save: `changes()` goes into the record's draft and its service writes them
with the record, in one unit of work, so a cancelled form changes nothing and a file gone
missing fails the save with nothing written. The pending paths and removals travel in the
form's draft. Keyboard: the list, then 添加… (a file dialog), 移除 (or Delete in the list)."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
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
    FileChanges,
    attachments_of,
    is_executable,
    read_attachment,
    store_for,
    write_for_opening,
)
from app.errors import QingfengError
from ui import messages

if TYPE_CHECKING:
    from app.auth import Actor
    from app.workspace.facade import Workspace

ADD, REMOVE, OPEN = "添加…", "移除", "打开"
CHOOSE = "选择附件"
RISKY = ("“{name}”是可执行的文件类型，打开就会运行它（可能是病毒或恶意程序）。\n"
         "确认来源可靠再打开；只想查看内容时，请另存后用文本编辑器查看。是否仍要打开？")
OPEN_ANYWAY = "仍然打开"
ALL_FILES = "所有文件 (*)"
PENDING = "（待保存）"
ITEM_ROLE = Qt.ItemDataRole.UserRole


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


class AttachmentList(QWidget):
    changed = Signal()

    def __init__(self, ws: Workspace, actor: Actor, entity: str, parent: QWidget | None = None, *,
                 read_only: bool = False) -> None:
        super().__init__(parent)
        self.ws, self.actor, self.entity = ws, actor, entity
        self._existing: list[AttachmentRow] = []
        self._removed: set[int] = set()
        self._pending: list[Path] = []
        self.list = QListWidget(self)
        self.list.setFixedHeight(self.fontMetrics().height() * 3 + 8)
        self.list.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.list.installEventFilter(self)
        self.buttons = {}
        column = QVBoxLayout()
        column.setSpacing(2)
        for key, text, handler in (("add", ADD, self.choose), ("remove", REMOVE, self.remove_selected),
                                   ("open", OPEN, self.open_selected)):
            button = QPushButton(text, self)
            button.clicked.connect(handler)
            column.addWidget(button)
            self.buttons[key] = button
        column.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list, 1)
        row.addLayout(column)
        self.read_only = read_only
        if read_only:
            self.setEnabled(False)

    def load(self, record_id: int | None) -> None:
        """The record's saved attachments (none for a new record); pending changes dropped."""
        self._existing, self._removed, self._pending = [], set(), []
        if record_id is not None:
            with self.ws.reading() as session:
                self._existing = attachments_of(session, self.entity, record_id)
        self._refill()

    def count(self) -> int:
        """Attachments shown: saved ones not removed, plus pending ones."""
        return self.list.count()

    def pending_paths(self) -> list[str]:
        return [str(p) for p in self._pending]

    def set_pending(self, paths: Sequence[str]) -> None:
        self._pending = [Path(p) for p in paths if Path(p).is_file()]
        self._refill()

    def add_path(self, path: Path) -> None:
        self.add_files([path])

    def add_files(self, paths: Sequence[Path]) -> None:
        if self.read_only:
            return
        self._pending.extend(Path(p) for p in paths)
        self._refill()
        self.changed.emit()

    def choose(self) -> None:
        path = messages.choose_open_path(self, CHOOSE, ALL_FILES)
        if path is not None:
            self.add_path(path)

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        if item is None or self.read_only:
            return
        value = item.data(ITEM_ROLE)
        if isinstance(value, AttachmentRow):
            self._removed.add(value.id)
        else:
            self._pending = [p for p in self._pending if str(p) != value]
        self._refill()
        self.changed.emit()

    def open_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        value = item.data(ITEM_ROLE)
        if isinstance(value, AttachmentRow):
            open_attachment(self, self.ws, value.id)
            return
        path = Path(value)  # a file the clerk just chose on this PC
        if not is_executable(path.name) or messages.ask(self, RISKY.format(name=path.name), OPEN_ANYWAY):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def changes(self) -> FileChanges:
        """What the record's save is to add and remove (its service writes them)."""
        return FileChanges(store_for(self.ws), tuple(str(p) for p in self._pending), tuple(sorted(self._removed)))

    def draft_value(self) -> dict:
        return {"added": self.pending_paths(), "removed": sorted(self._removed)}

    def set_draft_value(self, value: object) -> None:
        if isinstance(value, dict):
            self._removed = {i for i in value.get("removed", []) if isinstance(i, int)}
            self.set_pending(value.get("added", []))

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _refill(self) -> None:
        self.list.clear()
        for row in self._existing:
            if row.id not in self._removed:
                item = QListWidgetItem(f"{row.filename}（{_size(row.size)}）")
                item.setData(ITEM_ROLE, row)
                self.list.addItem(item)
        for path in self._pending:
            item = QListWidgetItem(f"{path.name}{PENDING}")
            item.setData(ITEM_ROLE, str(path))
            self.list.addItem(item)

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802 — Qt override
        if (watched is self.list and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Delete):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 — Qt override (read-only forms)
        for key in ("add", "remove"):
            self.buttons[key].setEnabled(enabled)
        self.list.setEnabled(True)


def open_attachment(parent: QWidget, ws: Workspace, attachment_id: int) -> Path | None:
    """Shows an attachment: its content written under its safe name into a new temporary folder
    (app.attachments.write_for_opening), then opened with the program the PC uses for the type;
    an executable type only after a warning naming the file. Returns what was opened."""
    try:
        with ws.reading() as session:
            name, data = read_attachment(session, store_for(ws), attachment_id)
        if is_executable(name) and not messages.ask(parent, RISKY.format(name=name), OPEN_ANYWAY):
            return None
        path = write_for_opening(name, data)
    except (QingfengError, OSError) as exc:  # a missing file: the clerk is told
        messages.show_error(parent, exc)
        return None
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return path
