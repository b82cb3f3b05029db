"""Small pieces shared by the Add station dialog's tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)


class StatusLine(QLabel):
    """The live state line; its text is its accessible name, so a screen reader reads it.

    Tab stops on it while it says something, and passes it by while it is empty.
    What went wrong in detail waits behind its `details` toggle (placed by the tab).
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.details = DetailsToggle()
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus if text else Qt.FocusPolicy.NoFocus)

    def show_message(self, text: str, details: str = "") -> None:
        """One short sentence; `details` (what each server said, say) only on demand."""
        self.setText(text)
        self.details.set_details(details)


class DetailsToggle(QWidget):
    """A "Details" button that shows or hides the details of a message; hidden without any."""

    def __init__(self) -> None:
        super().__init__()
        self.button = QToolButton()
        self.button.setText("Details")
        self.button.setCheckable(True)
        self.button.setAutoRaise(True)
        self.button.setAccessibleName("Details")
        self.button.setAccessibleDescription("Show what went wrong in detail")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.text.hide()
        self.button.toggled.connect(self.text.setVisible)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.text)
        self.hide()

    def set_details(self, details: str) -> None:
        self.text.setText(details)
        self.text.setAccessibleName(details)
        self.button.setChecked(False)
        self.setVisible(bool(details))


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
