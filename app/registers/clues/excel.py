"""问题线索 in Excel. The reporter (举报人) is never exported, and a column of it in an imported
sheet is not read (the report lists it among the ignored columns): it is entered in the program
by an administrator or the clue's handler.

A row names its people (被反映人, several separated by 、) and their unit; a row matches the clue
with the same 受理日期, first person and problem, so a re-import updates instead of duplicating.
The status is worked out from the row (a way chosen: 处置中; a 办结日期: 办结) and exported only.
A 承办人 who is a user of the program is linked (and may see the reporter); another name is kept
as written."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.common import clean
from app.dictionaries import normalize
from app.excel.adapter import Register
from app.excel.columns import Column, Pending, RowInput, RowOutcome, RowRejected, changed
from app.registers.clues.query import clue_rows, search_clue_ids
from app.registers.clues.types import ClueDraft, ClueFilter, ClueRow
from app.registers.clues.write import save_clue
from app.registers.ledger.rules import clean_problem
from app.vocab import CLUE_OUTCOMES
from db.models import User

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.excel.context import ApplyContext, PlanContext
    from app.excel.plan import PlannedRow

CHUNK = 1000
OUTCOMES_WRITTEN = {**{label: code for code, label in CLUE_OUTCOMES.items()},
                    "了结": "cleared", "第一种形态": "first_form", "运用第一种形态": "first_form", "处分": "sanction",
                    "给予处分": "sanction", "纪律处分": "sanction", "组织处理": "sanction", "移送司法": "transfer",
                    "移送监察机关": "transfer", "移送有关部门": "transfer"}
_FIELDS = ("source", "way", "letter_sent_on", "reply_due", "replied_on", "verify_start", "verify_end", "closed_on",
           "outcome", "result", "notes", "handler")
_DEFAULTS: dict[str, object] = {k: None for k in _FIELDS} | {
    "source": "", "way": "", "outcome": "", "result": "", "notes": "", "handler": ""}


class CluesRegister(Register):
    key = "clues"
    title = "问题线索登记表"
    yearly = True
    columns = (
        Column("seq", "序号", kind="int", width=5, export_only=True),
        Column("received_on", "受理日期", ("受理时间", "收件日期", "登记日期", "来信日期", "收到日期"), kind="date",
               required=True, width=11),
        Column("source", "线索来源", ("问题线索来源", "来源", "来源渠道", "线索来源渠道"), kind="dict",
               domain="clue_source", width=9),
        Column("names", "被反映人", ("被反映人姓名", "反映对象", "被举报人", "姓名"), multi=True, required=True,
               width=12, names="person"),
        Column("unit", "单位", ("被反映人单位", "所在单位", "工作单位", "所涉单位"), width=14, names="unit"),
        Column("problem", "反映的主要问题", ("主要问题", "反映问题", "反映内容", "简要内容", "问题线索"),
               required=True, width=30),
        Column("handler", "承办人", ("承办人员", "经办人"), width=8),
        Column("way", "处置方式", ("线索处置方式", "办理方式", "处置类型"), kind="dict", domain="clue_way", width=10),
        Column("letter_sent_on", "发函日期", ("函询日期", "发函时间"), kind="date", width=11),
        Column("reply_due", "回复期限", ("回复时限",), kind="date", width=11),
        Column("replied_on", "回复日期", ("回函日期", "回复时间"), kind="date", width=11),
        Column("verify_start", "初核开始日期", ("初核开始", "初步核实开始日期"), kind="date", width=11),
        Column("verify_end", "初核结束日期", ("初核结束", "初步核实结束日期"), kind="date", width=11),
        Column("status", "办理状态", (), width=9, export_only=True),
        Column("closed_on", "办结日期", ("办结时间",), kind="date", width=11),
        Column("outcome", "办结去向", ("处置结果", "办理结果", "去向"), kind="choice", choices=OUTCOMES_WRITTEN,
               width=12),
        Column("result", "办结情况", ("办理情况", "核查结论", "核查情况"), width=24),
        Column("notes", "备注", ("说明",), width=14),
    )

    # ---- import ----------------------------------------------------------------------------

    def prepare(self, ctx: PlanContext, rows: Sequence[RowInput]) -> None:
        found: dict[tuple, ClueRow] = {}
        ids = search_clue_ids(ctx.session, ctx.actor, ClueFilter())
        for start in range(0, len(ids), CHUNK):
            for c in clue_rows(ctx.session, ctx.actor, ids[start:start + CHUNK]):
                found[(c.received_on, c.person_ids[0] if c.people else None, clean_problem(c.problem))] = c
        ctx.state["clues"] = found

    def plan_row(self, ctx: PlanContext, row: RowInput) -> RowOutcome:
        unit_name = clean(str(row.get("unit", "")))
        unit = ctx.unit_ref(unit_name, "单位") if unit_name else None
        people = [ctx.person_ref(str(name), unit, unit_name, "被反映人") for name in row.get("names", ())]
        if not people:
            raise RowRejected("“被反映人”不能为空。")
        day, problem = row.get("received_on"), clean(str(row.get("problem", "")))
        first = people[0]
        found = None if isinstance(first, Pending) else ctx.state["clues"].get((day, first, clean_problem(problem)))
        before = _values_of(found) if found else dict(_DEFAULTS)
        after = dict(before)
        for key in _FIELDS:
            if key in row.present:
                value = row.values.get(key)
                after[key] = _DEFAULTS[key] if value is None else value
        names = "、".join(str(n) for n in row.get("names", ()))
        summary = f"{day:%Y-%m-%d} {names}" + (f"（{unit_name}）" if unit_name else "")
        values = {"people": tuple(people), "unit": unit, "received_on": day, "problem": problem, **after}
        if found is None:
            return RowOutcome("add", values, summary, match_key=(day, _key(first), clean_problem(problem)))
        action = "unchanged" if after == before and found.problem == problem else "update"
        return RowOutcome(action, values, summary, found.id, found.version, changed(self.columns, before, after))

    def apply_row(self, ctx: ApplyContext, row: PlannedRow) -> int:
        v = ctx.values(row)
        handler = str(v["handler"] or "")
        handler_id = _user_id(ctx, handler)
        fields = dict(source=v["source"] or "", way=v["way"] or "", letter_sent_on=v["letter_sent_on"],
                      reply_due=v["reply_due"], replied_on=v["replied_on"], verify_start=v["verify_start"],
                      verify_end=v["verify_end"], closed_on=v["closed_on"], outcome=v["outcome"] or "",
                      result=str(v["result"] or ""), notes=str(v["notes"] or ""), handler_id=handler_id,
                      handler_name="" if handler_id else handler)
        if row.target_id is not None:
            current = clue_rows(ctx.session, ctx.actor, [row.target_id])[0]
            draft = current.draft(received_on=v["received_on"], problem=v["problem"],
                                  person_ids=tuple(v["people"]), **fields)
        else:
            draft = ClueDraft(received_on=v["received_on"], problem=v["problem"], person_ids=tuple(v["people"]),
                              unit_id=v["unit"], **fields)
        return save_clue(ctx.session, ctx.actor, draft, ctx.today)

    # ---- export ----------------------------------------------------------------------------

    def export_rows(self, session: Session, actor: Actor, *, year: int | None,
                    unit_id: int | None) -> Iterator[list[object]]:
        ids = search_clue_ids(session, actor, ClueFilter(year=year, unit_id=unit_id), "received_on", False)
        number = 0
        for start in range(0, len(ids), CHUNK):
            for c in clue_rows(session, actor, ids[start:start + CHUNK]):
                number += 1  # never the reporter, whoever exports
                yield [number, c.received_on, c.source_label, c.names, c.unit_name, c.problem, c.handler_name,
                       c.way_label, c.letter_sent_on, c.reply_due, c.replied_on, c.verify_start, c.verify_end,
                       c.status_text, c.closed_on, c.outcome_label, c.result, c.notes]


def _values_of(c: ClueRow) -> dict[str, object]:
    return {"source": c.source, "way": c.way, "letter_sent_on": c.letter_sent_on, "reply_due": c.reply_due,
            "replied_on": c.replied_on, "verify_start": c.verify_start, "verify_end": c.verify_end,
            "closed_on": c.closed_on, "outcome": c.outcome, "result": c.result, "notes": c.notes,
            "handler": c.handler_name}


def _user_id(ctx: ApplyContext, written: str) -> int | None:
    """The user a 承办人 names (display name or user name), else None."""
    if not written:
        return None
    key = normalize(written)
    return next((u.id for u in ctx.session.scalars(select(User).where(User.active).order_by(User.id))
                 if key in (normalize(u.display_name), normalize(u.username))), None)


def _key(person: int | Pending) -> object:
    return person.key if isinstance(person, Pending) else person
