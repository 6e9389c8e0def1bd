"""The report's words, generated from the period's figures — the clerk edits them on the 报告
page before the document is made (the command line uses them as generated):

- one summary sentence per register (`generated_sentences`), in the register's own figures;
- the 工作总结 itself (`generated_report`): a 导语, then 基本情况 (the figures of every register
  in a paragraph), 主要做法 (one paragraph per area of work, “（一）…。” and its figures), 存在问题
  (what the figures show: overdue 整改, months without a check, people not yet talked to …) and
  下一步打算 (an answer to each problem, then the year's standing work). A section is a title and
  its text, one paragraph a line; the clerk adds, removes and reorders them.
"""
from __future__ import annotations

import re
from dataclasses import replace

from app.categories import BY_DISCIPLINE, BY_EIGHT_RULES, BY_STYLE, NONE
from app.reports.figures import SECTIONS, ReportFigures
from app.reports.texts import ReportSection
from app.vocab import ASSESSMENT_GRADES

SECTION_TITLES = {
    "risks": "廉政风险点排查防控情况",
    "inspections": "监督检查开展情况",
    "findings": "问题整改情况",
    "talks": "谈话开展情况",
    "ledger": "运用监督执纪“第一种形态”情况",
    "sanctions": "问题线索处置和处分情况",
    "festivals": "节前廉政提醒情况",
    "duty": "落实全面从严治党主体责任情况",
    "education": "廉政教育开展情况",
}


def percent(value: float | None) -> str:
    """A rate as the registers' pages write it: 57.7%; — for an empty set."""
    return "—" if value is None else f"{value * 100:.1f}%"


def _listed(parts) -> str:  # noqa: ANN001 — any iterable of texts
    return "、".join(parts)


def _risks_sentence(f: ReportFigures) -> str:
    r, label = f.risks, f.settings.level_label
    if r.year is None:
        return f"截至{f.period.end.year}年，{f.scope_name}尚无已确认的廉政风险点排查结果。"
    basis = "" if r.year == f.period.end.year else f"（采用{r.year}年度已确认的排查结果）"
    text = (f"{r.year}年度{f.scope_name}共排查确认廉政风险点{r.total}个{basis}，其中"
            f"{label(1)}{r.totals[1]}个、{label(2)}{r.totals[2]}个、{label(3)}{r.totals[3]}个；"
            f"{label(1)}防控单位和科室{len(r.top_units)}个。")
    if r.changes:
        text += (f"年度排查中动态调整风险等级{len(r.changes)}次（上调{r.raised}次、下调{r.lowered}次），"
                 f"新增风险点{r.new_points}个。")
    elif r.new_points:
        text += f"年度排查新增风险点{r.new_points}个，未调整风险等级。"
    else:
        text += "年度排查未调整风险等级。"
    return text


def _inspections_sentence(f: ReportFigures) -> str:
    i = f.inspections
    others = [f"{label}{n}次" for code, label, n in i.by_kind if n and code != "style"]
    # Inspections cover the whole system month by month (DESIGN "monthly coverage"), even in a
    # unit's report; the unit's own count follows.
    where = "全系统" if f.unit_id else ""
    text = f"{f.period.label}{where}共开展监督检查{i.total}次，其中工作作风纪律检查{i.style_total}次"
    text += f"，{_listed(others)}。" if others else "。"
    whole = [m for m in i.months if m.whole and m.state in ("ok", "missing")]
    if i.missing_months:
        text += f"{_listed(i.missing_months)}未开展工作作风纪律检查，需予以关注。"
    elif whole:
        text += "每月均开展了工作作风纪律检查。"
    if i.unit_count is not None:
        text += f"检查对象包含{f.unit_name}的检查{i.unit_count}次。"
    return text


