"""Demo inspections and findings: three years of monthly 工作作风纪律检查 (1–2 a month, two months
missed), 节前专项检查 in their season (before 春节 in January or February, before 中秋国庆 in
September), a yearly 专项检查, a 巡察整改督查 with the 巡察 findings it follows up; audit,
complaint and self-check findings, each with its 问题类别. 局机关纪委 inspects the others, never
itself. Every finding goes through the workflow services, dated relative to `--as-of`: the old
ones mostly 销号 (a lingering one gets its deadline extended), a few recently overdue, some due
soon, a few reopened after 回头看 with a new deadline."""
from __future__ import annotations

import datetime as dt

from app.demo.build import DemoContext
from app.registers.findings import types as findings_types
from app.registers.findings import workflow as wf
from app.registers.findings import write as findings_write
from app.registers.holidays.rules import festival_day
from app.registers.inspections import types as inspections_types
from app.registers.inspections import write as inspections_write
from app.registers.people import query as ppl

INSPECTORS = ("局机关纪委书记", "纪检干事", "机关党委专职副书记", "办公室主任")
STYLE_TITLES = ("{m}月份工作作风纪律检查", "{m}月份工作纪律明察暗访", "{m}月份机关作风建设督查")
# 问题类别 → what a check finds under it.
PROBLEMS = {
    "style": ("上班时间脱岗，未履行请假手续", "考勤记录与实际出勤不符", "值班人员未按规定在岗",
              "窗口服务人员未佩戴工作牌，服务用语不规范", "工作时间浏览与工作无关的网页",
              "会议纪律松散，个别人员迟到早退"),
    "bureaucratism": ("办件超时未说明原因", "群众咨询推诿，首问负责制落实不到位"),
    "formalism": ("基层报表重复报送，填表负担较重", "工作台账过度留痕，重形式轻实效"),
    "reception": ("公务接待无公函，陪餐人数超过规定", "接待清单与发票不一致", "公务接待超标准安排住宿"),
    "allowance": ("节日期间违规发放购物卡",),
    "banquet": ("以业务培训名义组织聚餐",),
    "office_space": ("办公用房面积超标准",),
    "car": ("公务用车未按规定停放入库", "公车使用登记缺项，无出车事由", "节假日公车未封存"),
    "finance": ("报销凭证附件不全，审批手续缺失", "差旅费超标准报销", "往来款长期挂账未清理",
                "现金管理不规范，库存现金超限额"),
    "funds": ("非遗保护专项资金拨付进度滞后", "文物保护项目结余资金未及时上缴"),
    "major": ("“三重一大”事项未经集体研究决定", "“三重一大”事项会议记录不完整"),
    "large_funds": ("大额资金支出未经集体研究，审批单签批不全",),
    "three_public": ("“三公”经费支出未按规定公开",),
}
STYLE_FINDS = ("style", "style", "bureaucratism", "formalism", "reception", "car")
FESTIVAL_FINDS = ("allowance", "car", "reception", "banquet")
PATROL = (("落实全面从严治党主体责任不到位，党组专题研究次数偏少", "decisions"),
          ("意识形态工作责任制落实不够有力", "ideology"), ("干部选拔任用程序不够规范", "personnel"),
          ("政府采购内控制度执行不严", "finance"), ("基层党支部“三会一课”落实不到位", "party_life"),
          ("廉政风险防控机制不健全，部分岗位风险点未排查", "decisions"),
          ("对直属单位监管不到位", "bureaucratism"), ("执法案卷归档不及时、不规范", "style"))
OTHERS = (("audit", "finance", "政府采购未按规定程序执行"), ("audit", "finance", "固定资产账实不符"),
          ("audit", "funds", "预算执行率偏低，资金闲置"), ("petition", "bureaucratism", "群众反映执法检查中态度生硬"),
          ("petition", "bureaucratism", "群众反映演出审批办理超时"), ("self", "style", "档案管理不规范，部分文件未归档"),
          ("self", "style", "涉密文件未按规定登记"))
# The units 局机关纪委 inspects: every unit but itself and the 局领导班子.
NOT_INSPECTED = ("局领导班子", "局机关纪委")
MEASURES = ("召开专题会议，对相关人员进行提醒谈话", "修订完善相关管理制度并组织学习",
            "逐项清理，建立台账，明确专人负责", "责令作出书面说明，纳入年度考核")
