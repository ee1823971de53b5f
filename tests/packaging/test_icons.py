"""The app icon: PNGs, .ico and .icns regenerated from the SVG master, and the window using it."""
import struct
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (read by hand, not by Qt)."""
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_each_png_has_its_size(packaging_modules):
    from make_icons import SIZES, png_name
    for size in SIZES:
        assert png_size((ICONS / png_name(size)).read_bytes()) == (size, size)


def max_difference(a: QImage, b: QImage) -> int:
    a, b = a.convertToFormat(QImage.Format.Format_ARGB32), b.convertToFormat(QImage.Format.Format_ARGB32)
    assert a.size() == b.size()
    return max(abs(x - y) for x, y in zip(bytes(a.constBits()), bytes(b.constBits())))


@pytest.mark.parametrize("size", [16, 64, 256])
def test_committed_pngs_are_the_svg_as_it_is_now(qapp, packaging_modules, size):
    """Fails when the SVG changed but packaging/make_icons.py was not run again."""
    from make_icons import SVG, png_name, render_png
    committed = QImage.fromData((ICONS / png_name(size)).read_bytes())
    assert max_difference(QImage.fromData(render_png(SVG, size)), committed) <= 8


def test_ico_holds_each_size_as_png(packaging_modules):
    from make_icons import ICO_SIZES
    data = (ICONS / "nnplayground.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(ICO_SIZES))
    for index, size in enumerate(ICO_SIZES):
        width, height, _, _, planes, bits, length, offset = struct.unpack("<BBBBHHII", data[6 + 16 * index:22 + 16 * index])
        assert (width or 256, height or 256, planes, bits) == (size, size, 1, 32)
        assert png_size(data[offset:offset + length]) == (size, size)
        assert offset + length <= len(data)


def test_icns_elements_add_up(packaging_modules):
    from make_icons import ICNS_TYPES
    data = (ICONS / "nnplayground.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    position, found = 8, {}
    while position < len(data):
        kind, length = data[position:position + 4], struct.unpack(">I", data[position + 4:position + 8])[0]
        found[kind] = png_size(data[position + 8:position + length])
        position += length
    assert position == len(data)
    assert found == {kind: (size, size) for size, kind in ICNS_TYPES.items()}


def test_the_application_window_uses_the_icon(qapp, packaging_modules):
    from make_icons import SVG, render_png
    from nnplayground.app.application import make_application
    app = make_application()
    assert app is QApplication.instance()
    shown = app.windowIcon().pixmap(64, 64).toImage()
    assert not shown.isNull()
    assert max_difference(shown, QImage.fromData(render_png(SVG, 64))) <= 8
