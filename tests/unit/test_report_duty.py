"""The report's 主体责任 and 廉政教育 sections: their figures are the registers' own statistics,
the sentences say them (and the 工作总结's 主要做法 and 存在问题 with them), and both headings of
the 附件 stand in the document even for a period with nothing."""
from __future__ import annotations

import pytest
from docx import Document

from app.registers.assessments import write as assessments_write
from app.registers.assessments.rules import DEFAULT_ITEMS
from app.registers.assessments.stats import assessment_figures
from app.registers.assessments.types import AssessmentDraft, ItemDraft
from app.registers.education import write as education_write
from app.registers.education.stats import education_figures
from app.registers.education.types import EducationDraft
from app.registers.pledges import write as pledges_write
from app.registers.pledges.stats import pledge_figures
from app.registers.studies import write as studies_write
from app.registers.studies.types import StudyDraft
from app.registers.talks.types import ParticipantDraft
from app.reports.document import export_report
from app.reports.figures import report_figures
from app.reports.period import ReportPeriod
from app.reports.summaries import generated_report, generated_sentences
from tests.unit.duty_helpers import D, make_bureau

TODAY = D(2026, 6, 15)
YEAR = ReportPeriod.of_year(2025)


def _texts(path) -> list[str]:  # noqa: ANN001
    return [p.text for p in Document(str(path)).paragraphs if p.text.strip()]


def _make(ws, actor, figures, tmp_path):  # noqa: ANN001
    with ws.writing() as s:
        return export_report(s, actor, figures, generated_report(figures), tmp_path / "报告.docx")


def test_both_headings_stand_when_the_period_holds_nothing(workspace, admin, tmp_path):
    with workspace.reading() as s:
        figures = report_figures(s, admin, YEAR, today=TODAY)
    sentences = generated_sentences(figures)
    assert sentences["duty"] == ("2025年测试市文化广电和旅游局尚未登记党风廉政建设责任书签订情况。2025年度局党组专题研究全面从严治党、"
                                 "党风廉政建设和反腐败工作0次，未达到年内不少于两次的要求。尚未登记主体责任考核结果。")
    assert sentences["education"].startswith("2025年度测试市文化广电和旅游局未登记廉政教育活动。")
    text = _texts(_make(workspace, admin, figures, tmp_path))
    assert "十、落实全面从严治党主体责任情况" in text and "十一、廉政教育开展情况" in text  # the 附件's parts
    assert text.index("十一、廉政教育开展情况") > text.index("十、落实全面从严治党主体责任情况")
    report = {x.key: x.text for x in generated_report(figures)}
    assert "管党治党" not in report["practices"] and "专题研究" not in report["problems"]  # nothing kept: no word


def test_the_sections_hold_the_registers_figures(workspace, admin, tmp_path):
    b = make_bureau(workspace, admin)
    with workspace.writing() as s:
        made = pledges_write.draw_up_year(s, admin, 2025, "party_unit", unit_ids=[b.office, b.finance, b.museum])
        pledges_write.mark_signed(s, admin, made[:2], D(2025, 3, 1), TODAY)
        for day, meeting, topics in ((D(2025, 3, 8), "party_group", "传达学习全会精神，研究部署年度工作"),
                                     (D(2025, 12, 10), "life_meeting", "专题民主生活会")):
            studies_write.save_study(s, admin, StudyDraft(day, meeting, topics), TODAY)
        studies_write.save_study(s, admin, StudyDraft(D(2025, 5, 6), "leadership", "研究本馆风险点", b.museum), TODAY)
        items = tuple(ItemDraft(i.name, i.source, i.weight, score) for i, score in zip(DEFAULT_ITEMS, (92, 88, 90, 96)))
        assessments_write.save_assessment(s, admin, AssessmentDraft(2025, b.office, items, "good"), TODAY)
        assessments_write.save_assessment(s, admin, AssessmentDraft(2025, b.museum, items, "average", True, "年内发生严重违纪案件"),
                                          TODAY)
        education_write.save_session(s, admin, EducationDraft(D(2025, 3, 12), "warning_meeting", "警示教育大会", tuple(
            ParticipantDraft(person_id=p) for p in (b.director, b.office_head, b.museum_head))), TODAY)
        education_write.save_session(s, admin, EducationDraft(D(2025, 4, 1), "party_lecture", "廉政党课", (
            ParticipantDraft(person_id=b.director),)), TODAY)
    with workspace.reading() as s:
        figures = report_figures(s, admin, YEAR, today=TODAY)
        assert figures.duty.pledges == (pledge_figures(s, admin, 2025),)
        assert figures.duty.assessment == assessment_figures(s, admin, 2025)
        assert figures.education.figures == education_figures(s, admin, D(2025, 1, 1), D(2025, 12, 31))
    sentences = generated_sentences(figures)
    assert "2025年层层签订党风廉政建设责任书2份（应签3份：党组—单位（科室）2/3份），尚有1份未签订。" in sentences["duty"]
    assert "局党组专题研究全面从严治党、党风廉政建设和反腐败工作2次（3月8日、12月10日），研究了传达学习全会精神、专题民主生活会。" \
        in sentences["duty"]
    assert "各单位班子专题研究1次。" in sentences["duty"]
    assert "2025年度主体责任考核2个单位，其中好1个、一般1个；市博物馆年内发生严重违纪违法案件，实行“一票否决”" in sentences["duty"]
    assert sentences["education"].startswith("2025年度开展廉政教育2次、4人次（廉政党课1次1人次、警示教育大会1次3人次），"
                                             "其中警示教育1次、3人次。")
    report = {x.key: x.text for x in generated_report(figures)}
    assert f"（一）压紧压实管党治党政治责任。{sentences['duty']}" in report["practices"].splitlines()
    assert any(line.endswith("深化廉洁教育。" + sentences["education"]) for line in report["practices"].splitlines())
    assert "2025年尚有1份党风廉政建设责任书未签订" in report["problems"]
    text = _texts(_make(workspace, admin, figures, tmp_path))
    assert "党风廉政建设责任书签订情况：" in text and "专题研究全面从严治党情况：" in text
    tables = Document(str(tmp_path / "报告.docx")).tables
    cells = [[c.text for c in row.cells] for t in tables for row in t.rows]
    assert ["市博物馆", "91.2", "一般", "是"] in cells and ["警示教育大会", "1", "3"] in cells


@pytest.mark.parametrize("half", [1, 2])
def test_a_half_year_counts_the_studies_of_its_half(workspace, admin, half):
    with workspace.writing() as s:
        studies_write.save_study(s, admin, StudyDraft(D(2025, 3, 8), "party_group", "部署"), TODAY)
        studies_write.save_study(s, admin, StudyDraft(D(2025, 10, 8), "party_group", "推进"), TODAY)
    with workspace.reading() as s:
        figures = report_figures(s, admin, ReportPeriod.half(2025, half), today=TODAY)
    assert [x.held_on.month for x in figures.duty.party_studies] == ([3] if half == 1 else [10])
