"""Builds the .docx templates in this folder: `python -m resources.templates.build_templates`.

Each register adds one function `build_<name>(path)` and registers it in TEMPLATES. The output is
committed, so the program needs no build step; the office may restyle a template in Word as long
as the {{ tags }} stay.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from app.documents import BODY_FONT, TABLE_FONT, TITLE_FONT, set_east_asian_font

HERE = Path(__file__).resolve().parent


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
    for name in ("Table Grid",):
        style = doc.styles[name]
        set_east_asian_font(style, TABLE_FONT)
        style.font.size = Pt(12)
    return doc


def title(doc: Document, text: str) -> None:
    doc.add_paragraph(text, style="Title")


# 第一种形态工作台账: the filing columns, widths in cm on A4 landscape (24.7 cm of text width).
LEDGER_COLUMNS = (
    ("序号", "seq", 1.0), ("姓名", "name", 1.5), ("单位及职务", "unit_position", 2.9), ("职级", "rank", 1.7),
    ("政治面貌", "political", 1.4), ("线索来源", "source", 1.4), ("主要问题", "problem", 3.8),
    ("处置方式", "methods", 2.2), ("决定机关", "organ", 1.7), ("处理时间", "date", 1.9),
    ("承办人", "handler", 1.3), ("回访情况", "revisit", 2.6), ("备注", "notes", 1.3),
)


def build_first_form_ledger(path: Path) -> None:
    """The filed ledger: title, the year's figures, one table row per entry, 填表人 line."""
    doc = base_document(landscape=True)
    section = doc.sections[0]
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(2.0), Cm(2.0)
    heading = doc.add_paragraph("{{ title }}", style="Title")
    heading.runs[0].font.size = Pt(18)
    summary = doc.add_paragraph("{{ summary }}")
    summary.runs[0].font.size = Pt(11)
    table = doc.add_table(rows=4, cols=len(LEDGER_COLUMNS), style="Table Grid")
    header, loop, cells, end = table.rows
    for i, (label, key, width) in enumerate(LEDGER_COLUMNS):
        for row, text in ((header, label), (cells, f"{{{{ e.{key} }}}}")):
            cell = row.cells[i]
            cell.width = Cm(width)
            cell.text = text
            run = cell.paragraphs[0].runs[0]
            run.font.size = Pt(9 if row is cells else 10)
            run.font.bold = row is header
            if row is header or key in ("seq", "date"):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    loop.cells[0].text = "{%tr for e in entries %}"
    end.cells[0].text = "{%tr endfor %}"
    footer = doc.add_paragraph("填表人：                    审核人：                    填报日期：{{ today }}")
    footer.runs[0].font.size = Pt(11)
    footer.paragraph_format.space_before = Pt(10)
    doc.save(str(path))


TEMPLATES: dict[str, Callable[[Path], None]] = {
    "first_form_ledger.docx": build_first_form_ledger,
}


def main() -> None:
    for name, build in TEMPLATES.items():
        build(HERE / name)
        print("built", name)


if __name__ == "__main__":
    main()
