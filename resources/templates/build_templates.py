"""Builds the .docx templates in this folder: `python -m resources.templates.build_templates`.

Each register adds one function `build_<name>(path)` and registers it in TEMPLATES. The output is
committed, so the program needs no build step; the office may restyle a template in Word as long
as the {{ tags }} stay.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from resources.templates.docx_base import base_document, title
from resources.templates.people_documents import build_dossier, build_opinion_reply
from resources.templates.work_report import build_work_report

HERE = Path(__file__).resolve().parent


# 第一种形态工作台账: the filing columns, widths in cm on A4 landscape (24.7 cm of text width).
LEDGER_COLUMNS = (
    ("序号", "seq", 1.0), ("姓名", "name", 1.5), ("单位及职务", "unit_position", 2.7), ("职级", "rank", 1.7),
    ("政治面貌", "political", 1.4), ("线索来源", "source", 1.4), ("线索处置", "handling", 1.6),
    ("主要问题", "problem", 3.0), ("处置方式", "methods", 2.0), ("决定机关", "organ", 1.7),
    ("处理时间", "date", 1.9), ("承办人", "handler", 1.3), ("回访情况", "revisit", 2.2), ("备注", "notes", 1.3),
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


RICH_TAGS = ("talkees", "content", "response", "follow_up")


def build_talk_record(path: Path) -> None:
    """谈话记录表 (talks): the record as a one-page form with its signature lines."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE

    doc = base_document()
    title(doc, "谈话记录表")
    meta = doc.add_paragraph("{{ bureau }}　　　　记录编号：{{ number }}")
    meta.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    meta.runs[0].font.size = Pt(10.5)
    # (label, tag, label, tag) rows; a None pair: the first value spans the row. Min heights in cm.
    # Text that may hold line breaks uses docxtpl's {{r …}} tag (the context gives RichText).
    rows = [("谈话类型", "kind", "谈话时间", "when", 0), ("谈话地点", "place", None, None, 0),
            ("谈话人", "talkers", None, None, 0), ("被谈话人及单位职务", "talkees", None, None, 1.4),
            ("记录人", "recorders", "谈话事由", "reason", 0), ("谈话内容", "content", None, None, 10),
            ("本人表态", "response", None, None, 3), ("后续要求", "follow_up", None, None, 1.6)]
    table = doc.add_table(rows=len(rows), cols=4, style="Table Grid")
    widths = (Cm(2.6), Cm(5.4), Cm(2.6), Cm(5.4))
    for column, width in zip(table.columns, widths):
        column.width = width
    for row, (label, tag, label2, tag2, height) in zip(table.rows, rows):
        cells = row.cells
        for cell, width in zip(cells, widths):
            cell.width = width
        if label2 is None:
            cells[1].merge(cells[3]).width = Cm(13.4)
        value = "{{r %s }}" % tag if tag in RICH_TAGS else "{{ %s }}" % tag
        for cell, text, bold in ((cells[0], label, True), (cells[1], value, False),
                                 *(((cells[2], label2, True), (cells[3], "{{ %s }}" % tag2, False))
                                   if label2 else ())):
            cell.text = text
            cell.paragraphs[0].runs[0].font.bold = bold
            cell.vertical_alignment = (WD_CELL_VERTICAL_ALIGNMENT.CENTER if bold or not height
                                       else WD_CELL_VERTICAL_ALIGNMENT.TOP)
            if bold:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        row.height = Cm(max(height, 0.9))
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    doc.add_paragraph()
    for line in ("被谈话人（签字）：＿＿＿＿＿＿　　谈话人（签字）：＿＿＿＿＿＿",
                 "记录人（签字）：＿＿＿＿＿＿　　　　　＿＿＿＿年＿＿月＿＿日"):
        signature = doc.add_paragraph(line)
        signature.paragraph_format.space_before = Pt(10)
    doc.save(str(path))


TEMPLATES: dict[str, Callable[[Path], None]] = {
    "first_form_ledger.docx": build_first_form_ledger,
    "talk_record.docx": build_talk_record,
    "dossier.docx": build_dossier,
    "opinion_reply.docx": build_opinion_reply,
    "work_report.docx": build_work_report,
}


def main() -> None:
    for name, build in TEMPLATES.items():
        build(HERE / name)
        print("built", name)


if __name__ == "__main__":
    main()
