"""The report's 问题线索处置和处分情况: its figures are the registers' own (clues received and 办结 in
the period; 处分 and 组织处理 decided in it, by kind and form, 诫勉 left to the ledger), the
sentence says them, the document has the table; the ledger's sentence keeps 了结 and 非党员 apart."""
from __future__ import annotations

import datetime as dt

import pytest
from docx import Document

from app.registers.clues.stats import clue_figures
from app.registers.clues.types import ClueDraft, ClueFilter
from app.registers.clues.write import save_clue
from app.registers.ledger.types import LedgerDraft
from app.registers.ledger.write import save_entry
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.sanctions.stats import sanction_figures
from app.registers.sanctions.types import SanctionDraft, SanctionFilter
from app.registers.sanctions.write import save_sanction
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.reports.document import export_report
from app.reports.figures import report_figures
from app.reports.period import ReportPeriod
from app.reports.summaries import generated_report, generated_sentences
from tests.conftest import TODAY

D = dt.date
YEAR = ReportPeriod.of_year(2025)


@pytest.fixture
def scene(workspace, admin):
    with workspace.writing() as s:
        office = units_write.save_unit(s, admin, units_types.UnitDraft(name="办公室", kind="office"))
        zhang, li = (people_write.save_person(s, admin, people_types.PersonDraft(
            name=n, unit_id=office, political_status="cpc")) for n in ("张三", "李四"))
        day = D(2025, 5, 6)
        for person, kind in ((zhang, "party_warning"), (zhang, "gov_demerit"), (li, "reassign"),
                             (li, "party_post_removal")):
            save_sanction(s, admin, SanctionDraft(person_id=person, kind=kind, decided_on=day), TODAY)
        save_sanction(s, admin, SanctionDraft(person_id=li, kind="gov_warning", decided_on=D(2026, 2, 1)), TODAY)
        save_entry(s, admin, LedgerDraft(person_id=li, problem="迟到", methods=("admonish",), decided_on=day), TODAY)
        save_entry(s, admin, LedgerDraft(person_id=li, problem="反映其宴请", methods=(), handling="inquiry_closed",
                                         decided_on=day), TODAY)
        for received, closed, outcome in ((D(2025, 3, 1), D(2025, 5, 6), "sanction"), (D(2025, 4, 1), None, ""),
                                          (D(2024, 12, 1), D(2025, 2, 1), "cleared"), (D(2026, 1, 5), None, "")):
            save_clue(s, admin, ClueDraft(received_on=received, problem="反映其问题", person_ids=(zhang,),
                                          way="verify" if outcome != "cleared" else "close",
                                          verify_start=received if outcome != "cleared" else None,
                                          closed_on=closed, outcome=outcome), TODAY)
    return workspace


def test_the_section_is_the_registers_figures_and_says_them(scene, tmp_path):
    ws = scene
    with ws.reading() as s:
        f = report_figures(s, ws.actor, YEAR, today=TODAY)
        assert f.sanctions.received == clue_figures(s, ws.actor, ClueFilter(start=YEAR.start, end=YEAR.end), TODAY)
        assert f.sanctions.measures == sanction_figures(
            s, ws.actor, SanctionFilter(start=YEAR.start, end=YEAR.end), TODAY)
    assert (f.sanctions.received.total, f.sanctions.closed.total, f.sanctions.measures.total) == (2, 2, 4)
    assert (f.sanctions.measures.second_form, f.sanctions.measures.third_form) == (3, 1)  # 诫勉: the ledger's
    sentences = generated_sentences(f)
    text = sentences["sanctions"]
    assert text.startswith("2025年度受理问题线索2件（初步核实2件），办结2件（给予处分（组织处理）1件、予以了结1件）")
    assert "给予处分和组织处理4人次，其中第二种形态3人次（" in text and "第三种形态1人次（撤销党内职务1人次）" in text
    assert "另有问题线索予以了结1件，未计入第一种形态。" in sentences["ledger"]
    out = tmp_path / "报告.docx"
    with ws.writing() as s:
        export_report(s, ws.actor, f, generated_report(f), out)
    doc = Document(str(out))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "处分（处理）种类")
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert rows[-1] == ["合计", "", "4"]
    assert ["撤销党内职务", "第三种形态", "1"] in rows
    paragraphs = [p.text for p in doc.paragraphs]
    assert "六、问题线索处置和处分情况" in paragraphs  # the 附件's table
    assert any(p.startswith("（") and text in p for p in paragraphs)  # 主要做法 says it
