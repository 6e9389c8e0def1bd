"""Writing 专题研究: save (the 党组's own only by a user of all units), delete. Audited in the
same transaction; a closed year needs an administrator and a reason."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import archive, audit
from app.attachments import finish_save
from app.auth import Actor, require_all_units, require_write
from app.common import limited_text, not_future, required_text
from app.dictionaries import load_vocabulary, require_code
from app.errors import ValidationError
from app.registers.studies.types import ENTITY, PARTY_GROUP, StudyDraft
from app.stale import load_for_update
from db.models import Attachment, Study, Unit

WHAT = "专题研究记录"
MAX_TEXT = 10000


def _require_unit(session: Session, actor: Actor, unit_id: int | None) -> str:
    """The studying unit's name; the 党组's own (no unit) is written by users of all units only."""
    require_write(actor)
    if unit_id is None:
        require_all_units(actor, "局党组的专题研究记录")
        return PARTY_GROUP
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise ValidationError("所选单位不存在。", "unit_id")
    require_write(actor, unit.id, unit.name)
    return unit.name


def _values(session: Session, draft: StudyDraft, today: dt.date | None) -> dict[str, object]:
    if draft.held_on is None:
        raise ValidationError("请填写会议日期。", "held_on")
    if today is not None:
        not_future(draft.held_on, today, "会议日期", "held_on")
    require_code(load_vocabulary(session), "study_meeting", draft.meeting, "meeting")
    return dict(held_on=draft.held_on, meeting=draft.meeting, unit_id=draft.unit_id,
                topics=required_text(draft.topics, "研究议题", "topics", MAX_TEXT),
                presided=limited_text(draft.presided, "主持人", "presided", 50),
                reporter=limited_text(draft.reporter, "汇报人", "reporter", 100),
                attendees=limited_text(draft.attendees, "参会人员", "attendees", MAX_TEXT),
                decisions=limited_text(draft.decisions, "研究决定", "decisions", MAX_TEXT),
                notes=limited_text(draft.notes, "备注", "notes", 2000))


def save_study(session: Session, actor: Actor, draft: StudyDraft, today: dt.date | None = None) -> int:
    """Adds or edits a 专题研究 and returns its id. Guarantees: the meeting is a dictionary item,
    the date is not after `today`, the topics are not empty; the 党组's own (no unit) only by a
    user of all units, a unit's 班子 only by a user of that unit; a closed year needs an
    administrator's reason; audited. ValidationError names the field."""
    name = _require_unit(session, actor, draft.unit_id)
    values = _values(session, draft, today)
    study = load_for_update(session, Study, draft.id, draft.version, WHAT) if draft.id else None
    year = draft.held_on.year  # type: ignore[union-attr]
    correction = archive.guard_year(session, actor, year, draft.correction_reason, WHAT)
    summary = f"{draft.held_on:%Y-%m-%d} {name}"
    if study is None:
        study = Study(**values)
        session.add(study)
        session.flush()
        audit.created(session, actor, study, summary=f"新增专题研究 {summary}")
    else:
        _require_unit(session, actor, study.unit_id)
        if study.held_on.year != year:
            correction = archive.guard_year(session, actor, study.held_on.year, draft.correction_reason,
                                            WHAT) or correction
        before = audit.snapshot(study)
        for key, value in values.items():
            setattr(study, key, value)
        session.flush()
        audit.updated(session, actor, study, before, summary=f"修改专题研究 {summary}")
    return finish_save(session, actor, draft, ENTITY, study.id, year=year, unit_id=study.unit_id,
                       corrected=correction)


def delete_study(session: Session, actor: Actor, study_id: int, version: int | None = None,
                 correction_reason: str = "") -> None:
    """Deletes a study entered by mistake, with its attachment links (audited)."""
    study = load_for_update(session, Study, study_id, version, WHAT)
    name = _require_unit(session, actor, study.unit_id)
    year = study.held_on.year
    correction = archive.guard_year(session, actor, year, correction_reason, WHAT)
    for row in session.scalars(select(Attachment).where(Attachment.entity == ENTITY,
                                                        Attachment.entity_id == study_id)):
        audit.deleted(session, actor, row, summary=f"随专题研究移除附件 {row.filename}")
        session.delete(row)
    audit.deleted(session, actor, study, summary=f"删除专题研究 {study.held_on:%Y-%m-%d} {name}")
    session.delete(study)
    session.flush()
    if correction:
        archive.record_correction(session, actor, ENTITY, study_id, year, correction_reason)
