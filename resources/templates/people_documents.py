"""The person's documents: 廉政档案 (dossier.docx) and 党风廉政意见回复 (opinion_reply.docx).

Built by `python -m resources.templates.build_templates` (registered in its TEMPLATES). The
dossier's sections are tables filled row by row ({%tr for %}) or “无。” ({%p if %}); a reply's
items are paragraphs ({%p for %}), several replies one after another with a page break between.
"""
from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt

from app.documents import TITLE_FONT, set_east_asian_font
from resources.templates.docx_base import base_document, keep_with_next, title

# (heading, list in the context, (column header, key, width cm)...) — A4 portrait, 16 cm of text.
DOSSIER_SECTIONS = (
    ("二、职务变动", "positions", (("日期", "date", 2.2), ("原单位及职务", "from", 4.6),
                                 ("新单位及职务", "to", 4.6), ("新职级", "rank", 2.8), ("提拔", "promotion", 1.8))),
    ("三、谈话情况（被谈话人）", "talks", (("日期", "date", 2.2), ("谈话类型", "kind", 2.4), ("事由", "reason", 2.6),
                                        ("谈话人", "talkers", 3.0), ("后续要求", "follow_up", 5.8))),
    ("四、婚丧喜庆事宜报备", "ceremonies", (("举办日期", "date", 2.2), ("事项", "kind", 1.4),
                                         ("地点及规模", "place_scale", 3.6), ("报备日期", "reported", 2.2),
                                         ("报备时限", "timing", 2.6), ("涉及情形", "concerns", 2.0),
                                         ("提醒谈话", "talk", 2.0))),
    ("五、运用监督执纪第一种形态情况", "ledger", (("处理时间", "date", 2.2), ("主要问题", "problem", 4.2),
                                               ("线索来源及处置", "clue", 2.8), ("处置方式", "methods", 2.8),
                                               ("决定机关", "organ", 2.0), ("影响期至", "impact", 2.0))),
    ("六、处分与组织处理（含诫勉）", "sanctions", (("决定时间", "date", 2.2), ("种类", "kind", 2.4),
                                             ("决定机关", "organ", 2.2), ("主要事实", "facts", 5.0),
                                             ("影响期至", "impact", 2.2), ("状态", "state", 2.0))),
    ("七、问题线索", "clues", (("受理日期", "date", 2.2), ("来源", "source", 2.0), ("处置方式", "way", 2.2),
                           ("办理情况", "state", 2.6), ("说明", "text", 7.0))),
    ("八、作为责任人的问题整改", "findings", (("发现日期", "date", 2.2), ("编号", "code", 2.0),
                                           ("问题", "description", 6.6), ("整改时限", "deadline", 2.2),
                                           ("状态", "status", 3.0))),
    ("九、落实主体责任（责任书、述职述廉、考核）", "duty", (("日期", "date", 2.2), ("事项", "kind", 2.6),
                                                     ("情况", "text", 11.2))),
    ("十、参加廉政教育", "education", (("日期", "date", 2.2), ("形式", "form", 2.8), ("主题", "theme", 6.6),
                                   ("组织单位", "organiser", 4.4))),
)
FACTS = (("姓名", "name", "性别", "gender"), ("单位", "unit", "职务", "position"),
         ("职级", "rank", "政治面貌", "political"), ("班子成员", "leader", "重要岗位", "key_post"),
         ("工号", "staff_no", "状态", "status"))


def heading(doc, text: str) -> None:  # noqa: ANN001 — a python-docx Document
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.font.size = Pt(14)
    run.font.bold = True
    set_east_asian_font(run, TITLE_FONT)
    paragraph.paragraph_format.space_before = Pt(10)
    paragraph.paragraph_format.space_after = Pt(4)
    paragraph.paragraph_format.keep_with_next = True  # never alone at a page's foot, its table overleaf


