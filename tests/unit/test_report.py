"""The report's figures equal the registers' own statistics for the same period and unit, and the
Word document carries them (tables, charts at print resolution, the clerk's sections); the
工作总结's 主要做法 says each register's figures, paragraph by paragraph."""
from __future__ import annotations

import datetime as dt
import io

import pytest

from app.registers.findings import stats as finding_stats
from app.registers.findings.types import FindingFilter
from app.registers.inspections import query as inspections_query
from app.registers.inspections import stats as inspections_stats
from app.registers.inspections import types as inspections_types
from app.registers.ledger.stats import ledger_statistics
from app.registers.ledger.types import LedgerFilter
from app.registers.risks import stats as risk_stats
from app.registers.talks import stats as talk_stats
from app.registers.units.query import descendant_unit_ids
from app.reports.document import export_report
from app.reports.figures import report_figures
from app.reports.fonts import STYLES, report_fonts
from app.reports.period import ReportPeriod
from app.reports.summaries import (
    PRACTICE_AREAS,
    generated_report,
    generated_sentences,
    numbered,
    percent,
    practice_paragraphs,
)
from app.reports.texts import ReportSection
from tests.backends import Location, PgServer, opened_copy
from tests.conftest import TODAY
from tests.unit.report_helpers import World, built_world

YEAR = ReportPeriod.of_year(2025)


@pytest.fixture(scope="module")
def world_dir(template_location: Location, pg_server: PgServer | None,
              tmp_path_factory: pytest.TempPathFactory) -> tuple[Location, World]:
    return built_world(template_location, pg_server, tmp_path_factory.mktemp("report") / "ws")


@pytest.fixture
def placed_scene(world_dir, pg_server, tmp_path):  # noqa: ANN001, ANN201
    """(this test's copy of the world: its location, the open workspace, the world)."""
    source, world = world_dir
    with opened_copy(source, tmp_path / "ws", pg_server, as_of=TODAY) as (where, ws):
        ws.sign_in("admin", "secret-pass")
        yield where, ws, world


@pytest.fixture
def scene(placed_scene):  # noqa: ANN001, ANN201
    _where, ws, world = placed_scene
    return ws, world


def test_the_years_figures_equal_the_registers_statistics(scene):
    ws, w = scene
    actor = ws.actor
    with ws.reading() as s:
        f = report_figures(s, actor, YEAR, today=TODAY)
        # 廉政风险点: the confirmed assessments of 2025, per unit and level, and the 一级防控 units
        assert f.risks.year == 2025
        assert f.risks.totals == risk_stats.year_totals(s, actor, 2025) == {1: 2, 2: 1, 3: 1}
        assert list(f.risks.units) == risk_stats.unit_levels(s, actor, 2025)
        assert list(f.risks.by_severity) == risk_stats.risk_levels_by_unit(s, actor, 2025)
        assert len(f.risks.top_units) == len(risk_stats.top_control_units(s, actor, 2025)) == 2
        assert [(c.name, c.from_level, c.to_level) for c in f.risks.changes] == [("公务接待管理", 2, 1)]
        assert f.risks.new_points == 2  # 安保外包管理, 文物出入库 (the draft does not count)
        # 监督检查: per month and kind; the months without a 工作作风纪律检查 flagged
        style = inspections_stats.inspections_per_month(s, actor, 2025)
        every = inspections_stats.inspections_per_month(s, actor, 2025, None)
        assert [m.style for m in f.inspections.months] == style
        assert [m.style + m.other for m in f.inspections.months] == every
        coverage = inspections_stats.monthly_coverage(s, actor, 2025, TODAY)
        assert [m.state for m in f.inspections.months] == [m.state for m in coverage.months]
        assert f.inspections.missing_months == [f"{m}月" for m in coverage.missing_months]
        assert {code: n for code, _l, n in f.inspections.by_kind} == {
            "style": 4, "festival": 1, "special": 1, "patrol": 0, "other": 0}
        # 问题整改: found in 2025, status as of today, 整改完成率 by DESIGN's definition
        assert f.findings.total == finding_stats.completion_stats(s, actor, FindingFilter(year=2025), TODAY)
        assert (f.findings.total.total, f.findings.total.done, f.findings.total.mostly) == (4, 1, 1)
        assert f.findings.total.rate == 0.25
        for source in f.findings.by_source:
            assert source.stats == finding_stats.completion_stats(
                s, actor, FindingFilter(year=2025, source=source.code), TODAY)
        assert list(f.findings.by_unit) == finding_stats.stats_by_unit(s, actor, FindingFilter(year=2025), TODAY)
        # 基本完成 is not 销号: that finding is 整改中 and past its deadline too
        assert [o.id for o in f.findings.overdue] == [w.findings["mostly"], w.findings["overdue"]]
        # 谈话: 次 and 人次 per type
        assert f.talks.total == talk_stats.talk_counts(s, actor, YEAR.start, YEAR.end) == talk_stats.Counts(4, 7)
        monthly = talk_stats.monthly_stats(s, actor, 2025)
        assert {k.code: k.counts for k in f.talks.by_kind if k.counts.times} == {
            code: monthly.kind_total(code) for code, _ in monthly.kinds if monthly.kind_total(code).times}
        assert f.talks.monthly.cells == monthly.cells
        # 第一种形态: 人次 by quarter, methods by quarter, shares
        assert f.ledger == ledger_statistics(s, actor, 2025)
        assert (f.ledger.person_times, f.ledger.method_count, f.ledger.leaders, f.ledger.key_posts) == (3, 4, 1, 1)
        # 节前廉政提醒: 2025's reminders due in the year, the 春节 one marked done
        assert [i.label for i in f.festivals.items if i.sent] == ["春节"]
        assert all(i.remind_on.year == 2025 for i in f.festivals.items)


