"""The 谈话记录表 of one talk: a .docx from resources/templates/talk_record.docx, the same form
as HTML for the print preview, and `python -m app export talks` (a record as .docx with --id,
the list as .xlsx through the Excel engine)."""
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

TEMPLATE = "talk_record.docx"


TITLE = "谈话记录表"


# (label, context key) in the order of the paper form; the wide rows span the table.
FIELDS = (("谈话类型", "kind"), ("谈话时间", "when"), ("谈话地点", "place"), ("谈话人", "talkers"),
          ("被谈话人及单位职务", "talkees"), ("记录人", "recorders"), ("谈话事由", "reason"),
          ("谈话内容", "content"), ("本人表态", "response"), ("后续要求", "follow_up"))


RICH_FIELDS = ("talkees", "content", "response", "follow_up")


SIGNATURES = ("被谈话人（签字）：", "谈话人（签字）：", "记录人（签字）：")


def record_context(row: TalkRow, bureau: str) -> dict[str, str]:
    """What the template's {{ tags }} receive: display text, several people joined with 、."""
    return {
        "bureau": bureau, "number": str(row.id), "kind": row.kind_label, "when": row.when,
        "place": row.place, "talkers": "、".join(p.display for p in row.talkers),
        "talkees": row.talkee_text, "recorders": "、".join(p.name for p in row.recorders),
        "reason": row.reason_label, "content": row.content, "response": row.response,
        "follow_up": row.follow_up,
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
        context[key] = RichText(context[key])
    render_docx(TEMPLATE, context, out)
    audit.exported(session, actor, ENTITY, out.name, 1, scope=f"{TITLE} 第 {row.id} 号 {row.summary}")
    return out


def record_printed(session: Session, actor: Actor, row: TalkRow) -> None:
    """The audit row of a printed 谈话记录表 (DESIGN: every print is audited)."""
    audit.printed(session, actor, ENTITY, 1, scope=f"{TITLE} 第 {row.id} 号 {row.summary}")


def record_html(row: TalkRow, bureau: str) -> str:
    """The same form as HTML (A4 portrait print preview): the table, then the signature lines."""
    ctx = record_context(row, bureau)

    def cell(key: str) -> str:
        return html.escape(ctx[key]).replace("\n", "<br>")

    def label(text: str) -> str:
        return f"<td class='l'>{html.escape(text)}</td>"

    tall = {"content": 300, "response": 90, "follow_up": 50}
    rows = [f"<tr>{label('谈话类型')}<td>{cell('kind')}</td>{label('谈话时间')}<td>{cell('when')}</td></tr>"]
    for text, key in FIELDS[2:]:
        if key in ("recorders", "reason"):
            continue
        height = f" height='{tall[key]}' valign='top'" if key in tall else ""
        rows.append(f"<tr>{label(text)}<td colspan='3'{height}>{cell(key)}</td></tr>")
        if key == "talkees":
            rows.append(f"<tr>{label('记录人')}<td>{cell('recorders')}</td>"
                        f"{label('谈话事由')}<td>{cell('reason')}</td></tr>")
    blank = "＿＿＿＿＿＿＿＿"
    cells = [f"{html.escape(s)}{blank}" for s in SIGNATURES] + [f"{blank}年＿＿月＿＿日"]
    signatures = ("<br><table width='100%' cellpadding='10' style='border: none;'>"
                  f"<tr><td class='s'>{cells[0]}</td><td class='s'>{cells[1]}</td></tr>"
                  f"<tr><td class='s'>{cells[2]}</td><td class='s'>{cells[3]}</td></tr></table>")
    return (
        "<html><head><style>"
        "h1 { font-size: 18pt; text-align: center; margin: 0 0 6pt 0; }"
        "p.meta { font-size: 9pt; text-align: right; color: #444; margin: 0 0 6pt 0; }"
        "td { border: 1px solid #333; padding: 5px; font-size: 11pt; }"
        "td.l { font-weight: bold; text-align: center; width: 16%; }"
        "td.s { border: none; font-size: 11pt; padding-top: 14px; }"
        "</style></head><body>"
        f"<h1>{TITLE}</h1><p class='meta'>{html.escape(bureau)}　记录编号：{row.id}</p>"
        "<table width='100%' cellspacing='0' cellpadding='5' style='border-collapse: collapse;'>"
        f"{''.join(rows)}</table>{signatures}</body></html>")

