"""Small pieces shared by the Add station dialog's tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QStackedWidget, QWidget


class StatusLine(QLabel):
    """The live state line; its text is its accessible name, so a screen reader reads it.

    Tab stops on it while it says something, and passes it by while it is empty.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus if text else Qt.FocusPolicy.NoFocus)


def status_line(text: str) -> QLabel:
    """A StatusLine showing `text`."""
    return StatusLine(text)


class ListArea(QStackedWidget):
    """A list, or in its place a framed hint while it has nothing to show (nothing jumps)."""

    def __init__(self, view: QWidget, hint: str) -> None:
        super().__init__()
        self.view = view
        self.hint = QLabel(hint)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setFrameShape(QFrame.Shape.StyledPanel)
        self.hint.setBackgroundRole(QPalette.ColorRole.Base)
        self.hint.setAutoFillBackground(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.hint.setMargin(24)
        self.addWidget(self.hint)
        self.addWidget(view)

    def show_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.setCurrentWidget(self.hint)

    def show_list(self) -> None:
        self.setCurrentWidget(self.view)
