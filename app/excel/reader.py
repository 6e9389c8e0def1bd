"""Reading a workbook as offices keep it: title rows, a (merged, two-row) header somewhere in the
first rows, data, 合计 rows, a 填表人 footer, notes sheets without a header.

The cells come from `app.excel.xlsx.Book` (a bounded streaming reader: only cells that hold a
value, formulas as their cached values). A streamed sheet has no merge information, so a merged
header cell shows its text in the first cell and None in the others; the header detection
copes with that by combining an upper row (carried to the right) with the row below it.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.dictionaries import normalize
from app.errors import ValidationError
from app.excel.columns import Column
from app.excel.plan import SkippedSheet
from app.excel.values import header_key, is_blank, text_of, year_in
from app.excel.xlsx import Book, BookError, SheetRef
from app.progress import Progress

log = logging.getLogger(__name__)

HEADER_SCAN_ROWS = 15
TOTAL_WORDS = ("合计", "小计", "总计", "共计")
FOOTER_WORDS = ("填表人", "填报人", "制表人", "审核人", "审核：", "审核:", "负责人：", "负责人:",
                "填报日期", "制表日期", "填表日期", "联系电话", "联系人：", "联系人:",
                "备注：", "备注:", "说明：", "说明:", "注：", "注:")


@dataclass
class SheetData:
    """One sheet's data rows, still raw, with what was skipped on the way."""

    name: str
    header_rows: tuple[int, ...]
    columns: dict[str, int]                 # column key → 0-based cell index
    ignored_columns: tuple[str, ...]
    year: int | None                        # from the sheet name, else the title rows
    rows: list[tuple[int, tuple]] = field(default_factory=list)  # (row number, cells)
    title_rows: int = 0
    blank_rows: int = 0
    total_rows: int = 0
    footer_rows: int = 0


@dataclass
class WorkbookData:
    sheets: list[SheetData]
    skipped: list[SkippedSheet]
    errors: list[str]


def alias_map(columns: Sequence[Column]) -> dict[str, str]:
    """header_key(written header) → column key, for a column's header and every alias."""
    found: dict[str, str] = {}
    for column in columns:
        if column.export_only:
            continue
        for written in (column.header, *column.aliases):
            found.setdefault(header_key(written), column.key)
    return found


