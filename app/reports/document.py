"""The report as a Word document (resources/templates/work_report.docx): the figures of
`report_figures`, the summary sentences as the clerk left them, the charts at print resolution.
`export report --from D --to D [--unit NAME] --out F.docx` makes it with the generated sentences."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, Role, require_role
from app.progress import Progress
from app.reports.charts import ChartImage, report_charts
from app.reports.figures import SECTIONS, TITLE_SUBJECT, ReportFigures, report_figures
from app.reports.period import ReportPeriod, chinese_date
from app.reports.summaries import SECTION_TITLES, generated_sentences
from app.reports.summaries import percent as rate_text
from app.vocab import LEVELS

TEMPLATE = "work_report.docx"


MAX_OVERDUE_TEXT = 60


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _short(text: str, size: int = MAX_OVERDUE_TEXT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size] + "…"


def report_context(figures: ReportFigures, sentences: Mapping[str, str],
                   charts: Mapping[str, ChartImage]) -> dict[str, object]:
    """What the template fills in (plain values; charts as `app.documents.Picture`)."""
    from app.documents import Picture

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
        "title_scope": f.title_scope,
        "title_subject": TITLE_SUBJECT,
        "span": f.period.span_text,
        "scope": f"{f.unit_name}（含下级单位）" if f.unit_name else f"{f.bureau}全系统",
        "as_of": chinese_date(f.today),
        "today": chinese_date(f.today),
        "signature": f.unit_name or f"{f.bureau}机关纪委",
        "chain_code": f.chain_code,
        "titles": SECTION_TITLES,
        "texts": {key: _paragraphs(sentences.get(key, "")) for key in SECTIONS},
        "charts": {key: Picture(image.png, image.width_cm) for key, image in charts.items()},
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
        "festival_items": [{"label": i.label, "remind_on": f"{i.remind_on:%Y-%m-%d}",
                            "rest": f"{i.rest_start.month}月{i.rest_start.day}日—{i.rest_end.month}月{i.rest_end.day}日",
                            "state": (f"已推送（{i.how}）" if i.sent else
                                      ("未登记" if i.remind_on <= f.today else "未到提醒日期"))}
                           for i in f.festivals.items],
    }


def write_report(actor: Actor, figures: ReportFigures, sentences: Mapping[str, str], out: Path | str,
                 progress: Progress | None = None) -> Path:
    """Writes the report (.docx) with `sentences` as the clerk left them; the file appears whole
    or not at all. Needs no session: the charts (seconds) are drawn while nobody's saves wait;
    `record_report_export` audits it afterwards in a short unit of work."""
    from app.documents import docx_path, render_docx

    require_role(actor, Role.VIEWER)
    progress = progress or Progress()
    out = docx_path(out)
    charts = report_charts(figures, progress)
    progress.report(9, 10, "生成 Word 文档…")
    context = report_context(figures, sentences, charts)
    render_docx(TEMPLATE, context, out)
    progress.report(10, 10, "完成")
    return out


def record_report_export(session: Session, actor: Actor, figures: ReportFigures, out: Path) -> None:
    """The audit row of a report written by `write_report` (in the caller's writing session)."""
    scope = f"，单位 {figures.unit_name}（含下级）" if figures.unit_name else ""
    audit.record(session, actor, "export", "report", "",
                 summary=f"生成报告“{figures.title}”（{figures.period.span_text}{scope}）到“{out.name}”")


def export_report(session: Session, actor: Actor, figures: ReportFigures, sentences: Mapping[str, str],
                  out: Path | str, progress: Progress | None = None) -> Path:
    """`write_report`, audited in the caller's writing session."""
    out = write_report(actor, figures, sentences, out, progress)
    record_report_export(session, actor, figures, out)
    return out


def export_generated_report(ws, actor: Actor, period: ReportPeriod, out: Path | str, *,  # noqa: ANN001
                            unit_id: int | None = None, progress: Progress | None = None) -> Path:
    """The report with the generated sentences (the command line): the figures read in one
    reading session, the file written with no session open, then the audit row."""
    with ws.reading() as session:
        figures = report_figures(session, actor, period, today=ws.today(), unit_id=unit_id, progress=progress)
    out = write_report(actor, figures, generated_sentences(figures), out, progress)
    with ws.writing() as session:
        record_report_export(session, actor, figures, out)
    return out

