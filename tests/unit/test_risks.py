"""The risk register: levels kept across years, the annual 排查, 防控等级, what counts."""
from __future__ import annotations

import random

import pytest

from app.auth import Actor
from app.errors import PermissionDenied, ValidationError
from app.registers.risks import review, stats
from app.registers.risks.query import (
    count_by_level,
    get_risk,
    level_history,
    point_years,
    risk_rows,
    search_risk_ids,
)
from app.registers.risks.rules import parse_level, split_measures, suggest_level
from app.registers.risks.types import RiskDraft, RiskFilter
from app.registers.risks.write import (
    confirm_risk,
    reinstate_risk,
    retire_risk,
    save_risk,
)
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from tests.conftest import TODAY
from tests.helpers import dump_tables, query_sql

RISK_TABLES = ["risk_points", "risk_assessments", "risk_measures", "risk_level_changes"]


def _unit(ws, actor, name, kind="office"):
    with ws.writing() as s:
        return units_write.save_unit(s, actor, units_types.UnitDraft(name=name, kind=kind))


def _add(ws, actor, unit, name, year, level, status="confirmed", **kw):
    with ws.writing() as s:
        return save_risk(s, actor, RiskDraft(unit_id=unit, name=name, year=year, category="duty",
                                             level=level, status=status, **kw), TODAY)


def _relevel(ws, actor, assessment_id, level, reason=""):
    with ws.reading() as s:
        row = get_risk(s, assessment_id)
    with ws.writing() as s:
        return save_risk(s, actor, RiskDraft(
            unit_id=row.unit_id, name=row.name, year=row.year, category=row.category, level=level,
            post=row.post, measures=row.measures, level_reason=reason, id=row.id,
            version=row.version, point_version=row.point_version), TODAY)


def _year_rows(ws, actor, year, **kw):
    with ws.reading() as s:
        return risk_rows(s, search_risk_ids(s, actor, RiskFilter(year=year, **kw), sort="code"))


def _draft_of(ws, actor, name, year):
    return next(r for r in _year_rows(ws, actor, year, status="all") if r.name == name)


def test_level_changes_are_kept_across_years_with_reason_date_and_who(workspace, editor):
    office = _unit(workspace, editor, "办公室")
    first = _add(workspace, editor, office, "公务接待", 2024, 3, measures=("执行接待清单", "一事一结"))
    with workspace.writing() as s:
        review.start_review(s, editor, 2025, TODAY)
    draft = _draft_of(workspace, editor, "公务接待", 2025)
    assert draft.status == "draft" and draft.measures == ("执行接待清单", "一事一结")

    before = dump_tables(workspace, RISK_TABLES)
    with pytest.raises(ValidationError) as refused:
        _relevel(workspace, editor, draft.id, 2)
    assert refused.value.field == "level_reason" and "三级调整为二级" in str(refused.value)
    assert dump_tables(workspace, RISK_TABLES) == before

    _relevel(workspace, editor, draft.id, 2, "接待任务增加")
    with workspace.writing() as s:
        review.confirm_review(s, editor, 2025)
        review.start_review(s, editor, 2026, TODAY)
    _relevel(workspace, editor, _draft_of(workspace, editor, "公务接待", 2026).id, 1, "巡察指出问题")

    point = get_risk_point(workspace, first)
    with workspace.reading() as s:
        history = level_history(s, point)
        years = point_years(s, point)
    assert [(h.year, h.from_level, h.to_level, h.reason) for h in history] == [
        (2024, None, 3, "首次评定"), (2025, 3, 2, "接待任务增加"), (2026, 2, 1, "巡察指出问题")]
    assert all(h.user_name == "录入员乙" and h.changed_on == TODAY for h in history)
    assert [(y.year, y.level, y.status) for y in years] == [
        (2024, 3, "confirmed"), (2025, 2, "confirmed"), (2026, 1, "draft")]


def get_risk_point(ws, assessment_id):
    with ws.reading() as s:
        return get_risk(s, assessment_id).point_id


