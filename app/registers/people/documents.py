"""The 廉政档案 as a .docx (resources/templates/dossier.docx): the template's context and the
audited export. Clues appear without their reporter; a 了结 clue only as cleared."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor
from app.documents import docx_path, render_docx
from app.registers.clues.query import person_clue_text
from app.registers.people.dossier import Dossier, person_dossier
from app.vocab import bool_label

TEMPLATE = "dossier.docx"


def dossier_context(d: Dossier, bureau: str) -> dict[str, object]:
    """What the template fills in: facts, the period, one list per section (date order)."""
    p = d.person
    return {
        "bureau": bureau, "name": p.name, "gender": p.gender, "unit": p.unit_name, "position": p.position,
        "rank": p.rank, "political": p.political_label, "leader": bool_label(p.is_leader),
        "key_post": p.key_post or "否", "staff_no": p.staff_no, "status": "在册" if p.active else "已停用",
        "period": d.period_text, "summary": d.summary + (f"。{d.scope_note}" if d.limited else ""), "today": f"{d.today.year}年{d.today.month}月{d.today.day}日",
        "positions": [{"date": f"{c.changed_on:%Y-%m-%d}", "from": f"{c.from_unit_name}{c.from_position}",
                       "to": f"{c.to_unit_name}{c.to_position}", "rank": c.to_rank,
                       "promotion": bool_label(c.is_promotion)} for c in d.positions],
        "talks": [{"date": f"{t.talk_date:%Y-%m-%d}", "kind": t.kind_label, "reason": t.reason_label,
                   "talkers": t.talker_names, "follow_up": t.follow_up} for t in d.talks],
        "ceremonies": [{"date": f"{c.event_date:%Y-%m-%d}", "kind": c.kind_label,
                        "place_scale": " ".join(x for x in (c.place, c.scale_text) if x), "reported": f"{c.reported_on:%Y-%m-%d}", "timing": c.timing_text,
                        "concerns": c.concerns_text or "无",
                        "talk": f"{c.talk_date:%Y-%m-%d}" if c.talk_date else "无"} for c in d.ceremonies],
        "ledger": [{"date": f"{e.decided_on:%Y-%m-%d}", "problem": e.cleared_text if e.cleared else e.problem,
                    "clue": "·".join(x for x in (e.clue_source_label, e.handling_label) if x),
                    "methods": e.methods_text + ("（需转出）" if e.needs_transfer else ""),
                    "organ": e.decision_organ,
                    "impact": f"{e.impact_end:%Y-%m-%d}" if e.impact_end else "无"} for e in d.ledger],
        "sanctions": [{"date": f"{x.decided_on:%Y-%m-%d}", "kind": x.kind_label, "organ": x.decision_organ,
                       "facts": x.facts, "impact": f"{x.impact_end:%Y-%m-%d}" if x.impact_end else "无",
                       "state": "影响期内" if x.in_effect(d.today) else ("已满" if x.impact_end else "")}
                      for x in d.sanctions],
        "clues": [{"date": f"{c.received_on:%Y-%m-%d}", "source": c.source_label, "way": c.way_label,
                   "state": c.status_text, "text": person_clue_text(c)} for c in d.clues],
        "findings": [{"date": f"{f.found_on:%Y-%m-%d}", "code": f.code, "description": f.description,
                      "deadline": f"{f.deadline:%Y-%m-%d}" if f.deadline else "", "status": f.status_label
                      + ("（已逾期）" if f.overdue else "")} for f in d.findings],
        "duty": [{"date": f"{i.day:%Y-%m-%d}", "kind": i.kind, "text": i.summary}
                 for i in d.items() if i.section == "duty"],
        "education": [{"date": f"{e.held_on:%Y-%m-%d}", "form": e.form_label, "theme": e.theme,
                       "organiser": e.organiser_name} for e in d.education],
    }


def export_dossier(session: Session, actor: Actor, person_id: int, out: Path | str, *, bureau: str,
                   today: dt.date, start: dt.date | None = None, end: dt.date | None = None) -> Dossier:
    """Writes the person's 廉政档案 (.docx) and records the export in the audit trail (in the
    caller's writing session). Returns what was written."""
    out = docx_path(out)
    dossier = person_dossier(session, actor, person_id, start=start, end=end, today=today)
    render_docx(TEMPLATE, dossier_context(dossier, bureau), out)
    audit.exported(session, actor, "people", out.name, len(dossier.items()),
                   scope=f"廉政档案 {dossier.person.display}，{dossier.period_text}")
    return dossier

