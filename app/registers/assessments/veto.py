"""一票否决, proposed: a unit's year holds a serious case when someone in the unit received a
third- or fourth-form measure that year (the reference's 考核 rule; the seed's “对年内发生严重违纪
违法案件的直属单位，实行一票否决”). Only the 处分与组织处理 register counts: a finding, however many,
never proposes a veto.

SEAM (issue 18): the 处分与组织处理 register (`app.registers.sanctions`) is being built beside this
one. Until it lands, `serious_cases` finds nothing; `tests/unit/test_assessments.py` skips its
veto-from-sanctions test saying so. Once merged, `serious_cases` reads it."""
from __future__ import annotations

from sqlalchemy.orm import Session

from app.auth import Actor
from app.registers.assessments.types import VetoCase

SERIOUS_FORMS = (3, 4)
SANCTIONS_REGISTER = False  # SEAM: True once app.registers.sanctions (issue 18) is merged


def serious_cases(session: Session, actor: Actor, unit_id: int, year: int) -> list[VetoCase]:
    """The third- and fourth-form measures of people of the unit (and the units below it)
    decided in `year`, oldest first — what a veto is proposed from."""
    return []


def veto_proposal(session: Session, actor: Actor, unit_id: int, year: int) -> VetoCase | None:
    """The case a veto is proposed from (the first of the year), or None."""
    cases = serious_cases(session, actor, unit_id, year)
    return cases[0] if cases else None
