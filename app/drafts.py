"""Drafts of unsaved forms, per user, in the database (never loose files); cleared on save."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.auth import Actor
from db.models import Draft, utcnow


@dataclass(frozen=True)
class SavedDraft:
    form_key: str
    payload: dict
    saved_at: dt.datetime


def save_draft(session: Session, actor: Actor, form_key: str, payload: dict) -> None:
    """Stores what the form holds now (called every few seconds while a form is open)."""
    text = json.dumps(payload, ensure_ascii=False, default=str)
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
    if row is None:
        return None
    return SavedDraft(row.form_key, json.loads(row.payload), row.saved_at)


def drafts_of(session: Session, actor: Actor, prefix: str = "") -> list[SavedDraft]:
    rows = session.scalars(select(Draft).where(Draft.user_id == actor.id).order_by(Draft.saved_at))
    return [SavedDraft(r.form_key, json.loads(r.payload), r.saved_at)
            for r in rows if r.form_key.startswith(prefix)]


def clear_draft(session: Session, actor: Actor, form_key: str) -> None:
    session.execute(delete(Draft).where(Draft.user_id == actor.id, Draft.form_key == form_key))
