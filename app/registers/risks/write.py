"""Writing the risk register: a risk point's identity with one year's assessment, confirming a
draft, retiring and reinstating (never deleting). Every level change needs a reason and is kept
(from, to, date, reason, who); a closed year refuses 录入员 (app/archive.py)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import archive, audit
from app.auth import Actor, require_write
from app.common import clean, limited_text, required_text
from app.dictionaries import load_vocabulary, require_code
from app.errors import ValidationError
from app.registers.risks.query import previous_confirmed_level
from app.registers.risks.types import CONFIRMED, DRAFT, RETIRED, RiskDraft
from app.stale import load_for_update
from app.vocab import ASSESSMENT_STATUS, LEVELS
from db.models import (
    RiskAssessment,
    RiskLevelChange,
    RiskMeasure,
    RiskPoint,
    Unit,
    utcnow,
)

FIRST_LEVEL_REASON = "首次评定"


MAX_MEASURES = 30


SCORE_RANGE = range(1, 6)  # likelihood and consequence: 1–5 each


def _validated(session: Session, draft: RiskDraft) -> tuple[Unit, dict[str, object]]:
    if draft.unit_id is None:
        raise ValidationError("请选择风险点所在的单位或科室。", "unit_id")
    unit = session.get(Unit, draft.unit_id)
    if unit is None:
        raise ValidationError("所选单位不存在。", "unit_id")
    values: dict[str, object] = {
        "name": required_text(draft.name, "风险点", "name", 200),
        "post": limited_text(draft.post, "岗位", "post", 100),
        "duty_item": limited_text(draft.duty_item, "职权/业务事项", "duty_item", 200),
        "code": limited_text(draft.code, "编号", "code", 40),
        "description": limited_text(draft.description, "表现形式", "description", 2000),
        "responsible_person": limited_text(draft.responsible_person, "责任人", "responsible_person", 100),
        "responsible_leader": limited_text(draft.responsible_leader, "责任领导", "responsible_leader", 100),
    }
    if draft.year is None or not 2000 <= draft.year <= 2100:
        raise ValidationError("请填写评估年度（2000–2100）。", "year")
    require_code(load_vocabulary(session), "risk_category", draft.category, "category")
    if draft.level not in LEVELS:
        raise ValidationError("请选择风险等级。", "level")
    for value, label, field in ((draft.likelihood, "可能性", "likelihood"),
                                (draft.consequence, "后果严重性", "consequence")):
        if value is not None and value not in SCORE_RANGE:
            raise ValidationError(f"{label}应为 1–5 分。", field)
    if (draft.likelihood is None) != (draft.consequence is None):
        field = "consequence" if draft.consequence is None else "likelihood"
        raise ValidationError("可能性和后果严重性要么都填，要么都不填。", field)
    measures = tuple(dict.fromkeys(m for m in (clean(x) for x in draft.measures) if m))
    if len(measures) > MAX_MEASURES:
        raise ValidationError(f"防控措施最多 {MAX_MEASURES} 条。", "measures")
    for measure in measures:
        limited_text(measure, "每条防控措施", "measures", 1000)
    values["measures"] = measures
    return unit, values


def _level_text(level: int | None) -> str:
    return "（无）" if level is None else f"{'一二三'[level - 1]}级"


def _new_code(session: Session, year: int) -> str:
    prefix = f"FX{year}-"
    last = session.scalar(select(func.max(RiskPoint.code)).where(
        RiskPoint.code.like(f"{prefix}%"), func.length(RiskPoint.code) == len(prefix) + 4))
    number = int(last[len(prefix):]) + 1 if last and last[len(prefix):].isdigit() else 1
    return f"{prefix}{number:04d}"


def _check_identity(session: Session, point: RiskPoint | None, unit: Unit, values: dict) -> str:
    """The point's code (new or kept); refuses a code in use and a second point with the same
    unit, post and name."""
    code = str(values["code"])
    if point is not None and code and code != point.code:
        raise ValidationError(f"风险点编号创建后不能修改（现为 {point.code}）。", "code")
    if point is None and code:
        if session.scalar(select(RiskPoint.id).where(RiskPoint.code == code)) is not None:
            raise ValidationError(f"编号“{code}”已被其他风险点使用。", "code")
    same = session.scalars(select(RiskPoint).where(
        RiskPoint.unit_id == unit.id, RiskPoint.name == values["name"],
        RiskPoint.post == values["post"])).first()
    if same is not None and (point is None or same.id != point.id):
        raise ValidationError(f"“{unit.name}”已有风险点“{values['name']}”（编号 {same.code}），"
                              "新年度的评估请在该风险点上录入。", "name")
    return point.code if point is not None else code


def save_risk(session: Session, actor: Actor, draft: RiskDraft, today: dt.date) -> int:
    """Adds or edits one year's assessment of a risk point, with the point's identity (which all
    years share). A level different from the previous one — this assessment's, or for a new
    year the point's latest confirmed level — needs `level_reason` and is kept in the level
    history; a new point's first level is kept too. Returns the assessment id."""
    require_write(actor)
    unit, values = _validated(session, draft)
    require_write(actor, unit.id, unit.name)
    year = int(draft.year)  # type: ignore[arg-type]
    correcting = archive.guard_year(session, actor, year, draft.correction_reason, "风险点")
    assessment: RiskAssessment | None = None
    point: RiskPoint | None = None
    previous: int | None = None
    if draft.id is not None:
        assessment = load_for_update(session, RiskAssessment, draft.id, draft.version, "风险点评估")
        if assessment.year != year:
            raise ValidationError("评估年度不能修改；其他年度的评估请在该年度录入。", "year")
        if assessment.status == RETIRED:
            raise ValidationError("该风险点本年度已停用，请先启用再修改。")
        point = load_for_update(session, RiskPoint, assessment.risk_point_id, draft.point_version, "风险点")
        previous = assessment.level
    elif draft.point_id is not None:
        point = load_for_update(session, RiskPoint, draft.point_id, draft.point_version, "风险点")
        if session.scalar(select(RiskAssessment.id).where(
                RiskAssessment.risk_point_id == point.id, RiskAssessment.year == year)) is not None:
            raise ValidationError(f"该风险点已有 {year} 年度的评估。", "year")
        previous = previous_confirmed_level(session, point.id, year)
    if point is not None:
        require_write(actor, point.unit_id)
    if assessment is None and draft.status not in (DRAFT, CONFIRMED):
        raise ValidationError("新的评估只能是草稿或已确认。", "status")
    reason = limited_text(draft.level_reason, "调整原因", "level_reason", 500)
    if previous is not None and previous != draft.level and not reason:
        raise ValidationError(f"风险等级由{_level_text(previous)}调整为{_level_text(draft.level)}，"
                              "请填写调整原因。", "level_reason")
    code = _check_identity(session, point, unit, values) or _new_code(session, year)
    identity = {"unit_id": unit.id, "post": values["post"], "duty_item": values["duty_item"],
                "name": values["name"]}
    is_new_point = point is None
    if point is None:
        point = RiskPoint(code=code, **identity)
        session.add(point)
        session.flush()
        audit.created(session, actor, point, summary=f"新增风险点 {code} {values['name']}")
    else:
        before = audit.snapshot(point)
        for key, value in identity.items():
            setattr(point, key, value)
        session.flush()
        audit.updated(session, actor, point, before, summary=f"修改风险点 {point.code}")
    fields = {key: values[key] for key in ("description", "responsible_person", "responsible_leader")}
    fields.update(category=draft.category, level=draft.level, likelihood=draft.likelihood,
                  consequence=draft.consequence, next_review=draft.next_review)
    measures = list(values["measures"])  # type: ignore[arg-type]
    if assessment is None:
        assessment = RiskAssessment(risk_point_id=point.id, year=year, status=draft.status, **fields)
        if draft.status == CONFIRMED:
            assessment.confirmed_at, assessment.confirmed_by = utcnow(), actor.name
        assessment.measures = [RiskMeasure(seq=i, text=t) for i, t in enumerate(measures)]
        session.add(assessment)
        session.flush()
        audit.created(session, actor, assessment, measures=measures,
                      summary=f"{year} 年度风险点 {point.code} {point.name}")
    else:
        old_measures = [m.text for m in assessment.measures]
        before = audit.snapshot(assessment, measures=old_measures)
        for key, value in fields.items():
            setattr(assessment, key, value)
        if measures != old_measures:
            assessment.measures = [RiskMeasure(seq=i, text=t) for i, t in enumerate(measures)]
        assessment.updated_at = utcnow()  # the version moves even when only the measures changed
        session.flush()
        audit.updated(session, actor, assessment, before, measures=measures,
                      summary=f"{year} 年度风险点 {point.code} {point.name}")
    first = previous is None and (is_new_point or session.scalar(select(func.count()).where(
        RiskLevelChange.risk_point_id == point.id)) == 0)
    if (previous is not None and previous != draft.level) or first:
        _record_level_change(session, actor, point.id, year, previous, int(draft.level),  # type: ignore[arg-type]
                            reason or FIRST_LEVEL_REASON, today)
    if correcting:
        archive.record_correction(session, actor, "risk_assessments", assessment.id, year,
                                  draft.correction_reason)
    return assessment.id


