"""A bounded .xlsx reader: the cells a sheet really holds, streamed from the zip, within limits.

openpyxl's read-only mode trusts a sheet's `<dimension ref="A1:XFD1048576">` and hands out every
cell of that rectangle, so a 5 KB file with one far cell keeps it busy for minutes. Here each
part is parsed by expat in 64 KB chunks as it is decompressed, and only cells that carry a
value are kept, so the work follows the file's real content. Every budget below is checked
while reading; exceeding one stops at once with a `BookError` naming the sheet and the limit.

Values are those openpyxl gives with `data_only=True`: shared and inline strings, numbers (int
when written without a point), booleans, dates through the cell's number format (1900 or 1904
epoch). Two markers stand for cells that have no usable value: `NoCachedValue` (a formula
Excel never calculated, e.g. written by a script) and `ErrorValue` (#N/A, #REF!…); the importer
rejects a row that has one in a column it reads.

openpyxl is used only for its number-format and date helpers (imported lazily).
"""
from __future__ import annotations

import logging
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from app.progress import Progress

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 200 * 1024 * 1024      # the .xlsx itself
MAX_XML_BYTES = 256 * 1024 * 1024       # one part (a sheet, the shared strings), decompressed
MAX_ROWS = 50_000                       # rows with content, per sheet
MAX_COLUMNS = 256                       # last column with content (IV)
MAX_CELL_CHARS = 32_767                 # Excel's own limit for one cell
MAX_ELEMENTS = 1_500_000                # <row> and <c> elements of a sheet, blank formatted ones too
MAX_STRINGS = 2_000_000                 # shared strings
CHUNK = 64 * 1024

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .xls, or an encrypted .xlsx
ZIP_MAGIC = b"PK\x03\x04"
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_REF = re.compile(r"([A-Za-z]{1,3})(\d+)$")
_WORKSHEET = "/worksheet"
_OFFICE_DOCUMENT = "/officeDocument"
_SHARED_STRINGS = "/sharedStrings"
_STYLES = "/styles"

HOW_TO_RESAVE = "请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入"


