"""The designed look of a headline list with nothing in it: a title, a sentence, what to do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

MEASURE = 70  # characters a line at most
MARGIN = 16


class EmptyState(QWidget):
    """Says why there are no headlines and what to do; both labels expose their text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newsEmpty")
        self.title = QLabel()
        self.title.setObjectName("newsEmptyTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.text = QLabel()
        self.text.setObjectName("newsEmptyText")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (self.title, self.text):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.retry_button = QPushButton("Retry")
        self.retry_button.setAccessibleName("Retry loading the news")
        self.retry_button.hide()
        # Without feeds: what a person can do in the window, not in a file.
        self.look_button = QPushButton("&Look on the website")
        self.look_button.hide()
        self.add_button = QPushButton("&Add a feed address…")
        self.add_button.setAccessibleDescription("Add a news feed by its address")
        self.add_button.hide()
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.retry_button)
        actions.addWidget(self.look_button)
        actions.addWidget(self.add_button)
        actions.addStretch(1)
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN * 2, MARGIN, MARGIN * 2)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addSpacing(8)
        layout.addWidget(self.text)
        layout.addSpacing(12)
        layout.addLayout(actions)
        layout.addStretch(3)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Lines a person reads at a glance, however wide the panel: wider, the sides grow.
        measure = self.fontMetrics().averageCharWidth() * MEASURE
        side = max(MARGIN, (event.size().width() - measure) // 2)
        self._layout.setContentsMargins(side, MARGIN * 2, side, MARGIN * 2)
        super().resizeEvent(event)

    def show_text(self, title: str, text: str, can_retry: bool) -> None:
        self.title.setText(title)
        self.text.setText(text)
        self.text.setVisible(bool(text))
        self.retry_button.setVisible(can_retry)

    def show_actions(self, look_on: str, can_add: bool) -> None:
        """Offers to look for feeds on the website `look_on` ("" for none) and to add one."""
        self.look_button.setText(f"&Look on {look_on}" if look_on else "&Look on the website")
        self.look_button.setAccessibleDescription(f"Look for news feeds on {look_on}")
        self.look_button.setVisible(bool(look_on))
        self.add_button.setVisible(can_add)
