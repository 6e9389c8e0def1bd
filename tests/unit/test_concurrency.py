"""Several clerks at once: a stale save is refused with what changed and nothing is overwritten;
concurrent writers keep one audit chain; a talk whose participants alone changed is stale too.

On PostgreSQL each clerk is a workspace of their own (another PC: its own connections); on
SQLite the clerks share the one workspace a process holds (two dialogs, a worker thread).
"""
from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import audit
from app.errors import StaleRecord
from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.talks import write as talk_svc
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from db.models import AuditEntry, AuditHead
from tests.conftest import TODAY, _actor


@pytest.fixture
def second_pc(workspace, workspace_location):  # noqa: ANN001, ANN201
    """Another clerk's workspace: a second PC on a server; the same process's on SQLite."""
    if workspace.is_sqlite:
        yield workspace
        return
    other = workspace_location.open(as_of=TODAY)
    yield other
    other.close()


def _bureau(ws, actor) -> tuple[int, int, int]:  # noqa: ANN001
    with ws.writing() as s:
        office = units_write.save_unit(s, actor, units_types.UnitDraft(name="办公室", kind="office"))
        finance = units_write.save_unit(s, actor, units_types.UnitDraft(name="财务科", kind="office"))
        pid = people_write.save_person(s, actor, people_types.PersonDraft(name="李四", unit_id=office, position="科员",
                                                        notes="原备注"))
    return office, finance, pid


def _draft(ws, pid: int) -> people_types.PersonDraft:  # noqa: ANN001
    with ws.reading() as s:
        p = people_query.get_person(s, pid)
    return people_types.PersonDraft(name=p.name, unit_id=p.unit_id, position=p.position, notes=p.notes,
                           id=p.id, version=p.version)


def _updates(ws, pid: int) -> int:  # noqa: ANN001
    with ws.reading() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "people", AuditEntry.entity_id == str(pid), AuditEntry.action == "update"))


def test_two_clerks_edit_one_record_the_second_is_refused_and_told_what_changed(workspace, second_pc,
                                                                                editor, admin):
    office, finance, pid = _bureau(workspace, admin)
    mine = _draft(workspace, pid)         # both open the form on version 1
    theirs = _draft(second_pc, pid)
    with second_pc.writing() as s:        # the other clerk saves first: a new position and unit
        people_write.save_person(s, _actor(second_pc, "admin"),
                        replace(theirs, position="副科长", unit_id=finance))
    with pytest.raises(StaleRecord) as refused, workspace.writing() as s:
        people_write.save_person(s, editor, replace(mine, notes="我改的备注"))
    assert refused.value.changes == {"单位": ("办公室", "财务科"), "职务": ("科员", "副科长")}
    message = refused.value.message
    assert "管理员甲" in message and "职务：科员 → 副科长" in message and "没有保存" in message
    with workspace.reading() as s:         # nothing of the refused save was written
        person = people_query.get_person(s, pid)
    assert (person.position, person.unit_id, person.notes, person.version) == ("副科长", finance, "原备注", 2)
    assert _updates(workspace, pid) == 1
    # Reopened on the record as it is now, the clerk's edit goes through and keeps the other's.
    with workspace.writing() as s:
        people_write.save_person(s, editor, replace(_draft(workspace, pid), notes="我改的备注"))
    with workspace.reading() as s:
        assert (people_query.get_person(s, pid).position, people_query.get_person(s, pid).notes) == ("副科长", "我改的备注")