def _set_status(session: Session, actor: Actor, assessment_id: int, version: int | None,
                allowed_from: tuple[str, ...], status: str, summary: str,
                correction_reason: str = "") -> RiskAssessment:
    assessment = load_for_update(session, RiskAssessment, assessment_id, version, "风险点评估")
    point = session.get(RiskPoint, assessment.risk_point_id)
    unit = session.get(Unit, point.unit_id)
    require_write(actor, unit.id, unit.name)
    correcting = archive.guard_year(session, actor, assessment.year, correction_reason, "风险点")
    if assessment.status not in allowed_from:
        label = ASSESSMENT_STATUS.get(assessment.status, assessment.status)
        raise ValidationError(f"“{point.name}”{assessment.year} 年度的评估现为“{label}”，不能{summary}。")
    before = audit.snapshot(assessment)
    assessment.status = status
    if status == CONFIRMED and assessment.confirmed_at is None:
        assessment.confirmed_at, assessment.confirmed_by = utcnow(), actor.name
    session.flush()
    audit.updated(session, actor, assessment, before,
                  summary=f"{summary} {assessment.year} 年度风险点 {point.code} {point.name}")
    if correcting:
        archive.record_correction(session, actor, "risk_assessments", assessment.id, assessment.year,
                                  correction_reason)
    return assessment


