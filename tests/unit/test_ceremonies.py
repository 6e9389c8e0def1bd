"""婚丧喜庆报备: late reports in working days (调休 and 放假 counted as the office counts them), the
snapshot of the reporter, the reminder talk through the talks service, filters, roles, timeline."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from app.auth import Role, actor_of
from app.errors import PermissionDenied, StaleRecord, ValidationError
from app.registers.ceremonies import query as ceremonies_query
from app.registers.ceremonies import write as ceremonies_write
from app.registers.ceremonies.rules import timeliness
from app.registers.ceremonies.types import CeremonyDraft, CeremonyFilter
from app.registers.holidays.query import work_calendar
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.people.timeline import person_timeline
from app.registers.talks.query import get_talk
from app.registers.talks.types import ParticipantDraft
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.registers.users.write import create_user
from db.models import AuditEntry, CeremonyReport, User, YearClosure
from tests.conftest import PASSWORD, TODAY
from tests.query_plans import plan_of_select

D = dt.date


@dataclass(frozen=True)
class Bureau:
    office: int
    finance: int
    museum: int
    museum_desk: int
    chief: int
    zhang_san: int
    wang_wu: int


@pytest.fixture
def bureau(workspace, admin) -> Bureau:
    with workspace.writing() as s:
        def unit(name, kind, parent=None):
            return units_write.save_unit(s, admin, units_types.UnitDraft(name=name, kind=kind, parent_id=parent))

        def person(name, unit_id, position=""):
            return people_write.save_person(s, admin, people_types.PersonDraft(name=name, unit_id=unit_id, position=position))

        office, finance, museum = unit("办公室", "office"), unit("财务科", "office"), unit("市博物馆", "affiliate")
        desk = unit("博物馆保卫部", "affiliate", museum)
        return Bureau(office, finance, museum, desk, person("周书记", office, "机关纪委书记"),
                      person("张三", finance, "科长"), person("王五", desk, "保卫干事"))


def _draft(b: Bureau, **kw) -> CeremonyDraft:
    values = dict(person_id=b.zhang_san, kind="wedding", event_date=D(2026, 7, 18), reported_on=D(2026, 6, 15),
                  place="锦江饭店", tables=12, guests=120)
    values.update(kw)
    return CeremonyDraft(**values)


def _save(ws, actor, draft, today=TODAY) -> int:
    with ws.writing() as s:
        return ceremonies_write.save_report(s, actor, draft, today)


def _row(ws, report_id):
    with ws.reading() as s:
        return ceremonies_query.get_report(s, report_id)


# ---- the rule, in working days -----------------------------------------------------------------


def test_late_report_counted_in_working_days_across_spring_festival_and_its_adjusted_saturday(workspace):
    """A wedding on Sunday 2026-03-01. Seven working days back: Sat 02-28 (a 调休 working day),
    02-27 … 02-24, then the 春节 放假 (02-15 – 02-23) does not count, then Sat 02-14 (调休) and
    Fri 02-13: the report was due by 02-13, not by 02-18 as Monday–Friday counting would say."""
    with workspace.reading() as s:
        calendar = work_calendar(s, [2025, 2026, 2027])
    event = D(2026, 3, 1)
    on_time = timeliness(calendar, "wedding", event, D(2026, 2, 13))
    assert (on_time.deadline, on_time.late, on_time.lead, on_time.text) == (D(2026, 2, 13), False, 7, "提前 7 个工作日")
    # The 调休 Saturday is a working day: a report on it is one working day late.
    saturday = timeliness(calendar, "wedding", event, D(2026, 2, 14))
    assert (saturday.late_days, saturday.text) == (1, "迟报 1 个工作日")
    # Nine holiday days later it is only two working days late (02-14 and 02-24).
    after_holiday = timeliness(calendar, "wedding", event, D(2026, 2, 24))
    assert (after_holiday.late_days, after_holiday.lead) == (2, 5)
    # Ten working days ahead is fine too (the rule says 7–10).
    assert not timeliness(calendar, "other", event, D(2026, 2, 10)).late


def test_funeral_may_be_reported_after_within_ten_working_days_qingming_not_counted(workspace):
    with workspace.reading() as s:
        calendar = work_calendar(s, [2025, 2026, 2027])
    funeral = D(2026, 4, 3)  # Friday before the 清明 放假 (04-04 – 04-06)
    in_time = timeliness(calendar, "funeral", funeral, D(2026, 4, 17))
    assert (in_time.late, in_time.after_event, in_time.text) == (False, True, "事后第 9 个工作日补报")
    assert in_time.deadline == D(2026, 4, 20)
    late = timeliness(calendar, "funeral", funeral, D(2026, 4, 22))
    assert (late.late_days, late.text) == (2, "补报超期 2 个工作日")
    # A wedding reported after it is late, not a 补报.
    assert timeliness(calendar, "wedding", funeral, D(2026, 4, 7)).late


# ---- the register --------------------------------------------------------------------------------


def test_report_keeps_reporters_unit_and_position_of_the_day(workspace, editor, bureau):
    report_id = _save(workspace, editor, _draft(bureau))
    row = _row(workspace, report_id)
    assert (row.person_display, row.unit_id, row.kind_label, row.scale_text) == (
        "张三（财务科·科长）", bureau.finance, "婚嫁", "12 桌 / 约 120 人")
    assert not row.late and row.timing_text.startswith("提前")
    with workspace.writing() as s:
        people_write.record_position_change(s, editor, people_types.PositionChangeDraft(
            bureau.zhang_san, D(2026, 6, 10), bureau.museum, "副馆长"), TODAY)
    # Moved forward to 06-24: due 7 working days before, the 端午 放假 (06-19 – 06-21) not counted.
    _save(workspace, editor, row.draft(place="市文化宫", event_date=D(2026, 6, 24)))
    row = _row(workspace, report_id)
    assert (row.person_display, row.place) == ("张三（财务科·科长）", "市文化宫")
    assert (row.timing.deadline, row.timing_text) == (D(2026, 6, 12), "迟报 1 个工作日")
    with workspace.reading() as s:
        actions = [a.action for a in s.query(AuditEntry).filter_by(entity="ceremony_reports")]
    assert actions == ["create", "update"]


def test_validation_names_the_field(workspace, editor, bureau):
    cases = [(dict(person_id=None), "person_id"), (dict(kind="no_such_kind"), "kind"), (dict(relation="cousin"), "relation"),
             (dict(reported_on=D(2026, 6, 16)), "reported_on"), (dict(tables=-1), "tables"),
             (dict(guests=50000), "guests"), (dict(event_date=None), "event_date")]
    for change, field in cases:
        with pytest.raises(ValidationError) as error, workspace.writing() as s:
            ceremonies_write.save_report(s, editor, _draft(bureau, **change), TODAY)
        assert error.value.field == field, change


def test_stale_copy_and_closed_year(workspace, editor, admin, bureau):
    report_id = _save(workspace, editor, _draft(bureau))
    row = _row(workspace, report_id)
    _save(workspace, editor, row.draft(notes="已核实"))
    with pytest.raises(StaleRecord), workspace.writing() as s:
        ceremonies_write.save_report(s, editor, row.draft(notes="另一人"), TODAY)
    old = _save(workspace, editor, _draft(bureau, event_date=D(2025, 10, 2), reported_on=D(2025, 9, 15)))
    with workspace.writing() as s:
        s.add(YearClosure(year=2025, closed_by="admin"))
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        ceremonies_write.delete_report(s, editor, old)
    with pytest.raises(ValidationError), workspace.writing() as s:
        ceremonies_write.save_report(s, admin, _row(workspace, old).draft(notes="更正"), TODAY)
    _save(workspace, admin, _row(workspace, old).draft(notes="更正", correction_reason="桌数录错"))
    assert _row(workspace, old).notes == "更正"


def test_filters_late_concerns_unit_and_limited_user(workspace, admin, editor, bureau):
    on_time = _save(workspace, editor, _draft(bureau))
    late = _save(workspace, editor, _draft(bureau, person_id=bureau.wang_wu, kind="other",
                                           event_date=D(2026, 6, 20), reported_on=D(2026, 6, 15),
                                           public_car=True))
    funeral = _save(workspace, editor, _draft(bureau, kind="funeral", event_date=D(2026, 6, 8),
                                              reported_on=D(2026, 6, 12), tables=None, guests=None))

    def ids(actor=editor, limit=None, **kw):
        with workspace.reading() as s:
            return ceremonies_query.search_report_ids(s, actor, CeremonyFilter(**kw), limit=limit)

    assert ids() == [on_time, late, funeral]  # newest event first
    assert ids(limit=2) == [on_time, late]  # a page's first screen: the same order, cut
    assert ids(late_only=True) == [late] == ids(late_only=True, limit=1)
    assert ids(concerns_only=True) == [late]
    assert ids(unit_id=bureau.museum) == [late]  # the units below count
    assert ids(kind="funeral") == [funeral]
    assert ids(text="锦江", year=2026) == [on_time, late, funeral]
    with workspace.reading() as s:
        figures = ceremonies_query.ceremony_figures(s, editor, CeremonyFilter())
    assert (figures.total, figures.late, figures.concerns, figures.with_talk) == (3, 1, 1, 0)
    with workspace.writing() as s:
        create_user(s, admin, "museum", PASSWORD, Role.EDITOR, "博物馆纪检", [bureau.museum, bureau.museum_desk])
    with workspace.reading() as s:
        limited = actor_of(s.query(User).filter_by(username="museum").one())
    assert ids(limited) == [late]
    with workspace.reading() as s:  # the search everything box keeps to the user's units too
        from app.search import search_everything

        hits = search_everything(s, limited, "锦江").groups
    assert [(label, [h.record_id for h in found]) for label, found, _ in hits] == [("婚丧喜庆报备", [late])]
    with pytest.raises(PermissionDenied), workspace.writing() as s:
        ceremonies_write.save_report(s, limited, _draft(bureau), TODAY)


def test_reminder_talk_is_created_through_the_talks_service_and_linked(workspace, editor, bureau):
    report_id = _save(workspace, editor, _draft(bureau))
    row = _row(workspace, report_id)
    draft = ceremonies_query.reminder_talk_draft(row, D(2026, 6, 15), (ParticipantDraft(person_id=bureau.chief),))
    assert (draft.kind, draft.reason, draft.talkees[0].person_id) == ("reminder", "ceremony", bureau.zhang_san)
    with workspace.writing() as s:
        talk_id = ceremonies_write.create_reminder_talk(s, editor, report_id, row.version, draft, TODAY)
    row = _row(workspace, report_id)
    with workspace.reading() as s:
        talk = get_talk(s, talk_id)
        figures = ceremonies_query.ceremony_figures(s, editor, CeremonyFilter())
    assert row.talk_id == talk_id and row.talk_label == "2026-06-15 提醒谈话（谈话人：周书记）"
    assert talk.talkee_text == "张三（财务科·科长）" and "不得动用公款" in talk.content
    assert figures.with_talk == 1
    with workspace.reading() as s:
        assert ceremonies_query.search_report_ids(s, editor, CeremonyFilter(without_talk=True)) == []
        assert (talk_id, "2026-06-15 提醒谈话（婚丧喜庆报备）") in ceremonies_query.candidate_talks(s, bureau.zhang_san, row.event_date)
    # A talk without the reporter is not linked, and nothing is written (both or neither).
    other = _save(workspace, editor, _draft(bureau, person_id=bureau.wang_wu))
    with pytest.raises(ValidationError), workspace.writing() as s:
        ceremonies_write.create_reminder_talk(s, editor, other, None, draft, TODAY)
    with pytest.raises(ValidationError) as error, workspace.writing() as s:
        ceremonies_write.save_report(s, editor, _row(workspace, other).draft(talk_id=talk_id), TODAY)
    assert error.value.field == "talk_id"


def test_timeline_shows_the_report_on_the_event_day(workspace, editor, bureau):
    report_id = _save(workspace, editor, _draft(bureau, event_date=D(2026, 6, 24), subordinate_gifts=True))
    with workspace.reading() as s:
        items = [i for i in person_timeline(s, editor, bureau.zhang_san) if i.register == "ceremonies"]
    assert [(i.day, i.kind, i.record_id) for i in items] == [(D(2026, 6, 24), "报备·婚嫁", report_id)]
    assert "迟报 1 个工作日" in items[0].summary and "涉及收受下属及管理服务对象礼金" in items[0].summary


# ---- Excel in and out ------------------------------------------------------------------------------


def test_excel_export_imports_back_unchanged_even_after_the_reporter_moved(workspace, editor, bureau, tmp_path):
    from openpyxl import load_workbook

    from app.excel.importer import commit_import, plan_import
    from app.excel.writer import export_register

    late = _save(workspace, editor, _draft(bureau, event_date=D(2026, 6, 24), public_funds=True))
    _save(workspace, editor, _draft(bureau, person_id=bureau.wang_wu, kind="funeral", event_date=D(2026, 6, 1),
                                    reported_on=D(2026, 6, 3), tables=None, guests=None))
    with workspace.writing() as s:
        people_write.record_position_change(s, editor, people_types.PositionChangeDraft(
            bureau.zhang_san, D(2026, 6, 14), bureau.museum, "副馆长"), TODAY)
    path = tmp_path / "报备.xlsx"
    with workspace.writing() as s:
        assert export_register(s, editor, "ceremonies", path, bureau="测试局", year=2026, today=TODAY) == 2
    sheet = load_workbook(path).active
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=1, max_row=sheet.max_row)]
    assert rows[0][0] == "测试局2026年婚丧喜庆事宜报备登记表"
    header = rows[next(i for i, r in enumerate(rows) if r[0] == "姓名")]
    data = {r[0]: dict(zip(header, r)) for r in rows if r[0] in ("张三", "王五")}
    assert data["张三"]["单位"] == "财务科" and data["张三"]["报备时限"] == "迟报 1 个工作日"
    assert data["张三"]["动用公款"] == "是" and data["王五"]["报备时限"] == "事后第 2 个工作日补报"
    with workspace.reading() as s:
        plan = plan_import(s, editor, "ceremonies", path, today=TODAY)
    assert plan.ok and {r.action for r in plan.rows} == {"unchanged"}
    # An edited cell updates the report it matches; a new row adds one; an unknown person is rejected.
    book = load_workbook(path)
    ws_ = book.active
    header_row = next(r for r in range(1, ws_.max_row + 1) if ws_.cell(r, 1).value == "姓名")
    column = {ws_.cell(header_row, c).value: c for c in range(1, ws_.max_column + 1)}
    for r in range(header_row + 1, ws_.max_row + 1):
        if ws_.cell(r, 1).value == "张三":
            ws_.cell(r, column["桌数"]).value = 15

    def row(**cells: object) -> list[object]:
        line = [None] * len(column)
        for name, value in cells.items():
            line[column[name] - 1] = value
        return line

    ws_.append(row(姓名="王五", 单位="博物馆保卫部", 事项="其他喜庆", 当事人关系="子女", 举办日期="2026-09-10",
                   举办地点="文化宫", 桌数=5, 人数=50, 报备日期="2026-06-15"))
    ws_.append(row(姓名="赵六", 事项="婚", 举办日期="2026-09-10", 桌数=5, 人数=50, 报备日期="2026-06-15"))
    book.save(path)
    with workspace.reading() as s:
        plan = plan_import(s, editor, "ceremonies", path, today=TODAY)
    assert sorted(r.action for r in plan.rows) == ["add", "unchanged", "update"]
    assert [r.reason for r in plan.rejected] == ["姓名“赵六”不在人员名册中。"]
    ws_.delete_rows(ws_.max_row)
    book.save(path)
    with workspace.writing() as s:
        plan = plan_import(s, editor, "ceremonies", path, today=TODAY)
        commit_import(s, editor, plan)
    row = _row(workspace, late)
    assert row.tables == 15 and row.person_display == "张三（财务科·科长）"
    with workspace.reading() as s:
        assert len(ceremonies_query.search_report_ids(s, editor, CeremonyFilter())) == 3


def test_stored_late_flag_follows_the_holiday_table_outside_the_seal(workspace, workspace_location, admin, editor,
                                                                      bureau, capsys):
    """仅迟报 filters on a stored flag: worked out on save, and again when the 放假/调休 table
    changes. A wedding on Sunday 2026-03-01 reported on 02-13 is on time while Saturday 02-28 is
    a 调休 working day (the first test); taking that 调休 day away moves the deadline to 02-12 and
    the report becomes late — without an edit of the report: its version stays, its seal still
    checks (the flag is outside it), the holiday change is the audit row. Put back, on time."""
    from app.cli.main import main as cli_main
    from app.registers.holidays import write as holidays_write

    report = _save(workspace, editor, _draft(bureau, event_date=D(2026, 3, 1), reported_on=D(2026, 2, 13)))

    with workspace.reading() as s:
        assert not ceremonies_query.get_report(s, report).late
        assert s.get(CeremonyReport, report).late is False
        version = s.get(CeremonyReport, report).version
        assert ceremonies_query.search_report_ids(s, admin, CeremonyFilter(late_only=True)) == []
    with workspace.writing() as s:
        holidays_write.set_workday(s, admin, D(2026, 2, 28), "spring", False)
    with workspace.reading() as s:
        stored = s.get(CeremonyReport, report)
        assert stored.late is True and stored.version == version  # moved, not edited
        assert ceremonies_query.get_report(s, report).late  # the row's own working-day rule agrees
        assert ceremonies_query.search_report_ids(s, admin, CeremonyFilter(late_only=True)) == [report]
        assert ceremonies_query.ceremony_figures(s, admin, CeremonyFilter()).late == 1
    workspace.close()
    code = cli_main(["check", *workspace_location.cli_args])
    assert code == 0, capsys.readouterr().out
    reopened = workspace_location.open(as_of=TODAY)
    try:
        with reopened.writing() as s:
            holidays_write.set_workday(s, admin, D(2026, 2, 28), "spring", True)
        with reopened.reading() as s:
            assert s.get(CeremonyReport, report).late is False
            assert ceremonies_query.search_report_ids(s, admin, CeremonyFilter(late_only=True)) == []
    finally:
        reopened.close()



def test_a_page_of_rows_follows_the_holiday_table_and_the_settings(workspace, admin, editor, bureau):
    """The rows' working-day text and scale check follow a change of the 放假/调休 table or of
    the 规模 limits in the next read (the calendar is kept between reads while unchanged)."""
    from app.registers.holidays import write as holidays_write
    from app.settings import save_settings

    report = _save(workspace, editor, _draft(bureau, event_date=D(2026, 3, 1), reported_on=D(2026, 2, 13)))
    row = _row(workspace, report)
    assert (row.timing_text, row.over_scale, row.concerns) == ("提前 7 个工作日", "", ())
    with workspace.writing() as s:
        holidays_write.set_workday(s, admin, D(2026, 2, 28), "spring", False)
    assert _row(workspace, report).timing_text == "迟报 1 个工作日"
    with workspace.writing() as s:
        holidays_write.set_workday(s, admin, D(2026, 2, 28), "spring", True)
        save_settings(s, admin, ceremony_max_tables=10)
    row = _row(workspace, report)
    assert (row.timing_text, row.over_scale) == ("提前 7 个工作日", "12 桌（限 10 桌）")
    assert row.concerns == ("超过规定规模：12 桌（限 10 桌）",)


@pytest.mark.parametrize("filt", [CeremonyFilter(), CeremonyFilter(late_only=True),
                                  CeremonyFilter(late_only=True, year=2026)], ids=["all", "late", "late-year"])
def test_the_first_screen_reads_its_order_from_an_index(workspace, admin, bureau, filt):
    """The page's first screen (newest event first, 仅迟报 the stored flag) is a plain indexed
    read on SQLite: the ids come in index order, no table scan, no sort of its own."""
    if not workspace.is_sqlite:
        pytest.skip("SQLite's query plan")
    _save(workspace, admin, _draft(bureau))
    with workspace.reading() as s:
        plan = plan_of_select(s, lambda session: (
            ceremonies_query.search_report_ids(session, admin, filt, limit=25)))
    index = "ix_ceremony_reports_late_event_date" if filt.late_only else "ix_ceremony_reports_event_date"
    assert f"USING COVERING INDEX {index}" in plan and "TEMP B-TREE" not in plan, plan
