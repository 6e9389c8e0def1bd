"""Building findings through the real services, for the findings tests."""
from __future__ import annotations

import datetime as dt

from app.services import finding_workflow as wf
from app.services import findings as fs
from app.services import people as ppl
from tests.conftest import TODAY

# The path from 待整改 to each status, through the workflow (never by setting the column).
PATH = {"pending": [], "in_progress": ["in_progress"], "rectified": ["in_progress", "rectified"],
        "closed": ["in_progress", "rectified", "closed"]}


def unit(ws, actor, name: str = "办公室", kind: str = "office", **kw) -> int:
    with ws.writing() as s:
        return ppl.save_unit(s, actor, ppl.UnitDraft(name=name, kind=kind, **kw))


def person(ws, actor, name: str, unit_id: int) -> int:
    with ws.writing() as s:
        return ppl.save_person(s, actor, ppl.PersonDraft(name=name, unit_id=unit_id))


def finding(ws, actor, unit_id: int, *, found_on: dt.date = dt.date(2026, 3, 2),
            deadline: dt.date | None = dt.date(2026, 6, 30), **kw) -> int:
    kw.setdefault("description", "公务接待未严格执行审批手续")
    kw.setdefault("source", "inspection")
    with ws.writing() as s:
        return fs.save_finding(s, actor, fs.FindingDraft(found_on=found_on, unit_id=unit_id,
                                                         deadline=deadline, **kw), TODAY)


def version(ws, finding_id: int) -> int:
    with ws.reading() as s:
        return fs.get_finding(s, finding_id, TODAY).version


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
        return fs.get_finding(s, finding_id, TODAY).status
