"""Export: one styled .xlsx per register, ready to print (A4 landscape, fit to width, header
row on every page, 第 N 页 footer), and the blank import template.

openpyxl choices, for speed (a 10,000-row export should cost at most 1.5× plain write-only
writing of the same values; a styled cell costs openpyxl about twice a plain one):
- write-only mode: rows stream to the zip, nothing is kept in memory;
- the styles are NamedStyles registered once; a data cell is styled only when it needs it — text
  longer than its column (wrapped), a date (number format), a coloured cell — and such cells are
  reused per column (a write-only row is serialized as soon as it is appended) with a cached
  style id; every other value is appended plain;
- the borders of the data area are one conditional format (a dxf border on every cell of the
  range), not a border style on 10,000 × N cells.

Row heights: a row whose text wraps gets the height of its tallest cell, estimated from the
text and the column width (a CJK character counts two units, as GB 18030 encodes it in two
bytes), so the sheet prints legibly where the application does not measure rows itself when it
opens a file (LibreOffice, WPS): without a height their wrapped lines overprint the next row.

Column widths: the adapter's, widened here (the one place) to the longest date, number or short
text holding one, so none shows ### or breaks at a hyphen (`fitted_widths`).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from pathlib import Path

from sqlalchemy.orm import Session

from app import audit
from app.auth import Actor, Role, require_role
from app.errors import ValidationError
from app.excel.adapter import Register, SheetSpec
from app.excel.columns import Column, ExportCell
from app.excel.registry import register
from app.excel.values import MULTI_JOIN
from app.files import write_whole
from app.progress import Progress
from app.registers.units.query import list_units
from app.visibility import require_readable_unit

TITLE_FONT = "宋体"
HEADER_FILL = "DDEBF7"
PROGRESS_EVERY = 200
PAPER_A4 = "9"  # OOXML paperSize code
LINE_POINTS = 15.0   # one line of the 11 pt default font, in points (Excel's default row height)
ROW_PADDING = 3.0    # above and below the lines
# Control characters an .xlsx cannot hold (openpyxl refuses them): dropped on export.
_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")
# Column widths: a date or a number never wraps (a narrow column shows ###), and a short text
# holding one (已签订 2026-03-05, FX2023-0034) must not break inside it — LibreOffice and WPS
# break a line after a hyphen. Such a column is widened to its longest value plus the margins.
NUMERIC_TOKEN = re.compile(r"\d[-/:.]\d")
NO_WRAP_UNITS = 24     # a longer text wraps anyway (at a space or between CJK characters)
WIDTH_MARGIN = 1.5     # the cell's inner margins (a date of 10 shows whole in 11), and a little more


def export_register(session: Session, actor: Actor, register_key: str, path: Path | str, *,
                    bureau: str, year: int | None = None, unit_id: int | None = None,
                    today: dt.date, progress: Progress | None = None,
                    options: dict[str, object] | None = None, audited: bool = True) -> int:
    """Writes the register (all years unless `year`; one unit and those below it when
    `unit_id`) to `path` and records the export in the audit log in the caller's writing
    session (`audited=False`: a part of a larger export that records itself, read in a reading
    session). The file appears whole or not at all. Returns the number of rows written.
    `options` go to the register's `rows_for_export` (the findings' `closed_too`)."""
    require_role(actor, Role.VIEWER)
    if unit_id is not None:
        require_readable_unit(actor, unit_id, session=session)
    adapter = register(register_key)
    title = adapter.export_title(bureau, year)
    if adapter.sheets:  # several sheets, each titled with its own name
        parts = [(spec, f"{title}（{spec.name}）", list(adapter.sheet_rows(
            session, actor, spec.name, year=year, unit_id=unit_id, today=today))) for spec in adapter.sheets]
    else:
        exported = tuple(c for c in adapter.columns if not c.import_only)  # the filed columns
        parts = [(SheetSpec(adapter.title, exported), title, list(adapter.rows_for_export(
            session, actor, year=year, unit_id=unit_id, today=today, **(options or {}))))]
    rows = [row for _spec, _title, part in parts for row in part]
    path = Path(path)
    _write_atomically(path, lambda tmp: _write_book(tmp, adapter, parts, progress, today=today))
    if not audited:
        return len(rows)
    filters = [f"年度 {year}" if year else "全部年度"] if adapter.yearly else []
    if unit_id is not None:
        name = next((u.name for u in list_units(session) if u.id == unit_id), str(unit_id))
        filters.append(f"单位 {name}（含下级）")
    audit.record(session, actor, "export", adapter.key, "",
                 summary=f"导出{adapter.title}到“{path.resolve()}”，{'，'.join(filters + [f'共 {len(rows)} 行'])}")
    return len(rows)


def write_template(register_key: str, path: Path | str) -> None:
    """A blank import template: title row, the header (required columns marked *), and a
    填写说明 sheet the importer skips. Needs no workspace."""
    adapter = register(register_key)
    path = Path(path)
    specs = adapter.sheets or (SheetSpec(adapter.title, adapter.columns),)
    parts = [(spec, f"{adapter.title}（{spec.name + '，' if adapter.sheets else ''}导入模板）", [])
             for spec in specs]
    _write_atomically(path, lambda tmp: _write_book(tmp, adapter, parts, None, template=True))


def _write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    if path.suffix.lower() != ".xlsx":
        raise ValidationError(f"导出文件应以 .xlsx 结尾（现为“{path.name}”）。")
    write_whole(path, write, "Excel 或 WPS")


@functools.cache
def _reusable_cell_class() -> type:
    from openpyxl.cell.cell import Cell

    class ReusableCell(Cell):
        """A write-only cell that keeps its style id: its value changes, its style never does."""

        __slots__ = ("_style_id",)

        @property
        def style_id(self) -> int:
            try:
                return self._style_id
            except AttributeError:
                self._style_id = Cell.style_id.fget(self)
                return self._style_id

        def __repr__(self) -> str:  # openpyxl formats it into a message for every styled cell
            return "<ReusableCell>"

    return ReusableCell


def _write_rows_directly(sheet, cell_class: type) -> None:  # noqa: ANN001 — a WriteOnlyWorksheet
    """The sheet's `append` hands each row to its writer through `_values_to_row`, which tries
    every value as a plain value first: a styled cell of ours (a date, a wrapped text) costs a
    failed conversion (an exception) and a fresh plain cell after it. This one takes our styled
    cells as they are and binds every other value to one plain cell, written before the next —
    what openpyxl does for plain values. Without that hook (another openpyxl), `append` as is."""
    if not hasattr(sheet, "_values_to_row"):
        return
    from openpyxl.cell.cell import WriteOnlyCell

    def values_to_row(values, row_idx: int):  # noqa: ANN001, ANN202 — a generator of cells
        plain = WriteOnlyCell(sheet)
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if type(value) is cell_class:
                cell = value
            else:
                plain.value = value
                cell = plain
            cell.column = col_idx
            cell.row = row_idx
            yield cell

    sheet._values_to_row = values_to_row


def _row_height_setter(sheet) -> Callable[[int, float], None]:  # noqa: ANN001 — a WriteOnlyWorksheet
    """How the rows' heights are given: a write-only sheet's writer reads a row's dimension
    (as attribute pairs) when the row is appended, and only then. Where our writer hook is in
    (`_write_rows_directly`), a row's height goes in as those pairs (what a `RowDimension`
    yields: ht, customHeight) — building a `RowDimension` per wrapped row cost a tenth of an
    export — and is dropped once the row is written. Elsewhere the documented way."""
    if not hasattr(sheet, "_values_to_row"):
        def set_height(row_idx: int, height: float) -> None:
            sheet.row_dimensions[row_idx].height = height

        return set_height
    from openpyxl.compat import safe_string

    dimensions = sheet.row_dimensions

    def set_plain(row_idx: int, height: float) -> None:
        dict.__setitem__(dimensions, row_idx, {"ht": safe_string(height), "customHeight": "1"})

    return set_plain


def _style_specs() -> dict[str, dict]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.styles.fonts import DEFAULT_FONT

    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    return {
        "qf_title": dict(font=Font(name=TITLE_FONT, size=16, bold=True),
                         alignment=Alignment(horizontal="center", vertical="center")),
        "qf_header": dict(font=Font(name=TITLE_FONT, size=11, bold=True), border=box,
                          fill=PatternFill("solid", fgColor=HEADER_FILL),
                          alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
        # Data styles keep the default font, so styled and plain cells look alike.
        "qf_wrap": dict(font=copy(DEFAULT_FONT), alignment=Alignment(wrap_text=True)),
        "qf_plain": dict(font=copy(DEFAULT_FONT)),
        "qf_date": dict(font=copy(DEFAULT_FONT), number_format="yyyy-mm-dd",
                        alignment=Alignment(horizontal="left")),
    }


def _border_rule():
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="808080")
    return FormulaRule(formula=["TRUE"], border=Border(left=thin, right=thin, top=thin, bottom=thin))


class _Styles:
    """The workbook's NamedStyles, registered once each; fill variants made on first use."""

    def __init__(self, book) -> None:
        from openpyxl.styles import NamedStyle

        self._book, self._specs = book, _style_specs()
        self._filled: set[str] = set()
        for name, spec in self._specs.items():
            book.add_named_style(NamedStyle(name, **spec))

    def filled(self, base: str, colour: str) -> str:
        from openpyxl.styles import NamedStyle, PatternFill

        rgb = colour.lstrip("#").upper()
        name = f"{base}_{rgb}"
        if name not in self._filled:
            spec = {**self._specs[base], "fill": PatternFill("solid", fgColor=rgb)}
            self._book.add_named_style(NamedStyle(name, **spec))
            self._filled.add(name)
        return name