def test_a_half_year_of_one_unit_equals_the_registers_filtered_the_same_way(scene):
    ws, w = scene
    actor, half = ws.actor, ReportPeriod.half(2025, 1)
    assert half.label == "2025年上半年"
    with ws.reading() as s:
        f = report_figures(s, actor, half, today=TODAY, unit_id=w.museum)
        units = descendant_unit_ids(s, w.museum)
        assert f.unit_name == "市博物馆" and f.title.startswith("市博物馆2025年上半年")
        assert [u.unit_id for u in f.risks.units] == [u.unit_id for u in risk_stats.unit_levels(s, actor, 2025)
                                                      if u.unit_id in units]
        assert f.risks.totals == {1: 1, 2: 1, 3: 0}
        assert [m.label for m in f.inspections.months] == [f"{m}月" for m in range(1, 7)]
        assert [m.style for m in f.inspections.months] == inspections_stats.inspections_per_month(s, actor, 2025)[:6]
        assert f.inspections.unit_count == len(inspections_query.search_inspection_ids(
            s, actor, inspections_types.InspectionFilter(start=half.start, end=half.end, unit_id=w.museum)))
        assert f.findings.total == finding_stats.completion_stats(
            s, actor, FindingFilter(start=half.start, end=half.end, unit_id=w.museum), TODAY)
        assert f.findings.total.total == 1  # the patrol finding; the desk's was found in July
        assert f.talks.total == talk_stats.talk_counts(s, actor, half.start, half.end, unit_id=w.museum)
        assert f.talks.total == talk_stats.Counts(2, 2)  # 王五 in two talks
        assert f.ledger == ledger_statistics(s, actor, filt=LedgerFilter(start=half.start, end=half.end,
                                                                          unit_id=w.museum))
        assert f.ledger.person_times == 0  # 王五's entry is in August