def _cell(cell, text: str, width: float, *, bold: bool = False, size: float = 10.5, center: bool = False) -> None:  # noqa: ANN001
    cell.width = Cm(width)
    cell.text = text
    run = cell.paragraphs[0].runs[0]
    run.font.size = Pt(size)
    run.font.bold = bold
    if center:
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def build_dossier(path: Path) -> None:
    """廉政档案: the facts, the period and the summary, then one table a section (or “无。”)."""
    doc = base_document()
    title(doc, "廉政档案")
    meta = doc.add_paragraph("{{ bureau }}机关纪委　　期间：{{ period }}")
    meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
    meta.runs[0].font.size = Pt(11)
    heading(doc, "一、基本情况")
    facts = doc.add_table(rows=len(FACTS), cols=4, style="Table Grid")
    for row, (label, key, label2, key2) in zip(facts.rows, FACTS):
        for cell, text, width, bold in zip(row.cells, (label, f"{{{{ {key} }}}}", label2, f"{{{{ {key2} }}}}"),
                                           (2.4, 5.6, 2.4, 5.6), (True, False, True, False)):
            _cell(cell, text, width, bold=bold, center=bold)
    summary = doc.add_paragraph("概况：{{ summary }}")
    summary.runs[0].font.size = Pt(11)
    summary.paragraph_format.space_before = Pt(6)
    for n, (text, key, columns) in enumerate(DOSSIER_SECTIONS):
        heading(doc, text)
        doc.add_paragraph(f"{{%p if {key} %}}")
        # The last section's last row is a row of its own, kept with the 制表 line below.
        loops = [f"{key}[:-1]", f"{key}[-1:]"] if n == len(DOSSIER_SECTIONS) - 1 else [key]
        table = doc.add_table(rows=1 + 3 * len(loops), cols=len(columns), style="Table Grid")
        header = table.rows[0]
        for i, (label, field, width) in enumerate(columns):
            _cell(header.cells[i], label, width, bold=True, size=10, center=True)
            for m in range(len(loops)):
                _cell(table.rows[2 + 3 * m].cells[i], f"{{{{ x.{field} }}}}", width, size=9.5, center=field == "date")
                table.rows[1 + 3 * m].cells[i].width = table.rows[3 + 3 * m].cells[i].width = Cm(width)
        for m, loop in enumerate(loops):
            table.rows[1 + 3 * m].cells[0].text = f"{{%tr for x in {loop} %}}"
            table.rows[3 + 3 * m].cells[0].text = "{%tr endfor %}"
        doc.add_paragraph("{%p else %}")
        none = doc.add_paragraph("无。")
        doc.add_paragraph("{%p endif %}")
        if len(loops) > 1:
            keep_with_next(table.rows[2 + 3 * (len(loops) - 1)], none)
    footer = doc.add_paragraph("制表：{{ bureau }}机关纪委　　　　制表日期：{{ today }}")
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.runs[0].font.size = Pt(11)
    footer.paragraph_format.space_before = Pt(14)
    doc.save(str(path))


REPLY_ITEMS = (("一、受处分、组织处理和诫勉情况", "measures"), ("二、运用监督执纪第一种形态情况", "entries"),
               ("三、问题线索核查情况", "clues"), ("四、作为责任人的未销号整改问题", "findings"))


def build_opinion_reply(path: Path) -> None:
    """党风廉政意见回复: per reply the request, four items of facts, the conclusion and the
    office's signature; replies follow one another, each on a new page."""
    doc = base_document()
    doc.add_paragraph("{%p for o in replies %}")
    title(doc, "党风廉政意见回复")
    number = doc.add_paragraph("第 {{ o.number }} 号")
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    number.runs[0].font.size = Pt(11)
    doc.add_paragraph("{{ o.addressee }}：")
    doc.add_paragraph("　　根据{{ o.purpose }}工作需要，经查阅本委掌握的处分和组织处理、问题线索、"
                      "第一种形态工作台账、问题整改台账等资料，现将{{ o.name }}同志（{{ o.unit_position }}）"
                      "截至{{ o.as_of }}的党风廉政情况回复如下：")
    for text, key in REPLY_ITEMS:
        heading(doc, text)
        doc.add_paragraph(f"{{%p for line in o.{key} %}}")
        doc.add_paragraph("　　{{ line }}")
        doc.add_paragraph("{%p endfor %}")
    heading(doc, "五、意见")
    conclusion = doc.add_paragraph("　　{{ o.conclusion }}")
    signatures = []
    for text in ("{{ o.office }}", "{{ o.as_of }}"):
        signature = doc.add_paragraph(text)
        signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        signatures.append(signature)
    doc.paragraphs[-2].paragraph_format.space_before = Pt(28)
    # The 意见 and the signature stay together on one page.
    keep_with_next(doc.paragraphs[-4], conclusion, signatures[0])
    doc.add_paragraph("{%p if not loop.last %}")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    doc.save(str(path))
