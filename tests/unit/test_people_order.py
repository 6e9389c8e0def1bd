"""人员与单位's order: the first screen (`limit=`) is the whole list's head under every filter and
sort, the order by unit is the documented one (kind, sort_order, name; 班子成员 first, then as
entered) — written with the units as the outer loop since migration 0018 — and on SQLite that
first screen is an index walk: no temp b-tree for the ORDER BY."""
from __future__ import annotations

from sqlalchemy import event

from app.registers.people import query as people_query
from app.registers.people import types as people_types
from app.registers.people import write as people_write
from app.registers.units import types as units_types
from app.registers.units import write as units_write
from app.registers.units.types import UNIT_KIND_ORDER
from ui.pages.people_page import COLUMNS

FILTERS = {
    "default": people_types.PersonFilter(),
    "leaders": people_types.PersonFilter(leaders_only=True),
    "key posts": people_types.PersonFilter(key_post_only=True),
    "with inactive": people_types.PersonFilter(include_inactive=True),
    "affiliates": people_types.PersonFilter(unit_kind="affiliate"),
    "leaders of offices": people_types.PersonFilter(unit_kind="office", leaders_only=True),
    "text": people_types.PersonFilter(text="科"),
}
# (kind, sort_order): names chosen so that neither the name nor the id gives the order alone.
UNITS = {"乙科": ("office", 2), "甲科": ("office", 2), "办公室": ("office", 1), "丙馆": ("affiliate", 0),
         "甲馆": ("affiliate", 0), "协会": ("other", 5), "财务科": ("office", 0)}


def _bureau(ws, actor) -> dict[str, int]:  # noqa: ANN001
    """Units of every kind with tied sort orders, their people entered out of order: 班子成员
    entered after others, inactive people, key posts."""
    with ws.writing() as s:
        units = {name: units_write.save_unit(s, actor, units_types.UnitDraft(name=name, kind=kind, sort_order=order))
                 for name, (kind, order) in UNITS.items()}
    with ws.writing() as s:
        for number in range(42):
            unit = list(units.values())[(number * 5) % len(units)]
            pid = people_write.save_person(s, actor, people_types.PersonDraft(
                name=f"人员{number:02d}", unit_id=unit, position="科长" if number % 4 == 0 else "科员",
                is_leader=number % 3 == 1, key_post="财务" if number % 5 == 2 else "",
                rank=f"{number % 7}级", staff_no=f"{(number * 7) % 42:03d}"))
            if number % 6 == 5:
                people_write.set_person_active(s, actor, pid, False)
    return units


def _by_unit_in_python(session, actor, filt: people_types.PersonFilter, descending: bool) -> list[int]:  # noqa: ANN001
    """The order by unit as the page states it (units by kind, sort order and name — the kinds
    reversed when descending —, then 班子成员 first, then as entered), computed here."""
    from app.registers.units.query import list_units

    rows = people_query.people_rows(session, people_query.search_people_ids(session, actor, filt, "name"))
    kinds = {u.id: (u.kind, u.sort_order, u.name) for u in list_units(session)}

    def key(row) -> tuple:  # noqa: ANN001
        kind, order, name = kinds[row.unit_id]
        rank = UNIT_KIND_ORDER.get(kind, 9)
        return (-rank if descending else rank, order, name, not row.is_leader, row.id)

    return [row.id for row in sorted(rows, key=key)]


def test_first_screen_is_the_head_of_the_whole_list_for_every_filter_and_sort(workspace, admin):
    _bureau(workspace, admin)
    sorts = [column.sort_key for column in COLUMNS if column.sort_key]
    with workspace.reading() as s:
        for label, filt in FILTERS.items():
            for sort in sorts:
                for descending in (False, True):
                    whole = people_query.search_people_ids(s, admin, filt, sort, descending)
                    assert whole, (label, sort)
                    for limit in (1, 5, 13):
                        first = people_query.search_people_ids(s, admin, filt, sort, descending, limit=limit)
                        assert first == whole[:limit], (label, sort, descending, limit)
                if filt.text:
                    continue
                for descending in (False, True):  # by unit: the stated order, exactly
                    whole = people_query.search_people_ids(s, admin, filt, "unit", descending)
                    assert whole == _by_unit_in_python(s, admin, filt, descending), (label, descending)


def test_first_screen_by_unit_is_an_index_walk_on_sqlite(workspace, admin):
    """EXPLAIN QUERY PLAN of the statements the page sends: the units' order index, then each
    unit's people over ix_people_unit_leader, and no temp b-tree (nothing sorted)."""
    if not workspace.is_sqlite:
        return
    _bureau(workspace, admin)
    sent: list[tuple[str, object]] = []
    engine = workspace.sessions.engine

    def keep(_conn, _cursor, statement, parameters, _context, _many) -> None:  # noqa: ANN001
        sent.append((statement, parameters))

    walks = {"default": (people_types.PersonFilter(), "ix_units_display_order"),
             "leaders": (people_types.PersonFilter(leaders_only=True), "ix_units_display_order"),
             "affiliates": (people_types.PersonFilter(unit_kind="affiliate"), "ix_units_display_order")}
    event.listen(engine, "before_cursor_execute", keep)
    try:
        for label, (filt, units_index) in walks.items():
            for descending in (False, True):
                sent.clear()
                with workspace.reading() as s:
                    people_query.search_people_ids(s, admin, filt, "unit", descending, limit=30)
                    statement, parameters = sent[-1]
                    plan = [row[3] for row in s.connection().exec_driver_sql(
                        "EXPLAIN QUERY PLAN " + statement, parameters)]
                index = units_index + ("_desc" if descending else "")
                assert plan[0] == f"SCAN units USING INDEX {index}", (label, plan)
                assert plan[1].startswith("SEARCH people USING INDEX ix_people_unit_leader (unit_id=?"), (label, plan)
                assert not any("TEMP B-TREE" in step for step in plan), (label, plan)
    finally:
        event.remove(engine, "before_cursor_execute", keep)