def _findings_sentence(f: ReportFigures) -> str:
    t = f.findings.total
    if not t.total:
        return f"{f.period.label}{f.scope_name}未登记新发现的问题。"
    sources = [f"{s.label}{s.stats.total}个" for s in f.findings.by_source if s.stats.total]
    text = (f"{f.period.label}共发现问题{t.total}个（{_listed(sources)}），已销号{t.closed}个，"
            f"整改完成率{percent(t.rate)}")
    if t.mostly:
        text += f"；基本完成{t.mostly}个，仍在整改"
    rest = t.total - t.closed
    if rest:
        text += f"；尚未销号{rest}个"
        if t.overdue:
            text += f"，其中逾期未完成整改{t.overdue}个，需督促限期整改"
        text += "。"
    else:
        text += "，全部问题均已销号。"
    return text


def _talks_sentence(f: ReportFigures) -> str:
    t = f.talks
    if not t.total.times:
        return f"{f.period.label}未登记谈话记录。"
    parts = [f"{k.label}{k.counts.times}次{k.counts.people}人次" for k in t.by_kind if k.counts.times]
    return (f"{f.period.label}共开展各类谈话{t.total.times}次、{t.total.people}人次，"
            f"其中{_listed(parts)}。")


def _ledger_sentence(f: ReportFigures) -> str:
    s = f.ledger
    if not s.person_times:
        text = f"{f.period.label}未运用监督执纪“第一种形态”。"
    else:
        methods = [f"{m.label}{m.total}项" for m in s.methods]
        text = (f"{f.period.label}运用监督执纪“第一种形态”处理{s.person_times}人次，运用处置方式"
                f"{s.method_count}项（{_listed(methods)}）；其中班子成员{s.leaders}人次，占"
                f"{percent(s.leader_share)}，重要岗位人员{s.key_posts}人次，占{percent(s.key_post_share)}。")
    apart = [f"问题线索予以了结{s.cleared}件" if s.cleared else "",
             f"对非中共党员处置{s.non_members}人次" if s.non_members else ""]
    if any(apart):
        text += "另有" + "、".join(a for a in apart if a) + "，未计入第一种形态。"
    if s.transfer_needed:
        text += f"另有{s.transfer_needed}条记录属第二种形态，需转出，未计入。"
    return text


def _sanctions_sentence(f: ReportFigures) -> str:
    received, closed, m = f.sanctions.received, f.sanctions.closed, f.sanctions.measures
    if not received.total and not closed.total and not m.total:
        return f"{f.period.label}未受理问题线索，未作出处分和组织处理决定。"
    text = f"{f.period.label}受理问题线索{received.total}件"
    ways = [f"{label}{n}件" for _c, label, n in received.by_way if n]
    text += f"（{_listed(ways)}）" if ways else ""
    outcomes = [f"{label}{n}件" for _c, label, n in closed.by_outcome if n]
    text += f"，办结{closed.total}件" + (f"（{_listed(outcomes)}）" if outcomes else "")
    text += f"；本期受理的线索中尚未办结{received.open}件。" if received.open else "。"
    if m.total:
        second = [f"{k.label}{k.count}人次" for k in m.kinds_of_form(2)]
        third = [f"{k.label}{k.count}人次" for k in m.kinds_of_form(3)]
        text += f"给予处分和组织处理{m.total}人次"
        parts = [f"第二种形态{m.second_form}人次（{_listed(second)}）" if second else "",
                 f"第三种形态{m.third_form}人次（{_listed(third)}）" if third else ""]
        text += ("，其中" + "，".join(p for p in parts if p)) if any(parts) else ""
        text += "。"
    return text


def _festivals_sentence(f: ReportFigures) -> str:
    fs = f.festivals
    due = fs.due
    if not fs.items:
        return f"{f.period.label}没有需推送节前廉政提醒的节日。"
    sent = [i.label for i in fs.items if i.sent]
    text = f"{f.period.label}共{len(fs.items)}个节日前应推送廉政提醒，已推送{len(sent)}次"
    text += f"（{_listed(sent)}）。" if sent else "。"
    missing = [i.label for i in due if not i.sent]
    if missing:
        text += f"{_listed(missing)}前的提醒未登记推送情况。"
    return text


