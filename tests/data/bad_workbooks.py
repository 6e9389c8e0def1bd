"""Workbooks that offices (and the odd script or broken USB stick) really produce, made from a
real openpyxl workbook whose sheet XML is then replaced or damaged, byte for byte.

Every builder writes `path` and returns it.
"""
from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"
MAIN = b'<?xml version="1.0" encoding="UTF-8"?>' \
       b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _base(path: Path, sheet: str = "人员") -> Path:
    book = Workbook()
    book.active.title = sheet
    book.active.append(["姓名", "单位"])
    base = path.with_name(path.name + ".base.xlsx")
    book.save(base)
    return base


def replace_part(path: Path, part: str, write: Callable[[BinaryIO], None], *, sheet: str = "人员",
                 source: Path | None = None) -> Path:
    """A copy of a real workbook (`source`, or a fresh one) with `part` written by `write`."""
    base = source or _base(path, sheet)
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            if item.filename == part:
                with out.open(part, "w", force_zip64=True) as f:
                    write(f)
            else:
                out.writestr(item, src.read(item.filename))
    if source is None:
        base.unlink()
    return path


def inline(text: str) -> bytes:
    return b'<is><t xml:space="preserve">' + text.encode() + b"</t></is>"


def row(number: int, cells: Iterable[tuple[str, bytes]]) -> bytes:
    """<row> with (reference, inner XML incl. attributes) cells, e.g. ("A3", b't="inlineStr">…')."""
    inner = b"".join(b'<c r="' + ref.encode() + b'" ' + xml + b"</c>" for ref, xml in cells)
    return b'<row r="%d">' % number + inner + b"</row>"


def text_cell(ref: str, text: str) -> tuple[str, bytes]:
    return ref, b't="inlineStr">' + inline(text)


HEADER = row(1, [text_cell("A1", "姓名"), text_cell("B1", "单位"), text_cell("C1", "职务")])


def sheet_xml(rows: Iterable[bytes], dimension: str = "A1:C3") -> Callable[[BinaryIO], None]:
    def write(f: BinaryIO) -> None:
        f.write(MAIN + b'<dimension ref="' + dimension.encode() + b'"/><sheetData>')
        for r in rows:
            f.write(r)
        f.write(b"</sheetData></worksheet>")
    return write


def far_cell(path: Path, ref: str = "XFD1048576", text: str = "x") -> Path:
    """The issue's bomb: a 5 KB sheet that claims A1:XFD1048576 and holds one far cell."""
    number = int("".join(c for c in ref if c.isdigit()))
    return replace_part(path, SHEET, sheet_xml(
        [HEADER, row(2, [text_cell("A2", "张三"), text_cell("B2", "办公室")]),
         row(number, [text_cell(ref, text)])], "A1:XFD1048576"))


def with_rows(path: Path, rows: Iterable[bytes]) -> Path:
    return replace_part(path, SHEET, sheet_xml([HEADER, *rows]))


def shared_strings(path: Path, strings: Iterable[bytes], rows: Iterable[bytes]) -> Path:
    """A workbook whose cells refer to shared strings (as Excel and WPS write text): `strings`
    are the <si> elements' inner XML, `rows` the sheet's rows (cells with t="s")."""
    base = _base(path)
    with zipfile.ZipFile(base) as src:
        rels = src.read("xl/_rels/workbook.xml.rels").replace(
            b"</Relationships>",
            b'<Relationship Id="rIdSS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        types = src.read("[Content_Types].xml").replace(
            b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    table = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
             b'spreadsheetml/2006/main">' + b"".join(b"<si>" + s + b"</si>" for s in strings) + b"</sst>")
    parts = {"xl/_rels/workbook.xml.rels": rels, "[Content_Types].xml": types, SHEET: None}
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            if item.filename == SHEET:
                with out.open(SHEET, "w") as f:
                    sheet_xml(rows)(f)
            else:
                out.writestr(item, parts.get(item.filename) or src.read(item.filename))
        out.writestr("xl/sharedStrings.xml", table)
    base.unlink()
    return path


def shared(ref: str, index: int) -> tuple[str, bytes]:
    return ref, b't="s"><v>%d</v>' % index


def control_byte(path: Path, byte: bytes = b"\x07", shared_text: bool = False) -> Path:
    """A NUL or BEL written raw into a cell's text (in the sheet, or in the shared strings):
    XML 1.0 cannot hold it."""
    text = "张".encode() + byte + "三".encode()
    if shared_text:
        return shared_strings(path, [b"<t>" + "姓名".encode() + b"</t>", b"<t>" + "单位".encode() + b"</t>",
                                     b"<t>" + text + b"</t>"],
                              [row(1, [shared("A1", 0), shared("B1", 1)]), row(2, [shared("A2", 2)])])
    return with_rows(path, [row(2, [("A2", b't="inlineStr"><is><t>' + text + b"</t></is>"),
                                    text_cell("B2", "办公室")])])


def flipped_byte(path: Path) -> Path:
    """A real workbook with one byte of its compressed sheet data flipped (a bad copy)."""
    book = Workbook()
    book.active.append(["姓名", "单位"])
    for i in range(200):
        book.active.append([f"人员{i}", "办公室"])
    book.save(path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(SHEET)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def truncated(path: Path) -> Path:
    """A workbook cut off half way (a download or copy that stopped)."""
    book = Workbook()
    book.active.append(["姓名", "单位"])
    book.active.append(["张三", "办公室"])
    book.save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def encrypted(path: Path, password: str = "abc123") -> Path:
    """A real password-protected workbook (Agile encryption, as Excel writes it)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    book = Workbook()
    book.active.append(["姓名", "单位"])
    book.active.append(["张三", "办公室"])
    plain = path.with_name(path.name + ".plain.xlsx")
    book.save(plain)
    with open(plain, "rb") as f, open(path, "wb") as out:
        OOXMLFile(f).encrypt(password, out)
    plain.unlink()
    return path


def word_document(path: Path) -> Path:
    from docx import Document

    Document().save(path)
    return path


def empty_cells(path: Path, count: int) -> Path:
    """`count` blank formatted cells (<c s="1"/>) in rows of 16,384 (a whole formatted row)."""
    def write(f: BinaryIO) -> None:
        f.write(MAIN + b'<dimension ref="A1:XFD1048576"/><sheetData>' + HEADER)
        full = b'<c s="1"/>' * 16384
        for r in range(2, count // 16384 + 3):
            f.write(b'<row r="%d">' % r + full + b"</row>")
        f.write(b"</sheetData></worksheet>")
    return replace_part(path, SHEET, write)


def empty_rows(path: Path, count: int) -> Path:
    def write(f: BinaryIO) -> None:
        f.write(MAIN + b"<sheetData>" + HEADER)
        block = b"<row/>" * 10_000
        for _ in range(count // 10_000 + 1):
            f.write(block)
        f.write(b"</sheetData></worksheet>")
    return replace_part(path, SHEET, write)


def padding(path: Path, megabytes: int) -> Path:
    """Whitespace between the elements: megabytes of it, compressed to almost nothing."""
    def write(f: BinaryIO) -> None:
        f.write(MAIN + b"<sheetData>" + HEADER)
        block = b" " * (1024 * 1024)
        for _ in range(megabytes):
            f.write(block)
        f.write(b"</sheetData></worksheet>")
    return replace_part(path, SHEET, write)
