"""What crosses between the 意见回复 and its callers: the facts about one person as of a date
(and the conclusion that follows from them), the replies issued, a reply row.

The wording (issue 18): a measure in effect on the reply date “…，影响期至YYYY年M月D日”, one whose
period has ended “曾受…（影响期至YYYY年M月D日，已满）”, a clue not 办结 “正在核查” (a 暂存待查 one
said so), and for a person with no record “截至…，本机关纪委未掌握…”. A clue closed by 了结 clears
the person and is not stated. Second-form methods filed in the ledger by mistake and not yet
transferred (需转出) are stated as measures, with the period of the kind they are."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from app.registers.clues.types import ClueRow
from app.registers.findings.types import FindingRow
from app.registers.ledger.types import LedgerRow
from app.registers.people.types import PersonRow
from app.registers.sanctions.rules import chinese_date, in_effect, reply_line

# What the conclusion says a person inside an 影响期 should not be proposed for, by purpose.
PURPOSE_PHRASES = {"promotion": "提拔任用", "award": "评先评优"}
ADMONISH, SECOND_FORM = "admonish", 2


def first_form_labels(entry: LedgerRow) -> tuple[str, ...]:
    """An entry's methods a reply states as first-form 处置: 诫勉 and second-form methods are
    stated among the measures, with their 影响期."""
    return tuple(label for code, label, form in zip(entry.methods, entry.method_labels, entry.forms, strict=True)
                 if code != ADMONISH and form != SECOND_FORM)


@dataclass(frozen=True)
class Measure:
    """A 处分, 组织处理 or 诫勉 as a reply states it (a sanction record, or a 需转出 ledger method)."""

    decided_on: dt.date
    measure: str              # 党内警告处分 · 调整职务处理 · 诫勉
    organ: str
    end: dt.date | None       # the 影响期's last day (None: no period)
    note: str = ""            # “（记入第一种形态台账，尚未转出）”

    def in_effect(self, day: dt.date) -> bool:
        return in_effect(self.decided_on, self.end, day)

    def line(self, day: dt.date) -> str:
        text = reply_line(self.decided_on, self.organ, self.measure, self.end, day)
        return text[:-1] + self.note + "。" if self.note else text


@dataclass(frozen=True)
class OpinionFacts:
    """What the office has on record about one person as of a date."""

    person: PersonRow
    purpose: str
    purpose_label: str
    as_of: dt.date
    measures: tuple[Measure, ...]            # decided on or before `as_of`
    entries: tuple[LedgerRow, ...]           # entries with a first-form method decided by then (no 了结)
    clues: tuple[ClueRow, ...]               # naming the person, being checked on `as_of`
    open_findings: tuple[FindingRow, ...]    # 责任人, found by `as_of`, not 销号 by then

    @property
    def covering(self) -> tuple[Measure, ...]:
        """The measures in effect on the reply date."""
        return tuple(m for m in self.measures if m.in_effect(self.as_of))

    @property
    def in_impact(self) -> bool:
        return bool(self.covering)

    @property
    def checked(self) -> tuple[ClueRow, ...]:
        """Clues 正在核查 (not 暂存待查)."""
        return tuple(c for c in self.clues if not c.shelved)

    @property
    def clear(self) -> bool:
        return not (self.measures or self.entries or self.clues or self.open_findings)

    def measure_lines(self) -> list[str]:
        return [m.line(self.as_of) for m in self.measures] or ["无。"]

    def entry_lines(self) -> list[str]:
        """Each entry's first-form methods but 诫勉 (a measure, stated with its 影响期 above)."""
        return [f"{chinese_date(e.decided_on)}因“{e.problem}”，由{e.decision_organ or '有关机关'}给予"
                f"{'、'.join(first_form_labels(e))}。" for e in self.entries if first_form_labels(e)] or ["无。"]

    def clue_lines(self) -> list[str]:
        """The clue itself, never its reporter nor (while unproven) its content."""
        lines = []
        for c in self.clues:
            source = f"{c.source_label}" if c.source else ""
            state = "暂存待查" if c.shelved else "正在核查"
            lines.append(f"{chinese_date(c.received_on)}受理的反映该同志的{source}问题线索{state}。")
        return lines or ["无。"]

    def finding_lines(self) -> list[str]:
        def status(f: FindingRow) -> str:
            if f.closed_on is not None:  # closed after the reply's date: open then
                return f"当时未销号，{f.closed_on:%Y-%m-%d}已销号"
            return f.status_label + ("，已逾期" if f.deadline is not None and f.deadline < self.as_of else "")

        return [f"{f.code}：{f.description}（{f.owner_unit_name}，"
                + (f"整改时限 {f.deadline:%Y-%m-%d}，" if f.deadline else "") + f"{status(f)}）。"
                for f in self.open_findings] or ["无。"]

    @property
    def conclusion(self) -> str:
        """What the reply concludes, from the facts above."""
        name = f"{self.person.name}同志"
        phrase = PURPOSE_PHRASES.get(self.purpose, "")
        day = chinese_date(self.as_of)
        if self.covering:
            last = max(m.end for m in self.covering)  # type: ignore[type-var]  # the later end governs
            advice = f"影响期内不宜{phrase}" if phrase else "请在使用时予以考虑"
            return f"截至{day}，{name}尚在影响期内（影响期至{chinese_date(last)}），{advice}。"
        if self.checked:
            later = f"建议待核查结束后再研究其{phrase}" if phrase else "请在使用时予以考虑"
            return f"截至{day}，反映{name}的问题线索正在核查，{later}。"
        if self.clear:
            about = f"对其{phrase}无不同意见" if phrase else "无不同意见"
            return f"截至{day}，本机关纪委未掌握{name}违反党风廉政建设有关规定的问题，{about}。"
        notes = []
        if self.measures:
            notes.append("曾受" + "、".join(dict.fromkeys(m.measure for m in self.measures)) + "，影响期已满")
        if self.entries:
            notes.append(f"曾受到第一种形态处置 {len(self.entries)} 人次")
        if self.clues:
            notes.append(f"有问题线索 {len(self.clues)} 件暂存待查")
        if self.open_findings:
            notes.append(f"作为责任人尚有 {len(self.open_findings)} 项问题整改未销号，应督促其按期整改到位")
        return f"截至{day}，{name}" + "；".join(notes) + "。以上情况供研究时参考。"


@dataclass(frozen=True)
class IssuedReplies:
    files: tuple[Path, ...]
    reply_ids: tuple[int, ...]
    facts: tuple[OpinionFacts, ...]


@dataclass(frozen=True)
class OpinionReplyRow:
    id: int
    person_id: int | None
    person_name: str
    unit_name: str
    position: str
    purpose: str
    purpose_label: str
    as_of: dt.date
    conclusion: str
    issued_at: dt.datetime
    issued_by: str

    @property
    def person_display(self) -> str:
        detail = "·".join(x for x in (self.unit_name, self.position) if x)
        return f"{self.person_name}（{detail}）" if detail else self.person_name
