"""一票否决, proposed: a unit's year holds a serious case when someone in the unit received a
third- or fourth-form measure that year (the reference's 考核 rule; the seed's “对年内发生严重违纪
违法案件的直属单位，实行一票否决”). Only the 处分与组织处理 register counts (its records' unit at the
decision, the units below included; which form a measure counts in is dictionary data): a
finding, however many, never proposes a veto. The form offers the proposal to adopt, linking
the sanction (`veto_sanction_id`)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from app.auth import Actor
from app.registers.assessments.types import VetoCase
from app.registers.sanctions.query import sanction_rows, search_sanction_ids
from app.registers.sanctions.types import SanctionFilter

SERIOUS_FORMS = (3, 4)


def serious_cases(session: Session, actor: Actor, unit_id: int, year: int) -> list[VetoCase]:
    """The third- and fourth-form measures of people of the unit (and the units below it)
    decided in `year` that the actor sees, oldest first — what a veto is proposed from."""
    ids = [sid for form in SERIOUS_FORMS for sid in search_sanction_ids(
        session, actor, SanctionFilter(year=year, unit_id=unit_id, form=form), "decided_on", False)]
    rows = sorted(sanction_rows(session, ids), key=lambda r: (r.decided_on, r.id))
    return [VetoCase(r.id, r.person_name, r.measure, r.form or 3, r.decided_on) for r in rows]


def veto_proposal(session: Session, actor: Actor, unit_id: int, year: int) -> VetoCase | None:
    """The case a veto is proposed from (the first of the year), or None."""
    cases = serious_cases(session, actor, unit_id, year)
    return cases[0] if cases else None