def test_a_unit_limited_clerk_reports_on_their_own_unit_not_on_the_whole_bureau(scene):
    from dataclasses import replace

    from app.errors import ValidationError

    ws, w = scene
    half = ReportPeriod.half(2025, 1)
    museum_clerk = replace(ws.actor, unit_ids=frozenset({w.museum, w.desk}))
    with ws.reading() as s:
        f = report_figures(s, museum_clerk, half, today=TODAY)
        assert (f.unit_id, f.unit_name) == (w.museum, "市博物馆")  # titled as what it counts
        assert f.findings.total == report_figures(s, ws.actor, half, today=TODAY, unit_id=w.museum).findings.total
        with pytest.raises(ValidationError, match="选择一个单位"):
            report_figures(s, replace(ws.actor, unit_ids=frozenset({w.museum, w.office})), half, today=TODAY)


def test_a_cut_month_is_counted_through_the_registers_filter(scene):
    ws, _w = scene
    period = ReportPeriod.checked(dt.date(2025, 1, 10), dt.date(2025, 3, 10))
    assert period.label == "2025年1月10日至2025年3月10日"
    with ws.reading() as s:
        f = report_figures(s, ws.actor, period, today=TODAY)
        months = {m.label: (m.style, m.other, m.whole) for m in f.inspections.months}
    # 1月: the 8 January style check lies before the period, the 20 January festival check in it
    assert months == {"1月": (0, 1, False), "2月": (0, 0, True), "3月": (1, 0, False)}
    assert f.inspections.missing_months == ["2月"]
    assert f.talks.total == talk_stats.Counts(2, 4)  # 15 January (3 talkees) and 10 February
    assert sum(c.times for c in f.talks.monthly.cells.values()) == 2


def test_the_generated_sentences_say_the_figures(scene):
    ws, _w = scene
    with ws.reading() as s:
        sentences = generated_sentences(report_figures(s, ws.actor, YEAR, today=TODAY))
    assert "共排查确认廉政风险点4个" in sentences["risks"] and "上调1次" in sentences["risks"]
    assert "工作作风纪律检查4次" in sentences["inspections"]
    assert "2月、4月、5月、7月、8月、9月、10月、11月、12月未开展" in sentences["inspections"]
    assert "整改完成率25.0%" in sentences["findings"] and "逾期未完成整改2个" in sentences["findings"]
    assert "基本完成1个，仍在整改" in sentences["findings"]
    assert "共开展各类谈话4次、7人次" in sentences["talks"] and "廉政谈话1次3人次" in sentences["talks"]
    assert "处理3人次" in sentences["ledger"] and "处置方式4项" in sentences["ledger"]
    assert "已推送1次（春节）" in sentences["festivals"]


def _add_ceremony_and_opinion(ws, w: World, tmp_path) -> None:  # noqa: ANN001
    from app.registers.ceremonies.types import CeremonyDraft
    from app.registers.ceremonies.write import save_report
    from app.registers.findings import types as findings_types
    from app.registers.findings.write import save_finding
    from app.registers.education.types import EducationDraft
    from app.registers.education.write import save_session
    from app.registers.opinions.write import issue_opinions
    from app.registers.studies.types import StudyDraft
    from app.registers.studies.write import save_study
    from app.registers.talks.types import ParticipantDraft

    with ws.writing() as s:  # reported after the event (迟报), and above the 桌数 limit
        save_report(s, ws.actor, CeremonyDraft(person_id=w.li, kind="wedding", event_date=dt.date(2025, 5, 1),
                                               reported_on=dt.date(2025, 5, 6), relation="child", tables=30),
                    TODAY)
        issue_opinions(s, ws.actor, [w.zhang], "promotion", dt.date(2025, 9, 1), tmp_path / "回复.docx",
                       bureau="测试局", today=TODAY)
        save_finding(s, ws.actor, findings_types.FindingDraft(  # 三公经费: 廉洁纪律, 奢靡之风, 八项规定
            source="inspection", found_on=dt.date(2025, 10, 9), unit_id=w.finance, description="公务用车私用",
            deadline=dt.date(2026, 12, 31), category="three_public"), TODAY)
        # the 党组 studied once (the seed asks twice a year); one 警示教育大会 for two of the three
        save_study(s, ws.actor, StudyDraft(held_on=dt.date(2025, 3, 20), meeting="party_group",
                                           topics="研究部署全年党风廉政建设工作，审议责任清单"), TODAY)
        save_session(s, ws.actor, EducationDraft(
            held_on=dt.date(2025, 4, 18), form="warning_meeting", theme="以案为鉴警示教育",
            participants=(ParticipantDraft(person_id=w.zhang), ParticipantDraft(person_id=w.li))), TODAY)


