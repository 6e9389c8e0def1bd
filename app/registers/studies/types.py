"""What crosses between the 专题研究 services and their callers."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from app.attachments import FileChanges

ENTITY = "studies"  # attachments (会议纪要) and audit rows
PARTY_GROUP = "局党组"  # how a study of no unit (the 党组's own) is named


@dataclass(frozen=True)
class StudyDraft:
    held_on: dt.date | None
    meeting: str                    # dict study_meeting
    topics: str
    unit_id: int | None = None      # None: the 党组; else the unit whose 班子 studied
    presided: str = ""
    reporter: str = ""
    attendees: str = ""
    decisions: str = ""
    notes: str = ""
    files: FileChanges = FileChanges()   # attachments added and removed with this save
    correction_reason: str = ""
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class StudyRow:
    id: int
    held_on: dt.date
    meeting: str
    meeting_label: str
    unit_id: int | None
    unit_name: str                  # PARTY_GROUP for the 党组's own
    topics: str
    presided: str
    reporter: str
    attendees: str
    decisions: str
    notes: str
    attachment_count: int
    version: int

    @property
    def summary(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.unit_name}{self.meeting_label}"

    @property
    def topics_line(self) -> str:
        """The topics on one line (a list shows them so)."""
        return "；".join(line.strip() for line in self.topics.splitlines() if line.strip())

    def draft(self, **changes: object) -> StudyDraft:
        base = StudyDraft(self.held_on, self.meeting, self.topics, self.unit_id, self.presided,
                          self.reporter, self.attendees, self.decisions, self.notes,
                          id=self.id, version=self.version)
        return replace(base, **changes)


@dataclass(frozen=True)
class StudyFilter:
    year: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    unit_id: int | None = None      # a unit's 班子 (with the units below it)
    party_only: bool = False        # the 党组's own
    meeting: str = ""
    text: str = ""                  # topics, reporter, decisions, attendees, notes


@dataclass(frozen=True)
class YearStudies:
    """The 党组's studies of a year against the seed's minimum."""

    year: int
    count: int
    minimum: int
    dates: tuple[dt.date, ...]

    @property
    def met(self) -> bool:
        return self.count >= self.minimum
