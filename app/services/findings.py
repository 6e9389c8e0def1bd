"""Findings (问题整改台账): every problem found — by inspections, 巡察反馈, audits, complaints,
self-checks — with who rectifies it by when, through to 销号.

The record and its register live here; the workflow (待整改 → 整改中 → 已整改(待验收) → 已销号,
extensions, progress notes) in app/services/finding_workflow.py; the figures (整改完成率, overdue
lists, counts by unit) in app/services/finding_stats.py.

Overdue and due-soon are derived, never stored (DESIGN "Definitions"): a finding is overdue when
its deadline is before today and it is 待整改 or 整改中; due soon when its deadline falls within
`settings.due_soon_days` from today. Every function that tells them takes `today`.

The unit a finding belongs to, for filters and charts, is its 责任单位 when set, else the unit
where it was found ("owner unit"). A unit-limited user sees the findings whose unit or
responsible unit is one of theirs, and writes only those whose unit and responsible unit both are.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, bindparam, case, func, or_, select
from sqlalchemy.orm import Session

from app import archive, audit
from app.auth import Actor, require_write
from app.errors import NotFound, ValidationError
from app.services.common import clean, like_any, limited_text, load_for_update, not_future, required_text
from app.services.dictionaries import load_vocabulary, require_code
from app.services.people import descendant_unit_ids
from app.settings import load_settings
from app.vocab import FINDING_RESULT, FINDING_STATUS
from db.models import (
    Attachment,
    Finding,
    FindingExtension,
    FindingProgress,
    FindingStatusChange,
    Inspection,
    Person,
    RiskPoint,
    Talk,
    Unit,
    ledger_findings,
)

OPEN_STATUSES = ("pending", "in_progress")  # the ones that can be overdue
NOT_CLOSED = ("pending", "in_progress", "rectified")
STATUS_ORDER = {"pending": 0, "in_progress": 1, "rectified": 2, "closed": 3}
OWNER_UNIT = func.coalesce(Finding.resp_unit_id, Finding.unit_id)


@dataclass(frozen=True)
class FindingDraft:
    source: str
    found_on: dt.date | None
    unit_id: int | None
    description: str
    category: str = ""
    requirement: str = ""
    measures: str = ""
    resp_unit_id: int | None = None
    resp_person_id: int | None = None
    resp_person_name: str = ""  # free text when the person is not in the register
    resp_leader: str = ""
    kind: str = ""
    deadline: dt.date | None = None
    revisit: bool = False
    notes: str = ""
    inspection_id: int | None = None
    risk_point_id: int | None = None
    code: str = ""  # blank: the next 问题编号 of the year (2026-007)
    id: int | None = None
    version: int | None = None
    correction_reason: str = ""


@dataclass(frozen=True)
class FindingRow:
    id: int
    code: str
    source: str
    source_label: str
    inspection_id: int | None
    inspection_label: str
    found_on: dt.date
    unit_id: int
    unit_name: str
    description: str
    category: str
    category_label: str
    risk_point_id: int | None
    requirement: str
    measures: str
    resp_unit_id: int | None
    resp_unit_name: str
    resp_person_id: int | None
    resp_person_name: str
    resp_leader: str
    kind: str
    kind_label: str
    deadline: dt.date | None
    original_deadline: dt.date | None  # before the first extension (= deadline when none)
    extensions: tuple[tuple[dt.date | None, dt.date, str], ...]  # (old, new, reason)
    status: str
    status_label: str
    result: str
    result_label: str
    rectified_on: dt.date | None
    accepted_by: str
    accepted_on: dt.date | None
    closed_on: dt.date | None
    revisit: bool
    notes: str
    progress: tuple[tuple[dt.date, str], ...]  # dated notes, oldest first
    reopen_count: int
    version: int
    overdue: bool
    due_soon: bool
    days_left: int | None  # deadline − today, for open findings with a deadline

    @property
    def owner_unit_name(self) -> str:
        return self.resp_unit_name or self.unit_name

    @property
    def deadline_state(self) -> str:
        return "overdue" if self.overdue else ("due_soon" if self.due_soon else "")

    @property
    def latest_progress(self) -> str:
        return f"{self.progress[-1][0]:%Y-%m-%d} {self.progress[-1][1]}" if self.progress else ""

    @property
    def progress_text(self) -> str:
        """Every note on its own line, dated: how the ledger's 进展 column reads."""
        return "\n".join(f"{day:%Y-%m-%d} {text}" for day, text in self.progress)

    @property
    def extension_text(self) -> str:
        """原定 2026-03-31，延至 2026-05-31（原因）; several extensions one per line."""
        return "\n".join(f"原定 {old:%Y-%m-%d}，延至 {new:%Y-%m-%d}（{reason}）" if old else
                         f"延至 {new:%Y-%m-%d}（{reason}）" for old, new, reason in self.extensions)