def test_each_practice_paragraph_says_its_registers_figures(scene, tmp_path):
    """主要做法 is generated paragraph by paragraph: each paragraph says its register's figures of
    the period, areas without records are left out, and the numbers run in order."""
    ws, w = scene
    _add_ceremony_and_opinion(ws, w, tmp_path)
    with ws.reading() as s:
        f = report_figures(s, ws.actor, YEAR, today=TODAY)
    t, c = f.findings.total, f.ceremonies.figures
    expected = {
        "inspections": [f"共开展监督检查{f.inspections.total}次", f"工作作风纪律检查{f.inspections.style_total}次"],
        "festivals": [f"共{len(f.festivals.items)}个节日", f"已推送{f.festivals.sent}次"],
        "findings": [f"共发现问题{t.total}个", f"已销号{t.closed}个", f"整改完成率{percent(t.rate)}",
                     f"逾期未完成整改{t.overdue}个", "按纪律类别，廉洁纪律1个；涉及“四风”问题1个（奢靡之风1个）",
                     "违反中央八项规定精神问题1个"],
        "risks": [f"廉政风险点{f.risks.total}个", f"一级{f.risks.totals[1]}个"],
        "talks": [f"各类谈话{f.talks.total.times}次、{f.talks.total.people}人次",
                  f"在册{f.talks.coverage.people}人中{f.talks.coverage.covered}人参加了谈心谈话"],
        "ledger": [f"处理{f.ledger.person_times}人次", f"处置方式{f.ledger.method_count}项"],
        "ceremonies": [f"报备{c.total}件", f"迟报{c.late}件", f"超过规定规模{f.ceremonies.over_scale}件",
                       f"提醒谈话{c.with_talk}次"],
        "opinions": [f"意见回复{f.opinions.total}份、涉及{f.opinions.people}人"],
        "duty": ["局党组专题研究全面从严治党、党风廉政建设和反腐败工作1次（3月20日）", "未达到年内不少于两次的要求"],
        "education": [f"开展廉政教育{f.education.figures.times}次、{f.education.figures.people}人次",
                      "在册3人中已参加2人，尚有1人未参加"],
    }
    assert (f.findings.total.total, f.ledger.person_times, c.total, c.late, f.opinions.total) == (5, 3, 1, 1, 1)
    paragraphs = practice_paragraphs(f)
    assert [area for area, _text in paragraphs] == [a for a, _lead in PRACTICE_AREAS if a in expected]
    for n, (area, text) in enumerate(paragraphs, start=1):
        assert text.startswith(f"（{numbered(n)}）"), text
        for words in expected[area]:
            assert words in text, (area, words, text)
    sections = {s.key: s for s in generated_report(f)}
    assert sections["practices"].text.splitlines() == [text for _area, text in paragraphs]
    basics = sections["basics"].text
    for words in (f"监督检查{f.inspections.total}次", f"发现问题{t.total}个", f"已销号{t.closed}个",
                  f"谈话{f.talks.total.times}次、{f.talks.total.people}人次", f"处理{f.ledger.person_times}人次",
                  f"风险点{f.risks.total}个", f"报备{c.total}件", f"意见回复{f.opinions.total}份",
                  f"受理问题线索{f.sanctions.received.total}件"):
        assert words in basics, words
    problems, plans = sections["problems"].text.splitlines(), sections["plans"].text.splitlines()
    assert any(f"尚有{t.overdue}个问题超过整改时限" in p for p in problems)
    assert any("2月、4月" in p for p in problems)  # the months without a 作风纪律检查
    assert any("迟报1件" in p for p in problems)
    assert any("局党组专题研究全面从严治党工作1次，未达到年内不少于2次的要求" in p for p in problems)
    assert any("2025年在册3人中尚有1人未参加廉政教育" in p for p in problems)
    assert f"开展廉政教育{f.education.figures.times}次" in basics
    assert len(plans) == len(problems) + 2  # an answer to each problem, then the standing work
    assert sections["opening"].text.startswith("2025年度，局机关纪委在局党组的坚强领导下")


