"""廉政档案 of a person: the basic facts, a period, and every record the office holds about them in
date order (position changes, talks, 报备, first-form entries, findings as 责任人), read off the
GUI thread; a double-click opens a record on its page; 导出 Word… writes the dossier from its
template (audited)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.progress import Progress
from app.registers.people import documents as people_documents
from app.registers.people import dossier as people_dossier
from app.vocab import bool_label
from ui import messages
from ui.models.columns import Column, RowsTableModel
from ui.widgets.filters import DateRangeFilter
from ui.widgets.rows_view import rows_view
from ui.workers import NewestRead, run_task

if TYPE_CHECKING:
    from pathlib import Path

    from app.auth import Actor
    from app.registers.people.types import PersonRow
    from app.workspace.facade import Workspace

TITLE = "廉政档案 — {person}"
G_FACTS = "基本情况"
FACTS = (("姓名", "name"), ("性别", "gender"), ("单位", "unit_name"), ("职务", "position"), ("职级", "rank"),
         ("政治面貌", "political_label"), ("班子成员", "is_leader"), ("重要岗位", "key_post"), ("工号", "staff_no"),
         ("状态", "active"))
PERIOD, ALL_SECTIONS = "期间", "全部类别"
LOADING, EMPTY = "正在读取…", "该期间没有记录。"
HINT = "双击一条记录可在其台账中打开。红色：迟报、影响期内、逾期或需转出。"
WORD, WORD_TITLE, WORD_FILTER = "导出 Word…", "导出廉政档案（Word）", "Word 文档 (*.docx)"
WORD_FILE, WORD_DONE = "廉政档案-{name}-{unit}-{day}.docx", "廉政档案已导出到："
CLOSE = "关闭"
RED = "#c0392b"
SECTION_COLOURS = {"positions": "#5b5b5b", "talks": "#1f4e79", "ceremonies": "#7a4b00", "ledger": "#6c2a86",
                   "duty": "#8b1a1a", "education": "#2e6b2e",
                   "findings": "#1e6b52"}



def _section_color(item: people_dossier.DossierItem) -> str | None:
    return SECTION_COLOURS.get(item.section)


def _warn_color(item: people_dossier.DossierItem) -> str | None:
    return RED if item.flag else None


COLUMNS = (
    Column("day", "日期", 84),
    Column("section_label", "类别", 96, color=_section_color),
    Column("kind", "事项", 120, tooltip=True, color=_warn_color),
    Column("summary", "内容", 400, tooltip=True, color=_warn_color),  # the last: it takes the spare width
)


class DossierDialog(QDialog):
    navigate_requested = Signal(str, dict)  # a record opened: its page and filters
    loaded = Signal()

    def __init__(self, ws: Workspace, actor: Actor, person: PersonRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor, self.person = ws, actor, person
        self.dossier: people_dossier.Dossier | None = None
        self._read = NewestRead(self)
        self.setWindowTitle(TITLE.format(person=person.display))
        today = ws.today()

        facts = QGroupBox(G_FACTS, self)
        grid = QGridLayout(facts)
        for n, (label, key) in enumerate(FACTS):
            value = getattr(person, key)
            text = (bool_label(value) if key == "is_leader" else ("在册" if value else "已停用") if key == "active"
                    else str(value or "—"))
            name = QLabel(f"{label}：", facts)
            name.setStyleSheet("color: #666;")
            shown = QLabel(text, facts)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(name, n // 5, (n % 5) * 2, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(shown, n // 5, (n % 5) * 2 + 1)
        self.period = DateRangeFilter(dt.date(today.year - 2, 1, 1), today, self)
        self.period.enabled_check.setText(PERIOD)
        self.section_combo = QComboBox(self)
        self.section_combo.addItem(ALL_SECTIONS, "")
        for key, label in people_dossier.SECTIONS.items():
            self.section_combo.addItem(label, key)
        self.summary_label = QLabel(LOADING, self)
        self.summary_label.setStyleSheet("font-weight: bold;")
        self.summary_label.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.period)
        bar.addWidget(self.section_combo)
        bar.addStretch(1)

        self.model = RowsTableModel(COLUMNS, parent=self)
        self.view = rows_view(self.model, self, single=True)
        self.view.doubleClicked.connect(lambda index: self._open(index.row()))
        self.view.activated.connect(lambda index: self._open(index.row()))
        hint = QLabel(HINT, self)
        hint.setStyleSheet("color: #666;")

        self.buttons = QDialogButtonBox(self)
        self.word_button = self.buttons.addButton(WORD, QDialogButtonBox.ButtonRole.ActionRole)
        self.word_button.setEnabled(not ws.read_only)  # the export leaves an audit row
        self.word_button.clicked.connect(self.export_word)
        self.buttons.addButton(CLOSE, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(facts)
        layout.addLayout(bar)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.period.changed.connect(self.reload)
        self.section_combo.currentIndexChanged.connect(lambda _i: self._show())
        self.resize(1080, 640)
        self.reload()

    # ---- reading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Reads the dossier for the period off the GUI thread."""
        self.summary_label.setText(LOADING)
        ws, actor, person_id, (start, end) = self.ws, self.actor, self.person.id, self.period.range()

        def work(_progress: Progress) -> people_dossier.Dossier:
            with ws.reading() as session:
                return people_dossier.person_dossier(session, actor, person_id, start=start, end=end, today=ws.today())

        self._read.run(work, on_done=self._loaded, on_error=self._failed)

    @property
    def is_loading(self) -> bool:
        return self._read.loading

    def _loaded(self, dossier: people_dossier.Dossier) -> None:
        self.dossier = dossier
        self._show()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.summary_label.setText(str(exc))
        messages.show_error(self, exc)

    def _show(self) -> None:
        if self.dossier is None:
            return
        section = self.section_combo.currentData()
        items = [i for i in self.dossier.items() if not section or i.section == section]
        self.model.set_rows(items)
        self.view.resizeRowsToContents()
        text = f"{self.dossier.period_text}：{self.dossier.summary}"
        text = text if self.dossier.items() else f"{self.dossier.period_text}：{EMPTY}"
        note = f"\n{self.dossier.scope_note}" if self.dossier.limited else ""  # what a limited user's leaves out
        self.summary_label.setText(text + note)

    def items(self) -> list[people_dossier.DossierItem]:
        return self.model.rows()

    def _open(self, row: int) -> None:
        item = self.model.row_at(row)
        if item is None:
            return
        self.accept()
        self.navigate_requested.emit(item.page, item.filters)

    # ---- the document ------------------------------------------------------------------------

    def export_word(self) -> None:
        p = self.person
        suggested = WORD_FILE.format(name=p.name, unit=p.unit_name, day=f"{self.ws.today():%Y%m%d}")
        path = messages.choose_save_path(self, WORD_TITLE, suggested, WORD_FILTER)
        if path is None:
            return
        self.write_word(path)

    def write_word(self, path: Path) -> None:
        """Writes the dossier of the period shown to `path` in the background (audited)."""
        if path.suffix.lower() != ".docx":
            path = path.with_suffix(".docx")
        ws, actor, person_id, (start, end) = self.ws, self.actor, self.person.id, self.period.range()

        def work(_progress: Progress) -> None:
            with ws.writing() as session:
                people_documents.export_dossier(session, actor, person_id, path, bureau=ws.settings.bureau_name,
                                   today=ws.today(), start=start, end=end)

        run_task(self, work, title=WORD_TITLE, on_done=lambda _r: messages.inform_file(self, WORD_DONE, path))
