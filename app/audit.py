"""The audit trail: one hash chain over every create, update, delete, export and print.

Each row's hash covers a canonical serialization of the row (sorted-key JSON, ISO dates: the
same bytes on SQLite and PostgreSQL) and the previous row's hash. The head (last id and hash) is
kept in `audit_head`, written into every backup and compared by `check`, so an edited, deleted
or truncated row is found. Appends lock the head row, so several writers keep one chain.
"""
from __future__ import annotations

import datetime as dt
import decimal
import enum
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from app.auth import Actor
from db.models import AuditEntry, AuditHead, utcnow

GENESIS = "0" * 64
_SKIPPED_COLUMNS = {"created_at", "updated_at"}


def _json_default(value: object) -> object:
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"not serializable: {type(value).__name__}")


def canonical(value: object) -> str:
    """Sorted keys, no whitespace, ISO dates, UTF-8 text: identical on every database."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=_json_default)


def snapshot(obj: object, **extra: object) -> dict:
    """The column values of an ORM object (plus `extra`), JSON-ready."""
    values = {
        attr.key: getattr(obj, attr.key)
        for attr in inspect(obj).mapper.column_attrs
        if attr.key not in _SKIPPED_COLUMNS
    }
    values.update(extra)
    return json.loads(canonical(values))


def row_hash(prev_hash: str, payload: Mapping[str, object]) -> str:
    return hashlib.sha256((prev_hash + "\n" + canonical(payload)).encode("utf-8")).hexdigest()


def _payload(entry: AuditEntry) -> dict:
    return {
        "id": entry.id, "at": entry.at, "user": entry.user_name, "action": entry.action,
        "entity": entry.entity, "entity_id": entry.entity_id, "summary": entry.summary,
        "old": entry.old, "new": entry.new,
    }


def record(
    session: Session,
    actor: Actor | str,
    action: str,
    entity: str,
    entity_id: object = "",
    *,
    old: Mapping[str, object] | None = None,
    new: Mapping[str, object] | None = None,
    summary: str = "",
) -> AuditEntry:
    """Appends one row to the chain in the caller's transaction."""
    # FOR UPDATE: on a server the second of two writers waits here for the first to commit and
    # then reads the head the first wrote; populate_existing so that a head this session read
    # earlier (before the lock) is refreshed rather than reused — else two rows could share a
    # predecessor. (Units of work also hold the workspace write lock: see db/session.py.)
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()
    entry = AuditEntry(
        id=head.last_id + 1,
        at=utcnow().isoformat(timespec="microseconds"),
        user_name=actor if isinstance(actor, str) else actor.username,
        action=action,
        entity=entity,
        entity_id="" if entity_id is None else str(entity_id),
        summary=summary,
        old="" if old is None else canonical(old),
        new="" if new is None else canonical(new),
        prev_hash=head.hash,
    )
    entry.hash = row_hash(head.hash, _payload(entry))
    session.add(entry)
    head.last_id, head.hash = entry.id, entry.hash
    session.flush()
    return entry


def created(session: Session, actor: Actor, obj: object, summary: str = "", **extra: object) -> None:
    state = inspect(obj)
    record(session, actor, "create", state.mapper.local_table.name, state.identity[0],
           new=snapshot(obj, **extra), summary=summary)


def updated(session: Session, actor: Actor, obj: object, before: Mapping[str, object],
            summary: str = "", **extra: object) -> None:
    """Records the fields that changed since `before` (a `snapshot` taken before the edit).

    For a versioned record the row's `old` also holds the version it had before this update
    (app/stale.py tells a clerk holding that version what changed since), and the update
    moves the version even when only `extra` changed (a talk's participants, a risk's
    measures): a form opened before it is then stale, so it cannot overwrite the change."""
    after = snapshot(obj, **extra)
    changed = sorted(k for k in after.keys() | before.keys()
                     if k != "version" and before.get(k) != after.get(k))
    if not changed:
        return
    old = {k: before.get(k) for k in changed}
    if "version" in before:
        old["version"] = before["version"]
        _move_version(session, obj, before["version"])
    state = inspect(obj)
    record(session, actor, "update", state.mapper.local_table.name, state.identity[0],
           old=old, new={k: after.get(k) for k in changed}, summary=summary)


