"""Renders qingfeng.svg into `qingfeng-<size>.png` and a `qingfeng.ico` holding PNG images
(Windows Vista and later read those): `python -m resources.icons.build_icons [FOLDER]`.

Qt's own SVG renderer (QtSvg, part of PySide6-Essentials) draws each size from the vector
source, so small sizes are drawn, not scaled down from a large bitmap."""
from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "qingfeng.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # hicolor sizes; the window takes them all
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)        # 256 is the largest an .ico entry holds
NAME = "qingfeng"


def png_name(size: int) -> str:
    return f"{NAME}-{size}.png"


def render_png(size: int) -> bytes:
    """The icon at `size`×`size` pixels as PNG bytes (transparent outside the rounded square)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise ValueError(f"not a valid SVG: {SOURCE}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An .ico file holding `images` ({size: PNG bytes}): ICONDIR, one ICONDIRENTRY per image
    (a width or height of 256 is written as 0), then the PNG data."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        data = images[size]
        edge = 0 if size >= 256 else size
        entries.append(struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(data), offset))
        blobs.append(data)
        offset += len(data)
    return header + b"".join(entries) + b"".join(blobs)


def build(folder: Path = HERE) -> list[Path]:
    """Writes every PNG size and the .ico into `folder`; returns the files written."""
    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # QImage fonts, QPainter
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    rendered = {size: render_png(size) for size in sorted(set(PNG_SIZES) | set(ICO_SIZES))}
    for size in PNG_SIZES:
        path = folder / png_name(size)
        path.write_bytes(rendered[size])
        written.append(path)
    ico = folder / f"{NAME}.ico"
    ico.write_bytes(ico_bytes({size: rendered[size] for size in ICO_SIZES}))
    written.append(ico)
    return written


if __name__ == "__main__":
    for written_path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(written_path)