@dataclass(frozen=True)
class FindingFilter:
    text: str = ""
    year: int | None = None          # the year found
    closed_too: bool = False         # with year: also those closed (销号) in it (a year's archive)
    unit_id: int | None = None       # owner unit, with the units below it
    source: str = ""
    status: str = ""                 # a status code, "open" (not yet 已销号) or "" (all)
    deadline: str = ""               # "overdue" · "due_soon" · ""
    resp_person_id: int | None = None
    resp_person: str = ""            # part of the responsible person's name
    inspection_id: int | None = None
    category: str = ""
    revisit_only: bool = False
    start: dt.date | None = None     # found within [start, end] (a report's period)
    end: dt.date | None = None


def deadline_conditions(today: dt.date, due_soon_days: int) -> tuple:
    """(overdue, due soon) as SQL conditions, by DESIGN's definitions."""
    open_ = Finding.status.in_(OPEN_STATUSES)
    overdue = and_(open_, Finding.deadline.is_not(None), Finding.deadline < today)
    soon = and_(open_, Finding.deadline.is_not(None),
                Finding.deadline.between(today, today + dt.timedelta(days=due_soon_days)))
    return overdue, soon


def finding_query(session: Session, actor: Actor, filt: FindingFilter, today: dt.date,
                  due_soon_days: int | None = None):  # noqa: ANN201 — a Select of Finding.id
    """The ids matching `filt` that the actor may see (unsorted): the base of lists and figures."""
    conditions = []
    if actor.unit_ids is not None:
        conditions.append(or_(Finding.unit_id.in_(actor.unit_ids), Finding.resp_unit_id.in_(actor.unit_ids)))
    if filt.year is not None:
        first, last = dt.date(filt.year, 1, 1), dt.date(filt.year, 12, 31)
        found = Finding.found_on.between(first, last)
        conditions.append(or_(found, Finding.closed_on.between(first, last)) if filt.closed_too else found)
    if filt.start is not None:
        conditions.append(Finding.found_on >= filt.start)
    if filt.end is not None:
        conditions.append(Finding.found_on <= filt.end)
    if filt.unit_id is not None:
        conditions.append(OWNER_UNIT.in_(descendant_unit_ids(session, filt.unit_id)))
    if filt.source:
        conditions.append(Finding.source == filt.source)
    if filt.status == "open":
        conditions.append(Finding.status.in_(NOT_CLOSED))
    elif filt.status:
        conditions.append(Finding.status == filt.status)
    if filt.deadline:
        days = load_settings(session).due_soon_days if due_soon_days is None else due_soon_days
        overdue, soon = deadline_conditions(today, days)
        conditions.append(overdue if filt.deadline == "overdue" else soon)
    if filt.resp_person_id is not None:
        conditions.append(Finding.resp_person_id == filt.resp_person_id)
    if clean(filt.resp_person):
        conditions.append(like_any(clean(filt.resp_person), Finding.resp_person_name))
    if filt.inspection_id is not None:
        conditions.append(Finding.inspection_id == filt.inspection_id)
    if filt.category:
        conditions.append(Finding.category == filt.category)
    if filt.revisit_only:
        conditions.append(Finding.revisit)
    text = clean(filt.text)
    if text:
        conditions.append(like_any(text, Finding.code, Finding.description, Finding.requirement,
                                   Finding.measures, Finding.resp_person_name, Finding.resp_leader,
                                   Finding.notes))
    query = select(Finding.id)
    return query.where(and_(*conditions)) if conditions else query


def _unit_name_of(column):  # noqa: ANN001, ANN202
    return select(Unit.name).where(Unit.id == column).scalar_subquery()