def _first_clause(text: str, size: int = 30) -> str:
    """A topic as a sentence lists it: up to its first comma, or cut with “…”."""
    text = " ".join(text.split())
    head = text.replace("；", "，").split("，")[0]
    return head if len(head) <= size else head[:size] + "…"


def _duty_sentence(f: ReportFigures) -> str:
    d = f.duty
    parts = []
    for p in d.pledges:
        if not p.listed:
            parts.append(f"{p.year}年{f.scope_name}尚未登记党风廉政建设责任书签订情况。")
            continue
        levels = [f"{c.label}{c.signed}/{c.listed}份" for c in p.by_level]
        text = f"{p.year}年层层签订党风廉政建设责任书{p.signed}份（应签{p.listed}份：{_listed(levels)}）"
        parts.append(text + (f"，尚有{p.unsigned}份未签订。" if p.unsigned else "，已全部签订。"))
    party = d.party_studies
    if d.party or party:
        topics = [_first_clause(s.topics_line) for s in party]
        text = f"{f.period.label}局党组专题研究全面从严治党、党风廉政建设和反腐败工作{len(party)}次"
        text += f"（{_listed(f'{s.held_on.month}月{s.held_on.day}日' for s in party)}），研究了{_listed(topics)}"             if party else ""
        short = [y for y in d.party if y.year == f.period.end.year and not y.met and f.period.end.month == 12]
        text += "，未达到年内不少于两次的要求。" if short else "。"
        parts.append(text)
    units = [s for s in d.studies if s.unit_id is not None]
    if units:
        parts.append(f"各单位班子专题研究{len(units)}次。")
    elif not party and not d.party:
        parts.append(f"{f.period.label}未登记专题研究全面从严治党的会议。")
    a = d.assessment
    if a is None:
        parts.append("尚未登记主体责任考核结果。")
    else:
        grades = [f"{label}{a.by_grade[code]}个" for code, label in ASSESSMENT_GRADES.items() if a.by_grade.get(code)]
        text = f"{a.year}年度主体责任考核{a.assessed}个单位" + (f"，其中{_listed(grades)}" if grades else "")
        text += f"；{_listed(a.vetoed)}年内发生严重违纪违法案件，实行“一票否决”" if a.vetoed else ""
        text += f"；{a.reports}名领导干部述职述廉" if a.reports else ""
        text += f"，民主评议平均满意度{a.mean_satisfaction:g}%" if a.mean_satisfaction is not None else ""
        parts.append(text + "。")
    for h in d.half_years:
        if not h.expected:
            continue
        text = f"{h.label}应报送工作报告{h.expected}个单位，已报送{h.received}个"
        parts.append(text + (f"，{_listed(list(h.missing[:6]))}{'等' if len(h.missing) > 6 else ''}尚未报送。"
                             if h.missing else "。"))
    return "".join(parts)


def _education_sentence(f: ReportFigures) -> str:
    e = f.education.figures
    if not e.times:
        text = f"{f.period.label}{f.scope_name}未登记廉政教育活动。"
    else:
        forms = [f"{x.label}{x.times}次{x.people}人次" for x in e.by_form]
        text = (f"{f.period.label}开展廉政教育{e.times}次、{e.people}人次（{_listed(forms)}），"
                f"其中警示教育{e.warning.times}次、{e.warning.people}人次。")
    c = f.education.coverage
    if c is not None and c.people:
        missing = c.people - c.took_part
        text += (f"截至{f.today.month}月{f.today.day}日，{c.year}年在册{c.people}人中已参加{c.took_part}人"
                 + (f"，尚有{missing}人未参加。" if missing else "，全部参加。"))
    return text


SENTENCES = {"risks": _risks_sentence, "inspections": _inspections_sentence,
             "findings": _findings_sentence, "talks": _talks_sentence, "ledger": _ledger_sentence,
             "sanctions": _sanctions_sentence,
             "festivals": _festivals_sentence, "duty": _duty_sentence, "education": _education_sentence}