def _prepared(value: object, wrap_over: float) -> tuple[object, str | None]:
    """The value as a cell holds it, and the style it needs (None: a plain cell will do)."""
    if type(value) is bool:
        return ("是" if value else "否"), None
    if isinstance(value, (tuple, list)):
        value = MULTI_JOIN.join(str(v) for v in value)
    if isinstance(value, str):
        if _ILLEGAL.search(value):
            value = _ILLEGAL.sub("", value)  # control characters Excel refuses
        if len(value) > wrap_over or "\n" in value:
            return value, "qf_wrap"
        return value, ("qf_plain" if value.startswith("=") else None)
    if isinstance(value, (dt.date, dt.datetime)):
        return value, "qf_date"
    return value, None


def unbroken_units(value: object) -> int:
    """How wide (in digit widths, a CJK character two) a cell's value is when it must stay on one
    line: a date, a number, a short text holding one; 0 for a value free to wrap."""
    if type(value) is ExportCell:
        value = value.value
    if value is None or isinstance(value, bool):
        return 0
    if isinstance(value, dt.datetime):
        return 16  # yyyy-mm-dd hh:mm
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, (int, float)):
        return len(f"{value:g}" if isinstance(value, float) else str(value))
    if isinstance(value, str) and "\n" not in value and NUMERIC_TOKEN.search(value):
        units = len(value.encode("gb18030", "replace"))
        return units if units <= NO_WRAP_UNITS else 0
    return 0


