"""单位（科室）名册 in Excel: a unit is matched by its name; 上级单位 may be a unit the same file
adds (parents are written before their children)."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from app.common import limited_text, required_text
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
from app.registers.units.query import descendant_unit_ids, list_units
from app.visibility import may_read_unit
from app.registers.units.types import UnitDraft
from app.registers.units.write import save_unit, set_unit_active

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.excel.context import ApplyContext, PlanContext
    from app.excel.plan import PlannedRow

ACTIVE = {"在用": True, "启用": True, "正常": True, "在册": True, "有效": True,
          "停用": False, "撤销": False, "撤并": False, "注销": False, "无效": False}


class UnitsRegister(Register):
    key = "units"
    title = "单位（科室）名册"
    columns = (
        Column("name", "单位名称", ("单位", "名称", "科室名称", "部门名称", "单位(科室)", "单位(部门)",
                                    "科室(单位)", "科室", "部门"), required=True, width=24),
        Column("kind", "类别", ("单位类别", "类型", "单位类型", "单位性质"), kind="dict",
               domain="unit_kind", width=12),
        Column("parent", "上级单位", ("上级", "上级部门", "主管单位", "所属单位"), width=20, names="unit"),
        Column("sort_order", "排序", ("排序号", "顺序", "排列顺序"), kind="int", width=8),
        Column("active", "状态", ("单位状态",), kind="choice", choices=ACTIVE, width=8),
        Column("notes", "备注", ("说明",), width=30),
    )

    def prepare(self, ctx: PlanContext, rows: Sequence[RowInput]) -> None:
        # Every unit named in the file may be another row's parent, whatever the row order.
        parents: dict[str, str | None] = {key: _key_of(u.parent_id, ctx) for key, u in ctx.units().items()}
        for row in rows:
            name = str(row.get("name", "")).strip()
            if normalize(name) not in ctx.units():
                ctx.will_add_unit(name)
            if "parent" in row.present:
                parent = row.get("parent")
                parents[normalize(name)] = normalize(str(parent)) if parent else None
        ctx.state["unit_parents"] = parents

    def plan_row(self, ctx: PlanContext, row: RowInput) -> RowOutcome:
        name = required_text(str(row.get("name", "")), "单位名称", "name", 100)
        unit = ctx.units().get(normalize(name))
        if unit is None and ctx.actor.unit_ids is not None:
            raise RowRejected("限定单位的用户不能新增单位。")
        if unit is not None and not ctx.actor.may_touch_unit(unit.id):
            raise RowRejected(f"当前用户只能导入指定单位的记录，无权修改「{unit.name}」。")
        before: dict[str, object] = (
            {"kind": unit.kind, "parent_id": unit.parent_id, "sort_order": unit.sort_order,
             "active": unit.active, "notes": unit.notes} if unit else
            {"kind": "other", "parent_id": None, "sort_order": 0, "active": True, "notes": ""})
        after = dict(before)
        present = row.present
        if "kind" in present and row.get("kind") is not None:
            after["kind"] = row.get("kind")
        if "parent" in present:
            parent = str(row.get("parent", "")).strip()
            if normalize(parent) == normalize(name):
                raise RowRejected("上级单位不能是本单位。")
            after["parent_id"] = ctx.unit_ref(parent, "上级单位") if parent else None
            _refuse_cycle(ctx.state["unit_parents"], normalize(name), parent)
        if "sort_order" in present:
            after["sort_order"] = row.get("sort_order", 0)
        if "active" in present and row.get("active") is not None:
            after["active"] = row.get("active")
        if "notes" in present:
            after["notes"] = limited_text(str(row.get("notes", "")), "备注", "notes", 2000)
        if unit is not None and unit.active and not after["active"] and unit.people_count:
            raise RowRejected(f"“{unit.name}”还有 {unit.people_count} 名在册人员，"
                              "请先将他们调到其他单位或停用后再停用本单位。")
        values = {"name": name, **after, "was_active": before["active"]}
        summary = name
        if unit is None:
            return RowOutcome("add", values, summary, match_key=(normalize(name),))
        action = "unchanged" if after == before else "update"
        return RowOutcome(action, values, summary, unit.id, unit.version,
                          changed(self.columns, _shown(ctx, before), _shown(ctx, after)))

    def apply_order(self, rows: Sequence[PlannedRow]) -> list[PlannedRow]:
        """Parents added by the file before the rows that name them."""
        depth: dict[str, int] = {}
        by_key = {normalize(str(r.values["name"])): r for r in rows}

        def level(key: str, seen: frozenset[str] = frozenset()) -> int:
            if key not in depth:
                parent = by_key[key].values.get("parent_id") if key in by_key else None
                pending = isinstance(parent, Pending) and parent.key not in seen
                depth[key] = level(parent.key, seen | {key}) + 1 if pending else 0
            return depth[key]

        return sorted(rows, key=lambda r: level(normalize(str(r.values["name"]))))

    def apply_row(self, ctx: ApplyContext, row: PlannedRow) -> int:
        v = ctx.values(row)
        # Deactivating goes through set_unit_active, which refuses a unit that still has people.
        deactivate = row.target_id is not None and bool(v["was_active"]) and not v["active"]
        draft = UnitDraft(name=v["name"], kind=v["kind"], parent_id=v["parent_id"],
                          sort_order=v["sort_order"], active=True if deactivate else v["active"],
                          notes=v["notes"], id=row.target_id, version=row.target_version)
        unit_id = save_unit(ctx.session, ctx.actor, draft)
        if deactivate:
            set_unit_active(ctx.session, ctx.actor, unit_id, False)  # refuses a unit with people
        if row.target_id is None:
            name = str(v["name"])
            ctx.bind(Pending("unit", normalize(name), name), unit_id)
        return unit_id

    def export_rows(self, session: Session, actor: Actor, *, year: int | None,
                    unit_id: int | None) -> Iterator[list[object]]:
        units = list_units(session)
        names = {u.id: u.name for u in units}
        wanted = descendant_unit_ids(session, unit_id) if unit_id is not None else None
        for u in units:
            if (wanted is None or u.id in wanted) and may_read_unit(actor, u.id):
                yield [u.name, u.kind_label, names.get(u.parent_id, "") if u.parent_id else "",
                       u.sort_order, "在用" if u.active else "停用", u.notes]


def _key_of(unit_id: int | None, ctx: PlanContext) -> str | None:
    return normalize(ctx.unit_name(unit_id)) if unit_id is not None else None


def _refuse_cycle(parents: dict[str, str | None], key: str, parent: str) -> None:
    """A unit may not end up below itself through the parents this file sets."""
    seen, current = {key}, parents.get(key)
    while current is not None:
        if current in seen:
            raise RowRejected(f"上级单位“{parent}”会使单位层级形成循环（本单位成了自己的下级）。")
        seen.add(current)
        current = parents.get(current)


def _shown(ctx: PlanContext, values: dict[str, object]) -> dict[str, object]:
    parent = values["parent_id"]
    return {"kind": ctx.vocab.label("unit_kind", values["kind"]) if isinstance(values["kind"], str)
            else values["kind"],
            "parent": parent if isinstance(parent, Pending) else (ctx.unit_name(parent) if parent else ""),
            "sort_order": values["sort_order"], "active": "在用" if values["active"] else "停用",
            "notes": values["notes"]}
