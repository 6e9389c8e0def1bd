"""The 工作总结's text kept per period and scope (saved, found again, a stale copy refused, a
unit-limited clerk kept to their unit), the half-year report reminder (from the day after the
half ends until its Word file is made), and the 公文 fonts with the PC's stand-ins."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from app.errors import PermissionDenied, StaleRecord, ValidationError
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.reminders import half_year_report, reminders
from app.reports.document import export_generated_report
from app.reports.fonts import FONTS, STYLES, report_fonts, style_fonts
from app.reports.period import ReportPeriod
from app.reports.texts import (
    ReportSection,
    half_year_due,
    load_text,
    mark_generated,
    report_made,
    save_text,
)
from db.models import AuditEntry

H1 = ReportPeriod.half(2026, 1)
SECTIONS = [ReportSection("opening", "", "上半年，局机关纪委认真履职。"),
            ReportSection("custom-1", "主要成效", "（一）监督有力。全年检查12次。\n第二段。")]


def test_the_text_is_saved_and_found_again_per_period_and_scope(workspace, admin, editor):
    with workspace.writing() as s:
        text_id = save_text(s, admin, H1, None, SECTIONS)
    with workspace.reading() as s:
        saved = load_text(s, editor, H1, None)
        assert saved.id == text_id and saved.sections == SECTIONS and saved.saved_by == "管理员甲"
        assert saved.generated_at is None
        assert load_text(s, editor, ReportPeriod.of_year(2026), None) is None  # another period
        audit = s.scalars(select(AuditEntry).where(AuditEntry.entity == "report_texts")).all()
    assert [(a.action, a.summary) for a in audit] == [("create", "保存报告文稿（2026年1月1日至2026年6月30日）")]
    with workspace.writing() as s:
        save_text(s, editor, H1, None, SECTIONS[:1], saved.version)
    with workspace.reading() as s:
        again = load_text(s, admin, H1, None)
    assert again.sections == SECTIONS[:1] and again.saved_by != saved.saved_by and again.version > saved.version
    with pytest.raises(StaleRecord), workspace.writing() as s:  # saved by someone since this copy was read
        save_text(s, admin, H1, None, SECTIONS, saved.version)
    with pytest.raises(ValidationError, match="既没有标题也没有内容"), workspace.writing() as s:
        save_text(s, admin, H1, None, [*SECTIONS, ReportSection("custom-2", " ", "")])
    with pytest.raises(ValidationError, match="过长"), workspace.writing() as s:
        save_text(s, admin, H1, None, [ReportSection("opening", "", "字" * 61000)])


def test_a_unit_limited_clerk_saves_only_their_units_text(workspace, admin, editor):
    with workspace.writing() as s:
        museum = units_write.save_unit(s, admin, units_types.UnitDraft(name="市博物馆", kind="affiliate"))
        office = units_write.save_unit(s, admin, units_types.UnitDraft(name="办公室", kind="office"))
    clerk = dataclasses.replace(editor, unit_ids=frozenset({museum}))
    with pytest.raises(ValidationError, match="请选择单位"), workspace.writing() as s:
        save_text(s, clerk, H1, None, SECTIONS)  # not the whole bureau's
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        save_text(s, clerk, H1, office, SECTIONS)
    with workspace.writing() as s:
        save_text(s, clerk, H1, museum, SECTIONS)
    with workspace.reading() as s:
        assert load_text(s, admin, H1, museum).sections == SECTIONS
        assert load_text(s, admin, H1, None) is None  # the unit's text is not the bureau's


@pytest.mark.parametrize(("today", "expected"), [
    (dt.date(2026, 6, 30), None),                                         # the half not over yet
    (dt.date(2026, 7, 1), (ReportPeriod.half(2026, 1), dt.date(2026, 7, 15))),
    (dt.date(2026, 8, 14), (ReportPeriod.half(2026, 1), dt.date(2026, 7, 15))),  # a month past due
    (dt.date(2026, 8, 15), None),
    (dt.date(2027, 1, 3), (ReportPeriod.half(2026, 2), dt.date(2027, 1, 15))),
])
def test_the_half_year_report_is_due_after_the_half(today, expected):
    assert half_year_due(today, 15) == expected


def test_the_reminder_is_shown_until_the_word_file_is_made(workspace, admin, editor, tmp_path):
    settings = workspace.settings
    july = dt.date(2026, 7, 2)
    with workspace.reading() as s:
        assert half_year_report(s, admin, dt.date(2026, 6, 30), settings) == []
        [due] = half_year_report(s, editor, july, settings)
        assert due.key in {r.key for r in reminders(s, editor, july, settings)}  # a provider of 首页
    assert (due.kind, due.due, due.page, due.filters) == ("半年报告", dt.date(2026, 7, 15), "reports",
                                                          {"year": 2026, "half": 1})
    assert due.title == "2026年上半年全面从严治党和党风廉政建设工作总结（报局党组）"
    assert "应于 7月15日前报送" in due.detail
    clerk = dataclasses.replace(editor, unit_ids=frozenset({1}))
    with workspace.reading() as s:
        assert half_year_report(s, clerk, july, settings) == []  # the whole bureau's report
        assert not report_made(s, H1)
    with workspace.writing() as s:  # a saved draft is not the report made
        save_text(s, admin, H1, None, SECTIONS)
    with workspace.reading() as s:
        assert len(half_year_report(s, admin, july, settings)) == 1
    out = export_generated_report(workspace, admin, H1, tmp_path / "上半年.docx")
    assert out.is_file()
    with workspace.reading() as s:
        assert half_year_report(s, admin, july, settings) == []
        assert load_text(s, admin, H1, None).generated_at is not None
        # 下半年: the year's report ending on 31 December counts as well
        assert len(half_year_report(s, admin, dt.date(2027, 1, 3), settings)) == 1
    with workspace.writing() as s:
        mark_generated(s, admin, ReportPeriod.of_year(2026), None)
    with workspace.reading() as s:
        assert half_year_report(s, admin, dt.date(2027, 1, 3), settings) == []


def test_the_public_document_fonts_and_their_stand_ins():
    assert report_fonts(frozenset()) == {**FONTS}  # none installed: the 公文 fonts are named
    windows = frozenset({"simsun", "simfang", "simhei", "simkai", "SimSun", "FangSong", "SimHei", "KaiTi"})
    assert report_fonts(windows) == {"title": "宋体", "body": "仿宋", "heading": "黑体", "lead": "楷体",
                                     "page": "宋体"}
    office = windows | {"FZXiaoBiaoSong-B05S", "FangSong_GB2312", "KaiTi_GB2312"}
    assert report_fonts(office) == FONTS
    linux = frozenset({"WenQuanYi Micro Hei", "Noto Serif CJK SC"})
    chosen = report_fonts(linux)
    assert chosen["title"] == chosen["body"] == "Noto Serif CJK SC" and chosen["heading"] == "WenQuanYi Micro Hei"
    assert chosen["lead"] == "楷体_GB2312"  # nothing like it there: the 公文 font is kept
    styles = style_fonts(installed=windows)
    assert styles[STYLES["body"]] == styles[STYLES["table"]] == styles[STYLES["note"]] == "仿宋"
    assert styles[STYLES["title"]] == "宋体"
