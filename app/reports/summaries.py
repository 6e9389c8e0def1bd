"""One generated summary sentence per section, in the register's own figures; the clerk edits
them on the 报告 page before the document is made (the command line uses them as generated)."""
from __future__ import annotations

from app.reports.figures import SECTIONS, ReportFigures

SECTION_TITLES = {
    "risks": "廉政风险点排查防控情况",
    "inspections": "监督检查开展情况",
    "findings": "问题整改情况",
    "talks": "谈话开展情况",
    "ledger": "运用监督执纪“第一种形态”情况",
    "sanctions": "问题线索处置和处分情况",
    "festivals": "节前廉政提醒情况",
}


def percent(value: float | None) -> str:
    """A rate as the registers' pages write it: 57.7%; — for an empty set."""
    return "—" if value is None else f"{value * 100:.1f}%"


def _listed(parts: list[str]) -> str:
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


SENTENCES = {"risks": _risks_sentence, "inspections": _inspections_sentence,
             "findings": _findings_sentence, "talks": _talks_sentence, "ledger": _ledger_sentence,
             "sanctions": _sanctions_sentence,
             "festivals": _festivals_sentence}


def generated_sentences(figures: ReportFigures) -> dict[str, str]:
    """Section key → its generated summary sentence (SECTIONS order)."""
    return {key: SENTENCES[key](figures) for key in SECTIONS}
