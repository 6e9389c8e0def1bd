"""The report's figures equal the registers' own statistics for the same period and unit, and the
Word document carries them (tables, charts at print resolution, the clerk's sentences)."""
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
from app.reports.period import ReportPeriod
from app.reports.summaries import generated_sentences
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


def test_the_document_carries_the_figures_the_charts_and_the_edited_sentences(scene, tmp_path):
    from docx import Document
    from PIL import Image

    from db.models import AuditEntry

    ws, _w = scene
    out = tmp_path / "报告.docx"
    with ws.reading() as s:
        f = report_figures(s, ws.actor, YEAR, today=TODAY)
    sentences = generated_sentences(f)
    sentences["talks"] = "全年开展谈话情况良好。\n第二段：由办公室补充。"
    with ws.writing() as s:
        export_report(s, ws.actor, f, sentences, out)
    doc = Document(str(out))
    text = [p.text for p in doc.paragraphs]
    assert f.title_scope in text and "全面从严治党和党风廉政建设工作情况报告" in text
    assert "全年开展谈话情况良好。" in text and "第二段：由办公室补充。" in text  # one paragraph each
    assert f"操作日志校验码：{f.chain_code}" in text and len(f.chain_code.split(":")[1]) >= 16
    assert sentences["findings"] in text
    tables = {t.rows[0].cells[0].text: t for t in doc.tables}

    def last_row(header: str) -> list[str]:
        return [c.text for c in tables[header].rows[-1].cells]

    assert last_row("单位") == ["合计", "2", "1", "1", "4", "一级防控 2 个"]
    assert last_row("检查类型") == ["合计", "6"]
    assert last_row("问题来源") == ["合计", "4", "1", "2", "0", "1", "1", "25.0%", "2"]
    assert last_row("谈话类型") == ["合计", "4", "7"]
    assert [c.text for c in tables["处置方式"].rows[1].cells] == ["人次", "2", "0", "1", "0", "3"]
    assert last_row("处置方式") == ["处置方式合计（项）", "3", "0", "1", "0", "4"]
    assert [[c.text for c in r.cells][4] for r in tables["问题编号"].rows[1:]] == [
        str((TODAY - dt.date(2025, 5, 31)).days), str((TODAY - dt.date(2025, 9, 30)).days)]
    # five charts, PNG at print resolution, as wide as the text
    pictures = [rel.target_part.blob for rel in doc.part.rels.values() if "image" in rel.reltype]
    assert len(pictures) == 5
    for blob in pictures:
        image = Image.open(io.BytesIO(blob))
        assert image.format == "PNG" and image.width >= 1200
        assert round(image.info["dpi"][0]) == 200
    assert all(abs(shape.width.cm - 15.5) < 0.05 for shape in doc.inline_shapes)
    with ws.reading() as s:
        from sqlalchemy import select

        row = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert row.action == "export" and row.entity == "report" and "报告.docx" in row.summary


def test_the_command_line_makes_the_report_with_the_generated_sentences(placed_scene, tmp_path, monkeypatch):
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
    assert text[:2] == ["市博物馆2025年上半年", "全面从严治党和党风廉政建设工作情况报告"]
    assert any(t.startswith("2025年上半年共开展各类谈话2次、2人次") for t in text)
    assert main(["export", "report", "--from", "2025-07-01", "--to", "2025-01-01", "--out", str(out),
                 *where.cli_args, "--user", "admin"]) == 1
