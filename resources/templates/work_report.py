"""The report template (work_report.docx): built here with python-docx, filled by
app/reports/document.py with docxtpl. A4 portrait, 公文-like: title in 黑体, section headings in
黑体 三号, body in 仿宋 with a two-character indent, tables in 宋体 五号 with a repeated header row,
charts centred at the text width, page numbers “— 1 —” at the foot.

Tags: see `app.reports.document.report_context`; every table row between `{%tr for %}` and
`{%tr endfor %}` repeats per item, `{%p if %}` paragraphs leave out what has no data.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from app.documents import BODY_FONT, TABLE_FONT, TITLE_FONT, set_east_asian_font
from resources.templates.docx_base import base_document

HEADING_SIZE, BODY_SIZE, TABLE_SIZE, NOTE_SIZE = Pt(16), Pt(14), Pt(10.5), Pt(10.5)
TEXT_WIDTH_CM = 16.0

# (header, tag, width cm, centred) per table; the tags read fields of the loop item `r`.
RISK_COLUMNS = (("单位", "r.unit", 5.0, False), ("{{ level1 }}", "r.l1", 1.8, True),
                ("{{ level2 }}", "r.l2", 1.8, True), ("{{ level3 }}", "r.l3", 1.8, True),
                ("合计", "r.total", 1.8, True), ("防控等级", "r.control", 3.4, True))
CHANGE_COLUMNS = (("编号", "r.code", 2.9, True), ("风险点", "r.name", 3.1, False),
                  ("单位", "r.unit", 3.1, False), ("调整", "r.change", 2.6, True),
                  ("原因", "r.reason", 3.8, False))
KIND_COLUMNS = (("检查类型", "r.label", 8.0, False), ("次数", "r.count", 3.0, True))
SOURCE_COLUMNS = (("问题来源", "r.label", 2.6, False), ("问题数", "r.total", 1.5, True),
                  ("待整改", "r.pending", 1.5, True), ("整改中", "r.in_progress", 1.5, True),
                  ("待验收", "r.rectified", 1.5, True), ("已销号", "r.closed", 1.5, True),
                  ("基本完成（整改中）", "r.mostly", 1.9, True), ("整改完成率", "r.rate", 2.0, True),
                  ("逾期", "r.overdue", 1.4, True))
OVERDUE_COLUMNS = (("问题编号", "r.code", 2.2, True), ("责任单位", "r.unit", 3.0, False),
                   ("问题", "r.description", 5.1, False), ("整改时限", "r.deadline", 2.8, True),
                   ("逾期天数", "r.days", 1.5, True), ("状态", "r.status", 1.6, True))
TALK_COLUMNS = (("谈话类型", "r.label", 6.0, False), ("次数", "r.times", 2.5, True),
                ("人次", "r.people", 2.5, True))
LEDGER_COLUMNS = (("处置方式", "r.label", 5.0, False), ("第一季度", "r.q1", 2.0, True),
                  ("第二季度", "r.q2", 2.0, True), ("第三季度", "r.q3", 2.0, True),
                  ("第四季度", "r.q4", 2.0, True), ("合计", "r.total", 2.0, True))
SANCTION_COLUMNS = (("处分（处理）种类", "r.label", 6.0, False), ("形态", "r.form", 3.0, True),
                    ("人次", "r.count", 2.5, True))
FESTIVAL_COLUMNS = (("节日", "r.label", 3.2, False), ("提醒日期", "r.remind_on", 2.7, True),
                    ("放假时间", "r.rest", 4.5, True), ("推送情况", "r.state", 5.4, False))


def build_work_report(path: Path) -> None:
    doc = base_document()
    _styles(doc)
    _page_numbers(doc)
    # The title on two lines that break where a reader would: who and when, then what.
    doc.add_paragraph("{{ title_scope }}", style="Title").paragraph_format.space_after = Pt(0)
    doc.add_paragraph("{{ title_subject }}", style="Title")
    sub = _centred(doc, "统计期间：{{ span }}　　统计口径：{{ scope }}", NOTE_SIZE)
    sub.paragraph_format.space_after = Pt(12)

    _heading(doc, "一、{{ titles.risks }}")
    _sentences(doc, "risks")
    _condition(doc, "risk_units", lambda: _table(doc, RISK_COLUMNS, "risk_units", total="risk_total"))
    _note(doc, "{{ risk_basis }}")
    _condition(doc, "risk_changes", lambda: (_note(doc, "年度风险等级调整情况：", leads=True),
                                             _table(doc, CHANGE_COLUMNS, "risk_changes")))
    _chart(doc, "charts.risks")

    _heading(doc, "二、{{ titles.inspections }}")
    _sentences(doc, "inspections")
    _table(doc, KIND_COLUMNS, "inspection_kinds", total="inspection_total")
    _chart(doc, "charts.inspections")

    _heading(doc, "三、{{ titles.findings }}")
    _sentences(doc, "findings")
    _table(doc, SOURCE_COLUMNS, "finding_sources", total="finding_total")
    _note(doc, "注：整改完成率＝已销号的问题数÷问题总数；整改结果为“基本完成”的问题仍在整改，不予销号，另列；"
               "问题按发现日期计入本期，整改状态统计至{{ as_of }}。")
    _condition(doc, "overdue", lambda: (_note(doc, "逾期未完成整改的问题（整改时限已过、仍为待整改或整改中）：", leads=True),
                                        _table(doc, OVERDUE_COLUMNS, "overdue")))
    _chart(doc, "charts.findings")

    _heading(doc, "四、{{ titles.talks }}")
    _sentences(doc, "talks")
    _table(doc, TALK_COLUMNS, "talk_kinds", total="talk_total")
    _note(doc, "注：次数按谈话记录计；人次按每次谈话的被谈话人累计（集体谈话 1 次、多人次）。")
    _chart(doc, "charts.talks")

    _heading(doc, "五、{{ titles.ledger }}")
    _sentences(doc, "ledger")
    _table(doc, LEDGER_COLUMNS, "ledger_methods", first="ledger_people", total="ledger_method_total")
    _note(doc, "注：一条台账记录计 1 人次；“处置方式”按方式计，一人次可运用多种方式，故项数可多于人次。"
               "{{ ledger_shares }}")
    _chart(doc, "charts.ledger")

    _heading(doc, "六、{{ titles.sanctions }}")
    _sentences(doc, "sanctions")
    _condition(doc, "sanction_kinds", lambda: _table(doc, SANCTION_COLUMNS, "sanction_kinds", total="sanction_total"))
    _note(doc, "注：{{ clue_line }}")

    _heading(doc, "七、{{ titles.festivals }}")
    _sentences(doc, "festivals")
    # The last table travels with the signature: a page holding only the signature reads badly.
    _condition(doc, "festival_items", lambda: _table(doc, FESTIVAL_COLUMNS, "festival_items",
                                                     keep_with_next=True))

    closing = doc.add_paragraph("{{ signature }}")
    closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    closing.paragraph_format.space_before = Pt(24)
    dated = doc.add_paragraph("{{ today }}")
    dated.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    # The audit chain's head when the figures were read: kept on paper, it anchors the chain.
    code = doc.add_paragraph()
    code.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    code.paragraph_format.space_before = Pt(18)
    _run(code, "操作日志校验码：{{ chain_code }}", Pt(9))
    doc.save(str(path))


# ---- pieces -----------------------------------------------------------------------------------


def _styles(doc) -> None:  # noqa: ANN001 — a python-docx Document
    heading = doc.styles["Heading 1"]
    set_east_asian_font(heading, TITLE_FONT)
    heading.font.size, heading.font.bold = HEADING_SIZE, False
    heading.font.color.rgb = RGBColor(0, 0, 0)
    fmt = heading.paragraph_format
    fmt.space_before, fmt.space_after = Pt(14), Pt(6)
    fmt.keep_with_next = True
    title = doc.styles["Title"]
    title.paragraph_format.space_after = Pt(6)
    # python-docx's Title has a bottom border and a theme colour: a report title has neither.
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    title.font.color.rgb = RGBColor(0, 0, 0)


def _run(paragraph, text: str, size: Pt, *, bold: bool = False, font: str = TABLE_FONT):  # noqa: ANN001, ANN202
    run = paragraph.add_run(text)
    set_east_asian_font(run, font)
    run.font.size, run.font.bold = size, bold
    return run


def _centred(doc, text: str, size: Pt):  # noqa: ANN001, ANN202
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, text, size, font=BODY_FONT)
    return paragraph


def _heading(doc, text: str) -> None:  # noqa: ANN001
    doc.add_paragraph(text, style="Heading 1")


def _sentences(doc, key: str) -> None:  # noqa: ANN001
    """The section's summary, one paragraph per line the clerk wrote."""
    doc.add_paragraph("{%p for line in texts." + key + " %}")
    body = doc.add_paragraph("{{ line }}")
    fmt = body.paragraph_format
    fmt.first_line_indent = Pt(28)
    fmt.line_spacing = Pt(26)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    doc.add_paragraph("{%p endfor %}")


