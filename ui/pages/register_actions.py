"""打印, 导出 and 导入 of a register page: the one path every page takes. `RegisterPage` calls these
with what is its own (its print sheet and rows, its Excel register key and scope); a page never
writes its own copy. The work that grows with the data runs in the background with progress."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from app import audit
from app.progress import Progress
from ui import messages, printing
from ui.workers import run_task

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QWidget
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.excel.plan import ImportResult
    from app.workspace.facade import Workspace

PRINT_PREPARING = "正在准备打印…"
EXPORT_TITLE = "导出到 Excel"
EXPORTING = "正在导出…"
EXPORT_DONE = "已导出 {count} 条记录到："
EXPORT_FILE = "{bureau}{title}{day}.xlsx"
NO_ROWS = "当前没有可打印的记录。"


def print_rows(parent: QWidget, ws: Workspace, actor: Actor, *, title: str, audited_as: str,
               sheet: printing.PrintSheet, read_rows: Callable[[Session], Sequence[Any]]) -> None:
    """Every row `read_rows` gives (the page's whole query, not only the rows fetched) printed
    as `sheet` into a print preview; a print leaves an audit row (`audited_as`, `title`)."""
    day = ws.today()

    def build(progress: Progress) -> tuple[str, int]:
        with ws.reading() as session:
            rows = read_rows(session)
        progress.check_cancelled()
        return sheet.html(rows, day), len(rows)

    def show(result: tuple[str, int]) -> None:
        document, count = result
        if not count:
            messages.inform(parent, NO_ROWS)
        elif printing.preview(parent, sheet.title, document):
            with ws.writing() as session:  # DESIGN: every print leaves an audit row
                audit.printed(session, actor, audited_as, count, title)

    run_task(parent, build, on_done=show, title=title, label=PRINT_PREPARING)


def export_rows(parent: QWidget, ws: Workspace, actor: Actor, *, title: str, excel_key: str,
                scope: dict[str, Any]) -> None:
    """File dialog → the register `excel_key` of `scope` exported in the background → the path,
    with 打开所在文件夹."""
    from app.excel.writer import export_register

    bureau, today = ws.settings.bureau_name, ws.today()
    suggested = EXPORT_FILE.format(bureau=bureau, title=title, day=f"{today:%Y%m%d}")
    path = messages.choose_save_path(parent, EXPORT_TITLE, suggested.replace("/", "-"))
    if path is None:
        return
    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")

    def work(progress: Progress) -> int:
        with ws.writing() as session:  # the export writes its audit row in this unit of work
            return export_register(session, actor, excel_key, path, bureau=bureau, today=today,
                                   progress=progress, **scope)

    run_task(parent, work, title=EXPORT_TITLE, label=EXPORTING,
             on_done=lambda count: messages.inform_file(parent, EXPORT_DONE.format(count=count), path))


def import_rows(parent: QWidget, ws: Workspace, actor: Actor, *, title: str, excel_key: str,
                year: int | None, path: Path | None = None) -> ImportResult | None:
    """The import dialog for the register `excel_key` (preview, then all rows or none; `path`
    planned at once when given); what was written, None when nothing was."""
    from ui.dialogs.import_dialog import ImportDialog

    dialog = ImportDialog(ws, actor, excel_key, title=title, year=year, parent=parent)
    if path is not None:
        dialog.plan(path)
    return dialog.result_summary if dialog.exec() else None