def generated_sentences(figures: ReportFigures) -> dict[str, str]:
    """Section key → its generated summary sentence (SECTIONS order)."""
    return {key: SENTENCES[key](figures) for key in SECTIONS}


# ---- sentences of the registers this summary adds ------------------------------------------------


def _ceremonies_sentence(f: ReportFigures) -> str:
    c = f.ceremonies
    if not c.figures.total:
        return f"{f.period.label}没有婚丧喜庆事宜报备。"
    kinds = [f"{label}{n}件" for _code, label, n in c.by_kind]
    text = f"{f.period.label}受理婚丧喜庆事宜报备{c.figures.total}件（{_listed(kinds)}）"
    text += f"，其中迟报{c.figures.late}件" if c.figures.late else "，均按时报备"
    concerns = [f"不得操办的事项{c.forbidden}件" if c.forbidden else "",
                f"超过规定规模{c.over_scale}件" if c.over_scale else ""]
    if c.figures.concerns:
        text += f"；存在需关注情形{c.figures.concerns}件" + (f"（{_listed([x for x in concerns if x])}）"
                                                     if any(concerns) else "")
    text += f"；开展提醒谈话{c.figures.with_talk}次。"
    return text


def _opinions_sentence(f: ReportFigures) -> str:
    o = f.opinions
    if not o.total:
        return f"{f.period.label}未出具党风廉政意见回复。"
    purposes = [f"用于{label}{n}份" for label, n in o.by_purpose]
    return f"{f.period.label}出具党风廉政意见回复{o.total}份、涉及{o.people}人（{_listed(purposes)}）。"


def coverage_since(f: ReportFigures) -> str:
    """How the coverage's span reads before its figures: "" when it is the period's own, else
    “2026年以来，” (a half-year report counts the year so far)."""
    c = f.talks.coverage
    return "" if c is None or c.start == f.period.start else f"{c.start.year}年以来，"


def whole_year_coverage(f: ReportFigures) -> bool:
    """The coverage spans a whole calendar year (or more): who had no 谈心谈话 then is a problem;
    in a part of the year it is work still to do."""
    c = f.talks.coverage
    return c is not None and (c.start.month, c.start.day) == (1, 1) and (
        (c.end.month, c.end.day) == (12, 31) or c.end.year > c.start.year)


def _coverage_sentence(f: ReportFigures) -> str:
    c = f.talks.coverage
    if c is None or not c.people:
        return ""
    return (f"{coverage_since(f)}在册{c.people}人中{c.covered}人参加了谈心谈话，覆盖率{percent(c.rate)}"
            + (f"，尚有{len(c.uncovered)}人未开展。" if c.uncovered else "，实现全覆盖。"))


def _categories_sentence(f: ReportFigures, register: str, unit: str) -> str:
    """发现的问题（或处置的人次）按六项纪律、“四风”和中央八项规定精神归类 (those without a
    问题类别 are not named: the 附件's table lists them as 未归类)."""
    cats = f.categories
    rows = getattr(cats, register)
    disciplines = [f"{h.label}{h.count}{unit}" for h in rows[BY_DISCIPLINE] if h.count and h.code != NONE]
    if not disciplines:
        return ""
    text = f"按纪律类别，{_listed(disciplines)}"
    styles = [f"{h.label}{h.count}{unit}" for h in rows[BY_STYLE] if h.count]
    if styles:
        text += f"；涉及“四风”问题{sum(h.count for h in rows[BY_STYLE])}{unit}（{_listed(styles)}）"
    eight = cats.count(register, BY_EIGHT_RULES)
    if eight:
        text += f"；违反中央八项规定精神问题{eight}{unit}"
    return text + "。"


SENTENCES.update(ceremonies=_ceremonies_sentence, opinions=_opinions_sentence)


# ---- the 工作总结 ---------------------------------------------------------------------------------