def _note(doc, text: str, *, leads: bool = False) -> None:  # noqa: ANN001
    """A small paragraph: a note under a table, or (`leads`) the line that introduces the table
    below it and stays on its page."""
    paragraph = doc.add_paragraph()
    _run(paragraph, text, NOTE_SIZE, font=BODY_FONT)
    paragraph.paragraph_format.space_before = Pt(4)
    paragraph.paragraph_format.space_after = Pt(2)
    paragraph.paragraph_format.keep_with_next = leads


def _condition(doc, tag: str, body) -> None:  # noqa: ANN001
    doc.add_paragraph("{%p if " + tag + " %}")
    body()
    doc.add_paragraph("{%p endif %}")


def _chart(doc, tag: str) -> None:  # noqa: ANN001
    doc.add_paragraph("{%p if " + tag + " %}")
    paragraph = doc.add_paragraph("{{ " + tag + " }}")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.space_after = Pt(6)
    doc.add_paragraph("{%p endif %}")


def _table(doc, columns: Sequence[tuple[str, str, float, bool]], items: str, *,  # noqa: ANN001
           first: str | None = None, total: str | None = None, keep_with_next: bool = False) -> None:
    """Header row (repeated on each page), an optional fixed first row, one row per item of
    `items`, an optional 合计 row; rows never split across pages; `keep_with_next` keeps the
    whole table on the page of what follows it."""
    fixed = [first] if first else []
    table = doc.add_table(rows=1 + len(fixed) + 3 + (1 if total else 0), cols=len(columns),
                          style="Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed_width(table, sum(width for *_x, width, _c in columns))
    rows = list(table.rows)
    header = rows[0]
    _row_flags(header, repeat=True)
    for i, (label, _tag, width, _centre) in enumerate(columns):
        table.columns[i].width = Cm(width)
        for row in rows:
            row.cells[i].width = Cm(width)
        _cell(header.cells[i], label, bold=True, centre=True)
    index = 1
    for name in fixed:  # a fixed row (bold): `name` is a dict with the same fields
        _fill(rows[index], columns, name, bold=True)
        index += 1
    rows[index].cells[0].text = "{%tr for r in " + items + " %}"
    _fill(rows[index + 1], columns, "r")
    rows[index + 2].cells[0].text = "{%tr endfor %}"
    if total:
        _fill(rows[index + 3], columns, total, bold=True)
    for row in rows[1:]:
        _row_flags(row)
    if keep_with_next:
        for row in rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def _fill(row, columns: Sequence[tuple[str, str, float, bool]], name: str, *, bold: bool = False) -> None:  # noqa: ANN001
    for cell, (_label, tag, _width, centre) in zip(row.cells, columns, strict=True):
        field = tag.split(".", 1)[1]
        _cell(cell, "{{ " + f"{name}.{field}" + " }}", bold=bold, centre=centre)


def _cell(cell, text: str, *, bold: bool = False, centre: bool = False) -> None:  # noqa: ANN001
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

    paragraph = cell.paragraphs[0]
    paragraph.text = ""
    _run(paragraph, text, TABLE_SIZE, bold=bold)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centre else WD_ALIGN_PARAGRAPH.LEFT
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(1)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _fixed_width(table, width_cm: float) -> None:  # noqa: ANN001
    """A fixed layout at the given width: Word and LibreOffice keep the columns as set instead of
    shrinking the table to its contents."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(round(width_cm / 2.54 * 1440)))


def _row_flags(row, *, repeat: bool = False) -> None:  # noqa: ANN001
    tr_pr = row._tr.get_or_add_trPr()
    flags = ["w:cantSplit"] + (["w:tblHeader"] if repeat else [])
    for flag in flags:
        tr_pr.append(OxmlElement(flag))


def _page_numbers(doc) -> None:  # noqa: ANN001
    """“— N —” centred in the footer (公文 style): a PAGE field between two dashes."""
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, "— ", Pt(12), font=BODY_FONT)
    for kind in ("begin", "instr", "separate", "text", "end"):
        run = _run(paragraph, "1" if kind == "text" else "", Pt(12), font=BODY_FONT)
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
            run._r.append(element)
        elif kind != "text":
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._r.append(element)
    _run(paragraph, " —", Pt(12), font=BODY_FONT)
