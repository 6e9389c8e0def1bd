"""婚丧喜庆报备: a stored 迟报 flag, so that 仅迟报 is a plain indexed filter

`ceremony_reports.late`: reported after the deadline in working days (the 放假/调休 table). It
is derived — the program works it out on every save and again, for the years it touches,
whenever the 放假/调休 table changes (app.registers.ceremonies.write.refresh_late) — and stays
outside the record's seal (db/seals.py), so no `reseal` rows are needed. Index (late,
event_date): the late reports, newest first, read over the index.

The existing reports get their flag here, by the rule as it stands at this revision (written
out below: a migration does not import the program's rules, which may change later; the
program recomputes the flag whenever the table changes anyway): a 丧 is due within 10 working
days after the event, anything else 7 working days before it.

Revision ID: 0017
Revises: 0016
"""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

FUNERAL, FUNERAL_AFTER, LEAD = "funeral", 10, 7


def _late_ids(conn: sa.Connection) -> list[int]:
    holidays: set[dt.date] = set()
    for first, last in conn.execute(sa.text("SELECT first_day, last_day FROM holiday_arrangements")):
        first, last = _day(first), _day(last)
        holidays.update(first + dt.timedelta(days=i) for i in range((last - first).days + 1))
    workdays = {_day(d) for (d,) in conn.execute(sa.text("SELECT day FROM holiday_workdays"))}

    def working(day: dt.date) -> bool:
        return day not in holidays and (day in workdays or day.weekday() < 5)

    def step(day: dt.date, count: int, sign: int) -> dt.date:
        while count > 0:
            day += dt.timedelta(days=sign)
            count -= working(day)
        return day

    late = []
    for report_id, kind, event, reported in conn.execute(
            sa.text("SELECT id, kind, event_date, reported_on FROM ceremony_reports")):
        event, reported = _day(event), _day(reported)
        due = step(event, FUNERAL_AFTER, 1) if kind == FUNERAL else step(event, LEAD, -1)
        if reported > due:
            late.append(report_id)
    return late


def _day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def upgrade() -> None:
    with op.batch_alter_table("ceremony_reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("late", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index("ix_ceremony_reports_late_event_date", ["late", "event_date"], unique=False)
    conn = op.get_bind()
    late = _late_ids(conn)
    reports = sa.table("ceremony_reports", sa.column("id", sa.Integer), sa.column("late", sa.Boolean))
    for start in range(0, len(late), 500):
        conn.execute(sa.update(reports).where(reports.c.id.in_(late[start:start + 500])).values(late=True))


def downgrade() -> None:
    with op.batch_alter_table("ceremony_reports", schema=None) as batch_op:
        batch_op.drop_index("ix_ceremony_reports_late_event_date")
        batch_op.drop_column("late")
