"""廉政教育开展情况登记表 in Excel: a session is matched by its date, theme and organiser (two units
may hold a 党课 of one theme on one day). 参加人员 is one cell of names as talks write them
(、-separated; 姓名（单位） where namesakes exist; someone outside the register kept as written);
人次 is written on export only. 组织单位 blank or 局党组 (a name no unit bears): the bureau's."""
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
from app.excel.people import (
    OUTSIDER,
    PeopleIndex,
    outsider_text,
    person_text,
    split_person,
)
from app.registers.education.query import search_session_ids, session_rows
from app.registers.education.rules import BUREAU
from app.registers.education.types import EducationDraft, EducationFilter, EducationRow
from app.registers.education.write import save_session
from app.registers.talks.excel import split_people
from app.registers.talks.types import ParticipantDraft, ParticipantRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.excel.context import ApplyContext, PlanContext
    from app.excel.plan import PlannedRow

CHUNK = 200
BUREAU_WORDS = ("局党组", "党组", "局机关党委", "局机关纪委", "全局", "全系统")
_TEXTS = (("place", "地点", 200), ("speaker", "主讲人", 100), ("case_text", "案例", 10000),
          ("content", "主要内容", 20000), ("notes", "备注", 2000))


def participants_of(ctx: PlanContext, written: str, known: Sequence[ParticipantRow] = ()) -> tuple[ParticipantDraft, ...]:
    """The people a cell names: the session's own participant of that name (and unit, as filed),
    else the registered person (in that unit, now or before a move), else an outsider."""
    people: PeopleIndex = ctx.state["people"]  # type: ignore[assignment]
    found = []
    for text in split_people(written):
        name, unit_name, position = split_person(text)
        if not name:
            continue
        if unit_name == OUTSIDER:
            found.append(ParticipantDraft(name=name))
            continue
        same = [k for k in known if normalize(k.name) == normalize(name)
                and (not unit_name or normalize(k.unit_name) == normalize(unit_name))]
        if len(same) == 1:
            found.append(same[0].as_draft())
            continue
        candidates = people.candidates(name, unit_name)
        if len(candidates) == 1:
            found.append(ParticipantDraft(name=name, person_id=candidates[0]))
        elif candidates:
            raise RowRejected(f"参加人员“{name}”在人员名册中有 {len(candidates)} 人同名，请写成“{name}（单位）”以区分。")
        elif (mapped := ctx.person_or_outsider(name, unit_name)) is not None:
            found.append(ParticipantDraft(name=name, person_id=mapped))  # the clerk's mapping
        else:  # an outsider, as written (可能是 when a registered name is close)
            found.append(ParticipantDraft(name=name, unit_name=unit_name, position=position))
    return tuple(found)


def _who(people: Sequence[ParticipantDraft | ParticipantRow]) -> tuple:
    return tuple(p.person_id or p.name for p in people)


