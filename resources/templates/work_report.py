"""The report template (work_report.docx): a 工作总结 to the 局党组 laid out as a 党政机关公文
(GB/T 9704—2012 where it fits), built here with python-docx, filled by app/reports/document.py
with docxtpl.

- Page: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (right margin 26 mm, bottom 35 mm), 22
  lines a page (a line pitch of 28.95 pt); page numbers “— 1 —” in 4号 宋体 under the 版心,
  odd pages right and even pages left, a character in from the edge.
- Text: the title in 2号 方正小标宋简体, centred; 主送机关 flush left; the body in 3号
  仿宋_GB2312 with a two-character indent; 一级标题 “一、” in 黑体, a paragraph's “（一）…。”
  lead in 楷体_GB2312; 附件说明; the 署名 and 成文日期 right, the date four characters in.
- 附件 on a page of its own: every register's table of the period; then, from a new page, the
  charts (十二、统计图), each under its caption, sized to half a page or a whole one.
The fonts named here are the 公文 fonts; app/reports/document.py puts in the nearest the PC has.

Tags: see `app.reports.document.report_context`; the body is `blocks` (h1 · lead · body
paragraphs), the tables rows between `{%tr for %}` and `{%tr endfor %}`, `{%p if %}` paragraphs
leave out what has no data.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from app.documents import set_east_asian_font
from app.reports.fonts import (  # the 公文 fonts by role; document.py puts in the PC's
    FONTS,
    STYLES,
)
from resources.templates.docx_base import base_document, fixed_width, keep_with_next

TITLE_SIZE, BODY_SIZE, PAGE_SIZE = Pt(22), Pt(16), Pt(14)   # 2号, 3号, 4号
HEADING_SIZE, TABLE_SIZE, NOTE_SIZE = Pt(16), Pt(10.5), Pt(12)
LINE = Pt(28.95)                 # 225 mm / 22 lines
INDENT = Pt(32)                  # two characters of 3号
TEXT_WIDTH_CM = 15.6

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
CATEGORY_COLUMNS = (("口径", "r.grouping", 2.6, True), ("类别", "r.label", 4.6, False),
                    ("问题（个）", "r.findings", 2.6, True), ("第一种形态（人次）", "r.ledger", 3.4, True))
COVERAGE_COLUMNS = (("单位", "r.unit", 6.0, False), ("在册人数", "r.people", 2.4, True),
                    ("已谈心谈话", "r.covered", 2.6, True), ("覆盖率", "r.rate", 2.4, True))
CEREMONY_COLUMNS = (("报备事项", "r.label", 5.0, False), ("件数", "r.count", 2.5, True))
PLEDGE_COLUMNS = (("年度", "r.year", 2.0, True), ("责任书层级", "r.label", 6.0, False), ("应签", "r.listed", 2.4, True),
                  ("已签", "r.signed", 2.4, True), ("未签", "r.unsigned", 2.4, True))
STUDY_COLUMNS = (("日期", "r.date", 2.8, True), ("研究主体", "r.body", 3.0, False), ("会议形式", "r.meeting", 3.2, False),
                 ("研究议题", "r.topics", 7.0, False))
ASSESSMENT_COLUMNS = (("被考核单位", "r.unit", 6.0, False), ("总分", "r.total", 2.4, True), ("等次", "r.grade", 2.4, True),
                      ("一票否决", "r.veto", 2.4, True))
EDUCATION_COLUMNS = (("教育形式", "r.label", 7.0, False), ("次数", "r.times", 3.0, True), ("人次", "r.people", 3.0, True))
FESTIVAL_COLUMNS = (("节日", "r.label", 3.2, False), ("提醒日期", "r.remind_on", 2.7, True),
                    ("放假时间", "r.rest", 4.5, True), ("推送情况", "r.state", 5.4, False))


def build_work_report(path: Path) -> None:
    doc = base_document()
    _page(doc)
    _styles(doc)
    _page_numbers(doc)
    title = doc.add_paragraph("{{ title }}", style=STYLES["title"])
    title.paragraph_format.space_after = LINE
    doc.add_paragraph("{{ addressee }}：", style=STYLES["body"]).paragraph_format.first_line_indent = Pt(0)
    # The body: the clerk's sections as blocks of three kinds.
    doc.add_paragraph("{%p for b in blocks %}")
    doc.add_paragraph("{%p if b.kind == 'h1' %}")
    doc.add_paragraph("{{ b.text }}", style=STYLES["heading"])
    doc.add_paragraph("{%p elif b.kind == 'lead' %}")
    lead = doc.add_paragraph(style=STYLES["body"])
    lead.add_run("{{ b.lead }}", style=STYLES["lead"])
    lead.add_run("{{ b.text }}")
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph("{{ b.text }}", style=STYLES["body"])
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    annex = doc.add_paragraph("附件：{{ annex }}", style=STYLES["body"])
    annex.paragraph_format.space_before = LINE
    annex.paragraph_format.keep_with_next = True  # the 附件说明 goes with the 署名 to its page
    # GB/T 9704 7.3.3: a second line of the 附件名称 aligns under the name, after “附件：”
    annex.paragraph_format.left_indent, annex.paragraph_format.first_line_indent = Pt(80), Pt(-48)
    _signature(doc)
    _annex(doc)
    doc.save(str(path))


def _annex(doc) -> None:  # noqa: ANN001
    """附件, from a new page: “附件” in 黑体 at the top left, its title, every register's table."""
    brk = doc.add_paragraph(style=STYLES["body"])
    brk.add_run().add_break(WD_BREAK.PAGE)
    label = doc.add_paragraph("附件", style=STYLES["heading"])
    label.paragraph_format.first_line_indent = Pt(0)
    heading = doc.add_paragraph("{{ annex }}", style=STYLES["title"])
    heading.paragraph_format.space_after = Pt(6)
    _centred(doc, "统计期间：{{ span }}", NOTE_SIZE).paragraph_format.keep_with_next = True
    sub = _centred(doc, "统计口径：{{ scope }}", NOTE_SIZE)  # a line each: a long 单位 name wraps no line
    sub.paragraph_format.space_after = Pt(6)

    _heading(doc, "一、{{ titles.risks }}")
    _condition(doc, "risk_units", lambda: _table(doc, RISK_COLUMNS, "risk_units", total="risk_total"))
    _note(doc, "{{ risk_basis }}")
    _condition(doc, "risk_changes", lambda: (_note(doc, "年度风险等级调整情况：", leads=True),
                                             _table(doc, CHANGE_COLUMNS, "risk_changes")))

    _heading(doc, "二、{{ titles.inspections }}")
    _table(doc, KIND_COLUMNS, "inspection_kinds", total="inspection_total")

    _heading(doc, "三、{{ titles.findings }}")
    _table(doc, SOURCE_COLUMNS, "finding_sources", total="finding_total")
    _note(doc, "注：整改完成率＝已销号的问题数÷问题总数；整改结果为“基本完成”的问题仍在整改，不予销号，另列；"
               "问题按发现日期计入本期，整改状态统计至{{ as_of }}。")
    _condition(doc, "overdue", lambda: (_note(doc, "逾期未完成整改的问题（整改时限已过、仍为待整改或整改中）：", leads=True),
                                        _table(doc, OVERDUE_COLUMNS, "overdue")))
    _condition(doc, "category_rows", lambda: (_note(doc, "按问题类别统计（问题个数 / 第一种形态人次）：", leads=True),
                                              _table(doc, CATEGORY_COLUMNS, "category_rows")))

    _heading(doc, "四、{{ titles.talks }}")
    _table(doc, TALK_COLUMNS, "talk_kinds", total="talk_total")
    _note(doc, "注：次数按谈话记录计；人次按每次谈话的被谈话人累计（集体谈话 1 次、多人次）。")
    _condition(doc, "coverage_units", lambda: (_note(doc, "谈心谈话覆盖情况（{{ coverage_span }}；在册人员，作为谈话人或被谈话人）：", leads=True),
                                               _table(doc, COVERAGE_COLUMNS, "coverage_units", total="coverage_total")))

    _heading(doc, "五、{{ titles.ledger }}")
    _table(doc, LEDGER_COLUMNS, "ledger_methods", first="ledger_people", total="ledger_method_total")
    _note(doc, "注：一条台账记录计 1 人次；“处置方式”按方式计，一人次可运用多种方式，故项数可多于人次。"
               "{{ ledger_shares }}")

    _heading(doc, "六、{{ titles.sanctions }}")
    _condition(doc, "sanction_kinds", lambda: _table(doc, SANCTION_COLUMNS, "sanction_kinds", total="sanction_total"))
    _note(doc, "注：{{ clue_line }}")

    _heading(doc, "七、{{ titles.ceremonies }}")
    _condition(doc, "ceremony_kinds", lambda: _table(doc, CEREMONY_COLUMNS, "ceremony_kinds", total="ceremony_total"))
    _note(doc, "{{ ceremony_line }}")

    _heading(doc, "八、{{ titles.opinions }}")
    _note(doc, "{{ opinion_line }}")

    _heading(doc, "九、{{ titles.festivals }}")
    _condition(doc, "festival_items", lambda: _table(doc, FESTIVAL_COLUMNS, "festival_items"))

    _heading(doc, "十、{{ titles.duty }}")
    _condition(doc, "pledge_levels", lambda: (_note(doc, "党风廉政建设责任书签订情况：", leads=True),
                                              _table(doc, PLEDGE_COLUMNS, "pledge_levels")))
    _condition(doc, "studies", lambda: (_note(doc, "专题研究全面从严治党情况：", leads=True),
                                        _table(doc, STUDY_COLUMNS, "studies")))
    _condition(doc, "assessment_units", lambda: (_note(doc, "{{ assessment_basis }}", leads=True),
                                                 _table(doc, ASSESSMENT_COLUMNS, "assessment_units")))
    _condition(doc, "duty_line", lambda: _note(doc, "{{ duty_line }}"))

    _heading(doc, "十一、{{ titles.education }}")
    # The last table, its note and the 校验码 below travel together: never a page of the code alone.
    _condition(doc, "education_forms", lambda: _table(doc, EDUCATION_COLUMNS, "education_forms",
                                                      total="education_total", keep_with_next=True))
    _note(doc, "{{ education_line }}", leads=True)
    # The audit chain's head when the figures were read: kept on paper, it anchors the chain.
    code = doc.add_paragraph(style=STYLES["note"])
    code.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    code.paragraph_format.space_before = Pt(18)
    _run(code, "操作日志校验码：{{ chain_code }}", Pt(9))
    _charts(doc)


