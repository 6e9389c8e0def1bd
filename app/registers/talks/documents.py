"""The 谈话记录表 of one talk: a .docx from resources/templates/talk_record.docx (or the kind's
own, talk_record_<kind>.docx: 诫勉), the same form as HTML for the print preview, and
`python -m app export talks` (a record as .docx with --id, the list as .xlsx through the Excel
engine). The title names the kind (提醒谈话记录 …), the number is the talk's 编号 (2025-012), dates
are written 2025年3月5日 14:30—15:10, and the 已阅 line stands above the signatures, which stay on
the page of the content's end."""
from __future__ import annotations

import html
from pathlib import Path

from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, Role, require_role
from app.errors import PermissionDenied, ValidationError
from app.registers.talks.query import get_talk
from app.registers.talks.types import ENTITY, TalkRow
from app.visibility import may_read_any
from resources.paths import template

TEMPLATE = "talk_record.docx"
# A kind with a form of its own (诫勉: 本人说明或检讨, the 党组织 负责人's signature); an office may
# add one for any kind as talk_record_<code>.docx beside the others.
KIND_TEMPLATE = "talk_record_{kind}.docx"


TITLE = "谈话记录表"  # what audit rows and the print preview's window call the form
READ_LINE = "以上记录已阅，与谈话内容一致。"


# (label, context key) in the order of the paper form; the wide rows span the table.
FIELDS = (("谈话时间", "when"), ("谈话地点", "place"), ("谈话事由", "reason"), ("谈话人", "talkers"),
          ("被谈话人及单位职务", "talkees"), ("记录人", "recorders"), ("谈话内容", "content"),
          ("本人表态", "response"), ("后续要求", "follow_up"))


RICH_FIELDS = ("talkees", "content", "response", "follow_up")


SIGNATURES = ("被谈话人（签字）：", "谈话人（签字）：", "记录人（签字）：")
COLLECTIVE = 4          # from this many talkees a talk is collective: listed by unit, in smaller type
COLLECTIVE_SIZE = 21    # half-points: 10.5 pt (五号) for a collective talk's list


def talkees_text(row: TalkRow) -> str:
    """被谈话人及单位职务 as the form writes it: 张三（财务科·科长）、…; a collective talk by unit —
    财务科：张三（科长）、李四（会计）；办公室：王五 — and how many (共 12 人)."""
    if len(row.talkees) < COLLECTIVE:
        return row.talkee_text
    units: dict[str, list[str]] = {}
    for p in row.talkees:
        units.setdefault(p.unit_name, []).append(f"{p.name}（{p.position}）" if p.position else p.name)
    listed = "；".join(f"{unit}：{'、'.join(names)}" if unit else "、".join(names) for unit, names in units.items())
    return f"{listed}（共 {len(row.talkees)} 人）"


def record_title(kind_label: str) -> str:
    """The form's title naming the kind: 谈心谈话记录, 提醒谈话记录, 诫勉谈话记录, 约谈记录 … (其他:
    谈话记录)."""
    label = kind_label.strip()
    if not label or label == "其他":
        return "谈话记录"
    return label if label.endswith("记录") else f"{label}记录"


def record_template(kind: str) -> str:
    """The kind's own template when the office has one, else the general form."""
    own = KIND_TEMPLATE.format(kind=kind)
    return own if kind and template(own).is_file() else TEMPLATE


def record_context(row: TalkRow, bureau: str) -> dict[str, str]:
    """What the template's {{ tags }} receive: display text, several people joined with 、,
    dates as documents write them (2025年3月5日 14:30—15:10)."""
    return {
        "bureau": bureau, "title": record_title(row.kind_label), "number": row.number or str(row.id),
        "kind": row.kind_label, "when": row.when_text, "place": row.place,
        "talkers": "、".join(p.display for p in row.talkers), "talkees": talkees_text(row),
        "recorders": "、".join(p.name for p in row.recorders), "reason": row.reason_label,
        "content": row.content, "response": row.response, "follow_up": row.follow_up,
        "read_line": READ_LINE,
    }