OPENING, BASICS, PRACTICES, PROBLEMS, PLANS = "opening", "basics", "practices", "problems", "plans"
PART_TITLES = {BASICS: "基本情况", PRACTICES: "主要做法", PROBLEMS: "存在问题", PLANS: "下一步打算"}
NUMBERS = "一二三四五六七八九十"
LEAD = re.compile(r"^(（[一二三四五六七八九十]+）[^。；]{1,40}[。；])(.*)$")


def numbered(n: int) -> str:
    """1 → 一, 11 → 十一 (up to 九十九)."""
    if n <= 10:
        return NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    return (NUMBERS[tens - 1] if tens > 1 else "") + "十" + (NUMBERS[ones - 1] if ones else "")


def _items(lines: list[str]) -> str:
    """“（一）…” lines, numbered in order."""
    return "\n".join(f"（{numbered(n)}）{line}" for n, line in enumerate(lines, start=1))


# 主要做法: (area, 二级标题, what the paragraph says). Areas without records this period are left
# out. 主体责任 and 廉政教育 are the registers of issue 19: their paragraphs come with them.
PRACTICE_AREAS: tuple[tuple[str, str], ...] = (
    ("duty", "压紧压实管党治党政治责任"),        # 责任书、专题研究、考核、报告报送 (app/reports/duty.py)
    ("inspections", "持续强化日常监督检查"),
    ("festivals", "抓好重要节点廉洁提醒"),
    ("findings", "从严从实抓好问题整改"),
    ("risks", "深化廉政风险排查防控"),
    ("talks", "经常性开展谈心谈话和提醒谈话"),
    ("ledger", "精准运用监督执纪“第一种形态”"),
    ("sanctions", "规范问题线索处置和执纪问责"),
    ("ceremonies", "严格婚丧喜庆事宜报告"),
    ("education", "深化廉洁教育"),             # 廉政教育: 次, 人次, 警示教育, coverage
    ("opinions", "严把党风廉政意见回复关"),
)


def _has_records(f: ReportFigures, area: str) -> bool:
    return {
        "inspections": lambda: f.inspections.total > 0,
        "festivals": lambda: bool(f.festivals.items),
        "findings": lambda: f.findings.total.total > 0,
        "risks": lambda: f.risks.year is not None,
        "talks": lambda: f.talks.total.times > 0,
        "ledger": lambda: f.ledger.person_times > 0,
        "sanctions": lambda: bool(f.sanctions.received.total or f.sanctions.closed.total or f.sanctions.measures.total),
        "ceremonies": lambda: f.ceremonies.figures.total > 0,
        "opinions": lambda: f.opinions.total > 0,
        "duty": lambda: duty_in_use(f),
        "education": lambda: f.education.figures.times > 0,
    }.get(area, lambda: False)()


def practice_paragraphs(f: ReportFigures) -> list[tuple[str, str]]:
    """主要做法, paragraph by paragraph: (area, “（n）二级标题。” + the area's figures in words) for
    every area with records in the period, in PRACTICE_AREAS order, numbered as they come."""
    extra = {"talks": _coverage_sentence(f), "findings": _categories_sentence(f, "findings", "个"),
             "ledger": _categories_sentence(f, "ledger", "人次")}
    found = []
    for area, lead in PRACTICE_AREAS:
        if area not in SENTENCES or not _has_records(f, area):
            continue
        body = SENTENCES[area](f) + extra.get(area, "")
        found.append((area, f"（{numbered(len(found) + 1)}）{lead}。{body}"))
    return found


def _opening(f: ReportFigures) -> str:
    who = f"{f.unit_name}" if f.unit_name else "局机关纪委"
    return (f"{f.period.label}，{who}在{f.settings.report_addressee}的坚强领导下，认真履行监督责任，围绕全面从严治党和党风廉政建设"
            f"年度工作要点，扎实开展日常监督、问题整改、谈心谈话和监督执纪“第一种形态”运用等工作，"
            f"各项工作有序推进。现将有关情况报告如下：")


