"""问题整改台账 in Excel: the filed ledger (问题, 责任单位, 责任人, 责任领导, 整改措施, 整改时限,
进展, 状态, 销号日期, and what a filed ledger also carries), and its import.

A row matches the finding with its 问题编号, else the one with the same unit, date found and
description. Import goes through the services like a clerk: a status further along the workflow
is reached step by step (each step in the history, 由 Excel 导入); a step back (退回, 重新打开)
and a moved deadline (延期) need a reason and are refused here with a pointer to the program;
进展 lines not yet recorded are added as dated notes (a line without a date is dated today).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from app.common import limited_text, required_text
from app.dictionaries import normalize
from app.excel.adapter import Register
from app.excel.columns import (
    Column,
    ExportCell,
    Pending,
    RowInput,
    RowOutcome,
    RowRejected,
    changed,
)
from app.excel.values import CellError, parse_date
from app.registers.findings import workflow as wf
from app.registers.findings.query import finding_rows, search_finding_ids
from app.registers.findings.types import (
    STATUS_ORDER,
    FindingDraft,
    FindingFilter,
    FindingRow,
)
from app.registers.findings.write import save_finding
from app.registers.inspections.query import inspection_choices
from app.registers.people.query import people_rows, search_people_ids
from app.registers.people.types import PersonFilter
from app.vocab import FINDING_RESULT, FINDING_STATUS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.excel.context import ApplyContext, PlanContext
    from app.excel.plan import PlannedRow

STATUS_WRITTEN = {**{label: code for code, label in FINDING_STATUS.items()},
                  "未整改": "pending", "正在整改": "in_progress", "已整改": "rectified", "待验收": "rectified",
                  "已整改待验收": "rectified", "销号": "closed", "已验收销号": "closed"}
RESULT_WRITTEN = {**{label: code for code, label in FINDING_RESULT.items()},
                  "已完成整改": "done", "完成": "done", "基本完成整改": "mostly", "未完成整改": "not_done"}
OVERDUE_FILL, DUE_SOON_FILL = "#f4b6b6", "#fde3a7"
IMPORTED = "由 Excel 导入"
CHUNK = 1000
_DATED = re.compile(r"^(\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?)\s*(.*)$", re.S)

# Fields kept 1:1 from a present column (blank = the default).
_PLAIN = {"code": "", "source": "inspection", "category": "", "requirement": "", "measures": "",
          "resp_leader": "", "kind": "", "deadline": None, "revisit": False, "notes": ""}
_CLOSING = ("result", "accepted_by", "accepted_on", "closed_on")


class FindingsRegister(Register):
    key = "findings"
    title = "问题整改台账"
    yearly = True
    columns = (
        Column("code", "问题编号", ("编号", "问题序号"), width=10),
        Column("source", "问题来源", ("来源", "问题出处"), kind="dict", domain="finding_source", width=9),
        Column("found_on", "发现日期", ("检查日期", "检查时间", "发现时间", "反馈日期", "发现问题日期", "日期"),
               kind="date", required=True, width=11),
        Column("unit", "被检查单位", ("问题单位", "所在单位", "单位", "被检查科室", "单位(科室)"),
               required=True, width=14, names="unit"),
        Column("description", "问题", ("问题描述", "存在问题", "问题表现", "发现问题", "问题内容", "具体问题"),
               required=True, width=32),
        Column("category", "问题类别", ("问题类型", "类别"), kind="dict", domain="finding_category", width=9),
        Column("requirement", "整改要求", ("整改要求和建议", "整改意见"), width=20),
        Column("measures", "整改措施", ("具体措施", "整改举措"), width=26),
        Column("resp_unit", "责任单位", ("牵头单位", "责任部门", "整改责任单位", "责任科室"), width=12, names="unit"),
        Column("resp_person", "责任人", ("具体责任人", "整改责任人"), width=8, names="person"),
        Column("resp_leader", "责任领导", ("分管领导", "牵头领导"), width=8),
        Column("kind", "整改类型", ("整改方式",), kind="dict", domain="finding_type", width=9),
        Column("deadline", "整改时限", ("整改期限", "完成时限", "整改时间"), kind="date", width=11),
        Column("extensions", "延期情况", ("延期记录",), width=20),  # shown, never imported
        Column("progress", "进展", ("进展情况", "整改进展", "整改情况", "整改进度"), width=28),
        Column("status", "状态", ("整改状态", "办理状态"), kind="choice", choices=STATUS_WRITTEN, width=10),
        Column("result", "整改结果", ("完成情况", "整改成效"), kind="choice", choices=RESULT_WRITTEN, width=9),
        Column("accepted_by", "验收人", ("验收人员",), width=8),
        Column("accepted_on", "验收日期", ("验收时间",), kind="date", width=11),
        Column("closed_on", "销号日期", ("销号时间", "对账销号日期"), kind="date", width=11),
        Column("revisit", "回头看", ("是否回头看",), kind="bool", width=7),
        Column("inspection", "所属检查", ("关联检查", "检查名称"), width=22),
        Column("notes", "备注", ("说明",), width=14),
    )

    # ---- import ---------------------------------------------------------------------------

    def prepare(self, ctx: PlanContext, rows: Sequence[RowInput]) -> None:
        existing: dict[int, FindingRow] = {}
        ids = search_finding_ids(ctx.session, ctx.actor, FindingFilter(), ctx.today)
        for start in range(0, len(ids), CHUNK):
            existing.update((r.id, r) for r in finding_rows(ctx.session, ids[start:start + CHUNK], ctx.today))
        people: dict[str, list[tuple[int, int]]] = {}
        pids = search_people_ids(ctx.session, ctx.actor, PersonFilter(include_inactive=True))
        for start in range(0, len(pids), CHUNK):
            for p in people_rows(ctx.session, pids[start:start + CHUNK]):
                people.setdefault(normalize(p.name), []).append((p.id, p.unit_id))
        inspections: dict[str, list[int]] = {}
        choices = inspection_choices(ctx.session, ctx.actor)
        for i in choices:
            inspections.setdefault(normalize(i.label), []).append(i.id)
            inspections.setdefault(normalize(i.title), []).append(i.id)
        ctx.state.update(
            findings=existing, by_code={r.code: r for r in existing.values() if r.code},
            by_content={(r.unit_id, normalize(r.description), r.found_on): r for r in existing.values()},
            people=people, inspections=inspections,
            inspection_labels={i.id: i.label for i in choices},
            last_step=wf.last_step_dates(ctx.session))

    def plan_row(self, ctx: PlanContext, row: RowInput) -> RowOutcome:
        found_on: dt.date = row.get("found_on")
        unit = ctx.unit_ref(str(row.get("unit", "")), "被检查单位")
        description = required_text(str(row.get("description", "")), "问题", "description", 2000)
        code = limited_text(str(row.get("code", "")), "问题编号", "code", 40)
        found = ctx.state["by_code"].get(code) if code else None
        if found is None and not isinstance(unit, Pending):
            found = ctx.state["by_content"].get((unit, normalize(description), found_on))
        if found is not None and code and found.code and code != found.code:
            found = None
        before = _values_of(found) if found else {**_PLAIN, "resp_unit_id": None, "resp_person_id": None,
                                                   "resp_person_name": "", "inspection_id": None,
                                                   "status": "pending", **dict.fromkeys(_CLOSING)}
        before["result"] = before["result"] or None
        after = {**before, "found_on": found_on, "unit_id": unit, "description": description}
        for key, default in _PLAIN.items():
            if key in row.present:
                value = row.values.get(key)
                after[key] = default if value is None else value
        if found is not None and not code:
            after["code"] = found.code
        for key, label, limit in (("requirement", "整改要求", 2000), ("measures", "整改措施", 2000),
                                  ("resp_leader", "责任领导", 50), ("notes", "备注", 2000)):
            after[key] = limited_text(str(after[key]), label, key, limit)
        if "resp_unit" in row.present:
            name = str(row.get("resp_unit", "")).strip()
            after["resp_unit_id"] = ctx.unit_ref(name, "责任单位") if name else None
        if "resp_person" in row.present:
            after["resp_person_id"], after["resp_person_name"] = _person(
                ctx, str(row.get("resp_person", "")).strip(), after["resp_unit_id"] or unit, found)
        if "inspection" in row.present:
            after["inspection_id"] = _inspection(ctx, str(row.get("inspection", "")).strip())
        _check_deadline(before, after, found)
        for key in ("status", *_CLOSING):
            if key in row.present and row.values.get(key) is not None:
                after[key] = row.values[key]
        steps = _steps(ctx, found, before, after)
        notes = _new_notes(ctx, row, found, found_on) if "progress" in row.present else ()
        values = {**after, "steps": steps, "new_notes": notes,
                  "risk_point_id": found.risk_point_id if found else None}
        unit_name = ctx.unit_name(unit) if not isinstance(unit, Pending) else str(unit)
        summary = f"{after['code'] or '（新编号）'} {unit_name}：{description[:24]}"
        if found is None:
            return RowOutcome("add", values, summary, match_key=(_key(unit), normalize(description), found_on))
        compared = [k for k in after if k not in _CLOSING or after["status"] == "closed"]
        same = all(after[k] == before[k] for k in compared) and not notes
        shown = changed(self.columns, _shown(ctx, before), _shown(ctx, after))
        if notes:
            shown += (("进展", "", f"新增 {len(notes)} 条"),)
        return RowOutcome("unchanged" if same else "update", values, summary, found.id, found.version, shown)

    def apply_row(self, ctx: ApplyContext, row: PlannedRow) -> int:
        v = ctx.values(row)
        finding_id = save_finding(ctx.session, ctx.actor, FindingDraft(
            source=v["source"], found_on=v["found_on"], unit_id=v["unit_id"], description=v["description"],
            category=v["category"], requirement=v["requirement"], measures=v["measures"],
            resp_unit_id=v["resp_unit_id"], resp_person_id=v["resp_person_id"],
            resp_person_name=v["resp_person_name"], resp_leader=v["resp_leader"], kind=v["kind"],
            deadline=v["deadline"], revisit=v["revisit"], notes=v["notes"], inspection_id=v["inspection_id"],
            risk_point_id=v["risk_point_id"], code=v["code"], id=row.target_id,
            version=row.target_version), ctx.today)
        for to, on, closing in v["steps"]:
            wf.change_status(ctx.session, ctx.actor, wf.StatusChange(
                finding_id, None, to, on, IMPORTED, **closing), ctx.today)
        for day, text in v["new_notes"]:
            wf.add_progress(ctx.session, ctx.actor, wf.ProgressNote(finding_id, day, text), ctx.today)
        return finding_id

    # ---- export ---------------------------------------------------------------------------

    def rows_for_export(self, session: Session, actor: Actor, *, year: int | None,
                        unit_id: int | None, today: dt.date, closed_too: bool = False) -> Iterator[list[object]]:
        """The filed rows of the year found (`closed_too`: and of the earlier ones 销号 in it)."""
        filt = FindingFilter(year=year, unit_id=unit_id, closed_too=closed_too)
        ids = search_finding_ids(session, actor, filt, today, sort="found_on", descending=False)
        for start in range(0, len(ids), CHUNK):
            for r in sorted(finding_rows(session, ids[start:start + CHUNK], today),
                            key=lambda r: (r.found_on, r.code)):
                fill = {"overdue": OVERDUE_FILL, "due_soon": DUE_SOON_FILL}.get(r.deadline_state, "")
                yield [r.code, r.source_label, r.found_on, r.unit_name, r.description, r.category_label,
                       r.requirement, r.measures, r.resp_unit_name, r.resp_person_name, r.resp_leader,
                       r.kind_label, ExportCell(r.deadline, fill) if fill else r.deadline, r.extension_text,
                       _progress_cell(r), r.status_label, r.result_label, r.accepted_by, r.accepted_on,
                       r.closed_on, r.revisit, r.inspection_label, r.notes]


# ---- helpers -------------------------------------------------------------------------------


def _values_of(r: FindingRow) -> dict[str, object]:
    return {"code": r.code, "source": r.source, "category": r.category, "requirement": r.requirement,
            "measures": r.measures, "resp_leader": r.resp_leader, "kind": r.kind, "deadline": r.deadline,
            "revisit": r.revisit, "notes": r.notes, "found_on": r.found_on, "unit_id": r.unit_id,
            "description": r.description, "resp_unit_id": r.resp_unit_id, "resp_person_id": r.resp_person_id,
            "resp_person_name": r.resp_person_name, "inspection_id": r.inspection_id, "status": r.status,
            "result": r.result, "accepted_by": r.accepted_by, "accepted_on": r.accepted_on,
            "closed_on": r.closed_on}


def _person(ctx: PlanContext, name: str, unit: object, found: FindingRow | None) -> tuple[int | None, str]:
    """A registered person when the name is theirs in the unit (or the record's own person);
    otherwise the name as written (free text, e.g. someone outside the bureau)."""
    if not name:
        return None, ""
    if found is not None and found.resp_person_id and found.resp_person_name == name:
        return found.resp_person_id, name
    candidates = ctx.state["people"].get(normalize(name), [])
    in_unit = [pid for pid, uid in candidates if uid == unit]
    chosen = in_unit if in_unit else candidates
    if len(chosen) == 1:
        return chosen[0], name
    if not chosen and (mapped := ctx.person_or_outsider(name)) is not None:
        return mapped, name  # the clerk's mapping (可能是 when a registered name is close)
    return None, name


def _inspection(ctx: PlanContext, text: str) -> int | None:
    if not text:
        return None
    ids = list(dict.fromkeys(ctx.state["inspections"].get(normalize(text), [])))
    if len(ids) == 1:
        return ids[0]
    if ids:
        raise RowRejected(f"所属检查“{text}”有 {len(ids)} 次同名检查，请写成“日期 检查名称”。")
    raise RowRejected(f"所属检查“{text}”不存在，请先登记该检查或留空。")


def _check_deadline(before: dict, after: dict, found: FindingRow | None) -> None:
    if after["deadline"] is not None and after["deadline"] < after["found_on"]:
        raise RowRejected("整改时限不能早于发现日期。")
    if found is not None and found.deadline is not None and after["deadline"] != found.deadline:
        new = after["deadline"].isoformat() if after["deadline"] else "空"
        raise RowRejected(f"整改时限由 {found.deadline:%Y-%m-%d} 改为 {new}：延期请在程序中办理"
                          "（需填写原因，原时限会保留）。")


def _steps(ctx: PlanContext, found: FindingRow | None, before: dict, after: dict) -> tuple:
    """The workflow steps from the record's status to the row's, each (to, on, closing fields)."""
    current, target = before["status"], after["status"]
    if STATUS_ORDER[target] < STATUS_ORDER[current]:
        raise RowRejected(f"状态由“{FINDING_STATUS[current]}”改回“{FINDING_STATUS[target]}”需要说明原因，"
                          "请在程序中办理（退回整改或重新打开）。")
    if current == "closed":
        if any(after[k] != before[k] for k in _CLOSING):
            raise RowRejected("已销号问题的整改结果、验收人和日期不能通过导入修改。")
        return ()
    if target != "closed":
        path = ["in_progress", "rectified"][STATUS_ORDER[current]:STATUS_ORDER[target]]
        return tuple((to, ctx.today, {}) for to in path)
    if after["result"] == "not_done":
        raise RowRejected("整改结果为“未完成”的问题不能销号。")
    if after["result"] == "mostly":
        raise RowRejected("整改结果为“基本完成”的问题不能销号（整改仍需继续）：请将状态写作“整改中”，"
                          "验收结论在程序中以“退回整改”记录。")
    if not after["result"]:
        raise RowRejected("已销号的问题须填写整改结果（已完成）。")
    if not str(after["accepted_by"] or "").strip():
        raise RowRejected("已销号的问题须填写验收人。")
    closed_on = after["closed_on"] or after["accepted_on"]
    if closed_on is None:
        raise RowRejected("已销号的问题须填写销号日期。")
    accepted_on = after["accepted_on"] or closed_on
    after["closed_on"], after["accepted_on"] = closed_on, accepted_on
    last = ctx.state["last_step"].get(found.id) if found else after["found_on"]
    for day, label in ((accepted_on, "验收日期"), (closed_on, "销号日期")):
        if day > ctx.today or day < after["found_on"] or (last is not None and day < last):
            raise RowRejected(f"{label} {day:%Y-%m-%d} 应在发现日期（或上一步办理日期）与今天之间。")
    start = last or after["found_on"]
    path = ["in_progress", "rectified", "closed"][STATUS_ORDER[current]:]
    dates = {"in_progress": start, "rectified": accepted_on, "closed": closed_on}
    closing = {"result": after["result"], "accepted_by": str(after["accepted_by"]).strip(),
               "accepted_on": accepted_on}
    return tuple((to, dates[to], closing if to == "closed" else {}) for to in path)


def _note_key(day: dt.date, text: str) -> tuple[dt.date, str]:
    return day, " ".join(text.split())


def _new_notes(ctx: PlanContext, row: RowInput, found: FindingRow | None, found_on: dt.date) -> tuple:
    """进展 lines not yet recorded: (date, text), dated today when the line has no date."""
    known = {_note_key(d, t) for d, t in (found.progress if found else ())}
    notes = []
    for line in str(row.get("progress", "")).splitlines():
        line = line.strip()
        if not line:
            continue
        match = _DATED.match(line)
        day, text = ctx.today, line
        if match:
            try:
                day, text = parse_date(match.group(1), "进展"), match.group(2).strip()
            except CellError:
                day, text = ctx.today, line
        if day > ctx.today or day < found_on:
            raise RowRejected(f"进展日期 {day:%Y-%m-%d} 应在发现日期与今天之间。")
        key = _note_key(day, text)
        if text and key not in known:
            known.add(key)
            notes.append((day, limited_text(text, "进展", "progress", 2000)))
    return tuple(notes)


def _progress_cell(r: FindingRow) -> str:
    return "\n".join(f"{day:%Y-%m-%d} {' '.join(text.split())}" for day, text in r.progress)


def _key(unit: object) -> object:
    return unit.key if isinstance(unit, Pending) else unit


def _shown(ctx: PlanContext, v: dict) -> dict[str, object]:
    """Values as the preview names them (the columns' keys; labels, not codes)."""
    def label(domain: str, code: object) -> object:
        return ctx.vocab.label(domain, code) if isinstance(code, str) else code

    def unit_name(unit: object) -> object:
        return ctx.unit_name(unit) if isinstance(unit, int) else unit

    return {**v, "source": label("finding_source", v["source"]), "category": label("finding_category", v["category"]),
            "kind": label("finding_type", v["kind"]), "unit": unit_name(v["unit_id"]),
            "resp_unit": unit_name(v["resp_unit_id"]) or "", "resp_person": v["resp_person_name"],
            "status": FINDING_STATUS.get(v["status"], v["status"]),
            "result": FINDING_RESULT.get(v["result"] or "", ""),
            "inspection": ctx.state["inspection_labels"].get(v["inspection_id"], "")}
