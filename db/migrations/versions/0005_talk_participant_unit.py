"""talk participants keep the unit id of the time of the talk; talks get their order's index

A talkee's unit was snapshotted as a name only. The per-unit talk figures, the page's unit
filter (with the units below it) and unit-limited users need the unit itself: a name changes when
a unit is renamed. Existing rows get the id of the unit that bears the snapshotted name, when one
does (registered people only). The talks page lists newest first: an index on (talk_date,
start_time, id) gives that order without sorting every talk.

Revision ID: 0005
Revises: 0003
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("talk_participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_talk_participants_unit_id"), ["unit_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_talk_participants_unit_id_units"), "units",
                                    ["unit_id"], ["id"])
    with op.batch_alter_table("talks", schema=None) as batch_op:
        batch_op.create_index("ix_talks_date_time_id", ["talk_date", "start_time", "id"], unique=False)
    op.execute(
        "UPDATE talk_participants SET unit_id = "
        "(SELECT units.id FROM units WHERE units.name = talk_participants.unit_name) "
        "WHERE person_id IS NOT NULL AND unit_name <> ''")


def downgrade() -> None:
    with op.batch_alter_table("talks", schema=None) as batch_op:
        batch_op.drop_index("ix_talks_date_time_id")
    with op.batch_alter_table("talk_participants", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_talk_participants_unit_id_units"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_talk_participants_unit_id"))
        batch_op.drop_column("unit_id")
