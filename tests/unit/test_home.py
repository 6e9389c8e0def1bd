"""首页 figures: each from its register's definitions, for this month and year, absent when the
register is absent, limited to a unit-limited user's units."""
from __future__ import annotations

import datetime as dt

from app.auth import Actor, Role
from app.home import home_figures, month_bounds
from app.registers.inspections import types as inspections_types
from app.registers.inspections import write as inspections_write
from app.registers.risks.types import RiskDraft
from app.registers.risks.write import save_risk
from app.registers.talks import write as talk_svc
from tests.conftest import TODAY
from tests.unit import finding_helpers as fh
from tests.unit.test_register_reminders import _entry

D = dt.date
ALL = {"risks", "inspections", "talks", "ledger"}


def _bureau(ws, actor) -> dict[str, int]:
    office = fh.unit(ws, actor, "办公室", sort_order=1)
    museum = fh.unit(ws, actor, "市博物馆", "affiliate", sort_order=1)
    wang = fh.person(ws, actor, "王五", museum)
    li = fh.person(ws, actor, "李四", office)
    with ws.writing() as s:
        for unit, name, year, level in ((office, "公文处理", 2026, 1), (office, "公车管理", 2026, 1),
                                        (museum, "文物出入库", 2026, 2), (museum, "门票收入", 2026, 1),
                                        (museum, "旧风险", 2025, 1)):
            save_risk(s, actor, RiskDraft(unit_id=unit, name=name, year=year, category="duty", level=level), TODAY)
        save_risk(s, actor, RiskDraft(unit_id=office, name="草稿", year=2026, category="duty", level=1,
                                      status="draft"), TODAY)
        inspections_write.save_inspection(s, actor, inspections_types.InspectionDraft(D(2026, 6, 3), "style", "6月作风检查"), TODAY)
        inspections_write.save_inspection(s, actor, inspections_types.InspectionDraft(D(2026, 6, 9), "special", "专项检查"), TODAY)
        inspections_write.save_inspection(s, actor, inspections_types.InspectionDraft(D(2026, 5, 9), "style", "5月作风检查"), TODAY)
        for day, talkees in ((D(2026, 6, 2), (wang, li)), (D(2026, 6, 12), (li,)), (D(2026, 5, 30), (wang,))):
            talk_svc.save_talk(s, actor, talk_svc.TalkDraft(
                kind="heart", talk_date=day, talkees=tuple(talk_svc.ParticipantDraft(person_id=p) for p in talkees),
                talkers=(talk_svc.ParticipantDraft(name="纪委书记"),), content="谈心谈话"), TODAY)
    fh.finding(ws, actor, office, deadline=D(2026, 6, 1))                # overdue
    fh.finding(ws, actor, museum, deadline=D(2026, 7, 1))                # open
    fh.to_status(ws, actor, fh.finding(ws, actor, museum, deadline=D(2026, 5, 1)), "closed")
    _entry(ws, actor, wang, decided_on=D(2026, 3, 1))
    _entry(ws, actor, li, decided_on=D(2026, 5, 1))
    _entry(ws, actor, li, decided_on=D(2025, 5, 1))
    return {"office": office, "museum": museum}


def test_figures_follow_the_definitions(workspace, editor):
    _bureau(workspace, editor)
    with workspace.reading() as s:
        f = home_figures(s, editor, TODAY, ALL)
    assert (f.risk_year, f.level1_points, f.top_control_units) == (2026, 3, 2)   # drafts never count
    assert (f.open_findings, f.overdue_findings) == (2, 1)
    assert f.talks_month == (2, 3)               # 次 = records, 人次 = talkees summed
    assert f.style_checks_month == 1             # 专项检查 is not a 工作作风纪律检查
    assert f.first_form_year == 2
    assert [r.unit_name for r in f.risk_rows] == ["办公室", "市博物馆"]


def test_absent_registers_are_absent_not_zero(workspace, editor):
    _bureau(workspace, editor)
    with workspace.reading() as s:
        f = home_figures(s, editor, TODAY, {"talks"})
    assert f.talks_month == (2, 3)
    assert (f.level1_points, f.open_findings, f.style_checks_month, f.first_form_year) == (None,) * 4
    assert f.risk_rows == []


def test_a_unit_limited_user_counts_their_units(workspace, editor):
    units = _bureau(workspace, editor)
    limited = Actor(editor.id, "jw", "纪检委员", Role.EDITOR, frozenset({units["museum"]}))
    with workspace.reading() as s:
        f = home_figures(s, limited, TODAY, ALL)
    assert (f.level1_points, f.top_control_units, f.open_findings, f.overdue_findings) == (1, 1, 1, 0)
    assert f.first_form_year == 1


def test_month_bounds():
    assert month_bounds(D(2026, 2, 14)) == (D(2026, 2, 1), D(2026, 2, 28))
    assert month_bounds(D(2026, 12, 31)) == (D(2026, 12, 1), D(2026, 12, 31))
