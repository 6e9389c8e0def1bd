"""Excel: the export of 10,000 ledger rows (the filing columns read as a stream of Core rows, the
register's styling and its audit row) against openpyxl write-only writing the same cells (target
ratio ≤ 1.3); against a streaming Core read of the same entries and their methods followed by
that writing, as a reference row (the floor of any export); the import preview of that file
against openpyxl read-only reading the same cells (a reference ratio).

The scale-50 demo holds ~4,400 ledger entries; a copy of its database gets filed entries (with
their methods) repeated until 10,000 are filed — the bench's own scratch copy, never the demo."""
from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from bench.common import Result, interleaved
from bench.context import AS_OF, BenchContext

ROWS = 10_000
SECOND_FORM = """SELECT m.entry_id FROM ledger_methods m JOIN dict_items d
                 ON d.domain = 'disposal_method' AND d.code = m.method WHERE d.form = 2"""
# The reference baseline's read: the filed entries' export columns in filing order, and their methods.
FILED_ROWS = f"""SELECT id, person_name, unit_name, position, rank, political_status, clue_source, handling,
                 problem, decision_organ, decided_on, handler, revisit_planned, revisit_done_on,
                 revisit_result, notes FROM ledger_entries WHERE id NOT IN ({SECOND_FORM})
                 ORDER BY decided_on, id"""
METHODS = f"""SELECT entry_id, method, wording FROM ledger_methods WHERE entry_id NOT IN ({SECOND_FORM})
              ORDER BY entry_id, seq, id"""


def _ten_thousand(db: Path) -> None:
    conn = sqlite3.connect(db)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(ledger_entries)") if r[1] != "id"]
    filed = [r[0] for r in conn.execute(
        f"SELECT id FROM ledger_entries WHERE id NOT IN ({SECOND_FORM}) ORDER BY id")]
    if not filed:
        raise RuntimeError("the demo has no filed ledger entries")
    methods: dict[int, list[tuple]] = {}  # an entry may have no method yet (the demo has such)
    for entry_id, seq, method in conn.execute("SELECT entry_id, seq, method FROM ledger_methods"):
        methods.setdefault(entry_id, []).append((seq, method))
    listed = ", ".join(columns)
    with conn:
        for number in range(ROWS - len(filed)):
            source = filed[number % len(filed)]
            cursor = conn.execute(f"INSERT INTO ledger_entries ({listed}) SELECT {listed} "
                                  "FROM ledger_entries WHERE id = ?", (source,))
            conn.executemany("INSERT INTO ledger_methods (entry_id, seq, method) VALUES (?, ?, ?)",
                             [(cursor.lastrowid, seq, method) for seq, method in methods.get(source, ())])
    conn.close()


def excel(ctx: BenchContext) -> list[Result]:
    from openpyxl import Workbook, load_workbook
    from sqlalchemy import text

    from app.demo.build import DEMO_PASSWORD
    from app.excel.importer import plan_import
    from app.excel.writer import export_register
    from app.workspace.facade import Workspace

    scratch = Path(tempfile.mkdtemp(prefix="qingfeng-bench-excel-"))
    try:
        folder = scratch / "ws"
        folder.mkdir()
        with ctx.ws.reading() as session:  # a consistent copy while the bench holds the workspace
            raw = session.connection().connection.driver_connection
            target = sqlite3.connect(folder / "qingfeng.sqlite3")
            raw.backup(target)
            target.close()
        _ten_thousand(folder / "qingfeng.sqlite3")
        ws = Workspace.open(folder, as_of=AS_OF)
        actor = ws.sign_in("admin", DEMO_PASSWORD)
        exported = scratch / "ledger.xlsx"
        written: list[int] = []

        def ours() -> None:
            with ws.writing() as session:
                written.append(export_register(session, actor, "ledger", exported,
                                               bureau=ws.settings.bureau_name, today=ws.today()))

        ours()
        cells = list(load_workbook(exported, read_only=True).worksheets[0].iter_rows(values_only=True))

        def bare_writing() -> None:
            book = Workbook(write_only=True)
            sheet = book.create_sheet()
            for row in cells:
                sheet.append(row)
            book.save(scratch / "bare.xlsx")

        def bare() -> None:
            with ws.reading() as session:
                connection = session.connection()
                methods = connection.execute(text(METHODS)).all()
                stream = connection.execute(text(FILED_ROWS), execution_options={"stream_results": True})
                read = sum(len(part) for part in stream.partitions(1000))
            assert read == len(cells) - 2 and methods
            bare_writing()

        exporting, baseline, writing = interleaved(ours, bare, bare_writing, repeat=5)

        def planned() -> None:
            with ws.reading() as session:
                plan_import(session, actor, "ledger", exported, today=ws.today())

        def bare_read() -> None:
            book = load_workbook(exported, read_only=True)
            for _row in book.worksheets[0].iter_rows(values_only=True):
                pass
            book.close()

        importing, bare_reading = interleaved(planned, bare_read, repeat=3)
        ws.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return [Result(f"Excel 导出第一种形态台账 {written[-1]} 行", exporting, writing, 1.3,
                   note="对比 openpyxl 只写模式写同样的单元格"),
            Result(f"Excel 导出第一种形态台账 {written[-1]} 行（参考：含读取的基线）", exporting, baseline, None,
                   note="对比 SQLAlchemy Core 流式读取同样的条目与处置方式 + openpyxl 只写模式写同样的单元格"),
            Result(f"Excel 导入预览（同一文件 {written[-1]} 行）", importing, bare_reading, None,
                   note="对比 openpyxl 只读模式读同样的单元格；预览逐行匹配已有记录")]


MEASUREMENTS = [excel]
