"""app/registry.py is the one list of registers every cross-register feature walks: held here to
the schema (every table the read rule knows is a register's), to the Excel engine (every adapter
is a register's, every register filed in the archive has one), to the 归档 counts and to search
(every register searched or saying why not). The walks over the demo — every register counted in
its year, filed in the archive, found by Ctrl+K and never across a clerk's units — are in
tests/unit/test_read_scope.py (its demo)."""
from __future__ import annotations

from app import search
from app.excel.registry import REGISTERS
from app.registry import BY_KEY, ENTRIES, FILED, YEAR_COUNTS
from app.reports import archive_export, archive_years
from app.visibility import RULES


def test_every_table_the_read_rule_knows_is_one_registers():
    owned = [table for entry in ENTRIES for table in entry.tables]
    assert len(owned) == len(set(owned)), "a table declared by two registers"
    assert set(owned) == set(RULES)


def test_every_excel_adapter_is_a_register_and_every_filed_register_has_one():
    assert set(REGISTERS) <= set(BY_KEY)
    assert {key for key, _name in FILED} <= set(REGISTERS)


def test_a_register_kept_by_year_is_counted_and_filed_and_only_then():
    for entry in ENTRIES:
        assert bool(entry.years) == bool(entry.filed_as), entry.key
    assert archive_years.LEDGERS == YEAR_COUNTS
    assert archive_export.FILED_REGISTERS == FILED
    names = [name for _key, name in FILED] + [archive_export.REPORT_NAME]
    assert [name[:2] for name in names] == [f"{n:02d}" for n in range(1, len(names) + 1)]  # numbered in order


def test_every_register_is_searched_or_says_why_not():
    assert set(search.SEARCHED) | set(search.NOT_SEARCHED) == set(BY_KEY)
    assert not set(search.SEARCHED) & set(search.NOT_SEARCHED)
    assert all(len(reason) > 10 for reason in search.NOT_SEARCHED.values())
    assert [p for entry in ENTRIES for p in search.SEARCHED.get(entry.key, ())] == search.PROVIDERS