def test_review_shows_new_relevelled_retired_and_drafts_count_nowhere(workspace, editor):
    office, museum = _unit(workspace, editor, "办公室"), _unit(workspace, editor, "市博物馆", "affiliate")
    for name, level in (("公务接待", 2), ("公车管理", 3), ("干部选拔", 1)):
        _add(workspace, editor, office, name, 2025, level)
    _add(workspace, editor, museum, "藏品管理", 2025, 2)
    gone = _add(workspace, editor, museum, "已撤销的窗口", 2025, 3)
    with workspace.writing() as s:
        retire_risk(s, editor, gone, reason="窗口撤销")
        started = review.start_review(s, editor, 2026, TODAY)
    assert (started.source_year, started.copied, started.already) == (2025, 4, 0)

    _relevel(workspace, editor, _draft_of(workspace, editor, "公务接待", 2026).id, 1, "职权扩大")
    with workspace.writing() as s:
        retire_risk(s, editor, _draft_of(workspace, editor, "公车管理", 2026).id, reason="车改")
    _add(workspace, editor, office, "网络安全", 2026, 2, status="draft")

    with workspace.reading() as s:
        diff = {u.unit_name: {i.name: (i.change, i.from_level, i.to_level) for i in u.items}
                for u in review.review_diff(s, editor, 2026)}
        # Drafts count nowhere: 2026 has no confirmed assessment yet.
        assert stats.latest_confirmed_year(s) == 2025
        assert stats.risk_levels_by_unit(s, editor, 2026) == []
        assert stats.control_levels(s, editor, 2026) == {}
        assert count_by_level(s, editor, RiskFilter(year=2026)) == {1: 0, 2: 0, 3: 0}
        assert stats.year_totals(s, editor, None) == {1: 1, 2: 2, 3: 1}  # 2025, the default year
    assert diff == {
        "办公室": {"公务接待": ("relevel", 2, 1), "公车管理": ("retired", 3, 3),
                "干部选拔": ("same", 1, 1), "网络安全": ("new", None, 2)},
        "市博物馆": {"藏品管理": ("same", 2, 2)},
    }
    with workspace.writing() as s:  # a second start copies nothing more
        assert review.start_review(s, editor, 2026, TODAY).already == 4

    with workspace.writing() as s:
        assert review.confirm_review(s, editor, 2026, office) == 3
    with workspace.reading() as s:
        assert stats.latest_confirmed_year(s) == 2026
        by_unit = {u.unit_name: u.counts for u in stats.risk_levels_by_unit(s, editor, 2026)}
        assert by_unit == {"办公室": (2, 1, 0)}  # the museum's draft still counts nowhere
    with workspace.writing() as s:
        assert review.confirm_review(s, editor, 2026) == 1
    with workspace.reading() as s:
        assert {u.unit_name: u.counts for u in stats.risk_levels_by_unit(s, editor, 2026)} == \
            {"办公室": (2, 1, 0), "市博物馆": (0, 1, 0)}


def test_control_level_is_the_highest_confirmed_level_of_the_units_own_points(workspace, editor):
    office, finance, museum = (_unit(workspace, editor, n) for n in ("办公室", "财务科", "市博物馆"))
    _add(workspace, editor, office, "公车管理", 2026, 3)
    _add(workspace, editor, office, "公务接待", 2026, 2)
    _add(workspace, editor, finance, "资金拨付", 2026, 1)
    _add(workspace, editor, finance, "票据管理", 2026, 3)
    _add(workspace, editor, museum, "藏品管理", 2026, 1, status="draft")  # a draft: no 一级
    retired = _add(workspace, editor, museum, "门票收入", 2026, 1)
    _add(workspace, editor, museum, "物资采购", 2026, 3)
    with workspace.writing() as s:
        retire_risk(s, editor, retired)
    with workspace.reading() as s:
        assert stats.control_levels(s, editor, 2026) == {office: 2, finance: 1, museum: 3}
        assert stats.top_control_units(s, editor, 2026) == [finance]
    top = _year_rows(workspace, editor, 2026, top_control_only=True)
    assert sorted(r.name for r in top) == ["票据管理", "资金拨付"]  # every point of 财务科


