"""The manual as a QTextDocument: Qt's own Markdown reader, then the look — headings with room
above them and an anchor named after their text (for F1 and the search), tables with borders,
screenshots scaled to the width — for the help page and for the PDF (one document, a chapter per
page, printed by QPrinter to a PDF file; no network, no other tool)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF, QUrl
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableFormat,
)
from PySide6.QtPrintSupport import QPrinter

from resources.paths import manual as manual_folder
from ui.help.manual import Chapter, join_cjk_lines

HEADING_COLOR = "#a61b1b"
TABLE_BORDER = "#b8bec8"
HEADER_BACKGROUND = "#eef1f5"
HEADING_SIZES = {1: 1.7, 2: 1.3, 3: 1.1}  # × the body's size
BODY_PT = 10.5
PRINT_BODY_PT = 10.0
PDF_MARGINS_MM = 18
COVER = "# {title}\n\n{bureau}\n\n版本 {version}　　{day}\n\n## 目录\n\n{contents}\n"
COVER_TITLE = "清风台账 使用说明"


def _style(document: QTextDocument, *, body_pt: float, image_width: float) -> None:
    """Headings, tables and images as the manual wants them (after `setMarkdown`)."""
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level:
            cursor.setPosition(block.position())
            cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setAnchor(True)
            fmt.setAnchorNames([block.text().strip()])
            fmt.setFontPointSize(body_pt * HEADING_SIZES.get(level, 1.0))
            fmt.setFontWeight(QFont.Weight.Bold)
            if level == 1:
                fmt.setForeground(QBrush(QColor(HEADING_COLOR)))
            cursor.mergeCharFormat(fmt)
            block_fmt = QTextBlockFormat()
            block_fmt.setTopMargin(body_pt * (1.6 if level > 1 else 0.4))
            block_fmt.setBottomMargin(body_pt * 0.6)
            cursor.mergeBlockFormat(block_fmt)
        elif "\ufffc" not in block.text():  # not a screenshot's line: it would grow by a third
            block_fmt = QTextBlockFormat()
            block_fmt.setLineHeight(135, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            cursor.setPosition(block.position())
            cursor.mergeBlockFormat(block_fmt)
        _scale_images(document, block, image_width)
        block = block.next()
    for frame in document.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            _style_table(frame)


def _scale_images(document: QTextDocument, block, most: float) -> None:  # noqa: ANN001 — QTextBlock
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        fmt = fragment.charFormat()
        if fmt.isImageFormat():
            image = fmt.toImageFormat()
            loaded = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(image.name()))
            size = loaded.size() if loaded is not None and hasattr(loaded, "size") else None
            if size is not None and size.width() > 0:
                width = min(float(size.width()), most)
                image.setWidth(width)
                image.setHeight(width * size.height() / size.width())
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(image)
        it += 1


def _style_table(table: QTextTable) -> None:
    fmt: QTextTableFormat = table.format()
    fmt.setBorder(0.6)
    fmt.setBorderBrush(QBrush(QColor(TABLE_BORDER)))
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setBorderCollapse(True)
    fmt.setCellPadding(4)
    fmt.setCellSpacing(0)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    fmt.setHeaderRowCount(1)
    if table.columns() == 2:  # label | explanation
        fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, 22),
                                       QTextLength(QTextLength.Type.PercentageLength, 78)])
    table.setFormat(fmt)
    for column in range(table.columns()):
        cell = table.cellAt(0, column)
        cell_fmt = cell.format()
        cell_fmt.setBackground(QBrush(QColor(HEADER_BACKGROUND)))
        cell.setFormat(cell_fmt)


def new_document(markdown: str, *, font: QFont, body_pt: float = BODY_PT, image_width: float = 900,
                 folder: Path | None = None) -> QTextDocument:
    """A document of `markdown`, images resolved against the manual folder, styled."""
    document = QTextDocument()
    body = QFont(font)
    body.setPointSizeF(body_pt)
    document.setDefaultFont(body)
    document.setDocumentMargin(12)
    document.setBaseUrl(QUrl.fromLocalFile(str(folder or manual_folder()) + "/"))
    document.setMarkdown(join_cjk_lines(markdown), QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
    _style(document, body_pt=body_pt, image_width=image_width)
    return document


def restyle_images(document: QTextDocument, image_width: float) -> None:
    """After a resize of the viewer: the screenshots at most `image_width` wide."""
    block = document.begin()
    while block.isValid():
        _scale_images(document, block, image_width)
        block = block.next()


def whole_manual(chapters: Sequence[Chapter], *, bureau: str, version: str, day: dt.date) -> str:
    """One Markdown text: a cover with the contents, then every chapter on a page of its own
    (the page breaks are set by `write_pdf`)."""
    contents = "\n".join(f"{n}. {c.title}" for n, c in enumerate(chapters, 1))
    cover = COVER.format(title=COVER_TITLE, bureau=bureau, version=version, day=f"{day:%Y年%m月%d日}",
                         contents=contents)
    return "\n\n".join([cover, *(c.markdown for c in chapters)])


def write_pdf(chapters: Sequence[Chapter], path: Path, *, font: QFont, bureau: str, version: str,
              day: dt.date) -> int:
    """The whole manual as one A4 PDF at `path`; returns the number of pages."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setDocName(COVER_TITLE)
    printer.setCreator(COVER_TITLE)
    margins = QMarginsF(PDF_MARGINS_MM, PDF_MARGINS_MM, PDF_MARGINS_MM, PDF_MARGINS_MM)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      margins, QPageLayout.Unit.Millimeter))
    page = printer.pageLayout().paintRect(QPageLayout.Unit.Point)
    document = new_document(whole_manual(chapters, bureau=bureau, version=version, day=day), font=font,
                            body_pt=PRINT_BODY_PT, image_width=page.width() - 24)
    _break_before_chapters(document)
    document.setPageSize(QSizeF(page.width(), page.height()))
    document.print_(printer)
    return document.pageCount()


def _break_before_chapters(document: QTextDocument) -> None:
    """Every chapter (a level-1 heading after the cover) starts a new page."""
    cursor = QTextCursor(document)
    block = document.begin()
    first = True
    while block.isValid():
        if block.blockFormat().headingLevel() == 1:
            if not first:
                fmt = QTextBlockFormat()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                cursor.setPosition(block.position())
                cursor.mergeBlockFormat(fmt)
            first = False
        block = block.next()
