"""The demo's 问题线索 and 处分与组织处理, built for an as-of date through the services and consistent
with the ledger and the talks."""
from __future__ import annotations

import datetime as dt

import pytest

from app import reminders as rem
from app.demo.build import DEMO_PASSWORD, build_demo
from app.registers.clues import query as cq
from app.registers.clues.types import ClueFilter
from app.registers.ledger import query as lq
from app.registers.ledger.types import ALL, TRANSFER, LedgerFilter
from app.registers.sanctions import query as sq
from app.registers.sanctions.types import SanctionFilter
from app.registers.talks.query import get_talk
from app.workspace.facade import Workspace

AS_OF = dt.date(2026, 11, 28)


@pytest.mark.slow
def test_demo_has_clues_in_every_state_and_sanctions_consistent_with_the_ledger_and_talks(tmp_path):
    build_demo(tmp_path / "demo", AS_OF)
    ws = Workspace.open(tmp_path / "demo", as_of=AS_OF)
    try:
        admin = ws.sign_in("admin", DEMO_PASSWORD)
        with ws.reading() as s:
            clues = cq.clue_rows(s, admin, cq.search_clue_ids(s, admin, ClueFilter()))
            sanctions = sq.sanction_rows(s, sq.search_sanction_ids(s, admin, SanctionFilter()))
            entries = {e.id: e for e in lq.entry_rows(s, lq.search_entry_ids(s, admin, LedgerFilter(view=ALL)))}
            waiting = lq.search_entry_ids(s, admin, LedgerFilter(view=TRANSFER))
            talks = {c.id: get_talk(s, c.talk_id) for c in clues if c.talk_id}
            kinds = {r.key.split(":")[0] for r in rem.reminders(s, admin, AS_OF, ws.settings)}
    finally:
        ws.close()
    states = {c.status_text.split("（")[0] for c in clues}
    assert states == {"受理", "处置中", "办结"} and any(c.shelved for c in clues)
    assert {c.outcome for c in clues if c.status == "closed"} == {"first_form", "sanction", "transfer", "cleared"}
    assert {"clue-reply", "clue-open"} <= kinds
    assert all(c.handler_name for c in clues) and any(c.reporter for c in clues)
    for c in clues:
        if c.ledger_entry_id is not None:
            entry = entries[c.ledger_entry_id]
            assert entry.person_id in c.person_ids and c.closed_on == entry.decided_on
            assert c.received_on < entry.decided_on
        if c.id in talks:  # a 函询 clue's talk: the person talked with, on the letter's day
            talk = talks[c.id]
            assert c.way == "inquiry" and talk.talk_date == c.letter_sent_on
            assert set(c.person_ids) <= {p.person_id for p in talk.talkees}
    assert len([c for c in clues if c.talk_id]) >= 5
    kinds_given = {r.kind for r in sanctions if not r.from_ledger}
    assert len(kinds_given) >= 5 and "admonish" not in kinds_given
    assert any(r.from_ledger for r in sanctions)  # the ledger's 诫勉 carry their 影响期
    assert sum(r.in_effect(AS_OF) for r in sanctions if not r.from_ledger) >= 3
    pairs = {(r.person_id, r.decided_on) for r in sanctions if r.family == "party"} & \
        {(r.person_id, r.decided_on) for r in sanctions if r.family == "government"}
    assert pairs  # one decision, a 党纪 and a 政务 measure: two records
    assert any(r.ledger_entry_id is not None and not r.from_ledger for r in sanctions)  # 已转出
    assert len(waiting) == 1  # the other stays 需转出
    assert all(r.political_status in ("cpc", "probationary") for r in sanctions if r.family == "party")
