"""报告 › 年度归档: the years that have ended, what each holds and whether it is closed; an
administrator closes a year (its ledgers become read-only) or, with a reason, reopens it; anyone
who may read exports a year's filed files as one folder. Below: the corrections made to the
selected year after it was closed (each audited as 归档后更正)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.auth import Role
from app.registry import ENTRIES
from app.reports import archive_years as svc
from app.vocab import ENTITY_LABELS
from ui import messages
from ui.dialogs.form import NOTE_STYLE, FormDialog
from ui.models.columns import CENTER, Column, RowsTableModel
from ui.widgets.rows_view import rows_view
from ui.workers import run_task

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.workspace.facade import Workspace

NOTE = ("归档后，该年度的{registers}转为只读（问题整改含当年发现或销号的）：录入员不能再修改；"
        "管理员更正需填写原因，记入操作日志并在下方列出。").format(
    registers="、".join(e.title for e in ENTRIES if e.years))
CLOSE, REOPEN, EXPORT, REPORT = "归档所选年度", "取消归档…", "导出归档文件夹…", "查看年度报告"
ASK_CLOSE = "归档 {year} 年度？\n\n{counts}\n\n归档后该年度的台账只读，更正需管理员填写原因。"
DRAFTS_WARNING = "\n\n注意：该年度还有 {n} 条风险点评估是草稿（未确认），归档后只能由管理员更正。"
CLOSED_DONE = "{year} 年度已归档。"
REOPEN_TITLE = "取消 {year} 年度归档"
L_REASON = "原因"
REASON_HINT = "如：发现漏录的谈话记录，需补录"
EXPORT_TITLE, EXPORT_FOLDER = "导出年度归档", "选择存放归档文件夹的位置"
EXPORTED = "已导出 {year} 年度归档（{n} 项）。"
CORRECTIONS = "{year} 年度归档后的更正（{n} 条）"
NO_SELECTION = "请先选择年度。"
STATE_CLOSED, STATE_OPEN = "已归档", "未归档"


def _state(row: svc.YearStatus) -> str:
    if not row.closed:
        return STATE_OPEN
    when = f" {row.closed_at:%Y-%m-%d}" if row.closed_at else ""
    return f"{STATE_CLOSED}（{row.closed_by}{when}）"


YEAR_COLUMNS = (
    Column("year", "年度", 60, CENTER, format=str),
    Column("state", "状态", 200, value=_state),
    Column("risk_drafts", "风险点草稿", 90, CENTER, format=lambda n: str(n) if n else ""),
    Column("corrections", "归档后更正", 90, CENTER, format=lambda n: str(n) if n else ""),
    Column("summary", "包含", 300, value=lambda r: "，".join(f"{label} {n}" for label, n in r.counts if n),
           tooltip=True, stretch=True),
)
# What the selected year holds, one register's figure a row (app/registry.py: every register).
COUNT_COLUMNS = (
    Column("label", "台账", 130, value=lambda r: r[0]),
    Column("count", "记录（条）", 80, CENTER, value=lambda r: r[1], format=str),
)
COUNTS = "{year} 年度的台账"


CORRECTION_COLUMNS = (
    Column("at", "时间", 140),
    Column("user_name", "用户", 80),
    Column("entity", "对象", 100, format=lambda e: ENTITY_LABELS.get(e, e)),
    Column("entity_id", "编号", 60, CENTER),
    Column("reason", "更正原因", 300, stretch=True),
)


class ReopenDialog(FormDialog):
    """取消归档 with a reason (kept in the audit log)."""

    def __init__(self, ws: Workspace, actor: Actor, year: int, parent: QWidget | None = None) -> None:
        super().__init__(ws, actor, REOPEN_TITLE.format(year=year), parent)
        self.year = year
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText(REASON_HINT)
        self.add_row(L_REASON, self.reason_edit, "reason")
        self.finish_layout()
        self.resize(460, self.sizeHint().height())

    def save_record(self, session: Session) -> int:
        svc.reopen_year(session, self.actor, self.year, self.reason_edit.text())
        return self.year


class ArchiveTab(QWidget):
    report_requested = Signal(int)  # the year whose report the clerk wants to see

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor = ws, actor
        self._loading = False
        admin = actor.role >= Role.ADMIN and not ws.read_only
        note = QLabel(NOTE, self)
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        self.close_button, self.reopen_button = QPushButton(CLOSE, self), QPushButton(REOPEN, self)
        self.export_button, self.report_button = QPushButton(EXPORT, self), QPushButton(REPORT, self)
        for button in (self.close_button, self.reopen_button):
            button.setVisible(admin)
        self.model = RowsTableModel(YEAR_COLUMNS, parent=self)
        self.table = rows_view(self.model, self, single=True)
        self.counts_label = QLabel(self)
        self.counts_model = RowsTableModel(COUNT_COLUMNS, parent=self)
        self.counts = rows_view(self.counts_model, self, single=True)
        self.corrections_label = QLabel(self)
        self.corrections_model = RowsTableModel(CORRECTION_COLUMNS, parent=self)
        self.corrections = rows_view(self.corrections_model, self, single=True)
        bar = QHBoxLayout()
        for button in (self.close_button, self.reopen_button, self.export_button, self.report_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(bar)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 5 + 30)  # 5 years shown
        layout.addWidget(self.table, 1)
        below = QHBoxLayout()
        counts, corrections = QVBoxLayout(), QVBoxLayout()
        counts.addWidget(self.counts_label)
        counts.addWidget(self.counts)
        corrections.addWidget(self.corrections_label)
        corrections.addWidget(self.corrections)
        below.addLayout(counts, 1)
        below.addLayout(corrections, 3)
        layout.addLayout(below, 4)
        self.close_button.clicked.connect(self.close_selected)
        self.reopen_button.clicked.connect(self.reopen_selected)
        self.export_button.clicked.connect(lambda: self.export_selected())
        self.report_button.clicked.connect(self._open_report)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._selection_changed())
        self.refresh()

    # ---- data ------------------------------------------------------------------------------

    def is_ready(self) -> bool:
        return not self._loading

    def refresh(self, select_year: int | None = None) -> None:
        ws, actor, today = self.ws, self.actor, self.ws.today()
        current = select_year if select_year is not None else self.selected_year()

        def work(_progress):  # noqa: ANN001, ANN202
            with ws.reading() as session:
                return svc.list_archive_years(session, actor, today), svc.list_corrections(session, actor)

        def done(result) -> None:  # noqa: ANN001
            years, corrections = result
            self._corrections = corrections
            self.model.set_rows(years)
            rows = [r.year for r in years]
            self.table.selectRow(rows.index(current) if current in rows else 0)
            self._selection_changed()
            self._loading = False

        def failed(exc: BaseException) -> None:
            self._loading = False
            messages.show_error(self, exc)

        self._loading = True
        run_task(self, work, on_done=done, on_error=failed)

    def selected(self) -> svc.YearStatus | None:
        return self.model.row_at(self.table.currentIndex())

    def selected_year(self) -> int | None:
        row = self.selected()
        return row.year if row else None

    def _selection_changed(self) -> None:
        row = self.selected()
        self.close_button.setEnabled(row is not None and not row.closed)
        self.reopen_button.setEnabled(row is not None and row.closed)
        self.export_button.setEnabled(row is not None and not self.ws.read_only)  # the export is audited
        self.report_button.setEnabled(row is not None)
        self.counts_model.set_rows(list(row.counts) if row else [])
        self.counts_label.setText(COUNTS.format(year=row.year) if row else "")
        shown = [c for c in getattr(self, "_corrections", []) if row is not None and c.year == row.year]
        self.corrections_model.set_rows(shown)
        self.corrections_label.setText(CORRECTIONS.format(year=row.year, n=len(shown)) if row else "")

    # ---- actions ---------------------------------------------------------------------------

    def close_selected(self) -> bool:
        from app.errors import QingfengError

        row = self.selected()
        if row is None or row.closed:
            return False
        counts = "；".join(f"{label} {n} 条" for label, n in row.counts)
        text = ASK_CLOSE.format(year=row.year, counts=counts)
        if row.risk_drafts:
            text += DRAFTS_WARNING.format(n=row.risk_drafts)
        if not messages.ask(self, text, CLOSE):
            return False
        try:
            with self.ws.writing() as session:
                svc.close_year(session, self.actor, row.year, self.ws.today())
        except QingfengError as exc:
            messages.warn(self, str(exc))
            return False
        self.refresh(row.year)
        messages.inform(self, CLOSED_DONE.format(year=row.year))
        return True

    def reopen_selected(self) -> ReopenDialog | None:
        row = self.selected()
        if row is None or not row.closed:
            return None
        dialog = ReopenDialog(self.ws, self.actor, row.year, self)
        dialog.accepted.connect(lambda: self.refresh(row.year))
        dialog.open()
        return dialog

    def export_selected(self, parent_folder: Path | None = None) -> None:
        from PySide6.QtWidgets import QFileDialog

        from app.reports.archive_export import export_archive, record_archive_export

        year = self.selected_year()
        if year is None:
            messages.warn(self, NO_SELECTION)
            return
        if parent_folder is None:
            chosen = QFileDialog.getExistingDirectory(self, EXPORT_FOLDER, str(Path.home()))
            if not chosen:
                return
            parent_folder = Path(chosen)
        ws, actor, bureau, today = self.ws, self.actor, self.ws.settings.bureau_name, self.ws.today()

        def work(progress):  # noqa: ANN001, ANN202
            with ws.reading() as session:  # minutes for a large year: nobody's saves wait meanwhile
                result = export_archive(session, actor, year, parent_folder, bureau=bureau, today=today,
                                        progress=progress)
            with ws.writing() as session:
                record_archive_export(session, actor, year, result)
            return result

        def done(result) -> None:  # noqa: ANN001
            messages.inform_file(self, EXPORTED.format(year=year, n=len(result.files)),
                                 result.folder / "归档清单.txt")

        run_task(self, work, on_done=done, title=EXPORT_TITLE)

    def _open_report(self) -> None:
        year = self.selected_year()
        if year is not None:
            self.report_requested.emit(year)
