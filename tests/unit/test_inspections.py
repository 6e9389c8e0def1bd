"""Inspections: records with their units and findings, the monthly coverage of 工作作风纪律检查,
what a unit-limited user sees."""
from __future__ import annotations

import datetime as dt

import pytest

from app.auth import Actor, Role
from app.errors import PermissionDenied, ValidationError
from app.registers.inspections import query as inspections_query
from app.registers.inspections import stats as inspections_stats
from app.registers.inspections import types as inspections_types
from app.registers.inspections import write as inspections_write
from tests.conftest import TODAY
from tests.unit.finding_helpers import finding, to_status, unit


def _inspection(ws, actor, day, kind="style", title=None, units=()) -> int:
    with ws.writing() as s:
        return inspections_write.save_inspection(s, actor, inspections_types.InspectionDraft(
            inspected_on=day, kind=kind, title=title or f"{day.month}月份工作作风纪律检查",
            unit_ids=tuple(units), inspectors="纪委书记、纪检干事"), TODAY)


def test_monthly_coverage_counts_style_checks_and_flags_empty_past_months(workspace, editor):
    # TODAY is 2026-06-15: January–May have ended, June is under way, July on is ahead.
    for day in (dt.date(2026, 1, 8), dt.date(2026, 1, 22), dt.date(2026, 3, 12), dt.date(2026, 5, 30),
                dt.date(2025, 12, 31)):
        _inspection(workspace, editor, day)
    _inspection(workspace, editor, dt.date(2026, 2, 10), kind="festival", title="春节前专项检查")
    _inspection(workspace, editor, dt.date(2026, 4, 1), kind="patrol", title="巡察整改督查")
    with workspace.reading() as s:
        year = inspections_stats.monthly_coverage(s, editor, 2026, TODAY)
        last_year = inspections_stats.monthly_coverage(s, editor, 2025, TODAY)
        every_kind = inspections_stats.inspections_per_month(s, editor, 2026, kind=None)
        recent = inspections_stats.coverage_years(s, editor, TODAY)
    assert [m.count for m in year.months] == [2, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    assert [m.state for m in year.months[:7]] == ["ok", "missing", "ok", "missing", "ok", "current", "future"]
    assert year.missing_months == [2, 4]  # a 节前专项检查 or 巡察整改督查 does not cover the month
    assert last_year.missing_months == list(range(1, 12)) and last_year.months[11].count == 1
    assert every_kind[:6] == [2, 1, 1, 1, 1, 0]
    assert [c.year for c in recent] == [2026, 2025, 2024]


def test_inspection_lists_its_units_and_the_findings_it_produced(workspace, editor):
    office = unit(workspace, editor)
    museum = unit(workspace, editor, "市博物馆", "affiliate")
    iid = _inspection(workspace, editor, dt.date(2026, 3, 5), units=(museum, office))
    a = finding(workspace, editor, museum, inspection_id=iid, found_on=dt.date(2026, 3, 5))
    finding(workspace, editor, office, inspection_id=iid, found_on=dt.date(2026, 3, 6))
    to_status(workspace, editor, a, "closed")
    with workspace.reading() as s:
        row = inspections_query.get_inspection(s, iid)
        by_unit = inspections_query.search_inspection_ids(s, editor, inspections_types.InspectionFilter(unit_id=museum))
    assert set(row.unit_names) == {"办公室", "市博物馆"}
    assert (row.finding_count, row.open_finding_count) == (2, 1)
    assert row.label == "2026-03-05 3月份工作作风纪律检查"
    assert by_unit == [iid]
    with pytest.raises(ValidationError, match="2 个问题"), workspace.writing() as s:
        inspections_write.delete_inspection(s, editor, iid)
    # Moving the inspection after its findings would date them before it.
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        inspections_write.save_inspection(s, editor, inspections_types.InspectionDraft(
            inspected_on=dt.date(2026, 3, 9), kind="style", title="改期", id=iid, version=row.version), TODAY)
    assert err.value.field == "inspected_on"
    with pytest.raises(ValidationError) as err:
        finding(workspace, editor, office, inspection_id=iid, found_on=dt.date(2026, 3, 1))
    assert err.value.field == "found_on"


def test_required_fields_are_named(workspace, editor):
    for draft, field in (
            (inspections_types.InspectionDraft(inspected_on=None, kind="style", title="x"), "inspected_on"),
            (inspections_types.InspectionDraft(inspected_on=dt.date(2026, 3, 1), kind="", title="x"), "kind"),
            (inspections_types.InspectionDraft(inspected_on=dt.date(2026, 3, 1), kind="style", title=" "), "title"),
            (inspections_types.InspectionDraft(inspected_on=TODAY + dt.timedelta(days=1), kind="style", title="x"),
             "inspected_on")):
        with pytest.raises(ValidationError) as err, workspace.writing() as s:
            inspections_write.save_inspection(s, editor, draft, TODAY)
        assert err.value.field == field


def test_a_unit_limited_user_sees_system_wide_and_own_inspections_only(workspace, admin, editor):
    office = unit(workspace, admin)
    museum = unit(workspace, admin, "市博物馆", "affiliate")
    system = _inspection(workspace, admin, dt.date(2026, 3, 1))
    mine = _inspection(workspace, admin, dt.date(2026, 3, 2), units=(museum,))
    _inspection(workspace, admin, dt.date(2026, 3, 3), units=(office,))
    limited = Actor(editor.id, editor.username, editor.display_name, Role.EDITOR, frozenset({museum}))
    with workspace.reading() as s:
        assert set(inspections_query.search_inspection_ids(s, limited, inspections_types.InspectionFilter())) == {system, mine}
        assert inspections_stats.inspections_per_month(s, limited, 2026)[2] == 2
    with pytest.raises(ValidationError, match="全系统"):
        _inspection(workspace, limited, dt.date(2026, 3, 4))
    with pytest.raises(PermissionDenied):
        _inspection(workspace, limited, dt.date(2026, 3, 4), units=(office,))
    _inspection(workspace, limited, dt.date(2026, 3, 4), units=(museum,))


def test_deleting_an_inspection_without_findings(workspace, editor):
    iid = _inspection(workspace, editor, dt.date(2026, 3, 5))
    with workspace.writing() as s:
        inspections_write.delete_inspection(s, editor, iid)
    with workspace.reading() as s:
        assert inspections_query.search_inspection_ids(s, editor, inspections_types.InspectionFilter()) == []
