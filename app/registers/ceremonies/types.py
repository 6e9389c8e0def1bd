"""What crosses between the 婚丧喜庆报备 register and its callers: CeremonyDraft in,
CeremonyRow out (with its timeliness), the filter, the page's figures."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from app.attachments import FileChanges
from app.registers.ceremonies.rules import Timeliness
from app.vocab import CEREMONY_RELATIONS, CEREMONY_SCOPES, FORBIDDEN_SCOPES

ENTITY = "ceremony_reports"         # audit rows and attachments (the 承诺书)
GIFTS = "收受下属及管理服务对象礼金"   # the wording of the rule (not only 下属)
CAR, FUNDS = "使用公车", "动用公款"


@dataclass(frozen=True)
class CeremonyDraft:
    person_id: int | None                 # a registered person (the snapshot is the service's)
    kind: str                             # dictionary ceremony_kind
    event_date: dt.date | None
    reported_on: dt.date | None
    relation: str = ""                    # whose event (app.vocab.CEREMONY_RELATIONS)
    scope: str = ""                       # 邀请范围 (app.vocab.CEREMONY_SCOPES)
    place: str = ""
    tables: int | None = None             # 桌数
    guests: int | None = None             # 人数
    public_car: bool = False
    public_funds: bool = False
    subordinate_gifts: bool = False
    pledge_signed: bool = False           # 承诺书 signed (its scan attached to the report)
    talk_id: int | None = None            # the office's 提醒谈话, if one was held
    notes: str = ""
    correction_reason: str = ""           # an administrator correcting a closed year
    id: int | None = None
    version: int | None = None
    files: FileChanges = FileChanges()    # the 承诺书 scans added and removed with this save


@dataclass(frozen=True)
class CeremonyRow:
    id: int
    person_id: int | None
    person_name: str
    unit_id: int | None
    unit_name: str
    position: str
    kind: str
    kind_label: str
    event_date: dt.date
    place: str
    tables: int | None
    guests: int | None
    public_car: bool
    public_funds: bool
    subordinate_gifts: bool
    reported_on: dt.date
    talk_id: int | None
    talk_date: dt.date | None
    talk_label: str                       # 2026-05-10 提醒谈话 (谈话人：…)
    notes: str
    version: int
    timing: Timeliness
    relation: str = ""
    scope: str = ""
    pledge_signed: bool = False
    forbidden_kind: bool = False          # the kind is marked 不得操办 in the dictionary
    over_scale: str = ""                  # rules.scale_excess against the settings' limits

    @property
    def relation_label(self) -> str:
        return CEREMONY_RELATIONS.get(self.relation, "")

    @property
    def scope_label(self) -> str:
        return CEREMONY_SCOPES.get(self.scope, "")

    @property
    def late(self) -> bool:
        return self.timing.late

    @property
    def timing_text(self) -> str:
        return self.timing.text

    @property
    def person_display(self) -> str:
        """张三（财务科·科长）: the reporter as filed."""
        detail = "·".join(x for x in (self.unit_name, self.position) if x)
        return f"{self.person_name}（{detail}）" if detail else self.person_name

    @property
    def scale_text(self) -> str:
        """20 桌 / 约 200 人 · 不设宴席."""
        if self.tables == 0 and not self.guests:
            return "不设宴席"
        parts = [f"{self.tables} 桌" if self.tables is not None else "",
                 f"约 {self.guests} 人" if self.guests is not None else ""]
        return " / ".join(p for p in parts if p)

    @cached_property  # the table shows it and colours by it: worked out once per row
    def concerns(self) -> tuple[str, ...]:
        """What the report declares that the rules forbid: a kind not to be held, a scale above
        the limits, inviting 管理服务对象, 公车 · 公款 · 下属及管理服务对象礼金."""
        return tuple(label for flag, label in (
            (self.forbidden_kind, f"{self.kind_label}属不得操办事项"),
            (bool(self.over_scale), f"超过规定规模：{self.over_scale}"),
            (self.scope in FORBIDDEN_SCOPES, "邀请管理服务对象"),
            (self.public_car, CAR), (self.public_funds, FUNDS), (self.subordinate_gifts, GIFTS)) if flag)

    @property
    def talk_proposed(self) -> bool:
        """A concern and no 提醒谈话 yet: the page and 首页 propose one."""
        return bool(self.concerns) and self.talk_id is None

    @property
    def concerns_text(self) -> str:
        return "、".join(self.concerns)

    @property
    def summary(self) -> str:
        """2026-05-01 婚 张三"""
        return f"{self.event_date:%Y-%m-%d} {self.kind_label} {self.person_name}"

    def draft(self, **changes: object) -> CeremonyDraft:
        values = dict(
            person_id=self.person_id, kind=self.kind, event_date=self.event_date,
            reported_on=self.reported_on, place=self.place, tables=self.tables, guests=self.guests,
            public_car=self.public_car, public_funds=self.public_funds,
            subordinate_gifts=self.subordinate_gifts, talk_id=self.talk_id, notes=self.notes,
            id=self.id, version=self.version, relation=self.relation, scope=self.scope,
            pledge_signed=self.pledge_signed)
        values.update(changes)
        return CeremonyDraft(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class CeremonyFilter:
    text: str = ""                        # person, unit, position, place, notes
    year: int | None = None               # of the event
    start: dt.date | None = None          # event within [start, end]
    end: dt.date | None = None
    unit_id: int | None = None            # the unit filed under, with the units below it
    kind: str = ""
    person_id: int | None = None
    late_only: bool = False               # reported after the deadline (working days)
    concerns_only: bool = False           # a concern declared (不得操办, 超规模, 公车, 公款, 礼金 …)
    without_talk: bool = False            # no 提醒谈话 linked


@dataclass(frozen=True)
class CeremonyFigures:
    total: int
    late: int
    concerns: int
    with_talk: int