def confirm_risk(session: Session, actor: Actor, assessment_id: int, version: int | None = None,
                 correction_reason: str = "") -> None:
    """确认 a draft: from now on it counts (charts, 首页, 防控等级)."""
    _set_status(session, actor, assessment_id, version, (DRAFT,), CONFIRMED, "确认", correction_reason)


def retire_risk(session: Session, actor: Actor, assessment_id: int, version: int | None = None,
                reason: str = "", correction_reason: str = "") -> None:
    """停用 the risk point for the year (it no longer exists or is merged): never deleted, it
    stops counting and is not carried into the next 排查. The reason goes to the audit log."""
    reason = limited_text(reason, "停用原因", "reason", 500)
    _set_status(session, actor, assessment_id, version, (DRAFT, CONFIRMED), RETIRED,
                "停用" + (f"（{reason}）" if reason else ""), correction_reason)


def reinstate_risk(session: Session, actor: Actor, assessment_id: int, version: int | None = None,
                   correction_reason: str = "") -> None:
    """启用 a retired assessment again: confirmed when it had been confirmed, else a draft."""
    assessment = load_for_update(session, RiskAssessment, assessment_id, version, "风险点评估")
    status = CONFIRMED if assessment.confirmed_at is not None else DRAFT
    _set_status(session, actor, assessment_id, version, (RETIRED,), status, "启用", correction_reason)


def _record_level_change(session: Session, actor: Actor, point_id: int, year: int,
                        from_level: int | None, to_level: int, reason: str, today: dt.date) -> None:
    """Keeps one level change (the caller has validated the reason)."""
    change = RiskLevelChange(risk_point_id=point_id, year=year, from_level=from_level,
                             to_level=to_level, changed_on=today, reason=reason, user_name=actor.name)
    session.add(change)
    session.flush()
    audit.created(session, actor, change, summary=f"风险等级调整 {from_level or '—'} → {to_level}：{reason}")

