"""Schema 0012 on a workspace of 0010 with data: 了结 methods move to the 线索处置, merged methods
keep their wording, 基本完成 findings go back to 整改中 — each with an audit row, the chain whole."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.audit import GENESIS, verify_chain
from db import migrate
from db.session import make_engine, sqlite_url

D = dt.date(2025, 3, 10)


def _insert(conn, table: str, **values: object) -> int:
    values.setdefault("version", 1)
    columns = ", ".join(values)
    marks = ", ".join(f":{k}" for k in values)
    return conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({marks}) RETURNING id"), values).scalar_one()


def _stamp(**values: object) -> dict:
    now = dt.datetime(2025, 3, 10, 9)
    return {"created_at": now, "updated_at": now, **values}


def _entry(conn, name: str, methods: list[str], handling: str = "", person_id: int | None = None) -> int:
    entry_id = _insert(conn, "ledger_entries", **_stamp(
        person_id=person_id, person_name=name, unit_name="办公室", position="", rank="", political_status="cpc", is_leader=False,
        key_post="", clue_source="petition", handling=handling, problem="反映其问题", decision_organ="局机关纪委",
        decided_on=D, handler="", impact_end=dt.date(2025, 9, 10), revisit_planned=dt.date(2025, 9, 10),
        revisit_result="", notes=""))
    for seq, method in enumerate(methods):
        conn.execute(text("INSERT INTO ledger_methods (entry_id, seq, method) VALUES (:e, :s, :m)"),
                     {"e": entry_id, "s": seq, "m": method})
    return entry_id


def _world_at_0010(url: str):
    engine = make_engine(url)
    migrate.upgrade(engine, "0010")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO audit_head (id, last_id, hash) VALUES (1, 0, :h) "
                          "ON CONFLICT (id) DO NOTHING"), {"h": GENESIS})
        unit = _insert(conn, "units", **_stamp(name="办公室", kind="office", sort_order=1, active=True, notes=""))
        ids = {
            "cleared": _entry(conn, "甲", ["inquiry_closed"], "inquiry"),
            "cleared_and_more": _entry(conn, "乙", ["criticism", "verify_closed"], "verify"),
            "worded": _entry(conn, "丙", ["remind_talk", "written_check"]),
            "both": _entry(conn, "丁", ["talk_remind", "remind_talk"]),
            "plain": _entry(conn, "戊", ["criticism"]),
            "admonished": _entry(conn, "己", ["admonish", "notice"], person_id=_insert(conn, "people", **_stamp(
                name="己", pinyin="j", unit_id=unit, position="科员", rank="", political_status="cpc",
                is_leader=False, key_post="", staff_no="", gender="", active=True, notes=""))),
        }
        finding = dict(source="inspection", found_on=D, unit_id=unit, description="问题", category="",
                       requirement="", measures="", resp_person_name="", resp_leader="", kind="",
                       accepted_by="李书记", revisit=False, notes="", code="")
        ids["mostly"] = _insert(conn, "findings", **_stamp(**finding, status="closed", result="mostly",
                                                            accepted_on=dt.date(2025, 5, 6), closed_on=dt.date(2025, 5, 8),
                                                            rectified_on=dt.date(2025, 5, 1)))
        ids["done"] = _insert(conn, "findings", **_stamp(**finding, status="closed", result="done",
                                                          accepted_on=dt.date(2025, 5, 6), closed_on=dt.date(2025, 5, 8)))
    return engine, ids


def _methods(conn, entry_id: int) -> list[tuple[str, str]]:
    return [tuple(r) for r in conn.execute(text(
        "SELECT method, wording FROM ledger_methods WHERE entry_id = :e ORDER BY seq"), {"e": entry_id})]


def _check(url: str) -> None:
    engine, ids = _world_at_0010(url)
    migrate.upgrade(engine)
    with engine.connect() as conn:
        row = conn.execute(text("SELECT handling, revisit_planned, impact_end, version FROM ledger_entries "
                                "WHERE id = :i"), {"i": ids["cleared"]}).one()
        assert (row.handling, row.revisit_planned, row.impact_end, row.version) == ("inquiry_closed", None, None, 2)
        assert _methods(conn, ids["cleared"]) == []
        row = conn.execute(text("SELECT handling, revisit_planned FROM ledger_entries WHERE id = :i"),
                           {"i": ids["cleared_and_more"]}).one()
        assert row.handling == "verify_closed" and row.revisit_planned is not None  # 批评教育 still wants a 回访
        assert _methods(conn, ids["cleared_and_more"]) == [("criticism", "")]
        assert _methods(conn, ids["worded"]) == [("talk_remind", "提醒谈话"), ("order_check", "责令作出书面检查")]
        assert _methods(conn, ids["both"]) == [("talk_remind", "")]
        codes = {(d, c) for d, c in conn.execute(text("SELECT domain, code FROM dict_items"))}
        assert ("disposal_method", "inquiry_closed") not in codes and ("clue_handling", "inquiry_closed") in codes
        assert ("disposal_method", "remind_talk") not in codes and ("disposal_method", "demote_post") in codes
        aliases = conn.execute(text("SELECT aliases FROM dict_items WHERE domain = 'disposal_method' "
                                    "AND code = 'talk_remind'")).scalar()
        assert "提醒谈话" in aliases.splitlines()
        f = conn.execute(text("SELECT status, result, closed_on FROM findings WHERE id = :i"), {"i": ids["mostly"]}).one()
        assert tuple(f) == ("in_progress", "mostly", None)
        assert conn.execute(text("SELECT status FROM findings WHERE id = :i"), {"i": ids["done"]}).scalar() == "closed"
        change = conn.execute(text("SELECT from_status, to_status, changed_on FROM finding_status_changes "
                                   "WHERE finding_id = :i"), {"i": ids["mostly"]}).one()
        assert (change.from_status, change.to_status, str(change.changed_on)) == ("closed", "in_progress", "2025-05-08")
        audited = {(e, int(i)) for e, i in conn.execute(text(
            "SELECT entity, entity_id FROM audit_log WHERE user_name = '系统升级' AND entity_id != ''"))}
        for key in ("cleared", "cleared_and_more", "worded", "both"):
            assert ("ledger_entries", ids[key]) in audited
        assert ("ledger_entries", ids["plain"]) not in audited
        assert ("findings", ids["mostly"]) in audited and ("findings", ids["done"]) not in audited
        made = conn.execute(text("SELECT id, kind, person_name, impact_end FROM sanctions WHERE ledger_entry_id = :e"),
                            {"e": ids["admonished"]}).one()
        assert (made.kind, made.person_name, str(made.impact_end)) == ("admonish", "己", "2025-09-10")
        assert ("sanctions", made.id) in audited
    with Session(engine) as session:
        report = verify_chain(session)
        assert report.ok, report.problem
        assert report.rows > 10
    engine.dispose()


def test_upgrade_moves_the_ledger_words_and_reopens_mostly_done_findings_on_sqlite(tmp_path):
    _check(sqlite_url(tmp_path / "old.sqlite3"))


def test_upgrade_moves_the_ledger_words_and_reopens_mostly_done_findings_on_postgresql(empty_pg_url):
    _check(empty_pg_url)


@pytest.mark.parametrize("revision", ["0010"])
def test_downgrade_to_0010_and_upgrade_again(tmp_path, revision):
    from alembic import command

    engine, _ids = _world_at_0010(sqlite_url(tmp_path / "again.sqlite3"))
    migrate.upgrade(engine)
    with engine.begin() as conn:
        command.downgrade(migrate._alembic_config(conn), revision)
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM dict_items WHERE domain = 'sanction_kind'")).scalar() == 21
    engine.dispose()
