"""Record seals: what of each audited record the audit chain vouches for, declared in one place.

Every audited record's current content has a seal — for each sealed field, the first 16 hex
characters of sha256(canonical(value)) (db/chain.py: the same bytes on SQLite and PostgreSQL) —
and the last audit row about the record carries it (`audit_log.seal`, covered by the row's
hash): `{"talks:12": {"content": "…", "talk_participants": "…", …}}`, or `{"talks:12": null}`
once it is deleted. `check` recomputes every seal and compares it with the chain's last word on
each record, so an edit behind the program's back, a row inserted with sqlite3, a record that
vanished and an audit tail cut back all show, naming the record and the field.

A seal covers every column of the table but those declared `outside` it (created_at/updated_at
always are), and each declared child table's rows (all their columns but their own id and the
parent key, in a fixed order), as one field named after the child table. A new column of a
sealed table is sealed at once: the migration that adds or rewrites it appends a `reseal` row
per record it touches (see 0014). Child rows change only through their parent's services, and
their audit rows seal the parent (`CHILDREN`).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter

from sqlalchemy import Column, Table, select

from db.chain import append, canonical, digest
from db.models import Base

FIELD_DIGEST = 16  # hex characters per field: 64 bits
ALWAYS_OUTSIDE = frozenset({"created_at", "updated_at"})
RESEAL = "reseal"   # the action of an audit row that only (re)seals a record


@dataclass(frozen=True)
class Child:
    table: str
    parent_key: str   # its column naming the parent record


@dataclass(frozen=True)
class Sealed:
    outside: tuple[str, ...] = ()       # columns left out of the seal (beside the timestamps)
    children: tuple[Child, ...] = ()    # rows that count with the record


# Every table of the models is here or in NOT_SEALED (tests/unit/test_seals.py holds it so).
SEALED: dict[str, Sealed] = {
    "units": Sealed(),
    "people": Sealed(),
    "position_changes": Sealed(),
    # Sign-in writes the counters (and so the row's version): never a reason to fail `check`.
    "users": Sealed(outside=("failed_attempts", "locked_until", "version"),
                    children=(Child("user_units", "user_id"),)),
    "risk_points": Sealed(),
    "risk_assessments": Sealed(children=(Child("risk_measures", "assessment_id"),)),
    "risk_level_changes": Sealed(),
    "inspections": Sealed(children=(Child("inspection_units", "inspection_id"),)),
    "findings": Sealed(children=(Child("finding_progress", "finding_id"),
                                 Child("finding_extensions", "finding_id"),
                                 Child("finding_status_changes", "finding_id"))),
    "talks": Sealed(children=(Child("talk_participants", "talk_id"),)),
    "ledger_entries": Sealed(children=(Child("ledger_methods", "entry_id"), Child("ledger_talks", "entry_id"),
                                       Child("ledger_findings", "entry_id"))),
    # late: derived from the dates and the 放假/调休 table, recomputed when that table changes.
    "ceremony_reports": Sealed(outside=("late",)),
    "clues": Sealed(children=(Child("clue_people", "clue_id"),)),
    "sanctions": Sealed(),
    "pledges": Sealed(),
    "studies": Sealed(),
    "unit_assessments": Sealed(children=(Child("assessment_items", "assessment_id"),)),
    "leader_reports": Sealed(),
    "duty_reports": Sealed(),
    "education_sessions": Sealed(children=(Child("education_participants", "session_id"),)),
    "opinion_replies": Sealed(),
    "attachments": Sealed(),
    "dict_items": Sealed(),
    "phrases": Sealed(),
    "settings": Sealed(),
    "holiday_arrangements": Sealed(),
    "holiday_workdays": Sealed(),
    "reminder_states": Sealed(),
    "year_closures": Sealed(),
    # Making the Word file stamps `generated_at` (and so the version): the export's own audit row
    # says so; the clerk's text is what the seal holds.
    "report_texts": Sealed(outside=("generated_at", "version")),
}

NOT_SEALED: dict[str, str] = {
    "audit_log": "the chain itself (each row's hash covers it)",
    "audit_head": "the chain's head (moved only by the trigger, checked against the rows)",
    "attachment_blobs": "contents: checked against the sha256 their attachments row names",
    "drafts": "a user's own unsaved form, never audited",
    "sign_in_failures": "sign-in counters of names that are no user",
    "number_series": "the last number given per series and year (编号 never given twice); each talk "
                     "seals its own number",
}

CHILDREN: dict[str, tuple[str, str]] = {
    child.table: (parent, child.parent_key) for parent, sealed in SEALED.items() for child in sealed.children
}

Present = Callable[[str], set[str]]  # table → the columns the database has (a migration's view)


def key_of(table: str, record_id: object) -> str:
    return f"{table}:{record_id}"


def primary_key(table: Table) -> Column:
    (pk,) = table.primary_key.columns
    return pk


def sealed_columns(table_name: str, present: Present | None = None) -> list[Column]:
    """The columns a seal of `table_name` covers, in the models' order."""
    table = Base.metadata.tables[table_name]
    left_out = ALWAYS_OUTSIDE | set(SEALED[table_name].outside)
    have = present(table_name) if present else None
    return [c for c in table.columns if c.name not in left_out and (have is None or c.name in have)]