class BookError(Exception):
    """The file (or one of its sheets) cannot be read; `message` says why, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NoCachedValue:
    """A formula cell without a calculated value (never opened in Excel, or a script wrote it)."""

    __slots__ = ("formula",)

    def __init__(self, formula: str) -> None:
        self.formula = formula

    def __str__(self) -> str:
        return ""


class ErrorValue:
    """An error a formula gave (#N/A, #REF!, #VALUE!…)."""

    __slots__ = ("code",)

    def __init__(self, code: str) -> None:
        self.code = code

    def __str__(self) -> str:
        return ""


class TooLong:
    """A shared string longer than MAX_CELL_CHARS (kept as its length only)."""

    __slots__ = ("length",)

    def __init__(self, length: int) -> None:
        self.length = length


@dataclass(frozen=True)
class SheetRef:
    name: str
    state: str      # visible · hidden · veryHidden
    part: str       # the sheet's XML inside the zip


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1


class Book:
    """An open .xlsx: its sheets in workbook order; `rows(sheet)` streams one sheet."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.name = self.path.name
        _refuse_what_is_not_a_workbook(self.path)
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise BookError(_damaged(self.name)) from error
        try:
            self._open()
        except BaseException:
            self._zip.close()
            raise

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- the workbook's parts ----------------------------------------------------------------

    def _open(self) -> None:
        names = set(self._zip.namelist())
        root = _relationships(self, "_rels/.rels", "")
        workbook = next((t for typ, t in root.values() if typ.endswith(_OFFICE_DOCUMENT)), "xl/workbook.xml")
        if workbook not in names or not posixpath.basename(workbook).startswith("workbook"):
            if "word/document.xml" in names:
                raise BookError(f"“{self.name}”是 Word 文档，不是 Excel 工作簿。")
            if "ppt/presentation.xml" in names:
                raise BookError(f"“{self.name}”是 PowerPoint 演示文稿，不是 Excel 工作簿。")
            raise BookError(f"“{self.name}”不是 Excel 工作簿（.xlsx），{HOW_TO_RESAVE}。")
        base = posixpath.dirname(workbook)
        rels = _relationships(self, posixpath.join(base, "_rels", posixpath.basename(workbook) + ".rels"), base)
        info = _WorkbookInfo()
        self._parse(workbook, info.start, None, "工作簿目录")
        self.date1904 = info.date1904
        self.sheets = [SheetRef(name, state, rels[rid][1]) for name, state, rid in info.sheets
                       if rid in rels and rels[rid][0].endswith(_WORKSHEET) and rels[rid][1] in names]
        strings = next((t for typ, t in rels.values() if typ.endswith(_SHARED_STRINGS)), None)
        styles = next((t for typ, t in rels.values() if typ.endswith(_STYLES)), None)
        self.strings: list[str | TooLong] = []
        if strings in names:
            reader = _StringsReader(self.strings)
            self._parse(strings, reader.start, reader.end, "共享文字", reader.text)
        self._date_styles: dict[int, bool] = {}
        if styles in names:
            self._date_styles = _date_styles(self, styles)

    def _parse(self, part: str, start, end, what: str, text=None) -> None:  # noqa: ANN001
        """Feeds a workbook part to expat in chunks within MAX_XML_BYTES; bad XML in words."""
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.StartElementHandler = start
        if end is not None:
            parser.EndElementHandler = end
        if text is not None:
            parser.CharacterDataHandler = text
        read, chunk = 0, b""
        try:
            with self._zip.open(part) as stream:
                while True:
                    chunk = stream.read(CHUNK)
                    read += len(chunk)
                    if read > MAX_XML_BYTES:
                        raise BookError(f"“{self.name}”的{what}解压后超过 {MAX_XML_BYTES // 1024 // 1024} MB"
                                        "（导入上限），文件可能已损坏或是异常构造的文件。")
                    parser.Parse(chunk, not chunk)
                    if not chunk:
                        break
        except expat.ExpatError as error:
            raise BookError(_bad_xml(self.name, what, "", error, chunk)) from error
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
            raise BookError(_damaged(self.name)) from error

    # ---- one sheet ---------------------------------------------------------------------------

    def rows(self, sheet: SheetRef, progress: Progress | None = None) -> Iterator[tuple[int, tuple]]:
        """(row number, cells) of every row with at least one value, in file order; a row's
        cells run from column A to its last value (None where blank)."""
        reader = _SheetReader(self, sheet.name)
        parser_rows = reader.rows
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.StartElementHandler = reader.start
        parser.EndElementHandler = reader.end
        parser.CharacterDataHandler = reader.text
        size = max(self._zip.getinfo(sheet.part).file_size, 1)
        read, chunk = 0, b""
        try:
            with self._zip.open(sheet.part) as stream:
                while True:
                    chunk = stream.read(CHUNK)
                    read += len(chunk)
                    if read > MAX_XML_BYTES:
                        raise BookError(f"工作表「{sheet.name}」的数据解压后超过 "
                                        f"{MAX_XML_BYTES // 1024 // 1024} MB（导入上限），"
                                        "文件可能已损坏或是异常构造的文件。")
                    if not reader.finished:
                        try:
                            parser.Parse(chunk, not chunk)
                        except _Stop:
                            pass  # the data is over; the rest is read unparsed (the zip's CRC check)
                        if parser_rows:
                            yield from parser_rows
                            parser_rows.clear()
                    if not chunk:
                        break
                    if progress is not None:
                        progress.report(min(read, size), size, f"正在读取「{sheet.name}」第 {reader.row} 行")
        except expat.ExpatError as error:
            raise BookError(_bad_xml(self.name, "", sheet.name, error, chunk, reader.row)) from error
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
            raise BookError(_damaged(self.name)) from error

    def cell_value(self, kind: str, text: str, style: int, formula: bool, sheet: str, ref: str) -> object:
        """A cell's value from its type attribute, its <v>/<is> text and its style."""
        if kind == "s":
            try:
                value = self.strings[int(text)]
            except (ValueError, IndexError):
                raise BookError(_damaged(self.name)) from None
            if isinstance(value, TooLong):
                raise BookError(_too_long(sheet, ref, value.length))
            return value
        if kind == "inlineStr" or kind == "str":
            if formula and kind == "str" and not text:
                return NoCachedValue("")
            return _visible(text)
        if not text:
            return NoCachedValue("") if formula else None
        if kind == "b":
            return text.strip() in ("1", "true")
        if kind == "e":
            return ErrorValue(text.strip())
        if kind == "d":
            return _iso_datetime(text)
        try:
            number: int | float = float(text) if any(c in text for c in ".eE") else int(text)
        except ValueError:
            return _visible(text)
        date = self._date_styles.get(style)
        if date is not None:
            from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

            epoch = CALENDAR_MAC_1904 if self.date1904 else CALENDAR_WINDOWS_1900
            try:
                return from_excel(number, epoch, timedelta=date)
            except (OverflowError, ValueError):
                return number
        return number


class _Stop(Exception):
    """Ends parsing early (the sheet's data is over)."""


def _local(name: str) -> str:
    return name.rpartition(" ")[2]


class _WorkbookInfo:
    def __init__(self) -> None:
        self.sheets: list[tuple[str, str, str]] = []
        self.date1904 = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "sheet":
            rid = next((v for k, v in attrs.items() if _local(k) == "id" and " " in k), "")
            self.sheets.append((attrs.get("name", ""), attrs.get("state", "visible"), rid))
        elif local == "workbookPr":
            self.date1904 = attrs.get("date1904", "0").lower() in ("1", "true")


def _relationships(book: Book, part: str, base: str) -> dict[str, tuple[str, str]]:
    """Id → (type, part path) of a .rels part (empty when the part is absent)."""
    found: dict[str, tuple[str, str]] = {}
    if part not in book._zip.namelist():
        return found

    def start(name: str, attrs: dict[str, str]) -> None:
        if _local(name) == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(base, target))
            found[attrs.get("Id", "")] = (attrs.get("Type", ""), path)

    book._parse(part, start, None, "关系目录")
    return found


