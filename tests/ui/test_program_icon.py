"""The program icon: the committed PNGs and .ico are what resources/icons/build_icons.py renders
from the SVG (so an edited SVG cannot ship with stale bitmaps), the .ico is one Windows reads,
and the window carries the icon in every size."""
from __future__ import annotations

import struct

import pytest
from PySide6.QtGui import QImage

from resources.icons import build_icons
from resources.paths import icon_files
from ui.app import make_application

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _image(data: bytes) -> QImage:
    image = QImage()
    assert image.loadFromData(data, "PNG")
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def _difference(a: QImage, b: QImage) -> float:
    """Mean absolute difference per channel (0–255) of two images of one size."""
    assert a.size() == b.size()
    left, right = bytes(a.constBits()), bytes(b.constBits())
    return sum(abs(x - y) for x, y in zip(left, right, strict=True)) / len(left)


def test_committed_pngs_are_rendered_from_the_svg(qapp, tmp_path):
    written = build_icons.build(tmp_path)
    committed = icon_files()
    assert sorted(committed) == sorted(build_icons.PNG_SIZES)
    for size, path in committed.items():
        fresh = _image((tmp_path / build_icons.png_name(size)).read_bytes())
        shipped = _image(path.read_bytes())
        assert (shipped.width(), shipped.height()) == (size, size)
        # Another Qt 6.8 patch release may antialias an edge differently; a changed drawing
        # differs by far more than this.
        assert _difference(fresh, shipped) < 1.0, f"{path.name} is stale: python -m resources.icons.build_icons"
    assert {p.name for p in written} == {p.name for p in committed.values()} | {"qingfeng.ico"}


def test_the_ico_holds_each_size_as_png():
    data = (build_icons.HERE / "qingfeng.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for number in range(count):
        width, height, colors, _, planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * number)
        image = data[offset:offset + length]
        assert image.startswith(PNG_MAGIC)
        png_width, png_height = struct.unpack(">II", image[16:24])
        assert (width or 256, height or 256) == (png_width, png_height)
        assert (colors, planes, bits) == (0, 1, 32)
        sizes.append(png_width)
    assert sizes == sorted(build_icons.ICO_SIZES)


@pytest.mark.parametrize("edge", [16, 32, 48, 256])
def test_the_window_carries_the_icon(qapp, edge):
    app = make_application()
    icon = app.windowIcon()
    assert not icon.isNull()
    pixmap = icon.pixmap(edge, edge)
    assert (pixmap.width(), pixmap.height()) == (edge, edge)
    centre = pixmap.toImage().pixelColor(edge // 2, edge // 8 * 7)  # the ledger's lower edge on red
    assert centre.alpha() == 255
    assert app.desktopFileName() == "qingfeng-taizhang"
