"""Record numbers given once and never again (谈话记录 编号 2025-012): per series and year, the
last number given is kept in `number_series`, so a deleted record's number is not given to the
next one. Writers are serialized by the workspace's write lock (db/session.py)."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import NumberSeries


def next_number(session: Session, series: str, year: int, *, floor: int = 0) -> int:
    """The next number of `series` in `year` (1, 2, …), recorded as given. `floor`: the highest
    number already in use there (a series begun before its counter was kept)."""
    row = session.execute(select(NumberSeries).where(NumberSeries.series == series, NumberSeries.year == year)
                          .with_for_update()).scalar_one_or_none()
    if row is None:
        row = NumberSeries(series=series, year=year, last=0)
        session.add(row)
    row.last = max(row.last, floor) + 1
    session.flush()
    return row.last


def highest_in_use(session: Session, column_year, column_seq, year: int) -> int:  # noqa: ANN001
    """The highest sequence number stored for `year` (0 for none)."""
    return int(session.scalar(select(func.coalesce(func.max(column_seq), 0)).where(column_year == year)) or 0)
