"""Issuing 意见回复: the .docx (one for all, or one per person in a folder), an
`opinion_replies` row and an audit row per reply, one export row per file."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, require_write
from app.common import not_future
from app.documents import docx_path, render_docx
from app.errors import ValidationError
from app.registers.opinions.documents import TEMPLATE, reply_context
from app.registers.opinions.query import opinion_facts
from app.registers.opinions.types import IssuedReplies, OpinionFacts
from db.models import OpinionReply

ENTITY = "opinion_replies"


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

