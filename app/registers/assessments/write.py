"""Writing 考核 and 述职述廉: a unit's assessment with its scoring table (the total worked out,
the grade checked against 一票否决), a leader's 述职述廉 (unit and position snapshotted); delete.
Audited in the same transaction; a closed year needs an administrator and a reason."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import archive, audit
from app.attachments import finish_save
from app.auth import Actor, require_write
from app.common import limited_text, not_future
from app.errors import ValidationError
from app.registers.assessments.rules import check_grade, checked_items, total_of
from app.registers.assessments.types import (
    ENTITY,
    REPORT_ENTITY,
    AssessmentDraft,
    LeaderReportDraft,
)
from app.registers.people.query import unit_heads
from app.stale import load_for_update
from app.vocab import APPRAISAL_RATINGS
from db.models import (
    AssessmentItem,
    Attachment,
    LeaderReport,
    Person,
    Unit,
    UnitAssessment,
)

WHAT, REPORT_WHAT = "考核记录", "述职述廉记录"
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year(year: int | None) -> int:
    if year is None:
        raise ValidationError("请填写年度。", "year")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(f"年度“{year}”不对。", "year")
    return year


def _held(day: dt.date | None, year: int, today: dt.date | None, label: str, field: str) -> dt.date | None:
    """A 考核 or 述职 of a year is held in it or early the next."""
    if day is None:
        return None
    if today is not None:
        not_future(day, today, label, field)
    if day.year not in (year, year + 1):
        raise ValidationError(f"{year}年度的{label}应在 {year} 年或 {year + 1} 年内。", field)
    return day


def _unit(session: Session, actor: Actor, unit_id: int | None) -> Unit:
    unit = session.get(Unit, unit_id) if unit_id is not None else None
    if unit is None:
        raise ValidationError("请选择被考核单位。", "unit_id")
    require_write(actor, unit.id, unit.name)
    return unit


def _delete_files(session: Session, actor: Actor, entity: str, record_id: int, what: str) -> None:
    for row in session.scalars(select(Attachment).where(Attachment.entity == entity,
                                                        Attachment.entity_id == record_id)):
        audit.deleted(session, actor, row, summary=f"随{what}移除附件 {row.filename}")
        session.delete(row)


def _items_audit(items: list[AssessmentItem]) -> list[dict]:
    return [{"name": i.name, "source": i.source, "weight": i.weight, "score": i.score}
            for i in sorted(items, key=lambda i: i.seq)]


def save_assessment(session: Session, actor: Actor, draft: AssessmentDraft, today: dt.date | None = None) -> int:
    """Adds or edits a unit's 考核 of a year and returns its id. Guarantees: one per unit and
    year; the scoring table is checked (weights add up to 100, scores 0–100) and the total is
    worked out from it; 一票否决 needs its reason and allows 一般 at best; the head is the unit's
    主要负责人 when not chosen (kept afterwards); a unit-limited user writes their units' only; a
    closed year needs an administrator's reason; audited with the table."""
    require_write(actor)
    year = _year(draft.year)
    assessment = load_for_update(session, UnitAssessment, draft.id, draft.version, WHAT) if draft.id else None
    if assessment is not None:
        require_write(actor, assessment.unit_id)
    unit = _unit(session, actor, draft.unit_id)
    other = session.scalar(select(UnitAssessment.id).where(UnitAssessment.year == year,
                                                           UnitAssessment.unit_id == unit.id))
    if other is not None and other != draft.id:
        raise ValidationError(f"{unit.name}{year}年度已有考核记录，请打开那一条修改。", "unit_id")
    items = checked_items(draft.items)
    total = total_of(items)
    check_grade(draft.grade, draft.veto)
    veto_reason = limited_text(draft.veto_reason, "否决原因", "veto_reason", 2000)
    if draft.veto and not veto_reason:
        raise ValidationError("一票否决请写明原因。", "veto_reason")
    if draft.head_id is not None:
        head = session.get(Person, draft.head_id)
        if head is None:
            raise ValidationError("所选主要负责人已不在人员名册中，请重新选择。", "head_id")
        head_id, head_name = head.id, head.name
    elif assessment is not None and assessment.unit_id == unit.id and assessment.head_id is not None:
        head_id, head_name = assessment.head_id, assessment.head_name
    else:
        found = unit_heads(session, [unit.id]).get(unit.id)
        head_id, head_name = (found.id, found.name) if found else (None, "")
    values = dict(year=year, unit_id=unit.id, head_id=head_id, head_name=head_name,
                  assessed_on=_held(draft.assessed_on, year, today, "考核日期", "assessed_on"),
                  total=total, grade=draft.grade, veto=bool(draft.veto),
                  veto_reason=veto_reason if draft.veto else "",
                  veto_sanction_id=draft.veto_sanction_id if draft.veto else None,
                  notes=limited_text(draft.notes, "备注", "notes", 2000))
    rows = [AssessmentItem(seq=n, name=i.name, source=i.source, weight=i.weight, score=i.score)
            for n, i in enumerate(items)]
    correction = archive.guard_year(session, actor, year, draft.correction_reason, WHAT)
    summary = f"{year}年 {unit.name}"
    if assessment is None:
        assessment = UnitAssessment(**values, items=rows)
        session.add(assessment)
        session.flush()
        audit.created(session, actor, assessment, summary=f"新增主体责任考核 {summary}", items=_items_audit(rows))
    else:
        if assessment.year != year:
            correction = archive.guard_year(session, actor, assessment.year, draft.correction_reason,
                                            WHAT) or correction
        before = audit.snapshot(assessment, items=_items_audit(assessment.items))
        for key, value in values.items():
            setattr(assessment, key, value)
        assessment.items = rows
        session.flush()
        audit.updated(session, actor, assessment, before, summary=f"修改主体责任考核 {summary}",
                      items=_items_audit(rows))
    return finish_save(session, actor, draft, ENTITY, assessment.id, year=year, unit_id=assessment.unit_id,
                       corrected=correction)


