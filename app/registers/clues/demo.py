"""Demo 问题线索, consistent with the ledger and the sanctions: a clue behind many of the ledger's
信访举报 / 上级交办 / 巡察 entries (received weeks before, handled as the entry says — a 谈话函询
with its 约谈 talk and the person's written answer, or an 初步核实 —, 办结 on the entry's day as a
first-form disposal or, for a 了结 entry, as 了结), a clue behind some sanctions, and clues in
every state on the as-of date: just received, a 函询 awaiting its answer (one past its deadline in
working days), an 初核 under way, one 暂存待查, one open too long, one 移送. The handlers are the
demo's clerks; a 信访举报 clue has its reporter (seen by the administrator and the handler only)."""
from __future__ import annotations

import datetime as dt
import random

from app.demo.build import DemoContext
from app.registers.clues.types import ClueDraft
from app.registers.clues.write import save_clue
from app.registers.holidays.query import calendar_for
from app.registers.ledger import query as ledger_query
from app.registers.ledger.types import ALL, LedgerFilter, LedgerRow
from app.registers.people import query as people_query
from app.registers.people.demo import LEADERSHIP
from app.registers.talks.types import ParticipantDraft, TalkDraft
from app.registers.talks.write import save_talk
from app.settings import load_settings

SOURCES = ("petition", "assigned", "patrol")
REPORTERS = ("实名举报：群众王某（电话 139****5621）", "实名举报：退休职工李某", "匿名来信", "12388 举报平台转来（匿名）",
             "实名举报：服务对象赵某")
OPEN_PROBLEMS = ("反映其在项目验收中收受施工方礼品", "反映其长期在工作时间打牌", "反映其违规报销个人费用",
                 "反映其为亲属承揽本单位工程提供便利", "反映其违规兼职取酬", "反映其公车私用", "反映其在招聘中弄虚作假",
                 "反映其借婚事收受下属礼金")
ANSWERS = ("本人已按期书面说明情况，所反映问题基本不属实。", "本人书面说明情况，对反映问题作了解释，承认存在不规范之处。")


def populate(ctx: DemoContext) -> None:
    rng, as_of, ws = ctx.rng, ctx.as_of, ctx.ws
    users = ctx.shared.get("users", {})
    handlers = [users["luru"]] * 3 + [ctx.actor.id] if "luru" in users else [ctx.actor.id]
    by_unit: dict[str, list[int]] = ctx.shared["people_by_unit"]
    chief = by_unit[LEADERSHIP][-1]
    recorders = by_unit["局机关纪委"][1:]
    with ws.reading() as s:
        ids = ledger_query.search_entry_ids(s, ctx.actor, LedgerFilter(view=ALL), "decided_on", False)
        entries = [e for e in ledger_query.entry_rows(s, ids) if e.clue_source in SOURCES
                   and e.decided_on >= as_of - dt.timedelta(days=730) and e.person_id is not None]
        staff = [p.id for unit, pids in by_unit.items() if unit not in (LEADERSHIP, "局机关纪委")
                 for p in people_query.people_rows(s, pids) if p.active]
        calendar = calendar_for(s)
        reply_days = load_settings(s).inquiry_reply_working_days

    def clue(person: int, received: dt.date, problem: str, source: str, **kw: object) -> ClueDraft:
        reporter = rng.choice(REPORTERS) if source == "petition" else ""
        return ClueDraft(received_on=received, problem=problem, person_ids=(person,), source=source,
                         handler_id=rng.choice(handlers), reporter=reporter, **kw)  # type: ignore[arg-type]

    with ws.writing() as s:
        def talk(person: int, day: dt.date, problem: str) -> int:
            """The 谈话函询's talk: the office talks with the person about the clue."""
            return save_talk(s, ctx.actor, TalkDraft(
                kind="interview", talk_date=day, reason="clue", place="局机关纪委办公室",
                talkees=(ParticipantDraft(person_id=person),), talkers=(ParticipantDraft(person_id=chief),),
                recorders=(ParticipantDraft(person_id=rng.choice(recorders)),),
                content=f"就反映其“{problem.removeprefix('反映其')}”的问题线索进行谈话函询，听取本人说明，要求其在规定期限内书面回复。",
                response="本人表示将如实说明情况，按期书面回复。", signed=True), as_of)

        for entry in entries:
            if rng.random() < 0.35:
                continue
            save_clue(s, ctx.actor, _behind_entry(rng, entry, clue, talk), as_of)
        for sanction_id, person, day in ctx.shared.get("sanctions", [])[-8:]:
            if rng.random() < 0.4 or day < as_of - dt.timedelta(days=900):
                continue
            received = day - dt.timedelta(days=rng.randint(40, 80))
            save_clue(s, ctx.actor, clue(person, received, rng.choice(OPEN_PROBLEMS), rng.choice(SOURCES),
                                         way="verify", verify_start=received + dt.timedelta(days=5),
                                         verify_end=day - dt.timedelta(days=7), closed_on=day, outcome="sanction",
                                         sanction_id=sanction_id, result="经初步核实，问题属实，移交审理并作出处分决定。"), as_of)
        _open_clues(rng, as_of, staff, calendar, reply_days, clue, talk, lambda d: save_clue(s, ctx.actor, d, as_of))