def read_workbook(path: Path, columns: Sequence[Column], progress: Progress | None = None) -> WorkbookData:
    """Every visible sheet with a recognisable header, its rows after the header; sheets
    without one are listed in `skipped` with the reason. Raises ValidationError when the file
    cannot be read at all (missing, .xls, encrypted, damaged, over a limit of app/excel/xlsx.py)."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError(f"找不到文件“{path}”。")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        old = "旧版 .xls 文件" if path.suffix.lower() == ".xls" else f"{path.suffix or '无扩展名的'}文件"
        raise ValidationError(f"“{path.name}”是{old}，请在 Excel 或 WPS 中另存为 .xlsx 后再导入。")
    aliases = alias_map(columns)
    required = [c for c in columns if c.required]
    result = WorkbookData([], [], [])
    try:
        with Book(path) as book:
            for sheet in book.sheets:
                if sheet.state != "visible":
                    result.skipped.append(SkippedSheet(sheet.name, "隐藏的工作表，未读取。"))
                    continue
                _read_sheet(book, sheet, aliases, columns, required, result, progress)
    except BookError as error:
        log.warning("cannot read %s: %s", path, error.message)
        raise ValidationError(error.message) from error
    if not result.sheets and not result.errors:
        expected = "、".join(f"“{c.header}”" for c in (required or columns[:2]))
        result.errors.append(f"文件中没有可识别表头的工作表（表头应包含{expected}等列名）。")
    return result


def _read_sheet(book: Book, sheet: SheetRef, aliases: dict[str, str], columns: Sequence[Column],
                required: Sequence[Column], result: WorkbookData, progress: Progress | None) -> None:
    rows = book.rows(sheet, progress)
    head: list[tuple[int, tuple]] = []
    for number, cells in rows:
        if number > HEADER_SCAN_ROWS + 1:
            head.append((number, cells))  # the first data row, kept for below
            break
        head.append((number, cells))
    dense = [()] * (HEADER_SCAN_ROWS + 1)
    for number, cells in head:
        if number <= HEADER_SCAN_ROWS + 1:
            dense[number - 1] = cells
    found = _find_header(dense, aliases)
    needed = 2 if len(columns) > 1 else 1
    if found is None or len(set(found[1].values())) < needed:
        result.skipped.append(SkippedSheet(
            sheet.name, f"前 {HEADER_SCAN_ROWS} 行中没有找到可识别的表头，未读取。"))
        return
    header_rows, mapping, ignored = found
    missing = [c.header for c in required if c.key not in mapping.values()]
    if missing:
        message = f"工作表「{sheet.name}」的表头缺少必填列：{'、'.join(missing)}。"
        result.errors.append(message)
        result.skipped.append(SkippedSheet(sheet.name, f"表头缺少必填列：{'、'.join(missing)}。"))
        return
    columns_at = {key: index for index, key in mapping.items()}
    last_header = header_rows[-1]
    titles = [r for r in dense[:header_rows[0] - 1] if not _row_blank(r)]
    year = year_in(sheet.name, bare=True) or year_in(" ".join(
        text_of(v) for r in titles for v in r if not is_blank(v)), bare=False)
    data = SheetData(sheet.name, header_rows, columns_at, ignored, year, title_rows=len(titles))

    def remaining() -> Iterable[tuple[int, tuple]]:
        yield from ((n, c) for n, c in head if n > last_header)
        yield from rows

    pending_blank, footer_seen, previous = 0, False, last_header
    for number, cells in remaining():
        pending_blank += number - previous - 1  # rows the file does not hold are blank
        previous = number
        filled = [text_of(v) for v in cells if not is_blank(v)]
        if not filled:
            pending_blank += 1
            continue
        data.blank_rows += pending_blank  # blank rows between data; trailing ones are not counted
        pending_blank = 0
        first = header_key(filled[0])
        if first.startswith(TOTAL_WORDS):
            data.total_rows += 1
        elif normalize(filled[0]).startswith(FOOTER_WORDS) or (footer_seen and len(filled) == 1):
            data.footer_rows += 1
            footer_seen = True
        elif all(is_blank(cells[i]) for i in columns_at.values() if i < len(cells)):
            data.blank_rows += 1  # only a 序号 or other ignored cells
        elif _repeats_header(cells, aliases, mapping):
            data.title_rows += 1  # the header again (a second printed page pasted in)
        else:
            data.rows.append((number, cells))
    result.sheets.append(data)


def _row_blank(cells: tuple) -> bool:
    return all(is_blank(v) for v in cells)


def _repeats_header(cells: tuple, aliases: dict[str, str], mapping: dict[int, str]) -> bool:
    hits = sum(1 for i, key in mapping.items()
               if i < len(cells) and aliases.get(header_key(cells[i])) == key)
    return hits >= 2 and hits * 2 >= len(mapping)


def _match(cells: Sequence[object], aliases: dict[str, str]) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for index, value in enumerate(cells):
        key = aliases.get(header_key(value)) if not is_blank(value) else None
        if key is not None and key not in mapping.values():
            mapping[index] = key
    return mapping


def _combine(upper: Sequence[object], lower: Sequence[object], aliases: dict[str, str]) -> list[object]:
    """One header from two rows: per cell, the lower text, the upper text, or the upper text
    carried from a merged cell on the left joined with the lower text — whichever is a name."""
    combined: list[object] = []
    carry = ""
    for index in range(max(len(upper), len(lower))):
        up = upper[index] if index < len(upper) else None
        low = lower[index] if index < len(lower) else None
        if not is_blank(up):
            carry = text_of(up)
        candidates = [low, up, (carry + text_of(low)) if carry and not is_blank(low) else None]
        named = [c for c in candidates if not is_blank(c) and header_key(c) in aliases]
        combined.append(named[0] if named else (low if not is_blank(low) else up))
    return combined


def _find_header(head: list[tuple], aliases: dict[str, str]
                 ) -> tuple[tuple[int, ...], dict[int, str], tuple[str, ...]] | None:
    """(header row numbers, cell index → column key, ignored header texts) of the row (or
    two-row pair) in `head` naming the most columns; the earliest wins a tie."""
    best: tuple[int, tuple[int, ...], list[object], dict[int, str]] | None = None
    scores = [len(_match(row, aliases)) for row in head]
    for i, row in enumerate(head[:HEADER_SCAN_ROWS]):
        if best is None or scores[i] > best[0]:
            best = (scores[i], (i + 1,), list(row), _match(row, aliases))
        if i + 1 < len(head):
            cells = _combine(row, head[i + 1], aliases)
            mapping = _match(cells, aliases)
            if len(mapping) > max(scores[i], scores[i + 1]) and len(mapping) > best[0]:
                best = (len(mapping), (i + 1, i + 2), cells, mapping)
    if best is None or best[0] == 0:
        return None
    _, rows, cells, mapping = best
    ignored = tuple(text_of(v) for i, v in enumerate(cells) if i not in mapping and not is_blank(v))
    return rows, mapping, ignored
