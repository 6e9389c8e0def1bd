"""a handled reminder keeps what it said (kind and title)

A reminder is computed from the registers; once its condition goes away (the finding closed, the
festival passed) only its state row remains. The row now keeps the reminder's kind and title, so
the list of handled reminders still says what was done, by whom, when and how.

Revision ID: 0009
Revises: 0005
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reminder_states", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=40), server_default="", nullable=False))
        batch_op.add_column(sa.Column("title", sa.Text(), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("reminder_states", schema=None) as batch_op:
        batch_op.drop_column("title")
        batch_op.drop_column("kind")
