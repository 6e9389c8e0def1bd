"""What crosses between the 问题线索 services and their callers: draft in, row out, the filter and
the figures. A row's `reporter` is None when the reader may not see it (rules.may_see_reporter)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from app.registers.clues.rules import CLEARED, CLOSED, INQUIRY, SHELVE, VERIFY, being_checked
from app.vocab import CLUE_OUTCOMES, CLUE_STATUS

OUTCOME_SHORT = {"first_form": "第一种形态", "sanction": "处分", "transfer": "移送", "cleared": "了结"}

ENTITY = "clues"


@dataclass(frozen=True)
class ClueDraft:
    received_on: dt.date | None
    problem: str
    person_ids: tuple[int, ...]
    source: str = ""
    unit_id: int | None = None           # None: the first person's unit
    handler_id: int | None = None        # a user of the program (承办人)
    handler_name: str = ""               # a 承办人 who is no user (an import): kept as written
    reporter: str | None = None          # None keeps what is recorded (or nothing on a new clue)
    way: str = ""                        # clue_way; "" until decided
    letter_sent_on: dt.date | None = None
    reply_due: dt.date | None = None     # None: N working days after the letter
    replied_on: dt.date | None = None
    verify_start: dt.date | None = None
    verify_end: dt.date | None = None
    closed_on: dt.date | None = None
    outcome: str = ""
    result: str = ""
    ledger_entry_id: int | None = None
    sanction_id: int | None = None
    talk_id: int | None = None
    notes: str = ""
    correction_reason: str = ""
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class CluePerson:
    person_id: int
    name: str
    unit_id: int | None
    unit_name: str
    position: str

    @property
    def display(self) -> str:
        detail = "·".join(x for x in (self.unit_name, self.position) if x)
        return f"{self.name}（{detail}）" if detail else self.name


@dataclass(frozen=True)
class ClueRow:
    id: int
    received_on: dt.date
    source: str
    source_label: str
    reporter: str | None                 # None: hidden from this reader
    unit_id: int | None
    unit_name: str
    problem: str
    handler_id: int | None
    handler_name: str
    way: str
    way_label: str
    letter_sent_on: dt.date | None
    reply_due: dt.date | None            # as set by the clerk
    reply_deadline: dt.date | None       # the clerk's, else N working days after the letter
    replied_on: dt.date | None
    verify_start: dt.date | None
    verify_end: dt.date | None
    status: str
    closed_on: dt.date | None
    outcome: str
    result: str
    ledger_entry_id: int | None
    sanction_id: int | None
    talk_id: int | None
    notes: str
    version: int
    people: tuple[CluePerson, ...]

    @property
    def status_label(self) -> str:
        return CLUE_STATUS.get(self.status, self.status)

    @property
    def status_text(self) -> str:
        """受理 · 处置中（暂存待查） · 办结（了结）."""
        if self.status == CLOSED:
            return f"办结（{OUTCOME_SHORT.get(self.outcome, self.outcome_label)}）" if self.outcome else "办结"
        if self.way == SHELVE:
            return f"处置中（{self.way_label}）"
        return self.status_label

    @property
    def outcome_label(self) -> str:
        return CLUE_OUTCOMES.get(self.outcome, "")

    @property
    def people_text(self) -> str:
        return "、".join(p.display for p in self.people)

    @property
    def names(self) -> str:
        return "、".join(p.name for p in self.people)

    @property
    def person_ids(self) -> tuple[int, ...]:
        return tuple(p.person_id for p in self.people)

    @property
    def cleared(self) -> bool:
        """Closed by 了结: the person is cleared; the problem is not stated as theirs."""
        return self.status == CLOSED and self.outcome == CLEARED

    @property
    def shelved(self) -> bool:
        return self.status != CLOSED and self.way == SHELVE

    @property
    def awaiting_reply(self) -> bool:
        return (self.way == INQUIRY and self.letter_sent_on is not None and self.replied_on is None
                and self.status != CLOSED)

    def reply_overdue(self, today: dt.date) -> bool:
        return self.awaiting_reply and self.reply_deadline is not None and self.reply_deadline < today

    def open_days(self, today: dt.date) -> int | None:
        """Days since 受理 of a clue not yet 办结."""
        return None if self.status == CLOSED else (today - self.received_on).days

    def being_checked(self, day: dt.date) -> bool:
        return being_checked(self.received_on, self.closed_on, day)

    @property
    def way_dates(self) -> str:
        """2026-03-02发函，2026-03-20回复 / 2026-03-02发函，2026-03-23前回复 / 初核 2026-03-02 至 2026-04-10."""
        if self.way == INQUIRY and self.letter_sent_on:
            reply = f"，{self.replied_on:%Y-%m-%d}回复" if self.replied_on else (
                f"，{self.reply_deadline:%Y-%m-%d}前回复" if self.reply_deadline else "")
            return f"{self.letter_sent_on:%Y-%m-%d}发函{reply}"
        if self.way == VERIFY and self.verify_start:
            end = f" 至 {self.verify_end:%Y-%m-%d}" if self.verify_end else " 起"
            return f"初核 {self.verify_start:%Y-%m-%d}{end}"
        return ""

    @property
    def summary(self) -> str:
        return f"{self.received_on:%Y-%m-%d} {self.names} {self.source_label}".rstrip()

    def draft(self, **changes: object) -> ClueDraft:
        """The draft that saves this row unchanged (the reporter kept as recorded)."""
        base = ClueDraft(
            received_on=self.received_on, problem=self.problem, person_ids=self.person_ids, source=self.source,
            unit_id=self.unit_id, handler_id=self.handler_id,
            handler_name="" if self.handler_id is not None else self.handler_name, reporter=None, way=self.way,
            letter_sent_on=self.letter_sent_on, reply_due=self.reply_due, replied_on=self.replied_on,
            verify_start=self.verify_start, verify_end=self.verify_end, closed_on=self.closed_on,
            outcome=self.outcome, result=self.result, ledger_entry_id=self.ledger_entry_id,
            sanction_id=self.sanction_id, talk_id=self.talk_id, notes=self.notes, id=self.id, version=self.version)
        return replace(base, **changes)


@dataclass(frozen=True)
class ClueFilter:
    text: str = ""                       # problem, people, unit, handler, result, notes — never the reporter
    year: int | None = None              # of 受理
    start: dt.date | None = None         # received within [start, end]
    end: dt.date | None = None
    unit_id: int | None = None           # the clue's unit (or a named person's), with the units below it
    status: str = ""                     # received · handling · closed · "open" (not 办结)
    way: str = ""
    source: str = ""
    outcome: str = ""
    person_id: int | None = None
    handler_id: int | None = None
    closed_start: dt.date | None = None  # 办结 within [closed_start, closed_end]
    closed_end: dt.date | None = None


@dataclass(frozen=True)
class ClueFigures:
    total: int
    received: int          # 受理 (no way chosen yet)
    handling: int          # 处置中
    closed: int            # 办结
    shelved: int           # 暂存待查 (among 处置中)
    by_way: tuple[tuple[str, str, int], ...]       # (code, label, clues)
    by_outcome: tuple[tuple[str, str, int], ...]   # (code, label, 办结 clues)
    overdue_replies: int   # 函询 past its deadline without an answer

    @property
    def open(self) -> int:
        return self.received + self.handling
