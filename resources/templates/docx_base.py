"""The page every template starts from: A4 (or A4 landscape) with 公文-like margins, the body,
title and table fonts set for East Asian text. Shared by the template builders in this folder."""
from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
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
