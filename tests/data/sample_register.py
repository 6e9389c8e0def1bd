"""A small register adapter for the engine's own tests: a date column, a year column, a
multi-value column and a year requirement — what the risk register and ledger will need, and
people and units do not have. It plans (the values it returns are what the tests read) and
exports two fixed rows, one with a coloured cell."""
from __future__ import annotations

import datetime as dt

from app.excel.adapter import Register
from app.excel.columns import Column, ExportCell, RowOutcome


class DatedEventsRegister(Register):
    key = "sample_events"
    title = "节前廉政提醒登记表"
    needs_year = True
    yearly = True
    columns = (
        Column("year", "年度", kind="year", width=8),
        Column("day", "日期", ("提醒日期", "时间"), kind="date", required=True, width=12),
        Column("people", "参加人员", ("参加对象",), multi=True, width=20),
        Column("subject", "事项", ("内容",), width=30),
    )

    def plan_row(self, ctx, row):  # noqa: ANN001, ANN201
        values = {**row.values, "year": row.year}
        return RowOutcome("add", values, str(row.get("subject", "")),
                          match_key=(row.sheet, row.row))

    def export_rows(self, session, actor, *, year, unit_id):  # noqa: ANN001, ANN201
        yield [2022, dt.date(2022, 3, 15), ("张三", "李四"), ExportCell("一级", fill="#d9363e")]
        yield [2022, dt.date(2022, 9, 28), (), "=不是公式"]
