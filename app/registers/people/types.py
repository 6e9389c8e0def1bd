"""What crosses between the people register and its callers: PersonDraft in, PersonRow out,
the filter, and a position change's draft and row."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# political_status codes of Party members (预备党员 are members). A first-form entry and a 党纪
# measure concern members; a person whose status is known and is another is 非党员.
MEMBER_STATUSES = ("cpc", "probationary")


def is_non_member(political_status: str) -> bool:
    """A known political status that is not a Party member's (an unknown one is not judged)."""
    return bool(political_status) and political_status not in MEMBER_STATUSES


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    unit_id: int
    unit_name: str
    position: str
    rank: str
    political_status: str
    political_label: str
    is_leader: bool
    key_post: str
    staff_no: str
    gender: str
    active: bool
    notes: str
    version: int

    @property
    def display(self) -> str:
        """How a person is told apart from a homonym: 张伟（办公室·科长）."""
        detail = "·".join(x for x in (self.unit_name, self.position) if x)
        return f"{self.name}（{detail}）" if detail else self.name


@dataclass(frozen=True)
class PersonDraft:
    name: str
    unit_id: int | None
    position: str = ""
    rank: str = ""
    political_status: str = ""
    is_leader: bool = False
    key_post: str = ""
    staff_no: str = ""
    gender: str = ""
    active: bool = True
    notes: str = ""
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class PersonFilter:
    text: str = ""
    unit_id: int | None = None  # with the units below it
    unit_kind: str = ""
    include_inactive: bool = False
    leaders_only: bool = False
    key_post_only: bool = False
    political_status: str = ""


@dataclass(frozen=True)
class PositionChangeDraft:
    person_id: int
    changed_on: dt.date
    to_unit_id: int
    to_position: str
    to_rank: str = ""
    is_promotion: bool = False
    notes: str = ""
    person_version: int | None = None


@dataclass(frozen=True)
class PositionChangeRow:
    id: int
    person_id: int
    person_name: str
    changed_on: dt.date
    from_unit_name: str
    to_unit_name: str
    from_position: str
    to_position: str
    from_rank: str
    to_rank: str
    is_promotion: bool
    notes: str

