"""The rectification workflow of a finding, checked here and nowhere else:

    待整改 ──开始整改──▶ 整改中 ──整改完成，报请验收──▶ 已整改（待验收） ──验收销号──▶ 已销号
                          ▲                                  │                        │
                          └──────验收未通过，退回整改（原因）───┘                        │
                          └──────────────────────重新打开（原因）────────────────────────┘

Closing (销号) needs the result 已完成, who accepted it and when: 基本完成 means rectification goes
on, so such a finding is not 销号 — the acceptance sends it back (验收未通过，退回整改) with the result
基本完成 recorded, and it stays 整改中 until it is done; 未完成 cannot be closed either. Going back
(退回, 重新打开) needs a reason. Every transition is kept in
`finding_status_changes`; a deadline extension keeps the old date and the reason in
`finding_extensions`; progress notes are dated. Each action is a record dated on the day it
happened: that day's year is the one the closed-year guard checks.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import archive, audit
from app.auth import Actor, require_write
from app.common import clean, limited_text, not_future, required_text
from app.errors import ValidationError
from app.stale import load_for_update
from app.vocab import FINDING_RESULT, FINDING_STATUS, FINDING_TRANSITIONS
from db.models import Finding, FindingExtension, FindingProgress, FindingStatusChange

ALLOWED = frozenset(FINDING_TRANSITIONS)
NEEDS_REASON = frozenset({("rectified", "in_progress"), ("closed", "in_progress")})
CLOSING_RESULTS = ("done",)
MOSTLY = "mostly"          # 基本完成: recorded when the acceptance sends the finding back
RETURNED = ("rectified", "in_progress")


@dataclass(frozen=True)
class StatusChange:
    finding_id: int
    version: int | None
    to_status: str
    on: dt.date | None               # the day of the step (销号日期 when closing)
    reason: str = ""                 # required going back; a note otherwise
    result: str = ""                 # closing: done; going back from 待验收: "" or mostly (基本完成)
    accepted_by: str = ""            # closing: 验收人
    accepted_on: dt.date | None = None  # closing: 验收日期 (default: `on`)
    correction_reason: str = ""


@dataclass(frozen=True)
class Extension:
    finding_id: int
    version: int | None
    new_deadline: dt.date | None
    reason: str
    on: dt.date | None
    correction_reason: str = ""


@dataclass(frozen=True)
class ProgressNote:
    finding_id: int
    noted_on: dt.date | None
    text: str
    correction_reason: str = ""


@dataclass(frozen=True)
class StatusChangeRow:
    id: int
    changed_on: dt.date
    from_status: str
    to_status: str
    step: str        # 登记 · 开始整改 · 验收销号 …
    reason: str
    user_name: str


@dataclass(frozen=True)
class ExtensionRow:
    id: int
    extended_on: dt.date
    old_deadline: dt.date | None
    new_deadline: dt.date
    reason: str
    user_name: str


@dataclass(frozen=True)
class ProgressRow:
    id: int
    noted_on: dt.date
    text: str
    user_name: str


@dataclass(frozen=True)
class FindingHistory:
    changes: tuple[StatusChangeRow, ...]
    extensions: tuple[ExtensionRow, ...]
    progress: tuple[ProgressRow, ...]


def allowed_steps(status: str) -> list[str]:
    """The statuses a finding in `status` may move to (the dialog's buttons)."""
    return [to for (frm, to) in FINDING_TRANSITIONS if frm == status]


def _guard(session: Session, actor: Actor, finding: Finding, day: dt.date, reason: str) -> bool:
    require_write(actor, finding.unit_id)
    require_write(actor, finding.resp_unit_id)
    return archive.guard_year(session, actor, day.year, reason, "问题整改记录")


def _dated(day: dt.date | None, finding: Finding, today: dt.date, label: str, field: str) -> dt.date:
    if day is None:
        raise ValidationError(f"请填写{label}。", field)
    not_future(day, today, label, field)
    if day < finding.found_on:
        raise ValidationError(f"{label}不能早于发现日期（{finding.found_on:%Y-%m-%d}）。", field)
    return day


def change_status(session: Session, actor: Actor, change: StatusChange, today: dt.date) -> None:
    """Moves a finding one step along the workflow, or raises ValidationError saying why not
    (a step the workflow does not have, a missing reason, result, 验收人 or date, a date out of
    order). The step is kept in the history with the acting user."""
    finding = load_for_update(session, Finding, change.finding_id, change.version, "问题")
    step = (finding.status, change.to_status)
    if change.to_status not in FINDING_STATUS:
        raise ValidationError("未知的整改状态。", "to_status")
    if step not in ALLOWED:
        raise ValidationError(f"“{FINDING_STATUS[finding.status]}”的问题不能直接改为"
                              f"“{FINDING_STATUS[change.to_status]}”。", "to_status")
    on = _dated(change.on, finding, today, "办理日期" if change.to_status != "closed" else "销号日期", "on")
    last = session.scalar(select(func.max(FindingStatusChange.changed_on)).where(
        FindingStatusChange.finding_id == finding.id))
    if last is not None and on < last:
        raise ValidationError(f"办理日期不能早于上一步的日期（{last:%Y-%m-%d}）。", "on")
    reason = limited_text(change.reason, "原因", "reason", 1000)
    if step in NEEDS_REASON and not reason:
        raise ValidationError(f"{FINDING_TRANSITIONS[step]}需要填写原因。", "reason")
    correcting = _guard(session, actor, finding, on, change.correction_reason)
    corrected_year = on.year
    if step[0] == "closed" and finding.closed_on is not None:
        # Reopening undoes a closure filed in its year's ledger: that year is checked too.
        if archive.guard_year(session, actor, finding.closed_on.year, change.correction_reason, "问题整改记录"):
            correcting, corrected_year = True, finding.closed_on.year
    before = audit.snapshot(finding)
    if change.to_status == "closed":
        reason = _close(finding, change, on, reason)
    elif change.to_status == "rectified":
        finding.rectified_on = on
    elif step == RETURNED:
        finding.rectified_on = None
        if change.result not in ("", MOSTLY):
            raise ValidationError("退回整改时的验收结论只能是“基本完成”或不填。", "result")
        if change.result == MOSTLY:
            finding.result = MOSTLY
            reason = f"验收结论：基本完成，整改继续；{reason}" if reason else "验收结论：基本完成，整改继续"
    elif step == ("closed", "in_progress"):
        finding.result, finding.accepted_by = "", ""
        finding.accepted_on = finding.closed_on = finding.rectified_on = None
    finding.status = change.to_status
    session.add(FindingStatusChange(finding_id=finding.id, from_status=step[0], to_status=step[1],
                                    changed_on=on, reason=reason, user_name=actor.name))
    session.flush()
    audit.updated(session, actor, finding, before,
                  summary=f"问题 {finding.code}：{FINDING_TRANSITIONS[step]}" + (f"（{reason}）" if reason else ""))
    if correcting:
        archive.record_correction(session, actor, "findings", finding.id, corrected_year,
                                  change.correction_reason)


def _close(finding: Finding, change: StatusChange, on: dt.date, note: str) -> str:
    """Sets the closing fields; returns the history line (result, 验收人, dates)."""
    if not change.result:
        raise ValidationError("销号前请选择整改结果（已完成）。", "result")
    if change.result not in FINDING_RESULT:
        raise ValidationError("未知的整改结果。", "result")
    if change.result == MOSTLY:
        raise ValidationError("整改结果为“基本完成”的问题不能销号：整改仍需继续。请“验收未通过，退回整改”"
                              "并选择验收结论“基本完成”，整改到位后再验收销号。", "result")
    if change.result not in CLOSING_RESULTS:
        raise ValidationError("整改结果为“未完成”的问题不能销号；请继续整改，或退回整改并说明原因。", "result")
    accepted_by = required_text(change.accepted_by, "验收人", "accepted_by", 50)
    accepted_on = change.accepted_on or on
    if accepted_on > on:
        raise ValidationError("验收日期不能晚于销号日期。", "accepted_on")
    if finding.rectified_on is not None and accepted_on < finding.rectified_on:
        raise ValidationError(f"验收日期不能早于整改完成日期（{finding.rectified_on:%Y-%m-%d}）。", "accepted_on")
    finding.result, finding.accepted_by = change.result, accepted_by
    finding.accepted_on, finding.closed_on = accepted_on, on
    line = f"整改结果：{FINDING_RESULT[change.result]}；验收人：{accepted_by}；验收日期：{accepted_on:%Y-%m-%d}"
    return f"{line}；{note}" if note else line


def extend_deadline(session: Session, actor: Actor, ext: Extension, today: dt.date) -> None:
    """Moves an open finding's deadline later; the old date and the reason are kept (延期记录).
    A finding without a deadline gets one by editing it; a closed or rectified one is not
    extended."""
    finding = load_for_update(session, Finding, ext.finding_id, ext.version, "问题")
    if finding.status not in ("pending", "in_progress"):
        raise ValidationError(f"“{FINDING_STATUS[finding.status]}”的问题不需要延期。", "new_deadline")
    if finding.deadline is None:
        raise ValidationError("该问题尚未设定整改时限，请在编辑问题时填写。", "new_deadline")
    if ext.new_deadline is None:
        raise ValidationError("请填写新的整改时限。", "new_deadline")
    if ext.new_deadline <= finding.deadline:
        raise ValidationError(f"新的整改时限应晚于现时限（{finding.deadline:%Y-%m-%d}）。", "new_deadline")
    reason = required_text(ext.reason, "延期原因", "reason", 1000)
    on = _dated(ext.on, finding, today, "申请日期", "on")
    correcting = _guard(session, actor, finding, on, ext.correction_reason)
    before = audit.snapshot(finding)
    session.add(FindingExtension(finding_id=finding.id, old_deadline=finding.deadline,
                                 new_deadline=ext.new_deadline, reason=reason, extended_on=on,
                                 user_name=actor.name))
    old = finding.deadline
    finding.deadline = ext.new_deadline
    session.flush()
    audit.updated(session, actor, finding, before,
                  summary=f"问题 {finding.code} 延期：{old:%Y-%m-%d} → {ext.new_deadline:%Y-%m-%d}（{reason}）")
    if correcting:
        archive.record_correction(session, actor, "findings", finding.id, on.year, ext.correction_reason)


def add_progress(session: Session, actor: Actor, note: ProgressNote, today: dt.date) -> int:
    """Adds a dated progress note (进展) to a finding, in any status (a closed one too: 回头看)."""
    finding = load_for_update(session, Finding, note.finding_id, None, "问题")
    text = required_text(note.text, "进展情况", "text", 2000)
    noted_on = _dated(note.noted_on, finding, today, "进展日期", "noted_on")
    correcting = _guard(session, actor, finding, noted_on, note.correction_reason)
    row = FindingProgress(finding_id=finding.id, noted_on=noted_on, text=text, user_name=actor.name)
    session.add(row)
    session.flush()
    audit.created(session, actor, row, summary=f"问题 {finding.code} 进展：{clean(text)[:40]}")
    if correcting:
        archive.record_correction(session, actor, "findings", finding.id, noted_on.year,
                                  note.correction_reason)
    return row.id


def finding_history(session: Session, finding_id: int) -> FindingHistory:
    """The finding's status changes, extensions and progress notes, each oldest first."""
    changes = session.scalars(select(FindingStatusChange).where(
        FindingStatusChange.finding_id == finding_id).order_by(FindingStatusChange.changed_on,
                                                               FindingStatusChange.id))
    extensions = session.scalars(select(FindingExtension).where(
        FindingExtension.finding_id == finding_id).order_by(FindingExtension.extended_on,
                                                            FindingExtension.id))
    progress = session.scalars(select(FindingProgress).where(
        FindingProgress.finding_id == finding_id).order_by(FindingProgress.noted_on, FindingProgress.id))
    return FindingHistory(
        tuple(StatusChangeRow(c.id, c.changed_on, c.from_status, c.to_status,
                              FINDING_TRANSITIONS.get((c.from_status, c.to_status), "登记"), c.reason,
                              c.user_name) for c in changes),
        tuple(ExtensionRow(e.id, e.extended_on, e.old_deadline, e.new_deadline, e.reason, e.user_name)
              for e in extensions),
        tuple(ProgressRow(p.id, p.noted_on, p.text, p.user_name) for p in progress))


def last_step_dates(session: Session) -> dict[int, dt.date]:
    """Each finding's latest step date: a new step may not be dated before it."""
    return {fid: day for fid, day in session.execute(
        select(FindingStatusChange.finding_id, func.max(FindingStatusChange.changed_on))
        .group_by(FindingStatusChange.finding_id))}
