"""Printing: a register page's rows as an HTML table (`PrintSheet`: its title, the bureau's name,
its columns; 序号 columns numbered 1…n), and the one print preview every print opens (A4 landscape
for a table, portrait for a one-record form such as the 谈话记录表)."""
from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from ui.models.columns import Column

PREVIEW_TITLE = "打印预览 — {title}"
PRINTED_ON = "打印日期：{day}　共 {count} 条"
FONT_PT = 9
LANDSCAPE_MARGINS_MM = QMarginsF(12, 12, 12, 12)
PORTRAIT_MARGINS_MM = QMarginsF(20, 18, 18, 18)  # left, top, right, bottom: room to bind a form

_CSS = f"""
body {{ font-size: {FONT_PT}pt; }}
h1 {{ font-size: 15pt; text-align: center; margin: 0 0 4pt 0; }}
p.meta {{ font-size: 8pt; color: #555; text-align: right; margin: 0 0 4pt 0; }}
table {{ border-collapse: collapse; }}
th {{ background: #e8ecf2; font-weight: bold; border: 1px solid #777; padding: 3px; }}
td {{ border: 1px solid #999; padding: 3px; vertical-align: top; }}
"""


@dataclass(frozen=True)
class PrintSheet:
    """What a register page prints: the title (also the preview window's), the bureau's name
    printed before it ("" when the title names the bureau itself), and the columns."""

    title: str
    columns: Sequence[Column]
    bureau: str = ""

    def html(self, rows: Sequence[Any], day: dt.date) -> str:
        return rows_html(self.title, self.bureau, self.columns, rows, day)


def rows_html(title: str, bureau: str, columns: Sequence[Column], rows: Sequence[Any],
              day: dt.date) -> str:
    """The printed table: title row (bureau · register), header, one line per row; a
    `row_number` column holds the row's place (1…n)."""
    esc = html.escape

    def cell(column: Column, row: Any, number: int) -> str:
        text = str(number) if column.row_number else column.text(row)
        return f"<td>{esc(text).replace(chr(10), '<br>')}</td>"

    head = "".join(f"<th>{esc(c.label)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(cell(c, row, n) for c in columns) + "</tr>"
                   for n, row in enumerate(rows, start=1))
    meta = PRINTED_ON.format(day=day.isoformat(), count=len(rows))
    return (f"<html><head><style>{_CSS}</style></head><body>"
            f"<h1>{esc('　'.join(x for x in (bureau, title) if x))}</h1><p class='meta'>{esc(meta)}</p>"
            f"<table width='100%' cellspacing='0' cellpadding='3'><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></body></html>")


def a4_printer(*, portrait: bool = False) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    orientation = QPageLayout.Orientation.Portrait if portrait else QPageLayout.Orientation.Landscape
    margins = PORTRAIT_MARGINS_MM if portrait else LANDSCAPE_MARGINS_MM
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, margins,
                                      QPageLayout.Unit.Millimeter))
    return printer


def render(document_html: str, printer: QPrinter) -> None:
    document = QTextDocument()
    document.setHtml(document_html)
    document.print_(printer)  # lays the document out on the printer's page, paginated


def preview(parent: QWidget | None, title: str, document_html: str, *, portrait: bool = False) -> bool:
    """Shows the print preview (A4, landscape unless `portrait`); True when the user printed."""
    printer = a4_printer(portrait=portrait)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(PREVIEW_TITLE.format(title=title))
    dialog.paintRequested.connect(lambda p: render(document_html, p))
    dialog.resize(900 if portrait else 1100, 760)
    return dialog.exec() == QDialog.DialogCode.Accepted