def _signature(doc) -> None:  # noqa: ANN001
    """发文机关署名 over 成文日期, the date four characters from the right (GB/T 9704 7.3.5.2):
    a borderless table at the right margin; kept with the body's last lines."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.RIGHT
    fixed_width(table, 12.3)
    widths = (Cm(10.0), Cm(2.3))  # the signature (a 13-character 署名 on one line) and date, then four characters of 3号
    for cell, width in zip(table.rows[0].cells, widths):
        cell.width = width
    for column, width in zip(table.columns, widths):
        column.width = width
    cell = table.rows[0].cells[0]
    cell.paragraphs[0].text = "{{ signature }}"
    cell.add_paragraph("{{ today }}")
    for paragraph in cell.paragraphs:
        paragraph.style = doc.styles[STYLES["body"]]
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell.paragraphs[0].paragraph_format.space_before = LINE
    keep_with_next(table.rows[0])
    table.rows[0].cells[1].paragraphs[0].paragraph_format.keep_with_next = False


def _page(doc) -> None:  # noqa: ANN001
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(21)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE.pt * 20)))


# ---- pieces -----------------------------------------------------------------------------------


def _styles(doc) -> None:  # noqa: ANN001 — a python-docx Document
    def paragraph_style(key: str, font: str, size: Pt, base: str = "Normal"):  # noqa: ANN202
        style = doc.styles.add_style(STYLES[key], WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles[base]
        set_east_asian_font(style, font)
        style.font.size, style.font.bold = size, False
        style.font.color.rgb = RGBColor(0, 0, 0)
        fmt = style.paragraph_format
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
        fmt.space_before = fmt.space_after = Pt(0)
        return style

    body = paragraph_style("body", FONTS["body"], BODY_SIZE)
    body.paragraph_format.first_line_indent = INDENT
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.widow_control = True
    heading = paragraph_style("heading", FONTS["heading"], HEADING_SIZE, STYLES["body"])
    heading.paragraph_format.keep_with_next = True
    title = paragraph_style("title", FONTS["title"], TITLE_SIZE)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = Pt(35)
    lead = doc.styles.add_style(STYLES["lead"], WD_STYLE_TYPE.CHARACTER)
    set_east_asian_font(lead, FONTS["lead"])
    page = paragraph_style("page", FONTS["page"], PAGE_SIZE)
    page.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    note = paragraph_style("note", FONTS["body"], NOTE_SIZE)
    note.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    table = doc.styles["Table Grid"]
    set_east_asian_font(table, FONTS["body"])
    table.font.size = TABLE_SIZE
    for style in (page, note, table):  # small type keeps its own line height, off the 22-line grid
        _off_grid(style)


def _off_grid(style) -> None:  # noqa: ANN001
    ppr = style.element.get_or_add_pPr()
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.append(snap)


def _run(paragraph, text: str, size: Pt, *, bold: bool = False):  # noqa: ANN001, ANN202
    """A run in the paragraph's style's font (document.py puts the PC's nearest font in the styles)."""
    run = paragraph.add_run(text)
    run.font.size, run.font.bold = size, bold
    return run


def _centred(doc, text: str, size: Pt):  # noqa: ANN001, ANN202
    paragraph = doc.add_paragraph(style=STYLES["note"])
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, text, size)
    return paragraph


