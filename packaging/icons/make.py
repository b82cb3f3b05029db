"""Makes the Windows .ico and macOS .icns app icons from the scalable SVG icon.

Run after changing the SVG, with any environment that has PySide6:
`.venv/bin/python packaging/icons/make.py`. Each size is drawn from the SVG by Qt's SVG
renderer and stored as PNG, which both formats hold (Windows Vista and later, macOS
10.7 and later); the PyInstaller spec gives them to the .exe and the .app.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from station_app import APP_ID  # noqa: E402

SVG = ROOT / "resources" / "icons" / f"{APP_ID}.svg"
HERE = Path(__file__).resolve().parent
ICO = HERE / f"{APP_ID}.ico"
ICNS = HERE / f"{APP_ID}.icns"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# The ICNS types that hold a PNG of one size (the @2x types repeat these sizes).
ICNS_TYPES = {
    16: b"icp4",
    32: b"icp5",
    64: b"icp6",
    128: b"ic07",
    256: b"ic08",
    512: b"ic09",
    1024: b"ic10",
}


def render(svg: Path, size: int) -> QImage:
    """The SVG drawn into a transparent square of `size` pixels."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"Could not read the icon {svg}.")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO file: a header, one 16-byte entry per size (0 stands for 256), the PNGs."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, data in pngs.items():
        side = size % 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        images += data
    return header + entries + images


def icns(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: 'icns' and the file's length, then per size its type, the
    element's length (with this 8-byte header) and the PNG."""
    elements = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", 8 + len(data)) + data for size, data in pngs.items()
    )
    return b"icns" + struct.pack(">I", 8 + len(elements)) + elements


def main() -> None:
    ICO.write_bytes(ico({size: png(render(SVG, size)) for size in ICO_SIZES}))
    ICNS.write_bytes(icns({size: png(render(SVG, size)) for size in ICNS_TYPES}))
    print(f"Wrote {ICO.relative_to(ROOT)} and {ICNS.relative_to(ROOT)}.")


if __name__ == "__main__":
    main()
