"""Demo risk points: four years of 排查 through the register's own services.

The first year is filed as confirmed; every later year starts its 排查 (drafts copied from the
year before), re-levels some points with a reason, retires a few, finds a few new ones and
confirms — except the as-of year, where a few units' drafts still wait for confirmation.
Mostly 二级 and 三级, a few 一级.
"""
from __future__ import annotations

import datetime as dt
import random

from app.demo.build import DemoContext
from app.registers.people import query as people_svc
from app.registers.risks.demo_catalogue import (
    AFFILIATE_OWN,
    COMMON_AFFILIATE,
    LOWER_REASONS,
    NEW_ITEMS,
    OFFICE_ITEMS,
    RAISE_REASONS,
    RETIRE_REASONS,
    Item,
)
from app.registers.risks.query import risk_rows, search_risk_ids
from app.registers.risks.review import confirm_review, start_review
from app.registers.risks.types import RiskDraft, RiskFilter
from app.registers.risks.write import retire_risk, save_risk

YEARS = 4
# Units whose as-of-year 排查 is still in draft.
PENDING_UNITS = ("宣传科", "市艺术剧院", "市旅游服务中心")
# likelihood × consequence pairs that fall in each level's band (default thresholds 15 / 8).
SCORES = {1: ((4, 4), (3, 5), (4, 5), (5, 5), (5, 3)), 2: ((2, 4), (3, 3), (3, 4), (2, 5), (4, 3)),
          3: ((1, 3), (2, 2), (2, 3), (1, 5), (3, 2))}
CHUNK = 1000


def populate(ctx: DemoContext) -> None:
    rng, ws, actor = ctx.rng, ctx.ws, ctx.actor
    unit_ids: dict[str, int] = ctx.shared["unit_ids"]
    years = ctx.years(YEARS)
    with ws.reading() as s:
        heads, leaders = _people(s, ctx.shared["people_by_unit"])
    leader_of = {name: rng.choice(leaders) for name in unit_ids}

    def draft(unit: str, item: Item, copy: int, year: int, status: str) -> RiskDraft:
        post, duty, name, description, category, level, measures = item
        if level == 1 and rng.random() < 0.5:
            level = 2  # a few 一级: the rest of these are filed as 二级
        elif level == 2 and rng.random() < 0.3:
            level = 3
        score = rng.choice(SCORES[level]) if rng.random() < 0.6 else (None, None)
        return RiskDraft(
            unit_id=unit_ids[unit], name=name + (f"（{copy + 1}）" if copy else ""), year=year,
            category=category, level=level, post=post, duty_item=duty, description=description,
            likelihood=score[0], consequence=score[1], measures=measures,
            responsible_person=heads.get(unit, ""), responsible_leader=leader_of[unit],
            next_review=dt.date(year + 1, 3, 31), status=status)

    first = years[0]
    with ws.writing() as s:
        day = _review_day(rng, first, ctx.as_of)
        for unit in unit_ids:
            for copy in range(ctx.scale):
                for item in _catalogue(unit):
                    save_risk(s, actor, draft(unit, item, copy, first, "confirmed"), day)

    for year in years[1:]:
        day = _review_day(rng, year, ctx.as_of)
        with ws.writing() as s:
            start_review(s, actor, year, day)
            drafts = _drafts(s, actor, year)
            for row in rng.sample(drafts, k=max(1, len(drafts) * 8 // 100)):
                _relevel(s, actor, rng, row, day)
            retired = {r.id for r in rng.sample(drafts, k=max(1, len(drafts) * 2 // 100))}
            for assessment_id in retired:
                retire_risk(s, actor, assessment_id, reason=rng.choice(RETIRE_REASONS))
            for unit in rng.sample(sorted(unit_ids), k=max(2, len(unit_ids) // 6)):
                for copy in range(ctx.scale):
                    item = rng.choice(NEW_ITEMS)
                    if (unit, item[2], copy) in ctx.shared.setdefault("risk_new", set()):
                        continue
                    ctx.shared["risk_new"].add((unit, item[2], copy))
                    save_risk(s, actor, draft(unit, item, copy, year, "draft"), day)
            if year != ctx.as_of.year:
                confirm_review(s, actor, year)
            else:
                for unit, uid in unit_ids.items():
                    if unit not in PENDING_UNITS:
                        confirm_review(s, actor, year, uid)


def _catalogue(unit: str) -> list[Item]:
    if unit in OFFICE_ITEMS:
        return OFFICE_ITEMS[unit]
    if unit in AFFILIATE_OWN or unit.startswith("市"):
        return COMMON_AFFILIATE + AFFILIATE_OWN.get(unit, [])
    return []


def _people(session, people_by_unit: dict[str, list[int]]) -> tuple[dict[str, str], list[str]]:  # noqa: ANN001
    """Each unit's head (its 责任人) and the deputy heads of the bureau (责任领导)."""
    heads = {}
    for unit, ids in people_by_unit.items():
        rows = people_svc.people_rows(session, ids[:1])
        if rows:
            heads[unit] = rows[0].name
    bureau = people_svc.people_rows(session, people_by_unit.get("局领导班子", [])[1:5])
    return heads, [p.name for p in bureau] or ["局领导"]


def _drafts(session, actor, year: int) -> list:  # noqa: ANN001
    ids = search_risk_ids(session, actor, RiskFilter(year=year, status="draft"), sort="code")
    return [row for start in range(0, len(ids), CHUNK) for row in risk_rows(session, ids[start:start + CHUNK])]


def _relevel(session, actor, rng: random.Random, row, day: dt.date) -> None:  # noqa: ANN001
    """动态调整: one level up (a reason from RAISE_REASONS) or down (LOWER_REASONS)."""
    up = row.level == 3 or (row.level == 2 and rng.random() < 0.3)
    level = row.level - 1 if up else row.level + 1
    score = rng.choice(SCORES[level]) if row.likelihood else (None, None)
    save_risk(session, actor, RiskDraft(
        unit_id=row.unit_id, name=row.name, year=row.year, category=row.category, level=level,
        post=row.post, duty_item=row.duty_item, description=row.description,
        likelihood=score[0], consequence=score[1], measures=row.measures, responsible_person=row.responsible_person,
        responsible_leader=row.responsible_leader, next_review=row.next_review,
        level_reason=rng.choice(RAISE_REASONS if up else LOWER_REASONS),
        id=row.id, version=row.version, point_version=row.point_version), day)


def _review_day(rng: random.Random, year: int, as_of: dt.date) -> dt.date:
    """The 排查 is held in March (or by the as-of date, if earlier)."""
    return min(dt.date(year, 3, rng.randint(1, 28)), as_of)