SORT_KEYS = {
    "code": Finding.code,
    "found_on": Finding.found_on,
    "unit": _unit_name_of(Finding.unit_id),
    "owner_unit": _unit_name_of(OWNER_UNIT),
    "description": Finding.description,
    "source": Finding.source,
    "category": Finding.category,
    "resp_person": Finding.resp_person_name,
    "resp_leader": Finding.resp_leader,
    "kind": Finding.kind,
    "deadline": Finding.deadline,
    "status": case(STATUS_ORDER, value=Finding.status, else_=9),
    "result": Finding.result,
    "closed_on": Finding.closed_on,
    "revisit": Finding.revisit,
}


def search_finding_ids(session: Session, actor: Actor, filt: FindingFilter, today: dt.date,
                       sort: str = "found_on", descending: bool = True, *,
                       limit: int | None = None) -> list[int]:
    """Ids of the findings matching `filt` the actor may see, sorted in SQL (newest first by
    default; ties by 问题编号); `limit`: the first ids only (the table's first page)."""
    column = SORT_KEYS.get(sort, Finding.found_on)
    order = column.desc() if descending else column.asc()
    query = finding_query(session, actor, filt, today).order_by(order, Finding.found_on.desc(),
                                                                Finding.id.desc()).limit(limit)
    return list(session.scalars(query))


# Built once: a page of rows costs three queries and no statement construction.
_IDS = bindparam("ids", expanding=True)
_REOPENED = (select(func.count()).where(FindingStatusChange.finding_id == Finding.id,
                                        FindingStatusChange.from_status == "closed")
             .correlate(Finding).scalar_subquery())
_ROWS = (select(Finding.__table__, Person.name.label("person_name"),
                Inspection.inspected_on.label("inspection_on"), Inspection.title.label("inspection_title"),
                _REOPENED.label("reopened"))
         .outerjoin(Person, Person.id == Finding.resp_person_id)
         .outerjoin(Inspection, Inspection.id == Finding.inspection_id)
         .where(Finding.id.in_(_IDS)))
_EXTENSIONS = (select(FindingExtension.finding_id, FindingExtension.old_deadline, FindingExtension.new_deadline,
                      FindingExtension.reason).where(FindingExtension.finding_id.in_(_IDS))
               .order_by(FindingExtension.extended_on, FindingExtension.id))
_PROGRESS = (select(FindingProgress.finding_id, FindingProgress.noted_on, FindingProgress.text)
             .where(FindingProgress.finding_id.in_(_IDS)).order_by(FindingProgress.noted_on, FindingProgress.id))
_UNIT_NAMES = select(Unit.id, Unit.name)


class _Record(dict):
    __getattr__ = dict.__getitem__


def finding_rows(session: Session, ids: Sequence[int], today: dt.date,
                 due_soon_days: int | None = None) -> list[FindingRow]:
    """Rows for `ids`, in that order, with overdue / due-soon told for `today`."""
    if not ids:
        return []
    ids = list(ids)
    days = load_settings(session).due_soon_days if due_soon_days is None else due_soon_days
    vocab = load_vocabulary(session)
    # A Row's attribute access costs ~1.5 µs; a dict's a tenth of it (50 reads a row).
    found = {r.id: _Record(r._asdict()) for r in session.execute(_ROWS, {"ids": ids})}
    unit_names = dict(session.execute(_UNIT_NAMES).all())
    extensions: dict[int, list[tuple]] = {}
    for finding_id, old, new, reason in session.execute(_EXTENSIONS, {"ids": ids}):
        extensions.setdefault(finding_id, []).append((old, new, reason))
    progress: dict[int, list[tuple]] = {}
    for finding_id, day, text in session.execute(_PROGRESS, {"ids": ids}):
        progress.setdefault(finding_id, []).append((day, text))
    rows = []
    for finding_id in ids:
        f = found.get(finding_id)
        if f is None:
            continue
        ext = extensions.get(f.id, [])
        is_open = f.status in OPEN_STATUSES and f.deadline is not None
        days_left = (f.deadline - today).days if is_open else None
        rows.append(FindingRow(
            f.id, f.code, f.source, vocab.label("finding_source", f.source), f.inspection_id,
            f"{f.inspection_on:%Y-%m-%d} {f.inspection_title}" if f.inspection_id else "",
            f.found_on, f.unit_id, unit_names.get(f.unit_id, ""), f.description, f.category,
            vocab.label("finding_category", f.category), f.risk_point_id, f.requirement, f.measures,
            f.resp_unit_id, unit_names.get(f.resp_unit_id, "") if f.resp_unit_id else "",
            f.resp_person_id, f.person_name or f.resp_person_name, f.resp_leader,
            f.kind, vocab.label("finding_type", f.kind), f.deadline,
            ext[0][0] if ext and ext[0][0] else f.deadline, tuple(ext), f.status,
            FINDING_STATUS.get(f.status, f.status), f.result, FINDING_RESULT.get(f.result, ""),
            f.rectified_on, f.accepted_by, f.accepted_on, f.closed_on, f.revisit, f.notes,
            tuple(progress.get(f.id, [])), int(f.reopened or 0), f.version,
            days_left is not None and days_left < 0,
            days_left is not None and 0 <= days_left <= days, days_left))
    return rows


