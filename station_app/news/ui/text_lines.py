"""Word-wrapped text cut to a few lines with an ellipsis, for painting in a delegate."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout


def wrapped_lines(text: str, font: QFont, width: int, max_lines: int) -> list[str]:
    """At most `max_lines` lines of `text` fitting `width`; the last one elided if cut."""
    if not text or width <= 0 or max_lines <= 0:
        return []
    layout = QTextLayout(text, font)
    layout.beginLayout()
    starts: list[int] = []
    while len(starts) < max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    more = len(starts) == max_lines and layout.createLine().isValid()
    layout.endLayout()
    ends = [*starts[1:], len(text)]
    lines = [text[start:end].strip() for start, end in zip(starts, ends, strict=True)]
    if more and lines:
        rest = text[starts[-1] :].strip()
        lines[-1] = QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return lines
