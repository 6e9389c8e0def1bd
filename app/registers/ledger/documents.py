"""The filed first-form ledger as a Word document (resources/templates/first_form_ledger.docx):
the same columns as the .xlsx, the title row, the year's figures, and the 填表人 line."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, Role, require_role
from app.registers.ledger.query import entry_rows, search_entry_ids
from app.registers.ledger.rules import ledger_title
from app.registers.ledger.stats import ledger_statistics
from app.registers.ledger.types import FILED, LedgerFilter
from app.visibility import require_readable_unit

TEMPLATE = "first_form_ledger.docx"


def ledger_context(session: Session, actor: Actor, *, bureau: str, year: int | None,
                   unit_id: int | None, today: dt.date) -> dict[str, object]:
    """What the template fills in: title, one dict per filed entry in filing order, figures."""
    if unit_id is not None:
        require_readable_unit(actor, unit_id, session=session)
    ids = search_entry_ids(session, actor, LedgerFilter(view=FILED, year=year, unit_id=unit_id))
    entries = [
        {"seq": n, "name": e.person_name, "unit_position": e.unit_and_position, "rank": e.rank,
         "political": e.political_text, "source": e.clue_source_label, "handling": e.handling_label,
         "problem": e.problem,
         "methods": e.methods_text, "organ": e.decision_organ, "date": f"{e.decided_on:%Y-%m-%d}",
         "handler": e.handler, "revisit": e.revisit_text, "notes": e.notes}
        for n, e in enumerate(entry_rows(session, ids), start=1)]
    stats = ledger_statistics(session, actor, year, unit_id)
    return {"title": ledger_title(bureau, year), "entries": entries, "summary": stats.summary(),
            "today": f"{today.year}年{today.month}月{today.day}日"}


def export_ledger_docx(session: Session, actor: Actor, out: Path | str, *, bureau: str,
                       year: int | None = None, unit_id: int | None = None, today: dt.date,
                       audited: bool = True) -> int:
    """Writes the filed ledger (all years unless `year`) to a .docx; the file appears whole or
    not at all; the export is audited in the caller's writing session (`audited=False`: a part
    of a larger export that records itself). Returns the rows."""
    from app.documents import docx_path, render_docx

    require_role(actor, Role.VIEWER)
    out = docx_path(out)
    context = ledger_context(session, actor, bureau=bureau, year=year, unit_id=unit_id, today=today)
    render_docx(TEMPLATE, context, out)
    count = len(context["entries"])  # type: ignore[arg-type]
    if not audited:
        return count
    scope = f"年度 {year}" if year else "全部年度"
    audit.record(session, actor, "export", "ledger", "",
                 summary=f"导出第一种形态工作台账（Word）到“{out.name}”，{scope}，共 {count} 行")
    return count

