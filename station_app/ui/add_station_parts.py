"""Small pieces shared by the Add station dialog's tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QStackedWidget, QWidget


def status_line(text: str) -> QLabel:
    """The live state line; its text is its accessible name, so a screen reader reads it."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return label


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
