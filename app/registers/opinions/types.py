"""What crosses between the 意见回复 and its callers: the facts about one person as of a date
(and the conclusion that follows from them), the replies issued, a reply row."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from app.registers.findings.types import FindingRow
from app.registers.ledger.types import LedgerRow
from app.registers.people.types import PersonRow

# What the conclusion says a person inside an 影响期 should not be proposed for, by purpose.
PURPOSE_PHRASES = {"promotion": "提拔任用", "award": "评先评优"}


@dataclass(frozen=True)
class OpinionFacts:
    """What the office has on record about one person as of a date."""

    person: PersonRow
    purpose: str
    purpose_label: str
    as_of: dt.date
    entries: tuple[LedgerRow, ...]           # decided on or before `as_of` (需转出 ones too)
    covering: tuple[LedgerRow, ...]          # entries whose 影响期 covers `as_of`
    open_findings: tuple[FindingRow, ...]    # 责任人, found by `as_of`, not 销号 by then

    @property
    def in_impact(self) -> bool:
        return bool(self.covering)

    @property
    def clues(self) -> tuple[LedgerRow, ...]:
        """Entries whose clue was handled in a recorded way (谈话 · 函询 · 初步核实)."""
        return tuple(e for e in self.entries if e.handling)

    @property
    def clear(self) -> bool:
        return not self.entries and not self.open_findings

    def entry_lines(self) -> list[str]:
        return [f"{e.decided_on:%Y-%m-%d}，因“{e.problem}”，由{e.decision_organ or '有关机关'}给予{e.methods_text}"
                + (f"（影响期至 {e.impact_end:%Y-%m-%d}）" if e.impact_end else "")
                + ("；其中含第二种形态处置，已列为需转出" if e.needs_transfer else "") + "。"
                for e in self.entries] or ["无。"]

    def clue_lines(self) -> list[str]:
        lines = []
        for e in self.clues:
            letter = ""
            if e.letter_sent_on is not None:
                letter = f"（{e.letter_sent_on:%Y-%m-%d}发函，" + (
                    f"{e.replied_on:%Y-%m-%d}回复）" if e.replied_on else "尚未回复）")
            source = f"{e.clue_source_label}反映的" if e.clue_source else ""
            lines.append(f"{source}“{e.problem}”问题线索，采取{e.handling_label}方式处置{letter}，"
                         f"{e.decided_on:%Y-%m-%d}处理完毕。")
        return lines or ["无。"]

    def impact_lines(self) -> list[str]:
        if not self.covering:
            ended = [e for e in self.entries if e.impact_end is not None]
            if ended:
                last = max(e.impact_end for e in ended)  # type: ignore[type-var]
                return [f"截至 {self.as_of:%Y-%m-%d}，不在影响期内（最近一次影响期已于 {last:%Y-%m-%d} 届满）。"]
            return [f"截至 {self.as_of:%Y-%m-%d}，不在影响期内。"]
        return [f"{e.decided_on:%Y-%m-%d}受到{e.methods_text}处理，影响期至 {e.impact_end:%Y-%m-%d}，"
                f"截至 {self.as_of:%Y-%m-%d} 尚在影响期内。" for e in self.covering]

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
        if self.covering:
            last = max(e.impact_end for e in self.covering)  # type: ignore[type-var]
            advice = f"影响期内不宜{phrase}" if phrase else "请在使用时予以考虑"
            return f"{name}截至 {self.as_of:%Y-%m-%d} 尚在影响期内（至 {last:%Y-%m-%d}），{advice}。"
        if self.clear:
            about = f"对其{phrase}无不同意见" if phrase else "无不同意见"
            return f"未发现{name}有违反党风廉政建设有关规定需要说明的问题，{about}。"
        notes = []
        if self.entries:
            ended = any(e.impact_end is not None for e in self.entries)
            notes.append(f"曾受到第一种形态处置 {len(self.entries)} 人次，" + ("现已不在影响期内" if ended else "所受处置无影响期"))
        if self.open_findings:
            notes.append(f"作为责任人尚有 {len(self.open_findings)} 项问题整改未销号，应督促其按期整改到位")
        return f"{name}" + "；".join(notes) + "。以上情况供研究时参考。"


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

