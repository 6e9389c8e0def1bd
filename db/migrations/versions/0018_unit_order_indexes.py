"""人员与单位: the register's order over indexes, so its first screen is an index walk

`ix_units_display_order` on units (kind's rank, sort_order, name): the order every register
sorted by unit lists them in (局机关科室, 直属单位, others); `ix_units_display_order_desc` the
same with the kinds reversed (a register sorted by unit, descending). The rank is written with literals, as
the program's queries write it (db.models.org.unit_kind_rank): an ORDER BY uses an expression
index only where it reads the same. `ix_people_unit_leader` on people (unit_id, is_leader DESC,
id) among the active: a unit's people in the register's order (班子成员 first). Together, with the
units as the outer loop, the first screen of 人员与单位 reads one screenful over the two indexes
instead of sorting every person (app.registers.people.query.first_people_ids).

Revision ID: 0018
Revises: 0017
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

KIND_RANK = ("(CASE kind WHEN 'office' THEN 0 WHEN 'affiliate' THEN 1 WHEN 'other' THEN 2 "
             "ELSE 9 END)")


def upgrade() -> None:
    op.create_index("ix_units_display_order", "units", [sa.text(KIND_RANK), "sort_order", "name"])
    op.create_index("ix_units_display_order_desc", "units",
                    [sa.text(KIND_RANK + " DESC"), "sort_order", "name"])
    op.create_index("ix_people_unit_leader", "people", ["unit_id", sa.text("is_leader DESC"), "id"],
                    sqlite_where=sa.text("active = 1"), postgresql_where=sa.text("active"))


def downgrade() -> None:
    op.drop_index("ix_people_unit_leader", table_name="people")
    op.drop_index("ix_units_display_order_desc", table_name="units")
    op.drop_index("ix_units_display_order", table_name="units")