def test_heart_talk_coverage_counts_the_year_so_far_and_is_a_problem_only_at_the_years_end(scene):
    """谈心谈话 is due once a year: a half-year report counts coverage from 1 January; people not
    yet talked to are a 存在问题 in a report of the whole year, work still to do in one of a part."""
    ws, _w = scene
    with ws.reading() as s:  # 李四's 谈心 of February 2025, 王五's of January 2026; 3 on the roster
        second_half = report_figures(s, ws.actor, ReportPeriod.half(2025, 2), today=TODAY)
        year = report_figures(s, ws.actor, YEAR, today=TODAY)
        first_half = report_figures(s, ws.actor, ReportPeriod.half(2026, 1), today=TODAY)
    c = second_half.talks.coverage
    assert (c.start, c.end, c.people, c.covered) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31), 3, 1)
    assert year.talks.coverage == c
    assert "2025年以来，在册3人中1人参加了谈心谈话" in dict(practice_paragraphs(second_half))["talks"]
    assert "在册3人中1人参加了谈心谈话" in dict(practice_paragraphs(year))["talks"]
    assert "年以来" not in dict(practice_paragraphs(year))["talks"]
    for f in (second_half, year):  # the year is over: a problem, and its answer
        sections = {x.key: x.text for x in generated_report(f)}
        assert "尚有2人本年度未开展谈心谈话" in sections["problems"]
    c = first_half.talks.coverage
    assert (c.start, c.end, c.covered) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30), 1)
    sections = {x.key: x.text for x in generated_report(first_half)}
    assert "谈心谈话" not in sections["problems"]  # half the year still to go
    assert "年内对尚未开展谈心谈话的2人逐一安排" in sections["plans"]


