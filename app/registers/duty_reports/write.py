"""Writing 报告报送: record a report received from a unit (one half-year report and one 调研报告
per unit and period; 信息 as many as come), delete. Audited; a closed year needs an
administrator and a reason."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import archive, audit
from app.attachments import finish_save
from app.auth import Actor, require_write
from app.common import limited_text, not_future
from app.errors import ValidationError
from app.registers.duty_reports.rules import period_span, valid_period
from app.registers.duty_reports.types import ENTITY, INFO, DutyReportDraft, period_label
from app.stale import load_for_update
from app.vocab import DUTY_REPORT_KINDS
from db.models import Attachment, DutyReport, Unit

WHAT = "报送记录"


def save_duty_report(session: Session, actor: Actor, draft: DutyReportDraft, today: dt.date | None = None) -> int:
    """Adds or edits a report received and returns its id. Guarantees: the kind and period fit
    (上/下半年, a month, the year); it arrived on or after its period began and not after
    `today`; one half-year report and one 调研报告 per unit and period; unit-limited users
    record their units' only; a closed year needs an administrator's reason; audited."""
    require_write(actor)
    if draft.kind not in DUTY_REPORT_KINDS:
        raise ValidationError("请选择报送类别。", "kind")
    if draft.year is None or not 2000 <= draft.year <= 2100:
        raise ValidationError("请填写年度。", "year")
    if not valid_period(draft.kind, draft.period):
        raise ValidationError("所属期间不对。", "period")
    unit = session.get(Unit, draft.unit_id) if draft.unit_id is not None else None
    if unit is None:
        raise ValidationError("请选择报送单位。", "unit_id")
    require_write(actor, unit.id, unit.name)
    if draft.received_on is None:
        raise ValidationError("请填写收到日期。", "received_on")
    if today is not None:
        not_future(draft.received_on, today, "收到日期", "received_on")
    start, _end = period_span(draft.kind, draft.year, draft.period)
    label = period_label(draft.kind, draft.year, draft.period)
    if draft.received_on < start:
        raise ValidationError(f"{label}的{DUTY_REPORT_KINDS[draft.kind]}不会早于 {start:%Y-%m-%d} 收到。", "received_on")
    report = load_for_update(session, DutyReport, draft.id, draft.version, WHAT) if draft.id else None
    if report is not None:
        require_write(actor, report.unit_id)
    if draft.kind != INFO:
        other = session.scalar(select(DutyReport.id).where(
            DutyReport.unit_id == unit.id, DutyReport.kind == draft.kind, DutyReport.year == draft.year,
            DutyReport.period == draft.period))
        if other is not None and other != draft.id:
            raise ValidationError(f"{unit.name}{label}的{DUTY_REPORT_KINDS[draft.kind]}已登记。", "period")
    values = dict(unit_id=unit.id, kind=draft.kind, year=draft.year, period=draft.period,
                  received_on=draft.received_on, title=limited_text(draft.title, "标题", "title", 200),
                  notes=limited_text(draft.notes, "备注", "notes", 2000))
    correction = archive.guard_year(session, actor, draft.year, draft.correction_reason, WHAT)
    summary = f"{unit.name} {label}{DUTY_REPORT_KINDS[draft.kind]}"
    if report is None:
        report = DutyReport(**values)
        session.add(report)
        session.flush()
        audit.created(session, actor, report, summary=f"登记收到 {summary}")
    else:
        if report.year != draft.year:
            correction = archive.guard_year(session, actor, report.year, draft.correction_reason, WHAT) or correction
        before = audit.snapshot(report)
        for key, value in values.items():
            setattr(report, key, value)
        session.flush()
        audit.updated(session, actor, report, before, summary=f"修改报送记录 {summary}")
    return finish_save(session, actor, draft, ENTITY, report.id, year=draft.year, unit_id=report.unit_id,
                       corrected=correction)


def delete_duty_report(session: Session, actor: Actor, report_id: int, version: int | None = None,
                       correction_reason: str = "") -> None:
    """Deletes a report recorded by mistake, with its attachment links (audited)."""
    report = load_for_update(session, DutyReport, report_id, version, WHAT)
    require_write(actor, report.unit_id)
    correction = archive.guard_year(session, actor, report.year, correction_reason, WHAT)
    for row in session.scalars(select(Attachment).where(Attachment.entity == ENTITY,
                                                        Attachment.entity_id == report_id)):
        audit.deleted(session, actor, row, summary=f"随报送记录移除附件 {row.filename}")
        session.delete(row)
    unit = session.get(Unit, report.unit_id)
    audit.deleted(session, actor, report, summary=f"删除报送记录 {unit.name} "
                  f"{period_label(report.kind, report.year, report.period)}{DUTY_REPORT_KINDS.get(report.kind, '')}")
    session.delete(report)
    session.flush()
    if correction:
        archive.record_correction(session, actor, ENTITY, report_id, report.year, correction_reason)
