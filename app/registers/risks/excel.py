"""廉政风险点登记表 in Excel, as offices keep it.

A row is one year's assessment of a risk point. It is matched by its code when the sheet has
one, else by unit + risk point name (+ post among same-named points) — and the year (from the
year column, the sheet name or the title). Levels are read as written (一级 · 1 · 高 · 高风险 ·
the configured labels), categories through the dictionary's aliases (岗位职责风险 → 岗位职责),
several measures from one cell (numbered, one a line, or separated by ；). A changed level needs
a reason: the 调整原因 column, else “导入台账时调整”. Export: the filing layout, one row per
assessment, the level cell in its colour, measures numbered one a line.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select

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
from app.registers.risks import types as risks_types
from app.registers.risks import write as risks_write
from app.registers.risks.query import (
    previous_confirmed_level,
    risk_rows,
    search_risk_ids,
)
from app.registers.risks.rules import numbered, parse_level, split_measures
from app.registers.risks.stats import assessment_years
from app.registers.risks.types import CONFIRMED, DRAFT, RETIRED, RiskFilter
from app.settings import load_settings
from app.vocab import ASSESSMENT_STATUS
from db.models import RiskAssessment, RiskLevelChange, RiskPoint

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.excel.context import ApplyContext, PlanContext
    from app.excel.plan import PlannedRow
    from app.registers.risks.types import RiskRow

IMPORT_REASON = "导入台账时调整"
STATUS = {"已确认": CONFIRMED, "确认": CONFIRMED, "在用": CONFIRMED, "正常": CONFIRMED, "有效": CONFIRMED,
          "草稿": DRAFT, "待确认": DRAFT, "未确认": DRAFT,
          "已停用": RETIRED, "停用": RETIRED, "撤销": RETIRED, "取消": RETIRED}
LEVEL_HINT = "可写 一级/二级/三级、1/2/3 或 高/中/低"
CHUNK = 1000
# Assessment fields a row may set, with their value for a new record.
_DEFAULTS: dict[str, object] = {
    "post": "", "duty_item": "", "description": "", "category": "", "level": None,
    "likelihood": None, "consequence": None, "measures": (), "person": "", "leader": "",
    "next_review": None, "status": CONFIRMED,
}
_LIMITS = {"post": ("岗位", 100), "duty_item": ("职权事项", 200), "description": ("表现形式", 2000),
           "person": ("责任人", 100), "leader": ("责任领导", 100)}


class RisksRegister(Register):
    key = "risks"
    title = "廉政风险点登记表"
    needs_year = True
    yearly = True
    columns = (
        Column("seq", "序号", ("编号序号",), width=5),
        Column("year", "年度", ("年份", "排查年度", "评估年度"), kind="year", width=7),
        Column("code", "编号", ("风险点编号", "风险编号", "风险点代码"), width=13),
        Column("unit", "单位/科室", ("单位", "科室", "部门", "单位(科室)", "科室(单位)", "单位科室", "单位(部门)",
                                    "部门(单位)", "所在单位", "所在科室", "责任单位", "责任科室", "责任部门",
                                    "单位名称", "科室名称", "处室"), required=True, width=14, names="unit"),
        Column("post", "岗位", ("岗位名称", "岗位类别", "涉及岗位", "风险岗位", "工作岗位"), width=12),
        Column("duty_item", "职权事项", ("职权/业务事项", "职权业务事项", "业务事项", "职权名称", "关键环节",
                                        "权力事项", "职责事项", "风险项目名称", "业务环节", "工作事项"), width=14),
        Column("name", "风险点", ("风险点名称", "廉政风险点", "风险名称", "风险点位", "风险点内容"),
               required=True, width=16),
        Column("description", "表现形式", ("廉政风险主要内容及表现形式", "风险描述", "风险点描述",
                                          "主要表现形式", "风险表现形式", "廉政风险点描述", "风险内容",
                                          "风险点及表现形式", "主要内容及表现形式"), width=30),
        Column("category", "风险类别", ("类别", "风险类型", "风险种类"), kind="dict", domain="risk_category",
               width=10),
        Column("level", "风险等级", ("等级", "风险级别", "级别", "风险等次", "等级评定"), required=True, width=8),
        Column("likelihood", "可能性", ("L值", "发生概率", "可能性(L)", "发生可能性", "可能性评分"),
               kind="int", width=7),
        Column("consequence", "后果严重性", ("C值", "严重性", "影响程度", "后果", "严重程度", "后果严重程度",
                                            "严重性(C)"), kind="int", width=8),
        Column("measures", "防控措施", ("预防和控制措施", "防范措施", "主要防控措施", "廉政风险防控措施",
                                       "风险防控措施", "防控措施(制度)"), width=40),
        Column("person", "责任人", ("部门负责人", "科室负责人", "责任人员", "直接责任人"), width=9),
        Column("leader", "责任领导", ("分管领导", "主管领导", "责任领导人"), width=9),
        Column("next_review", "下次复核", ("复核日期", "下次复核日期", "复核时间"), kind="date", width=11),
        Column("status", "状态", ("确认状态", "评估状态"), kind="choice", choices=STATUS, width=7),
        Column("reason", "调整原因", ("等级调整原因", "调整理由", "变动原因"), width=16),
    )

    # ---- import ------------------------------------------------------------------------------

    def prepare(self, ctx: PlanContext, rows: Sequence[RowInput]) -> None:
        """Every risk point (by code and by unit + name) and every assessment of the file's years."""
        points = ctx.session.execute(select(RiskPoint.id, RiskPoint.code, RiskPoint.unit_id,
                                            RiskPoint.name, RiskPoint.post, RiskPoint.version)).all()
        ctx.state["by_code"] = {normalize(p.code): p for p in points}
        by_name: dict[tuple[int, str], list] = {}
        for p in points:
            by_name.setdefault((p.unit_id, normalize(p.name)), []).append(p)
        ctx.state["by_name"] = by_name
        assessments: dict[tuple[int, int], RiskRow] = {}
        for year in sorted({r.year for r in rows if r.year is not None}):
            ids = search_risk_ids(ctx.session, ctx.actor, RiskFilter(year=year, status="all"))
            for start in range(0, len(ids), CHUNK):
                for row in risk_rows(ctx.session, ids[start:start + CHUNK]):
                    assessments[(row.point_id, row.year)] = row
        ctx.state["assessments"] = assessments
        ctx.state["labels"] = load_settings(ctx.session).level_labels

    def plan_row(self, ctx: PlanContext, row: RowInput) -> RowOutcome:
        year = int(row.year)  # type: ignore[arg-type] — needs_year: the engine refused rows without
        name = required_text(str(row.get("name", "")), "风险点", "name", 200)
        unit_name = str(row.get("unit", "")).strip()
        unit = ctx.unit_ref(unit_name, "单位/科室")
        if not isinstance(unit, Pending):
            unit_name = ctx.unit_name(unit)
        code = limited_text(str(row.get("code", "")), "编号", "code", 40)
        point = _match_point(ctx, unit, name, str(row.get("post", "")).strip(), code)
        found = ctx.state["assessments"].get((point.id, year)) if point else None
        before = _values_of(found) if found else dict(_DEFAULTS)
        after = dict(before)
        for key in _DEFAULTS:
            if key in row.present and key not in ("level", "measures", "status"):
                value = row.values.get(key)
                after[key] = _DEFAULTS[key] if value is None else value
        if "measures" in row.present:
            after["measures"] = split_measures(str(row.get("measures", "")))
        if "status" in row.present and row.get("status") is not None:
            after["status"] = row.get("status")
        written = row.get("level")
        level = parse_level(written, ctx.state["labels"])
        if level is None:
            raise RowRejected(f"风险等级“{written}”无法识别（{LEVEL_HINT}）。")
        after["level"] = level
        for key, (label, limit) in _LIMITS.items():
            after[key] = limited_text(str(after[key]), label, key, limit)
        if not after["category"]:
            raise RowRejected("“风险类别”不能为空。")
        if found is not None and found.status == CONFIRMED and after["status"] == DRAFT:
            raise RowRejected("已确认的评估不能改回草稿。")
        values = {"unit_id": unit, "unit_name": unit_name, "name": name, "code": code or (point.code if point else ""),
                  "year": year, "reason": str(row.get("reason", "")).strip(), **after,
                  "point_id": point.id if point else None}
        summary = f"{year}年 {unit_name}·{name}"
        if found is None:
            key = ("code", normalize(code)) if code else ("name", _key(unit), normalize(name), after["post"])
            return RowOutcome("add", values, summary, match_key=(*key, year))
        action = "unchanged" if after == before else "update"
        return RowOutcome(action, values, summary, found.id, found.version,
                          changed(self.columns, _shown(ctx, before), _shown(ctx, after)))

    def apply_order(self, rows: Sequence[PlannedRow]) -> Sequence[PlannedRow]:
        """Earlier years first, so that a level history across years reads in order."""
        return sorted(rows, key=lambda r: r.values["year"])

    def apply_row(self, ctx: ApplyContext, row: PlannedRow) -> int:
        v = ctx.values(row)
        session, actor, today = ctx.session, ctx.actor, ctx.today
        point_id = v["point_id"] or _point_added_earlier(session, v)
        point = session.get(RiskPoint, point_id) if point_id else None
        current = session.get(RiskAssessment, row.target_id) if row.target_id else None
        version = row.target_version
        if current is not None and current.status == RETIRED and v["status"] != RETIRED:
            risks_write.reinstate_risk(session, actor, current.id, version)
            version = current.version
        previous = current.level if current is not None else (
            previous_confirmed_level(session, point.id, v["year"]) if point else None)
        reason = v["reason"] or (IMPORT_REASON if previous is not None and previous != v["level"] else "")
        status = v["status"] if v["status"] in (DRAFT, CONFIRMED) else CONFIRMED
        if current is not None and current.status == DRAFT and status == CONFIRMED:
            status = DRAFT  # confirmed below, after the content is saved
        draft = risks_types.RiskDraft(
            unit_id=v["unit_id"], name=v["name"], year=v["year"], category=v["category"],
            level=v["level"], post=v["post"], duty_item=v["duty_item"],
            code="" if point else v["code"], description=v["description"],
            likelihood=v["likelihood"], consequence=v["consequence"], measures=tuple(v["measures"]),
            responsible_person=v["person"], responsible_leader=v["leader"],
            next_review=v["next_review"], level_reason=reason, status=status,
            point_id=point.id if point else None,
            id=current.id if current is not None else None, version=version if current else None)
        assessment_id = risks_write.save_risk(session, actor, draft, today)
        saved = session.get(RiskAssessment, assessment_id)
        if v["status"] == RETIRED and saved.status != RETIRED:
            risks_write.retire_risk(session, actor, assessment_id, reason="导入台账")
        elif v["status"] == CONFIRMED and saved.status == DRAFT:
            risks_write.confirm_risk(session, actor, assessment_id)
        return assessment_id

    # ---- export ------------------------------------------------------------------------------

    def export_rows(self, session: Session, actor: Actor, *, year: int | None,
                    unit_id: int | None) -> Iterator[list[object]]:
        settings = load_settings(session)
        years = [year] if year is not None else sorted(assessment_years(session))
        number = 0
        for each in years:
            ids = search_risk_ids(session, actor, RiskFilter(year=each, unit_id=unit_id, status="all"))
            for start in range(0, len(ids), CHUNK):
                rows = risk_rows(session, ids[start:start + CHUNK])
                reasons = _reasons(session, each, [r.point_id for r in rows])
                for r in rows:
                    number += 1
                    level = ExportCell(settings.level_label(r.level), _tint(settings.level_color(r.level)))
                    yield [number, r.year, r.code, r.unit_name, r.post, r.duty_item, r.name,
                           r.description, r.category_label, level, r.likelihood, r.consequence,
                           numbered(r.measures), r.responsible_person, r.responsible_leader,
                           r.next_review, r.status_label, reasons.get(r.point_id, "")]