def _basics(f: ReportFigures) -> str:
    """基本情况: every register's headline figures in two paragraphs (the tables are in the 附件)."""
    t, i, l, s = f.findings.total, f.inspections, f.ledger, f.sanctions
    first = (f"{f.period.label}，共开展监督检查{i.total}次（其中工作作风纪律检查{i.style_total}次），发现问题"
             f"{t.total}个，已销号{t.closed}个，整改完成率{percent(t.rate)}；开展各类谈话{f.talks.total.times}次、"
             f"{f.talks.total.people}人次")
    coverage = f.talks.coverage
    if coverage is not None and coverage.people:
        first += f"，{'年初以来' if coverage_since(f) else ''}谈心谈话覆盖{percent(coverage.rate)}"
    first += (f"；运用监督执纪“第一种形态”处理{l.person_times}人次；受理问题线索{s.received.total}件、办结"
              f"{s.closed.total}件，给予处分和组织处理{s.measures.total}人次。")
    r = f.risks
    second = (f"截至{f.period.end.month}月底，{r.year}年度已确认廉政风险点{r.total}个，"
              f"其中{f.settings.level_label(1)}{r.totals[1]}个。" if r.year is not None else "")
    pledges = f.duty.pledges[-1] if f.duty.pledges else None
    if pledges is not None and pledges.listed:
        second += f"{pledges.year}年层层签订党风廉政建设责任书{pledges.signed}份，"
    e = f.education.figures
    second += (f"开展廉政教育{e.times}次、{e.people}人次，受理婚丧喜庆事宜报备{f.ceremonies.figures.total}件，"
               f"推送节前廉政提醒{f.festivals.sent}次，出具党风廉政意见回复{f.opinions.total}份。各项数据详见附件。")
    return first + "\n" + second


def _problems(f: ReportFigures) -> tuple[list[str], list[str]]:
    """存在问题 that the figures show, and 下一步打算 answering each (in the same order), then the
    standing work: 谈心谈话 still to hold in a year not yet over, and the office's standing items
    (`Settings.report_standing_plans`, the same for the half-year and the annual report)."""
    problems, plans = [], []
    t = f.findings.total
    if t.overdue:
        problems.append(f"问题整改推进不够平衡。尚有{t.overdue}个问题超过整改时限未完成整改，个别单位整改责任落实不到位。")
        plans.append("紧盯问题整改。对逾期未完成整改的问题逐项督办，限期销号，对整改不力的单位约谈主要负责同志。")
    if f.inspections.missing_months:
        problems.append(f"日常监督的经常性有待加强。{_listed(f.inspections.missing_months)}未开展工作作风纪律检查。")
        plans.append("坚持每月对全系统开展工作作风纪律检查1至2次，做到月月有检查、检查有记录。")
    coverage = f.talks.coverage
    if coverage is not None and coverage.uncovered and whole_year_coverage(f):
        problems.append(f"谈心谈话覆盖不够全面。在册人员中尚有{len(coverage.uncovered)}人本年度未开展谈心谈话。")
        plans.append("对未开展谈心谈话的人员逐一安排，做到谈心谈话全覆盖，及时掌握干部职工思想动态。")
    c = f.ceremonies.figures
    if c.late or c.concerns:
        parts = [f"迟报{c.late}件" if c.late else "", f"存在需关注情形{c.concerns}件" if c.concerns else ""]
        problems.append(f"婚丧喜庆事宜报备还不够规范，{_listed([p for p in parts if p])}。")
        plans.append("严格执行婚丧喜庆事宜报告制度，对超规模、不得操办等情形及时提醒纠正，事后跟踪操办情况。")
    styles = f.categories.count("findings", BY_STYLE)
    if styles:
        problems.append(f"“四风”问题仍有发生。监督检查发现涉及“四风”问题{styles}个，纠治“四风”任重道远。")
        plans.append("持续纠治“四风”，聚焦形式主义、官僚主义新表现和享乐主义、奢靡之风隐形变异问题开展专项检查。")
    missing = [i.label for i in f.festivals.due if not i.sent]
    if missing:
        problems.append(f"{_listed(missing)}前的廉政提醒未登记推送情况，节点提醒有待规范。")
        plans.append("在重要节日前按时推送廉政提醒，做到提醒在前、防范在先。")
    duty_problems(f, problems, plans)
    if not problems:
        problems.append("对照上级要求，监督检查的精准性和问题整改的长效性还有提升空间。")
    if coverage is not None and coverage.uncovered and not whole_year_coverage(f):  # the year goes on
        plans.append(f"抓好谈心谈话。年内对尚未开展谈心谈话的{len(coverage.uncovered)}人逐一安排，做到全覆盖。")
    plans += f.settings.report_standing_plans  # the office's standing work (系统设置: one setting)
    return problems, plans


