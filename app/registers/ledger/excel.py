"""第一种形态工作台账 in Excel: the filing layout out, and ledgers as offices keep them in.

Out: 序号 · 姓名 · 单位及职务 · 职级 · 政治面貌 · 线索来源 · 线索处置 · 主要问题 · 处置方式 · 决定机关 ·
处理时间 · 承办人 · 回访情况 · 备注, the filed entries only (需转出 left out), titled
“<bureau>机关纪委<year>年运用监督执纪第一种形态工作台账”. Methods are written as they were filed
(提醒谈话 stays 提醒谈话, counted with 谈话提醒); a non-member's 政治面貌 reads “群众（非党员）”.

In: 单位及职务 in one cell is split against the known units (longest name first), else at a post
word, its unit matched as every unit column is (PlanContext.unit_and_post: 可能是, --map, the
tick creates it); methods joined in one cell and written as offices write them are mapped
through the dictionary's aliases (the whole cell first, then each part; a label that is an
item of its own stays that item) and keep the words as written; a 了结 written as a method
(谈话函询了结) is how the clue was handled and goes to the 线索处置; a row matches the entry with the
same person, date and problem (DESIGN), so a re-import updates instead of duplicating.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.common import clean, limited_text, required_text
from app.dictionaries import load_vocabulary, normalize
from app.excel.adapter import Register
from app.excel.columns import (
    Column,
    Pending,
    RowInput,
    RowOutcome,
    RowRejected,
    changed,
)
from app.excel.unit_position import unit_keys
from app.excel.values import CellError, parse_date, split_multi, text_of
from app.registers.ledger.query import entry_rows, search_entry_ids, stream_entries
from app.registers.ledger.rules import CLEARED_HANDLINGS, NO_METHOD, clean_problem, ledger_title, revisit_text
from app.registers.ledger.types import (
    ALL,
    FILED,
    LedgerDraft,
    LedgerFilter,
    PersonSnapshot,
)
from app.registers.ledger.write import save_entry
from app.registers.people.query import get_person, people_rows, search_people_ids
from app.registers.people.types import PersonDraft, PersonFilter, is_non_member
from app.registers.people.write import save_person
from db.models import Person, PositionChange

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.excel.context import ApplyContext, PlanContext
    from app.excel.plan import PlannedRow

CHUNK = 2000
# What offices put before a method (“给予诫勉”) and between two (“谈话提醒并责令检查”).
_VERBS = re.compile(r"^(?:给予|予以|对其|进行|作)")
_AND = re.compile(r"[并及和+＋/]")
_PLANNED = re.compile(r"^(?:拟|计划|预计)于?\s*(?P<date>[\d年月日./\-\s]+?)\s*(?:进行)?回访$")
_DONE = re.compile(r"^(?P<date>[\d年月日./\-]+)\s*(?:已|进行)?回访[，,：:；;。\s]*(?P<result>.*)$", re.S)
_METHOD = Column("methods", "处置方式", kind="dict", domain="disposal_method")
_POLITICAL = Column("political_status", "政治面貌", kind="dict", domain="political_status")
_NON_MEMBER_MARK = re.compile(r"[（(]\s*非党员\s*[)）]$")


class LedgerRegister(Register):
    key = "ledger"
    title = "第一种形态工作台账"
    yearly = True
    columns = (
        Column("seq", "序号", kind="int", width=5, export_only=True),
        Column("name", "姓名", ("被处置人", "被处置人姓名", "处置对象", "人员姓名", "当事人"), required=True, width=8,
               names="person"),
        Column("unit_position", "单位及职务", ("工作单位及职务", "单位职务", "所在单位及职务", "单位、职务",
                                              "单位和职务", "工作单位和职务"), required=True, width=20,
               names="unit_post"),
        Column("rank", "职级", ("级别", "现职级"), width=11),
        Column("political_status", "政治面貌", width=9),
        Column("clue_source", "线索来源", ("问题线索来源", "来源", "线索来源渠道"), kind="dict",
               domain="clue_source", width=9),
        Column("handling", "线索处置", ("线索处置方式", "问题线索处置", "线索处置情况", "问题线索处置方式", "处置途径"),
               kind="dict", domain="clue_handling", width=10),
        Column("problem", "主要问题", ("反映的主要问题", "问题", "情形", "简要案情", "存在问题", "主要问题情形"),
               required=True, width=30),
        Column("methods", "处置方式", ("处理方式", "处置结果", "处理结果", "处置措施", "采取措施"), width=16),
        Column("decision_organ", "决定机关", ("决定单位", "处置机关", "采取措施决定机关"), width=11),
        Column("decided_on", "处理时间", ("处置时间", "时间", "处理日期", "处置日期", "决定时间"), kind="date",
               required=True, width=11),
        Column("handler", "承办人", ("经办人", "承办人员"), width=8),
        Column("revisit", "回访情况", ("回访", "回访结果", "跟踪回访情况", "回访及整改情况"), width=22),
        Column("notes", "备注", ("说明",), width=14),
        # Not a column of the filed form: read when a sheet has it, never written on export.
        Column("category", "问题类别", ("问题类型", "问题性质"), kind="dict", domain="finding_category", width=12,
               import_only=True),
    )

    def export_title(self, bureau: str, year: int | None) -> str:
        return ledger_title(bureau, year)

    # ---- import ----------------------------------------------------------------------------

    def prepare(self, ctx: PlanContext, rows: Sequence[RowInput]) -> None:
        session, state = ctx.session, ctx.state
        entries = {}
        ids = search_entry_ids(session, ctx.actor, LedgerFilter(view=ALL))
        for start in range(0, len(ids), CHUNK):
            for entry in entry_rows(session, ids[start:start + CHUNK]):
                entries[(entry.person_id, entry.decided_on, clean_problem(entry.problem))] = entry
        state["entries"] = entries
        names = {normalize(u.name): (u.id, u.name) for u in ctx.units().values()}
        for entry in entries.values():  # a unit renamed since keeps its filed name
            if entry.unit_id is not None:
                names.setdefault(normalize(entry.unit_name), (entry.unit_id, entry.unit_name))
        state["unit_names"] = unit_keys(names.values())
        current: dict[tuple[str, int], list[int]] = {}
        ids = search_people_ids(session, ctx.actor, PersonFilter(include_inactive=True))
        for start in range(0, len(ids), CHUNK):
            for p in people_rows(session, ids[start:start + CHUNK]):
                current.setdefault((normalize(p.name), p.unit_id), []).append(p.id)
        state["people"] = current
        moved: dict[tuple[str, int], set[int]] = {}
        for name, person_id, from_unit in session.execute(
                select(Person.name, Person.id, PositionChange.from_unit_id)
                .join(PositionChange, PositionChange.person_id == Person.id)):
            moved.setdefault((normalize(name), from_unit), set()).add(person_id)
        state["moved"] = moved

    def plan_row(self, ctx: PlanContext, row: RowInput) -> RowOutcome:
        name = required_text(str(row.get("name", "")), "姓名", "name", 20)
        unit_id, unit_name, position = self._split(ctx, str(row.get("unit_position", "")))
        person = self._person(ctx, name, unit_id, unit_name)
        problem = required_text(str(row.get("problem", "")), "主要问题", "problem", 2000)
        decided_on = row.get("decided_on")
        methods, wordings, cleared = self._methods(ctx, row.get("methods", ""))
        found = None if isinstance(person, Pending) else \
            ctx.state["entries"].get((person, decided_on, clean_problem(problem)))
        before = _values_of(found) if found else _register_values(ctx, person)
        after = dict(before)
        after.update(unit_id=unit_id, unit_name=unit_name, methods=methods, wordings=wordings)
        if "handling" in row.present:
            after["handling"] = row.values.get("handling") or ""
        if cleared:
            after["handling"] = cleared
        if not methods and after["handling"] not in CLEARED_HANDLINGS:
            raise RowRejected(NO_METHOD)
        if position or unit_id != before["unit_id"]:  # a blank post keeps the entry's (register's)
            after["position"] = position
        if "political_status" in row.present and row.values.get("political_status"):
            written = _NON_MEMBER_MARK.sub("", str(row.values["political_status"])).strip()
            after["political_status"] = ctx.code(_POLITICAL, written) if written else before["political_status"]
        for key in ("rank", "clue_source", "decision_organ", "handler", "notes", "category"):
            if key in row.present:
                value = row.values.get(key)
                if value is None and key in ("rank", "political_status"):
                    continue  # a blank fact keeps the entry's (a new entry: the register's)
                after[key] = "" if value is None else value
        if "revisit" in row.present:
            after.update(_parse_revisit(text_of(row.values.get("revisit"))))
        if not methods:  # cleared by 了结: no 回访
            after.update(revisit_planned=None, revisit_done_on=None, revisit_result="")
        for key, label, limit in (("position", "职务", 100), ("rank", "职级", 50),
                                  ("decision_organ", "决定机关", 100), ("handler", "承办人", 50),
                                  ("notes", "备注", 2000)):
            after[key] = limited_text(str(after[key]), label, key, limit)
        labels = "、".join(wordings)
        labels = labels or ctx.vocab.label("clue_handling", str(after["handling"]))
        second = any(isinstance(m, str) and ctx.vocab.form(m) == 2 for m in methods)
        non_member = is_non_member(after["political_status"]) if isinstance(after["political_status"], str) else False
        summary = f"{name}（{unit_name}{after['position']}）{decided_on:%Y-%m-%d} {labels}" + \
            ("（含第二种形态处置方式，将列为“需转出”）" if second else "") + \
            ("（非党员，将标注“非党员”并单独统计）" if non_member else "")
        values = {"person": person, "name": name, "problem": problem, "decided_on": decided_on, **after}
        if found is None:
            return RowOutcome("add", values, summary, match_key=(_key(person), decided_on, clean_problem(problem)))
        values.update(keep=found)
        action = "unchanged" if after == before else "update"
        return RowOutcome(action, values, summary, found.id, found.version,
                          changed(self._shown_columns(), _shown(ctx, before), _shown(ctx, after)))

    def apply_row(self, ctx: ApplyContext, row: PlannedRow) -> int:
        v = ctx.values(row)
        person_id = v["person"]
        if isinstance(row.values["person"], Pending):
            _fill_new_person(ctx, person_id, v)
        kept = v.get("keep")
        snapshot = PersonSnapshot(v["unit_id"], v["unit_name"], v["position"], v["rank"],
                                  v["political_status"], v["is_leader"], v["key_post"])
        draft = LedgerDraft(
            person_id=person_id, problem=v["problem"], methods=tuple(v["methods"]),
            decided_on=v["decided_on"], snapshot=snapshot, clue_source=v["clue_source"],
            handling=v["handling"], decision_organ=v["decision_organ"], handler=v["handler"],
            revisit_planned=v["revisit_planned"], revisit_done_on=v["revisit_done_on"],
            revisit_result=v["revisit_result"], notes=v["notes"], wordings=tuple(v["wordings"]),
            confirm_second_form=True, confirm_non_member=True, id=row.target_id, version=row.target_version,
            category=v["category"])
        if kept is not None:  # what the file does not hold stays as it was
            draft = replace(draft, problem=kept.problem, letter_sent_on=kept.letter_sent_on,
                            reply_due=kept.reply_due, replied_on=kept.replied_on,
                            impact_end=kept.impact_end if kept.methods == draft.methods else None)
        return save_entry(ctx.session, ctx.actor, draft, ctx.today)

    # ---- export ----------------------------------------------------------------------------

    def export_rows(self, session: Session, actor: Actor, *, year: int | None,
                    unit_id: int | None) -> Iterator[list[object]]:
        """The filed ledger as filed, streamed from one Core statement (10,000 entries: the
        reading costs a fraction of openpyxl's writing, bench/excel.py)."""
        vocab = load_vocabulary(session)
        methods, entries = stream_entries(session, actor, LedgerFilter(view=FILED, year=year, unit_id=unit_id))
        # As LedgerRow files them: a method's wording, else its label; 群众（非党员）.
        labels = functools.cache(lambda pairs: tuple(w or vocab.label("disposal_method", m) for m, w in pairs))
        political = functools.cache(lambda code: vocab.label("political_status", code)
                                    + ("（非党员）" if is_non_member(code) else ""))
        source = functools.cache(lambda code: vocab.label("clue_source", code))
        handled = functools.cache(lambda code: vocab.label("clue_handling", code))
        number = 0
        for (entry_id, name, unit, position, rank, status, clue, handling, problem, organ, decided_on,
             handler, planned, revisited, result, notes) in entries:  # query.EXPORT_COLUMNS
            number += 1
            yield [number, name, unit + position, rank, political(status), source(clue), handled(handling),
                   problem, labels(methods.get(entry_id, ())), organ, decided_on, handler,
                   revisit_text(planned, revisited, result), notes]

    # ---- reading a row ---------------------------------------------------------------------

    def _split(self, ctx: PlanContext, text: str) -> tuple[int | Pending, str, str]:
        """单位及职务 → (unit, unit name, position), the units' filed names known too."""
        return ctx.unit_and_post(text, "单位及职务", ctx.state["unit_names"],  # type: ignore[arg-type]
                                 unit_header="单位及职务中的单位")

    def _person(self, ctx: PlanContext, name: str, unit_id: int | Pending, unit_name: str) -> int | Pending:
        key = normalize(name)
        if (key, unit_id) not in ctx.state["people"]:
            moved = ctx.state["moved"].get((key, unit_id), set())
            if len(moved) == 1:  # filed before the person moved: the same person
                return next(iter(moved))
        return ctx.person_ref(name, unit_id, unit_name)

    def _methods(self, ctx: PlanContext, cell: object) -> tuple[tuple[str | Pending, ...], tuple[str, ...], str]:
        """(methods, the words each was written with, a 了结 handling written among them or "")."""
        text = text_of(cell)
        whole = ctx.vocab.resolve("disposal_method", text)
        if whole is not None:
            return (whole,), (text,), ""
        found: dict[str | Pending, str] = {}
        cleared = ""
        for part in split_multi(text):
            handling = _cleared(ctx, part)
            if handling:
                cleared = cleared or handling
                continue
            for code, written in _method(ctx, part):
                found.setdefault(code, written)
        return tuple(found), tuple(found.values()), cleared

    def _shown_columns(self) -> tuple[Column, ...]:
        return tuple(Column(k, h) for k, h in (
            ("unit_name", "单位"), ("position", "职务"), ("rank", "职级"), ("political_status", "政治面貌"),
            ("clue_source", "线索来源"), ("handling", "线索处置"), ("methods", "处置方式"),
            ("decision_organ", "决定机关"),
            ("handler", "承办人"), ("revisit", "回访情况"), ("notes", "备注"), ("category", "问题类别")))


def _cleared(ctx: PlanContext, written: str) -> str:
    """A 了结 outcome written as a method (谈话函询了结): its clue_handling code, else ""."""
    for candidate in (written, _VERBS.sub("", written)):
        code = ctx.vocab.resolve("clue_handling", candidate)
        if code in CLEARED_HANDLINGS:
            return code
    return ""


def _method(ctx: PlanContext, written: str) -> list[tuple[str | Pending, str]]:
    """One part of a 处置方式 cell, with the words it was written in: a label or alias, the same
    after “给予”-like verbs, or several joined by 并/及/和; otherwise the value as written becomes
    a proposal."""
    resolve = ctx.vocab.resolve
    for candidate in (written, _VERBS.sub("", written)):
        code = resolve("disposal_method", candidate)
        if code is not None:
            return [(code, candidate)]
    parts = [_VERBS.sub("", p).strip() for p in _AND.split(written) if p.strip()]
    codes = [resolve("disposal_method", p) for p in parts]
    if len(parts) > 1 and all(codes):
        return list(zip(codes, parts, strict=True))  # type: ignore[arg-type]
    return [(ctx.code(_METHOD, written), written)]


def _parse_revisit(text: str) -> dict[str, object]:
    """回访情况 as the export writes it (“拟于2026-05-10回访”, “2026-05-10已回访：…”), else a result
    as written (a result recorded counts as 回访 done)."""
    text = clean(text)
    if not text:
        return {"revisit_done_on": None, "revisit_result": ""}
    planned = _PLANNED.match(text)
    if planned:
        try:
            return {"revisit_planned": parse_date(planned.group("date").strip(), "回访情况"),
                    "revisit_done_on": None, "revisit_result": ""}
        except CellError:
            pass
    done = _DONE.match(text)
    if done:
        try:
            day = parse_date(done.group("date"), "回访情况")
        except CellError:
            day = None
        if day is not None:
            return {"revisit_done_on": day, "revisit_result": done.group("result").strip() or text}
    return {"revisit_done_on": None, "revisit_result": text}


def _register_values(ctx: PlanContext, person: int | Pending) -> dict[str, object]:
    """A new entry starts from the register's facts (the snapshot at entry time)."""
    values: dict[str, object] = {
        "unit_id": None, "position": "", "rank": "", "political_status": "", "is_leader": False,
        "key_post": "", "clue_source": "", "handling": "", "wordings": (), "decision_organ": "", "handler": "",
        "revisit_planned": None, "revisit_done_on": None, "revisit_result": "", "notes": "", "category": ""}
    if not isinstance(person, Pending):
        p = get_person(ctx.session, person)
        values.update(unit_id=p.unit_id, position=p.position, rank=p.rank,
                      political_status=p.political_status, is_leader=p.is_leader, key_post=p.key_post)
    return values


def _values_of(entry) -> dict[str, object]:  # noqa: ANN001 — a LedgerRow
    return {"unit_id": entry.unit_id, "unit_name": entry.unit_name, "position": entry.position,
            "rank": entry.rank, "political_status": entry.political_status, "is_leader": entry.is_leader,
            "key_post": entry.key_post, "clue_source": entry.clue_source, "handling": entry.handling,
            "methods": entry.methods, "wordings": entry.method_labels,
            "decision_organ": entry.decision_organ, "handler": entry.handler,
            "revisit_planned": entry.revisit_planned, "revisit_done_on": entry.revisit_done_on,
            "revisit_result": entry.revisit_result, "notes": entry.notes, "category": entry.category}


def _key(person: int | Pending) -> object:
    return person.key if isinstance(person, Pending) else person


def _shown(ctx: PlanContext, values: dict[str, object]) -> dict[str, object]:
    """Values as the preview shows them: labels, 回访情况 as filed."""
    shown = dict(values)
    for key, domain in (("political_status", "political_status"), ("clue_source", "clue_source"),
                        ("handling", "clue_handling"), ("category", "finding_category")):
        if isinstance(values[key], str):
            shown[key] = ctx.vocab.label(domain, values[key])
    shown["methods"] = tuple(values["wordings"]) or tuple(
        ctx.vocab.label("disposal_method", m) if isinstance(m, str) else str(m) for m in values["methods"])
    shown["revisit"] = revisit_text(values["revisit_planned"], values["revisit_done_on"],
                                    str(values["revisit_result"]))
    return shown


def _fill_new_person(ctx: ApplyContext, person_id: int, v: dict[str, object]) -> None:
    """A person the import created (name and unit only) gets the row's post, rank and status."""
    p = get_person(ctx.session, person_id)
    if p.position or p.rank or p.political_status:
        return
    save_person(ctx.session, ctx.actor, PersonDraft(
        name=p.name, unit_id=p.unit_id, position=str(v["position"]), rank=str(v["rank"]),
        political_status=str(v["political_status"]), id=p.id, version=p.version))
