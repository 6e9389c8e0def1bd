"""搜索全部 (Ctrl+K): `search_everything` over every register for 2- and 4-character queries,
against raw sqlite3 running a substring LIKE over the same columns of the same tables, with the
same joins, order and limit per register (target ratio ≤ 3).

Queries: a two-character name and a two-character word found in many records (the LIMIT stops
early), a four-character phrase of the records' text, and a four-character word found nowhere
(every register scanned to the end: the slowest case)."""
from __future__ import annotations

import sqlite3

from bench.common import Result, interleaved
from bench.context import BenchContext

PER_GROUP = 8
PAGES = {"people", "risks", "inspections", "talks", "ledger"}
QUERIES = (("2 字·姓名", "王芳"), ("2 字·常见词", "公务"), ("4 字·正文短语", "公务接待"),
           ("4 字·无匹配", "无此词语"))

# One statement per register, as app/search.py's providers ask (limit = per group + 1).
RAW = (
    """SELECT p.*, u.name FROM people p JOIN units u ON p.unit_id = u.id
       WHERE p.name LIKE :p OR p.pinyin LIKE :p OR p.position LIKE :p OR p.staff_no LIKE :p
       ORDER BY p.active DESC, p.pinyin LIMIT :n""",
    "SELECT * FROM units WHERE name LIKE :p LIMIT :n",
    """SELECT rp.*, u.name, ra.id, ra.year, ra.description FROM risk_points rp
       JOIN units u ON rp.unit_id = u.id JOIN risk_assessments ra ON ra.risk_point_id = rp.id
       WHERE rp.name LIKE :p OR rp.post LIKE :p OR rp.duty_item LIKE :p OR rp.code LIKE :p
          OR ra.description LIKE :p
       ORDER BY rp.code, ra.year DESC LIMIT :n * 3""",
    """SELECT * FROM inspections WHERE title LIKE :p OR summary LIKE :p OR inspectors LIKE :p
       ORDER BY inspected_on DESC LIMIT :n""",
    """SELECT f.*, u.name FROM findings f JOIN units u ON f.unit_id = u.id
       WHERE f.description LIKE :p OR f.measures LIKE :p OR f.requirement LIKE :p OR f.code LIKE :p
          OR f.resp_person_name LIKE :p OR f.resp_leader LIKE :p
       ORDER BY f.found_on DESC LIMIT :n""",
    """SELECT * FROM talks t
       WHERE t.content LIKE :p OR t.response LIKE :p OR t.follow_up LIKE :p OR t.place LIKE :p
          OR t.id IN (SELECT talk_id FROM talk_participants WHERE name LIKE :p)
       ORDER BY t.talk_date DESC LIMIT :n""",
    """SELECT * FROM ledger_entries WHERE person_name LIKE :p OR problem LIKE :p OR notes LIKE :p
          OR unit_name LIKE :p
       ORDER BY decided_on DESC LIMIT :n""",
)
TALKEES = "SELECT talk_id, name, role FROM talk_participants WHERE talk_id IN ({marks}) ORDER BY seq"


def _raw(conn: sqlite3.Connection, text: str) -> int:
    params = {"p": f"%{text}%", "n": PER_GROUP + 1}
    found = 0
    for sql in RAW:
        rows = conn.execute(sql, params).fetchall()
        found += min(len(rows), PER_GROUP)
        if sql is RAW[5] and rows:
            conn.execute(TALKEES.format(marks=",".join("?" * len(rows))), [r[0] for r in rows]).fetchall()
    return found


def search_latency(ctx: BenchContext) -> list[Result]:
    from app.search import search_everything

    conn = sqlite3.connect(ctx.db_file)
    talks = conn.execute("SELECT count(*) FROM talks").fetchone()[0]
    people = conn.execute("SELECT count(*) FROM people").fetchone()[0]
    results = []
    try:
        for label, text in QUERIES:
            def ours(text: str = text) -> int:
                with ctx.ws.reading() as session:
                    return search_everything(session, ctx.actor, text, PER_GROUP, PAGES).count

            def raw(text: str = text) -> int:
                return _raw(conn, text)

            count = ours()
            ours_s, raw_s = interleaved(ours, raw, repeat=5)
            results.append(Result(f"搜索全部“{text}”（{label}）", ours_s, raw_s, 3.0,
                                  note=f"{count} 条结果；谈话 {talks} 条、人员 {people} 人"))
    finally:
        conn.close()
    return results


MEASUREMENTS = [search_latency]