def _match_point(ctx: PlanContext, unit: int | Pending, name: str, post: str, code: str):  # noqa: ANN202
    """The existing risk point a row describes, or None for a new one."""
    if code:
        point = ctx.state["by_code"].get(normalize(code))
        if point is None:
            return None
        if isinstance(unit, Pending) or point.unit_id != unit or normalize(point.name) != normalize(name):
            raise RowRejected(f"编号“{code}”已是“{ctx.unit_name(point.unit_id)}·{point.name}”的编号，"
                              "与本行的单位或风险点不一致。")
        if not ctx.actor.may_touch_unit(point.unit_id):
            raise RowRejected("当前用户无权导入该单位的风险点。")
        return point
    if isinstance(unit, Pending):
        return None
    same = ctx.state["by_name"].get((unit, normalize(name)), [])
    if len(same) > 1:
        same = [p for p in same if normalize(p.post) == normalize(post)]
        if len(same) != 1:
            raise RowRejected(f"“{ctx.unit_name(unit)}”有多个名为“{name}”的风险点，请填写编号或岗位以区分。")
    return same[0] if same else None


def _point_added_earlier(session: Session, v: dict) -> int | None:
    """A point an earlier row of the same file added (another year of a new point)."""
    query = select(RiskPoint.id).where(RiskPoint.unit_id == v["unit_id"], RiskPoint.name == v["name"],
                                       RiskPoint.post == v["post"])
    if v["code"]:
        query = select(RiskPoint.id).where(RiskPoint.code == v["code"])
    return session.scalar(query)


