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

from resources.templates.docx_base import base_document, fixed_width, keep_with_next, repeat_header, title
from resources.templates.people_documents import build_dossier, build_opinion_reply
from resources.templates.work_report import build_work_report

HERE = Path(__file__).resolve().parent


# 第一种形态工作台账: the filing columns, widths in cm on A4 landscape (24.7 cm of text width).
LEDGER_COLUMNS = (
    ("序号", "seq", 1.0), ("姓名", "name", 1.5), ("单位及职务", "unit_position", 2.5), ("职级", "rank", 1.7),
    ("政治面貌", "political", 1.4), ("线索来源", "source", 1.4), ("线索处置", "handling", 1.6),
    ("主要问题", "problem", 2.8), ("处置方式", "methods", 2.0), ("决定机关", "organ", 1.7),
    ("处理时间", "date", 2.3), ("承办人", "handler", 1.3), ("回访情况", "revisit", 2.2), ("备注", "notes", 1.3),
)


def build_first_form_ledger(path: Path) -> None:
    """The filed ledger: title, the year's figures, one table row per entry, 填表人 line. The
    last entry's row is a row of its own that keeps with the 填表人 line below the table."""
    doc = base_document(landscape=True)
    section = doc.sections[0]
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(2.0), Cm(2.0)
    heading = doc.add_paragraph("{{ title }}", style="Title")
    heading.runs[0].font.size = Pt(18)
    summary = doc.add_paragraph("{{ summary }}")
    summary.runs[0].font.size = Pt(11)
    loops = ("{%tr for e in entries[:-1] %}", "{%tr for e in entries[-1:] %}")
    table = doc.add_table(rows=1 + 3 * len(loops), cols=len(LEDGER_COLUMNS), style="Table Grid")
    fixed_width(table, sum(width for *_x, width in LEDGER_COLUMNS))
    header = table.rows[0]
    entry_rows = [table.rows[2 + 3 * n] for n in range(len(loops))]
    for n, loop in enumerate(loops):
        table.rows[1 + 3 * n].cells[0].text = loop
        table.rows[3 + 3 * n].cells[0].text = "{%tr endfor %}"
    for i, (label, key, width) in enumerate(LEDGER_COLUMNS):
        table.columns[i].width = Cm(width)
        for row in table.rows:
            row.cells[i].width = Cm(width)
        for row, text in ((header, label), *((r, f"{{{{ e.{key} }}}}") for r in entry_rows)):
            cell = row.cells[i]
            cell.text = text
            run = cell.paragraphs[0].runs[0]
            run.font.size = Pt(10 if row is header else 9)
            run.font.bold = row is header
            if row is header or key in ("seq", "date"):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    repeat_header(header)
    footer = doc.add_paragraph("填表人：                    审核人：                    填报日期：{{ today }}")
    footer.runs[0].font.size = Pt(11)
    footer.paragraph_format.space_before = Pt(10)
    keep_with_next(entry_rows[-1])  # the last entry stays on the page of the 填表人 line
    doc.save(str(path))


RICH_TAGS = ("talkees", "content", "response", "follow_up")
# The general 谈话记录表 and the 诫勉谈话记录 (党内监督条例 第二十一条: the talkee's 说明或检讨,
# signed by the head of their Party organisation): labels of the talkee, reason and response rows,
# and the signature lines (two a line).
TALK_FORMS = {
    "talk_record.docx": (("被谈话人及单位职务", "谈话事由", "本人表态"),
                         (("被谈话人（签字）：", "谈话人（签字）："), ("记录人（签字）：", "＿＿＿＿年＿＿月＿＿日")),
                         ""),
    "talk_record_admonish.docx": (("被诫勉人及单位职务", "诫勉事由", "本人说明或检讨"),
                                  (("被诫勉人（签字）：", "谈话人（签字）："),
                                   ("记录人（签字）：", "＿＿＿＿年＿＿月＿＿日"),
                                   ("所在党组织主要负责人（签字）：", "＿＿＿＿年＿＿月＿＿日")),
                                  "本人说明或检讨经所在党组织主要负责人签字后，报上级纪委和组织部门。"),
}
SIGN_BLANK = "＿＿＿＿＿＿"


def build_talk_record(path: Path) -> None:
    """谈话记录表 (talks): the title naming the kind, 编号, the record as a one-page form, the
    已阅 line and the signature lines — kept on the page of the form's last row."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
    from docx.oxml import OxmlElement

    (talkee_label, reason_label, response_label), signatures, note = TALK_FORMS[path.name]
    doc = base_document()
    section = doc.sections[0]
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)
    title(doc, "{{ title }}")
    meta = doc.add_paragraph("{{ bureau }}　　编号：{{ number }}")
    meta.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    meta.runs[0].font.size = Pt(10.5)
    # (label, tag, label, tag, min height in cm); a None pair: the first value spans the row.
    # Text that may hold line breaks uses docxtpl's {{r …}} tag (the context gives RichText).
    rows = [("谈话时间", "when", None, None, 0), ("谈话地点", "place", reason_label, "reason", 0),
            ("谈话人", "talkers", None, None, 0), (talkee_label, "talkees", None, None, 1.2),
            ("记录人", "recorders", None, None, 0), ("谈话内容", "content", None, None, 8),
            (response_label, "response", None, None, 2.2), ("后续要求", "follow_up", None, None, 1.2)]
    table = doc.add_table(rows=len(rows), cols=4, style="Table Grid")
    widths = (Cm(3.2), Cm(4.8), Cm(3.2), Cm(4.8))
    for column, width in zip(table.columns, widths):
        column.width = width
    for row, (label, tag, label2, tag2, height) in zip(table.rows, rows):
        cells = row.cells
        for cell, width in zip(cells, widths):
            cell.width = width
        if label2 is None:
            cells[1].merge(cells[3]).width = Cm(12.8)
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
    # The last row stays whole and with the lines below it; they stay together to the end.
    last = table.rows[-1]
    last._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for cell in last.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True
    lines = [doc.add_paragraph("{{ read_line }}")]
    lines[0].paragraph_format.space_before = Pt(8)
    for left, right in signatures:
        left_text = f"{left}{SIGN_BLANK}" if left else ""
        right_text = right if right.startswith("＿") else f"{right}{SIGN_BLANK}"
        line = doc.add_paragraph(f"{left_text}\t{right_text}")
        line.paragraph_format.tab_stops.add_tab_stop(Cm(9.0))
        line.paragraph_format.space_before = Pt(10)
        lines.append(line)
    if note:
        lines.append(doc.add_paragraph(note))
        lines[-1].paragraph_format.space_before = Pt(6)
    for line in lines:
        for run in line.runs:
            run.font.size = Pt(12)
    for line in lines[:-1]:
        line.paragraph_format.keep_with_next = True
    doc.save(str(path))


TEMPLATES: dict[str, Callable[[Path], None]] = {
    "first_form_ledger.docx": build_first_form_ledger,
    "talk_record.docx": build_talk_record,
    "talk_record_admonish.docx": build_talk_record,
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