def test_two_clerks_saving_at_the_same_moment_one_wins_one_is_refused(workspace, second_pc, admin):
    office, finance, pid = _bureau(workspace, admin)
    drafts = [_draft(workspace, pid), _draft(second_pc, pid)]
    start = threading.Barrier(2)
    outcome: dict[int, str] = {}

    def clerk(n: int) -> None:
        ws = (workspace, second_pc)[n]
        actor = _actor(ws, "admin")
        start.wait()
        try:
            with ws.writing() as s:
                people_write.save_person(s, actor, replace(drafts[n], position=f"职务{n}"))
            outcome[n] = "saved"
        except StaleRecord:
            outcome[n] = "stale"

    threads = [threading.Thread(target=clerk, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcome.values()) == ["saved", "stale"]
    winner = next(n for n, o in outcome.items() if o == "saved")
    with workspace.reading() as s:
        person = people_query.get_person(s, pid)
    assert (person.position, person.version) == (f"职务{winner}", 2) and _updates(workspace, pid) == 1


def test_concurrent_writers_keep_one_valid_chain(workspace, workspace_location, admin):
    office, _, _ = _bureau(workspace, admin)
    with workspace.reading() as s:
        rows_before = audit.verify_chain(s).rows
    writers, saves = 4, 12
    server = not workspace.is_sqlite
    pcs = [workspace_location.open(as_of=TODAY) if server else workspace for _ in range(writers)]
    start = threading.Barrier(writers)
    errors: list[BaseException] = []

    def clerk(n: int) -> None:
        ws = pcs[n]
        actor = _actor(ws, "admin")
        start.wait()
        try:
            for i in range(saves):
                with ws.writing() as s:
                    people_write.save_person(s, actor, people_types.PersonDraft(name=f"人员{n}-{i}", unit_id=office))
        except BaseException as exc:  # noqa: BLE001 — reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=clerk, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    if server:
        for ws in pcs:
            ws.close()
    assert errors == []
    with workspace.reading() as s:
        report = audit.verify_chain(s)
        ids = list(s.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))
    assert report.ok, report.problem
    assert report.rows == rows_before + writers * saves == len(ids) == ids[-1]


def test_the_chain_head_lock_alone_serializes_appends(workspace, admin):
    """Without the workspace write lock (plain sessions), FOR UPDATE on the chain head still
    makes concurrent appends wait for each other on a server: no fork, no duplicate id."""
    if workspace.is_sqlite:
        pytest.skip("SQLite has one writer at a time by construction")
    engine = workspace.sessions.engine
    start = threading.Barrier(6)
    errors: list[BaseException] = []

    def append(n: int) -> None:
        try:
            with Session(engine) as session, session.begin():
                held = session.get(AuditHead, 1)  # read earlier in the transaction, still held
                start.wait()
                for i in range(5):
                    audit.record(session, admin, "print", "people", summary=f"线程{n}-{i}")
                assert held.last_id == audit.current_head(session).last_id
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=append, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    with workspace.reading() as s:
        report = audit.verify_chain(s)
    assert report.ok, report.problem
    assert report.rows == report.head.last_id


def test_a_talk_whose_participants_alone_changed_is_stale(workspace, second_pc, admin):
    with workspace.writing() as s:
        office = units_write.save_unit(s, admin, units_types.UnitDraft(name="办公室", kind="office"))
        zhang = people_write.save_person(s, admin, people_types.PersonDraft(name="张三", unit_id=office))
        wang = people_write.save_person(s, admin, people_types.PersonDraft(name="王五", unit_id=office))
        talk_id = talk_svc.save_talk(s, admin, talk_svc.TalkDraft(
            talk_date=TODAY, kind="heart", content="谈心谈话内容",
            talkers=(talk_svc.ParticipantDraft(name="书记甲"),),
            talkees=(talk_svc.ParticipantDraft(person_id=zhang),)), TODAY)
    with workspace.reading() as s:
        opened = talk_svc.get_talk(s, talk_id)
    base = talk_svc.TalkDraft(talk_date=TODAY, kind="heart", content="谈心谈话内容",
                              talkers=(talk_svc.ParticipantDraft(name="书记甲"),),
                              talkees=(talk_svc.ParticipantDraft(person_id=zhang),),
                              id=talk_id, version=opened.version)
    with second_pc.writing() as s:  # another clerk adds 王五 as a talkee: only a child row changes
        talk_svc.save_talk(s, _actor(second_pc, "admin"), replace(
            base, talkees=(talk_svc.ParticipantDraft(person_id=zhang), talk_svc.ParticipantDraft(person_id=wang))),
            TODAY)
    with pytest.raises(StaleRecord) as refused, workspace.writing() as s:
        talk_svc.save_talk(s, admin, replace(base, content="改过的内容"), TODAY)
    assert refused.value.changes["参加人员"][1].endswith("被谈话人：王五（办公室）")
    with workspace.reading() as s:
        names = [p.name for p in talk_svc.get_talk(s, talk_id).talkees]
    assert names == ["张三", "王五"]
