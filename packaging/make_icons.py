"""Regenerate the app icon's PNGs, .ico and .icns from resources/icons/nnplayground.svg.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py
    .venv/bin/python packaging/make_icons.py --sizes   # only print the PNG sizes

The SVG is the master: Qt's SVG renderer draws it at each size (no ImageMagick needed). The
Windows .ico and macOS .icns hold PNG images, which both formats accept, so they are written
here directly instead of by a converter that would need Pillow on the build machines.
"""
from __future__ import annotations

import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "nnplayground.svg"
SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 32, 48, 64, 128, 256)  # an .ico entry is at most 256 pixels wide
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def png_name(size: int) -> str:
    """The file name of the ``size`` x ``size`` PNG."""
    return f"nnplayground-{size}.png"


def render_png(svg: Path, size: int) -> bytes:
    """``svg`` drawn on a transparent ``size`` x ``size`` square, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico of the given PNG images (size -> bytes); 256 is written as 0, as the format asks."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset + len(images))
        images += png
    return header + entries + images


def icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns of the given PNG images (size -> bytes), one element per ICNS_TYPES size."""
    elements = b"".join(ICNS_TYPES[size] + struct.pack(">I", 8 + len(png)) + png for size, png in sorted(pngs.items()))
    return b"icns" + struct.pack(">I", 8 + len(elements)) + elements


def main() -> int:
    if sys.argv[1:] == ["--sizes"]:  # for build_linux.sh, which installs each size
        print(*SIZES)
        return 0
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # QPainter needs one while it draws
    pngs = {size: render_png(SVG, size) for size in SIZES}
    for size, png in pngs.items():
        (ICONS / png_name(size)).write_bytes(png)
    (ICONS / "nnplayground.ico").write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    (ICONS / "nnplayground.icns").write_bytes(icns({s: pngs[s] for s in ICNS_TYPES}))
    print(f"wrote {len(SIZES)} PNGs, nnplayground.ico and nnplayground.icns to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