def delete_assessment(session: Session, actor: Actor, assessment_id: int, version: int | None = None,
                      correction_reason: str = "") -> None:
    """Deletes an assessment entered by mistake, with its table and attachment links (audited)."""
    assessment = load_for_update(session, UnitAssessment, assessment_id, version, WHAT)
    require_write(actor, assessment.unit_id)
    correction = archive.guard_year(session, actor, assessment.year, correction_reason, WHAT)
    unit = session.get(Unit, assessment.unit_id)
    _delete_files(session, actor, ENTITY, assessment_id, "考核记录")
    audit.deleted(session, actor, assessment, summary=f"删除主体责任考核 {assessment.year}年 {unit.name}",
                  items=_items_audit(assessment.items))
    session.delete(assessment)
    session.flush()
    if correction:
        archive.record_correction(session, actor, ENTITY, assessment_id, assessment.year, correction_reason)


def save_report(session: Session, actor: Actor, draft: LeaderReportDraft, today: dt.date | None = None) -> int:
    """Adds or edits a leader's 述职述廉 of a year and returns its id. Guarantees: one per person
    and year; the person's unit and position are taken from the register when recorded and kept
    afterwards; 满意度 0–100, the 等次 one of 优秀 · 称职 · 基本称职 · 不称职; the date is not after
    `today` and lies in the year or the next; unit-limited users write their units' only; a
    closed year needs an administrator's reason; audited."""
    require_write(actor)
    year = _year(draft.year)
    report = load_for_update(session, LeaderReport, draft.id, draft.version, REPORT_WHAT) if draft.id else None
    if report is not None:
        require_write(actor, report.unit_id, report.unit_name)
    person = session.get(Person, draft.person_id) if draft.person_id is not None else None
    if person is None:
        raise ValidationError("请选择述职人。", "person_id")
    if report is not None and report.person_id == person.id:
        unit_id, unit_name, position = report.unit_id, report.unit_name, report.position
    else:
        unit = session.get(Unit, person.unit_id)
        unit_id, unit_name, position = unit.id, unit.name, person.position
    require_write(actor, unit_id, unit_name)
    other = session.scalar(select(LeaderReport.id).where(LeaderReport.year == year,
                                                         LeaderReport.person_id == person.id))
    if other is not None and other != draft.id:
        raise ValidationError(f"{person.name}{year}年度已有述职述廉记录。", "person_id")
    satisfaction = draft.satisfaction
    if satisfaction is not None:
        if not 0 <= satisfaction <= 100:
            raise ValidationError("满意度应在 0–100 之间（%）。", "satisfaction")
        satisfaction = round(float(satisfaction), 1)
    if draft.rating and draft.rating not in APPRAISAL_RATINGS:
        raise ValidationError(f"评议等次应为{'、'.join(APPRAISAL_RATINGS.values())}之一。", "rating")
    values = dict(year=year, person_id=person.id, person_name=person.name if report is None or
                  report.person_id != person.id else report.person_name,
                  unit_id=unit_id, unit_name=unit_name, position=position,
                  reported_on=_held(draft.reported_on, year, today, "述职日期", "reported_on"),
                  summary=limited_text(draft.summary, "述职述廉要点", "summary", 10000),
                  satisfaction=satisfaction, rating=draft.rating,
                  notes=limited_text(draft.notes, "备注", "notes", 2000))
    correction = archive.guard_year(session, actor, year, draft.correction_reason, REPORT_WHAT)
    summary = f"{year}年 {values['person_name']}"
    if report is None:
        report = LeaderReport(**values)
        session.add(report)
        session.flush()
        audit.created(session, actor, report, summary=f"新增述职述廉 {summary}")
    else:
        if report.year != year:
            correction = archive.guard_year(session, actor, report.year, draft.correction_reason,
                                            REPORT_WHAT) or correction
        before = audit.snapshot(report)
        for key, value in values.items():
            setattr(report, key, value)
        session.flush()
        audit.updated(session, actor, report, before, summary=f"修改述职述廉 {summary}")
    return finish_save(session, actor, draft, REPORT_ENTITY, report.id, year=year, unit_id=report.unit_id,
                       corrected=correction)


def delete_report(session: Session, actor: Actor, report_id: int, version: int | None = None,
                  correction_reason: str = "") -> None:
    """Deletes a 述职述廉 entered by mistake, with its attachment links (audited)."""
    report = load_for_update(session, LeaderReport, report_id, version, REPORT_WHAT)
    require_write(actor, report.unit_id, report.unit_name)
    correction = archive.guard_year(session, actor, report.year, correction_reason, REPORT_WHAT)
    _delete_files(session, actor, REPORT_ENTITY, report_id, "述职述廉")
    audit.deleted(session, actor, report, summary=f"删除述职述廉 {report.year}年 {report.person_name}")
    session.delete(report)
    session.flush()
    if correction:
        archive.record_correction(session, actor, REPORT_ENTITY, report_id, report.year, correction_reason)