def test_chart_counts_equal_a_direct_count_per_unit_and_level(workspace, editor):
    rng = random.Random(7)
    units = [_unit(workspace, editor, f"单位{i}", rng.choice(["office", "affiliate"])) for i in range(6)]
    with workspace.writing() as s:
        for n in range(80):
            aid = save_risk(s, editor, RiskDraft(
                unit_id=rng.choice(units), name=f"风险点{n}", year=rng.choice([2025, 2026]),
                category="duty", level=rng.choice([1, 2, 3]),
                status=rng.choice(["confirmed", "confirmed", "draft"])), TODAY)
            if rng.random() < 0.1:
                retire_risk(s, editor, aid)
    direct = {}
    for unit, level, n in query_sql(
            workspace,
            "SELECT p.unit_id, a.level, COUNT(*) FROM risk_assessments a JOIN risk_points p "
            "ON a.risk_point_id = p.id JOIN units u ON u.id = p.unit_id "
            "WHERE a.year = 2026 AND a.status = 'confirmed' AND u.kind = 'affiliate' GROUP BY 1, 2"):
        direct[(unit, level)] = n
    with workspace.reading() as s:
        data = stats.risk_levels_by_unit(s, editor, 2026, "affiliate")
    charted = {(u.unit_id, level): u.count(level) for u in data for level in (1, 2, 3) if u.count(level)}
    assert charted == direct and direct
    assert [u.counts for u in data] == sorted((u.counts for u in data), key=lambda c: (-c[0], -c[1], -c[2]))


def test_retire_and_reinstate_never_delete(workspace, editor):
    office = _unit(workspace, editor, "办公室")
    aid = _add(workspace, editor, office, "公务接待", 2026, 2)
    with workspace.writing() as s:
        retire_risk(s, editor, aid, reason="职能划转")
    assert _year_rows(workspace, editor, 2026) == []
    assert [r.status_label for r in _year_rows(workspace, editor, 2026, status="retired")] == ["已停用"]
    with workspace.writing() as s, pytest.raises(ValidationError):
        confirm_risk(s, editor, aid)
    with workspace.writing() as s:
        reinstate_risk(s, editor, aid)
    assert [r.status for r in _year_rows(workspace, editor, 2026)] == ["confirmed"]


def test_a_new_point_must_not_duplicate_one_of_its_unit(workspace, editor):
    office = _unit(workspace, editor, "办公室")
    _add(workspace, editor, office, "公务接待", 2026, 2, code="BGS-01")
    with pytest.raises(ValidationError) as same_name:
        _add(workspace, editor, office, "公务接待", 2026, 3)
    assert same_name.value.field == "name"
    with pytest.raises(ValidationError) as same_code:
        _add(workspace, editor, office, "公车管理", 2026, 3, code="BGS-01")
    assert same_code.value.field == "code"
    auto = _add(workspace, editor, office, "公车管理", 2026, 3)
    with workspace.reading() as s:
        assert get_risk(s, auto).code == "FX2026-0001"


def test_likelihood_and_consequence_go_together_and_suggest_a_level(workspace, editor):
    office = _unit(workspace, editor, "办公室")
    with pytest.raises(ValidationError) as half:
        _add(workspace, editor, office, "公务接待", 2026, 2, likelihood=3)
    assert half.value.field == "consequence"
    assert [suggest_level(4, 4, [15, 8]), suggest_level(3, 3, [15, 8]), suggest_level(2, 3, [15, 8]),
            suggest_level(None, 5, [15, 8])] == [1, 2, 3, None]


def test_levels_and_measures_as_offices_write_them():
    assert [parse_level(w) for w in ("一级", "1", 2.0, "高", "高风险", "Ⅲ级", "中", "低风险", "四级")] == \
        [1, 1, 2, 1, 1, 3, 2, 3, None]
    assert parse_level("红", {"1": "红", "2": "橙", "3": "黄"}) == 1
    assert split_measures("1.严格审批，集体决策；2、结果公示\n3．定期检查") == \
        ("严格审批，集体决策", "结果公示", "定期检查")
    assert split_measures("（1）专人保管（2）定期核对") == ("专人保管", "定期核对")
    assert split_measures("严格执行招标程序，实行集体决策") == ("严格执行招标程序，实行集体决策",)
    assert split_measures("双人签字；账物核对") == ("双人签字", "账物核对")
    assert split_measures("双人签字\n账物核对\n") == ("双人签字", "账物核对")


