"""Print, import and export as every register page does them (the page supplies its rows,
its Excel register key and its filters). The Excel work runs in the background with progress."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.progress import Progress
from ui import messages, printing
from ui.workers import run_task

if TYPE_CHECKING:
    from ui.pages.base import RegisterPage

PRINT_PREPARING = "正在准备打印…"
EXPORT_TITLE = "导出到 Excel"
EXPORTING = "正在导出…"
EXPORT_DONE = "已导出 {count} 条记录到："
EXPORT_FILE = "{bureau}{title}{day}.xlsx"
NO_ROWS = "当前没有可打印的记录。"
IMPORTED = "正在显示从“{file}”刚导入的 {n} 条记录（新增 {added}，更新 {updated}），筛选条件已放宽。"


def print_page(page: RegisterPage) -> None:
    """Every row of the page's current query (not only those fetched) into a print preview."""
    ws, model = page.ws, page.model
    title, bureau, columns, day = page.TITLE, ws.settings.bureau_name, model.columns, ws.today()

    def build(progress: Progress) -> tuple[str, int]:
        with ws.reading() as session:
            rows = model.all_rows(session)
        progress.check_cancelled()
        return printing.rows_html(title, bureau, columns, rows, day), len(rows)

    def show(result: tuple[str, int]) -> None:
        document, count = result
        if not count:
            messages.inform(page, NO_ROWS)
            return
        if printing.preview(page, title, document):
            record_print(page, count)

    run_task(page, build, on_done=show, title=title, label=PRINT_PREPARING)


def record_print(page: RegisterPage, count: int) -> None:
    """DESIGN: every print leaves an audit row (the page offers 打印 only when it can)."""
    from app import audit

    with page.ws.writing() as session:
        audit.printed(session, page.actor, page.EXCEL_KEY or page.TITLE, count, page.TITLE)


def export_page(page: RegisterPage) -> None:
    """File dialog → export in the background → the path, with 打开所在文件夹."""
    from app.excel.writer import export_register

    ws, actor, key = page.ws, page.actor, page.EXCEL_KEY
    bureau = ws.settings.bureau_name
    suggested = EXPORT_FILE.format(bureau=bureau, title=page.TITLE, day=f"{ws.today():%Y%m%d}")
    path = messages.choose_save_path(page, EXPORT_TITLE, suggested.replace("/", "-"))
    if path is None:
        return
    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    scope, today = page.export_scope(), ws.today()

    def work(progress: Progress) -> int:
        with ws.writing() as session:  # the export writes its audit row in this unit of work
            return export_register(session, actor, key, path, bureau=bureau, today=today,
                                   progress=progress, **scope)

    run_task(page, work, title=EXPORT_TITLE, label=EXPORTING,
             on_done=lambda count: messages.inform_file(page, EXPORT_DONE.format(count=count), path))


def import_into_page(page: RegisterPage, path: Path | None = None) -> None:
    from ui.dialogs.import_dialog import ImportDialog

    dialog = ImportDialog(page.ws, page.actor, page.EXCEL_KEY, title=page.TITLE,
                          year=page.export_scope().get("year"), parent=page)
    if path is not None:
        dialog.plan(path)
    if dialog.exec():
        result = dialog.result_summary
        if result is not None and result.record_ids:  # exactly what came in, filters widened
            page.show_only(list(result.record_ids), IMPORTED.format(
                n=len(set(result.record_ids)), added=result.added, updated=result.updated, file=result.file_name))
        else:
            page.refresh()