def _child_columns(child: Child, present: Present | None) -> list[Column]:
    table = Base.metadata.tables[child.table]
    own_id = {c.name for c in table.primary_key.columns if c.name == "id"}
    left_out = ALWAYS_OUTSIDE | own_id | {child.parent_key}
    have = present(child.table) if present else None
    return [c for c in table.columns if c.name not in left_out and (have is None or c.name in have)]


def _chunks(values: Sequence[object], size: int = 500) -> Iterable[Sequence[object]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


class _Digests(dict):
    """One column's field digests by value: values recur (flags, versions, "", a unit's id) and
    each is hashed once. Keyed by the value alone: one column's values come back as one type
    (SQLite's column affinity stores 1.0 in an INTEGER column as 1 and 1 in a REAL one as 1.0;
    SQLAlchemy turns a Boolean column's 0/1 into bools), so no two equal keys of different
    types (1 and True, 1 and 1.0) that digest differently can meet in one. A column redeclared
    behind the program's back without a type could hold 1 and 1.0 both: a change from one to the
    other, the same number, would then pass unseen."""

    def __missing__(self, value: object) -> str:
        found = self[value] = digest(value)[:FIELD_DIGEST]
        return found


def read_seals(conn, table_name: str, ids: Sequence[object] | None = None,  # noqa: ANN001 — Connection | Session
               present: Present | None = None) -> dict[str, dict[str, str]]:
    """The current seal of every record of `table_name` (or of `ids`), by key_of: digested
    column by column, for `check` seals every field of the workspace."""
    table = Base.metadata.tables[table_name]
    pk = primary_key(table)
    columns = sealed_columns(table_name, present)
    records: dict[object, Sequence[object]] = {}
    parts = [None] if ids is None else list(_chunks(list(ids)))
    for part in parts:
        query = select(pk.label("_pk"), *columns)
        if part is not None:
            query = query.where(pk.in_(part))
        records.update((row[0], row) for row in conn.execute(query))
    rows = list(records.values())
    digested: dict[str, list[str]] = {}
    for index, column in enumerate(columns, start=1):
        digested[column.name] = list(map(_Digests().__getitem__, map(itemgetter(index), rows)))
    for child in SEALED[table_name].children:
        child_table = Base.metadata.tables[child.table]
        parent = child_table.c[child.parent_key]
        child_columns = _child_columns(child, present)
        child_names = [c.name for c in child_columns]
        by_parent: dict[object, list[str]] = {}
        for part in parts:
            query = select(parent.label("_parent"), *child_columns)
            if part is not None:
                query = query.where(parent.in_(part))
            for parent_id, *fields in conn.execute(query):
                by_parent.setdefault(parent_id, []).append(canonical(dict(zip(child_names, fields, strict=True))))
        digested[child.table] = [digest(sorted(by_parent.get(record_id, [])))[:FIELD_DIGEST]
                                 for record_id in records]
    names = list(digested)
    return {key_of(table_name, record_id): dict(zip(names, field_digests, strict=True))
            for record_id, *field_digests in zip(records, *digested.values(), strict=True)}


def _typed_id(table_name: str, text: str) -> object | None:
    pk = primary_key(Base.metadata.tables[table_name])
    kind = pk.type.python_type
    try:
        if kind is int:
            return int(text)
        if kind is dt.date:
            return dt.date.fromisoformat(text)
    except ValueError:
        return None
    return text


def sealed_record(conn, entity: str, entity_id: str) -> tuple[str, object] | None:  # noqa: ANN001
    """(table, id) of the record an audit row about `entity`/`entity_id` seals: the record
    itself, or the parent of a child row; None for anything else (exports, sign-ins…)."""
    if not entity_id:
        return None
    if entity in SEALED:
        record_id = _typed_id(entity, entity_id)
        return None if record_id is None else (entity, record_id)
    if entity in CHILDREN:
        parent, column = CHILDREN[entity]
        child = Base.metadata.tables[entity]
        child_id = _typed_id(entity, entity_id)
        if child_id is None:
            return None
        parent_id = conn.execute(select(child.c[column]).where(primary_key(child) == child_id)).scalar()
        return None if parent_id is None else (parent, parent_id)
    return None


def seal_text(conn, entity: str, entity_id: str, *, deleted: bool,  # noqa: ANN001
              present: Present | None = None) -> str:
    """The `audit_log.seal` of a row about `entity`/`entity_id` ("" when it seals nothing):
    the record's seal as it now stands, or null for a record deleted by this row."""
    found = sealed_record(conn, entity, entity_id)
    if found is None:
        return ""
    table_name, record_id = found
    key = key_of(table_name, record_id)
    if deleted and table_name == entity:
        return canonical({key: None})
    return canonical({key: read_seals(conn, table_name, [record_id], present).get(key)})


def reseal_records(conn, table_name: str, ids: Sequence[object], *, user: str, summary: str,  # noqa: ANN001
                   at: str, present: Present | None = None) -> int:
    """A migration's own writes sealed: one `reseal` row per record of `ids` as the database now
    holds it (rows it seeded), or null for one no longer there (rows it removed); see 0014 for
    every record of a table at once."""
    found = read_seals(conn, table_name, list(ids), present)
    for record_id in sorted(ids, key=lambda i: (str(type(i)), i)):
        key = key_of(table_name, record_id)
        append(conn, user, RESEAL, table_name, str(record_id), summary=summary,
               seal=canonical({key: found.get(key)}), at=at)
    return len(ids)

