"""The report as a Word document (resources/templates/work_report.docx): a 工作总结 to the 局党组
laid out as a 公文 — the clerk's sections as the body (一级标题 numbered in order, a “（一）…。”
lead in 楷体), the 署名 and date, and in the 附件 every register's table and chart of
`report_figures`; the fonts the PC has stand in for the 公文 fonts it lacks (app/reports/fonts.py).
`export report --from D --to D [--unit NAME] --out F.docx` makes it with the generated text."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, Role, require_role
from app.categories import BY_DISCIPLINE, BY_EIGHT_RULES, BY_STYLE, GROUPINGS
from app.progress import Progress
from app.reports.charts import ChartImage, report_charts
from app.reports.figures import TITLE_SUBJECT, ReportFigures, report_figures
from app.reports.fonts import style_fonts
from app.reports.period import ReportPeriod, chinese_date
from app.reports.summaries import LEAD, SECTION_TITLES, generated_report, numbered
from app.reports.summaries import percent as rate_text
from app.reports.texts import ReportSection, load_text, mark_generated
from app.vocab import LEVELS

TEMPLATE = "work_report.docx"
MAX_OVERDUE_TEXT = 60
ANNEX = "{scope}全面从严治党和党风廉政建设工作统计表"
ANNEX_TITLES = {**SECTION_TITLES, "ceremonies": "婚丧喜庆事宜报备情况", "opinions": "党风廉政意见回复情况"}


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def body_blocks(sections: Sequence[ReportSection]) -> list[dict[str, str]]:
    """The body as the template lays it out: a titled section's 一级标题 (一、二、… in order),
    then one block per line of its text — a line opening with “（一）…。” a `lead` block (the
    lead in 楷体), any other a `body` block."""
    blocks, number = [], 0
    for section in sections:
        if section.title.strip():
            number += 1
            blocks.append({"kind": "h1", "text": f"{numbered(number)}、{section.title.strip()}"})
        for line in _paragraphs(section.text):
            lead = LEAD.match(line)
            if lead:
                blocks.append({"kind": "lead", "lead": lead.group(1), "text": lead.group(2)})
            else:
                blocks.append({"kind": "body", "text": line})
    return blocks


def _short(text: str, size: int = MAX_OVERDUE_TEXT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size] + "…"


def chart_list(charts: Mapping[str, ChartImage]) -> list[dict[str, object]]:
    """The 附件's charts as printed after its tables: the whole-page ones first, then the
    half-page ones two to a page (app/reports/charts.py sizes them), each under its caption —
    so no chart leaves part of a page empty for not fitting there. Numbered 图1, 图2 … in print order."""
    from app.documents import Picture

    ordered = sorted(charts.items(), key=lambda item: not item[1].whole_page)  # stable: sections' order kept
    return [{"caption": f"图{n}　{ANNEX_TITLES[key]}", "picture": Picture(image.png, image.width_cm)}
            for n, (key, image) in enumerate(ordered, start=1)]


def report_context(figures: ReportFigures, sections: Sequence[ReportSection],
                   charts: Mapping[str, ChartImage]) -> dict[str, object]:
    """What the template fills in (plain values; charts as `app.documents.Picture`)."""
    f, label = figures, figures.settings.level_label
    r = f.risks
    control = {u.unit_id: label(u.control_level) for u in r.units}
    risk_units = [{"unit": u.unit_name, "l1": u.count(1), "l2": u.count(2), "l3": u.count(3),
                   "total": u.total, "control": control[u.unit_id]} for u in r.units]
    t = f.findings.total
    sources = [{"label": s.label, "total": s.stats.total, "pending": s.stats.pending,
                "in_progress": s.stats.in_progress, "rectified": s.stats.rectified,
                "closed": s.stats.closed, "mostly": s.stats.mostly, "rate": rate_text(s.stats.rate),
                "overdue": s.stats.overdue} for s in f.findings.by_source]
    ledger = f.ledger
    shares = (f"本期班子成员 {ledger.leaders} 人次（{rate_text(ledger.leader_share)}），重要岗位人员 "
              f"{ledger.key_posts} 人次（{rate_text(ledger.key_post_share)}）。" if ledger.person_times else "")
    if ledger.transfer_needed:
        shares += f"另有 {ledger.transfer_needed} 条属第二种形态、需转出，未计入。"
    return {
        "title": f.title,
        "title_scope": f.title_scope,
        "title_subject": TITLE_SUBJECT,
        "addressee": f.settings.report_addressee,
        "blocks": body_blocks(sections),
        "annex": ANNEX.format(scope=f.title_scope),
        "span": f.period.span_text,
        "scope": f"{f.unit_name}（含下级单位）" if f.unit_name else f"{f.bureau}全系统",
        "as_of": chinese_date(f.today),
        "today": chinese_date(f.today),
        "signature": f.unit_name or f"{f.bureau}机关纪委",
        "chain_code": f.chain_code,
        "titles": ANNEX_TITLES,
        "chart_list": chart_list(charts),
        **{f"level{level}": label(level) for level in LEVELS},
        "risk_units": risk_units,
        "risk_total": {"unit": "合计", "l1": r.totals[1], "l2": r.totals[2], "l3": r.totals[3],
                       "total": r.total, "control": f"{label(1)}防控 {len(r.top_units)} 个"},
        "risk_basis": (f"注：按{r.year}年度已确认的风险点统计；防控等级为单位本级已确认风险点中的最高等级。"
                       if r.year is not None else ""),
        "risk_changes": [{"code": c.code, "name": c.name, "unit": c.unit_name,
                          "change": f"{label(c.from_level)}→{label(c.to_level)}", "reason": c.reason}
                         for c in r.changes],
        "inspection_kinds": [{"label": lab, "count": n} for _code, lab, n in f.inspections.by_kind],
        "inspection_total": {"label": "合计", "count": sum(n for *_x, n in f.inspections.by_kind)},
        "finding_sources": sources,
        "finding_total": {"label": "合计", "total": t.total, "pending": t.pending,
                          "in_progress": t.in_progress, "rectified": t.rectified, "closed": t.closed,
                          "mostly": t.mostly, "rate": rate_text(t.rate), "overdue": t.overdue},
        "overdue": [{"code": o.code, "unit": o.owner_unit_name, "description": _short(o.description),
                     "deadline": f"{o.deadline:%Y-%m-%d}", "days": -(o.days_left or 0),
                     "status": o.status_label} for o in f.findings.overdue],
        "talk_kinds": [{"label": k.label, "times": k.counts.times, "people": k.counts.people}
                       for k in f.talks.by_kind],
        "talk_total": {"label": "合计", "times": f.talks.total.times, "people": f.talks.total.people},
        "ledger_people": {"label": "人次", **{f"q{q}": n for q, n in enumerate(ledger.by_quarter, 1)},
                          "total": ledger.person_times},
        "ledger_methods": [{"label": m.label, **{f"q{q}": n for q, n in enumerate(m.by_quarter, 1)},
                            "total": m.total} for m in ledger.methods],
        "ledger_method_total": {"label": "处置方式合计（项）",
                                **{f"q{q}": sum(m.by_quarter[q - 1] for m in ledger.methods) for q in (1, 2, 3, 4)},
                                "total": ledger.method_count},
        "ledger_shares": shares,
        "sanction_kinds": [{"label": k.label, "form": k.form and "第{}种形态".format("一二三四"[k.form - 1]) or "",
                            "count": k.count} for k in f.sanctions.measures.by_kind],
        "sanction_total": {"label": "合计", "form": "", "count": f.sanctions.measures.total},
        "clue_line": (f"受理问题线索 {f.sanctions.received.total} 件，办结 {f.sanctions.closed.total} 件；"
                      "诫勉属第一种形态，计入上一部分。"),
        **_duty_context(f),
        "festival_items": [{"label": i.label, "remind_on": f"{i.remind_on:%Y-%m-%d}",
                            "rest": f"{i.rest_start.month}月{i.rest_start.day}日—{i.rest_end.month}月{i.rest_end.day}日",
                            "state": (f"已推送（{i.how}）" if i.sent else
                                      ("未登记" if i.remind_on <= f.today else "未到提醒日期"))}
                           for i in f.festivals.items],
        **_more_tables(f),
    }


def _more_tables(f: ReportFigures) -> dict[str, object]:
    """婚丧喜庆, 意见回复, 问题类别 and 谈心谈话 coverage for the 附件."""
    c, o, cats = f.ceremonies, f.opinions, f.categories
    grouping_names = {BY_DISCIPLINE: "六项纪律", BY_STYLE: "“四风”", BY_EIGHT_RULES: "八项规定"}
    category_rows = []
    for grouping in GROUPINGS:
        ledger = {h.code: h.count for h in cats.ledger[grouping]}
        for h in cats.findings[grouping]:
            if h.count or ledger.get(h.code):
                category_rows.append({"grouping": grouping_names[grouping], "label": h.label, "findings": h.count,
                                      "ledger": ledger.get(h.code, 0)})
        seen = {h.code for h in cats.findings[grouping]}
        for h in cats.ledger[grouping]:
            if h.count and h.code not in seen:
                category_rows.append({"grouping": grouping_names[grouping], "label": h.label, "findings": 0,
                                      "ledger": h.count})
    coverage = f.talks.coverage
    units = [u for u in coverage.units if u.people] if coverage is not None else []
    return {
        "ceremony_kinds": [{"label": label, "count": n} for _code, label, n in c.by_kind],
        "ceremony_total": {"label": "合计", "count": c.figures.total},
        "ceremony_line": (f"注：迟报 {c.figures.late} 件；需关注 {c.figures.concerns} 件（不得操办的事项 {c.forbidden} 件、"
                          f"超过规定规模 {c.over_scale} 件等）；已开展提醒谈话 {c.figures.with_talk} 次。"
                          if c.figures.total else "本期没有婚丧喜庆事宜报备。"),
        "opinion_line": (f"本期出具党风廉政意见回复 {o.total} 份、涉及 {o.people} 人（"
                         + "、".join(f"{label} {n} 份" for label, n in o.by_purpose) + "）。"
                         if o.total else "本期未出具党风廉政意见回复。"),
        "category_rows": category_rows,
        "coverage_span": (f"{chinese_date(coverage.start)}至{chinese_date(coverage.end)}" if coverage else ""),
        "coverage_units": [{"unit": u.unit_name, "people": u.people, "covered": u.covered, "rate": rate_text(u.rate)}
                           for u in units],
        "coverage_total": {"unit": "合计", "people": coverage.people if coverage else 0,
                           "covered": coverage.covered if coverage else 0,
                           "rate": rate_text(coverage.rate) if coverage else "—"},
    }


def _duty_context(f: ReportFigures) -> dict[str, object]:
    """The tables of 主体责任 and 廉政教育 (app/reports/duty.py)."""
    d, e = f.duty, f.education.figures
    a = d.assessment
    return {
        "pledge_levels": [{"year": f"{p.year}年", "label": c.label, "listed": c.listed, "signed": c.signed,
                           "unsigned": c.unsigned} for p in d.pledges for c in p.by_level],
        "studies": [{"date": f"{s.held_on:%Y-%m-%d}", "body": s.unit_name, "meeting": s.meeting_label,
                     "topics": _short(s.topics_line)} for s in d.studies],
        "assessment_units": [{"unit": s.unit_name, "total": "" if s.total is None else f"{s.total:.1f}",
                              "grade": s.grade_label, "veto": "是" if s.veto else ""} for s in a.scores] if a else [],
        "assessment_basis": f"{a.year}年度主体责任考核结果（总分＝各考核项目得分按权重合计）：" if a else "",
        "education_forms": [{"label": x.label, "times": x.times, "people": x.people} for x in e.by_form],
        "education_total": {"label": "合计", "times": e.times, "people": e.people},
        "duty_line": _duty_line(f),
        "education_line": _education_line(f),
    }


def _duty_line(f: ReportFigures) -> str:
    """报告报送 of the half-years in the period, or what the section lacks."""
    d = f.duty
    reports = [f"{h.label}应报送 {h.expected} 个单位、已报送 {h.received} 个" for h in d.half_years if h.expected]
    if reports:
        return "注：半年工作报告报送情况：" + "；".join(reports) + "。"
    if not (any(p.listed for p in d.pledges) or d.studies or d.assessment):
        return "本期未登记责任书、专题研究和考核情况。"
    return ""


def _education_line(f: ReportFigures) -> str:
    e, c = f.education.figures, f.education.coverage
    if not e.times:
        return "本期未登记廉政教育活动。"
    text = f"注：其中警示教育 {e.warning.times} 次、{e.warning.people} 人次"
    if c is not None and c.people:
        text += f"；{c.year}年在册 {c.people} 人中已参加 {c.took_part} 人"
    return text + "。"


def write_report(actor: Actor, figures: ReportFigures, sections: Sequence[ReportSection], out: Path | str,
                 progress: Progress | None = None) -> Path:
    """Writes the report (.docx) with its `sections` as the clerk left them; the file appears
    whole or not at all. Needs no session: the charts (seconds) are drawn while nobody's saves
    wait; `record_report_export` audits it afterwards in a short unit of work."""
    from app.documents import docx_path, render_docx

    require_role(actor, Role.VIEWER)
    progress = progress or Progress()
    out = docx_path(out)
    charts = report_charts(figures, progress)
    progress.report(9, 10, "生成 Word 文档…")
    context = report_context(figures, sections, charts)
    render_docx(TEMPLATE, context, out, style_fonts=style_fonts())
    progress.report(10, 10, "完成")
    return out


def record_report_export(session: Session, actor: Actor, figures: ReportFigures, out: Path) -> None:
    """The audit row of a report written by `write_report` (in the caller's writing session),
    and the period's text marked as made into a document (the half-year report is then no
    longer due: app/reminders.py)."""
    scope = f"，单位 {figures.unit_name}（含下级）" if figures.unit_name else ""
    mark_generated(session, actor, figures.period, figures.unit_id)
    audit.record(session, actor, "export", "report", "",
                 summary=f"生成报告“{figures.title}”（{figures.period.span_text}{scope}）到“{out.name}”")


def export_report(session: Session, actor: Actor, figures: ReportFigures, sections: Sequence[ReportSection],
                  out: Path | str, progress: Progress | None = None) -> Path:
    """`write_report`, audited in the caller's writing session."""
    out = write_report(actor, figures, sections, out, progress)
    record_report_export(session, actor, figures, out)
    return out


def export_generated_report(ws, actor: Actor, period: ReportPeriod, out: Path | str, *,  # noqa: ANN001
                            unit_id: int | None = None, progress: Progress | None = None) -> Path:
    """The report of the command line: the period's saved text (the 报告 page's draft), else the
    generated one; the figures read in one reading session, the file written with no session
    open, then the audit row."""
    with ws.reading() as session:
        figures = report_figures(session, actor, period, today=ws.today(), unit_id=unit_id, progress=progress)
        saved = load_text(session, actor, period, figures.unit_id)
    text = saved.sections if saved and saved.sections else generated_report(figures)
    out = write_report(actor, figures, text, out, progress)
    with ws.writing() as session:
        record_report_export(session, actor, figures, out)
    return out