def duty_in_use(f: ReportFigures) -> bool:
    """The office keeps 主体责任's registers for the period: a 责任书, a 专题研究, a 考核 or a
    half-year report received (the 党组's count of none and the reports expected are no record)."""
    d = f.duty
    return (any(p.listed for p in d.pledges) or bool(d.studies) or d.assessment is not None
            or any(h.received for h in d.half_years))


def duty_problems(f: ReportFigures, problems: list[str], plans: list[str]) -> None:
    """存在问题 and their answers from 主体责任 and 廉政教育, where the office keeps those registers
    (an office that does not is not told what it never recorded): 责任书 not signed, the 党组's
    专题研究 short of the seed's twice a year, half-year reports not sent, people without 廉政教育
    (the 专题研究 and 廉政教育 once the year is over)."""
    d = f.duty
    if not duty_in_use(f):
        d = replace(d, pledges=(), party=(), half_years=())
    pledges = d.pledges[-1] if d.pledges else None
    if pledges is not None and pledges.unsigned:
        problems.append(f"主体责任压得还不够实。{pledges.year}年尚有{pledges.unsigned}份党风廉政建设责任书未签订。")
        plans.append("压紧压实主体责任。督促尚未签订责任书的单位和个人限期签订，做到一级抓一级、层层抓落实。")
    year_over = (f.period.end.month, f.period.end.day) == (12, 31)
    short = [y for y in d.party if y.year == f.period.end.year and not y.met and year_over]
    if short:
        problems.append(f"局党组专题研究全面从严治党工作{short[0].count}次，未达到年内不少于{short[0].minimum}次的要求。")
        plans.append(f"局党组每年至少{short[0].minimum}次专题研究全面从严治党、党风廉政建设和反腐败工作。")
    missing = [h for h in d.half_years if h.missing]
    if missing:
        problems.append("、".join(f"{h.label}尚有{len(h.missing)}个单位未报送工作报告" for h in missing) + "。")
        plans.append("督促各单位按时报送半年工作报告，逾期未报的予以通报。")
    c = f.education.coverage if f.education.figures.times else None
    if c is not None and c.people and c.took_part < c.people and year_over:
        problems.append(f"廉洁教育覆盖还不够全面。{c.year}年在册{c.people}人中尚有{c.people - c.took_part}人未参加廉政教育。")
        plans.append("对未参加廉政教育的人员组织补学，用好身边典型案例开展警示教育，做到教育全覆盖。")


def generated_report(figures: ReportFigures) -> list[ReportSection]:
    """The 工作总结 as generated from the period's figures: 导语, 基本情况, 主要做法, 存在问题,
    下一步打算 (the clerk edits, adds, removes and reorders them)."""
    problems, plans = _problems(figures)
    return [ReportSection(OPENING, "", _opening(figures)),
            ReportSection(BASICS, PART_TITLES[BASICS], _basics(figures)),
            ReportSection(PRACTICES, PART_TITLES[PRACTICES],
                          "\n".join(text for _area, text in practice_paragraphs(figures))),
            ReportSection(PROBLEMS, PART_TITLES[PROBLEMS], _items(problems)),
            ReportSection(PLANS, PART_TITLES[PLANS], _items(plans))]


def generated_section(figures: ReportFigures, key: str) -> ReportSection | None:
    """One generated section (恢复生成的文字); None for a section of the clerk's own."""
    return next((s for s in generated_report(figures) if s.key == key), None)
