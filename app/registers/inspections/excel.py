"""监督检查登记表 in Excel: an inspection is matched by its date and name; 被检查单位 holds
several units (、-separated), 全系统 or blank for a check of the whole system."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from app.common import limited_text, required_text
from app.dictionaries import normalize
from app.excel.adapter import Register
from app.excel.columns import Column, Pending, RowInput, RowOutcome, changed
from app.registers.inspections.query import inspection_rows, search_inspection_ids
from app.registers.inspections.types import (
    InspectionDraft,
    InspectionFilter,
    InspectionRow,
)
from app.registers.inspections.write import save_inspection

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.excel.context import ApplyContext, PlanContext
    from app.excel.plan import PlannedRow

WHOLE_SYSTEM = ("全系统", "全局", "局系统", "全体")
CHUNK = 1000


class InspectionsRegister(Register):
    key = "inspections"
    title = "监督检查登记表"
    yearly = True
    columns = (
        Column("inspected_on", "检查日期", ("日期", "检查时间"), kind="date", required=True, width=11),
        Column("kind", "检查类型", ("类型", "检查方式", "检查类别"), kind="dict", domain="inspection_type",
               required=True, width=14),
        Column("title", "检查名称", ("检查内容", "检查事项", "名称", "检查主题"), required=True, width=28),
        Column("units", "被检查单位", ("检查对象", "被检查科室", "检查范围"), multi=True, width=26, names="unit"),
        Column("inspectors", "检查人员", ("检查人", "检查组成员", "检查组"), width=18),
        Column("summary", "检查情况", ("检查结果", "主要情况", "情况说明"), width=40),
        Column("finding_count", "发现问题数", ("问题数",), kind="int", width=9),  # shown, never imported
        Column("open_count", "未销号问题数", ("未销号",), kind="int", width=10),  # shown, never imported
    )

    def prepare(self, ctx: PlanContext, rows: Sequence[RowInput]) -> None:
        existing: dict[tuple, InspectionRow] = {}
        ids = search_inspection_ids(ctx.session, ctx.actor, InspectionFilter())
        for start in range(0, len(ids), CHUNK):
            for r in inspection_rows(ctx.session, ids[start:start + CHUNK]):
                existing.setdefault((r.inspected_on, normalize(r.title)), r)
        ctx.state["inspections"] = existing

    def plan_row(self, ctx: PlanContext, row: RowInput) -> RowOutcome:
        day = row.get("inspected_on")
        title = required_text(str(row.get("title", "")), "检查名称", "title", 200)
        found: InspectionRow | None = ctx.state["inspections"].get((day, normalize(title)))
        before: dict[str, object] = (
            {"kind": found.kind, "unit_ids": tuple(sorted(found.unit_ids)), "inspectors": found.inspectors,
             "summary": found.summary} if found else
            {"kind": row.get("kind"), "unit_ids": (), "inspectors": "", "summary": ""})
        after = dict(before)
        if row.get("kind") is not None:
            after["kind"] = row.get("kind")
        if "units" in row.present:
            names = [n for n in row.get("units", ()) if normalize(n) not in WHOLE_SYSTEM]
            refs = [ctx.unit_ref(n, "被检查单位") for n in names]
            after["unit_ids"] = tuple(sorted(refs, key=_sort_key))
        for key, label, limit in (("inspectors", "检查人员", 500), ("summary", "检查情况", 4000)):
            if key in row.present:
                after[key] = limited_text(str(row.get(key, "")), label, key, limit)
        values = {"inspected_on": day, "title": title, **after}
        summary = f"{day:%Y-%m-%d} {title}"
        if found is None:
            return RowOutcome("add", values, summary, match_key=(day, normalize(title)))
        action = "unchanged" if after == before else "update"
        return RowOutcome(action, values, summary, found.id, found.version,
                          changed(self.columns, _shown(ctx, before), _shown(ctx, after)))

    def apply_row(self, ctx: ApplyContext, row: PlannedRow) -> int:
        v = ctx.values(row)
        return save_inspection(ctx.session, ctx.actor, InspectionDraft(
            inspected_on=v["inspected_on"], kind=v["kind"], title=v["title"], unit_ids=tuple(v["unit_ids"]),
            inspectors=v["inspectors"], summary=v["summary"], id=row.target_id,
            version=row.target_version), ctx.today)

    def export_rows(self, session: Session, actor: Actor, *, year: int | None,
                    unit_id: int | None) -> Iterator[list[object]]:
        ids = search_inspection_ids(session, actor, InspectionFilter(year=year, unit_id=unit_id),
                                    descending=False)
        for start in range(0, len(ids), CHUNK):
            for r in inspection_rows(session, ids[start:start + CHUNK]):
                yield [r.inspected_on, r.kind_label, r.title, r.units_text, r.inspectors, r.summary,
                       r.finding_count, r.open_finding_count]


def _sort_key(ref: object) -> tuple:
    return (1, ref.key) if isinstance(ref, Pending) else (0, ref)


def _shown(ctx: PlanContext, v: dict) -> dict[str, object]:
    names = [ctx.unit_name(u) if isinstance(u, int) else str(u) for u in v["unit_ids"]]
    kind = v["kind"]
    return {"kind": ctx.vocab.label("inspection_type", kind) if isinstance(kind, str) else kind,
            "units": "、".join(names) or "全系统", "inspectors": v["inspectors"], "summary": v["summary"]}
