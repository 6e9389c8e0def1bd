"""What the office prints, printed as WPS-based offices print: the demo's last full year through
LibreOffice headless to PDF, then read back with poppler.

- every register's Excel export: every cell's text is found whole in its column (a row too low
  for its wrapped text clips it), no two lines of text are printed over one another (a row too
  low lets them run into the next), no page is empty;
- every document: a 谈话记录表 of each kind in the year on one A4 page, titled by its kind, with
  its 编号, the 已阅 line and the signatures; the ledger, a 廉政档案 and two 意见回复 whose
  signature lines stand on the page of the content's end; the year's 工作总结 as a 公文 — its
  body on a few pages, the 署名 with the 附件说明, the 附件 from a new page, every paragraph and
  every table cell printed.

Slow (the demo is built once, ~20 s; LibreOffice converts ~20 files, ~30 s): run by CI, which
installs LibreOffice (.ci/run); skipped with the reason where it or poppler-utils is missing."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.demo.build import DEMO_PASSWORD, build_demo
from app.workspace.facade import Workspace
from tests.pdf_tools import (
    column_texts,
    missing_texts,
    overprinted,
    page_fills,
    page_texts,
    require_tools,
    running_text,
    squeezed,
    text_lines,
    to_pdf,
)

pytestmark = [pytest.mark.slow, pytest.mark.sqlite_only("one demo folder, printed")]

AS_OF = dt.date(2026, 6, 15)
YEAR = AS_OF.year - 1  # the demo's last full year


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, object]:
    """The demo, its exports and documents for YEAR, and their PDFs."""
    require_tools()
    from app.excel.registry import REGISTERS
    from app.excel.writer import export_register
    from app.registers.ledger.documents import export_ledger_docx
    from app.registers.opinions.write import issue_opinions
    from app.registers.people.documents import export_dossier
    from app.registers.talks import query as talks_query
    from app.registers.talks.documents import export_talk_record
    from app.registers.talks.types import TalkFilter
    from app.reports.document import export_report
    from app.reports.figures import report_figures
    from app.reports.period import ReportPeriod
    from app.reports.summaries import generated_report

    root = tmp_path_factory.mktemp("printed")
    build_demo(root / "demo", AS_OF)
    ws = Workspace.open(root / "demo", as_of=AS_OF)
    files: dict[str, Path] = {}
    talks: dict[str, object] = {}
    try:
        admin = ws.sign_in("admin", DEMO_PASSWORD)
        bureau = ws.settings.bureau_name
        with ws.writing() as s:
            for key in REGISTERS:
                files[key] = root / f"{key}.xlsx"
                export_register(s, admin, key, files[key], bureau=bureau, year=YEAR, today=AS_OF)
            ids = talks_query.search_talk_ids(s, admin, TalkFilter(year=YEAR), "date", False)
            for row in talks_query.talk_rows(s, ids):
                # The first talk of each kind with one talkee (a routine talk), and a collective one.
                key = row.kind if len(row.talkees) == 1 else "collective" if len(row.talkees) >= 8 else None
                if key is not None and key not in talks:
                    talks[key] = row
                    files[f"talk_{key}"] = root / f"talk_{key}.docx"
                    export_talk_record(s, admin, row.id, files[f"talk_{key}"], bureau)
            files["ledger_docx"] = root / "ledger_docx.docx"
            export_ledger_docx(s, admin, files["ledger_docx"], bureau=bureau, year=YEAR, today=AS_OF)
            busiest = max({p.person_id for r in talks_query.talk_rows(s, ids) for p in r.talkees if p.person_id},
                          key=lambda pid: len(talks_query.search_talk_ids(s, admin, TalkFilter(person_id=pid))))
            files["dossier"] = root / "dossier.docx"
            export_dossier(s, admin, busiest, files["dossier"], bureau=bureau, today=AS_OF)
            files["opinions"] = root / "opinions.docx"
            issue_opinions(s, admin, [busiest, talks[next(iter(talks))].talkees[0].person_id], "promotion",
                           AS_OF, files["opinions"], bureau=bureau, today=AS_OF)
            figures = report_figures(s, admin, ReportPeriod.of_year(YEAR), today=AS_OF)
            files["report"] = root / "report.docx"
            export_report(s, admin, figures, generated_report(figures), files["report"])
    finally:
        ws.close()
    pdfs = to_pdf(list(files.values()), root / "pdf", root / "profile")
    return {"files": files, "pdfs": {key: pdfs[path] for key, path in files.items()}, "talks": talks}


def _sheet(path: Path) -> tuple[list[str], list[float], list[list[str]]]:
    """Header, column widths and every cell as printed (dates as the sheet formats them)."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    sheet = load_workbook(path).active
    header = [str(c.value) for c in sheet[2]]
    widths = [sheet.column_dimensions[get_column_letter(i + 1)].width for i in range(len(header))]
    rows = [[v.strftime("%Y-%m-%d") if hasattr(v, "strftime") else ("" if v is None else str(v)) for v in row]
            for row in sheet.iter_rows(min_row=3, values_only=True)]
    return header, widths, rows


