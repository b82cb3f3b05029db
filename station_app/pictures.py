"""Pictures from downloaded bytes: decoded in a worker, scaled while decoding, refused when huge.

QImage and QImageReader are reentrant (unlike QPixmap), so these run in
background tasks. Used by the news pictures and the stations' logos.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QImageWriter

MAX_SOURCE_PIXELS = 40_000_000  # a 40-megapixel image decodes to 160 MB; refuse larger


def decode_scaled(body: bytes, bounds: QSize) -> QImage | None:
    """The picture in `body` scaled to fit `bounds`, or None when unreadable or too large.

    Scaling while decoding keeps a huge JPEG from ever existing at full size.
    """
    buffer = QBuffer()
    buffer.setData(QByteArray(body))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if not size.isValid() or size.width() * size.height() > MAX_SOURCE_PIXELS:
        return None
    if size.width() > bounds.width() or size.height() > bounds.height():
        reader.setScaledSize(size.scaled(bounds, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image


def png_bytes(image: QImage) -> bytes:
    """`image` as a PNG file's bytes."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    QImageWriter(buffer, QByteArray(b"png")).write(image)
    return bytes(buffer.data().data())
