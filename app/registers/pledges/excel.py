"""党风廉政建设责任书签订情况 in Excel: a pledge is matched by its year, level, unit and (for a
person's pledge) the person. 签订人 names the person who signed for themself (a 班子成员, a post:
姓名, or 姓名（单位） where namesakes exist); a unit's pledge leaves it blank and names who signed
for the unit in 单位负责人. 责任领导 is a registered person when the name is theirs alone, else kept
as written. 签订情况 is written on export only."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from app.common import clean, limited_text
from app.dictionaries import normalize
from app.excel.adapter import Register
from app.excel.columns import (
    Column,
    Pending,
    RowInput,
    RowOutcome,
    RowRejected,
    changed,
)
from app.excel.people import PeopleIndex, person_text, split_person
from app.registers.pledges.query import pledge_rows, search_pledge_ids
from app.registers.pledges.types import PledgeDraft, PledgeFilter, PledgeRow
from app.registers.pledges.write import save_pledge

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.excel.context import ApplyContext, PlanContext
    from app.excel.plan import PlannedRow

CHUNK = 1000


def leader_of(ctx: PlanContext, written: str, known: tuple[int | None, str] | None = None) -> tuple[int | None, str]:
    """(person id, name) of a 责任领导 as written: the record's own when the name is unchanged,
    the registered person when the name is theirs alone, else the name as written."""
    name, unit_name, _ = split_person(clean(written))
    if not name:
        return None, ""
    if known is not None and normalize(known[1]) == normalize(name) and not unit_name:
        return known
    people: PeopleIndex = ctx.state["people"]  # type: ignore[assignment]
    found = people.candidates(name, unit_name)
    if len(found) == 1:
        return found[0], name
    if not found and (mapped := ctx.person_or_outsider(name, unit_name)) is not None:
        return mapped, name  # the clerk's mapping (可能是 when a registered name is close)
    return None, name


class PledgesRegister(Register):
    key = "pledges"
    title = "党风廉政建设责任书签订情况"
    yearly = True
    needs_year = True
    columns = (
        Column("year", "年度", ("责任书年度",), kind="year", width=7),
        Column("level", "责任书层级", ("层级", "签订层级", "责任书类别", "类别"), kind="dict",
               domain="pledge_level", required=True, width=16),
        Column("unit", "签订单位", ("单位", "科室", "单位（科室）", "所在单位", "签订科室", "责任单位"),
               required=True, width=18, names="unit"),
        Column("person", "签订人", ("姓名", "签订人员", "岗位人员", "签订对象"), width=12, names="person"),
        Column("position", "职务", ("岗位", "现任职务"), width=14, export_only=True),
        Column("signer", "单位负责人", ("单位签字人", "代表单位签字", "签字人", "单位主要负责人"), width=10),
        Column("leader", "责任领导", ("党组责任领导", "分管领导", "分管局领导"), width=10, names="person"),
        Column("signed_on", "签订日期", ("签字日期", "签订时间"), kind="date", width=11),
        Column("status", "签订情况", (), width=14, export_only=True),
        Column("notes", "备注", ("说明",), width=18),
    )

    def prepare(self, ctx: PlanContext, rows: Sequence[RowInput]) -> None:
        ctx.state["people"] = PeopleIndex(ctx.session)
        years = sorted({r.year for r in rows if r.year})
        existing: dict[tuple, PledgeRow] = {}
        for year in years:
            for row in pledge_rows(ctx.session, search_pledge_ids(ctx.session, ctx.actor, PledgeFilter(year=year))):
                existing[(row.year, row.level, row.unit_id, row.person_id)] = row
                if row.person_id is not None:
                    existing[("filed", row.year, row.level, row.unit_id, normalize(row.signer_name))] = row
        ctx.state["pledges"] = existing

    def _person(self, ctx: PlanContext, written: str, unit: int | Pending, unit_name: str) -> int | Pending:
        name, written_unit, _ = split_person(written)
        people: PeopleIndex = ctx.state["people"]  # type: ignore[assignment]
        found = people.candidates(name, written_unit or unit_name)
        if len(found) == 1:
            return found[0]
        if found:
            raise RowRejected(f"签订人“{name}”在{unit_name}有 {len(found)} 人同名，请在人员名册中区分。")
        return ctx.person_ref(name, unit, unit_name, header="签订人")

    def plan_row(self, ctx: PlanContext, row: RowInput) -> RowOutcome:
        year, level = row.year, row.get("level")
        unit_name = clean(str(row.get("unit", "")))
        unit = ctx.unit_ref(unit_name, "签订单位")
        written = clean(str(row.get("person", "")))
        existing: dict = ctx.state["pledges"]  # type: ignore[assignment]
        found: PledgeRow | None = None
        person: int | Pending | None = None
        if written and isinstance(unit, int) and isinstance(level, str):
            name = split_person(written)[0]
            found = existing.get(("filed", year, level, unit, normalize(name)))
            person = found.person_id if found else None
        if written and person is None:
            person = self._person(ctx, written, unit, unit_name)
        if found is None and isinstance(unit, int) and isinstance(level, str) and not isinstance(person, Pending):
            found = existing.get((year, level, unit, person))
        before = ({"signer_name": found.signer_name, "leader_id": found.leader_id, "leader_name": found.leader_name,
                   "signed_on": found.signed_on, "notes": found.notes} if found else
                  {"signer_name": "", "leader_id": None, "leader_name": "", "signed_on": None, "notes": ""})
        after = dict(before)
        if "signer" in row.present and person is None:
            after["signer_name"] = limited_text(str(row.get("signer", "")), "单位负责人", "signer_name", 50)
        if "leader" in row.present:
            after["leader_id"], after["leader_name"] = leader_of(
                ctx, str(row.get("leader", "")), (found.leader_id, found.leader_name) if found else None)
        if "signed_on" in row.present:
            after["signed_on"] = row.get("signed_on")
        if "notes" in row.present:
            after["notes"] = limited_text(str(row.get("notes", "")), "备注", "notes", 2000)
        values = {"year": year, "level": level, "unit_id": unit, "person_id": person, **after}
        who = split_person(written)[0] if written else unit_name
        summary = f"{year}年 {who}"
        if found is None:
            return RowOutcome("add", values, summary, match_key=(year, str(level), str(unit), str(person)))
        action = "unchanged" if after == before else "update"
        return RowOutcome(action, values, summary, found.id, found.version,
                          changed(self.columns, _shown(before), _shown(after)))

    def apply_row(self, ctx: ApplyContext, row: PlannedRow) -> int:
        v = ctx.values(row)
        return save_pledge(ctx.session, ctx.actor, PledgeDraft(
            v["year"], v["level"], v["unit_id"], v["person_id"], v["signer_name"], v["leader_id"],
            v["leader_name"], v["signed_on"], v["notes"], id=row.target_id, version=row.target_version), ctx.today)

    def export_rows(self, session: Session, actor: Actor, *, year: int | None,
                    unit_id: int | None) -> Iterator[list[object]]:
        ids = search_pledge_ids(session, actor, PledgeFilter(year=year, unit_id=unit_id))
        namesakes = PeopleIndex(session).namesakes
        for start in range(0, len(ids), CHUNK):
            for p in pledge_rows(session, ids[start:start + CHUNK]):
                person = person_text(p.signer_name, p.unit_name, namesakes) if p.personal else ""
                yield [p.year, p.level_label, p.unit_name, person, p.position if p.personal else "",
                       "" if p.personal else p.signer_name, p.leader_name, p.signed_on, p.status_text, p.notes]


def _shown(values: dict[str, object]) -> dict[str, object]:
    return {"signer": values["signer_name"], "leader": values["leader_name"], "signed_on": values["signed_on"],
            "notes": values["notes"]}
