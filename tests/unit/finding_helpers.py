"""Building findings through the real services, for the findings tests."""
from __future__ import annotations

import datetime as dt

from app.registers.findings import query as findings_query
from app.registers.findings import types as findings_types
from app.registers.findings import workflow as wf
from app.registers.findings import write as findings_write
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from tests.conftest import TODAY

# The path from 待整改 to each status, through the workflow (never by setting the column).
PATH = {"pending": [], "in_progress": ["in_progress"], "rectified": ["in_progress", "rectified"],
        "closed": ["in_progress", "rectified", "closed"]}


def unit(ws, actor, name: str = "办公室", kind: str = "office", **kw) -> int:
    with ws.writing() as s:
        return units_write.save_unit(s, actor, units_types.UnitDraft(name=name, kind=kind, **kw))


def person(ws, actor, name: str, unit_id: int) -> int:
    with ws.writing() as s:
        return people_write.save_person(s, actor, people_types.PersonDraft(name=name, unit_id=unit_id))


def finding(ws, actor, unit_id: int, *, found_on: dt.date = dt.date(2026, 3, 2),
            deadline: dt.date | None = dt.date(2026, 6, 30), **kw) -> int:
    kw.setdefault("description", "公务接待未严格执行审批手续")
    kw.setdefault("source", "inspection")
    with ws.writing() as s:
        return findings_write.save_finding(s, actor, findings_types.FindingDraft(found_on=found_on, unit_id=unit_id,
                                                         deadline=deadline, **kw), TODAY)


def version(ws, finding_id: int) -> int:
    with ws.reading() as s:
        return findings_query.get_finding(s, finding_id, TODAY).version


def step(ws, actor, finding_id: int, to: str, on: dt.date = dt.date(2026, 4, 1), **kw) -> None:
    if to == "closed":
        kw.setdefault("result", "done")
        kw.setdefault("accepted_by", "纪委书记")
    if to == "in_progress" and status(ws, finding_id) in ("rectified", "closed"):
        kw.setdefault("reason", "回头看发现问题反弹")
    with ws.writing() as s:
        wf.change_status(s, actor, wf.StatusChange(finding_id, version(ws, finding_id), to, on, **kw), TODAY)


def to_status(ws, actor, finding_id: int, target: str) -> None:
    day = dt.date(2026, 4, 1)
    for n, to in enumerate(PATH[target]):
        step(ws, actor, finding_id, to, on=day + dt.timedelta(days=n))


def status(ws, finding_id: int) -> str:
    with ws.reading() as s:
        return findings_query.get_finding(s, finding_id, TODAY).status


def sample_ledger(ws, actor) -> dict[str, int]:
    """An inspection and findings in every status: one overdue, one extended, one reopened,
    one with a free-text responsible person, one with several progress notes."""
    from app.registers.inspections import types as inspections_types
    from app.registers.inspections import write as inspections_write

    office = unit(ws, actor, "办公室", sort_order=1)
    finance = unit(ws, actor, "财务科", sort_order=2)
    museum = unit(ws, actor, "市博物馆", "affiliate", sort_order=1)
    zhang = person(ws, actor, "张三", finance)
    with ws.writing() as s:
        check = inspections_write.save_inspection(s, actor, inspections_types.InspectionDraft(
            inspected_on=dt.date(2026, 3, 5), kind="style", title="3月份工作作风纪律检查",
            unit_ids=(office, museum), inspectors="纪委书记、纪检干事", summary="抽查考勤和公务接待"), TODAY)
        inspections_write.save_inspection(s, actor, inspections_types.InspectionDraft(
            inspected_on=dt.date(2026, 1, 20), kind="festival", title="春节前专项检查",
            inspectors="纪检干事"), TODAY)
    ids = {"check": check, "office": office, "finance": finance, "museum": museum, "zhang": zhang}
    ids["pending"] = finding(ws, actor, museum, inspection_id=check, found_on=dt.date(2026, 3, 5),
                             description="考勤登记不规范", category="style", kind="immediate",
                             deadline=dt.date(2026, 6, 19), requirement="立即整改")
    ids["working"] = finding(ws, actor, office, inspection_id=check, found_on=dt.date(2026, 3, 5),
                             description="公务接待无公函", category="reception", resp_unit_id=finance,
                             resp_person_id=zhang, resp_leader="李副局长", kind="deadline",
                             deadline=dt.date(2026, 4, 30), measures="补办手续；建立接待台账",
                             notes="第一行\n第二行")
    ids["rectified"] = finding(ws, actor, finance, source="audit", found_on=dt.date(2026, 2, 1),
                               description="专项资金拨付不及时", resp_person_name="外聘会计王某",
                               deadline=dt.date(2026, 6, 18))
    ids["closed"] = finding(ws, actor, office, source="patrol", found_on=dt.date(2025, 11, 3),
                            description="“三重一大”事项会议记录不全", revisit=True,
                            deadline=dt.date(2025, 12, 31))
    ids["reopened"] = finding(ws, actor, museum, source="self", found_on=dt.date(2025, 12, 2),
                              description="公车使用登记缺项", deadline=dt.date(2026, 1, 31))
    with ws.writing() as s:
        wf.extend_deadline(s, actor, wf.Extension(ids["working"], None, dt.date(2026, 5, 31),
                                                  "涉及费用清退，需财务审核", dt.date(2026, 4, 25)), TODAY)
        wf.add_progress(s, actor, wf.ProgressNote(ids["working"], dt.date(2026, 3, 20), "已制定整改方案"), TODAY)
        wf.add_progress(s, actor, wf.ProgressNote(ids["working"], dt.date(2026, 4, 10),
                                                  "已补办接待审批手续\n（共 3 批次）"), TODAY)
    to_status(ws, actor, ids["working"], "in_progress")
    to_status(ws, actor, ids["rectified"], "rectified")
    to_status(ws, actor, ids["closed"], "closed")
    to_status(ws, actor, ids["reopened"], "closed")
    step(ws, actor, ids["reopened"], "in_progress", on=dt.date(2026, 5, 6), reason="回头看发现登记仍不全")
    return ids