def test_the_document_carries_the_figures_the_charts_and_the_clerks_sections(scene, tmp_path):
    from docx import Document
    from PIL import Image

    from db.models import AuditEntry

    ws, _w = scene
    out = tmp_path / "报告.docx"
    with ws.reading() as s:
        f = report_figures(s, ws.actor, YEAR, today=TODAY)
    generated = generated_report(f)
    sections = [generated[0], generated[1],
                ReportSection("practices", "主要做法", "（一）谈话工作扎实开展。全年开展谈话情况良好。\n第二段：由办公室补充。"),
                ReportSection("custom-1", "主要成效", "成效明显。"), generated[3]]
    with ws.writing() as s:
        export_report(s, ws.actor, f, sections, out)
    doc = Document(str(out))
    text = [p.text for p in doc.paragraphs]
    assert text[:2] == [f.title, "局党组："]
    assert f.title.endswith("全面从严治党和党风廉政建设工作总结")
    body = text[:text.index(f"附件：{f.title_scope}全面从严治党和党风廉政建设工作统计表")]
    assert [p for p in body if p[1:2] == "、"] == ["一、基本情况", "二、主要做法", "三、主要成效", "四、存在问题"]
    assert "（一）谈话工作扎实开展。全年开展谈话情况良好。" in body and "第二段：由办公室补充。" in body
    lead = doc.paragraphs[text.index("（一）谈话工作扎实开展。全年开展谈话情况良好。")].runs[0]
    assert lead.text == "（一）谈话工作扎实开展。" and lead.style.name == "GW Lead"  # the 二级标题 in 楷体
    assert generated[1].text.splitlines()[0] in body
    assert "成效明显。" in body
    _assert_public_document_layout(doc)
    assert f"操作日志校验码：{f.chain_code}" in text and len(f.chain_code.split(":")[1]) >= 16  # the 附件's end
    assert text.index(f"操作日志校验码：{f.chain_code}") > text.index("附件")
    tables = {}
    for table in doc.tables:  # the first table of a header: 风险点 by 单位 before 谈心谈话 by 单位
        tables.setdefault(table.rows[0].cells[0].text, table)

    def last_row(header: str) -> list[str]:
        return [c.text for c in tables[header].rows[-1].cells]

    assert last_row("单位") == ["合计", "2", "1", "1", "4", "一级防控 2 个"]
    assert last_row("检查类型") == ["合计", "6"]
    assert last_row("问题来源") == ["合计", "4", "1", "2", "0", "1", "1", "25.0%", "2"]
    assert last_row("谈话类型") == ["合计", "4", "7"]
    coverage = next(t for t in doc.tables if t.rows[0].cells[1].text == "在册人数")
    assert [c.text for c in coverage.rows[-1].cells] == ["合计", str(f.talks.coverage.people),
                                                         str(f.talks.coverage.covered), percent(f.talks.coverage.rate)]
    assert [c.text for c in coverage.rows[-1].cells] == ["合计", "3", "1", "33.3%"]
    assert "本期没有婚丧喜庆事宜报备。" in text and "报备事项" not in tables  # no table of nothing
    # no 问题类别 given in this world: all under 未归类
    assert [[c.text for c in r.cells] for r in tables["口径"].rows[1:]] == [["六项纪律", "未归类", "4", "3"]]
    assert [c.text for c in tables["处置方式"].rows[1].cells] == ["人次", "2", "0", "1", "0", "3"]
    assert last_row("处置方式") == ["处置方式合计（项）", "3", "0", "1", "0", "4"]
    assert [[c.text for c in r.cells][4] for r in tables["问题编号"].rows[1:]] == [
        str((TODAY - dt.date(2025, 5, 31)).days), str((TODAY - dt.date(2025, 9, 30)).days)]
    # five charts, PNG at print resolution, as wide as the 版心 (156 mm)
    pictures = [rel.target_part.blob for rel in doc.part.rels.values() if "image" in rel.reltype]
    assert len(pictures) == 5
    for blob in pictures:
        image = Image.open(io.BytesIO(blob))
        assert image.format == "PNG" and image.width >= 1200
        assert round(image.info["dpi"][0]) == 200
    assert all(abs(shape.width.cm - 15.5) < 0.05 for shape in doc.inline_shapes)
    # after the tables, from a new page: 十二、统计图, each chart under its caption, half a page
    # high or a whole one (the whole-page ones first), so none leaves a page half empty
    charts_at = text.index("十二、统计图")
    assert charts_at > text.index(f"操作日志校验码：{f.chain_code}")
    captions = [p for p in text[charts_at:] if p.startswith("图")]
    assert captions == [f"图{n}　{t}" for n, t in enumerate(
        ("廉政风险点排查防控情况", "监督检查开展情况", "问题整改情况", "谈话开展情况", "运用监督执纪“第一种形态”情况"), 1)]
    heights = [round(shape.height.cm, 1) for shape in doc.inline_shapes]
    assert set(heights) <= {9.8, 20.4} and heights == sorted(heights, reverse=True)
    with ws.reading() as s:
        from sqlalchemy import select

        row = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert row.action == "export" and row.entity == "report" and "报告.docx" in row.summary


def _assert_public_document_layout(doc) -> None:  # noqa: ANN001
    """GB/T 9704: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; the title 2号 (22 pt) and the body
    3号 (16 pt) in the 公文 fonts or the PC's stand-ins; page numbers on odd and even pages."""
    from docx.oxml.ns import qn

    section = doc.sections[0]
    assert [round(x.mm) for x in (section.page_width, section.page_height, section.top_margin,
                                  section.left_margin)] == [210, 297, 37, 28]
    assert round(section.page_width.mm - section.left_margin.mm - section.right_margin.mm) == 156
    assert round(section.page_height.mm - section.top_margin.mm - section.bottom_margin.mm) == 225
    fonts = report_fonts()
    for role, size in (("title", 22), ("body", 16), ("heading", 16)):
        style = doc.styles[STYLES[role]]
        assert style.font.size.pt == size
        assert style.element.rPr.rFonts.get(qn("w:eastAsia")) == fonts[role]
    assert doc.styles[STYLES["lead"]].element.rPr.rFonts.get(qn("w:eastAsia")) == fonts["lead"]
    assert doc.settings.odd_and_even_pages_header_footer
    for footer in (section.footer, section.even_page_footer):
        assert "PAGE" in footer._element.xml and footer.paragraphs[0].text.startswith("—")