def fitted_widths(columns: Sequence[Column], rows: Sequence[Sequence[object]]) -> list[float]:
    """Each column's width: the adapter's, widened to its longest value that must not wrap
    (column by column, the common cells — texts without a number — passed over in C)."""
    widths = [float(c.width) for c in columns]
    for i, values in enumerate(zip(*rows, strict=False)):
        if i >= len(widths):
            break
        kinds = set(map(type, values))
        kinds.discard(type(None))
        if not kinds:
            continue
        if kinds <= {tuple, list}:  # several values, joined: free to wrap (unbroken_units 0)
            continue
        if kinds == {dt.date}:  # a date column: every cell shows yyyy-mm-dd
            longest = 10
        elif kinds == {int}:
            longest = max(map(len, map(str, filter(lambda v: v is not None, values))))
        else:
            candidates: Iterable[object] = (filter(NUMERIC_TOKEN.search, values) if kinds == {str} else  # type: ignore[arg-type]
                                            (v for v in values if v is not None
                                             and (type(v) is not str or NUMERIC_TOKEN.search(v))))
            longest = max(map(unbroken_units, candidates), default=0)
        if longest:
            widths[i] = max(widths[i], longest + WIDTH_MARGIN)
    return widths


def text_lines(text: str, width: float) -> int:
    """How many lines `text` takes in a wrapped cell `width` characters wide: each paragraph its
    own lines, a CJK character two units (the column width counts the default font's digits)."""
    room = max(width - 1.0, 1.0)  # the cell's inner margins
    lines = 0
    for paragraph in text.split("\n"):
        units = len(paragraph.encode("gb18030", "replace"))
        lines += max(1, -(-units // room))  # ceil
    return int(lines)


def row_height(texts: Iterable[tuple[str, float]]) -> float | None:
    """The height (points) of a row holding (text, column width) pairs; None for one line."""
    return height_of(max((text_lines(text, width) for text, width in texts), default=1))


def height_of(lines: int) -> float | None:
    """The height (points) of a row whose tallest cell takes `lines` lines; None for one."""
    return None if lines <= 1 else lines * LINE_POINTS + ROW_PADDING


def _write_book(path: Path, adapter: Register, parts: Sequence[tuple[SheetSpec, str, Sequence[Sequence[object]]]],
                progress: Progress | None, *, today: dt.date | None = None, template: bool = False) -> None:
    """One sheet per part (its columns, title row and rows), then the 填写说明 of a template."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    styles = _Styles(book)
    total = sum(len(rows) for _spec, _title, rows in parts)
    done = 0
    for spec, title, rows in parts:
        _write_sheet(book, styles, spec, title, rows, progress, done, total, today=today, template=template)
        done += len(rows)
    if template:
        _notes_sheet(book, adapter)
    book.save(path)
    if progress is not None:
        progress.report(total, total, "导出完成")


def _write_sheet(book, styles: _Styles, spec: SheetSpec, title: str, rows: Sequence[Sequence[object]],
                 progress: Progress | None, done: int, total: int, *, today: dt.date | None,
                 template: bool) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.cell_range import CellRange
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet = book.create_sheet(spec.name[:31])
    columns = spec.columns
    last = get_column_letter(len(columns))
    widths = fitted_widths(columns, rows)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.row_dimensions[1].height = 36
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = PAPER_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
    if today is not None:
        sheet.oddHeader.right.text = f"导出日期：{today:%Y-%m-%d}"
    sheet.merged_cells.add(CellRange(f"A1:{last}1"))

    cell_class = _reusable_cell_class()
    _write_rows_directly(sheet, cell_class)

    def styled(value: object, style: str) -> object:
        cell = cell_class(sheet, value=value)
        cell.style = style
        return cell

    sheet.append([styled(title, "qf_title")])
    marks = (lambda c: c.header + ("*" if c.required else "")) if template else (lambda c: c.header)
    # A bold header is wider than its text: a little less room.
    header_height = row_height((marks(c), w * 0.9) for c, w in zip(columns, widths, strict=True))
    if header_height is not None:
        sheet.row_dimensions[2].height = header_height
    sheet.append([styled(marks(c), "qf_header") for c in columns])

    # A text is wrapped when it may not fit its column (a CJK character is two units wide).
    wrap_over = [w / 2 for w in widths]
    set_height = _row_height_setter(sheet)
    reused: dict[tuple[int, str], object] = {}
    for n, values in enumerate(rows):
        if progress is not None and (done + n) % PROGRESS_EVERY == 0:
            progress.report(done + n, total, f"正在导出第 {done + n + 1}/{total} 行")
        out = list(values)
        lines = 1  # the row's tallest wrapped text, in lines (row_height's count, inline)
        for i, value in enumerate(out):
            if value is None or type(value) is int:
                continue
            if type(value) is str and value.isprintable() and len(value) <= wrap_over[i] \
                    and value[:1] != "=":
                if not value:
                    out[i] = None  # an empty text is an empty cell: nothing is written
                continue  # the common cell: a short one-line text, written as it is
            fill = ""
            if type(value) is dt.date:
                style = "qf_date"  # the other common cell: _prepared's answer, without asking
            else:
                if type(value) is ExportCell:
                    fill, value = value.fill, value.value
                value, style = _prepared(value, wrap_over[i])
                if style == "qf_wrap":
                    lines = max(lines, text_lines(value, widths[i]))  # type: ignore[arg-type]
                if fill:
                    style = styles.filled(style or "qf_plain", fill)
                elif style is None:
                    out[i] = value
                    continue
            cell = reused.get((i, style))
            if cell is None:
                cell = reused[(i, style)] = styled(None, style)
            cell.value = value
            if cell.data_type == "f":
                cell.data_type = "s"  # a text starting with “=” stays text, never a formula
            out[i] = cell
        height = height_of(lines)
        if height is not None:
            set_height(n + 3, height)  # read when the row is appended
        while out and out[-1] is None:  # nothing to write for empty cells at the end
            out.pop()
        sheet.append(out)
        if height is not None and type(sheet.row_dimensions.get(n + 3)) is dict:
            del sheet.row_dimensions[n + 3]  # written
    if rows:
        sheet.conditional_formatting.add(f"A3:{last}{len(rows) + 2}", _border_rule())


def _notes_sheet(book, adapter: Register) -> None:
    """填写说明: what each column takes. It has no header row, so the importer skips it."""
    sheet = book.create_sheet("填写说明")
    sheet.column_dimensions["A"].width = 90
    lines: Iterable[str] = [
        "填写说明：",
        "1. 带 * 的列必须填写；表头名称可用常见写法（如“所在单位”“工作单位”）。",
        "2. 日期可写作 2022-03-15、2022.3.15、2022/3/15 或 2022年3月15日。",
        "3. 一格中有多个值时，用顿号、逗号、分号或换行分隔。",
        "4. 是/否 列可填 是、否、√、×、Y、N、1、0。",
        "5. 再次导入同一条记录会更新原记录，不会重复新增。",
        *(f"   {c.header}：可填 {'、'.join(dict.fromkeys(str(k) for k in c.choices))}"
          for c in adapter.columns if c.kind == "choice"),
    ]
    for line in lines:
        sheet.append([line])