class _StringsReader:
    """Shared strings: every <si>'s text (rich runs joined, phonetic runs left out)."""

    def __init__(self, out: list) -> None:
        self.out = out
        self.parts: list[str] = []
        self.length = 0
        self.collecting = False
        self.phonetic = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "si":
            self.parts, self.length = [], 0
            if len(self.out) >= MAX_STRINGS:
                raise BookError(f"文件中的文字超过 {MAX_STRINGS} 条（导入上限），请拆分后再导入。")
        elif local == "t" and not self.phonetic:
            self.collecting = True
        elif local == "rPh":
            self.phonetic += 1

    def end(self, name: str) -> None:
        local = _local(name)
        if local == "t":
            self.collecting = False
        elif local == "rPh":
            self.phonetic -= 1
        elif local == "si":
            if self.length > MAX_CELL_CHARS:
                self.out.append(TooLong(self.length))
            else:
                self.out.append(_visible("".join(self.parts)))

    def text(self, data: str) -> None:
        if self.collecting:
            self.length += len(data)
            if self.length <= MAX_CELL_CHARS:
                self.parts.append(data)


def _date_styles(book: Book, part: str) -> dict[int, bool]:
    """Style index → True for a duration format, False for a date/time one (others absent)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    custom: dict[int, str] = {}
    xfs: list[int] = []
    depth = {"cellXfs": 0}

    def start(name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "numFmt":
            try:
                custom[int(attrs.get("numFmtId", "-1"))] = attrs.get("formatCode", "")
            except ValueError:
                pass
        elif local == "cellXfs":
            depth["cellXfs"] += 1
        elif local == "xf" and depth["cellXfs"]:
            try:
                xfs.append(int(attrs.get("numFmtId", "0")))
            except ValueError:
                xfs.append(0)

    def end(name: str) -> None:
        if _local(name) == "cellXfs":
            depth["cellXfs"] -= 1

    book._parse(part, start, end, "格式表")
    styles: dict[int, bool] = {}
    for index, fmt_id in enumerate(xfs):
        code = custom.get(fmt_id) or BUILTIN_FORMATS.get(fmt_id, "")
        if code and is_date_format(code):
            styles[index] = is_timedelta_format(code)
    return styles


class _SheetReader:
    """expat handlers for a worksheet (no namespace processing: every start and end costs a
    Python call, so they are kept short): collects rows with values into `rows`."""

    def __init__(self, book: Book, sheet: str) -> None:
        self.book, self.sheet = book, sheet
        self.rows: list[tuple[int, tuple]] = []
        self.row = 0
        self.cells: dict[int, object] = {}
        self.elements = 0       # <row> and <c> elements seen
        self.filled_rows = 0
        self.finished = False
        self.col = -1
        self.kind = "n"
        self.style = 0
        self.formula = False
        self.collect = False
        self.text_parts: list[str] = []
        self.length = 0
        self.phonetic = 0
        self.names: dict[str, str] = {}

    def _local(self, name: str) -> str:
        local = self.names[name] = name.rpartition(":")[2]
        return local

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = self.names.get(name) or self._local(name)
        if local == "c":
            self.elements += 1
            if self.elements > MAX_ELEMENTS:
                self._too_many()
            ref = attrs.get("r")
            if ref:
                match = _REF.match(ref)
                self.col = _column_index(match.group(1)) if match else self.col + 1
            else:
                self.col += 1
            self.kind = attrs.get("t", "n")
            style = attrs.get("s")
            self.style = int(style) if style and style.isdigit() else 0
            self.formula = False
            if self.text_parts:
                self.text_parts, self.length = [], 0
        elif local == "v":
            self.collect = True
        elif local == "t":
            self.collect = not self.phonetic
        elif local == "row":
            self.elements += 1
            if self.elements > MAX_ELEMENTS:
                self._too_many()
            r = attrs.get("r")
            self.row = int(r) if r and r.isdigit() else self.row + 1
            if self.cells:
                self.cells = {}
            self.col = -1
        elif local == "f":
            self.formula = True
        elif local == "rPh":
            self.phonetic += 1

    def end(self, name: str) -> None:
        local = self.names.get(name) or self._local(name)
        if local == "c":
            if not self.text_parts and not self.formula:
                return  # a blank (formatted) cell
            if self.length > MAX_CELL_CHARS:
                raise BookError(_too_long(self.sheet, self._where(), self.length))
            value = self.book.cell_value(self.kind, "".join(self.text_parts), self.style, self.formula,
                                         self.sheet, self._where())
            self.text_parts, self.length = [], 0
            if value is not None and value != "":
                if self.col >= MAX_COLUMNS:
                    raise BookError(f"工作表「{self.sheet}」第 {self.row} 行 {column_letter(self.col)} 列有内容，"
                                    f"超出导入上限（{MAX_COLUMNS} 列，即 A–{column_letter(MAX_COLUMNS - 1)} 列）。"
                                    "请删除多余的列后再导入。")
                self.cells[self.col] = value
        elif local == "v" or local == "t":
            self.collect = False
        elif local == "row":
            if self.cells:
                self.filled_rows += 1
                if self.filled_rows > MAX_ROWS:
                    raise BookError(f"工作表「{self.sheet}」有数据的行超过 {MAX_ROWS} 行（导入上限），"
                                    "请拆分成几个文件分别导入。")
                width = max(self.cells) + 1
                self.rows.append((self.row, tuple(self.cells.get(i) for i in range(width))))
        elif local == "rPh":
            self.phonetic -= 1
        elif local == "sheetData":
            self.finished = True
            raise _Stop()

    def text(self, data: str) -> None:
        if self.collect:
            self.length += len(data)
            if self.length > MAX_CELL_CHARS:
                raise BookError(_too_long(self.sheet, self._where(), self.length))
            self.text_parts.append(data)

    def _too_many(self) -> None:
        raise BookError(f"工作表「{self.sheet}」的行和单元格超过 {MAX_ELEMENTS // 10000} 万个（含设置了格式的"
                        "空白行和单元格，导入上限），请删除多余的空白行列或拆分成几个文件后再导入。")

    def _where(self) -> str:
        return f"第 {self.row} 行 {column_letter(self.col)} 列"


# ---- what is not a workbook, and messages ----------------------------------------------------


def _refuse_what_is_not_a_workbook(path: Path) -> None:
    name = path.name
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            start = f.read(512)
    except OSError as error:
        raise BookError(f"无法打开“{name}”：{error.strerror or error}。") from error
    if size == 0:
        raise BookError(f"“{name}”是空文件（0 字节），可能没有保存完整，请重新获取该文件。")
    if size > MAX_FILE_BYTES:
        raise BookError(f"“{name}”有 {size // 1024 // 1024} MB，超过导入上限（{MAX_FILE_BYTES // 1024 // 1024} MB），"
                        "请拆分成几个文件分别导入。")
    if start.startswith(CFB_MAGIC):
        if _is_encrypted(path):
            raise BookError(f"“{name}”设有打开密码（文件已加密），无法读取。请在 Excel 或 WPS 中用密码打开，"
                            "在“文件 › 信息 › 保护工作簿 › 用密码进行加密”（WPS：“文件 › 文档加密”）中清除密码并保存后再导入。")
        raise BookError(f"“{name}”实际是旧版 .xls 格式（扩展名却是 .xlsx），请在 Excel 或 WPS 中另存为 .xlsx 后再导入。")
    if not start.startswith(ZIP_MAGIC):
        stripped = start.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if stripped.startswith((b"<html", b"<!doctype", b"<?xml", b"<table")):
            raise BookError(f"“{name}”实际是网页（HTML/XML）格式，不是 .xlsx 工作簿，{HOW_TO_RESAVE}。")
        raise BookError(f"“{name}”不是有效的 .xlsx 工作簿（或文件已损坏），{HOW_TO_RESAVE}。")


def _is_encrypted(path: Path) -> bool:
    """An OLE compound file holding an encrypted OOXML package names a stream “EncryptedPackage”
    (and “EncryptionInfo”) in its directory; a plain .xls has neither."""
    needle = "EncryptedPackage".encode("utf-16-le")
    with open(path, "rb") as f:
        tail = b""
        while chunk := f.read(1 << 20):
            if needle in tail + chunk:
                return True
            tail = chunk[-len(needle):]
    return False


def _damaged(name: str) -> str:
    return (f"“{name}”已损坏（压缩数据校验失败或不完整），无法读取。请重新获取该文件"
            "（如重新下载、重新拷贝），或在 Excel 中打开、让其修复后另存为 .xlsx 再导入。")


def _too_long(sheet: str, where: str, length: int) -> str:
    sheet_text = f"工作表「{sheet}」" if sheet else "文件中"
    return (f"{sheet_text}{where}的文字有 {length} 个字符，超过一格的上限（{MAX_CELL_CHARS} 个字符），"
            "文件可能已损坏，请检查后再导入。")


def _bad_xml(name: str, what: str, sheet: str, error: expat.ExpatError, chunk: bytes,
             row: int = 0) -> str:
    log.warning("bad XML in %s (%s%s): %s", name, what, sheet, error)
    where = f"工作表「{sheet}」" + (f"第 {row + 1} 行附近" if row else "") if sheet else f"“{name}”的{what}"
    if error.code == expat.errors.codes[expat.errors.XML_ERROR_INVALID_TOKEN] and _CONTROL.search(chunk):
        return (f"{where}含有控制字符（NUL、BEL 等不可见字符，.xlsx 中不允许出现），文件无法读取。"
                "这通常是其他软件导出时带入的，请在 Excel 或 WPS 中打开、删除这些字符后另存为 .xlsx 再导入。")
    return (f"{where}的内容已损坏（不是有效的表格数据），文件无法读取。"
            f"请重新获取该文件，或{HOW_TO_RESAVE}。")


def _visible(text: str) -> str:
    """Excel's _xHHHH_ escapes decoded; control characters (invisible, not storable) dropped."""
    if "_x" in text:
        text = _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    return text


def _iso_datetime(text: str) -> object:
    import datetime as dt

    try:
        value = dt.datetime.fromisoformat(text.strip().rstrip("Z"))
    except ValueError:
        return text
    return value
