"""Demo 专题研究: the 党组's studies of 全面从严治党 in the last full year (three: the year's
部署 in March, the half-year in July, the 民主生活会 in December) and this year's first (March) —
so in the fourth quarter 首页 asks for one more; a few units' 班子 studies too."""
from __future__ import annotations

import datetime as dt

from app.demo.build import DemoContext
from app.registers.people import query as ppl
from app.registers.people.demo import LEADERSHIP
from app.registers.studies import write as studies_write
from app.registers.studies.types import StudyDraft

PARTY = (
    ((3, 8), "party_group", "传达学习中央纪委全会和省市纪委全会精神，研究部署{year}年全面从严治党暨党风廉政建设和反腐败工作",
     "机关纪委书记汇报上年度党风廉政建设工作情况及本年度工作要点",
     "1. 印发《{year}年全面从严治党暨党风廉政建设和反腐败工作要点》；\n2. 层层签订党风廉政建设责任书，3月底前完成；\n"
     "3. 党组成员按责任清单抓好分管领域党风廉政建设。"),
    ((7, 12), "center_group", "学习《党组（党委）全面从严治党主体责任规定》，听取上半年党风廉政建设工作情况汇报",
     "机关党委书记汇报上半年各单位主体责任落实情况",
     "1. 针对检查发现的问题举一反三，限期整改；\n2. 下半年开展一次警示教育大会；\n3. 对问题较多的单位主要负责人进行约谈。"),
    ((12, 10), "life_meeting", "专题民主生活会：对照检查落实全面从严治党主体责任和“一岗双责”情况",
     "党组书记代表班子作对照检查", "1. 班子成员逐一开展批评和自我批评；\n2. 形成整改清单，明年一季度前完成整改。"),
)
UNITS = (("局机关纪委", "leadership", "研究年度监督检查计划和节前廉洁提醒", (1, 8)),
         ("市博物馆", "leadership", "研究落实全面从严治党主体责任，部署本馆廉政风险点排查"),
         ("市文化市场综合执法支队", "leadership", "研究执法领域廉政风险防控和作风建设"),
         ("财务科", "leadership", "研究财务管理制度执行和专项资金监管"))


def populate(ctx: DemoContext) -> None:
    rng, as_of, actor = ctx.rng, ctx.as_of, ctx.actor
    unit_ids: dict[str, int] = ctx.shared["unit_ids"]
    by_unit: dict[str, list[int]] = ctx.shared["people_by_unit"]
    with ctx.ws.reading() as s:
        leaders = {p.id: p for p in ppl.people_rows(s, by_unit[LEADERSHIP])}
    director = leaders[by_unit[LEADERSHIP][0]]
    attendees = "、".join(p.name for p in leaders.values() if p.active) + "；机关党委、机关纪委、办公室负责同志列席"
    with ctx.ws.writing() as s:
        for year in (as_of.year - 1, as_of.year):
            chosen = PARTY if year < as_of.year else PARTY[:1]
            for (month, day), meeting, topics, reporter, decisions in chosen:
                held = dt.date(year, month, day)
                if held > as_of:
                    continue
                studies_write.save_study(s, actor, StudyDraft(
                    held, meeting, topics.format(year=year), presided=director.name, reporter=reporter,
                    attendees=attendees, decisions=decisions.format(year=year)), as_of)
            for name, meeting, topics, *fixed in UNITS:
                held = dt.date(year, *fixed[0]) if fixed else dt.date(year, rng.randint(3, 11), rng.randint(1, 28))
                if held > as_of:
                    continue
                head = ppl.unit_heads(s, [unit_ids[name]]).get(unit_ids[name])
                studies_write.save_study(s, actor, StudyDraft(
                    held, meeting, topics, unit_ids[name], presided=head.name if head else "",
                    reporter="纪检委员", decisions="明确责任分工，建立问题清单和整改台账。"), as_of)
