"""主体责任考核 in Excel, on two sheets: 考核 (one row per unit and year: the score of each of the
four sources, 评分构成, 总分, 等次, 一票否决) and 述职述廉 (one row per leader and year: 民主评议
满意度 and 等次). An import reads both; a row is a leader's when its sheet has 姓名.

A unit's row is matched by year and unit. Its scoring table keeps its items: a source's score
goes to that source's item (a source with several items takes a score only when unchanged —
those are edited in the program); 评分构成 (“日常抽查30%、…”) rebuilds the table one item per
source when the weights differ. A leader's row is matched by year and person (姓名, and 单位
where namesakes exist or the person has moved since). 总分 and 职务 are written on export only."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from app.common import clean, limited_text
from app.dictionaries import normalize
from app.excel.adapter import Register, SheetSpec
from app.excel.columns import Column, RowInput, RowOutcome, RowRejected, changed
from app.excel.people import PeopleIndex, person_text, split_person
from app.registers.assessments.query import (
    assessment_rows,
    previous_items,
    report_rows,
    search_assessment_ids,
    search_report_ids,
)
from app.registers.assessments.rules import DEFAULT_ITEMS, check_grade, checked_items, parse_weights, total_of
from app.registers.assessments.types import (
    AssessmentDraft,
    AssessmentFilter,
    AssessmentRow,
    ItemDraft,
    LeaderReportDraft,
    LeaderReportFilter,
    LeaderReportRow,
)
from app.registers.assessments.write import save_assessment, save_report
from app.vocab import APPRAISAL_RATINGS, ASSESSMENT_GRADES, ASSESSMENT_SOURCES

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.excel.context import ApplyContext, PlanContext
    from app.excel.plan import PlannedRow

UNIT_SHEET, LEADER_SHEET = "考核", "述职述廉"
SOURCE_KEYS = {"daily": "daily", "key": "key", "report": "report", "appraisal": "satisfaction"}
GRADE_CHOICES = {**{label: code for code, label in ASSESSMENT_GRADES.items()}, "未评定": "", "优秀": "good",
                 "良好": "fair", "合格": "average", "称职": "average", "不合格": "poor", "较差": "poor"}
RATING_CHOICES = {**{label: code for code, label in APPRAISAL_RATINGS.items()}, "未评议": ""}
_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d+)?)\s*%?\s*分?\s*$")

C = Column
YEAR = C("year", "年度", ("考核年度",), kind="year", width=7)
UNIT = C("unit", "单位", ("被考核单位", "单位名称", "所在单位", "科室"), width=18, names="unit")
NOTES = C("notes", "备注", ("说明",), width=14)
SATISFACTION = C("satisfaction", "民主评议满意度", ("民主评议", "满意度", "民主测评满意度", "测评满意度"), width=10)
UNIT_COLUMNS = (
    YEAR, UNIT,
    C("head", "主要负责人", ("负责人", "单位负责人"), width=10, names="person"),
    C("daily", "日常抽查", ("日常抽查得分",), width=8),
    C("key", "重点检查", ("重点检查得分",), width=8),
    C("report", "述职述廉", ("述职述廉得分",), width=8),
    SATISFACTION,
    C("weights", "评分构成", ("权重", "考核权重", "评分权重"), width=30),
    C("total", "总分", ("考核得分", "得分", "综合得分"), width=7, export_only=True),
    C("grade", "考核等次", ("等次", "考核结果", "评定等次"), kind="choice", choices=GRADE_CHOICES, width=8),
    C("veto", "一票否决", ("是否一票否决",), kind="bool", width=8),
    C("veto_reason", "否决原因", ("一票否决原因", "否决事由"), width=24),
    C("assessed_on", "考核日期", ("考核时间",), kind="date", width=11),
    NOTES,
)
LEADER_COLUMNS = (
    YEAR,
    C("person", "姓名", ("述职人", "述职述廉人", "领导干部"), width=9, names="person"),
    UNIT,
    C("position", "职务", ("现任职务",), width=16, export_only=True),
    C("reported_on", "述职日期", ("述职时间",), kind="date", width=11),
    C("summary", "述职述廉要点", ("述职述廉情况", "述职要点", "主要内容"), width=36),
    SATISFACTION,
    C("rating", "评议等次", ("民主评议等次", "测评等次", "评议结果"), kind="choice", choices=RATING_CHOICES, width=9),
    NOTES,
)


def _number(value: object, header: str) -> float | None:
    text = clean(str(value if value is not None else ""))
    if not text:
        return None
    match = _NUMBER.match(text)
    if not match:
        raise RowRejected(f"“{header}”的值“{text}”应为 0–100 之间的数。")
    return round(float(match.group(1)), 1)


def _source_weights(items: Sequence[ItemDraft]) -> list[tuple[str, int]]:
    found: dict[str, int] = {}
    for i in items:
        found[i.source] = found.get(i.source, 0) + (i.weight or 0)
    return list(found.items())


def weights_text(items: Sequence[ItemDraft]) -> str:
    """Each source's weight: 日常抽查30%、重点检查30%、述职述廉20%、民主评议20%."""
    return "、".join(f"{ASSESSMENT_SOURCES.get(s, s)}{w}%" for s, w in _source_weights(items))


