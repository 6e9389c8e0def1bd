"""The annual 排查 (持续开展廉政风险排查，动态调整廉政风险点及风险等级).

`start_review(YEAR)` copies the confirmed assessments of the latest earlier year as drafts of
YEAR (measures included); the clerk edits, re-levels (with a reason), retires or adds points;
`review_diff(YEAR)` tells per unit what is new, re-levelled and retired against the point's
previous confirmed level; `confirm_review(YEAR, unit)` confirms one unit's drafts or all of them.
Until confirmed, drafts count nowhere.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app import archive, audit
from app.auth import Actor, require_write
from app.errors import ValidationError
from app.progress import Progress
from app.registers.risks.types import CONFIRMED, DRAFT, RETIRED
from app.registers.units.types import UNIT_KIND_ORDER
from app.visibility import unit_rule
from db.models import RiskAssessment, RiskMeasure, RiskPoint, Unit, utcnow

NEW, RELEVEL, RETIRE, SAME = "new", "relevel", "retired", "same"
CHANGE_LABELS = {NEW: "新增", RELEVEL: "等级调整", RETIRE: "停用", SAME: "沿用"}


@dataclass(frozen=True)
class ReviewStart:
    year: int
    source_year: int | None       # the year copied from (None: nothing to copy)
    copied: int                   # drafts made
    already: int                  # points that had an assessment of the year already


@dataclass(frozen=True)
class ReviewItem:
    assessment_id: int
    point_id: int
    code: str
    name: str
    status: str
    change: str                   # new · relevel · retired · same
    from_level: int | None        # the point's previous confirmed level
    to_level: int
    version: int

    @property
    def change_label(self) -> str:
        return CHANGE_LABELS[self.change]


@dataclass(frozen=True)
class UnitReview:
    """One unit's 排查 of a year: its assessments against their previous confirmed level."""

    unit_id: int
    unit_name: str
    items: tuple[ReviewItem, ...]

    def count(self, change: str) -> int:
        return sum(1 for i in self.items if i.change == change)

    @property
    def drafts(self) -> int:
        return sum(1 for i in self.items if i.status == DRAFT)

    @property
    def confirmed(self) -> int:
        return sum(1 for i in self.items if i.status == CONFIRMED)


def source_year(session: Session, year: int) -> int | None:
    """The year a 排查 of `year` copies from: the latest earlier year with a confirmed point."""
    return session.scalar(select(func.max(RiskAssessment.year)).where(
        RiskAssessment.year < year, RiskAssessment.status == CONFIRMED))


def start_review(session: Session, actor: Actor, year: int, today: dt.date,
                 progress: Progress | None = None) -> ReviewStart:
    """开始 YEAR 年度排查: each point confirmed in the latest earlier year gets a draft of YEAR
    with the same content and measures (next review moved one year on). Points that already have
    an assessment of YEAR are left alone, so running it again only adds what is missing. A
    unit-limited user copies only their units."""
    require_write(actor)
    if not 2000 <= year <= 2100:
        raise ValidationError("排查年度应在 2000–2100 之间。", "year")
    archive.guard_year(session, actor, year, what="风险点")
    source = source_year(session, year)
    if source is None:
        return ReviewStart(year, None, 0, 0)
    query = (select(RiskAssessment).join(RiskPoint, RiskAssessment.risk_point_id == RiskPoint.id)
             .where(RiskAssessment.year == source, RiskAssessment.status == CONFIRMED)
             .options(selectinload(RiskAssessment.measures)).order_by(RiskAssessment.id))
    if actor.unit_ids is not None:
        query = query.where(RiskPoint.unit_id.in_(actor.unit_ids))
    have = set(session.scalars(select(RiskAssessment.risk_point_id).where(RiskAssessment.year == year)))
    already = 0
    made: list[RiskAssessment] = []
    sources = session.scalars(query).all()
    for n, old in enumerate(sources):
        if progress is not None and n % 100 == 0:
            progress.report(n, len(sources), f"正在生成 {year} 年度排查草稿")
        if old.risk_point_id in have:
            already += 1
            continue
        draft = RiskAssessment(
            risk_point_id=old.risk_point_id, year=year, description=old.description,
            category=old.category, level=old.level, likelihood=old.likelihood,
            consequence=old.consequence, responsible_person=old.responsible_person,
            responsible_leader=old.responsible_leader, next_review=_next_year(old.next_review),
            status=DRAFT)
        draft.measures = [RiskMeasure(seq=m.seq, text=m.text) for m in old.measures]
        session.add(draft)
        made.append(draft)
    session.flush()
    audit.record(session, actor, "create", "risk_assessments", "",
                 new={"year": year, "source_year": source, "drafts": [a.id for a in made]},
                 summary=f"开始 {year} 年度廉政风险排查：从 {source} 年度复制 {len(made)} 个风险点为草稿")
    for draft in made:  # each record's own row: it carries the draft's seal
        audit.created(session, actor, draft, measures=[m.text for m in draft.measures],
                      summary=f"{year} 年度排查草稿（由 {source} 年度复制）")
    return ReviewStart(year, source, len(made), already)


