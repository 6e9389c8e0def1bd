"""What crosses between the talks service and its callers: drafts in, rows out, the filter,
and the parsing of what a clerk types (a time, an outsider with their unit)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from app.attachments import FileChanges
from app.common import clean
from app.dates import chinese_when
from app.errors import ValidationError
from app.vocab import PARTICIPANT_ROLES

ROLE_LABELS = PARTICIPANT_ROLES
TALKER, TALKEE, RECORDER = "talker", "talkee", "recorder"
ROLES = (TALKER, TALKEE, RECORDER)
ENTITY = "talks"  # attachments and audit rows
NUMBER_SERIES = "talks"  # app/numbering.py: 编号 2025-012
MAX_CONTENT = 20000


# ---- what goes in and comes out ------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantDraft:
    """A registered person (`person_id`) or an outsider (`name`, with the unit and position as
    written). For a registered person the service takes name, unit and position from the
    people register when the person joins the talk, and keeps them afterwards (a snapshot)."""

    name: str = ""
    person_id: int | None = None
    unit_name: str = ""
    position: str = ""


@dataclass(frozen=True)
class ParticipantRow:
    role: str
    name: str
    person_id: int | None
    unit_id: int | None
    unit_name: str
    position: str

    @property
    def display(self) -> str:
        """张三（财务科·科长）: how a participant is told apart from a homonym."""
        detail = "·".join(x for x in (self.unit_name, self.position) if x)
        return f"{self.name}（{detail}）" if detail else self.name

    def as_draft(self) -> ParticipantDraft:
        return ParticipantDraft(self.name, self.person_id, self.unit_name, self.position)


@dataclass(frozen=True)
class TalkDraft:
    kind: str                                   # dictionary talk_type
    talk_date: dt.date | None
    talkees: tuple[ParticipantDraft, ...] = ()
    talkers: tuple[ParticipantDraft, ...] = ()
    recorders: tuple[ParticipantDraft, ...] = ()
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: str = ""
    reason: str = ""                            # dictionary talk_reason
    content: str = ""
    response: str = ""                          # 本人表态
    follow_up: str = ""
    signed: bool = False
    finding_id: int | None = None
    risk_point_id: int | None = None
    correction_reason: str = ""                 # an administrator correcting a closed year
    id: int | None = None
    version: int | None = None
    files: FileChanges = FileChanges()          # attachments added and removed with this save


@dataclass(frozen=True)
class TalkRow:
    id: int
    kind: str
    kind_label: str
    talk_date: dt.date
    start_time: dt.time | None
    place: str
    reason: str
    reason_label: str
    talkees: tuple[ParticipantRow, ...]
    talkers: tuple[ParticipantRow, ...]
    recorders: tuple[ParticipantRow, ...]
    content: str
    response: str
    follow_up: str
    signed: bool
    finding_id: int | None
    risk_point_id: int | None
    attachment_count: int
    version: int
    end_time: dt.time | None = None
    number_year: int | None = None              # 编号 2025-012: the year and the sequence
    number_seq: int | None = None

    @property
    def number(self) -> str:
        """2025-012 (given once when the talk was recorded); "" for none."""
        if self.number_year is None or self.number_seq is None:
            return ""
        return f"{self.number_year}-{self.number_seq:03d}"

    @property
    def when_text(self) -> str:
        """2025年3月5日 14:30—15:10, as the 谈话记录表 writes it."""
        return chinese_when(self.talk_date, self.start_time, self.end_time)

    @property
    def talkee_text(self) -> str:
        return "、".join(p.display for p in self.talkees)

    @property
    def talker_names(self) -> str:
        return "、".join(p.name for p in self.talkers)

    @property
    def recorder_names(self) -> str:
        return "、".join(p.name for p in self.recorders)

    @property
    def when(self) -> str:
        """2026-06-15 14:30"""
        day = self.talk_date.isoformat()  # isoformat, not strftime: a fifth of the time, per row shown
        return f"{day} {self.start_time.isoformat('minutes')}" if self.start_time else day

    @property
    def summary(self) -> str:
        """2026-06-15 提醒谈话 张三 等 2 人"""
        names = self.talkees[0].name if self.talkees else ""
        more = f" 等 {len(self.talkees)} 人" if len(self.talkees) > 1 else ""
        return f"{self.talk_date:%Y-%m-%d} {self.kind_label} {names}{more}"

    def draft(self) -> TalkDraft:
        """The record as a draft, for editing or for “保存并新建”."""
        return TalkDraft(
            kind=self.kind, talk_date=self.talk_date,
            talkees=tuple(p.as_draft() for p in self.talkees),
            talkers=tuple(p.as_draft() for p in self.talkers),
            recorders=tuple(p.as_draft() for p in self.recorders),
            start_time=self.start_time, end_time=self.end_time, place=self.place, reason=self.reason,
            content=self.content, response=self.response, follow_up=self.follow_up,
            signed=self.signed, finding_id=self.finding_id, risk_point_id=self.risk_point_id,
            id=self.id, version=self.version)


@dataclass(frozen=True)
class TalkFilter:
    text: str = ""                    # in content, 表态, follow-up and participants' names
    start: dt.date | None = None
    end: dt.date | None = None
    year: int | None = None
    kind: str = ""
    reason: str = ""
    unit_id: int | None = None        # a talkee's unit at the time (with the units below it)
    person_id: int | None = None      # a participant, in `person_role` ("" = any role)
    person_role: str = ""
    signed: bool | None = None


# ---- validation ------------------------------------------------------------------------------

_TIME = re.compile(r"^\s*(\d{1,2})\s*(?:[:：.时点]\s*(\d{1,2})?\s*分?)?\s*$")


def parse_time(text: str, field: str = "start_time") -> dt.time | None:
    """“14:30”, “14：30”, “1430”, “14时30分”, “9点” → a time; blank → None."""
    text = clean(text)
    if not text:
        return None
    text = re.sub(r"^(\d{1,2}[:：]\d{1,2})[:：]\d{1,2}$", r"\1", text)  # 14:30:00 from Excel
    if re.fullmatch(r"\d{3,4}", text):
        text = f"{text[:-2]}:{text[-2:]}"
    match = _TIME.match(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    raise ValidationError(f"时间“{text}”看不懂，请写成 14:30 这样的格式。", field)


def parse_outsider(text: str) -> ParticipantDraft:
    """“赵某（某公司·经理）” → an outsider with unit 某公司 and position 经理; “赵某” → a name."""
    text = clean(text)
    match = re.fullmatch(r"(.+?)\s*[（(]\s*(.*?)\s*[)）]", text)
    if not match:
        return ParticipantDraft(name=text)
    unit, _, position = (p.strip() for p in match.group(2).partition("·"))
    return ParticipantDraft(name=match.group(1).strip(), unit_name=unit, position=position)
