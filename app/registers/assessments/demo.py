"""Demo 考核 and 述职述廉: the last full year's 主体责任考核 of every 科室 and 直属单位 (held in
January, the four sources scored, graded by the score; a unit with a third-form measure that
year vetoed, as proposed; one unit's 民主评议 满意度 low enough for a 约谈 proposal) and the 述职述廉 of the 班子成员 and the units' heads with their 民主评议; this
year's assessments under way (日常抽查 and 重点检查 scored, the rest at the year's end)."""
from __future__ import annotations

import datetime as dt

from app.demo.build import DemoContext
from app.registers.assessments import write as assessments_write
from app.registers.assessments.rules import DEFAULT_ITEMS, grade_of, total_of
from app.registers.assessments.veto import veto_proposal
from app.registers.assessments.types import (
    AssessmentDraft,
    ItemDraft,
    LeaderReportDraft,
)
from app.registers.people import query as ppl
from app.registers.people.demo import LEADERSHIP
from app.registers.pledges.query import RESPONSIBLE_KINDS
from app.registers.units.query import list_units
from app.settings import load_settings

LOW_SATISFACTION_UNIT = "市歌舞剧院"   # its 民主评议 falls below the 约谈 line
SUMMARIES = (
    "认真履行“一岗双责”，分管领域未发生违纪违法问题；带头落实中央八项规定精神，严守廉洁自律各项规定。",
    "组织开展廉政风险点排查和警示教育，督促问题整改；本人及家属无违规经商办企业等情况。",
    "落实主体责任不够到位的问题已整改；下一步加强对重点岗位人员的日常监督和提醒。",
)


def _score(rng, low: float, high: float) -> float:
    return round(rng.uniform(low, high), 1)


def populate(ctx: DemoContext) -> None:
    rng, as_of, actor = ctx.rng, ctx.as_of, ctx.actor
    by_unit: dict[str, list[int]] = ctx.shared["people_by_unit"]
    with ctx.ws.reading() as s:
        units = [u for u in list_units(s, include_inactive=False)
                 if u.kind in RESPONSIBLE_KINDS and u.name != LEADERSHIP]
        heads = ppl.unit_heads(s, [u.id for u in units])
        lines = load_settings(s).assessment_grade_scores
        leaders = [p for p in ppl.people_rows(s, by_unit[LEADERSHIP]) if p.active]
    last = as_of.year - 1
    held = dt.date(as_of.year, 1, rng.randint(12, 24))
    with ctx.ws.writing() as s:
        for unit in units:
            low = unit.name == LOW_SATISFACTION_UNIT
            scores = (_score(rng, 80, 98), _score(rng, 78, 98), _score(rng, 82, 97),
                      _score(rng, 70, 76) if low else _score(rng, 85, 99))
            items = tuple(ItemDraft(i.name, i.source, i.weight, score) for i, score in zip(DEFAULT_ITEMS, scores))
            case = veto_proposal(s, actor, unit.id, last)  # a serious case that year: the 党组 vetoes
            assessments_write.save_assessment(s, actor, AssessmentDraft(
                last, unit.id, items, grade_of(total_of(items), lines, veto=case is not None), veto=case is not None,
                veto_reason=case.reason if case else "", veto_sanction_id=case.sanction_id if case else None,
                assessed_on=held if held <= as_of else None, notes="年度考核结果经党组会议研究确定。"), as_of)
            # this year's under way: its table drawn up, the checks so far scored (from April)
            checked = as_of.month >= 4
            items = tuple(ItemDraft(i.name, i.source, i.weight, score) for i, score in zip(DEFAULT_ITEMS, (
                _score(rng, 82, 98) if checked else None, _score(rng, 80, 97) if checked else None, None, None)))
            assessments_write.save_assessment(s, actor, AssessmentDraft(as_of.year, unit.id, items), as_of)
        reporters = [p.id for p in leaders] + [h.id for h in heads.values()]
        for n, pid in enumerate(reporters):
            satisfaction = _score(rng, 86, 99.5)
            rating = "excellent" if satisfaction >= 95 else "competent"
            day = held + dt.timedelta(days=rng.randint(-6, 0)) if n >= len(leaders) else held - dt.timedelta(days=8)
            assessments_write.save_report(s, actor, LeaderReportDraft(
                last, pid, day if day <= as_of else None, rng.choice(SUMMARIES), satisfaction, rating), as_of)
