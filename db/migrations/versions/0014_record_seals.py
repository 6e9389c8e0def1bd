"""Record seals, a chain head that moves only with an appended row, sign-in counters for names
that are no user

- `audit_log.seal`: the seal of the record a row is about (db/seals.py), covered by the row's
  hash (rows written before keep theirs: the hash covers a seal only when there is one).
- Every record that exists is sealed now: one `reseal` row per record, in table order, so the
  chain vouches for the workspace as it stands (an edit made before this upgrade cannot be told
  from a legitimate one: the pre-upgrade backup keeps the earlier state).
- A trigger on `audit_log` refuses a row that does not link to `audit_head` and moves the head
  to it (on a server through SECURITY DEFINER functions owned by the tables' owner, so the
  clerks' role needs no UPDATE on `audit_head`; see README "服务器数据库"). A later migration
  that rebuilds `audit_log` with batch mode on SQLite drops the trigger: install it again
  (db.chain.install_link).
- `sign_in_failures`: failed sign-ins under names that are no user, counted like a user's.

A later migration that adds or rewrites a sealed column appends a `reseal` row for each record
it touches, as this one does (`reseal_all`).

Revision ID: 0014
Revises: 0013
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

from db import chain, seals

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

UPGRADER = "（升级程序）"


def reseal_all(conn: sa.Connection, tables: list[str], why: str) -> int:
    """One `reseal` row per record of `tables`, sealed as the database now holds it."""
    inspector = sa.inspect(conn)
    columns = {name: {c["name"] for c in inspector.get_columns(name)} for name in inspector.get_table_names()}
    at = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
    written = 0
    for table in tables:
        if table not in columns:  # created by a later revision: its own rows are sealed as written
            continue
        found = seals.read_seals(conn, table, present=columns.__getitem__)
        for key in sorted(found, key=_natural):
            record_id = key.partition(":")[2]
            chain.append(conn, UPGRADER, seals.RESEAL, table, record_id, summary=why,
                         seal=chain.canonical({key: found[key]}), at=at)
            written += 1
    return written


def _natural(key: str) -> tuple:
    record_id = key.partition(":")[2]
    return (0, int(record_id), "") if record_id.isdigit() else (1, 0, record_id)


def upgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seal", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "sign_in_failures",
        sa.Column("username", sa.String(length=50), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("last_failed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_sign_in_failures")),
    )
    conn = op.get_bind()
    chain.install_link(conn)
    reseal_all(conn, list(seals.SEALED), "升级：封存现有记录（此后在程序之外的改动都会被“检查”发现）")


def downgrade() -> None:
    conn = op.get_bind()
    chain.remove_link(conn)
    op.drop_table("sign_in_failures")
    _rehash_without_seals(conn)
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("seal")


def _rehash_without_seals(conn: sa.Connection) -> None:
    """An older program hashes rows without their seal: the chain is relinked as it would have
    written it (a downgrade rewrites the chain — the heads in backups no longer match)."""
    log = sa.table("audit_log", *(sa.column(n) for n in (
        "id", "at", "user_name", "action", "entity", "entity_id", "summary", "old", "new", "seal",
        "prev_hash", "hash")))
    prev = chain.GENESIS
    rows = conn.execute(sa.select(log).order_by(log.c.id)).mappings().all()
    for row in rows:
        hashed = chain.row_hash(prev, chain.payload(row["id"], row["at"], row["user_name"], row["action"],
                                                    row["entity"], row["entity_id"], row["summary"],
                                                    row["old"], row["new"], ""))
        if (row["prev_hash"], row["hash"]) != (prev, hashed):
            conn.execute(sa.update(log).where(log.c.id == row["id"]).values(prev_hash=prev, hash=hashed))
        prev = hashed
    conn.execute(sa.text("UPDATE audit_head SET hash = :hash WHERE id = 1"), {"hash": prev})