def _values_of(row: RiskRow) -> dict[str, object]:
    return {"post": row.post, "duty_item": row.duty_item, "description": row.description,
            "category": row.category, "level": row.level, "likelihood": row.likelihood,
            "consequence": row.consequence, "measures": row.measures, "person": row.responsible_person,
            "leader": row.responsible_leader, "next_review": row.next_review, "status": row.status}


def _key(unit: int | Pending) -> object:
    return unit.key if isinstance(unit, Pending) else unit


def _shown(ctx: PlanContext, values: dict[str, object]) -> dict[str, object]:
    """Values as the preview shows them: labels, not codes."""
    shown = dict(values)
    if isinstance(values["category"], str):
        shown["category"] = ctx.vocab.label("risk_category", values["category"])
    level = values["level"]
    shown["level"] = ctx.state["labels"].get(str(level), level) if level else None
    shown["status"] = ASSESSMENT_STATUS.get(str(values["status"]), values["status"])
    return shown


def _reasons(session: Session, year: int, point_ids: list[int]) -> dict[int, str]:
    """The latest level-change reason of each point in the year (first levels left out)."""
    query = (select(RiskLevelChange.risk_point_id, RiskLevelChange.reason)
             .where(RiskLevelChange.year == year, RiskLevelChange.from_level.is_not(None),
                    RiskLevelChange.risk_point_id.in_(point_ids))
             .order_by(RiskLevelChange.changed_on, RiskLevelChange.id))
    return dict(session.execute(query).all())


def _tint(colour: str, keep: float = 0.55) -> str:
    """The level colour lightened toward white, so black text on it stays readable."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * keep + 255 * (1 - keep)):02X}" for c in rgb)
