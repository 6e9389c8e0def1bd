"""What crosses between the ledger and its callers: LedgerDraft in (with the person snapshot and
the words each method was filed with), LedgerRow out (需转出 · 已转出 · 了结 · 非党员 derived), the
filter and its views (台账 · 需转出 · 全部), link candidates."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from app.attachments import FileChanges
from app.registers.ledger.rules import CLEARED_HANDLINGS, SECOND_FORM, revisit_text
from app.registers.people.types import is_non_member

ENTITY = "ledger_entries"  # attachments and audit rows name entries so


@dataclass(frozen=True)
class PersonSnapshot:
    """The person's facts as filed with the entry."""

    unit_id: int | None
    unit_name: str = ""
    position: str = ""
    rank: str = ""
    political_status: str = ""
    is_leader: bool = False
    key_post: str = ""


@dataclass(frozen=True)
class LedgerDraft:
    person_id: int | None
    problem: str
    methods: tuple[str, ...]
    decided_on: dt.date | None
    # None: taken from the people register (a new entry, or the entry moved to another person);
    # on an edit of the same person, None keeps the entry's own snapshot.
    snapshot: PersonSnapshot | None = None
    clue_source: str = ""
    handling: str = ""
    letter_sent_on: dt.date | None = None
    reply_due: dt.date | None = None
    replied_on: dt.date | None = None
    decision_organ: str = ""
    handler: str = ""
    impact_end: dt.date | None = None        # None: computed from the methods
    revisit_planned: dt.date | None = None   # None: decided_on + settings.revisit_months
    revisit_done_on: dt.date | None = None
    revisit_result: str = ""
    notes: str = ""
    talk_ids: tuple[int, ...] | None = None     # None keeps the entry's links
    finding_ids: tuple[int, ...] | None = None
    # The words each method was filed with ("" = its label), in the order of `methods`; None
    # keeps the entry's words for the methods it keeps.
    wordings: tuple[str, ...] | None = None
    confirm_second_form: bool = False
    confirm_non_member: bool = False         # a person who is not a Party member: entered anyway
    correction_reason: str = ""              # an administrator correcting a closed year
    id: int | None = None
    version: int | None = None
    files: FileChanges = FileChanges()       # attachments added and removed with this save
    category: str = ""                       # 问题类别 (dictionary finding_category), optional


FILED, TRANSFER, ALL = "filed", "transfer", "all"  # the 台账 · 需转出 · 全部 views


VIEWS = {FILED: "台账", TRANSFER: "需转出", ALL: "全部"}


QUARTERS = {1: "一季度", 2: "二季度", 3: "三季度", 4: "四季度"}


@dataclass(frozen=True)
class LedgerRow:
    id: int
    person_id: int | None
    person_name: str
    unit_id: int | None
    unit_name: str
    position: str
    rank: str
    political_status: str
    political_label: str
    is_leader: bool
    key_post: str
    clue_source: str
    clue_source_label: str
    handling: str
    handling_label: str
    letter_sent_on: dt.date | None
    reply_due: dt.date | None
    replied_on: dt.date | None
    problem: str
    methods: tuple[str, ...]
    method_labels: tuple[str, ...]           # as filed: the wording, else the item's label
    forms: tuple[int | None, ...]
    decision_organ: str
    decided_on: dt.date
    handler: str
    impact_end: dt.date | None
    revisit_planned: dt.date | None
    revisit_done_on: dt.date | None
    revisit_result: str
    notes: str
    talk_ids: tuple[int, ...] | None        # None: not read (a table row); see entry_rows
    finding_ids: tuple[int, ...] | None
    attachment_count: int | None
    version: int
    wordings: tuple[str, ...] = ()
    transferred: bool = False               # made into a sanction record (已转出)
    category: str = ""                      # 问题类别 (counted by its 纪律 and 四风 headings)
    category_label: str = ""

    @property
    def second_form(self) -> bool:
        """A second-form method: the entry does not belong in the filed ledger."""
        return SECOND_FORM in self.forms

    @property
    def needs_transfer(self) -> bool:
        """A second-form method not yet made into a sanction record (需转出)."""
        return self.second_form and not self.transferred

    @property
    def cleared(self) -> bool:
        """The clue was closed (了结) and no method given: not a 处置 of the person."""
        return not self.methods and self.handling in CLEARED_HANDLINGS

    @property
    def cleared_text(self) -> str:
        """A clue closed by 了结 clears the person, so its problem is not stated as theirs:
        “信访举报线索经谈话函询予以了结”."""
        source = f"{self.clue_source_label}线索" if self.clue_source else "问题线索"
        way = self.handling_label.removesuffix("了结")
        return f"{source}经{way}予以了结" if way and way != "予以" else f"{source}予以了结"

    @property
    def non_member(self) -> bool:
        """Filed for a person who is not a Party member (预备党员 are members)."""
        return is_non_member(self.political_status)

    @property
    def political_text(self) -> str:
        """政治面貌 as the ledger files it: 群众（非党员） for a non-member."""
        return f"{self.political_label}（非党员）" if self.non_member else self.political_label

    @property
    def unit_and_position(self) -> str:
        return f"{self.unit_name}{self.position}"

    @property
    def methods_text(self) -> str:
        return "、".join(self.method_labels)

    @property
    def revisited(self) -> bool:
        """回访 done: a date or a result recorded (imports may carry a result without a date)."""
        return self.revisit_done_on is not None or bool(self.revisit_result)

    @property
    def revisit_text(self) -> str:
        return revisit_text(self.revisit_planned, self.revisit_done_on, self.revisit_result)

    @property
    def quarter(self) -> int:
        return (self.decided_on.month - 1) // 3 + 1

    def reply_overdue(self, today: dt.date) -> bool:
        return self.reply_due is not None and self.replied_on is None and self.reply_due < today

    def snapshot(self) -> PersonSnapshot:
        return PersonSnapshot(self.unit_id, self.unit_name, self.position, self.rank,
                              self.political_status, self.is_leader, self.key_post)

    def draft(self, **changes: object) -> LedgerDraft:
        """The draft that saves this row unchanged (with `changes` applied)."""
        base = LedgerDraft(
            person_id=self.person_id, problem=self.problem, methods=self.methods,
            decided_on=self.decided_on, snapshot=self.snapshot(), clue_source=self.clue_source,
            handling=self.handling, letter_sent_on=self.letter_sent_on, reply_due=self.reply_due,
            replied_on=self.replied_on, decision_organ=self.decision_organ, handler=self.handler,
            impact_end=self.impact_end, revisit_planned=self.revisit_planned,
            revisit_done_on=self.revisit_done_on, revisit_result=self.revisit_result,
            notes=self.notes, talk_ids=self.talk_ids, finding_ids=self.finding_ids,
            wordings=self.wordings or None, confirm_second_form=self.second_form,
            confirm_non_member=self.non_member, id=self.id, version=self.version, category=self.category)
        return replace(base, **changes)


@dataclass(frozen=True)
class LedgerFilter:
    view: str = FILED
    year: int | None = None
    quarter: int | None = None       # 1–4 (of `year`, or of any year)
    unit_id: int | None = None       # with the units below it (the snapshot's unit)
    method: str = ""
    clue_source: str = ""
    person_id: int | None = None
    categories: tuple[str, ...] | None = None  # 问题类别 codes ("" for none); None: any
    start: dt.date | None = None     # decided_on within [start, end]
    end: dt.date | None = None
    text: str = ""


@dataclass(frozen=True)
class LinkCandidate:
    id: int
    day: dt.date
    label: str