def _heading(doc, text: str) -> None:  # noqa: ANN001
    """An 附件's part: 黑体 3号, flush left, kept with its table."""
    paragraph = doc.add_paragraph(text, style=STYLES["heading"])
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.space_before = Pt(8)


def _note(doc, text: str, *, leads: bool = False) -> None:  # noqa: ANN001
    """A small paragraph: a note under a table, or (`leads`) the line that introduces the table
    below it and stays on its page."""
    paragraph = doc.add_paragraph(style=STYLES["note"])
    _run(paragraph, text, NOTE_SIZE)
    paragraph.paragraph_format.space_before = Pt(4)
    paragraph.paragraph_format.space_after = Pt(2)
    paragraph.paragraph_format.keep_with_next = leads


def _condition(doc, tag: str, body) -> None:  # noqa: ANN001
    doc.add_paragraph("{%p if " + tag + " %}")
    body()
    doc.add_paragraph("{%p endif %}")


def _charts(doc) -> None:  # noqa: ANN001
    """十二、统计图, from a new page (a chapter): each chart under its caption, kept with it. The
    charts come sized to half the 版心 or all of it, whole-page ones first (app/reports/document.py
    `chart_list`), so they fill their pages: none is pushed on leaving a page half empty."""
    doc.add_paragraph("{%p if chart_list %}")
    brk = doc.add_paragraph(style=STYLES["body"])
    brk.add_run().add_break(WD_BREAK.PAGE)
    heading = doc.add_paragraph("十二、统计图", style=STYLES["heading"])
    heading.paragraph_format.first_line_indent = Pt(0)
    doc.add_paragraph("{%p for c in chart_list %}")
    caption = _centred(doc, "{{ c.caption }}", NOTE_SIZE)
    caption.paragraph_format.space_before = Pt(4)
    caption.paragraph_format.keep_with_next = True  # the caption never ends a page without its chart
    picture = doc.add_paragraph("{{ c.picture }}")
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.space_before = Pt(0)
    picture.paragraph_format.space_after = Pt(2)
    doc.add_paragraph("{%p endfor %}")
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
    fixed_width(table, sum(width for *_x, width, _c in columns))
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
    paragraph.style = STYLES["note"]  # off the 22-line grid: a row as high as its text
    _run(paragraph, text, TABLE_SIZE, bold=bold)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centre else WD_ALIGN_PARAGRAPH.LEFT
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(2)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _row_flags(row, *, repeat: bool = False) -> None:  # noqa: ANN001
    tr_pr = row._tr.get_or_add_trPr()
    flags = ["w:cantSplit"] + (["w:tblHeader"] if repeat else [])
    for flag in flags:
        tr_pr.append(OxmlElement(flag))


def _page_numbers(doc) -> None:  # noqa: ANN001
    """“— N —” in 4号 宋体 under the 版心: odd pages at the right, even pages at the left, a
    character in from the edge (GB/T 9704 7.5): a PAGE field between two dashes."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        paragraph.style = doc.styles[STYLES["page"]]
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(0)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = PAGE_SIZE
        else:
            fmt.left_indent = PAGE_SIZE
        _run(paragraph, "— ", PAGE_SIZE)
        for kind in ("begin", "instr", "separate", "text", "end"):
            run = _run(paragraph, "1" if kind == "text" else "", PAGE_SIZE)
            if kind == "instr":
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = " PAGE "
                run._r.append(element)
            elif kind != "text":
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
                run._r.append(element)
        _run(paragraph, " —", PAGE_SIZE)
