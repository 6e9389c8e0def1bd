"""Search everything (app/search.py): 2 and 4 characters against raw sqlite3 LIKE over the same
columns, with the same order and limit per register (target ratio ≤ 3)."""
from __future__ import annotations

import sqlite3

from bench.common import Result, interleaved
from bench.context import BenchContext

PER_GROUP = 8
TEXTS = ("报销", "公务接待")  # 2 and 4 characters, both in several registers

# One statement per register, in app.search.PROVIDERS order; :p is %text%, :n the group limit.
RAW = [
    """SELECT p.id, p.name, p.unit_id, p.position, p.pinyin, p.active, u.name FROM people p
       JOIN units u ON p.unit_id = u.id
       WHERE p.name LIKE :p OR p.pinyin LIKE :p OR p.position LIKE :p OR p.staff_no LIKE :p
       ORDER BY p.active DESC, p.pinyin LIMIT :n""",
    "SELECT id, name, active FROM units WHERE name LIKE :p LIMIT :n",
    """SELECT rp.id, rp.name, rp.post, rp.duty_item, rp.code, rp.unit_id, u.name, la.description
       FROM risk_points rp JOIN units u ON rp.unit_id = u.id
       LEFT JOIN (SELECT risk_point_id, description FROM risk_assessments ORDER BY year DESC) la
         ON la.risk_point_id = rp.id
       WHERE rp.name LIKE :p OR rp.post LIKE :p OR rp.duty_item LIKE :p OR rp.code LIKE :p
          OR la.description LIKE :p
       ORDER BY rp.code LIMIT :n * 3""",
    """SELECT id, title, inspected_on, summary, inspectors FROM inspections
       WHERE title LIKE :p OR summary LIKE :p OR inspectors LIKE :p
       ORDER BY inspected_on DESC LIMIT :n""",
    """SELECT f.id, f.description, f.measures, f.requirement, f.resp_person_name, f.found_on, u.name
       FROM findings f JOIN units u ON f.unit_id = u.id
       WHERE f.description LIKE :p OR f.measures LIKE :p OR f.requirement LIKE :p OR f.code LIKE :p
          OR f.resp_person_name LIKE :p OR f.resp_leader LIKE :p
       ORDER BY f.found_on DESC LIMIT :n""",
    """SELECT t.id, t.talk_date, t.content, t.response, t.follow_up, t.place,
         (SELECT group_concat(q.name, '、') FROM talk_participants q
           WHERE q.talk_id = t.id AND q.role = 'talkee')
       FROM talks t
       WHERE t.content LIKE :p OR t.response LIKE :p OR t.follow_up LIKE :p OR t.place LIKE :p
          OR t.id IN (SELECT talk_id FROM talk_participants WHERE name LIKE :p)
       ORDER BY t.talk_date DESC LIMIT :n""",
    """SELECT id, person_name, unit_name, decided_on, problem, notes FROM ledger_entries
       WHERE person_name LIKE :p OR problem LIKE :p OR notes LIKE :p OR unit_name LIKE :p
       ORDER BY decided_on DESC LIMIT :n""",
    """SELECT id, person_name, event_date, place, notes FROM ceremony_reports
       WHERE person_name LIKE :p OR place LIKE :p OR notes LIKE :p
       ORDER BY event_date DESC LIMIT :n""",
]


def search(ctx: BenchContext) -> list[Result]:
    from app.search import search_everything

    results = []
    for text in TEXTS:
        def ours(text: str = text) -> object:
            with ctx.ws.reading() as session:
                return search_everything(session, ctx.actor, text, per_group=PER_GROUP)

        def raw(text: str = text) -> None:
            conn = sqlite3.connect(ctx.db_file)
            for sql in RAW:
                conn.execute(sql, {"p": f"%{text}%", "n": PER_GROUP + 1}).fetchall()
            conn.close()

        found = ours()
        mine, base = interleaved(ours, raw)
        results.append(Result(f"全局搜索“{text}”（{len(text)} 个字）", mine, base, 3.0,
                              note=f"{found.count} 条命中，{len(found.groups)} 类"))
    return results


MEASUREMENTS = [search]
