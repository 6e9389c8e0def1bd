"""The text of a 工作总结 as the office writes it, kept per period and scope (the whole bureau,
or a unit): the 报告 page saves the clerk's sections and finds them again when the same period
is opened, whoever opens it; a Word file made from a period marks it done, so the half-year
report is no longer reminded of (app/reminders.py)."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, Role, require_role, require_write
from app.errors import ValidationError
from app.reports.period import ReportPeriod
from app.stale import load_for_update
from app.visibility import is_limited, require_readable_unit
from db.models import ReportText, utcnow

ENTITY = "report_texts"
MAX_TEXT = 60000


@dataclass(frozen=True)
class ReportSection:
    """A part of the 工作总结: its title (一级标题, numbered 一、二、… in order; "" for the
    导语) and its text, one paragraph a line; a line “（一）…。…” opens with its 二级标题."""

    key: str        # opening · basics · practices · problems · plans · custom-N
    title: str
    text: str


def sections_json(sections: list[ReportSection]) -> str:
    return json.dumps([{"key": s.key, "title": s.title, "text": s.text} for s in sections], ensure_ascii=False)


def sections_from_json(text: str) -> list[ReportSection]:
    return [ReportSection(str(d.get("key", "")), str(d.get("title", "")), str(d.get("text", "")))
            for d in json.loads(text or "[]")]


@dataclass(frozen=True)
class SavedText:
    id: int
    period: ReportPeriod
    scope: int                           # 0: the whole bureau; a unit id
    sections: list[ReportSection]
    saved_by: str
    saved_at: dt.datetime
    generated_at: dt.datetime | None
    version: int


def _row(session: Session, period: ReportPeriod, scope: int) -> ReportText | None:
    return session.scalar(select(ReportText).where(ReportText.period_start == period.start,
                                                   ReportText.period_end == period.end, ReportText.scope == scope))


def load_text(session: Session, actor: Actor, period: ReportPeriod, unit_id: int | None) -> SavedText | None:
    """The saved text of the period and scope; None when none was saved. A unit-limited user
    reads their units' texts only (app/visibility.py: the whole bureau's is no unit of theirs)."""
    require_role(actor, Role.VIEWER)
    require_readable_unit(actor, unit_id, session=session)
    row = _row(session, period, unit_id or 0)
    if row is None:
        return None
    return SavedText(row.id, period, row.scope, sections_from_json(row.sections), row.saved_by, row.updated_at,
                     row.generated_at, row.version)


def save_text(session: Session, actor: Actor, period: ReportPeriod, unit_id: int | None,
              sections: list[ReportSection], version: int | None = None) -> int:
    """Keeps the clerk's sections for the period and scope (录入员; a unit-limited user only for
    their unit); a stale copy (another clerk saved since) raises StaleRecord; audited."""
    require_write(actor, unit_id)
    if unit_id is None and is_limited(actor):
        raise ValidationError("您的账号只能查看指定单位的记录：请选择单位。", "unit")
    if any(not (s.title.strip() or s.text.strip()) for s in sections):
        raise ValidationError("有一节既没有标题也没有内容，请填写或删除该节。", "sections")
    payload = sections_json(sections)
    if len(payload) > MAX_TEXT:
        raise ValidationError("报告正文过长，请精简后再保存。", "sections")
    row = _row(session, period, unit_id or 0)
    if row is None:
        row = ReportText(period_start=period.start, period_end=period.end, scope=unit_id or 0, sections=payload,
                         saved_by=actor.name)
        session.add(row)
        session.flush()
        audit.created(session, actor, row, summary=f"保存报告文稿（{period.span_text}）")
        return row.id
    row = load_for_update(session, ReportText, row.id, version if version is not None else row.version, "报告文稿")
    before = audit.snapshot(row)
    row.sections, row.saved_by = payload, actor.name
    session.flush()
    audit.updated(session, actor, row, before, summary=f"修改报告文稿（{period.span_text}）")
    return row.id


def mark_generated(session: Session, actor: Actor, period: ReportPeriod, unit_id: int | None) -> None:
    """The period's text made into a Word file now (a period without a saved text gets a row
    with no sections, its own audit row sealing it: the generated text was used). Part of the
    export, which 查阅 may make; the time is outside the seal (db/seals.py), the export's own
    audit row says it."""
    row = _row(session, period, unit_id or 0)
    if row is None:
        row = ReportText(period_start=period.start, period_end=period.end, scope=unit_id or 0, sections="[]",
                         saved_by=actor.name, generated_at=utcnow())
        session.add(row)
        session.flush()
        audit.created(session, actor, row, summary=f"生成报告（{period.span_text}），使用生成的文字")
        return
    row.generated_at = utcnow()
    session.flush()


def half_year_due(today: dt.date, due_days: int) -> tuple[ReportPeriod, dt.date] | None:
    """The half-year whose report is being written now (the seed: 每半年向党组报告1次) and the
    day it is due, `due_days` after the half ends: from the day after the end until a month past
    the due day; None outside that time."""
    for period in (ReportPeriod.half(today.year, 1), ReportPeriod.half(today.year - 1, 2)):
        due = period.end + dt.timedelta(days=due_days)
        if period.end < today <= due + dt.timedelta(days=30):
            return period, due
    return None


def report_made(session: Session, period: ReportPeriod) -> bool:
    """A Word file was made of the whole bureau's report for `period` (or a longer one ending then)."""
    return session.scalar(select(ReportText.id).where(
        ReportText.scope == 0, ReportText.period_end == period.end, ReportText.period_start <= period.start,
        ReportText.generated_at.is_not(None))) is not None