def _move_version(session: Session, obj: object, version_before: object) -> None:
    """Makes sure the flush bumps the record's version once (no column change is pending and
    none was flushed: only child rows changed)."""
    if getattr(obj, "version", None) != version_before or session.is_modified(obj, include_collections=False):
        return
    if hasattr(obj, "updated_at"):
        obj.updated_at = utcnow()
    else:
        from sqlalchemy.orm.attributes import flag_modified

        mapper = inspect(obj).mapper
        key = next(a.key for a in mapper.column_attrs
                   if a.key != "version" and not any(c.primary_key for c in a.columns))
        flag_modified(obj, key)


def deleted(session: Session, actor: Actor, obj: object, summary: str = "", **extra: object) -> None:
    state = inspect(obj)
    record(session, actor, "delete", state.mapper.local_table.name, state.identity[0],
           old=snapshot(obj, **extra), summary=summary)


def exported(session: Session, actor: Actor, what: str, target: str, count: int | None = None,
             scope: str = "") -> None:
    """DESIGN: every export leaves an audit row (what, where to, how many, which filters)."""
    detail = "".join(x for x in (f"（{scope}）" if scope else "", f" {count} 条" if count is not None else ""))
    record(session, actor, "export", what, "", summary=f"导出{detail} → {target}")


def printed(session: Session, actor: Actor, what: str, count: int | None = None, scope: str = "") -> None:
    """DESIGN: every print leaves an audit row."""
    detail = "".join(x for x in (f"（{scope}）" if scope else "", f" {count} 条" if count is not None else ""))
    record(session, actor, "print", what, "", summary=f"打印{detail}")


@dataclass(frozen=True)
class ChainHead:
    last_id: int
    hash: str


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows: int
    head: ChainHead
    first_bad_id: int | None = None
    problem: str = ""


def current_head(session: Session) -> ChainHead:
    head = session.get(AuditHead, 1)
    return ChainHead(head.last_id, head.hash)


def verify_chain(session: Session, anchors: Iterable[tuple[str, ChainHead]] = ()) -> ChainReport:
    """Walks the chain; the first broken link is named. `anchors` are heads recorded elsewhere
    (backups): each must still be a link of this chain, else rows were rewritten or removed."""
    prev_hash, expected_id, rows = GENESIS, 1, 0
    hashes_at_anchor: dict[int, str] = {}
    anchor_list = list(anchors)
    anchor_ids = {a.last_id for _, a in anchor_list}
    stream = session.execute(select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=2000))
    for entry in stream.scalars():
        if entry.id != expected_id:
            return ChainReport(False, rows, current_head(session), expected_id,
                               f"操作日志第 {expected_id} 条缺失（被删除）。")
        if entry.prev_hash != prev_hash:
            return ChainReport(False, rows, current_head(session), entry.id,
                               f"操作日志第 {entry.id} 条与前一条不衔接（前面的记录被改动或删除）。")
        if row_hash(prev_hash, _payload(entry)) != entry.hash:
            return ChainReport(False, rows, current_head(session), entry.id,
                               f"操作日志第 {entry.id} 条的内容被改动过。")
        if entry.id in anchor_ids:
            hashes_at_anchor[entry.id] = entry.hash
        prev_hash, expected_id, rows = entry.hash, expected_id + 1, rows + 1
    head = current_head(session)
    last_id = expected_id - 1
    if head.last_id != last_id or head.hash != prev_hash:
        bad = min(head.last_id, last_id) + 1
        return ChainReport(False, rows, head, bad,
                           f"操作日志末尾缺少记录：链头记录到第 {head.last_id} 条，实际只有 {last_id} 条。")
    for where, anchor in anchor_list:
        found = hashes_at_anchor.get(anchor.last_id)
        if found is None:
            return ChainReport(False, rows, head, anchor.last_id,
                               f"备份「{where}」记录的操作日志到第 {anchor.last_id} 条，现有日志只有 {last_id} 条（末尾被截断）。")
        if found != anchor.hash:
            return ChainReport(False, rows, head, anchor.last_id,
                               f"操作日志第 {anchor.last_id} 条与备份「{where}」记录的不一致（日志被改写）。")
    return ChainReport(True, rows, head)
