"""What changed in a record since a clerk opened it: the message of a refused stale save.

Every recorded update of a record (`audit.updated`) carries the version the record had before
it (`old["version"]`). A form opened at version v is stale once the record moved past v; the
changes since are the update rows whose old version is v or later — merged per field into the
value the clerk opened with (the first row's old value) and the value now (the last row's
new value), with the registers' Chinese field names and the values as the 操作日志 shows
them (units, people and other records by name, codes by their labels). Fields changed and
changed back are left out.

`load_for_update` is how every register write loads the record it changes: StaleRecord, with
those changes, when the form's version is no longer the record's.
"""
from __future__ import annotations

import json
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit_log import field_label, value_texts
from app.errors import NotFound, StaleRecord
from db.models import AuditEntry, User

MAX_LINES = 8
T = TypeVar("T")


def _json(text: str) -> dict:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def changes_since(session: Session, entity: str, record_id: object,
                  version: int) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """({field label: (value opened with, value now)}, who made the changes — their names) for the record
    `entity` (its table) #`record_id` since `version`."""
    rows = session.execute(
        select(AuditEntry.user_name, AuditEntry.old, AuditEntry.new)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == str(record_id),
               AuditEntry.action == "update")
        .order_by(AuditEntry.id))
    opened: dict[str, object] = {}
    now: dict[str, object] = {}
    who: list[str] = []
    for user_name, old_text, new_text in rows:
        old, new = _json(old_text), _json(new_text)
        before = old.get("version")
        if not isinstance(before, int) or before < version:
            continue
        if user_name not in who:
            who.append(user_name)
        for key in dict.fromkeys([*old, *new]):
            if key == "version":
                continue
            opened.setdefault(key, old.get(key))
            now[key] = new.get(key)
    names = dict(session.execute(select(User.username, User.display_name)
                                 .where(User.username.in_(who))).all()) if who else {}
    who = [names.get(u) or u for u in who]
    keys = [key for key, value in now.items() if opened.get(key) != value]
    texts = value_texts(session, entity, [(k, v) for k in keys for v in (opened.get(k), now[k])])
    changes = {field_label(entity, k): (texts[2 * i], texts[2 * i + 1]) for i, k in enumerate(keys)}
    return changes, who


def stale_message(what: str, changes: dict[str, tuple[str, str]], who: list[str]) -> str:
    """The refusal as the dialog shows it, above the clerk's own (kept) values."""
    by = f"（{'、'.join(who)}）" if who else ""
    head = f"该{what}在您打开后已被他人修改{by}，您的修改没有保存，以免覆盖对方的改动。"
    if not changes:
        return head + "您填写的内容仍在窗口中：请关闭后重新打开，再录入您的修改。"
    lines = [f"· {label}：{_short(old) or '（空）'} → {_short(new) or '（空）'}"
             for label, (old, new) in list(changes.items())[:MAX_LINES]]
    if len(changes) > MAX_LINES:
        lines.append(f"· 另有 {len(changes) - MAX_LINES} 项改动")
    return (head + "\n对方的改动（打开时 → 现在）：\n" + "\n".join(lines)
            + "\n您填写的内容仍在窗口中：请记下要保留的内容，关闭后重新打开再录入。")


def _short(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:width] + "…"


def load_for_update(session: Session, model: type[T], record_id: int, version: int | None,
                    what: str) -> T:
    """The record to edit; StaleRecord when it changed since the form read `version`, saying
    what changed, who changed it, and that nothing was written (see above)."""
    obj = session.get(model, record_id)
    if obj is None:
        raise NotFound(f"该{what}已被删除，无法保存。您填写的内容未丢失。")
    if version is not None and obj.version != version:
        raise stale_record(session, model.__table__.name, record_id, version, what)
    return obj


def stale_record(session: Session, table: str, record_id: object, version: int,
                 what: str = "记录") -> StaleRecord:
    """The StaleRecord for a record of `table` opened at `version`, its `changes` filled."""
    changes, who = changes_since(session, table, record_id, version)
    return StaleRecord(stale_message(what, changes, who), changes)

