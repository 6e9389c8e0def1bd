"""身边事: the records of our own a 以案释法 or 警示教育 may study — 处分 and 组织处理 decided, and
clues 办结 with a finding (not those cleared: a 了结 clue clears the person) — as the form offers
them, the actor's view of the last few years."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.auth import Actor
from app.registers.clues.query import clue_rows, search_clue_ids
from app.registers.clues.types import ClueFilter
from app.registers.sanctions.query import sanction_rows, search_sanction_ids
from app.registers.sanctions.types import SanctionFilter

SANCTION, CLUE = "sanction", "clue"
CLEARED = "cleared"


@dataclass(frozen=True)
class OwnCase:
    kind: str           # sanction · clue
    id: int
    label: str          # 处分：2025-09-08 市博物馆 冯一 政务撤职处分
    case_text: str      # what the 案例 field is filled with (no name: 市博物馆一名馆员…)


def own_cases(session: Session, actor: Actor, today: dt.date, years: int = 3) -> list[OwnCase]:
    """Sanctions decided and clues 办结 (not cleared) since `years` ago, newest first."""
    since = dt.date(today.year - years, 1, 1)
    found = []
    for r in sanction_rows(session, search_sanction_ids(session, actor, SanctionFilter(start=since, end=today))):
        found.append((r.decided_on, OwnCase(SANCTION, r.id, f"处分：{r.decided_on:%Y-%m-%d} {r.unit_name} {r.person_name} {r.measure}",
                                            f"{r.unit_name}一名{r.position or '工作人员'}受{r.measure}（{r.decided_on.year}年）")))
    closed = search_clue_ids(session, actor, ClueFilter(closed_start=since, closed_end=today, status="closed"))
    for c in clue_rows(session, actor, closed):
        if c.outcome == CLEARED:
            continue
        found.append((c.closed_on or c.received_on, OwnCase(
            CLUE, c.id, f"线索：{c.received_on:%Y-%m-%d} {c.unit_name} {c.status_text}",
            f"{c.unit_name}问题线索（{c.received_on.year}年受理，{c.status_text}）")))
    return [case for _, case in sorted(found, key=lambda x: x[0], reverse=True)]
