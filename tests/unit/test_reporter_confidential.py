"""The reporter (举报人) of a clue is seen only by administrators and the clue's handler: every read
path that could carry it — each Excel export, search, the person timeline, the 廉政档案 and its
.docx, the 意见回复 and its .docx, the report — is walked with a workspace whose only trace of a
made-up name is that reporter, and none may show it (the print of the page: tests/ui)."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from docx import Document

from app.excel.registry import REGISTERS
from app.excel.writer import export_register
from app.registers.clues import query as clues_query
from app.registers.clues.types import ClueDraft
from app.registers.clues.write import save_clue
from app.registers.opinions.query import opinion_facts
from app.registers.opinions.write import issue_opinions
from app.registers.people import documents as people_documents
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.people.dossier import person_dossier
from app.registers.people.timeline import person_timeline
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.reports.document import export_report
from app.reports.figures import report_figures
from app.reports.period import ReportPeriod
from app.reports.summaries import generated_report
from app.search import search_everything
from tests.conftest import TODAY

SECRET = "欧阳举报人"


@pytest.fixture
def clue(workspace, admin, editor) -> tuple[int, int]:
    with workspace.writing() as s:
        office = units_write.save_unit(s, admin, units_types.UnitDraft(name="办公室", kind="office"))
        person = people_write.save_person(s, admin, people_types.PersonDraft(
            name="张三", unit_id=office, political_status="cpc"))
        for day, closed in ((dt.date(2026, 3, 2), None), (dt.date(2026, 1, 5), dt.date(2026, 2, 1))):
            save_clue(s, admin, ClueDraft(received_on=day, problem="反映其违规兼职取酬", person_ids=(person,),
                                          source="petition", handler_id=editor.id, reporter=f"{SECRET}（电话）",
                                          way="inquiry", letter_sent_on=day, closed_on=closed,
                                          outcome="cleared" if closed else ""), TODAY)
    return person, office


def _docx_text(path) -> str:  # noqa: ANN001
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_handler_and_administrators_see_it_and_nobody_else(workspace, admin, editor, viewer, clue):
    with workspace.reading() as s:
        ids = clues_query.search_clue_ids(s, admin, clues_query.ClueFilter())
        assert {r.reporter for r in clues_query.clue_rows(s, admin, ids)} == {f"{SECRET}（电话）"}
        assert {r.reporter for r in clues_query.clue_rows(s, editor, ids)} == {f"{SECRET}（电话）"}  # the handler
        assert {r.reporter for r in clues_query.clue_rows(s, viewer, ids)} == {None}
        assert {r.reporter for r in clues_query.clues_of_person(s, admin, clue[0])} == {None}


@pytest.mark.parametrize("key", sorted(REGISTERS))
def test_no_excel_export_holds_it(workspace, admin, clue, tmp_path, key):
    out = tmp_path / f"{key}.xlsx"
    with workspace.writing() as s:
        export_register(s, admin, key, out, bureau="测试局", today=TODAY)
    cells = [str(c) for sheet in openpyxl.load_workbook(out) for row in sheet.iter_rows(values_only=True) for c in row]
    assert not any(SECRET in c for c in cells)


def test_search_timeline_dossier_reply_and_report_never_show_it(workspace, admin, clue, tmp_path):
    person, _office = clue
    with workspace.reading() as s:
        assert search_everything(s, admin, SECRET).count == 0
        assert search_everything(s, admin, "欧阳").count == 0
        assert search_everything(s, admin, "兼职取酬").count == 2  # the clue itself is found
        timeline = person_timeline(s, admin, person)
        dossier = person_dossier(s, admin, person, today=TODAY)
        facts = opinion_facts(s, admin, [person], "promotion", TODAY)
        figures = report_figures(s, admin, ReportPeriod.of_year(2026), today=TODAY)
    texts = [i.kind + i.summary for i in timeline] + [i.kind + i.summary for i in dossier.items()]
    texts += [*facts[0].clue_lines(), facts[0].conclusion]
    assert len([t for t in texts if "问题线索" in t]) >= 3 and not any(SECRET in t for t in texts)
    with workspace.writing() as s:
        people_documents.export_dossier(s, admin, person, tmp_path / "档案.docx", bureau="测试局", today=TODAY)
        issue_opinions(s, admin, [person], "promotion", TODAY, tmp_path / "回复.docx", bureau="测试局", today=TODAY)
        export_report(s, admin, figures, generated_report(figures), tmp_path / "报告.docx")
    for name in ("档案.docx", "回复.docx", "报告.docx"):
        text = _docx_text(tmp_path / name)
        assert "问题线索" in text and SECRET not in text, name