def _source_score(items: Sequence[ItemDraft], source: str) -> float | None:
    chosen = [i for i in items if i.source == source]
    if not chosen or any(i.score is None for i in chosen):
        return None
    weight = sum(i.weight or 0 for i in chosen)
    return round(sum((i.weight or 0) * i.score for i in chosen) / weight, 1)  # type: ignore[operator]


class AssessmentsRegister(Register):
    key = "assessments"
    title = "主体责任考核"
    yearly = True
    needs_year = True
    columns = tuple(dict((c.key, c) for c in (*UNIT_COLUMNS, *LEADER_COLUMNS)).values())
    sheets = (SheetSpec(UNIT_SHEET, UNIT_COLUMNS), SheetSpec(LEADER_SHEET, LEADER_COLUMNS))

    def prepare(self, ctx: PlanContext, rows: Sequence[RowInput]) -> None:
        ctx.state["people"] = PeopleIndex(ctx.session)
        years = sorted({r.year for r in rows if r.year})
        units: dict[tuple, AssessmentRow] = {}
        leaders: dict[tuple, LeaderReportRow] = {}
        for year in years:
            for a in assessment_rows(ctx.session, search_assessment_ids(ctx.session, ctx.actor, AssessmentFilter(year=year))):
                units[(a.year, a.unit_id)] = a
            for r in report_rows(ctx.session, search_report_ids(ctx.session, ctx.actor, LeaderReportFilter(year=year))):
                leaders[(r.year, r.person_id)] = r
                leaders[("filed", r.year, normalize(r.person_name), normalize(r.unit_name))] = r
        ctx.state["units"], ctx.state["leaders"] = units, leaders

    def plan_row(self, ctx: PlanContext, row: RowInput) -> RowOutcome:
        if "person" in row.present:
            return self._plan_leader(ctx, row)
        return self._plan_unit(ctx, row)

    # ---- 考核 per unit -------------------------------------------------------------------------

    def _plan_unit(self, ctx: PlanContext, row: RowInput) -> RowOutcome:
        year = row.year
        unit_name = clean(str(row.get("unit", "")))
        if not unit_name:
            raise RowRejected("“单位”不能为空。")
        unit = ctx.unit_ref(unit_name, "单位")
        found: AssessmentRow | None = ctx.state["units"].get((year, unit)) if isinstance(unit, int) else None  # type: ignore[union-attr]
        if found is not None:
            items = [i.as_draft() for i in found.items]
        else:
            earlier = previous_items(ctx.session, unit, year) if isinstance(unit, int) and year else []
            items = [i.as_draft() for i in earlier] or list(DEFAULT_ITEMS)
        before_items = tuple(items)
        if "weights" in row.present and clean(str(row.get("weights", "") or "")):
            written = parse_weights(str(row.get("weights")))
            if written != _source_weights(items):
                items = [ItemDraft(ASSESSMENT_SOURCES[s], s, w) for s, w in written]
        for source, key in SOURCE_KEYS.items():
            if key not in row.present:
                continue
            header = self.column(key).header
            score = _number(row.get(key), header)
            chosen = [n for n, i in enumerate(items) if i.source == source]
            if not chosen:
                if score is not None:
                    raise RowRejected(f"评分构成中没有“{ASSESSMENT_SOURCES[source]}”，不能填写其得分。")
                continue
            if len(chosen) > 1:
                if score != _source_score(items, source):
                    raise RowRejected(f"该单位的“{ASSESSMENT_SOURCES[source]}”有 {len(chosen)} 个考核项目，"
                                      "请在程序中逐项修改得分。")
                continue
            n = chosen[0]
            items[n] = ItemDraft(items[n].name, items[n].source, items[n].weight, score)
        items = checked_items(items)  # the service's own checks (weights to 100, scores 0–100)
        base = ({"grade": found.grade, "veto": found.veto, "veto_reason": found.veto_reason,
                 "head_id": found.head_id, "assessed_on": found.assessed_on, "notes": found.notes}
                if found else {"grade": "", "veto": False, "veto_reason": "", "head_id": None,
                               "assessed_on": None, "notes": ""})
        after = dict(base)
        for key in ("grade", "veto", "assessed_on"):
            if key in row.present:
                value = row.values.get(key)
                after[key] = ({"grade": "", "veto": False}.get(key) if value is None else value)
        for key, label in (("veto_reason", "否决原因"), ("notes", "备注")):
            if key in row.present:
                after[key] = limited_text(str(row.get(key, "")), label, key, 2000)
        if "head" in row.present and clean(str(row.get("head", "") or "")):
            after["head_id"] = self._head(ctx, str(row.get("head")), unit_name, found)
        check_grade(str(after["grade"] or ""), bool(after["veto"]))
        if after["veto"] and not after["veto_reason"]:
            raise RowRejected("一票否决请在“否决原因”中写明原因。")
        values = {"year": year, "unit_id": unit, "items": tuple(items), **after}
        total = total_of(items)
        summary = f"{year}年 {unit_name}" + (f" {total:g}分" if total is not None else "")
        if found is None:
            return RowOutcome("add", values, summary, match_key=("unit", year, str(unit)))
        same = after == base and tuple(items) == before_items
        return RowOutcome("unchanged" if same else "update", values, summary, found.id, found.version,
                          changed(self.columns, _unit_shown(before_items, base), _unit_shown(tuple(items), after)),
                          part=UNIT_SHEET)

    def _head(self, ctx: PlanContext, written: str, unit_name: str, found: AssessmentRow | None) -> int:
        name, written_unit, _ = split_person(clean(written))
        if found is not None and found.head_id is not None and normalize(found.head_name) == normalize(name):
            return found.head_id
        people: PeopleIndex = ctx.state["people"]  # type: ignore[assignment]
        candidates = people.candidates(name, written_unit or unit_name) or people.candidates(name)
        if len(candidates) > 1:
            raise RowRejected(f"主要负责人“{name}”在人员名册中有多人同名。")
        if not candidates:  # mapped, or rejected with a 可能是 proposal
            return ctx.person_ref(name, None, written_unit, "主要负责人", create=False)  # type: ignore[return-value]
        return candidates[0]

    # ---- 述职述廉 per leader -------------------------------------------------------------------

    def _plan_leader(self, ctx: PlanContext, row: RowInput) -> RowOutcome:
        year = row.year
        name, written_unit, _ = split_person(clean(str(row.get("person", ""))))
        if not name:
            raise RowRejected("“姓名”不能为空。")
        unit_name = clean(str(row.get("unit", "") or "")) or written_unit
        leaders: dict = ctx.state["leaders"]  # type: ignore[assignment]
        found: LeaderReportRow | None = leaders.get(("filed", year, normalize(name), normalize(unit_name)))
        person_id = found.person_id if found else None
        if person_id is None:
            people: PeopleIndex = ctx.state["people"]  # type: ignore[assignment]
            candidates = people.candidates(name, unit_name)
            if len(candidates) > 1:
                raise RowRejected(f"述职人“{name}”在人员名册中有 {len(candidates)} 人同名，请填写其单位以区分。")
            known = ctx.units().get(normalize(unit_name)) if unit_name else None
            person_id = candidates[0] if candidates else ctx.person_ref(  # mapped, or rejected (可能是)
                name, known.id if known else None, unit_name, "述职人", create=False)
            found = leaders.get((year, person_id))
        base = ({"reported_on": found.reported_on, "summary": found.summary, "satisfaction": found.satisfaction,
                 "rating": found.rating, "notes": found.notes} if found else
                {"reported_on": None, "summary": "", "satisfaction": None, "rating": "", "notes": ""})
        after = dict(base)
        if "reported_on" in row.present:
            after["reported_on"] = row.values.get("reported_on")
        if "rating" in row.present:
            after["rating"] = row.values.get("rating") or ""
        if "satisfaction" in row.present:
            after["satisfaction"] = _number(row.get("satisfaction"), "民主评议满意度")
        for key, label, size in (("summary", "述职述廉要点", 10000), ("notes", "备注", 2000)):
            if key in row.present:
                after[key] = limited_text(str(row.get(key, "")), label, key, size)
        values = {"kind": "leader", "year": year, "person_id": person_id, **after}
        summary = f"{year}年 {name} 述职述廉"
        if found is None:
            return RowOutcome("add", values, summary, match_key=("leader", year, person_id))
        return RowOutcome("unchanged" if after == base else "update", values, summary, found.id, found.version,
                          changed(self.columns, _leader_shown(base), _leader_shown(after)), part=LEADER_SHEET)

    # ---- writing and exporting ---------------------------------------------------------------

    def apply_row(self, ctx: ApplyContext, row: PlannedRow) -> int:
        v = ctx.values(row)
        if v.get("kind") == "leader":
            return save_report(ctx.session, ctx.actor, LeaderReportDraft(
                v["year"], v["person_id"], v["reported_on"], v["summary"], v["satisfaction"], v["rating"],
                v["notes"], id=row.target_id, version=row.target_version), ctx.today)
        return save_assessment(ctx.session, ctx.actor, AssessmentDraft(
            v["year"], v["unit_id"], v["items"], v["grade"], v["veto"], v["veto_reason"],
            head_id=v["head_id"], assessed_on=v["assessed_on"], notes=v["notes"],
            id=row.target_id, version=row.target_version), ctx.today)

    def sheet_rows(self, session: Session, actor: Actor, sheet: str, *, year: int | None,
                   unit_id: int | None, today: dt.date) -> Iterable[Sequence[object]]:
        namesakes = PeopleIndex(session).namesakes
        if sheet == UNIT_SHEET:
            for a in assessment_rows(session, search_assessment_ids(
                    session, actor, AssessmentFilter(year=year, unit_id=unit_id))):
                items = [i.as_draft() for i in a.items]
                yield [a.year, a.unit_name, person_text(a.head_name, a.unit_name, namesakes) if a.head_name else "",
                       *(_source_score(items, s) for s in SOURCE_KEYS), weights_text(items), a.total,
                       a.grade_label if a.grade else "", a.veto, a.veto_reason, a.assessed_on, a.notes]
            return
        for r in report_rows(session, search_report_ids(session, actor, LeaderReportFilter(year=year, unit_id=unit_id))):
            yield [r.year, r.person_name, r.unit_name, r.position, r.reported_on, r.summary, r.satisfaction,
                   r.rating_label, r.notes]

    def export_rows(self, session: Session, actor: Actor, *, year: int | None,
                    unit_id: int | None) -> Iterable[Sequence[object]]:
        raise NotImplementedError("主体责任考核 is exported on its two sheets (sheet_rows)")


def _unit_shown(items: tuple[ItemDraft, ...], values: dict[str, object]) -> dict[str, object]:
    shown = {key: _source_score(items, source) for source, key in SOURCE_KEYS.items()}
    grade = values["grade"]
    return {**shown, "weights": weights_text(items), "grade": ASSESSMENT_GRADES.get(str(grade), "未评定"),
            "veto": values["veto"], "veto_reason": values["veto_reason"], "assessed_on": values["assessed_on"],
            "notes": values["notes"], "head": values["head_id"]}


def _leader_shown(values: dict[str, object]) -> dict[str, object]:
    return {**values, "rating": APPRAISAL_RATINGS.get(str(values["rating"]), "")}