def get_finding(session: Session, finding_id: int, today: dt.date) -> FindingRow:
    """One finding as a row; NotFound when it was deleted."""
    rows = finding_rows(session, [finding_id], today)
    if not rows:
        raise NotFound("该问题不存在（可能已被删除）。")
    return rows[0]


# ---- writing --------------------------------------------------------------------------------


def next_code(session: Session, year: int) -> str:
    """The next free 问题编号 of `year`: 2026-001, 2026-002 …"""
    prefix = f"{year}-"
    used = [c[len(prefix):] for c in session.scalars(select(Finding.code).where(Finding.code.like(f"{prefix}%")))]
    numbers = [int(n) for n in used if n.isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def _validated(session: Session, actor: Actor, draft: FindingDraft, today: dt.date) -> dict:
    vocab = load_vocabulary(session)
    require_code(vocab, "finding_source", draft.source, "source")
    if draft.found_on is None:
        raise ValidationError("请填写发现日期。", "found_on")
    not_future(draft.found_on, today, "发现日期", "found_on")
    unit = session.get(Unit, draft.unit_id) if draft.unit_id else None
    if unit is None:
        raise ValidationError("请选择被检查（问题所在）单位。", "unit_id")
    require_write(actor, unit.id, unit.name)
    description = required_text(draft.description, "问题描述", "description", 2000)
    require_code(vocab, "finding_category", draft.category, "category", required=False)
    require_code(vocab, "finding_type", draft.kind, "kind", required=False)
    if draft.resp_unit_id is not None:
        resp_unit = session.get(Unit, draft.resp_unit_id)
        if resp_unit is None:
            raise ValidationError("所选责任单位不存在。", "resp_unit_id")
        require_write(actor, resp_unit.id, resp_unit.name)
    person_name = limited_text(draft.resp_person_name, "责任人", "resp_person_id", 50)
    if draft.resp_person_id is not None:
        person = session.get(Person, draft.resp_person_id)
        if person is None:
            raise ValidationError("所选责任人不存在。", "resp_person_id")
        person_name = person.name
    if draft.deadline is not None and draft.deadline < draft.found_on:
        raise ValidationError("整改时限不能早于发现日期。", "deadline")
    if draft.inspection_id is not None:
        inspection = session.get(Inspection, draft.inspection_id)
        if inspection is None:
            raise ValidationError("所选监督检查不存在。", "inspection_id")
        if draft.found_on < inspection.inspected_on:
            raise ValidationError(f"发现日期不能早于所属检查的日期（{inspection.inspected_on:%Y-%m-%d}）。",
                                  "found_on")
    if draft.risk_point_id is not None and session.get(RiskPoint, draft.risk_point_id) is None:
        raise ValidationError("所选风险点不存在。", "risk_point_id")
    code = limited_text(draft.code, "问题编号", "code", 40)
    if code:
        clash = session.scalars(select(Finding.id).where(Finding.code == code)).first()
        if clash is not None and clash != draft.id:
            raise ValidationError(f"问题编号“{code}”已被使用。", "code")
    return dict(
        code=code, source=draft.source, inspection_id=draft.inspection_id, found_on=draft.found_on,
        unit_id=unit.id, description=description, category=draft.category,
        risk_point_id=draft.risk_point_id,
        requirement=limited_text(draft.requirement, "整改要求", "requirement", 2000),
        measures=limited_text(draft.measures, "整改措施", "measures", 2000),
        resp_unit_id=draft.resp_unit_id, resp_person_id=draft.resp_person_id,
        resp_person_name=person_name, resp_leader=limited_text(draft.resp_leader, "责任领导", "resp_leader", 50),
        kind=draft.kind, deadline=draft.deadline, revisit=draft.revisit,
        notes=limited_text(draft.notes, "备注", "notes", 2000))


def save_finding(session: Session, actor: Actor, draft: FindingDraft, today: dt.date) -> int:
    """Adds a finding (待整改, its first history line 登记) or edits one; raises ValidationError
    naming the first bad field. A deadline once set moves only by `extend_deadline` (with a
    reason, the old date kept). Closed years refuse a 录入员 (an administrator corrects with a
    reason)."""
    require_write(actor)
    values = _validated(session, actor, draft, today)
    year = draft.found_on.year
    if draft.id is None:
        correcting = archive.guard_year(session, actor, year, draft.correction_reason, "问题整改记录")
        values["code"] = values["code"] or next_code(session, year)
        finding = Finding(status="pending", **values)
        session.add(finding)
        session.flush()
        session.add(FindingStatusChange(finding_id=finding.id, from_status="", to_status="pending",
                                        changed_on=draft.found_on, reason="登记", user_name=actor.name))
        audit.created(session, actor, finding, summary=f"登记问题 {finding.code}")
    else:
        finding = load_for_update(session, Finding, draft.id, draft.version, "问题")
        require_write(actor, finding.unit_id)
        require_write(actor, finding.resp_unit_id)
        correcting = archive.guard_year(session, actor, finding.found_on.year, draft.correction_reason,
                                        "问题整改记录")
        correcting = archive.guard_year(session, actor, year, draft.correction_reason,
                                        "问题整改记录") or correcting
        if finding.closed_on is not None:  # closed in a year: part of that year's ledger too
            correcting = archive.guard_year(session, actor, finding.closed_on.year, draft.correction_reason,
                                            "问题整改记录") or correcting
        if finding.deadline is not None and values["deadline"] != finding.deadline:
            raise ValidationError(f"整改时限已定为 {finding.deadline:%Y-%m-%d}；如需延期，请使用“延期…”"
                                  "并填写原因（原时限会保留）。", "deadline")
        values["code"] = values["code"] or finding.code or next_code(session, year)
        before = audit.snapshot(finding)
        for key, value in values.items():
            setattr(finding, key, value)
        session.flush()
        audit.updated(session, actor, finding, before, summary=f"修改问题 {finding.code}")
    if correcting:
        archive.record_correction(session, actor, "findings", finding.id, year, draft.correction_reason)
    return finding.id


def finding_references(session: Session, finding_id: int) -> dict[str, int]:
    """What keeps a finding from being deleted: its history, evidence and links, counted."""
    checks = {
        "整改进展": select(func.count()).where(FindingProgress.finding_id == finding_id),
        "延期记录": select(func.count()).where(FindingExtension.finding_id == finding_id),
        "状态变更": select(func.count()).where(FindingStatusChange.finding_id == finding_id,
                                            FindingStatusChange.from_status != ""),
        "佐证材料": select(func.count()).where(Attachment.entity == "findings",
                                           Attachment.entity_id == finding_id),
        "第一种形态台账": select(func.count()).where(ledger_findings.c.finding_id == finding_id),
        "谈话记录": select(func.count()).where(Talk.finding_id == finding_id),
    }
    return {label: n for label, q in checks.items() if (n := session.scalar(q))}


def delete_finding(session: Session, actor: Actor, finding_id: int, correction_reason: str = "") -> None:
    """Deletes a finding entered by mistake: only one still 待整改 with no history, evidence or
    links; the rest of the ledger is kept. In a closed year only an administrator, with a reason."""
    finding = load_for_update(session, Finding, finding_id, None, "问题")
    require_write(actor, finding.unit_id)
    require_write(actor, finding.resp_unit_id)
    correction = archive.guard_year(session, actor, finding.found_on.year, correction_reason, "问题整改记录")
    refs = finding_references(session, finding_id)
    if refs or finding.status != "pending":
        listed = "、".join(f"{k} {v} 条" for k, v in refs.items()) or FINDING_STATUS[finding.status]
        raise ValidationError(f"问题 {finding.code} 已有办理记录（{listed}），不能删除。")
    audit.deleted(session, actor, finding, summary=f"删除问题 {finding.code}")
    for change in session.scalars(select(FindingStatusChange).where(FindingStatusChange.finding_id == finding_id)):
        session.delete(change)
    session.flush()  # the history rows first: no ORM relationship orders the two deletes
    session.delete(finding)
    session.flush()
    if correction:
        archive.record_correction(session, actor, "findings", finding_id, finding.found_on.year, correction_reason)

