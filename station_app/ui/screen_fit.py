"""Dialogs sized to fit the screen they open on (a small laptop screen, a scaled one)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for the window manager's title bar and the desktop's panels.
FRAME_ROOM = 64


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """The wanted size, or less where the screen is smaller."""
    parent = widget.parentWidget()
    screen = (parent.screen() if parent else None) or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, available.width() - FRAME_ROOM // 2)
        height = min(height, available.height() - FRAME_ROOM)
    widget.resize(max(width, widget.minimumSizeHint().width()), height)
