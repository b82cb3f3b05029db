"""Station pictures drawn small: scaled once per size, the app's icon while there is none."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap


def scaled_pixmap(image: QImage, side: int, ratio: float) -> QPixmap:
    """`image` fitted into a square of `side` device-independent pixels, sharp at `ratio`."""
    pixels = max(1, round(side * ratio))
    pixmap = QPixmap.fromImage(
        image.scaled(
            pixels,
            pixels,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    )
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def draw_picture(
    painter: QPainter,
    box: QRect,
    image: QImage | None,
    fallback: QIcon,
    cache: dict[object, QPixmap],
) -> None:
    """The station's picture centred in `box`, or the app's icon while it has none.

    Scaled pictures are kept in `cache`, so a repaint does not scale them again.
    """
    if image is None:
        fallback.paint(painter, box)
        return
    ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
    key = (image.cacheKey(), box.width(), ratio)
    pixmap = cache.get(key)
    if pixmap is None:
        if len(cache) > 64:
            cache.clear()
        pixmap = cache[key] = scaled_pixmap(image, box.width(), ratio)
    size = pixmap.deviceIndependentSize().toSize()
    left = box.left() + (box.width() - size.width()) // 2
    top = box.top() + (box.height() - size.height()) // 2
    painter.drawPixmap(left, top, pixmap)
