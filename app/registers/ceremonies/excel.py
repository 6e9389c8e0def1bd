"""婚丧喜庆报备 in Excel: a report is matched by the reporter + the event's date + its kind.

The reporter is a registered person: 姓名 (and 单位, which tells homonyms apart). A report already
in the register is recognised by the name and the unit it was filed under even when the person has
moved since (an exported sheet imports back unchanged). 报备时限 and 提醒谈话 are written on export
only: the first is worked out from the dates, the second is linked in the form.
"""
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
from app.registers.ceremonies.query import report_rows, search_report_ids
from app.registers.ceremonies.types import GIFTS, CeremonyDraft, CeremonyFilter, CeremonyRow
from app.registers.ceremonies.write import save_report
from app.vocab import CEREMONY_RELATIONS, CEREMONY_SCOPES

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.auth import Actor
    from app.excel.context import ApplyContext, PlanContext
    from app.excel.plan import PlannedRow

CHUNK = 1000
_FIELDS = ("relation", "place", "tables", "guests", "scope", "public_car", "public_funds", "subordinate_gifts",
           "pledge_signed", "reported_on", "notes")
_DEFAULTS: dict[str, object] = {"relation": "", "place": "", "tables": None, "guests": None, "scope": "",
                                "public_car": False, "public_funds": False, "subordinate_gifts": False,
                                "pledge_signed": False, "reported_on": None, "notes": ""}
RELATIONS = {**{label: code for code, label in CEREMONY_RELATIONS.items()},
             "本人婚事": "self", "儿子": "child", "女儿": "child", "父亲": "parent", "母亲": "parent",
             "岳父": "parent_in_law", "岳母": "parent_in_law", "公公": "parent_in_law", "婆婆": "parent_in_law",
             "祖父": "grandparent", "祖母": "grandparent", "外祖父": "grandparent", "外祖母": "grandparent",
             "妻子": "spouse", "丈夫": "spouse", "兄弟": "sibling", "姐妹": "sibling"}
SCOPES = {label: code for code, label in CEREMONY_SCOPES.items()}


