"""The audit chain's bytes: the canonical serialization, a row's hash, the 校验码 of a head, and
an append on a bare connection (migrations). `app/audit.py` is the service half.

A row's hash is sha256(previous hash + "\\n" + canonical(payload)), where `canonical` is
sorted-key JSON with ISO dates: the same bytes on SQLite and PostgreSQL. The head (`audit_head`)
moves only with an appended row: a trigger on `audit_log` (migration 0014) refuses a row that
does not link to the head and then moves the head to it, on either database; on a server the
trigger runs as the tables' owner, so the clerks' role needs no UPDATE on `audit_head`.
"""
from __future__ import annotations

import base64
import datetime as dt
import decimal
import enum
import hashlib
import json
import re
from collections.abc import Mapping

from sqlalchemy import column, func, insert, select, table, text
from sqlalchemy.engine import Connection

GENESIS = "0" * 64
CODE_CHARS = 16  # base32 characters of the hash in a 校验码: 80 bits


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


# One encoder, made once (json.dumps builds one per call unless every option is the default).
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_json_default)
# Its C half, made once too: `encode` makes a new one per call for a dict or a list. No check
# for circular references (the values are rows' columns and lists of them). None where the
# interpreter has no C accelerator: then `encode`.
from json.encoder import encode_basestring as _encode_text  # the encoder's own, C where there is one

try:
    from json.encoder import c_make_encoder as _make_c_encoder
except ImportError:  # pragma: no cover — interpreters without the C accelerator
    _make_c_encoder = None
_C_ENCODER = None if _make_c_encoder is None else _make_c_encoder(
    None, _json_default, _encode_text, None, ":", ",", True, False, True)


def canonical(value: object) -> str:
    """Sorted keys, no whitespace, ISO dates, UTF-8 text: identical on every database.
    The scalars a record's fields hold most are written here as the encoder writes them (its
    general path makes a new encoder per call: most of what sealing a record's fields cost)."""
    kind = type(value)
    if kind is str:
        return _encode_text(value)  # what the encoder's `encode` returns for a text, without its frame
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is dt.date:
        return f'"{value.isoformat()}"'  # digits and hyphens: nothing to escape
    if (kind is dict or kind is list) and _C_ENCODER is not None:
        return "".join(_C_ENCODER(value, 0))
    return _ENCODER.encode(value)


def digest(value: object) -> str:
    return hashlib.sha256(canonical(value).encode("utf-8")).hexdigest()


def payload(id_: int, at: str, user: str, action: str, entity: str, entity_id: str, summary: str,
            old: str, new: str, seal: str) -> dict:
    """What a row's hash covers. `seal` (migration 0014 on) only when the row carries one, so the
    rows written before it keep their hashes."""
    found = {"id": id_, "at": at, "user": user, "action": action, "entity": entity,
             "entity_id": entity_id, "summary": summary, "old": old, "new": new}
    if seal:
        found["seal"] = seal
    return found


def row_hash(prev_hash: str, row: Mapping[str, object]) -> str:
    return hashlib.sha256((prev_hash + "\n" + canonical(row)).encode("utf-8")).hexdigest()


# ---- the 校验码: a head an administrator can keep on paper ------------------------------------


def code_of(last_id: int, hash_hex: str) -> str:
    """`1234:ABCDEFGHIJKLMNOP` — the row id and the first 16 base32 characters (80 bits) of its
    hash: short enough to copy by hand, too long to forge."""
    return f"{last_id}:{_b32(hash_hex)[:CODE_CHARS]}"


def _b32(hash_hex: str) -> str:
    return base64.b32encode(bytes.fromhex(hash_hex)).decode("ascii")


_CODE = re.compile(r"^\s*(\d+)\s*[:：]\s*([A-Z2-7][A-Z2-7\s-]*)\s*$")


def parse_code(written: str) -> tuple[int, str] | None:
    """(row id, base32 prefix) of a 校验码 as written (spaces, dashes and case ignored); None
    when it is not one or holds fewer than 16 characters of the hash."""
    found = _CODE.match(written.upper())
    if found is None:
        return None
    prefix = re.sub(r"[\s-]", "", found.group(2))
    if len(prefix) < CODE_CHARS:
        return None
    return int(found.group(1)), prefix


def code_matches(hash_hex: str, prefix: str) -> bool:
    return _b32(hash_hex).startswith(prefix)


# ---- appending on a connection (migrations) ------------------------------------------------------


# The columns an append writes, spelled out: a migration appends before later ones add columns.
_AUDIT_LOG = table("audit_log", *(column(name) for name in (
    "id", "at", "user_name", "action", "entity", "entity_id", "summary", "old", "new", "seal",
    "prev_hash", "hash")))


