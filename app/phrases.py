"""常用语: the office's phrases for a form's text fields (a talk's content, 本人表态, 后续要求),
each for a talk type and a reason or for any. The talk form offers those of its type and reason
(Ctrl+J); 系统管理 › 常用语 edits them (录入员 and 管理员 — the office curates its own wording).
Audited like every shared record."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, require_all_units, require_write
from app.dictionaries import load_vocabulary, require_code
from app.errors import ValidationError
from app.stale import load_for_update
from db.models import Phrase

FIELDS = {"talk_content": "谈话内容", "talk_response": "本人表态", "talk_follow_up": "后续要求"}
MAX_TEXT = 500


@dataclass(frozen=True)
class PhraseDraft:
    field: str
    text: str
    kind: str = ""
    reason: str = ""
    sort_order: int = 100
    active: bool = True
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class PhraseRow:
    id: int
    field: str
    kind: str
    reason: str
    text: str
    sort_order: int
    active: bool
    version: int


def _row(p: Phrase) -> PhraseRow:
    return PhraseRow(p.id, p.field, p.kind, p.reason, p.text, p.sort_order, p.active, p.version)


def list_phrases(session: Session) -> list[PhraseRow]:
    """Every phrase, by field and order (the editor's list)."""
    rows = session.scalars(select(Phrase).order_by(Phrase.field, Phrase.sort_order, Phrase.id))
    return [_row(p) for p in rows]


def phrases_for(session: Session, field: str, kind: str, reason: str) -> list[PhraseRow]:
    """The active phrases of `field` that fit a talk of `kind` and `reason`: those made for
    both first, then for the type, for the reason, for any."""
    rows = session.scalars(select(Phrase).where(
        Phrase.field == field, Phrase.active.is_(True), Phrase.kind.in_(["", kind]),
        Phrase.reason.in_(["", reason])))
    return sorted((_row(p) for p in rows),
                  key=lambda p: (not p.kind, not p.reason, p.sort_order, p.id))


def save_phrase(session: Session, actor: Actor, draft: PhraseDraft) -> int:
    """Adds or edits a phrase (录入员 of all units, 管理员); audited."""
    require_write(actor)
    require_all_units(actor, "常用语")
    if draft.field not in FIELDS:
        raise ValidationError("请选择用于哪一栏。", "field")
    text = draft.text.strip()
    if not text:
        raise ValidationError("常用语不能为空。", "text")
    if len(text) > MAX_TEXT:
        raise ValidationError(f"常用语不能超过 {MAX_TEXT} 个字。", "text")
    vocab = load_vocabulary(session)
    require_code(vocab, "talk_type", draft.kind, "kind", required=False)
    require_code(vocab, "talk_reason", draft.reason, "reason", required=False)
    values = dict(field=draft.field, kind=draft.kind, reason=draft.reason, text=text,
                  sort_order=draft.sort_order, active=draft.active)
    if draft.id is None:
        phrase = Phrase(**values)
        session.add(phrase)
        session.flush()
        audit.created(session, actor, phrase, summary=f"新增常用语 {text[:30]}")
        return phrase.id
    phrase = load_for_update(session, Phrase, draft.id, draft.version, "常用语")
    before = audit.snapshot(phrase)
    for key, value in values.items():
        setattr(phrase, key, value)
    session.flush()
    audit.updated(session, actor, phrase, before, summary=f"修改常用语 {text[:30]}")
    return phrase.id
