"""处分与组织处理: every row of the 影响期 table (reference/discipline-rules.md) counted by the month
rule — still in effect on its last day, ended the next —, the month-end clamp, 党纪 only for
members, 留党察看's 察看期, 诫勉 made by the ledger and counted once, the 需转出 transfer, filters,
figures, roles and unit limits."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pytest

from app.auth import Role, actor_of
from app.dates import add_months
from app.errors import PermissionDenied, ValidationError
from app.registers.ledger import types as ledger_types
from app.registers.ledger import write as ledger_write
from app.registers.ledger.query import get_entry, search_entry_ids
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.people.timeline import person_timeline
from app.registers.sanctions import query as sq
from app.registers.sanctions import write as sw
from app.registers.sanctions.rules import written_kinds
from app.registers.sanctions.stats import sanction_figures
from app.registers.sanctions.types import SanctionDraft, SanctionFilter
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.registers.users.write import create_user
from db.models import AuditEntry, User
from tests.conftest import PASSWORD, TODAY

D = dt.date
DECIDED = D(2024, 1, 31)  # a month's last day: the clamp shows

# (kind, months of the table, 察看期) — one line per row of discipline-rules.md's 影响期 table
PERIODS = [
    ("party_warning", 12, None), ("party_serious_warning", 18, None), ("party_post_removal", 24, None),
    ("party_probation", 24, 12), ("party_probation", 24, 24), ("expulsion", 60, None),
    ("gov_warning", 6, None), ("gov_demerit", 12, None), ("gov_major_demerit", 18, None),
    ("gov_demotion", 24, None), ("gov_removal", 24, None),
    ("inst_warning", 6, None), ("inst_demerit", 12, None), ("inst_grade_down", 24, None),
    ("reassign", 12, None), ("ordered_resign", 24, None), ("dismissal", 24, None),
    ("resign_blame", 24, None), ("demote_post", 24, None),
]


@dataclass(frozen=True)
class World:
    office: int
    museum: int
    member: int
    masses: int
    probationary: int
    curator: int


@pytest.fixture
def world(workspace, admin) -> World:
    with workspace.writing() as s:
        def unit(name, kind="office"):
            return units_write.save_unit(s, admin, units_types.UnitDraft(name=name, kind=kind))

        def person(name, unit_id, status, position="科员"):
            return people_write.save_person(s, admin, people_types.PersonDraft(
                name=name, unit_id=unit_id, position=position, political_status=status))

        office, museum = unit("办公室"), unit("市博物馆", "affiliate")
        return World(office, museum, person("张三", office, "cpc", "科长"), person("李四", office, "masses"),
                     person("王五", office, "probationary"), person("赵馆长", museum, "cpc", "馆长"))


def _save(workspace, actor, draft: SanctionDraft) -> int:
    with workspace.writing() as s:
        return sw.save_sanction(s, actor, draft, TODAY)


def _row(workspace, sanction_id: int):
    with workspace.reading() as s:
        return sq.get_sanction(s, sanction_id)


def test_add_months_counts_the_same_day_and_clamps_to_the_month_end():
    assert add_months(D(2024, 3, 15), 6) == D(2024, 9, 15)
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)   # leap year
    assert add_months(D(2023, 1, 31), 1) == D(2023, 2, 28)
    assert add_months(D(2024, 2, 29), 12) == D(2025, 2, 28)
    assert add_months(D(2024, 8, 31), 18) == D(2026, 2, 28)
    assert add_months(D(2024, 11, 30), 2) == D(2025, 1, 30)


@pytest.mark.parametrize(("kind", "months", "probation"), PERIODS,
                         ids=[f"{k}-{p or ''}" for k, _m, p in PERIODS])
def test_each_row_of_the_table_is_in_effect_on_its_last_day_and_ended_the_next(workspace, admin, world, kind,
                                                                                 months, probation):
    sid = _save(workspace, admin, SanctionDraft(person_id=world.member, kind=kind, decided_on=DECIDED,
                                                decision_organ="局党组", probation_months=probation))
    row = _row(workspace, sid)
    end = add_months(DECIDED, months + (probation or 0))
    assert row.impact_end == end
    assert end.day == min(31, end.day) and (end.day == 31 or end.month in (2, 4, 6, 9, 11) or end.day < 31)
    assert row.in_effect(end) and not row.in_effect(end + dt.timedelta(days=1))
    assert row.in_effect(DECIDED) and not row.in_effect(DECIDED - dt.timedelta(days=1))
    written = f"{end.year}年{end.month}月{end.day}日"
    assert row.reply_line(end).endswith(f"，影响期至{written}。")
    assert row.reply_line(end + dt.timedelta(days=1)) == f"曾受{row.measure}（影响期至{written}，已满）。"
    with workspace.reading() as s:
        on_end = sq.search_sanction_ids(s, admin, SanctionFilter(in_effect_on=end))
        after = sq.search_sanction_ids(s, admin, SanctionFilter(in_effect_on=end + dt.timedelta(days=1)))
    assert sid in on_end and sid not in after


def test_serious_warning_in_place_of_removal_and_suspension_carry_their_own_period(workspace, admin, world):
    serious = _save(workspace, admin, SanctionDraft(person_id=world.member, kind="party_serious_warning",
                                                    decided_on=D(2025, 8, 31), impact_months=24))
    assert _row(workspace, serious).impact_end == D(2027, 8, 31)
    suspended = _save(workspace, admin, SanctionDraft(person_id=world.member, kind="suspension",
                                                      decided_on=D(2026, 1, 5)))
    assert _row(workspace, suspended).impact_end is None  # the 停职 period not given: none assumed
    assert "无影响期" in _row(workspace, suspended).reply_line(TODAY)
    suspended = _save(workspace, admin, _row(workspace, suspended).draft(impact_months=3))
    assert _row(workspace, suspended).impact_end == D(2026, 4, 5)
    dismissed = _save(workspace, admin, SanctionDraft(person_id=world.member, kind="gov_dismissal",
                                                      decided_on=D(2026, 2, 1)))
    assert _row(workspace, dismissed).impact_end is None


def test_probation_needs_its_observation_period(workspace, admin, world):
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        sw.save_sanction(s, admin, SanctionDraft(person_id=world.member, kind="party_probation",
                                                 decided_on=D(2026, 1, 5)), TODAY)
    assert err.value.field == "probation_months"


def test_party_measures_are_for_members_only(workspace, admin, world):
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        sw.save_sanction(s, admin, SanctionDraft(person_id=world.masses, kind="party_warning",
                                                 decided_on=D(2026, 3, 1)), TODAY)
    assert err.value.field == "kind" and "群众" in err.value.message and "不是中共党员" in err.value.message
    # a 政务 measure is fine for a non-member; 预备党员 are members
    _save(workspace, admin, SanctionDraft(person_id=world.masses, kind="gov_demerit", decided_on=D(2026, 3, 1)))
    _save(workspace, admin, SanctionDraft(person_id=world.probationary, kind="party_warning",
                                          decided_on=D(2026, 3, 1)))


def test_one_decision_with_a_party_and_a_government_measure_is_two_records_the_later_end_governs(
        workspace, admin, world):
    day = D(2026, 3, 2)
    first = _save(workspace, admin, SanctionDraft(person_id=world.member, kind="party_warning", decided_on=day))
    second = _save(workspace, admin, SanctionDraft(person_id=world.member, kind="gov_major_demerit", decided_on=day))
    assert (_row(workspace, first).impact_end, _row(workspace, second).impact_end) == (D(2027, 3, 2), D(2027, 9, 2))
    assert written_kinds("给予党内警告处分，同时给予政务记过处分") == ["党内警告", "政务记过"]
    assert written_kinds("党内警告、政务记过") == ["党内警告", "政务记过"]
    assert written_kinds("记大过") == ["记大过"]


def test_the_snapshot_stays_when_the_person_moves(workspace, admin, world):
    sid = _save(workspace, admin, SanctionDraft(person_id=world.member, kind="reassign", decided_on=D(2026, 3, 1)))
    with workspace.writing() as s:
        from app.registers.people.query import get_person

        p = get_person(s, world.member)
        people_write.save_person(s, admin, people_types.PersonDraft(
            name=p.name, unit_id=world.museum, position="副馆长", political_status="cpc", id=p.id, version=p.version))
    sid = _save(workspace, admin, _row(workspace, sid).draft(facts="改正事实"))
    row = _row(workspace, sid)
    assert (row.unit_name, row.position, row.facts) == ("办公室", "科长", "改正事实")


def test_admonish_is_made_by_the_ledger_and_counted_once(workspace, admin, world):
    with pytest.raises(ValidationError) as err, workspace.writing() as s:
        sw.save_sanction(s, admin, SanctionDraft(person_id=world.member, kind="admonish", decided_on=D(2026, 3, 1)), TODAY)
    assert "第一种形态台账" in err.value.message
    with workspace.writing() as s:
        entry_id = ledger_write.save_entry(s, admin, ledger_types.LedgerDraft(
            person_id=world.member, problem="工作日午间饮酒", methods=("admonish",), decided_on=D(2026, 3, 1),
            decision_organ="局党组"), TODAY)
    with workspace.reading() as s:
        made = sq.sanctions_of_entry(s, entry_id)
        figures = sanction_figures(s, admin, SanctionFilter(), TODAY)
    assert [(m.kind, m.impact_end, m.from_ledger) for m in made] == [("admonish", D(2026, 9, 1), True)]
    assert figures.total == 0  # the ledger counts it
    with pytest.raises(ValidationError), workspace.writing() as s:
        sw.save_sanction(s, admin, made[0].draft(facts="改"), TODAY)
    with pytest.raises(ValidationError), workspace.writing() as s:
        sw.delete_sanction(s, admin, made[0].id, made[0].version)
    with workspace.writing() as s:  # the entry moves the date: the record follows; loses 诫勉: gone
        entry = get_entry(s, entry_id)
        ledger_write.save_entry(s, admin, entry.draft(decided_on=D(2026, 3, 2), impact_end=None), TODAY)
    with workspace.reading() as s:
        assert [m.impact_end for m in sq.sanctions_of_entry(s, entry_id)] == [D(2026, 9, 2)]
    with workspace.writing() as s:
        entry = get_entry(s, entry_id)
        ledger_write.save_entry(s, admin, entry.draft(methods=("criticism",), impact_end=None), TODAY)
    with workspace.reading() as s:
        assert sq.sanctions_of_entry(s, entry_id) == []
    with workspace.writing() as s:
        entry = get_entry(s, entry_id)
        ledger_write.save_entry(s, admin, entry.draft(methods=("admonish",), impact_end=None), TODAY)
    with workspace.writing() as s:
        entry = get_entry(s, entry_id)
        ledger_write.delete_entry(s, admin, entry_id, entry.version)
    with workspace.reading() as s:
        assert sq.search_sanction_ids(s, admin, SanctionFilter(kind="admonish")) == []


def test_a_wrongly_filed_second_form_entry_becomes_a_sanction_and_leaves_the_transfer_list(workspace, admin, world):
    with workspace.writing() as s:
        entry_id = ledger_write.save_entry(s, admin, ledger_types.LedgerDraft(
            person_id=world.member, problem="收受礼金", methods=("criticism", "warning"), decided_on=D(2026, 4, 1),
            decision_organ="局机关纪委", confirm_second_form=True), TODAY)
    with workspace.reading() as s:
        drafts = sq.transfer_drafts(s, entry_id)
        waiting = search_entry_ids(s, admin, ledger_types.LedgerFilter(view=ledger_types.TRANSFER))
    assert [(d.kind, d.decided_on, d.facts, d.ledger_entry_id) for d in drafts] == [
        ("party_warning", D(2026, 4, 1), "收受礼金", entry_id)]
    assert entry_id in waiting
    sid = _save(workspace, admin, drafts[0])
    with workspace.reading() as s:
        assert entry_id not in search_entry_ids(s, admin, ledger_types.LedgerFilter(view=ledger_types.TRANSFER))
        assert entry_id not in search_entry_ids(s, admin, ledger_types.LedgerFilter(view=ledger_types.FILED))
        assert get_entry(s, entry_id).transferred
    assert _row(workspace, sid).impact_end == D(2027, 4, 1)


def test_filters_figures_and_the_timeline(workspace, admin, world):
    for person, kind, day in ((world.member, "party_warning", D(2025, 9, 1)), (world.member, "gov_demerit", D(2025, 9, 1)),
                              (world.curator, "reassign", D(2024, 2, 1)), (world.masses, "gov_warning", D(2026, 2, 3))):
        _save(workspace, admin, SanctionDraft(person_id=person, kind=kind, decided_on=day, decision_organ="局党组",
                                              facts="违规发放津贴补贴"))
    with workspace.reading() as s:
        def ids(**kw):
            return sq.search_sanction_ids(s, admin, SanctionFilter(**kw))

        assert len(ids()) == 4 and len(ids(year=2025)) == 2 and len(ids(unit_id=world.museum)) == 1
        assert len(ids(family="party")) == 1 and len(ids(form=2)) == 4 and len(ids(text="津贴")) == 4
        assert len(ids(in_effect_on=TODAY)) == 3  # the 2024 调整职务 ended 2025-02-01
        figures = sanction_figures(s, admin, SanctionFilter(), TODAY)
        timeline = person_timeline(s, admin, world.member)
    assert (figures.total, figures.second_form, figures.in_effect) == (4, 4, 3)
    assert [(k.label, k.count) for k in figures.kinds_of_form(2)][:1] == [("党内警告", 1)]
    assert {(i.register, i.kind) for i in timeline} >= {("sanctions", "党内警告"), ("sanctions", "政务记过")}


def test_roles_and_unit_limits(workspace, admin, viewer, world):
    with workspace.writing() as s:
        create_user(s, admin, "museum", PASSWORD, Role.EDITOR, "博物馆纪检员", [world.museum])
        clerk = actor_of(s.query(User).filter_by(username="museum").one())
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        sw.save_sanction(s, viewer, SanctionDraft(person_id=world.member, kind="reassign", decided_on=D(2026, 1, 5)), TODAY)
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        sw.save_sanction(s, clerk, SanctionDraft(person_id=world.member, kind="reassign", decided_on=D(2026, 1, 5)), TODAY)
    own = _save(workspace, clerk, SanctionDraft(person_id=world.curator, kind="reassign", decided_on=D(2026, 1, 5)))
    _save(workspace, admin, SanctionDraft(person_id=world.member, kind="reassign", decided_on=D(2026, 1, 5)))
    with workspace.reading() as s:
        assert sq.search_sanction_ids(s, clerk, SanctionFilter()) == [own]
        assert len(sq.search_sanction_ids(s, admin, SanctionFilter())) == 2
        rows = s.query(AuditEntry).filter_by(entity="sanctions", action="create").count()
    assert rows == 2
    with pytest.raises(ValidationError), workspace.writing() as s:
        row = sq.get_sanction(s, own)
        sw.save_sanction(s, clerk, replace(row.draft(), decided_on=TODAY + dt.timedelta(days=1)), TODAY)
