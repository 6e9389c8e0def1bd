"""新版本说明: the release notes (resources/manual/release-notes.md, one `## 版本（日期）` section
per release, newest first), and which of them a user has not seen yet.

Shown once after an upgrade: a user sees the notes of the releases newer than the last ones they
saw (a settings row per user, `release_notes_seen:<user id>`). A user who never saw any has used
the program since their account was made: the releases dated after that day, so a new office's
first start shows none.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor
from app.version import VERSION, version_key
from db.models import Setting, User
from resources.paths import release_notes as notes_file

SEEN_KEY = "release_notes_seen:{user_id}"
_HEADING = re.compile(r"^##\s+(\d+(?:\.\d+)*)\s*[（(](\d{4}-\d{2}-\d{2})[）)]\s*$")


@dataclass(frozen=True)
class Release:
    version: str
    released_on: dt.date
    markdown: str  # the section's body


def releases(text: str | None = None) -> list[Release]:
    """Every release in the notes up to this program's version, newest first."""
    text = notes_file().read_text("utf-8") if text is None else text
    found: list[Release] = []
    current: tuple[str, dt.date] | None = None
    body: list[str] = []
    for line in text.splitlines():
        match = _HEADING.match(line.strip())
        if match:
            if current:
                found.append(Release(current[0], current[1], "\n".join(body).strip()))
            current, body = (match.group(1), dt.date.fromisoformat(match.group(2))), []
        elif current:
            body.append(line)
    if current:
        found.append(Release(current[0], current[1], "\n".join(body).strip()))
    mine = version_key(VERSION)
    return sorted((r for r in found if version_key(r.version) <= mine),
                  key=lambda r: version_key(r.version), reverse=True)


def last_seen(session: Session, actor: Actor) -> str | None:
    row = session.get(Setting, SEEN_KEY.format(user_id=actor.id))
    return json.loads(row.value) if row is not None else None


def unseen(session: Session, actor: Actor, known: list[Release] | None = None) -> list[Release]:
    """The releases `actor` has not been shown, newest first."""
    known = releases() if known is None else known
    seen = last_seen(session, actor)
    if seen is not None:
        return [r for r in known if version_key(r.version) > version_key(seen)]
    user = session.get(User, actor.id)
    since = user.created_at.date() if user is not None else dt.date.max
    return [r for r in known if r.released_on > since]


def mark_seen(session: Session, actor: Actor) -> None:
    """The user has read this version's notes (any role; audited like every settings row)."""
    key = SEEN_KEY.format(user_id=actor.id)
    row = session.get(Setting, key)
    before = json.loads(row.value) if row is not None else None
    if before == VERSION:
        return
    if row is None:
        session.add(Setting(key=key, value=json.dumps(VERSION)))
    else:
        row.value = json.dumps(VERSION)
    session.flush()
    audit.record(session, actor, "update", "settings", key, old={key: before}, new={key: VERSION},
                 summary=f"已阅读 {VERSION} 版的新版本说明")
