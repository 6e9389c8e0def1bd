"""A small bureau with a year (2025) in every register, built through the real services, for the
report and archive tests. Today is tests.conftest.TODAY (2026-06-15)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app import reminders
from app.registers.findings import query as findings_query
from app.registers.findings import types as findings_types
from app.registers.findings import workflow as wf
from app.registers.findings import write as findings_write
from app.registers.holidays.query import festival_reminders
from app.registers.inspections import types as inspections_types
from app.registers.inspections import write as inspections_write
from app.registers.ledger import types as ledger_types
from app.registers.ledger import write as ledger_write
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.risks.types import RiskDraft
from app.registers.risks.write import save_risk
from app.registers.talks import write as tk
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from tests.conftest import PASSWORD, TODAY


@dataclass(frozen=True)
class World:
    office: int
    finance: int
    museum: int
    desk: int         # below the museum
    zhang: int        # finance, 班子成员
    li: int           # office, 重要岗位
    wang: int         # desk
    point_a: int      # office's risk point, re-levelled 2 → 1 in 2025
    assessment_a: int  # its 2025 assessment
    findings: dict[str, int]
    talk: int         # a 2025 talk
    entry: int        # a 2025 ledger entry
    inspection: int   # a 2025 inspection


def build_world(ws, admin) -> World:  # noqa: ANN001, PLR0915 — one scene, written out
    with ws.writing() as s:
        office = units_write.save_unit(s, admin, units_types.UnitDraft(name="办公室", kind="office", sort_order=1))
        finance = units_write.save_unit(s, admin, units_types.UnitDraft(name="财务科", kind="office", sort_order=2))
        museum = units_write.save_unit(s, admin, units_types.UnitDraft(name="市博物馆", kind="affiliate", sort_order=1))
        desk = units_write.save_unit(s, admin, units_types.UnitDraft(name="博物馆保卫部", kind="affiliate", parent_id=museum))
        zhang = people_write.save_person(s, admin, people_types.PersonDraft(name="张三", unit_id=finance, position="科长",
                                                          is_leader=True))
        li = people_write.save_person(s, admin, people_types.PersonDraft(name="李四", unit_id=office, key_post="人事"))
        wang = people_write.save_person(s, admin, people_types.PersonDraft(name="王五", unit_id=desk))

    def risk(unit: int, name: str, year: int, level: int, **kw: object) -> int:
        with ws.writing() as s:
            return save_risk(s, admin, RiskDraft(unit_id=unit, name=name, year=year, category="duty",
                                                 level=level, **kw), TODAY)

    risk(office, "公务接待管理", 2024, 2)
    risk(finance, "资金支付审核", 2024, 3)
    with ws.reading() as s:
        from app.registers.risks.query import risk_rows, search_risk_ids
        from app.registers.risks.types import RiskFilter

        old = {r.name: r for r in risk_rows(s, search_risk_ids(s, admin, RiskFilter(year=2024)))}
    assessment_a = risk(office, "公务接待管理", 2025, 1, point_id=old["公务接待管理"].point_id,
                        level_reason="接待频次增加，风险上升")
    risk(finance, "资金支付审核", 2025, 3, point_id=old["资金支付审核"].point_id)
    risk(desk, "安保外包管理", 2025, 2)
    risk(museum, "文物出入库", 2025, 1)
    risk(museum, "门票收入管理", 2025, 3, status="draft")  # a draft counts nowhere

    def inspection(day: dt.date, kind: str, title: str, units: tuple[int, ...] = ()) -> int:
        with ws.writing() as s:
            return inspections_write.save_inspection(s, admin, inspections_types.InspectionDraft(
                inspected_on=day, kind=kind, title=title, unit_ids=units, inspectors="纪检干事"), TODAY)

    check = inspection(dt.date(2025, 1, 8), "style", "1月份工作作风纪律检查")
    inspection(dt.date(2025, 1, 20), "festival", "春节前专项检查", (museum,))
    inspection(dt.date(2025, 3, 4), "style", "3月份工作作风纪律检查", (office,))
    inspection(dt.date(2025, 3, 25), "style", "3月份第二次检查", (desk,))
    inspection(dt.date(2025, 6, 30), "style", "6月份工作作风纪律检查")
    inspection(dt.date(2025, 9, 10), "special", "公车使用专项检查", (finance,))
    inspection(dt.date(2026, 2, 3), "style", "2月份工作作风纪律检查")

    def finding(unit: int, found_on: dt.date, deadline: dt.date | None, **kw: object) -> int:
        kw.setdefault("source", "inspection")
        with ws.writing() as s:
            return findings_write.save_finding(s, admin, findings_types.FindingDraft(
                found_on=found_on, unit_id=unit, description=kw.pop("description", "考勤登记不规范"),
                deadline=deadline, **kw), TODAY)

    def step(fid: int, to: str, on: dt.date, **kw: object) -> None:
        with ws.writing() as s:
            version = findings_query.get_finding(s, fid, TODAY).version
            wf.change_status(s, admin, wf.StatusChange(fid, version, to, on, **kw), TODAY)

    found = {
        "done": finding(office, dt.date(2025, 1, 8), dt.date(2025, 3, 31), inspection_id=check),
        "mostly": finding(museum, dt.date(2025, 3, 4), dt.date(2025, 5, 31), source="patrol",
                          description="公车使用登记缺项"),
        "overdue": finding(desk, dt.date(2025, 7, 2), dt.date(2025, 9, 30), source="patrol",
                           description="安保值班记录不全"),
        "pending": finding(finance, dt.date(2025, 11, 5), dt.date(2026, 12, 31), source="audit",
                           description="专项资金拨付不及时"),
        "older": finding(office, dt.date(2024, 10, 9), dt.date(2024, 12, 31),  # closed in 2025
                         description="去年发现、今年销号的问题"),
        "newer": finding(office, dt.date(2026, 2, 3), dt.date(2026, 3, 31), description="今年的问题"),
    }
    for key in ("done", "mostly", "older"):
        step(found[key], "in_progress", dt.date(2025, 4, 1))
        step(found[key], "rectified", dt.date(2025, 4, 20))
        if key == "mostly":  # 基本完成: back to 整改中, not 销号
            step(found[key], "in_progress", dt.date(2025, 5, 10), result="mostly", reason="整改仍需继续")
        else:
            step(found[key], "closed", dt.date(2025, 5, 10), result="done", accepted_by="纪委书记")
    step(found["overdue"], "in_progress", dt.date(2025, 8, 1))

    def talk(day: dt.date, kind: str, *people: int, outsiders: tuple[str, ...] = ()) -> int:
        talkees = tuple(tk.ParticipantDraft(person_id=p) for p in people) + tuple(
            tk.ParticipantDraft(name=n) for n in outsiders)
        with ws.writing() as s:
            return tk.save_talk(s, admin, tk.TalkDraft(
                kind=kind, talk_date=day, talkees=talkees, talkers=(tk.ParticipantDraft(name="纪委书记"),),
                content="谈话内容"), TODAY)

    first_talk = talk(dt.date(2025, 1, 15), "integrity", zhang, li, wang)   # collective: 1 次 3 人次
    talk(dt.date(2025, 2, 10), "heart", li)
    talk(dt.date(2025, 6, 30), "reminder", wang, outsiders=("外单位赵六",))
    talk(dt.date(2025, 8, 18), "pre_appointment", zhang)
    talk(dt.date(2026, 1, 9), "heart", wang)

    def entry(person: int, day: dt.date, methods: tuple[str, ...], problem: str) -> int:
        with ws.writing() as s:
            return ledger_write.save_entry(s, admin, ledger_types.LedgerDraft(person_id=person, problem=problem,
                                                          methods=methods, decided_on=day,
                                                          clue_source="inspection"), TODAY)

    first_entry = entry(zhang, dt.date(2025, 2, 14), ("talk_remind", "order_check"), "公务接待超标准")
    entry(li, dt.date(2025, 3, 3), ("criticism",), "考勤不规范")
    entry(wang, dt.date(2025, 8, 21), ("talk_remind",), "值班脱岗")
    entry(wang, dt.date(2026, 3, 1), ("criticism",), "今年的问题")

    with ws.writing() as s:
        spring = next(f for f in festival_reminders(s, 2025, 3) if f.festivals == ("spring",))
        reminders.mark_done(s, admin, spring.key, "已通过办公系统推送")
    return World(office, finance, museum, desk, zhang, li, wang, old["公务接待管理"].point_id,
                 assessment_a, found, first_talk, first_entry, check)


def built_world(template, pg_server, folder) -> tuple:  # noqa: ANN001 — tests.backends.Location, PgServer, Path
    """A copy of the empty workspace template at `folder` (a folder, or a database on the test
    server) with `build_world` in it, closed: (its Location, the World). Module fixtures clone it."""
    from tests.backends import clone

    where = clone(template, folder, pg_server)
    ws = where.open(as_of=TODAY)
    try:
        world = build_world(ws, ws.sign_in("admin", PASSWORD))
    finally:
        ws.close()
    return where, world
