"""Printing through LibreOffice, as WPS-based offices print: files converted to PDF with
`soffice --headless` (a profile of the run's own, so a LibreOffice the user has open or another
test run does not take the conversion), read back with poppler's pdfinfo and pdftotext."""
from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest

TOOLS = ("soffice", "pdfinfo", "pdftotext", "pdftoppm")


def require_tools() -> None:
    """Skips the test, naming what is missing (CI installs LibreOffice and poppler-utils)."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (LibreOffice and poppler-utils; .ci/run installs them)")


def to_pdf(files: Sequence[Path], out_dir: Path, profile: Path) -> dict[Path, Path]:
    """Each file converted to PDF in `out_dir` (one soffice run); file → its PDF."""
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, files)],
                   check=True, capture_output=True, timeout=600)
    found = {f: out_dir / f"{f.stem}.pdf" for f in files}
    missing = [f.name for f, pdf in found.items() if not pdf.is_file()]
    assert not missing, f"LibreOffice made no PDF of {missing}"
    return found


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, in reading order (pdftotext separates pages with a form feed)."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:pages(pdf)]


def page_fills(pdf: Path, top_mm: float, height_mm: float, dpi: int = 30) -> list[float]:
    """How far down each page's text area (`height_mm` from `top_mm`) the printing reaches, 0–1:
    the lowest dark pixel row of the page rendered in grey (pdftoppm), the footer below ignored."""
    import tempfile

    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), str(pdf), f"{folder}/p"], check=True, timeout=300)
        fills = []
        for image_path in sorted(Path(folder).glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[1])):
            image = Image.open(image_path)
            top, height = round(top_mm / 25.4 * dpi), round(height_mm / 25.4 * dpi)
            width, pixels = image.width, image.load()
            dark = [y for y in range(top, min(top + height, image.height))
                    if any(pixels[x, y] < 160 for x in range(width))]
            fills.append(((dark[-1] - top + 1) / height) if dark else 0.0)
    return fills


def squeezed(text: str) -> str:
    """Text without any white space: a cell's text wrapped over lines reads as one."""
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class Line:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def _words(pdf: Path) -> list[Line]:
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", html).replace(' xmlns="http://www.w3.org/1999/xhtml"', ""))
    return [Line(number, *(float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")), word.text or "")
            for number, page in enumerate(root.iter("page"), start=1) for word in page.iter("word")]


def text_lines(pdf: Path, gap: float = 4.0) -> list[Line]:
    """Every line of text with its box: the words on one baseline that follow one another
    closely (a cell's line; the next cell's text, a column away, is a line of its own)."""
    found: list[Line] = []
    for word in sorted(_words(pdf), key=lambda w: (w.page, round(w.y0), w.x0)):
        last = found[-1] if found else None
        if (last is not None and last.page == word.page and abs(last.y0 - word.y0) < 1.0
                and 0 <= word.x0 - last.x1 < gap):
            found[-1] = Line(last.page, last.x0, min(last.y0, word.y0), word.x1, max(last.y1, word.y1),
                             last.text + word.text)
        else:
            found.append(word)
    return found


def blocks(lines: Sequence[Line], gap: float = 3.0) -> list[str]:
    """The text of each block of lines that start at the same x, one under the other: a wrapped
    cell's lines read as one text even where pdftotext's reading order interleaves them with
    the cells beside them."""
    found: list[list[Line]] = []
    for line in sorted(lines, key=lambda l: (l.page, round(l.x0), l.y0)):
        last = found[-1][-1] if found else None
        if (last is not None and last.page == line.page and abs(last.x0 - line.x0) < 1.0
                and -gap < line.y0 - last.y1 < gap and line.y0 > last.y0):
            found[-1].append(line)
        else:
            found.append([line])
    return ["".join(l.text for l in block) for block in found]


def missing_texts(pdf: Path, expected: Sequence[str]) -> list[str]:
    """The texts of `expected` (cells) the PDF does not show: each must read, white space aside,
    within one block of lines (blocks) or within a page's text."""
    shown = [squeezed(b) for b in blocks(text_lines(pdf))] + [squeezed(t) for t in page_texts(pdf)]
    return [text for text in expected if squeezed(text) and not any(squeezed(text) in s for s in shown)]


def running_text(pdf: Path) -> str:
    """The whole document's text squeezed, pages joined without their “— N —” page numbers: a
    paragraph of running text that a page break splits reads whole."""
    return "".join(squeezed(re.sub(r"—\s*\d+\s*—", "", page)) for page in page_texts(pdf))


def page_size(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    width, height = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M).groups()
    return float(width), float(height)


def column_texts(pdf: Path, headers: Sequence[str], widths: Sequence[float]) -> list[str]:
    """The text printed in each column of a sheet, every page (the sheet's columns located from
    its header labels, centred in their cells, and its column widths): a cell's text reads whole
    within its column, however the cells beside it sit (pdftotext's reading order runs across
    cells whose text nearly touches). LibreOffice scales a sheet set to fit the page's width."""
    lefts = [sum(widths[:i]) for i in range(len(widths))]
    first = [w for w in _words(pdf) if w.page == 1]
    tops = {header: min((w for w in first if w.text == squeezed(header)), key=lambda w: w.y0, default=None)
            for header in headers}
    rows = [round(w.y0) for w in tops.values() if w is not None]
    header_row = max(set(rows), key=rows.count)  # the line most labels sit on (a wrapped label does not)
    points = []  # (column centre in sheet units, its centre on the page)
    for header, left, width in zip(headers, lefts, widths, strict=True):
        word = tops[header]
        if word is not None and abs(word.y0 - header_row) < 2:
            points.append((left + width / 2, (word.x0 + word.x1) / 2))
    assert len(points) >= 2, "the header row was not found in the PDF"
    n = len(points)
    mean_u, mean_c = sum(u for u, _ in points) / n, sum(c for _, c in points) / n
    scale = sum((u - mean_u) * (c - mean_c) for u, c in points) / sum((u - mean_u) ** 2 for u, _ in points)
    origin = mean_c - scale * mean_u
    _page_width, page_height = page_size(pdf)
    texts = []
    for left, width in zip(lefts, widths, strict=True):
        x, w = (origin + scale * left) * 10, scale * width * 10  # at -r 720: tenths of a point
        out = subprocess.run(["pdftotext", "-r", "720", "-x", str(round(x)), "-y", "0", "-W", str(round(w)),
                              "-H", str(round(page_height * 10)), str(pdf), "-"],
                             check=True, capture_output=True, text=True).stdout
        texts.append(out)
    return texts


def overprinted(lines: Sequence[Line], tolerance: float = 1.5) -> list[tuple[str, str]]:
    """Pairs of lines printed over one another (their boxes overlap by more than `tolerance`
    points both ways): wrapped text running into the next row or the header."""
    clashes = []
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    for page_lines in by_page.values():
        page_lines.sort(key=lambda l: l.y0)
        for i, a in enumerate(page_lines):
            for b in page_lines[i + 1:]:
                if b.y0 >= a.y1 - tolerance:
                    break
                if min(a.x1, b.x1) - max(a.x0, b.x0) > tolerance and min(a.y1, b.y1) - max(a.y0, b.y0) > tolerance:
                    clashes.append((a.text, b.text))
    return clashes
