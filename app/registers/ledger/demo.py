"""Demo first-form ledger: a few dozen entries a year for Party members, mostly 谈话提醒 / 批评教育 /
责令检查 (some filed as 提醒谈话 or 责令作出书面检查: one method each, the words kept), a few 诫勉
and 通报批评, some clues closed by 了结 after 函询 or a “面对面” check (no method, no 回访), 回访
planned and most past ones done, one entry for a non-member (marked 非党员), and two entries
wrongly filed with a second-form method (需转出; the sanctions step transfers one of them)."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from app.demo.build import DemoContext
from app.registers.ledger.rules import default_revisit
from app.registers.ledger.types import LedgerDraft
from app.registers.ledger.write import save_entry
from app.registers.people import query as people_svc
from app.settings import load_settings

PER_YEAR = 30
# (methods, weight)
METHODS = [
    (("talk_remind",), 30), (("criticism",), 15), (("criticism", "written_check"), 10),
    (("order_check",), 8), (("talk_remind", "order_check"), 7), (("remind_talk",), 5),
    (("rectify", "criticism"), 4), (("admonish",), 5), (("notice",), 3), (("notice", "written_check"), 2),
    (("inquiry_closed",), 5), (("verify_closed",), 3), (("warning_talk",), 3), (("refund", "criticism"), 2),
]
# Words some entries are filed with: (method, wording) of one method counted with its label.
WORDED = {"remind_talk": ("talk_remind", "提醒谈话"), "written_check": ("order_check", "责令作出书面检查")}
CLEARED = ("inquiry_closed", "verify_closed")  # 了结: how the clue was handled, no method
MEMBERS = ("cpc", "probationary")
PROBLEMS = {
    "inspection": ["上班时间玩网络游戏", "工作日午间饮酒", "考勤管理不严，多次迟到早退", "公务用车使用登记不规范",
                   "报销审核把关不严", "办公用房超标准未及时整改", "节假日值班脱岗"],
    "petition": ["反映其在行政审批中态度生硬、推诿扯皮", "反映其接受管理服务对象宴请",
                 "反映其为亲属经营活动提供便利", "反映其执法过程中简单粗暴"],
    "patrol": ["“三重一大”事项未经集体研究决定", "政府采购程序不规范", "专项资金使用管理不规范",
               "违规发放津贴补贴"],
    "audit": ["公务接待超标准、无公函接待", "差旅费报销不规范", "固定资产管理混乱、账实不符"],
    "assigned": ["落实意识形态工作责任制不到位", "安全生产监管职责履行不到位"],
}
# Each problem's 问题类别 (counted by 纪律 and 四风 headings).
CATEGORY_OF = {
    "上班时间玩网络游戏": "style", "工作日午间饮酒": "style", "考勤管理不严，多次迟到早退": "style",
    "公务用车使用登记不规范": "car", "报销审核把关不严": "finance", "办公用房超标准未及时整改": "office_space",
    "节假日值班脱岗": "style", "反映其在行政审批中态度生硬、推诿扯皮": "bureaucratism",
    "反映其接受管理服务对象宴请": "banquet", "反映其为亲属经营活动提供便利": "business",
    "反映其执法过程中简单粗暴": "masses", "“三重一大”事项未经集体研究决定": "major",
    "政府采购程序不规范": "finance", "专项资金使用管理不规范": "funds", "违规发放津贴补贴": "allowance",
    "公务接待超标准、无公函接待": "reception", "差旅费报销不规范": "finance",
    "固定资产管理混乱、账实不符": "finance", "落实意识形态工作责任制不到位": "ideology",
    "安全生产监管职责履行不到位": "bureaucratism", "违反中央八项规定精神收受礼金": "gifts",
    "履行监管职责严重失职": "bureaucratism",
}
SOURCES = [("inspection", 40), ("petition", 25), ("patrol", 15), ("audit", 10), ("assigned", 10)]
RESULTS = ["回访时本人思想认识到位，问题已整改", "已按要求整改，未发现新的问题", "工作作风明显改进",
           "已退还相关款项，表现良好", "本人深刻反思，整改措施已落实"]
WRONGLY_FILED = [(("criticism", "warning"), "违反中央八项规定精神收受礼金", "误录入：已给予党内警告，待转出"),
                 (("reassign",), "履行监管职责严重失职", "组织调整，应转入第二种形态台账")]


def populate(ctx: DemoContext) -> None:
    rng, ws, actor, as_of = ctx.rng, ctx.ws, ctx.actor, ctx.as_of
    by_unit: dict[str, list[int]] = ctx.shared["people_by_unit"]
    everyone = [pid for unit, ids in by_unit.items() if unit != "局机关纪委" for pid in ids]
    with ws.reading() as s:
        handlers = [p.name for p in people_svc.people_rows(s, by_unit.get("局机关纪委", []))] or ["纪检干部"]
        settings = load_settings(s)
        status = {p.id: p.political_status for p in people_svc.people_rows(s, everyone)}
    candidates = [pid for pid in everyone if status[pid] in MEMBERS]
    outsider = next(pid for pid in everyone if status[pid] not in MEMBERS)

    def pick(weighted: list) -> object:
        return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]

    with ws.writing() as s:
        for year in ctx.years():
            start = dt.date(year, 1, 1)
            end = min(dt.date(year, 12, 31), as_of)
            share = (end - start).days / 365
            count = round(PER_YEAR * ctx.scale * share)
            days = sorted(start + dt.timedelta(days=rng.randint(0, (end - start).days)) for _ in range(count))
            for day in days:
                day = _weekday(day)
                if day > as_of:
                    continue
                methods = pick(METHODS)
                source = pick(SOURCES)
                draft = _draft(rng, rng.choice(candidates), methods, source, day, handlers, settings, as_of)
                save_entry(s, actor, draft, as_of)
        for methods, problem, note in WRONGLY_FILED:
            day = _weekday(as_of - dt.timedelta(days=rng.randint(20, 120)))
            draft = _draft(rng, rng.choice(candidates), methods, "petition", day, handlers, settings, as_of)
            save_entry(s, actor, replace(draft, problem=problem, notes=note, confirm_second_form=True,
                                         category=CATEGORY_OF[problem]), as_of)
        day = _weekday(as_of - dt.timedelta(days=rng.randint(40, 90)))
        draft = _draft(rng, outsider, ("criticism",), "inspection", day, handlers, settings, as_of)
        save_entry(s, actor, replace(draft, notes="非中共党员，已告知其所在单位按有关规定处理",
                                     confirm_non_member=True), as_of)


def _draft(rng, person_id: int, methods: tuple[str, ...], source: str, day: dt.date,  # noqa: ANN001
           handlers: list[str], settings, as_of: dt.date) -> LedgerDraft:  # noqa: ANN001
    handling, letter = "talk", (None, None, None)
    if "inquiry_closed" in methods:
        sent = day - dt.timedelta(days=rng.randint(25, 40))
        handling, letter = "inquiry_closed", (sent, sent + dt.timedelta(days=21),
                                              sent + dt.timedelta(days=rng.randint(10, 20)))
    elif "verify_closed" in methods:
        handling = "verify_closed"
    words = [WORDED.get(m, (m, "")) for m in methods if m not in CLEARED]
    methods = tuple(m for m, _ in words)
    organ = "局党组" if {"admonish", "notice"} & set(methods) else rng.choice(["局机关纪委"] * 4 + ["局机关党委"])
    planned = default_revisit(settings, day, methods)
    done_on, result = None, ""
    # 回访 long due are done (the office keeps up); the last weeks' may still wait.
    if planned is not None and planned <= as_of and rng.random() < (0.97 if (as_of - planned).days > 60 else 0.6):
        done_on = min(planned + dt.timedelta(days=rng.randint(0, 20)), as_of)
        result = rng.choice(RESULTS)
    problem = rng.choice(PROBLEMS[source])
    return LedgerDraft(
        person_id=person_id, problem=problem, category=CATEGORY_OF[problem], methods=methods,
        wordings=tuple(w for _, w in words), decided_on=day,
        clue_source=source, handling=handling, letter_sent_on=letter[0], reply_due=letter[1],
        replied_on=letter[2], decision_organ=organ, handler=rng.choice(handlers),
        revisit_done_on=done_on, revisit_result=result)


def _weekday(day: dt.date) -> dt.date:
    """Dispositions are decided on working days: a weekend moves back to Friday."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))