def _behind_entry(rng: random.Random, entry: LedgerRow, clue, talk) -> ClueDraft:  # noqa: ANN001
    """The clue a ledger entry came from, handled as the entry says and 办结 on its day."""
    received = entry.decided_on - dt.timedelta(days=rng.randint(20, 45))
    problem = f"反映其{entry.problem.removeprefix('反映其')}"
    common = dict(closed_on=entry.decided_on, ledger_entry_id=None if entry.cleared else entry.id,
                  outcome="cleared" if entry.cleared else "first_form")
    if entry.handling in ("verify", "verify_closed"):
        return clue(entry.person_id, received, problem, entry.clue_source, way="verify",
                    verify_start=received + dt.timedelta(days=3), verify_end=entry.decided_on - dt.timedelta(days=2),
                    result="经“面对面”初步核实，" + ("反映问题不属实，予以了结。" if entry.cleared else "问题基本属实。"),
                    **common)
    sent = entry.letter_sent_on or received + dt.timedelta(days=3)
    received = min(received, sent)
    replied = entry.replied_on or sent + dt.timedelta(days=rng.randint(8, 16))
    talk_id = talk(entry.person_id, sent, problem)
    return clue(entry.person_id, received, problem, entry.clue_source, way="inquiry", letter_sent_on=sent,
                replied_on=min(replied, entry.decided_on), talk_id=talk_id,
                result=rng.choice(ANSWERS) + ("经研究予以了结。" if entry.cleared else "按第一种形态处置。"), **common)


def _open_clues(rng: random.Random, as_of: dt.date, staff: list[int], calendar, reply_days: int,  # noqa: ANN001
                clue, talk, save) -> None:  # noqa: ANN001
    """Clues in every state on the as-of date."""
    people = rng.sample(staff, 10)
    problems = iter(rng.sample(OPEN_PROBLEMS, len(OPEN_PROBLEMS)))

    def day(before: int) -> dt.date:
        return as_of - dt.timedelta(days=before)

    save(clue(people[0], day(2), next(problems), "petition"))                      # 受理
    save(clue(people[1], day(6), next(problems), "assigned"))
    late_letter = calendar.working_days_before(as_of, reply_days + 4)              # 函询, answer overdue
    problem = next(problems)
    save(clue(people[2], late_letter - dt.timedelta(days=3), problem, "petition", way="inquiry",
              letter_sent_on=late_letter, talk_id=talk(people[2], late_letter, problem)))
    save(clue(people[3], day(9), next(problems), "petition", way="inquiry", letter_sent_on=day(5)))  # not yet due
    save(clue(people[4], day(25), next(problems), "patrol", way="verify", verify_start=day(18)))      # 初核
    save(clue(people[5], day(150), next(problems), "petition", way="shelve",                         # 暂存待查
              result="反映内容笼统，暂不具备核查条件，暂存待查。"))
    save(clue(people[6], day(125), next(problems), "assigned", way="verify", verify_start=day(110)))  # open too long
    save(clue(people[7], day(70), next(problems), "petition", way="verify", verify_start=day(64),     # 移送
              verify_end=day(30), closed_on=day(28), outcome="transfer", result="涉嫌违法，移送市监委。"))
    save(clue(people[8], day(40), "反映其在单位附近棋牌室打牌", "petition", way="close", closed_on=day(33),
              outcome="cleared", result="反映内容经了解不属实，予以了结。"))