def test_the_command_line_makes_the_report_with_the_generated_text(placed_scene, tmp_path, monkeypatch):
    from docx import Document

    from app.cli.main import main

    where, ws, _w = placed_scene
    ws.close()
    monkeypatch.setenv("QINGFENG_PASSWORD", "secret-pass")
    out = tmp_path / "上半年.docx"
    code = main(["export", "report", "--from", "2025-01-01", "--to", "2025-06-30", "--unit", "市博物馆",
                 "--out", str(out), *where.cli_args, "--user", "admin", "--as-of", "2026-06-15"])
    assert code == 0
    text = [p.text for p in Document(str(out)).paragraphs]
    assert text[:2] == ["市博物馆2025年上半年全面从严治党和党风廉政建设工作总结", "局党组："]
    assert any("2025年上半年共开展各类谈话2次、2人次" in t for t in text)
    assert main(["export", "report", "--from", "2025-07-01", "--to", "2025-01-01", "--out", str(out),
                 *where.cli_args, "--user", "admin"]) == 1


def test_the_standing_plans_are_one_setting_ending_both_reports_plans(scene):
    """下一步打算's standing work is the office's setting (系统管理 › 系统设置): the half-year and
    the annual report end their plans with it, after the answers to the period's problems."""
    from app.errors import ValidationError
    from app.settings import save_settings

    ws, _w = scene
    standing = ["持续深化廉洁文化建设。用好本地红色资源，开展家风家教主题活动。", "抓好年度廉政教育计划落实。"]
    with ws.writing() as s:
        save_settings(s, ws.actor, report_standing_plans=standing)
    with ws.reading() as s:
        reports = [report_figures(s, ws.actor, period, today=TODAY)
                   for period in (ReportPeriod.half(2025, 1), ReportPeriod.half(2025, 2), YEAR)]
    for f in reports:
        plans = {x.key: x.text for x in generated_report(f)}["plans"].splitlines()
        assert [line[line.index("）") + 1:] for line in plans[-2:]] == standing
        assert not any("加强廉政风险防控" in line for line in plans)  # the default no longer
    with pytest.raises(ValidationError, match="下一步打算"), ws.writing() as s:
        save_settings(s, ws.actor, report_standing_plans=["太长" * 200])


@pytest.mark.parametrize("period", [YEAR, ReportPeriod.half(2025, 1), ReportPeriod.half(2025, 2),
                                    ReportPeriod(dt.date(2025, 3, 15), dt.date(2025, 11, 10))],
                         ids=["year", "first-half", "second-half", "part-months"])
@pytest.mark.parametrize("unit", [None, "museum"])
def test_the_talk_figures_per_type_equal_the_registers_counts(scene, period, unit):
    """The period's 次 and 人次, in all and per type, as talk_counts gives them — summed from the
    months' cells where the period is whole months, counted where it is not."""
    ws, w = scene
    actor = ws.actor
    unit_id = getattr(w, unit) if unit else None
    with ws.reading() as s:
        f = report_figures(s, actor, period, today=TODAY, unit_id=unit_id)
        assert f.talks.total == talk_stats.talk_counts(s, actor, period.start, period.end, unit_id=unit_id)
        if unit is None:
            assert f.talks.total.times > 0  # the world's talks are in each of these periods
        kinds = {code for year in period.years for code, _l in talk_stats.monthly_stats(s, actor, year, unit_id).kinds}
        assert {k.code for k in f.talks.by_kind} == kinds
        for kind in f.talks.by_kind:
            assert kind.counts == talk_stats.talk_counts(s, actor, period.start, period.end, (kind.code,), unit_id)
