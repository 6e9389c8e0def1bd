"""Drafts of unsaved forms, per user, in the database (never loose files).

A draft is what one form held when it was last touched: its `fields` and a little `meta` (what
form and record it is, a summary for the list on 首页, the field being typed in, whether the
clerk declined it once). Keys are `<form>:<scope>:<token>` — a form (the dialog's class), the
record it is for ("new" or the record's id), and a token per opening, so a second new form never
overwrites the first one's draft. A draft ends when its form is saved (in the save's unit of
work: a failed save keeps it) or when the clerk deletes it on purpose. Declining the offer to
restore it keeps it.

Drafts are nobody's record: they are not audited, not sealed, not searched, not exported; only
their owner sees them."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.auth import Actor
from db.models import Draft, utcnow

MAX_KEY = 80


@dataclass(frozen=True)
class SavedDraft:
    form_key: str
    payload: dict
    saved_at: dt.datetime
    meta: dict = field(default_factory=dict)

    @property
    def fields(self) -> dict:
        return self.payload.get("fields", {})

    @property
    def declined(self) -> bool:
        return bool(self.meta.get("declined"))

    @property
    def record_id(self) -> int | None:
        value = self.meta.get("record_id")
        return value if isinstance(value, int) else None


def base_key(form: str, scope: str) -> str:
    """`<form>:<scope>`: what every draft of one form for one record starts with (a long scope
    is replaced by its digest, so a key always fits)."""
    base = f"{form}:{scope}"
    if len(base) > MAX_KEY - 9:
        base = f"{form[:MAX_KEY - 26]}:h{hashlib.sha1(scope.encode()).hexdigest()[:14]}"
    return base


def new_key(form: str, scope: str) -> str:
    """A fresh key for one opening of `form` for `scope` ("new" or a record)."""
    return f"{base_key(form, scope)}:{secrets.token_hex(4)}"


def key_base(key: str) -> str:
    """`<form>:<scope>` of a key (what a form looks for when it opens)."""
    return key.rsplit(":", 1)[0]


def _saved(row: Draft) -> SavedDraft:
    payload = json.loads(row.payload)
    meta = payload.get("meta", {}) if isinstance(payload, dict) else {}
    return SavedDraft(row.form_key, payload, row.saved_at, meta if isinstance(meta, dict) else {})


def save_draft(session: Session, actor: Actor, form_key: str, payload: dict) -> None:
    """Stores what the form holds now (called within a second of the clerk's last keystroke
    and on every move to another field)."""
    text = json.dumps(payload, ensure_ascii=False, default=str, sort_keys=True)
    row = session.scalars(select(Draft).where(
        Draft.user_id == actor.id, Draft.form_key == form_key)).first()
    if row is None:
        session.add(Draft(user_id=actor.id, form_key=form_key, payload=text))
    elif row.payload != text:
        row.payload, row.saved_at = text, utcnow()
    session.flush()


def load_draft(session: Session, actor: Actor, form_key: str) -> SavedDraft | None:
    row = session.scalars(select(Draft).where(
        Draft.user_id == actor.id, Draft.form_key == form_key)).first()
    return None if row is None else _saved(row)


def drafts_of(session: Session, actor: Actor, prefix: str = "") -> list[SavedDraft]:
    """The actor's drafts whose key starts with `prefix`, oldest first."""
    rows = session.scalars(select(Draft).where(Draft.user_id == actor.id)
                           .order_by(Draft.saved_at, Draft.id))
    return [_saved(r) for r in rows if r.form_key.startswith(prefix)]


def load_offered(session: Session, actor: Actor, base: str) -> SavedDraft | None:
    """The newest draft of `base` (`<form>:<scope>`) the clerk has not declined: what a form
    offers back when it opens."""
    found = [d for d in drafts_of(session, actor, base + ":") if not d.declined]
    return found[-1] if found else None


def decline_draft(session: Session, actor: Actor, form_key: str) -> None:
    """The clerk said 不恢复: the draft stays (listed on 首页) but is not offered again."""
    row = session.scalars(select(Draft).where(
        Draft.user_id == actor.id, Draft.form_key == form_key)).first()
    if row is None:
        return
    payload = json.loads(row.payload)
    if isinstance(payload, dict):
        payload.setdefault("meta", {})["declined"] = True
        row.payload = json.dumps(payload, ensure_ascii=False, default=str, sort_keys=True)
        session.flush()


def clear_draft(session: Session, actor: Actor, form_key: str) -> None:
    """Ends a draft: its form was saved (call it in the save's unit of work), or the clerk
    deleted it."""
    session.execute(delete(Draft).where(Draft.user_id == actor.id, Draft.form_key == form_key))
