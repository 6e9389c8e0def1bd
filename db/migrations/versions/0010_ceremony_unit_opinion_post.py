"""婚丧喜庆报备 keep the unit id of the time of the report; 意见回复 keep the unit and position

A report snapshotted its unit as a name only. The page's unit filter (with the units below it)
and unit-limited users need the unit itself: a name changes when a unit is renamed. Existing
rows get the id of the unit that bears the snapshotted name, else the person's current unit.
An issued 党风廉政意见回复 is usually followed by a promotion: the list of replies shows the unit
and position the reply was issued for, kept on the row.

Revision ID: 0010
Revises: 0009
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ceremony_reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_ceremony_reports_unit_id"), ["unit_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_ceremony_reports_unit_id_units"), "units",
                                    ["unit_id"], ["id"])
    with op.batch_alter_table("opinion_replies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit_name", sa.String(length=100), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("position", sa.String(length=100), nullable=False, server_default=""))
    op.execute(
        "UPDATE ceremony_reports SET unit_id = COALESCE("
        "(SELECT units.id FROM units WHERE units.name = ceremony_reports.unit_name), "
        "(SELECT people.unit_id FROM people WHERE people.id = ceremony_reports.person_id))")


def downgrade() -> None:
    with op.batch_alter_table("opinion_replies", schema=None) as batch_op:
        batch_op.drop_column("position")
        batch_op.drop_column("unit_name")
    with op.batch_alter_table("ceremony_reports", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_ceremony_reports_unit_id_units"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_ceremony_reports_unit_id"))
        batch_op.drop_column("unit_id")
