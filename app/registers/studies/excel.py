"""党组（班子）专题研究全面从严治党工作登记表 in Excel: a study is matched by its date, the studying
body and its topics. 研究主体 blank or 局党组 is the 党组's own; otherwise a unit's 班子."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from app.common import limited_text, required_text
from app.dictionaries import normalize
from app.excel.adapter import Register
from app.excel.columns import Column, Pending, RowInput, RowOutcome, changed
from app.registers.studies.query import search_study_ids, study_rows
from app.registers.studies.types import PARTY_GROUP, StudyDraft, StudyFilter, StudyRow
from app.registers.studies.write import MAX_TEXT, save_study

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.excel.context import ApplyContext, PlanContext
    from app.excel.plan import PlannedRow

CHUNK = 1000
PARTY_WORDS = ("局党组", "党组", "本局党组", "党组会")
_TEXTS = (("presided", "主持人", 50), ("reporter", "汇报人", 100), ("attendees", "参会人员", MAX_TEXT),
          ("decisions", "研究决定", MAX_TEXT), ("notes", "备注", 2000))


class StudiesRegister(Register):
    key = "studies"
    title = "专题研究全面从严治党工作登记表"
    yearly = True
    columns = (
        Column("held_on", "会议日期", ("日期", "研究日期", "会议时间", "时间"), kind="date", required=True, width=11),
        Column("meeting", "会议形式", ("会议名称", "会议类型", "形式"), kind="dict", domain="study_meeting",
               required=True, width=16),
        Column("unit", "研究主体", ("单位", "班子", "研究单位", "所在单位"), width=14, names="unit"),
        Column("topics", "研究议题", ("议题", "研究内容", "会议议题", "主要内容", "研究事项"), required=True, width=36),
        Column("presided", "主持人", ("主持",), width=9),
        Column("reporter", "汇报人", ("汇报", "汇报人员"), width=14),
        Column("attendees", "参会人员", ("出席人员", "参加人员"), width=20),
        Column("decisions", "研究决定", ("决定事项", "研究意见", "部署事项", "会议决定"), width=36),
        Column("notes", "备注", ("说明",), width=14),
    )

    def prepare(self, ctx: PlanContext, rows: Sequence[RowInput]) -> None:
        existing: dict[tuple, StudyRow] = {}
        ids = search_study_ids(ctx.session, ctx.actor, StudyFilter())
        for start in range(0, len(ids), CHUNK):
            for s in study_rows(ctx.session, ids[start:start + CHUNK]):
                existing[(s.held_on, s.unit_id, normalize(s.topics))] = s
        ctx.state["studies"] = existing

    def plan_row(self, ctx: PlanContext, row: RowInput) -> RowOutcome:
        day = row.get("held_on")
        topics = required_text(str(row.get("topics", "")), "研究议题", "topics", MAX_TEXT)
        written = str(row.get("unit", "") or "").strip()
        party = normalize(written) in ("", *PARTY_WORDS) and normalize(written) not in ctx.units()
        unit: int | Pending | None = None if party else ctx.unit_ref(written, "研究主体")
        found: StudyRow | None = ctx.state["studies"].get((day, unit, normalize(topics)))  # type: ignore[union-attr]
        before = ({"meeting": found.meeting, **{k: getattr(found, k) for k, _, _ in _TEXTS}} if found else
                  {"meeting": row.get("meeting"), **{k: "" for k, _, _ in _TEXTS}})
        after = dict(before, meeting=row.get("meeting") or before["meeting"])
        for key, label, size in _TEXTS:
            if key in row.present:
                after[key] = limited_text(str(row.get(key, "")), label, key, size)
        values = {"held_on": day, "unit_id": unit, "topics": topics, **after}
        name = PARTY_GROUP if unit is None else written
        summary = f"{day:%Y-%m-%d} {name}：{topics[:20]}"
        if found is None:
            return RowOutcome("add", values, summary, match_key=(day, str(unit), normalize(topics)))
        action = "unchanged" if after == before else "update"
        return RowOutcome(action, values, summary, found.id, found.version,
                          changed(self.columns, _shown(ctx, before), _shown(ctx, after)))

    def apply_row(self, ctx: ApplyContext, row: PlannedRow) -> int:
        v = ctx.values(row)
        return save_study(ctx.session, ctx.actor, StudyDraft(
            v["held_on"], v["meeting"], v["topics"], v["unit_id"], v["presided"], v["reporter"], v["attendees"],
            v["decisions"], v["notes"], id=row.target_id, version=row.target_version), ctx.today)

    def export_rows(self, session: Session, actor: Actor, *, year: int | None,
                    unit_id: int | None) -> Iterator[list[object]]:
        ids = search_study_ids(session, actor, StudyFilter(year=year, unit_id=unit_id), "held_on", False)
        for start in range(0, len(ids), CHUNK):
            for s in study_rows(session, ids[start:start + CHUNK]):
                yield [s.held_on, s.meeting_label, s.unit_name, s.topics, s.presided, s.reporter, s.attendees,
                       s.decisions, s.notes]


def _shown(ctx: PlanContext, values: dict[str, object]) -> dict[str, object]:
    meeting = values["meeting"]
    return {**values, "meeting": ctx.vocab.label("study_meeting", meeting) if isinstance(meeting, str) else meeting}