class EducationRegister(Register):
    key = "education"
    title = "廉政教育开展情况登记表"
    yearly = True
    columns = (
        Column("held_on", "活动日期", ("日期", "时间", "教育日期", "开展时间"), kind="date", required=True, width=11),
        Column("form", "教育形式", ("形式", "活动形式", "类别", "教育类型"), kind="dict", domain="education_form",
               required=True, width=16),
        Column("theme", "主题", ("活动主题", "教育主题", "题目", "内容主题", "活动名称"), required=True, width=28),
        Column("organiser", "组织单位", ("主办单位", "组织部门", "承办单位"), width=14, names="unit"),
        Column("place", "地点", ("活动地点",), width=14),
        Column("speaker", "主讲人", ("授课人", "讲课人", "宣讲人"), width=12),
        Column("case_text", "案例", ("典型案例", "学习案例", "剖析案例"), width=24),
        Column("participants", "参加人员", ("参加人", "参会人员", "参学人员", "出席人员"), width=40,
               names="person"),
        Column("people", "人次", ("参加人次",), kind="int", width=7, export_only=True),
        Column("content", "主要内容", ("内容", "活动内容", "活动情况"), width=30),
        Column("notes", "备注", ("说明",), width=14),
    )

    def prepare(self, ctx: PlanContext, rows: Sequence[RowInput]) -> None:
        ctx.state["people"] = PeopleIndex(ctx.session)
        existing: dict[tuple, list[EducationRow]] = {}
        ids = search_session_ids(ctx.session, ctx.actor, EducationFilter())
        for start in range(0, len(ids), CHUNK):
            for s in session_rows(ctx.session, ids[start:start + CHUNK]):
                existing.setdefault((s.held_on, normalize(s.theme)), []).append(s)
        ctx.state["sessions"] = existing

    def _organiser(self, ctx: PlanContext, written: str) -> int | Pending | None:
        """A unit's name is that unit; blank or 局党组 (no unit of that name) the bureau's."""
        if normalize(written) in ctx.units():
            return ctx.unit_ref(written, "组织单位")
        return None if normalize(written) in ("", *BUREAU_WORDS) else ctx.unit_ref(written, "组织单位")

    def plan_row(self, ctx: PlanContext, row: RowInput) -> RowOutcome:
        day = row.get("held_on")
        theme = required_text(str(row.get("theme", "")), "主题", "theme", 200)
        same: list[EducationRow] = ctx.state["sessions"].get((day, normalize(theme)), [])  # type: ignore[union-attr]
        organiser = (self._organiser(ctx, str(row.get("organiser", "") or "").strip())
                     if "organiser" in row.present else None)
        if "organiser" in row.present:
            same = [s for s in same if s.organiser_id == organiser]
        elif len(same) > 1:
            raise RowRejected(f"{day:%Y-%m-%d}有 {len(same)} 次主题为“{theme}”的活动，请填写“组织单位”列以区分。")
        found = same[0] if same else None
        before: dict[str, object] = ({"form": found.form, "organiser_id": found.organiser_id,
                                      "participants": tuple(p.as_draft() for p in found.participants),
                                      **{k: getattr(found, k) for k, _, _ in _TEXTS}} if found else
                                     {"form": row.get("form"), "organiser_id": None, "participants": (),
                                      **{k: "" for k, _, _ in _TEXTS}})
        after = dict(before, form=row.get("form") or before["form"])
        if "organiser" in row.present:
            after["organiser_id"] = organiser
        if "participants" in row.present:
            after["participants"] = participants_of(ctx, str(row.get("participants", "") or ""),
                                                    found.participants if found else ())
        for key, label, size in _TEXTS:
            if key in row.present:
                after[key] = limited_text(str(row.get(key, "")), label, key, size)
        values = {"held_on": day, "theme": theme, **after}
        summary = f"{day:%Y-%m-%d} {theme}（{len(after['participants'])} 人）"  # type: ignore[arg-type]
        if found is None:
            return RowOutcome("add", values, summary, match_key=(day, normalize(theme), str(organiser)))
        same = (_comparable(after) == _comparable(before))
        return RowOutcome("unchanged" if same else "update", values, summary, found.id, found.version,
                          changed(self.columns, _shown(ctx, before), _shown(ctx, after)))

    def apply_row(self, ctx: ApplyContext, row: PlannedRow) -> int:
        v = ctx.values(row)
        return save_session(ctx.session, ctx.actor, EducationDraft(
            v["held_on"], v["form"], v["theme"], v["participants"], v["organiser_id"], v["case_text"],
            place=v["place"], speaker=v["speaker"], content=v["content"], notes=v["notes"],
            id=row.target_id, version=row.target_version), ctx.today)

    def export_rows(self, session: Session, actor: Actor, *, year: int | None,
                    unit_id: int | None) -> Iterator[list[object]]:
        ids = search_session_ids(session, actor, EducationFilter(year=year, unit_id=unit_id), "held_on", False)
        index = PeopleIndex(session)
        namesakes, registered = index.namesakes, index.names
        for start in range(0, len(ids), CHUNK):
            for s in session_rows(session, ids[start:start + CHUNK]):
                people = "、".join(person_text(p.name, p.unit_name, namesakes) if p.person_id is not None
                                   else outsider_text(p.name, p.unit_name, p.position, registered)
                                   for p in s.participants)
                yield [s.held_on, s.form_label, s.theme, s.organiser_name, s.place, s.speaker, s.case_text,
                       people, s.people, s.content, s.notes]


def _comparable(values: dict[str, object]) -> dict[str, object]:
    return {**values, "participants": _who(values["participants"])}  # type: ignore[arg-type]


def _shown(ctx: PlanContext, values: dict[str, object]) -> dict[str, object]:
    form, organiser = values["form"], values["organiser_id"]
    return {**values, "form": ctx.vocab.label("education_form", form) if isinstance(form, str) else form,
            "organiser": BUREAU if organiser is None else (ctx.unit_name(organiser) if isinstance(organiser, int)
                                                          else str(organiser)),
            "participants": tuple(p.name for p in values["participants"])}  # type: ignore[union-attr]
