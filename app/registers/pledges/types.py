"""What crosses between the 责任书 services and their callers: the draft in, the row out, the
filter, the year's figures."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from app.attachments import FileChanges

ENTITY = "pledges"  # attachments (the scanned copy) and audit rows


@dataclass(frozen=True)
class PledgeDraft:
    """A unit's pledge (`person_id` None: the unit signs, its head for it — `signer_name`) or a
    person's (a 班子成员, a post: their name and position are taken from the people register)."""

    year: int | None
    level: str                       # dict pledge_level
    unit_id: int | None
    person_id: int | None = None
    signer_name: str = ""
    leader_id: int | None = None     # 责任领导: a registered person…
    leader_name: str = ""            # …or a name as written
    signed_on: dt.date | None = None
    notes: str = ""
    files: FileChanges = FileChanges()   # attachments added and removed with this save
    correction_reason: str = ""
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class PledgeRow:
    id: int
    year: int
    level: str
    level_label: str
    unit_id: int
    unit_name: str
    person_id: int | None
    signer_name: str
    position: str
    leader_id: int | None
    leader_name: str
    signed_on: dt.date | None
    notes: str
    attachment_count: int
    version: int

    @property
    def signed(self) -> bool:
        return self.signed_on is not None

    @property
    def personal(self) -> bool:
        return self.person_id is not None

    @property
    def signer_text(self) -> str:
        """张三（科长） for a person; 市博物馆（张三） for a unit whose signer is known."""
        if self.personal:
            return f"{self.signer_name}（{self.position}）" if self.position else self.signer_name
        return f"{self.unit_name}（{self.signer_name}）" if self.signer_name else self.unit_name

    @property
    def signer_column(self) -> str:
        """The list's 签订人: a person with their post; for a unit, who signed for it."""
        if self.personal:
            return self.signer_text
        return f"{self.signer_name}（单位负责人）" if self.signer_name else ""

    @property
    def status_text(self) -> str:
        return f"已签订 {self.signed_on:%Y-%m-%d}" if self.signed_on else "未签订"

    @property
    def summary(self) -> str:
        return f"{self.year}年 {self.level_label} {self.signer_text}"

    def draft(self, **changes: object) -> PledgeDraft:
        base = PledgeDraft(self.year, self.level, self.unit_id, self.person_id, self.signer_name,
                           self.leader_id, self.leader_name, self.signed_on, self.notes,
                           id=self.id, version=self.version)
        return replace(base, **changes)


@dataclass(frozen=True)
class PledgeFilter:
    year: int | None = None
    level: str = ""
    unit_id: int | None = None       # with the units below it
    signed: bool | None = None       # False: who has not signed
    person_id: int | None = None     # the signer or the 责任领导
    text: str = ""                   # signer, unit, 责任领导, notes


@dataclass(frozen=True)
class LevelCount:
    code: str
    label: str
    listed: int
    signed: int

    @property
    def unsigned(self) -> int:
        return self.listed - self.signed


@dataclass(frozen=True)
class PledgeFigures:
    """A year's 责任书: how many were drawn up and signed, by level."""

    year: int
    by_level: tuple[LevelCount, ...]

    @property
    def listed(self) -> int:
        return sum(c.listed for c in self.by_level)

    @property
    def signed(self) -> int:
        return sum(c.signed for c in self.by_level)

    @property
    def unsigned(self) -> int:
        return self.listed - self.signed

    @property
    def text(self) -> str:
        """已签订 41/45（党组—单位（科室） 27/27 · 单位（科室）—岗位 14/18）"""
        parts = [f"{c.label} {c.signed}/{c.listed}" for c in self.by_level if c.listed]
        return f"已签订 {self.signed}/{self.listed}" + (f"（{' · '.join(parts)}）" if parts else "")
