"""党风廉政意见回复: before a promotion or an award the office answers, for each person, what it
has on record as of a date — first-form entries and whether an 影响期 covers that date, the clues
handled (how each ledger entry's clue was dealt with), and the findings the person answers for
that were still open then. A reply is a .docx (resources/templates/opinion_reply.docx: one
document per person, or one for all); each issued reply is kept in `opinion_replies` (listed on
the form) and audited.

The reply states facts and a conclusion that follows from them; the office signs it. Second-form
entries wrongly filed in the ledger (需转出) are stated too: a reply must not leave a 处分 out.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, Role, require_role, require_write
from app.documents import docx_path, render_docx
from app.errors import PermissionDenied, ValidationError
from app.services.common import clean, like_any, not_future
from app.services.dictionaries import load_vocabulary, require_code
from app.services.dossier import EVERYONE, resolve_person
from app.services.findings import FindingRow, finding_rows
from app.services.ledger_query import ALL, LedgerFilter, LedgerRow, rows_where
from app.services.people import PersonRow, people_rows
from db.models import Finding, OpinionReply, Person

TEMPLATE = "opinion_reply.docx"
ENTITY = "opinion_replies"
ADDRESSEE = "局党组"
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


def opinion_facts(session: Session, actor: Actor, person_ids: Sequence[int], purpose: str,
                  as_of: dt.date) -> list[OpinionFacts]:
    """The facts of a reply for each person, in the order given. A unit-limited user may ask
    about people in their units; every register is read in full for them (a reply must be
    complete). Raises ValidationError for an unknown purpose or person."""
    require_role(actor, Role.VIEWER)
    vocab = load_vocabulary(session)
    require_code(vocab, "opinion_purpose", purpose, "purpose")
    people = {p.id: p for p in people_rows(session, list(person_ids))}
    facts = []
    for pid in person_ids:
        person = people.get(pid)
        if person is None:
            raise ValidationError("所选人员已不在人员名册中。", "people")
        if not actor.may_touch_unit(person.unit_id):
            raise PermissionDenied(f"当前用户只能为指定单位的人员出具意见回复（{person.display}）。")
        entries = rows_where(session, EVERYONE, LedgerFilter(view=ALL, person_id=pid, end=as_of))
        covering = tuple(e for e in entries if e.impact_end is not None and e.decided_on <= as_of <= e.impact_end)
        ids = list(session.scalars(select(Finding.id).where(
            Finding.resp_person_id == pid, Finding.found_on <= as_of).order_by(Finding.found_on, Finding.id)))
        open_ = tuple(f for f in finding_rows(session, ids, as_of) if f.closed_on is None or f.closed_on > as_of)
        facts.append(OpinionFacts(person, purpose, vocab.label("opinion_purpose", purpose), as_of,
                                  tuple(entries), covering, open_))
    return facts


def reply_context(facts: OpinionFacts, number: int | str, bureau: str) -> dict[str, object]:
    p = facts.person
    day = facts.as_of
    return {
        "number": str(number), "addressee": ADDRESSEE, "name": p.name,
        "unit_position": "".join(x for x in (p.unit_name, p.position) if x), "purpose": facts.purpose_label,
        "as_of": f"{day.year}年{day.month}月{day.day}日", "entries": facts.entry_lines(),
        "clues": facts.clue_lines(), "impact": facts.impact_lines(), "findings": facts.finding_lines(),
        "conclusion": facts.conclusion, "office": f"{bureau}机关纪委",
    }


@dataclass(frozen=True)
class IssuedReplies:
    files: tuple[Path, ...]
    reply_ids: tuple[int, ...]
    facts: tuple[OpinionFacts, ...]


def _file_name(facts: OpinionFacts) -> str:
    safe = re.sub(r'[\\/:*?"<>|]', "", f"{facts.person.name}-{facts.person.unit_name}")
    return f"党风廉政意见回复-{safe}-{facts.as_of:%Y%m%d}.docx"


def issue_opinions(session: Session, actor: Actor, person_ids: Sequence[int], purpose: str, as_of: dt.date,
                   out: Path | str, *, bureau: str, today: dt.date, per_person: bool = False) -> IssuedReplies:
    """Issues the replies: one .docx for all at `out`, or (`per_person`) one per person in the
    folder `out`. Each reply is kept in `opinion_replies` (who, unit and position then, purpose,
    date, conclusion, who issued it) and audited with the export, in the caller's transaction.
    录入员 or above (issuing is a record); `as_of` not after `today`."""
    require_write(actor)
    if not person_ids:
        raise ValidationError("请选择要出具意见回复的人员。", "people")
    if len(set(person_ids)) != len(person_ids):
        raise ValidationError("同一人员重复选择了。", "people")
    if as_of is None:
        raise ValidationError("请填写回复所依据的日期。", "as_of")
    not_future(as_of, today, "回复日期", "as_of")
    facts = opinion_facts(session, actor, person_ids, purpose, as_of)
    out = Path(out)
    if per_person and not out.is_dir():
        raise ValidationError(f"请选择保存意见回复的文件夹（“{out}”不是文件夹）。", "out")
    rows = []
    for f in facts:
        row = OpinionReply(person_id=f.person.id, person_name=f.person.name, unit_name=f.person.unit_name,
                           position=f.person.position, purpose=purpose, as_of=as_of, conclusion=f.conclusion,
                           issued_by=actor.name)
        session.add(row)
        session.flush()
        audit.created(session, actor, row, summary=f"出具党风廉政意见回复 {f.person.display}（{f.purpose_label}）")
        rows.append(row)
    files = []
    batches = [([f], [r], out / _file_name(f)) for f, r in zip(facts, rows)] if per_person else [(facts, rows, out)]
    for batch, batch_rows, path in batches:
        context = {"replies": [reply_context(f, r.id, bureau) for f, r in zip(batch, batch_rows)]}
        render_docx(TEMPLATE, context, docx_path(path))
        audit.exported(session, actor, ENTITY, path.name, len(batch),
                       scope="党风廉政意见回复 " + "、".join(f.person.display for f in batch))
        files.append(path)
    return IssuedReplies(tuple(files), tuple(r.id for r in rows), tuple(facts))


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


def opinion_replies(session: Session, actor: Actor, *, year: int | None = None, text: str = "",
                    person_id: int | None = None) -> list[OpinionReplyRow]:
    """Issued replies, newest first (of `year` by the reply date; matching `text` in the name,
    unit, position or conclusion). A unit-limited user sees replies about people now in their units."""
    require_role(actor, Role.VIEWER)
    vocab = load_vocabulary(session)
    query = select(OpinionReply).outerjoin(Person, Person.id == OpinionReply.person_id)
    if actor.unit_ids is not None:
        query = query.where(Person.unit_id.in_(sorted(actor.unit_ids)))
    if year is not None:
        query = query.where(OpinionReply.as_of.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    if person_id is not None:
        query = query.where(OpinionReply.person_id == person_id)
    if clean(text):
        query = query.where(like_any(clean(text), OpinionReply.person_name, OpinionReply.unit_name,
                                     OpinionReply.position, OpinionReply.conclusion))
    query = query.order_by(OpinionReply.issued_at.desc(), OpinionReply.id.desc())
    return [OpinionReplyRow(r.id, r.person_id, r.person_name, r.unit_name, r.position, r.purpose,
                            vocab.label("opinion_purpose", r.purpose), r.as_of, r.conclusion, r.issued_at,
                            r.issued_by) for r in session.scalars(query)]


# ---- the command line -------------------------------------------------------------------------


def split_names(text: str) -> list[str]:
    """“张三,李四、王五@办公室” → the names as written (commas, 、 and spaces separate)."""
    return [part for part in re.split(r"[,，、;；\s]+", text or "") if part]


def cli_export(args: argparse.Namespace, ws) -> str:  # noqa: ANN001 — app.workspace.Workspace
    """`export opinion --people 姓名[@单位],… --purpose 提拔任用|评先评优|其他 --out F.docx [--to 日期]`:
    one document for all the people named; the date is --to, else today."""
    from app.cli import CommandError

    names = split_names(args.people or "")
    if not names:
        raise CommandError("出具意见回复需要 --people 姓名（多人以逗号或顿号分隔，同名时写成 姓名@单位）。")
    with ws.reading() as session:
        purpose = load_vocabulary(session).resolve("opinion_purpose", args.purpose or "")
        if purpose is None:
            raise CommandError("--purpose 应为 提拔任用、评先评优 或 其他。")
        people = [resolve_person(session, name) for name in names]
    as_of = args.date_to or ws.today()
    with ws.writing() as session:
        issued = issue_opinions(session, ws.actor, [p.id for p in people], purpose, as_of, args.out,
                                bureau=ws.settings.bureau_name, today=ws.today())
    flagged = [f.person.name for f in issued.facts if f.in_impact]
    note = f"；影响期内：{'、'.join(flagged)}" if flagged else ""
    return f"已出具 {len(people)} 份党风廉政意见回复（截至 {as_of:%Y-%m-%d}）到 {args.out}{note}"
