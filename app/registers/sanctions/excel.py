"""处分与组织处理 in Excel: registers as offices keep them in, the register out.

In: the header variants offices write (姓名 / 被处分人; 工作单位及职务; 处分种类 / 处分（处理）种类 /
处理方式; 决定机关; 决定时间 / 处分时间 / 处分日期; 主要违纪违法事实 …). A cell naming two measures
(“党内警告、政务记过”, “给予党内警告处分，同时给予政务记过处分”) makes two records; a bare 记过 /
记大过 / 降级 / 撤职 is the 政务 measure (the dictionary's aliases); a bare 警告 names no system and
is rejected, and so is a 党纪 measure for a person who is not a Party member, and 诫勉 (a
first-form entry: the ledger). 工作单位及职务 is split against the known units; with
create_missing, a unit not yet known is split off at a post word (dictionary post_word) and the
unit and person are created. A row matches the records of the same person, date and kind, so a
re-import updates instead of duplicating.

Out: 序号 · 姓名 · 工作单位及职务 · 政治面貌 · 处分种类 · 决定机关 · 决定时间 · 决定文号 · 主要违纪违法事实 ·
违纪违法类别 · 影响期至 · 备注; 诫勉 records are the ledger's and are left out (counted once).
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from app.common import clean, limited_text, required_text
from app.excel.adapter import Register
from app.excel.columns import Column, Pending, RowInput, RowOutcome, RowRejected, changed
from app.excel.values import text_of
from app.registers.people.query import get_person
from app.registers.people.types import PersonDraft, is_non_member
from app.registers.people.write import save_person
from app.registers.sanctions.query import sanction_rows, search_sanction_ids
from app.registers.sanctions.rules import (
    ADMONISH,
    ADMONISH_IN_LEDGER,
    BARE_WARNING,
    NOT_A_MEMBER,
    PARTY,
    PROBATION,
    is_bare_warning,
    written_kinds,
)
from app.registers.sanctions.types import SanctionDraft, SanctionFilter, SanctionRow
from app.registers.sanctions.write import save_sanction

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.excel.context import ApplyContext, PlanContext
    from app.excel.plan import PlannedRow

CHUNK = 1000
_KIND = Column("kinds", "处分种类", kind="dict", domain="sanction_kind")
_POLITICAL = Column("political_status", "政治面貌", kind="dict", domain="political_status")
_PROBATION = {"一年": 12, "1年": 12, "二年": 24, "两年": 24, "2年": 24}
_PROBATION_WORDS = re.compile(r"(一年|1年|二年|两年|2年)")
_FIELDS = ("decision_organ", "document_no", "facts", "category", "notes")
_LIMITS = {"decision_organ": 100, "document_no": 100, "facts": 4000, "notes": 2000}


class SanctionsRegister(Register):
    key = "sanctions"
    title = "处分和组织处理情况登记表"
    yearly = True
    columns = (
        Column("seq", "序号", kind="int", width=5, export_only=True),
        Column("name", "姓名", ("被处分人", "被处分人姓名", "受处分人", "被处理人", "受处分（处理）人", "当事人"),
               required=True, width=8, names="person"),
        Column("unit_position", "工作单位及职务", ("单位及职务", "单位职务", "工作单位和职务", "所在单位及职务",
                                                "原工作单位及职务", "单位、职务", "工作单位及职务（职级）"),
               required=True, width=20, names="unit_post"),
        Column("political_status", "政治面貌", width=8),
        Column("kinds", "处分种类", ("处分（处理）种类", "处理方式", "处分处理种类", "处分类别", "处分种类及处理方式",
                                   "处分决定", "处理种类", "给予何种处分", "处分（处理）"), required=True, width=16),
        Column("decision_organ", "决定机关", ("决定单位", "处分机关", "作出决定机关", "处分决定机关"), width=12),
        Column("decided_on", "决定时间", ("处分时间", "处分日期", "决定日期", "处理时间", "处理日期", "作出决定时间"),
               kind="date", required=True, width=11),
        Column("document_no", "决定文号", ("文号", "处分文号", "处分决定文号"), width=14),
        Column("facts", "主要违纪违法事实", ("主要违纪事实", "违纪违法事实", "主要事实", "主要问题", "违纪事实",
                                      "简要案情", "主要违纪违法问题"), width=30),
        Column("category", "违纪违法类别", ("违纪类别", "问题类别", "类别"), kind="dict",
               domain="violation_category", width=10),
        Column("impact", "影响期至", (), width=11, export_only=True),
        Column("notes", "备注", ("说明",), width=14),
    )

    # ---- import ----------------------------------------------------------------------------

    def prepare(self, ctx: PlanContext, rows: Sequence[RowInput]) -> None:
        found: dict[tuple, SanctionRow] = {}
        ids = search_sanction_ids(ctx.session, ctx.actor, SanctionFilter())
        for start in range(0, len(ids), CHUNK):
            for r in sanction_rows(ctx.session, ids[start:start + CHUNK]):
                found[(r.person_id, r.decided_on, r.kind)] = r
        ctx.state["records"] = found

    def plan_row(self, ctx: PlanContext, row: RowInput) -> RowOutcome:
        name = required_text(str(row.get("name", "")), "姓名", "name", 20)
        unit, unit_name, position = self._unit(ctx, str(row.get("unit_position", "")))
        person = ctx.person_ref(name, unit, unit_name)
        status = self._status(ctx, row, person)
        day = row.get("decided_on")
        kinds = self._kinds(ctx, text_of(row.get("kinds")))
        for code, _probation in kinds:
            entry = ctx.vocab.entry("sanction_kind", code) if isinstance(code, str) else None
            if entry is not None and entry.family == PARTY and isinstance(status, str) and is_non_member(status):
                raise RowRejected(NOT_A_MEMBER.format(name=name, status=ctx.vocab.label("political_status", status),
                                                      kind=entry.label))
        given = {key: (row.values.get(key) or "") for key in _FIELDS if key in row.present}
        for key, limit in _LIMITS.items():
            if key in given:
                given[key] = limited_text(str(given[key]), self.column(key).header, key, limit)
        existing = [None if isinstance(person, Pending) else ctx.state["records"].get((person, day, code))
                    for code, _p in kinds]
        labels = "、".join(ctx.vocab.label("sanction_kind", c) if isinstance(c, str) else str(c) for c, _p in kinds)
        summary = f"{name}（{unit_name}{position}）{day:%Y-%m-%d} {labels}" + (
            f"（{len(kinds)} 条记录）" if len(kinds) > 1 else "")
        values = {"person": person, "name": name, "position": position, "political_status": status,
                  "decided_on": day, "kinds": tuple(kinds), "given": given,
                  "existing": tuple((r.id, r.version) if r else None for r in existing)}
        found = [r for r in existing if r is not None]
        if not found:
            return RowOutcome("add", values, summary, match_key=(_key(person), day, tuple(str(c) for c, _ in kinds)))
        before = {k: getattr(found[0], k) for k in _FIELDS}
        after = {**before, **given}
        unchanged = len(found) == len(kinds) and all({k: getattr(r, k) for k in _FIELDS} == after for r in found)
        action = "unchanged" if unchanged else "update"
        return RowOutcome(action, values, summary, found[0].id, found[0].version,
                          changed(self.columns, before, after))

    def apply_row(self, ctx: ApplyContext, row: PlannedRow) -> int:
        v = ctx.values(row)
        person_id = v["person"]
        if isinstance(row.values["person"], Pending):
            _fill_new_person(ctx, person_id, str(v["position"]), v["political_status"])
        ids = []
        for (code, probation), known in zip(v["kinds"], v["existing"], strict=True):
            if known is not None:
                current = sanction_rows(ctx.session, [known[0]])[0]
                draft = current.draft(**v["given"])
            else:
                draft = SanctionDraft(person_id=person_id, kind=code, decided_on=v["decided_on"],
                                      probation_months=probation, **v["given"])
            ids.append(save_sanction(ctx.session, ctx.actor, draft, ctx.today))
        return ids[0]

    # ---- export ----------------------------------------------------------------------------

    def export_rows(self, session: Session, actor: Actor, *, year: int | None,
                    unit_id: int | None) -> Iterator[list[object]]:
        ids = search_sanction_ids(session, actor, SanctionFilter(year=year, unit_id=unit_id), "decided_on", False)
        number = 0
        for start in range(0, len(ids), CHUNK):
            for r in sanction_rows(session, ids[start:start + CHUNK]):
                if r.from_ledger:
                    continue  # the ledger's 诫勉: exported with the ledger
                number += 1
                kind = r.kind_label + (f"（察看期{r.probation_months // 12}年）" if r.probation_months else "")
                yield [number, r.person_name, r.unit_and_position, r.political_label, kind, r.decision_organ,
                       r.decided_on, r.document_no, r.facts, r.category_label, r.impact_end, r.notes]

    # ---- reading a row ---------------------------------------------------------------------

    def _unit(self, ctx: PlanContext, text: str) -> tuple[int | Pending, str, str]:
        """(unit, unit name, post): PlanContext.unit_and_post (a unit not yet known is matched,
        proposed or created like any unit column's)."""
        return ctx.unit_and_post(text, "工作单位")

    def _status(self, ctx: PlanContext, row: RowInput, person: int | Pending) -> str | Pending:
        """The person's political status: the register's; the sheet's for a person created now."""
        written = clean(str(row.get("political_status", "")))
        if not isinstance(person, Pending):
            return get_person(ctx.session, person).political_status
        return ctx.code(_POLITICAL, written) if written else ""

    def _kinds(self, ctx: PlanContext, text: str) -> list[tuple[str | Pending, int | None]]:
        """The measures a cell names, each with the 察看期 a 留党察看 carries."""
        whole = ctx.vocab.resolve("sanction_kind", text)
        parts = [text] if whole is not None else written_kinds(text)
        if not parts:
            raise RowRejected("“处分种类”不能为空。")
        found: dict[str | Pending, int | None] = {}
        for written in parts:
            if is_bare_warning(written):
                raise RowRejected(BARE_WARNING)
            code = ctx.vocab.resolve("sanction_kind", written) or ctx.vocab.resolve(
                "sanction_kind", _PROBATION_WORDS.sub("", written))
            if code == ADMONISH:
                raise RowRejected(ADMONISH_IN_LEDGER)
            probation = None
            if code == PROBATION:
                match = _PROBATION_WORDS.search(written)
                if match is None:
                    raise RowRejected("留党察看请写明察看期（如“留党察看一年”“留党察看二年”）。")
                probation = _PROBATION[match.group(1)]
            found.setdefault(code if code is not None else ctx.code(_KIND, written), probation)
        return list(found.items())


def _key(person: int | Pending) -> object:
    return person.key if isinstance(person, Pending) else person


def _fill_new_person(ctx: ApplyContext, person_id: int, position: str, status: object) -> None:
    """A person the import created (name and unit only) gets the row's post and political status."""
    p = get_person(ctx.session, person_id)
    if p.position or p.political_status:
        return
    save_person(ctx.session, ctx.actor, PersonDraft(
        name=p.name, unit_id=p.unit_id, position=position, political_status=str(status or ""), id=p.id,
        version=p.version))