PROGRESS = ("已召开专题会议研究整改措施", "已对相关人员进行提醒谈话", "已修订制度并印发执行",
            "已完成自查清理，形成清单", "整改材料已报局机关纪委")
EXTENSION_REASONS = ("涉及资金清退，需财政部门审核", "制度修订需经党组会研究", "涉及多个单位，协调时间较长")
REOPEN_REASONS = ("回头看发现问题反弹", "复查发现整改不彻底")


def populate(ctx: DemoContext) -> None:
    rng, ws, actor, today = ctx.rng, ctx.ws, ctx.actor, ctx.as_of
    unit_ids: dict[str, int] = ctx.shared["unit_ids"]
    people_by_unit: dict[str, list[int]] = ctx.shared["people_by_unit"]
    units = [u for u in unit_ids if u not in NOT_INSPECTED]
    with ws.writing() as s:
        names = {p.id: p.name for p in ppl.people_rows(s, [i for ids in people_by_unit.values() for i in ids])}
    leaders = [names[i] for i in people_by_unit["局领导班子"][1:5]]
    discipline = [names[i] for i in people_by_unit.get("局机关纪委", [])]
    state = {"reopened": 0}

    def inspectors() -> str:
        return "、".join(rng.sample(discipline, min(2, len(discipline))) + [rng.choice(INSPECTORS[2:])])

    def add_finding(s, source: str, category: str, text: str, found_on: dt.date, unit: str,
                    inspection_id: int | None = None, *, long: bool = False, days: int | None = None,
                    stop: str = "") -> int:
        kind = "ongoing" if long else rng.choice(("immediate", "deadline", "deadline"))
        if days is None:
            days = {"immediate": rng.randint(7, 15), "deadline": rng.randint(30, 75),
                    "ongoing": rng.randint(90, 180)}[kind]
        resp_unit = unit if source != "patrol" else rng.choice(units[:15])
        head = people_by_unit[resp_unit][0]
        fid = findings_write.save_finding(s, actor, findings_types.FindingDraft(
            source=source, found_on=found_on, unit_id=unit_ids[unit], description=text,
            category=category, requirement="限期整改到位，举一反三",
            measures=rng.choice(MEASURES), resp_unit_id=unit_ids[resp_unit], resp_person_id=head,
            resp_leader=rng.choice(leaders), kind=kind, deadline=found_on + dt.timedelta(days=days),
            revisit=source == "patrol" and rng.random() < 0.4, inspection_id=inspection_id), today)
        if stop == "in_progress":
            wf.change_status(s, actor, wf.StatusChange(fid, None, "in_progress", found_on + dt.timedelta(days=2),
                                                       "已部署整改"), today)
        elif stop == "rectified":
            for to, after in (("in_progress", 2), ("rectified", 12)):
                wf.change_status(s, actor, wf.StatusChange(fid, None, to, found_on + dt.timedelta(days=after),
                                                           "已部署整改" if to == "in_progress" else ""), today)
        elif not stop:
            _advance(ctx, s, fid, found_on, found_on + dt.timedelta(days=days), state)
        return fid

    with ws.writing() as s:
        first = dt.date(ctx.years()[0], 1, 1)
        months = _months(first, today)
        skipped = set(rng.sample(months[1:-2], 2))
        for year, month in months:
            if (year, month) in skipped:
                continue
            for n in range(rng.choice((1, 1, 2))):
                day = _day_in(rng, year, month, today, second_half=n == 1)
                if day is None:
                    continue
                inspected = rng.sample(units, rng.randint(3, 6))
                iid = inspections_write.save_inspection(s, actor, inspections_types.InspectionDraft(
                    inspected_on=day, kind="style", title=rng.choice(STYLE_TITLES).format(m=month)
                    + ("（第二次）" if n else ""), unit_ids=tuple(unit_ids[u] for u in inspected),
                    inspectors=inspectors(),
                    summary=f"检查 {len(inspected)} 个单位的考勤、值班、窗口服务和公务接待情况。"), today)
                for _ in range(rng.choice((0, 0, 1, 1, 2)) * ctx.scale):
                    category = rng.choice(STYLE_FINDS)
                    add_finding(s, "inspection", category, rng.choice(PROBLEMS[category]),
                                day, rng.choice(inspected), iid)
        for year in ctx.years():
            for festival, title in (("spring", "春节前纪律作风专项检查"),
                                    ("mid_autumn", "中秋国庆前纪律作风专项检查")):
                day = festival_day(festival, year) - dt.timedelta(days=rng.randint(8, 14))
                if day > today:
                    continue
                inspected = rng.sample(units, 5)
                iid = inspections_write.save_inspection(s, actor, inspections_types.InspectionDraft(
                    inspected_on=day, kind="festival", title=f"{year}年{title}",
                    unit_ids=tuple(unit_ids[u] for u in inspected), inspectors=inspectors(),
                    summary="重点检查公车封存、公务接待、节日福利发放情况。"), today)
                if rng.random() < 0.6:
                    category = rng.choice(FESTIVAL_FINDS)
                    add_finding(s, "inspection", category, rng.choice(PROBLEMS[category]), day,
                                rng.choice(inspected), iid)
            special = dt.date(year, 5, rng.randint(10, 25))
            if special <= today:
                inspected = rng.sample(units[15:], 4)
                iid = inspections_write.save_inspection(s, actor, inspections_types.InspectionDraft(
                    inspected_on=special, kind="special", title=f"{year}年财务收支和专项资金使用专项检查",
                    unit_ids=tuple(unit_ids[u] for u in inspected), inspectors="局机关纪委、财务科"), today)
                for u in inspected[:2]:
                    category = rng.choice(("finance", "funds", "major", "large_funds", "three_public"))
                    add_finding(s, "inspection", category, rng.choice(PROBLEMS[category]), special, u, iid)
        # 巡察: the feedback of the year before last, then the 整改督查 that follows it up.
        feedback = dt.date(ctx.years()[1], 3, 18)
        for text, category in PATROL[: 6 + ctx.scale]:
            add_finding(s, "patrol", category, text, feedback, "局机关党委", long=rng.random() < 0.4)
        check = dt.date(ctx.years()[1], 9, 12)
        inspections_write.save_inspection(s, actor, inspections_types.InspectionDraft(
            inspected_on=check, kind="patrol", title=f"{check.year}年巡察反馈问题整改督查",
            unit_ids=(unit_ids["局机关党委"], unit_ids["办公室"], unit_ids["人事科"]), inspectors=inspectors(),
            summary="逐项核查巡察反馈问题整改台账和佐证材料。"), today)
        for source, category, text in OTHERS * ctx.scale:
            found = today - dt.timedelta(days=rng.randint(20, 420))
            add_finding(s, source, category, text, found, rng.choice(units))
        # This month's work: new findings 待整改, two deadlines within the week; and two of the last
        # months a few weeks past their deadline (the overdue a real office has: few and recent).
        for back, days, stop, (source, category, text) in (
                (55, 30, "in_progress", ("inspection", "finance", PROBLEMS["finance"][2])),
                (80, 45, "in_progress", ("audit", "funds", PROBLEMS["funds"][0])),
                (25, 40, "rectified", ("inspection", "style", PROBLEMS["style"][0])),
                (12, 15, "pending", ("inspection", "style", PROBLEMS["style"][1])),
                (20, 25, "in_progress", ("inspection", "car", PROBLEMS["car"][1])),
                (6, 30, "pending", ("petition", "bureaucratism", "群众反映窗口办事推诿扯皮")),
                (3, 10, "pending", ("self", "formalism", "廉政风险点台账未按季度更新，只登不管"))):
            found = today - dt.timedelta(days=back)
            add_finding(s, source, category, text, found, rng.choice(units), days=days, stop=stop)


