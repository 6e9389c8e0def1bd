"""Which forms of 廉政教育 are 警示教育 (the report counts them apart): the 警示教育大会, 以案释法 /
以案促改 and visits to an 廉政教育基地 — education by cases, as the seed's “用身边事教育身边人”."""
from __future__ import annotations

WARNING_FORMS = ("warning_meeting", "case_law", "base_visit")
CASE_FORMS = ("case_law", "warning_meeting")   # the form offers the case studied first
BUREAU = "局党组"   # the organiser of a session of no unit: the whole bureau's
