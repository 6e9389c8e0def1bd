"""Demo 处分与组织处理: four years of a bureau's measures — mostly 党内警告, 政务警告/记过 and 调整职务,
now and then 严重警告, 免职, 降职, a 事业单位 measure or a 撤销党内职务 —, one decision giving a 党纪
and a 政务 measure at once (two records), several in their 影响期 on the as-of date, and one of
the ledger's 需转出 entries transferred to its record (the other stays 需转出). 党纪 measures only
for Party members; each through the sanctions service. `ctx.shared["sanctions"]` lists the
records (id, person, date) for the clues step to lead to."""
from __future__ import annotations

import datetime as dt

from app.demo.build import DemoContext
from app.registers.ledger import query as ledger_query
from app.registers.ledger.types import TRANSFER, LedgerFilter
from app.registers.people import query as people_query
from app.registers.people.demo import LEADERSHIP
from app.registers.sanctions.query import transfer_drafts
from app.registers.sanctions.types import SanctionDraft
from app.registers.sanctions.write import save_sanction

YEARS = 4
PER_YEAR = 5
# (kind, weight, for members only)
KINDS = [("party_warning", 26, True), ("gov_warning", 10, False), ("gov_demerit", 14, False),
         ("party_serious_warning", 7, True), ("reassign", 12, False), ("dismissal", 4, False),
         ("demote_post", 3, False), ("inst_warning", 6, False), ("inst_demerit", 3, False),
         ("party_post_removal", 2, True), ("suspension", 2, False)]
FACTS = {
    "integrity": ["违规收受管理服务对象礼品礼金", "违规发放津贴补贴", "违规接受管理服务对象宴请", "利用职务便利为亲属经营活动谋利"],
    "work": ["履行监管职责不力，造成安全事故", "在文物保护工作中失职失责", "执法检查中敷衍塞责、弄虚作假"],
    "eight_rules": ["公款吃喝", "违规使用公车办私事", "违规操办婚丧喜庆事宜"],
    "organization": ["违规选人用人", "不如实报告个人有关事项"],
}
MEMBERS = ("cpc", "probationary")


def populate(ctx: DemoContext) -> None:
    rng, as_of = ctx.rng, ctx.as_of
    by_unit: dict[str, list[int]] = ctx.shared["people_by_unit"]
    everyone = [pid for unit, ids in by_unit.items() if unit not in (LEADERSHIP, "局机关纪委") for pid in ids]
    with ctx.ws.reading() as s:
        status = {p.id: p.political_status for p in people_query.people_rows(s, everyone) if p.active}
        waiting = ledger_query.search_entry_ids(s, ctx.actor, LedgerFilter(view=TRANSFER))
    members = [pid for pid, st in status.items() if st in MEMBERS]
    made: list[tuple[int, int, dt.date]] = []

    def number(day: dt.date) -> str:
        return f"文广旅纪〔{day.year}〕{rng.randint(1, 30)}号"

    def draft(kind: str, person: int, day: dt.date) -> SanctionDraft:
        category = rng.choice(list(FACTS))
        return SanctionDraft(person_id=person, kind=kind, decided_on=day, category=category,
                             facts=rng.choice(FACTS[category]),
                             decision_organ="局党组" if kind.startswith(("gov", "party_post", "dismiss", "demote"))
                             else rng.choice(("局党组", "局机关纪委")),
                             document_no=number(day), impact_months=3 if kind == "suspension" else None)

    with ctx.ws.writing() as s:
        for year in ctx.years(YEARS):
            count = round(PER_YEAR * ctx.scale * rng.uniform(0.8, 1.3))
            for _ in range(count):
                day = _weekday(dt.date(year, rng.randint(1, 12), rng.randint(1, 28)))
                if day > as_of - dt.timedelta(days=3):
                    continue
                kind, _weight, party = rng.choices(KINDS, [w for _, w, _ in KINDS])[0]
                person = rng.choice(members if party else list(status))
                made.append((save_sanction(s, ctx.actor, draft(kind, person, day), as_of), person, day))
        # In effect today: a 党纪 and a 政务 measure given together (two records), a 调整职务.
        person, day = rng.choice(members), _weekday(as_of - dt.timedelta(days=rng.randint(40, 90)))
        for kind in ("party_warning", "gov_demerit"):
            record = draft(kind, person, day)
            made.append((save_sanction(s, ctx.actor, record, as_of), person, day))
        person, day = rng.choice(members), _weekday(as_of - dt.timedelta(days=rng.randint(100, 200)))
        made.append((save_sanction(s, ctx.actor, draft("reassign", person, day), as_of), person, day))
        # One of the ledger's 需转出 entries becomes its record (the other still waits).
        for entry_id in waiting[:1]:
            for record in transfer_drafts(s, entry_id):
                made.append((save_sanction(s, ctx.actor, record, as_of), record.person_id, record.decided_on))
    ctx.shared["sanctions"] = sorted(made, key=lambda m: m[2])


def _weekday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=max(0, day.weekday() - 4))
