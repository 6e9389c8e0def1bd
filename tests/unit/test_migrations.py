"""Models and migrations agree, and the revision ids follow the file-name convention."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from db import migrate
from db.models import Base
from db.session import make_engine, sqlite_url


def test_models_equal_migrations(tmp_path):
    engine = make_engine(sqlite_url(tmp_path / "m.sqlite3"))
    migrate.upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == []


def test_expression_indexes_equal_migrations(tmp_path):
    """compare_metadata skips indexes on an expression (SQLite's cannot be reflected): each is
    compared here as SQLite stored it against the model's CREATE INDEX — a query's ORDER BY uses
    such an index only where it reads the same."""
    from sqlalchemy import Column
    from sqlalchemy.schema import CreateIndex

    engine = make_engine(sqlite_url(tmp_path / "x.sqlite3"))
    migrate.upgrade(engine)
    with engine.connect() as conn:
        stored = dict(conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'index'")).all())
        expected = {index.name: str(CreateIndex(index).compile(dialect=engine.dialect))
                    for table in Base.metadata.tables.values() for index in table.indexes
                    if not all(isinstance(e, Column) for e in index.expressions)}
    engine.dispose()
    assert "ix_units_display_order" in expected
    for name, sql in expected.items():
        assert " ".join(stored[name].split()) == " ".join(sql.split()), name


def test_revision_ids_are_file_prefixes_in_one_line():
    config = migrate._alembic_config(None)
    script = ScriptDirectory.from_config(config)
    chain = [rev.revision for rev in script.walk_revisions()][::-1]
    assert chain == migrate.known_revisions()
    assert script.get_heads() == [migrate.head_revision()]


def test_downgrade_to_nothing_and_back(tmp_path):
    engine = make_engine(sqlite_url(tmp_path / "d.sqlite3"))
    migrate.upgrade(engine)
    migrate.upgrade(engine, "0001")  # a no-op upgrade is fine; now go down
    from alembic import command

    with engine.begin() as conn:
        command.downgrade(migrate._alembic_config(conn), "base")
    with engine.connect() as conn:
        assert migrate.schema_state(conn) is migrate.SchemaState.EMPTY
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM dict_items")).scalar() > 50
    engine.dispose()