def _unhyphenated(text: str) -> str:
    return squeezed(text).replace("-", "")


def test_every_register_export_prints_every_cell_legibly(printed):
    from app.excel.registry import REGISTERS

    problems = []
    for key in REGISTERS:
        pdf = printed["pdfs"][key]
        header, widths, rows = _sheet(printed["files"][key])
        assert rows, f"{key}: the demo's {YEAR} export is empty"
        # pdftotext joins a word broken at a hyphen (“2025-03-” over “26” reads “2025-0326”): the
        # hyphens aside on both sides
        columns = [_unhyphenated(text) for text in column_texts(pdf, header, widths)]
        missing = [(header[i], text) for row in rows for i, text in enumerate(row)
                   if text and _unhyphenated(text) not in columns[i]]
        clashes = overprinted(text_lines(pdf))
        empty = [n for n, text in enumerate(page_texts(pdf), start=1) if not text.strip()]
        if missing or clashes or empty:
            problems.append(f"{key}: {len(missing)} cells not found whole, e.g. {missing[:2]}; "
                            f"{len(clashes)} lines over one another, e.g. {clashes[:2]}; empty pages {empty}")
    assert problems == []


def test_each_kind_of_talk_record_fits_one_page_with_its_signatures(printed):
    from app.registers.talks.documents import READ_LINE, record_title

    talks = printed["talks"]
    assert {"heart", "reminder", "admonish", "pre_appointment", "integrity", "interview", "collective"} <= set(talks)
    for key, row in talks.items():
        pdf = printed["pdfs"][f"talk_{key}"]
        texts = [squeezed(t) for t in page_texts(pdf)]
        # A routine talk on one page; a collective one (12 people listed) on at most two, its
        # signatures on the page of its last row, never alone.
        assert len(texts) == 1 or (key == "collective" and len(texts) == 2), f"{key}: {len(texts)} pages"
        for expected in (record_title(row.kind_label), f"编号：{row.number}", squeezed(row.when_text),
                         row.talkees[0].name):
            assert squeezed(expected) in texts[0], (key, expected)
        for expected in ("后续要求", READ_LINE, "记录人（签字）"):
            assert squeezed(expected) in texts[-1], (key, expected)


def test_the_ledger_dossier_and_opinions_keep_their_signatures_with_the_content(printed):
    ledger = page_texts(printed["pdfs"]["ledger_docx"])
    _header, _widths, rows = _sheet(printed["files"]["ledger"])
    last_entry = rows[-1][1]  # the filed ledger's last name
    assert "填表人" in ledger[-1] and last_entry in ledger[-1]
    from resources.templates.people_documents import DOSSIER_SECTIONS

    dossier = page_texts(printed["pdfs"]["dossier"])
    assert "制表" in dossier[-1] and DOSSIER_SECTIONS[-1][0] in dossier[-1]  # the last section with 制表
    opinions = page_texts(printed["pdfs"]["opinions"])
    signed = [page for page in opinions if "机关纪委" in page and "五、意见" in page]
    assert len(signed) == 2  # each reply's 意见 and its signature on one page
    assert all(page.strip() for page in opinions)


def test_the_years_work_report_prints_as_a_public_document(printed):
    from docx import Document

    pdf = printed["pdfs"]["report"]
    doc = Document(str(printed["files"]["report"]))
    texts = page_texts(pdf)
    annex = next(n for n, text in enumerate(texts) if text.strip().startswith("附件"))
    assert 3 <= annex <= 8 and len(texts) <= annex + 14, (annex, len(texts))  # the body, then the tables
    signature = doc.tables[0].rows[0].cells[0].text.splitlines()[0]
    assert signature.endswith("机关纪委")
    signed = [text for text in texts[:annex] if squeezed(signature) in squeezed(text)]
    assert len(signed) == 1 and "附件：" in signed[0]  # the 署名 on the page of the 附件说明
    assert squeezed(signature) in squeezed(texts[annex - 1])  # and on the body's last page
    paragraphs = [p.text for p in doc.paragraphs if p.text.strip()]
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells if c.text.strip()]
    assert len(paragraphs) > 30 and len(cells) > 300
    assert missing_texts(pdf, cells) == []
    body = running_text(pdf)  # a paragraph may run on over a page break
    assert [p for p in paragraphs if squeezed(p) not in body] == []
    # No page is left half empty but a chapter's last (the body's, the tables', the charts'): the
    # charts, half a page or a whole one each, fill their pages.
    fills = page_fills(pdf, top_mm=37, height_mm=225)
    charts = next(n for n, text in enumerate(texts) if "十二、统计图" in text)
    chapter_ends = {annex - 1, charts - 1, len(texts) - 1}
    assert [(n + 1, round(f, 2)) for n, f in enumerate(fills) if f < 0.5 and n not in chapter_ends] == []
    assert [(n + 1, round(f, 2)) for n, f in enumerate(fills[charts:-1], charts) if f < 0.85] == []