def _readable(actor: Actor, row: TalkRow) -> None:
    require_role(actor, Role.VIEWER)
    if not may_read_any(actor, (p.unit_id for p in row.talkees)):  # app/visibility.py's rule
        raise PermissionDenied("当前用户只能查看指定单位人员的谈话记录。")


def export_talk_record(session: Session, actor: Actor, talk_id: int, out: Path, bureau: str) -> Path:
    """Writes the talk's 谈话记录表 to `out` (.docx) and records the export in the audit trail
    (in the caller's writing session). Raises NotFound for an unknown id."""
    out = Path(out)
    if out.suffix.lower() != ".docx":
        raise ValidationError(f"谈话记录表导出为 .docx 文件（现为“{out.name}”）。", "out")
    row = get_talk(session, talk_id)
    _readable(actor, row)
    from docxtpl import RichText

    from app.documents import render_docx

    context: dict[str, object] = dict(record_context(row, bureau))
    for key in RICH_FIELDS:  # {{r …}} tags: line breaks stay line breaks in Word
        small = key == "talkees" and len(row.talkees) >= COLLECTIVE
        context[key] = RichText(context[key], size=COLLECTIVE_SIZE if small else None)
    render_docx(record_template(row.kind), context, out)
    audit.exported(session, actor, ENTITY, out.name, 1, scope=f"{context['title']} 编号 {context['number']} {row.summary}")
    return out


def record_printed(session: Session, actor: Actor, row: TalkRow) -> None:
    """The audit row of a printed 谈话记录表 (DESIGN: every print is audited)."""
    number = row.number or str(row.id)
    audit.printed(session, actor, ENTITY, 1, scope=f"{record_title(row.kind_label)} 编号 {number} {row.summary}")


def record_html(row: TalkRow, bureau: str) -> str:
    """The same form as HTML (A4 portrait print preview): the title naming the kind, the number,
    the table, the 已阅 line and the signature lines."""
    ctx = record_context(row, bureau)

    def cell(key: str) -> str:
        return html.escape(ctx[key]).replace("\n", "<br>")

    def label(text: str) -> str:
        return f"<td class='l'>{html.escape(text)}</td>"

    tall = {"content": 280, "response": 80, "follow_up": 44}
    rows = [f"<tr>{label('谈话时间')}<td colspan='3'>{cell('when')}</td></tr>",
            f"<tr>{label('谈话地点')}<td>{cell('place')}</td>{label('谈话事由')}<td>{cell('reason')}</td></tr>"]
    for text, key in FIELDS[3:]:
        height = f" height='{tall[key]}' valign='top'" if key in tall else ""
        rows.append(f"<tr>{label(text)}<td colspan='3'{height}>{cell(key)}</td></tr>")
    blank = "＿＿＿＿＿＿＿＿"
    cells = [f"{html.escape(s)}{blank}" for s in SIGNATURES] + [f"{blank}年＿＿月＿＿日"]
    signatures = (f"<p class='r'>{html.escape(READ_LINE)}</p>"
                  "<table width='100%' cellpadding='8' style='border: none;'>"
                  f"<tr><td class='s'>{cells[0]}</td><td class='s'>{cells[1]}</td></tr>"
                  f"<tr><td class='s'>{cells[2]}</td><td class='s'>{cells[3]}</td></tr></table>")
    return (
        "<html><head><style>"
        "h1 { font-size: 18pt; text-align: center; margin: 0 0 6pt 0; }"
        "p.meta { font-size: 10pt; text-align: right; margin: 0 0 6pt 0; }"
        "p.r { font-size: 11pt; margin: 10pt 0 0 0; }"
        "td { border: 1px solid #333; padding: 5px; font-size: 11pt; }"
        "td.l { font-weight: bold; text-align: center; width: 16%; }"
        "td.s { border: none; font-size: 11pt; padding-top: 12px; }"
        "</style></head><body>"
        f"<h1>{html.escape(ctx['title'])}</h1>"
        f"<p class='meta'>{html.escape(bureau)}　　编号：{html.escape(ctx['number'])}</p>"
        "<table width='100%' cellspacing='0' cellpadding='5' style='border-collapse: collapse;'>"
        f"{''.join(rows)}</table>{signatures}</body></html>")