def test_roles_units_and_closed_years(workspace, admin, editor, viewer):
    from app.registers.users.write import create_user
    from db.models import YearClosure

    office, museum = _unit(workspace, admin, "办公室"), _unit(workspace, admin, "市博物馆", "affiliate")
    _add(workspace, admin, office, "公务接待", 2025, 2)
    _add(workspace, admin, museum, "藏品管理", 2025, 1)
    with pytest.raises(PermissionDenied):
        _add(workspace, viewer, office, "公车管理", 2025, 3)
    with workspace.writing() as s:
        uid = create_user(s, admin, "bwg", "secret-pass", editor.role, "博物馆", [museum])
    limited = Actor(uid, "bwg", "博物馆", editor.role, frozenset({museum}))
    assert [r.name for r in _year_rows(workspace, limited, 2025)] == ["藏品管理"]
    with workspace.reading() as s:
        assert [u.unit_name for u in stats.risk_levels_by_unit(s, limited, 2025)] == ["市博物馆"]
    with pytest.raises(PermissionDenied):
        _add(workspace, limited, office, "公车管理", 2025, 3)

    with workspace.writing() as s:
        s.add(YearClosure(year=2025, closed_by="admin"))
    with pytest.raises(PermissionDenied):
        _add(workspace, editor, office, "公车管理", 2025, 3)
    with pytest.raises(ValidationError):
        _add(workspace, admin, office, "公车管理", 2025, 3)
    _add(workspace, admin, office, "公车管理", 2025, 3, correction_reason="漏登")
    with workspace.reading() as s:
        assert stats.latest_confirmed_year(s) == 2025


def test_first_screen_is_the_head_of_the_whole_list_and_by_unit_the_stated_order(workspace, editor):
    """The page's first screen (`limit=`) is the whole list's head under filters and sorts
    both ways, and by unit — read with the units as the outer loop since 人员与单位's 0018
    indexes — the order is the stated one: units by kind, sort order and name (the kinds
    reversed when descending), then level, code, id."""
    from app.registers.units.query import list_units
    from app.registers.units.types import UNIT_KIND_ORDER
    from ui.pages.risks_page import _columns

    units = []
    for name, kind, order in (("乙科", "office", 2), ("甲科", "office", 2), ("办公室", "office", 1),
                              ("丙馆", "affiliate", 0), ("甲馆", "affiliate", 0), ("协会", "other", 5)):
        with workspace.writing() as s:
            units.append(units_write.save_unit(s, editor, units_types.UnitDraft(name=name, kind=kind, sort_order=order)))
    for number in range(30):
        code = f"FX-{(number * 7) % 30:02d}"
        _add(workspace, editor, units[(number * 5) % len(units)], f"风险点{number:02d}", 2026, 1 + number % 3,
             code=code, status="draft" if number % 8 == 3 else "confirmed")
    sorts = [c.sort_key for c in _columns(workspace.settings) if c.sort_key]
    filters = [RiskFilter(year=2026), RiskFilter(year=2026, level=2), RiskFilter(year=2026, unit_kind="affiliate"),
               RiskFilter(year=2026, status="all"), RiskFilter(year=2026, text="风险点1")]
    with workspace.reading() as s:
        placed = {u.id: (UNIT_KIND_ORDER.get(u.kind, 9), u.sort_order, u.name) for u in list_units(s)}
        for filt in filters:
            for sort in sorts:
                for descending in (False, True):
                    whole = search_risk_ids(s, editor, filt, sort, descending)
                    assert whole, (filt, sort)
                    for limit in (1, 4, 11):
                        assert search_risk_ids(s, editor, filt, sort, descending, limit=limit) == whole[:limit]
            for descending in (False, True):
                rows = risk_rows(s, search_risk_ids(s, editor, filt, "code"))

                def stated(row, descending=descending):  # noqa: ANN001, ANN202
                    rank, order, name = placed[row.unit_id]
                    return (-rank if descending else rank, order, name, row.level, row.code, row.id)

                expected = [r.id for r in sorted(rows, key=stated)]
                assert search_risk_ids(s, editor, filt, "unit", descending) == expected, (filt, descending)
