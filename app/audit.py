"""The audit trail: one hash chain over every create, update, delete, export and print.

Each row's hash covers a canonical serialization of the row (sorted-key JSON, ISO dates: the
same bytes on SQLite and PostgreSQL; db/chain.py) and the previous row's hash. The head (last id
and hash) is kept in `audit_head`, moved only by the trigger as a row is appended, written into
every backup (and as the 校验码 into reports and archives) and compared by `check`, so an edited,
deleted or truncated row is found. Appends lock the head row, so several writers keep one chain.
A row about an audited record carries the record's seal (db/seals.py), which `verify_seals`
holds every record to.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import inspect, literal, select
from sqlalchemy.orm import Session

from app.auth import Actor
from app.errors import ChainDamaged
from db import chain
from db.chain import GENESIS, canonical, row_hash
from db.models import AuditEntry, AuditHead, utcnow
from db.seals import RESEAL, seal_text

_SKIPPED_COLUMNS = {"created_at", "updated_at"}
# Actions whose row carries the seal of the record it is about (db/seals.py); a sign-in, an
# export or a backup vouches for no record (a role raised behind the program's back and then
# signed in with stays unsealed).
SEALING = {"create", "update", "delete", "close_year", "reopen_year", RESEAL}


def snapshot(obj: object, **extra: object) -> dict:
    """The column values of an ORM object (plus `extra`), JSON-ready."""
    values = {
        attr.key: getattr(obj, attr.key)
        for attr in inspect(obj).mapper.column_attrs
        if attr.key not in _SKIPPED_COLUMNS
    }
    values.update(extra)
    return json.loads(canonical(values))


def _payload(entry: AuditEntry) -> dict:
    return chain.payload(entry.id, entry.at, entry.user_name, entry.action, entity=entry.entity,
                         entity_id=entry.entity_id, summary=entry.summary, old=entry.old,
                         new=entry.new, seal=entry.seal or "")


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
    """Appends one row to the chain in the caller's transaction. A row that creates, changes or
    deletes an audited record carries the record's seal as it now stands (db/seals.py).

    Raises ChainDamaged when the head disagrees with the rows (nothing is appended)."""
    session.flush()  # the record's pending changes (a version bump, child rows) before its seal
    # A server: the head row is locked through the owner's function (the second of two writers
    # waits here for the first to commit, then reads the head it wrote); SQLite: under the write
    # lock already. The trigger on audit_log refuses a row that does not link and moves the head.
    last_id, prev_hash = chain.locked_head(session)
    _require_intact(session, last_id, prev_hash)
    entity_id = "" if entity_id is None else str(entity_id)
    seal = seal_text(session, entity, entity_id, deleted=action == "delete") if action in SEALING else ""
    entry = AuditEntry(
        id=last_id + 1,
        at=utcnow().isoformat(timespec="microseconds"),
        user_name=actor if isinstance(actor, str) else actor.username,
        action=action,
        entity=entity,
        entity_id=entity_id,
        summary=summary,
        old="" if old is None else canonical(old),
        new="" if new is None else canonical(new),
        seal=seal,
        prev_hash=prev_hash,
    )
    entry.hash = row_hash(prev_hash, _payload(entry))
    session.add(entry)
    session.flush()
    held = session.identity_map.get(inspect(AuditHead).identity_key_from_primary_key((1,)))
    if held is not None:
        session.expire(held)  # the trigger moved it
    return entry


def _require_intact(session: Session, last_id: int, prev_hash: str) -> None:
    """The head names the last row and its hash; else the chain was cut or its head rewritten
    (a raw "duplicate key" would otherwise greet the next sign-in)."""
    largest, at_head = chain.tail(session)
    if largest != last_id:
        raise ChainDamaged(f"链头记录到第 {last_id} 条，日志实际到第 {largest} 条。")
    if last_id and at_head != prev_hash:
        raise ChainDamaged(f"链头记录的第 {last_id} 条校验值与日志不符。")


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
    """A link of the chain: its row id and hash — or, for a 校验码 written down, the base32
    prefix of the hash (db/chain.py: `code_of`)."""

    last_id: int
    hash: str

    @property
    def code(self) -> str:
        """The 校验码 an administrator keeps on paper: `1234:ABCDEFGHIJKLMNOP`."""
        return chain.code_of(self.last_id, self.hash)

    def matches(self, hash_hex: str) -> bool:
        if len(self.hash) == 64 and self.hash == self.hash.lower():
            return hash_hex == self.hash
        return chain.code_matches(hash_hex, self.hash)

    @classmethod
    def from_code(cls, written: str) -> ChainHead | None:
        parsed = chain.parse_code(written)
        return None if parsed is None else cls(*parsed)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows: int
    head: ChainHead
    first_bad_id: int | None = None
    problem: str = ""
    # The chain's last word on each sealed record (`last_seals`), when the walk was asked for it.
    seals: dict[str, dict[str, str] | None] | None = None


def current_head(session: Session) -> ChainHead:
    head = session.get(AuditHead, 1)
    return ChainHead(head.last_id, head.hash)


def verify_chain(session: Session, anchors: Iterable[tuple[str, ChainHead]] = (), *,
                 sealed: bool = True, collect_seals: bool = False) -> ChainReport:
    """Walks the chain; the first broken link is named. `anchors` are heads recorded elsewhere
    (backups, 校验码): each must still be a link of this chain, else rows were rewritten or
    removed. `sealed=False`: a database from before seals (a backup of schema 0010 or older).
    `collect_seals`: the report carries `last_seals` gathered from the rows the walk reads
    anyway (`check` then reads the audit log once)."""
    prev_hash, expected_id, rows = GENESIS, 1, 0
    seals: dict[str, dict[str, str] | None] | None = {} if collect_seals else None
    hashes_at_anchor: dict[int, str] = {}
    anchor_list = list(anchors)
    anchor_ids = {a.last_id for _, a in anchor_list}
    columns = (AuditEntry.id, AuditEntry.at, AuditEntry.user_name, AuditEntry.action, AuditEntry.entity,
               AuditEntry.entity_id, AuditEntry.summary, AuditEntry.old, AuditEntry.new,
               AuditEntry.seal if sealed else literal(""), AuditEntry.prev_hash, AuditEntry.hash)
    stream = session.execute(select(*columns).order_by(AuditEntry.id).execution_options(yield_per=2000))
    for entry_id, at, user, action, entity, entity_id, summary, old, new, seal, prev, hashed in stream:
        if entry_id != expected_id:
            return ChainReport(False, rows, current_head(session), expected_id,
                               f"操作日志第 {expected_id} 条缺失（被删除）。")
        if prev != prev_hash:
            return ChainReport(False, rows, current_head(session), entry_id,
                               f"操作日志第 {entry_id} 条与前一条不衔接（前面的记录被改动或删除）。")
        row = chain.payload(entry_id, at, user, action, entity, entity_id, summary, old, new, seal or "")
        if row_hash(prev_hash, row) != hashed:
            return ChainReport(False, rows, current_head(session), entry_id,
                               f"操作日志第 {entry_id} 条的内容被改动过。")
        if entry_id in anchor_ids:
            hashes_at_anchor[entry_id] = hashed
        if seal and seals is not None:
            seals.update(json.loads(seal))
        prev_hash, expected_id, rows = hashed, expected_id + 1, rows + 1
    head = current_head(session)
    last_id = expected_id - 1
    if head.last_id > last_id:
        return ChainReport(False, rows, head, last_id + 1,
                           f"操作日志末尾缺少记录：链头记录到第 {head.last_id} 条，实际只有 {last_id} 条。")
    if head.last_id != last_id or head.hash != prev_hash:
        return ChainReport(False, rows, head, min(head.last_id, last_id) + 1,
                           f"操作日志链头（第 {head.last_id} 条）与日志末尾（第 {last_id} 条）不一致：链头被改写，"
                           "程序在修复前不能再记录任何操作。")
    for where, anchor in anchor_list:
        found = hashes_at_anchor.get(anchor.last_id)
        if found is None:
            return ChainReport(False, rows, head, anchor.last_id,
                               f"「{where}」记录的操作日志到第 {anchor.last_id} 条，现有日志只有 {last_id} 条（末尾被截断）。")
        if not anchor.matches(found):
            return ChainReport(False, rows, head, anchor.last_id,
                               f"操作日志第 {anchor.last_id} 条与「{where}」记录的不一致（日志被改写）。")
    return ChainReport(True, rows, head, seals=seals)


# ---- seals -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SealProblem:
    """A record whose content the chain does not vouch for."""

    table: str
    record_id: str
    problem: str               # changed · unsealed · deleted_present · missing
    fields: tuple[str, ...] = ()  # the fields that differ (changed), when the seal tells


def last_seals(session: Session) -> dict[str, dict[str, str] | None]:
    """The chain's last word on each sealed record: its seal, or None once deleted."""
    found: dict[str, dict[str, str] | None] = {}
    query = (select(AuditEntry.seal).where(AuditEntry.seal != "").order_by(AuditEntry.id)
             .execution_options(yield_per=5000))
    for (text,) in session.execute(query):
        found.update(json.loads(text))
    return found