def _advance(ctx: DemoContext, s, fid: int, found: dt.date, deadline: dt.date, state: dict) -> None:  # noqa: ANN001
    """Moves the finding along the workflow as a clerk would have, by its age on as-of."""
    rng, actor, today = ctx.rng, ctx.actor, ctx.as_of
    age = (today - found).days
    if age < 5 or (age < 40 and rng.random() < 0.5):
        return  # 待整改

    def on(day: dt.date) -> dt.date:
        return min(day, today)

    def note(day: dt.date) -> None:
        wf.add_progress(s, actor, wf.ProgressNote(fid, on(day), rng.choice(PROGRESS)), today)

    def step(to: str, day: dt.date, **kw: object) -> None:
        wf.change_status(s, actor, wf.StatusChange(fid, None, to, on(day), **kw), today)

    started = found + dt.timedelta(days=rng.randint(1, 5))
    step("in_progress", started)
    note(started + dt.timedelta(days=2))
    if rng.random() < 0.18 and deadline - dt.timedelta(days=3) <= today:
        asked = on(deadline - dt.timedelta(days=3))
        deadline = deadline + dt.timedelta(days=rng.randint(20, 60))
        wf.extend_deadline(s, actor, wf.Extension(fid, None, deadline, rng.choice(EXTENSION_REASONS), asked), today)
    # Recent findings stay open; older ones are mostly done (a few linger past their deadline,
    # very few for more than a year: the office chases them).
    lingering = rng.random() < (0.55 if age < 120 else 0.12 if age < 365 else 0.02)
    if lingering:
        # Past its deadline: mostly the office granted more time; a few of the last weeks' stay
        # overdue (few and recent, as an office that chases them has).
        if deadline < today and (deadline < today - dt.timedelta(days=30) or rng.random() < 0.7):
            asked = max(today - dt.timedelta(days=rng.randint(5, 20)), started)
            wf.extend_deadline(s, actor, wf.Extension(fid, None, today + dt.timedelta(days=rng.randint(10, 45)),
                                                      rng.choice(EXTENSION_REASONS), asked), today)
        elif rng.random() < 0.4 and started + dt.timedelta(days=10) < today:
            step("rectified", started + dt.timedelta(days=10))
        return
    done = min(deadline - dt.timedelta(days=rng.randint(0, 10)), today - dt.timedelta(days=2))
    if done <= started:  # a short deadline (立行立改): done a few days after starting
        done = min(started + dt.timedelta(days=rng.randint(1, 5)), today - dt.timedelta(days=2))
        if done <= started:
            return
    step("rectified", done)
    accepted = on(done + dt.timedelta(days=rng.randint(2, 12)))
    if accepted >= today - dt.timedelta(days=1) and rng.random() < 0.5:
        return  # awaiting acceptance
    if rng.random() < 0.2:  # 基本完成: not 销号, back to 整改中 with that result and a new time limit
        step("in_progress", accepted, result="mostly", reason=rng.choice(MOSTLY_REASONS))
        again = accepted + dt.timedelta(days=rng.randint(20, 60))
        wf.extend_deadline(s, actor, wf.Extension(fid, None, max(again, deadline + dt.timedelta(days=1)),
                                                  "基本完成，剩余问题继续整改", accepted), today)
        if again > today - dt.timedelta(days=2):
            return  # still at it
        if rng.random() < 0.3:  # long rectification: its time limit extended once more, still open
            wf.extend_deadline(s, actor, wf.Extension(fid, None, today + dt.timedelta(days=rng.randint(15, 60)),
                                                      rng.choice(EXTENSION_REASONS), again), today)
            return
        step("rectified", again)
        accepted = on(again + dt.timedelta(days=rng.randint(2, 8)))
    step("closed", accepted, result="done", accepted_by="局机关纪委书记", accepted_on=accepted)
    if state["reopened"] < 3 and age > 200 and rng.random() < 0.12:
        state["reopened"] += 1
        reopened = on(accepted + dt.timedelta(days=rng.randint(60, 120)))
        step("in_progress", reopened, reason=rng.choice(REOPEN_REASONS))
        again = reopened + dt.timedelta(days=rng.randint(30, 60))  # a new deadline for the rework
        wf.extend_deadline(s, actor, wf.Extension(fid, None, again, "回头看发现问题，重新限期整改", reopened), today)
        if again < today - dt.timedelta(days=10):  # reworked and accepted again
            step("rectified", again - dt.timedelta(days=rng.randint(2, 8)))
            step("closed", again, result="done", accepted_by="局机关纪委书记", accepted_on=again)


MOSTLY_REASONS = ("制度已建立，执行情况需继续跟踪", "大部分问题已整改，个别款项尚未追回",
                  "整改措施已落实，长效机制仍在完善")


def _months(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    out, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _day_in(rng, year: int, month: int, today: dt.date, *, second_half: bool) -> dt.date | None:  # noqa: ANN001
    day = dt.date(year, month, rng.randint(16, 27) if second_half else rng.randint(3, 14))
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day if day <= today else None
