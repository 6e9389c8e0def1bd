"""Figures of the first-form ledger (DESIGN "Definitions") and what other pages ask of it.

人次: one entry is one 人次 whatever its number of methods. "By method" counts methods, so its sum
may exceed 人次; 谈话提醒/提醒谈话 and 责令检查/责令作出书面检查 are one method each. Every figure
counts the filed ledger's first-form dispositions of Party members only: entries with a
second-form method (需转出) are left out, and so are entries whose clue was closed by 了结 with
no method (no 处置 of the person) and entries for non-members (非党员) — each counted apart.

Functions for the Home page and the 党风廉政意见回复: `person_times` (人次 in a period),
`revisits_due`, `impact_ending`, `impact_covering`, `inquiries_awaiting_reply`,
`entries_of_person`; and the person timeline's provider `timeline_items`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.dictionaries import load_vocabulary
from app.registers.ledger.query import conditions, rows_where
from app.registers.ledger.rules import quarter_of
from app.registers.ledger.types import FILED, TRANSFER, LedgerFilter, LedgerRow
from app.registers.people.types import MEMBER_STATUSES
from app.timeline import TimelineItem
from db.models import LedgerEntry, LedgerMethod, Unit

# A first-form 人次: at least one method, for a member (or a person whose status is not known).
_HAS_METHOD = LedgerEntry.id.in_(select(LedgerMethod.entry_id))
_MEMBER = or_(LedgerEntry.political_status == "", LedgerEntry.political_status.in_(MEMBER_STATUSES))


@dataclass(frozen=True)
class MethodCount:
    code: str
    label: str
    form: int | None
    by_quarter: tuple[int, int, int, int]

    @property
    def total(self) -> int:
        return sum(self.by_quarter)


@dataclass(frozen=True)
class UnitCount:
    unit_id: int | None
    unit_name: str
    person_times: int


@dataclass(frozen=True)
class LedgerStats:
    year: int | None
    person_times: int                        # 人次: entries
    by_quarter: tuple[int, int, int, int]    # 人次 per quarter
    methods: tuple[MethodCount, ...]         # methods per quarter, most used first
    units: tuple[UnitCount, ...]             # 人次 per unit (the snapshot's), most first
    leaders: int                             # 人次 of 班子成员 (snapshot)
    key_posts: int                           # 人次 on 重要岗位 (snapshot)
    transfer_needed: int                     # entries left out: 需转出
    cleared: int = 0                         # entries left out: the clue closed by 了结, no method
    non_members: int = 0                     # entries left out: 非党员 (counted apart)

    @property
    def method_count(self) -> int:
        """Methods used: may exceed 人次 (an entry may have several)."""
        return sum(m.total for m in self.methods)

    @property
    def leader_share(self) -> float:
        return self.leaders / self.person_times if self.person_times else 0.0

    @property
    def key_post_share(self) -> float:
        return self.key_posts / self.person_times if self.person_times else 0.0

    def summary(self, transfer: bool = True) -> str:
        """One line: 共 N 人次（处置方式 M 项）；班子成员 a 人次（x%）；重要岗位 b 人次（y%）, and
        the 需转出 entries left out (unless `transfer` is False)."""
        text = f"共 {self.person_times} 人次（处置方式 {self.method_count} 项）"
        if self.person_times:
            text += (f"；班子成员 {self.leaders} 人次（{self.leader_share:.0%}）"
                     f"；重要岗位 {self.key_posts} 人次（{self.key_post_share:.0%}）")
        apart = [f"线索了结 {self.cleared} 件" if self.cleared else "",
                 f"非党员 {self.non_members} 人次" if self.non_members else ""]
        if any(apart):
            text += "；另有" + "、".join(a for a in apart if a) + "，单独统计"
        if transfer and self.transfer_needed:
            text += f"；另有 {self.transfer_needed} 条需转出，未计入"
        return text


def ledger_statistics(session: Session, actor: Actor, year: int | None = None,
                      unit_id: int | None = None, *, filt: LedgerFilter | None = None) -> LedgerStats:
    """The filed ledger's figures for a year (all years when None), optionally for one unit and
    the units below it — or for any filter of the page (`filt`, its view ignored) — by the
    definitions above; computed in SQL."""
    filt = replace(filt, view=FILED) if filt is not None else LedgerFilter(view=FILED, year=year, unit_id=unit_id)
    filed = conditions(session, actor, filt)
    where = [*filed, _HAS_METHOD, _MEMBER]
    quarter = quarter_of(LedgerEntry.decided_on)
    per_quarter = dict(session.execute(
        select(quarter, func.count()).where(*where).group_by(quarter)).all())
    by_quarter = tuple(int(per_quarter.get(q, 0)) for q in (1, 2, 3, 4))

    vocab = load_vocabulary(session)
    counts: dict[str, list[int]] = {}
    for code, q, n in session.execute(
            select(LedgerMethod.method, quarter, func.count())
            .join(LedgerEntry, LedgerMethod.entry_id == LedgerEntry.id)
            .where(*where).group_by(LedgerMethod.method, quarter)):
        counts.setdefault(code, [0, 0, 0, 0])[int(q) - 1] += n
    order = {e.code: i for i, e in enumerate(vocab.entries("disposal_method", include_inactive=True))}
    methods = tuple(sorted(
        (MethodCount(code, vocab.label("disposal_method", code), vocab.form(code), tuple(q))
         for code, q in counts.items()),
        key=lambda m: (-m.total, order.get(m.code, 999))))

    names = dict(session.execute(select(Unit.id, Unit.name)).all())
    per_unit: dict[tuple[int | None, str], int] = {}
    for uid, filed_name, n in session.execute(
            select(LedgerEntry.unit_id, LedgerEntry.unit_name, func.count()).where(*where)
            .group_by(LedgerEntry.unit_id, LedgerEntry.unit_name)):
        key = (uid, names.get(uid, filed_name))
        per_unit[key] = per_unit.get(key, 0) + n
    units = tuple(sorted((UnitCount(uid, name, n) for (uid, name), n in per_unit.items()),
                         key=lambda u: (-u.person_times, u.unit_name)))

    leaders, key_posts = session.execute(select(
        func.coalesce(func.sum(case((LedgerEntry.is_leader, 1), else_=0)), 0),
        func.coalesce(func.sum(case((LedgerEntry.key_post != "", 1), else_=0)), 0)).where(*where)).one()
    transfer = session.scalar(select(func.count()).select_from(LedgerEntry).where(
        *conditions(session, actor, replace(filt, view=TRANSFER))))
    cleared = session.scalar(select(func.count()).select_from(LedgerEntry).where(*filed, ~_HAS_METHOD))
    non_members = session.scalar(select(func.count()).select_from(LedgerEntry).where(*filed, _HAS_METHOD, ~_MEMBER))
    return LedgerStats(filt.year, sum(by_quarter), by_quarter, methods, units, int(leaders),
                       int(key_posts), int(transfer or 0), int(cleared or 0), int(non_members or 0))


def category_counts(session: Session, actor: Actor, filt: LedgerFilter) -> dict[str, int]:
    """Filed entries (人次) per 问题类别 code ("" for entries without one) matching `filt` (its
    view ignored): what app/categories.py folds into 纪律 and 四风 headings."""
    where = conditions(session, actor, replace(filt, view=FILED))
    return {code or "": int(n) for code, n in session.execute(
        select(LedgerEntry.category, func.count()).where(*where).group_by(LedgerEntry.category))}


# ---- for the Home page and the 党风廉政意见回复 --------------------------------------------


def person_times(session: Session, actor: Actor, start: dt.date, end: dt.date) -> int:
    """First-form 人次 decided within [start, end] (as ledger_statistics counts them)."""
    return session.scalar(select(func.count()).select_from(LedgerEntry).where(
        *conditions(session, actor, LedgerFilter(start=start, end=end)), _HAS_METHOD, _MEMBER)) or 0


def revisits_due(session: Session, actor: Actor, today: dt.date, within_days: int = 0) -> list[LedgerRow]:
    """Filed entries whose planned 回访 is on or before today + `within_days` and not done yet
    (no date and no result recorded), oldest plan first."""
    return rows_where(session, actor, LedgerFilter(),
                      LedgerEntry.revisit_planned <= today + dt.timedelta(days=within_days),
                      LedgerEntry.revisit_done_on.is_(None), LedgerEntry.revisit_result == "",
                      order=(LedgerEntry.revisit_planned,))


def impact_ending(session: Session, actor: Actor, start: dt.date, end: dt.date) -> list[LedgerRow]:
    """Filed entries whose 影响期 ends within [start, end], soonest first."""
    return rows_where(session, actor, LedgerFilter(), LedgerEntry.impact_end.between(start, end),
                      order=(LedgerEntry.impact_end,))


def impact_covering(session: Session, actor: Actor, day: dt.date,
                    person_ids: Sequence[int] | None = None) -> list[LedgerRow]:
    """Filed entries whose 影响期 covers `day` (decided on or before it, ending on or after it),
    of some people or all: a person inside an 影响期 is not proposed for promotion or awards."""
    extra = [LedgerEntry.decided_on <= day, LedgerEntry.impact_end >= day]
    if person_ids is not None:
        extra.append(LedgerEntry.person_id.in_(list(person_ids)))
    return rows_where(session, actor, LedgerFilter(), *extra)


def inquiries_awaiting_reply(session: Session, actor: Actor) -> list[LedgerRow]:
    """函询 letters sent and not yet answered (every view: a reply is awaited either way),
    earliest deadline first; `row.reply_overdue(today)` tells the late ones."""
    return rows_where(session, actor, LedgerFilter(view="all"), LedgerEntry.letter_sent_on.is_not(None),
                      LedgerEntry.replied_on.is_(None),
                      order=(func.coalesce(LedgerEntry.reply_due, LedgerEntry.letter_sent_on),))


def entries_of_person(session: Session, actor: Actor, person_id: int, *,
                      include_transfer: bool = False) -> list[LedgerRow]:
    """The person's entries, oldest first (the filed ones unless `include_transfer`)."""
    view = "all" if include_transfer else FILED
    return rows_where(session, actor, LedgerFilter(view=view, person_id=person_id))


def timeline_items(session: Session, actor: Actor, person_id: int) -> list:
    """The person timeline's provider: one item per entry the actor may read (需转出 ones marked)."""
    filt = LedgerFilter(view="all", person_id=person_id)
    rows = rows_where(session, actor, filt)
    return [TimelineItem(r.decided_on, "ledger", _kind(r), r.cleared_text if r.cleared else r.problem, r.id)
            for r in rows]


def _kind(r: LedgerRow) -> str:
    if r.cleared:
        return r.handling_label
    mark = "（需转出）" if r.needs_transfer else "（已转出）" if r.transferred else ""
    return r.methods_text + mark + ("（非党员）" if r.non_member else "")
