"""The rules of 问题线索 (reference/discipline-rules.md), free of the database.

- A clue is handled in one of four ways (dictionary clue_way): 谈话函询, 初步核实, 暂存待查,
  予以了结. These are how the clue was dealt with, not measures against a person; a clue closed
  by 了结 clears the person, so it is never stated as a problem of theirs.
- Its status follows from what is recorded: 受理 until a way is chosen, then 处置中, 办结 once
  it has a 办结 date and where it led (a first-form entry, a sanction record, 移送, 了结). A
  clue stays “正在核查” from 受理 until 办结; a 暂存待查 clue is said to be so.
- A 函询 is answered in writing within `settings.inquiry_reply_working_days` working days of the
  letter (15 by default), counted with the holiday calendar, unless the clerk sets a deadline.
- The reporter (举报人) is seen only by administrators and the clue's handler: never exported,
  searched, printed or shown in a timeline.
"""
from __future__ import annotations

import datetime as dt

from app.auth import Actor, Role
from app.registers.holidays.rules import WorkCalendar

INQUIRY, VERIFY, SHELVE, CLOSE = "inquiry", "verify", "shelve", "close"  # clue_way codes
RECEIVED, HANDLING, CLOSED = "received", "handling", "closed"           # statuses (app.vocab.CLUE_STATUS)
FIRST_FORM, SANCTION, TRANSFER, CLEARED = "first_form", "sanction", "transfer", "cleared"  # outcomes

REPORTER_HIDDEN = "举报人信息仅管理员和该线索的承办人可以查看和填写。"


def status_of(way: str, closed_on: dt.date | None) -> str:
    """受理 → 处置中 (a way chosen) → 办结 (a 办结 date)."""
    if closed_on is not None:
        return CLOSED
    return HANDLING if way else RECEIVED


def may_see_reporter(actor: Actor, handler_id: int | None) -> bool:
    """Administrators and the clue's handler only."""
    return actor.role >= Role.ADMIN or (handler_id is not None and actor.id == handler_id)


def reply_deadline(calendar: WorkCalendar, sent: dt.date | None, working_days: int,
                   given: dt.date | None = None) -> dt.date | None:
    """The day a 函询 answer is due: the clerk's, else `working_days` working days after the
    letter (None without a letter)."""
    if given is not None:
        return given
    if sent is None:
        return None
    return calendar.working_days_after(sent, working_days)


def being_checked(received_on: dt.date, closed_on: dt.date | None, day: dt.date) -> bool:
    """正在核查 on `day`: received by then and not 办结 by then."""
    return received_on <= day and (closed_on is None or closed_on > day)
