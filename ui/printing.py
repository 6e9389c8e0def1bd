"""Printing a register page: its current rows as an HTML table in a print preview (A4 landscape,
a title row with the bureau's name), shared by every page."""
from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from ui.models.columns import Column

PREVIEW_TITLE = "打印预览 — {title}"
PRINTED_ON = "打印日期：{day}　共 {count} 条"
FONT_PT = 9

_CSS = f"""
body {{ font-size: {FONT_PT}pt; }}
h1 {{ font-size: 15pt; text-align: center; margin: 0 0 4pt 0; }}
p.meta {{ font-size: 8pt; color: #555; text-align: right; margin: 0 0 4pt 0; }}
table {{ border-collapse: collapse; }}
th {{ background: #e8ecf2; font-weight: bold; border: 1px solid #777; padding: 3px; }}
td {{ border: 1px solid #999; padding: 3px; vertical-align: top; }}
"""


def rows_html(title: str, bureau: str, columns: Sequence[Column], rows: Sequence[Any],
              day: dt.date) -> str:
    """The printed table: title row (bureau · register), header, one line per row."""
    esc = html.escape
    head = "".join(f"<th>{esc(c.label)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(c.text(row)).replace(chr(10), '<br>')}</td>" for c in columns)
        + "</tr>"
        for row in rows)
    meta = PRINTED_ON.format(day=day.isoformat(), count=len(rows))
    return (f"<html><head><style>{_CSS}</style></head><body>"
            f"<h1>{esc('　'.join(x for x in (bureau, title) if x))}</h1><p class='meta'>{esc(meta)}</p>"
            f"<table width='100%' cellspacing='0' cellpadding='3'><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></body></html>")


def a4_landscape_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                      QPageLayout.Orientation.Landscape,
                                      QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    return printer


def render(document_html: str, printer: QPrinter) -> None:
    document = QTextDocument()
    document.setHtml(document_html)
    document.print_(printer)  # lays the table out on the printer's page, paginated


def preview(parent: QWidget | None, title: str, document_html: str) -> bool:
    """Shows the print preview; True when the user printed."""
    printer = a4_landscape_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(PREVIEW_TITLE.format(title=title))
    dialog.paintRequested.connect(lambda p: render(document_html, p))
    dialog.resize(1100, 760)
    return dialog.exec() == QDialog.DialogCode.Accepted
