"""人员名册 in Excel: a person is matched by name + unit (+ staff number when given)."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from app.common import limited_text, required_text
from app.excel.adapter import Register
from app.excel.columns import (
    Column,
    Pending,
    RowInput,
    RowOutcome,
    RowRejected,
    changed,
)
from app.registers.people.query import people_rows, search_people_ids
from app.registers.people.types import PersonDraft, PersonFilter, PersonRow
from app.registers.people.write import save_person

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.excel.context import ApplyContext, PlanContext
    from app.excel.plan import PlannedRow

ACTIVE = {"在册": True, "在职": True, "在岗": True, "正常": True, "启用": True,
          "停用": False, "离职": False, "调离": False, "调出": False, "退休": False, "注销": False}
GENDERS = {"男": "男", "男性": "男", "女": "女", "女性": "女"}
_NO_KEY_POST = {"否", "无", "×", "n", "no", "0"}
_YES = {"是", "√", "✓", "y", "yes", "1"}

# Fields a person record holds, as the draft names them (unit_id aside).
_FIELDS = ("position", "rank", "political_status", "is_leader", "key_post", "staff_no", "gender",
           "active", "notes")
_DEFAULTS: dict[str, object] = {"position": "", "rank": "", "political_status": "", "is_leader": False,
                                "key_post": "", "staff_no": "", "gender": "", "active": True, "notes": ""}
CHUNK = 2000


class PeopleRegister(Register):
    key = "people"
    title = "人员名册"
    columns = (
        Column("name", "姓名", ("人员姓名", "干部姓名", "名字"), required=True, width=10),
        Column("unit", "单位", ("所在单位", "工作单位", "单位名称", "部门", "科室", "所在部门",
                                "所在科室", "单位(部门)", "单位(科室)", "所在单位(部门)"),
               required=True, width=20, names="unit"),
        Column("position", "职务", ("现任职务", "现职务", "职务名称", "岗位职务"), width=16),
        Column("rank", "职级", ("现职级", "职级(职称)"), width=12),
        Column("political_status", "政治面貌", kind="dict", domain="political_status", width=10),
        Column("is_leader", "班子成员", ("是否班子成员", "领导班子成员", "是否领导班子成员", "关键少数"),
               kind="bool", width=9),
        Column("key_post", "重要岗位", ("是否重要岗位", "重点岗位", "是否重点岗位", "重要岗位类别"),
               width=10),
        Column("staff_no", "工号", ("人员编号", "职工号", "编号"), width=10),
        Column("gender", "性别", kind="choice", choices=GENDERS, width=6),
        Column("active", "状态", ("人员状态", "在册状态"), kind="choice", choices=ACTIVE, width=8),
        Column("notes", "备注", ("说明",), width=24),
    )

    def prepare(self, ctx: PlanContext, rows: Sequence[RowInput]) -> None:
        existing: dict[tuple[int, str], list[PersonRow]] = {}
        ids = search_people_ids(ctx.session, ctx.actor, PersonFilter(include_inactive=True))
        for start in range(0, len(ids), CHUNK):
            for person in people_rows(ctx.session, ids[start:start + CHUNK]):
                existing.setdefault((person.unit_id, person.name), []).append(person)
        ctx.state["people"] = existing

    def plan_row(self, ctx: PlanContext, row: RowInput) -> RowOutcome:
        name = required_text(str(row.get("name", "")), "姓名", "name", 20)
        unit_name = str(row.get("unit", "")).strip()
        unit = ctx.unit_ref(unit_name, "单位")
        if not isinstance(unit, Pending):
            unit_name = ctx.unit_name(unit)
        staff_no = limited_text(str(row.get("staff_no", "")), "工号", "staff_no", 40)
        found = _match(ctx.state["people"], name, unit, staff_no)
        before = _values_of(found) if found else dict(_DEFAULTS)
        after = dict(before)
        for key in _FIELDS:
            if key in row.present:
                value = row.values.get(key)
                if value is None and key in ("staff_no", "active") and found:
                    continue  # a blank identifier or status keeps the record's own
                after[key] = _DEFAULTS[key] if value is None else value
        after["key_post"] = _key_post(str(after["key_post"]))
        for key, label, limit in (("position", "职务", 100), ("rank", "职级", 50),
                                  ("key_post", "重要岗位", 50), ("notes", "备注", 2000)):
            after[key] = limited_text(str(after[key]), label, key, limit)
        values = {"name": name, "unit_id": unit, "unit_name": unit_name, **after}
        summary = f"{name}（{'·'.join(x for x in (unit_name, str(after['position'])) if x)}）"
        if found is None:
            return RowOutcome("add", values, summary, match_key=(name, _key(unit), after["staff_no"]))
        action = "unchanged" if after == before else "update"
        return RowOutcome(action, values, summary, found.id, found.version,
                          changed(self.columns, _shown(ctx, before), _shown(ctx, after)))

    def apply_row(self, ctx: ApplyContext, row: PlannedRow) -> int:
        v = ctx.values(row)
        draft = PersonDraft(
            name=v["name"], unit_id=v["unit_id"], position=v["position"], rank=v["rank"],
            political_status=v["political_status"], is_leader=v["is_leader"],
            key_post=v["key_post"], staff_no=v["staff_no"], gender=v["gender"],
            active=v["active"], notes=v["notes"], id=row.target_id, version=row.target_version)
        return save_person(ctx.session, ctx.actor, draft)

    def export_rows(self, session: Session, actor: Actor, *, year: int | None,
                    unit_id: int | None) -> Iterator[list[object]]:
        ids = search_people_ids(session, actor, PersonFilter(unit_id=unit_id, include_inactive=True))
        for start in range(0, len(ids), CHUNK):
            for p in people_rows(session, ids[start:start + CHUNK]):
                yield [p.name, p.unit_name, p.position, p.rank, p.political_label, p.is_leader,
                       p.key_post, p.staff_no, p.gender, "在册" if p.active else "停用", p.notes]


def _match(existing: dict, name: str, unit: int | Pending, staff_no: str) -> PersonRow | None:
    """The person a row describes: same name and unit; the staff number decides between
    homonyms, and a row with one fills in the record that has none."""
    if isinstance(unit, Pending):
        return None
    candidates: list[PersonRow] = existing.get((unit, name), [])
    if staff_no:
        exact = [p for p in candidates if p.staff_no == staff_no]
        if exact:
            return exact[0]
        without = [p for p in candidates if not p.staff_no]
        return without[0] if len(without) == 1 else None
    if len(candidates) > 1:
        raise RowRejected(f"“{candidates[0].unit_name}”有 {len(candidates)} 名“{name}”，"
                          "请填写工号以区分是哪一位。")
    return candidates[0] if candidates else None


def _values_of(person: PersonRow) -> dict[str, object]:
    return {key: getattr(person, key) for key in _FIELDS}


def _key(unit: int | Pending) -> object:
    return unit.key if isinstance(unit, Pending) else unit


def _key_post(text: str) -> str:
    """重要岗位 is a text (人事/财务…); 否/无 mean none, 是/√ mean an unnamed one."""
    lowered = text.strip().lower()
    if lowered in _NO_KEY_POST:
        return ""
    return "是" if lowered in _YES else text.strip()


def _shown(ctx: PlanContext, values: dict[str, object]) -> dict[str, object]:
    """Values as the preview shows them: labels, not codes."""
    shown = dict(values)
    status = values["political_status"]
    if isinstance(status, str):
        shown["political_status"] = ctx.vocab.label("political_status", status)
    shown["active"] = "在册" if values["active"] else "停用"
    return shown
