"""What crosses between the 廉政教育 services and their callers."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from app.attachments import FileChanges
from app.registers.talks.types import ParticipantDraft, ParticipantRow

ENTITY = "education_sessions"  # attachments (materials, photos, the 签到表) and audit rows


@dataclass(frozen=True)
class EducationDraft:
    held_on: dt.date | None
    form: str                                  # dict education_form
    theme: str
    participants: tuple[ParticipantDraft, ...] = ()
    organiser_id: int | None = None            # None: the 局党组 (the whole bureau)
    case_text: str = ""
    case_sanction_id: int | None = None        # 身边事: a record of our own
    case_clue_id: int | None = None
    place: str = ""
    speaker: str = ""
    content: str = ""
    notes: str = ""
    files: FileChanges = FileChanges()   # attachments added and removed with this save
    correction_reason: str = ""
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class EducationRow:
    id: int
    held_on: dt.date
    form: str
    form_label: str
    theme: str
    case_text: str
    case_sanction_id: int | None
    case_clue_id: int | None
    organiser_id: int | None
    organiser_name: str
    place: str
    speaker: str
    content: str
    notes: str
    participants: tuple[ParticipantRow, ...]
    attachment_count: int
    version: int

    @property
    def people(self) -> int:
        """人次 of this session: its participants."""
        return len(self.participants)

    @property
    def units_text(self) -> str:
        """The units taking part, most participants first: 办公室 12人、财务科 8人…"""
        counts: dict[str, int] = {}
        for p in self.participants:
            name = p.unit_name or "名册外人员"
            counts[name] = counts.get(name, 0) + 1
        return "、".join(f"{name}{n}人" for name, n in sorted(counts.items(), key=lambda x: -x[1]))

    @property
    def summary(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.form_label} {self.theme}"

    def draft(self, **changes: object) -> EducationDraft:
        base = EducationDraft(self.held_on, self.form, self.theme, tuple(p.as_draft() for p in self.participants),
                              self.organiser_id, self.case_text, self.case_sanction_id, self.case_clue_id,
                              self.place, self.speaker, self.content, self.notes, id=self.id, version=self.version)
        return replace(base, **changes)


@dataclass(frozen=True)
class EducationFilter:
    year: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    form: str = ""
    warning_only: bool = False           # 警示教育 forms (rules.WARNING_FORMS)
    unit_id: int | None = None           # organised by the unit or with a participant of it (units below too)
    person_id: int | None = None         # a participant
    text: str = ""                       # theme, case, speaker, place, content, notes, participants


@dataclass(frozen=True)
class FormCount:
    code: str
    label: str
    times: int    # 次: sessions
    people: int   # 人次: participants summed


@dataclass(frozen=True)
class EducationFigures:
    by_form: tuple[FormCount, ...]       # dictionary order, forms without sessions left out
    warning: FormCount                   # the 警示教育 forms together

    @property
    def times(self) -> int:
        return sum(f.times for f in self.by_form)

    @property
    def people(self) -> int:
        return sum(f.people for f in self.by_form)


@dataclass(frozen=True)
class UnitCoverage:
    unit_id: int
    unit_name: str
    people: int        # active people of the unit now
    took_part: int     # of them, those who took part in a session of the year
    person_times: int  # 人次 counted in the unit (participants of the time) in the year

    @property
    def missing(self) -> int:
        return self.people - self.took_part

    @property
    def rate(self) -> float | None:
        return self.took_part / self.people if self.people else None

    @property
    def rate_text(self) -> str:
        return "—" if self.rate is None else f"{self.rate * 100:.0f}%"


@dataclass(frozen=True)
class AbsentPerson:
    """A person who has not taken part this year."""

    id: int
    name: str
    unit_id: int
    unit_name: str
    position: str
    is_leader: bool
    key_post: str


@dataclass(frozen=True)
class Coverage:
    year: int
    units: tuple[UnitCoverage, ...]      # the units' display order
    absent: tuple[AbsentPerson, ...]     # by unit, then name

    @property
    def people(self) -> int:
        return sum(u.people for u in self.units)

    @property
    def took_part(self) -> int:
        return sum(u.took_part for u in self.units)
