"""The page every template starts from: A4 (or A4 landscape) with 公文-like margins, the body,
title and table fonts set for East Asian text. Shared by the template builders in this folder."""
from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from app.documents import BODY_FONT, TABLE_FONT, TITLE_FONT, set_east_asian_font


def base_document(*, landscape: bool = False) -> Document:
    """A4 with 公文-like margins; Normal in 仿宋 三号-ish, a 标题 style in 黑体 二号."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    section.top_margin, section.bottom_margin = Cm(3.0), Cm(2.5)
    section.left_margin, section.right_margin = Cm(2.6), Cm(2.4)
    normal = doc.styles["Normal"]
    set_east_asian_font(normal, BODY_FONT)
    normal.font.size = Pt(14)
    title = doc.styles["Title"]
    set_east_asian_font(title, TITLE_FONT)
    title.font.size = Pt(22)
    title.font.bold = False
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(12)
    # python-docx's Title has a bottom border and a theme colour: a document's title has neither.
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    title.font.color.rgb = RGBColor(0, 0, 0)
    for name in ("Table Grid",):
        style = doc.styles[name]
        set_east_asian_font(style, TABLE_FONT)
        style.font.size = Pt(12)
    return doc


def title(doc: Document, text: str) -> None:
    doc.add_paragraph(text, style="Title")


def fixed_width(table, width_cm: float) -> None:  # noqa: ANN001 — a python-docx Table
    """A fixed layout at the given width: Word, WPS and LibreOffice keep the columns as set
    instead of shrinking the table to its contents."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(round(width_cm / 2.54 * 1440)))


def keep_with_next(*items) -> None:  # noqa: ANN002 — paragraphs, table rows or tables
    """Each paragraph (or every paragraph of a row or table) stays on the page of what follows
    it, and a row does not split across pages: a signature block stays with the end of the
    content it signs."""
    for item in items:
        rows = getattr(item, "rows", None)
        if rows is not None:  # a table: every row
            keep_with_next(*rows)
            continue
        cells = getattr(item, "cells", None)
        if cells is not None:  # a row
            flags = item._tr.get_or_add_trPr()
            if flags.find(qn("w:cantSplit")) is None:
                flags.append(OxmlElement("w:cantSplit"))
            keep_with_next(*(p for cell in cells for p in cell.paragraphs))
            continue
        item.paragraph_format.keep_with_next = True


def repeat_header(row) -> None:  # noqa: ANN001 — a python-docx row
    """The row repeats at the top of every page the table runs onto."""
    flags = row._tr.get_or_add_trPr()
    if flags.find(qn("w:tblHeader")) is None:
        flags.append(OxmlElement("w:tblHeader"))