def verify_seals(session: Session, sealed: Mapping[str, dict[str, str] | None] | None = None,
                 ) -> list[SealProblem]:
    """Every audited record's content recomputed and compared with the seal its last audit row
    carries (db/seals.py); the records the chain does not vouch for, table by table. `sealed`:
    `last_seals` when the caller has it (a chain walk's `seals`)."""
    from db.seals import SEALED, read_seals

    if sealed is None:
        sealed = last_seals(session)
    by_table: dict[str, list[str]] = {}
    for key, seal in sealed.items():
        if seal is not None:
            by_table.setdefault(key.partition(":")[0], []).append(key)
    problems: list[SealProblem] = []
    for table in SEALED:
        current = read_seals(session, table)
        for key, seal in current.items():
            record_id = key.partition(":")[2]
            if key not in sealed:
                problems.append(SealProblem(table, record_id, "unsealed"))
            elif sealed[key] is None:
                problems.append(SealProblem(table, record_id, "deleted_present"))
            elif sealed[key] != seal:
                recorded = sealed[key] or {}
                fields = sorted(f for f in seal.keys() | recorded.keys() if seal.get(f) != recorded.get(f))
                problems.append(SealProblem(table, record_id, "changed", tuple(fields)))
        problems += [SealProblem(table, key.partition(":")[2], "missing")
                     for key in by_table.get(table, ()) if key not in current]
    return problems