class CeremoniesRegister(Register):
    key = "ceremonies"
    title = "婚丧喜庆事宜报备登记表"
    yearly = True
    columns = (
        Column("name", "姓名", ("报备人", "报告人", "报备人姓名", "当事人"), required=True, width=8, names="person"),
        Column("unit", "单位", ("所在单位", "工作单位", "单位(部门)", "所在科室", "科室"), width=16, names="unit"),
        Column("position", "职务", ("现任职务",), width=12, export_only=True),
        Column("kind", "事项", ("报备事项", "事由", "类别", "婚丧喜庆事项", "事项类别"), kind="dict",
               domain="ceremony_kind", required=True, width=8),
        Column("relation", "当事人关系", ("关系", "与报备人关系", "与本人关系", "亲属关系"), kind="choice",
               choices=RELATIONS, width=9),
        Column("event_date", "举办日期", ("举办时间", "操办日期", "操办时间", "日期"), kind="date",
               required=True, width=11),
        Column("place", "举办地点", ("地点", "操办地点"), width=16),
        Column("tables", "桌数", ("宴请桌数", "规模(桌)", "酒席桌数"), kind="int", width=6),
        Column("guests", "人数", ("宴请人数", "邀请人数", "参加人数", "规模(人)"), kind="int", width=6),
        Column("scope", "邀请范围", ("宴请范围", "邀请对象"), kind="choice", choices=SCOPES, width=12),
        Column("public_car", "使用公车", ("是否使用公车", "动用公车"), kind="bool", width=8),
        Column("public_funds", "动用公款", ("是否动用公款", "使用公款"), kind="bool", width=8),
        Column("subordinate_gifts", GIFTS, ("收受下属礼金", "是否收受下属礼金", "下属礼金", "收受礼金",
                                            "收受管理服务对象礼金"), kind="bool", width=12),
        Column("pledge_signed", "签订承诺书", ("承诺书", "已签承诺书", "签订廉洁承诺书"), kind="bool", width=8),
        Column("reported_on", "报备日期", ("报告日期", "报备时间", "报告时间"), kind="date", required=True,
               width=11),
        Column("timing", "报备时限", (), width=18, export_only=True),
        Column("concerns", "需关注情形", (), width=22, export_only=True),
        Column("talk", "提醒谈话", ("廉洁提醒", "提醒谈话情况"), width=24, export_only=True),
        Column("notes", "备注", ("说明",), width=20),
    )

    def prepare(self, ctx: PlanContext, rows: Sequence[RowInput]) -> None:
        existing: dict[tuple, CeremonyRow] = {}
        ids = search_report_ids(ctx.session, ctx.actor, CeremonyFilter())
        for start in range(0, len(ids), CHUNK):
            for report in report_rows(ctx.session, ids[start:start + CHUNK]):
                existing[(report.person_id, report.event_date, report.kind)] = report
                existing[("filed", normalize(report.person_name), normalize(report.unit_name),
                          report.event_date, report.kind)] = report
        ctx.state["reports"] = existing

    def plan_row(self, ctx: PlanContext, row: RowInput) -> RowOutcome:
        name = clean(str(row.get("name", "")))
        unit_name = clean(str(row.get("unit", "")))
        day, kind = row.get("event_date"), row.get("kind")
        reports: dict = ctx.state["reports"]  # type: ignore[assignment]
        found = reports.get(("filed", normalize(name), normalize(unit_name), day, kind)) if unit_name else None
        if found is not None:
            person: int | Pending = found.person_id  # type: ignore[assignment]
        else:
            unit = ctx.unit_ref(unit_name, "单位") if unit_name else None
            person = ctx.person_ref(name, unit, unit_name, "姓名")
            if isinstance(person, Pending):
                raise RowRejected(f"“{name}”不在人员名册中：报备人应是在册人员，请先在人员名册中添加。")
            found = reports.get((person, day, kind))
        before = {key: getattr(found, key) for key in _FIELDS} if found else dict(_DEFAULTS)
        after = dict(before)
        for key in _FIELDS:
            if key in row.present:
                value = row.values.get(key)
                after[key] = _DEFAULTS[key] if value is None else value
        if after["reported_on"] is None:
            raise RowRejected("“报备日期”不能为空。")
        if after["reported_on"] > ctx.today:  # type: ignore[operator]
            raise RowRejected(f"报备日期 {after['reported_on']:%Y-%m-%d} 晚于今天。")
        after["place"] = limited_text(str(after["place"]), "举办地点", "place", 200)
        after["notes"] = limited_text(str(after["notes"]), "备注", "notes", 2000)
        label = ctx.vocab.label("ceremony_kind", kind) if isinstance(kind, str) else str(kind)
        summary = f"{day:%Y-%m-%d} {label} {name}" + (f"（{unit_name}）" if unit_name else "")
        values = {"person_id": person, "kind": kind, "event_date": day, **after}
        if found is None:
            return RowOutcome("add", values, summary, match_key=(person, day, str(kind)))
        action = "unchanged" if after == before else "update"
        return RowOutcome(action, values, summary, found.id, found.version,
                          changed(self.columns, before, after))

    def apply_row(self, ctx: ApplyContext, row: PlannedRow) -> int:
        v = ctx.values(row)
        talk_id = None
        if row.target_id is not None:  # the linked talk stays linked
            talk_id = report_rows(ctx.session, [row.target_id])[0].talk_id
        draft = CeremonyDraft(
            person_id=v["person_id"], kind=v["kind"], event_date=v["event_date"], reported_on=v["reported_on"],
            place=v["place"], tables=v["tables"], guests=v["guests"], public_car=v["public_car"],
            public_funds=v["public_funds"], subordinate_gifts=v["subordinate_gifts"], talk_id=talk_id,
            notes=v["notes"], id=row.target_id, version=row.target_version, relation=v["relation"] or "",
            scope=v["scope"] or "", pledge_signed=v["pledge_signed"])
        return save_report(ctx.session, ctx.actor, draft, ctx.today)

    def export_rows(self, session: Session, actor: Actor, *, year: int | None,
                    unit_id: int | None) -> Iterator[list[object]]:
        ids = search_report_ids(session, actor, CeremonyFilter(year=year, unit_id=unit_id), "event_date", False)
        for start in range(0, len(ids), CHUNK):
            for r in report_rows(session, ids[start:start + CHUNK]):
                yield [r.person_name, r.unit_name, r.position, r.kind_label, r.relation_label, r.event_date,
                       r.place, r.tables, r.guests, r.scope_label, r.public_car, r.public_funds,
                       r.subordinate_gifts, r.pledge_signed, r.reported_on, r.timing_text, r.concerns_text,
                       r.talk_label, r.notes]