def _next_year(day: dt.date | None) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def review_diff(session: Session, actor: Actor, year: int) -> list[UnitReview]:
    """Per unit, the year's assessments with what the 排查 changed: new (no earlier confirmed
    level), re-levelled, retired, or the same as the point's latest confirmed earlier level."""
    points = RiskPoint.__table__
    query = (select(RiskAssessment.id, RiskAssessment.risk_point_id, RiskAssessment.level,
                    RiskAssessment.status, RiskAssessment.version, points.c.code, points.c.name,
                    points.c.unit_id)
             .join(points, RiskAssessment.risk_point_id == points.c.id)
             .where(RiskAssessment.year == year).order_by(points.c.code))
    query = query.where(unit_rule(actor, points.c.unit_id))
    rows = session.execute(query).all()
    previous = _previous_levels(session, year, [r.risk_point_id for r in rows])
    units = {u.id: u for u in session.execute(select(Unit.id, Unit.name, Unit.kind, Unit.sort_order))}
    by_unit: dict[int, list[ReviewItem]] = {}
    for r in rows:
        before = previous.get(r.risk_point_id)
        if r.status == RETIRED:
            change = RETIRE
        elif before is None:
            change = NEW
        else:
            change = RELEVEL if before != r.level else SAME
        by_unit.setdefault(r.unit_id, []).append(ReviewItem(
            r.id, r.risk_point_id, r.code, r.name, r.status, change, before, r.level, r.version))
    order = sorted(by_unit, key=lambda uid: (UNIT_KIND_ORDER.get(units[uid].kind, 9),
                                              units[uid].sort_order, units[uid].name))
    return [UnitReview(uid, units[uid].name, tuple(by_unit[uid])) for uid in order]


def _previous_levels(session: Session, year: int, point_ids: list[int]) -> dict[int, int]:
    """Each point's level in its latest confirmed assessment before `year`."""
    if not point_ids:
        return {}
    latest = (select(RiskAssessment.risk_point_id, func.max(RiskAssessment.year).label("year"))
              .where(RiskAssessment.year < year, RiskAssessment.status == CONFIRMED)
              .group_by(RiskAssessment.risk_point_id).subquery())
    query = (select(RiskAssessment.risk_point_id, RiskAssessment.level)
             .join(latest, (latest.c.risk_point_id == RiskAssessment.risk_point_id)
                   & (latest.c.year == RiskAssessment.year))
             .where(RiskAssessment.status == CONFIRMED))
    wanted = set(point_ids)
    return {pid: level for pid, level in session.execute(query) if pid in wanted}


def confirm_review(session: Session, actor: Actor, year: int, unit_id: int | None = None,
                   correction_reason: str = "") -> int:
    """Confirms the year's drafts of one unit (or all the actor may touch). Returns how many.
    From now on they count; the level changes were kept when the clerk re-levelled them."""
    require_write(actor)
    if unit_id is not None:
        unit = session.get(Unit, unit_id)
        if unit is None:
            raise ValidationError("所选单位不存在。", "unit_id")
        require_write(actor, unit.id, unit.name)
    correcting = archive.guard_year(session, actor, year, correction_reason, "风险点")
    query = (select(RiskAssessment).join(RiskPoint, RiskAssessment.risk_point_id == RiskPoint.id)
             .where(RiskAssessment.year == year, RiskAssessment.status == DRAFT))
    if unit_id is not None:
        query = query.where(RiskPoint.unit_id == unit_id)
    if actor.unit_ids is not None:
        query = query.where(RiskPoint.unit_id.in_(actor.unit_ids))
    drafts = session.scalars(query).all()
    now = utcnow()
    before = {a.id: audit.snapshot(a) for a in drafts}
    for assessment in drafts:
        assessment.status, assessment.confirmed_at, assessment.confirmed_by = CONFIRMED, now, actor.name
    session.flush()
    for assessment in drafts:  # each record's own row: it carries the confirmed seal
        audit.updated(session, actor, assessment, before[assessment.id], summary=f"确认 {year} 年度排查")
    scope = session.get(Unit, unit_id).name if unit_id is not None else "全部单位"
    audit.record(session, actor, "update", "risk_assessments", "",
                 new={"year": year, "unit_id": unit_id, "confirmed": [a.id for a in drafts]},
                 summary=f"确认 {year} 年度廉政风险排查（{scope}）：{len(drafts)} 个风险点")
    if correcting:
        archive.record_correction(session, actor, "risk_assessments", "", year, correction_reason)
    return len(drafts)