def append(conn: Connection, user: str, action: str, entity: str, entity_id: str, *,
           summary: str = "", seal: str = "", at: str) -> tuple[int, str]:
    """One row at the end of the chain on a bare connection (the trigger moves the head);
    returns its (id, hash)."""
    last_id, prev = locked_head(conn)
    row = payload(last_id + 1, at, user, action, entity, entity_id, summary, "", "", seal)
    hashed = row_hash(prev, row)
    conn.execute(insert(_AUDIT_LOG).values(
        id=last_id + 1, at=at, user_name=user, action=action, entity=entity, entity_id=entity_id,
        summary=summary, old="", new="", seal=seal, prev_hash=prev, hash=hashed))
    return last_id + 1, hashed


def tail(conn: Connection) -> tuple[int, str | None]:
    """(largest row id, the hash at the head's id): what the head must agree with."""
    from db.models import AuditEntry, AuditHead

    last = conn.execute(select(func.max(AuditEntry.id))).scalar() or 0
    at_head = conn.execute(select(AuditEntry.hash).join(AuditHead, AuditHead.last_id == AuditEntry.id)
                           .where(AuditHead.id == 1)).scalar()
    return last, at_head


# ---- the head moves only with an appended row ---------------------------------------------------

LINK_ERROR = "audit row does not link to the chain head"

SQLITE_TRIGGER = f"""
CREATE TRIGGER audit_log_link BEFORE INSERT ON audit_log
BEGIN
    SELECT RAISE(ABORT, '{LINK_ERROR}') WHERE NOT EXISTS (
        SELECT 1 FROM audit_head WHERE id = 1 AND last_id + 1 = NEW.id AND hash = NEW.prev_hash);
    UPDATE audit_head SET last_id = NEW.id, hash = NEW.hash WHERE id = 1;
END
"""

# SECURITY DEFINER: they run as the owner of the tables (who ran the migration), so the clerks'
# role needs neither UPDATE on audit_head nor row locks of its own on it.
POSTGRES_FUNCTIONS = (f"""
CREATE FUNCTION qingfeng_audit_link() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public AS $$
DECLARE
    head_id integer;
    head_hash varchar;
BEGIN
    SELECT last_id, hash INTO head_id, head_hash FROM audit_head WHERE id = 1 FOR UPDATE;
    IF head_id IS NULL OR NEW.id <> head_id + 1 OR NEW.prev_hash <> head_hash THEN
        RAISE EXCEPTION '{LINK_ERROR}' USING ERRCODE = 'check_violation';
    END IF;
    UPDATE audit_head SET last_id = NEW.id, hash = NEW.hash WHERE id = 1;
    RETURN NEW;
END
$$
""", """
CREATE FUNCTION qingfeng_audit_head() RETURNS TABLE (last_id integer, hash varchar)
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
    SELECT h.last_id, h.hash FROM audit_head h WHERE h.id = 1 FOR UPDATE
$$
""", """
CREATE TRIGGER audit_log_link BEFORE INSERT ON audit_log
FOR EACH ROW EXECUTE FUNCTION qingfeng_audit_link()
""")


def install_link(conn: Connection) -> None:
    """The trigger (and on a server its functions) that moves the head with each row."""
    if conn.dialect.name == "postgresql":
        for statement in POSTGRES_FUNCTIONS:
            conn.execute(text(statement))
    else:
        conn.execute(text(SQLITE_TRIGGER))


def remove_link(conn: Connection) -> None:
    conn.execute(text("DROP TRIGGER IF EXISTS audit_log_link" +
                      (" ON audit_log" if conn.dialect.name == "postgresql" else "")))
    if conn.dialect.name == "postgresql":
        conn.execute(text("DROP FUNCTION IF EXISTS qingfeng_audit_link()"))
        conn.execute(text("DROP FUNCTION IF EXISTS qingfeng_audit_head()"))


def dialect_of(conn) -> str:  # noqa: ANN001 — a Connection or a Session
    found = getattr(conn, "dialect", None)
    return (found or conn.get_bind().dialect).name


def locked_head(conn) -> tuple[int, str]:  # noqa: ANN001 — a Connection or a Session
    """The head, locked until the transaction ends (a server: through the owner's function, so
    two PCs' appends wait for each other; SQLite: the write lock is held already)."""
    if dialect_of(conn) == "postgresql":
        return tuple(conn.execute(text("SELECT last_id, hash FROM qingfeng_audit_head()")).one())
    return tuple(conn.execute(text("SELECT last_id, hash FROM audit_head WHERE id = 1")).one())


def is_link_error(error: BaseException) -> bool:
    return LINK_ERROR in str(getattr(error, "orig", error))
