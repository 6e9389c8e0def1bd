"""Record seals (issue 17): what they cost a save and `check`.

- a save of one talk (its content edited, participants as they were) with its seal computed and
  carried by its audit row, against the same save with the seal left out (`seal_text` returning
  "") — both in a unit of work rolled back, so the demo is left as it was;
- `check` (integrity, chain, every record's seal, every attachment) against the chain walk alone
  (`verify_chain`), which is what `check` did before seals."""
from __future__ import annotations

import time

from bench.common import Result, interleaved
from bench.context import AS_OF, BenchContext


def _edit_talk(ctx: BenchContext, talk_id: int) -> float:
    from app.registers.talks import query, write
    from app.registers.talks.types import ParticipantDraft, TalkDraft

    session = ctx.ws.sessions.write()
    try:
        session.begin()
        row = query.get_talk(session, talk_id)

        def person(p) -> ParticipantDraft:  # noqa: ANN001
            return ParticipantDraft(p.name, p.person_id)

        draft = TalkDraft(kind=row.kind, talk_date=row.talk_date, start_time=row.start_time, place=row.place,
                          reason=row.reason, content=row.content + "（补充）", response=row.response,
                          follow_up=row.follow_up, signed=row.signed,
                          talkees=tuple(person(p) for p in row.talkees),
                          talkers=tuple(person(p) for p in row.talkers),
                          recorders=tuple(person(p) for p in row.recorders), id=row.id, version=row.version)
        start = time.perf_counter()
        write.save_talk(session, ctx.actor, draft, AS_OF)
        session.flush()
        return time.perf_counter() - start
    finally:
        session.rollback()
        session.close()


def seal_costs(ctx: BenchContext) -> list[Result]:
    import app.audit as audit_module
    from app.audit import verify_chain
    from app.registers.talks.query import search_talk_ids
    from app.registers.talks.types import TalkFilter
    from app.workspace.checks import check_workspace

    with ctx.ws.reading() as session:
        talk_id = search_talk_ids(session, ctx.actor, TalkFilter(), limit=1)[0]
    sealed = audit_module.seal_text

    def with_seal() -> float:
        return _edit_talk(ctx, talk_id)

    def without_seal() -> float:
        audit_module.seal_text = lambda *_a, **_k: ""
        try:
            return _edit_talk(ctx, talk_id)
        finally:
            audit_module.seal_text = sealed

    save_ours, save_base = interleaved(with_seal, without_seal, repeat=21)

    def full_check() -> None:
        assert check_workspace(ctx.ws).ok

    def chain_only() -> None:
        with ctx.ws.reading() as session:
            assert verify_chain(session).ok

    check_ours, check_base = interleaved(full_check, chain_only, repeat=5)
    with ctx.ws.reading() as session:
        from sqlalchemy import func, select

        from db.models import AuditEntry

        rows = session.scalar(select(func.count()).select_from(AuditEntry))
        sealed_bytes = session.scalar(select(func.sum(func.length(AuditEntry.seal))))
    return [
        Result("保存一条谈话记录（含封存）", save_ours, save_base, 1.5, note="基线：同一保存，不计算封存"),
        Result("check（链、记录封存、附件）", check_ours, check_base, 4.0,
               note=f"基线：只校验操作日志链；{rows} 条日志，封存共 {sealed_bytes / 1_048_576:.1f} MB"),
    ]


MEASUREMENTS = [seal_costs]
