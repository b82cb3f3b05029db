"""Add a news feed by its address: a small dialog that writes it into stations.toml."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from station_app.net.web_address import is_web_url
from station_app.news.sources import FeedSources
from station_app.stations.changes import EditResult, EditSaved
from station_app.ui.screen_fit import resize_within_screen


def feed_address(text: str) -> str | None:
    """What a person pastes (" example.org/news.rss ") as a web address, or None."""
    candidate = text.strip()
    if candidate and "://" not in candidate:
        candidate = "https://" + candidate
    return candidate if is_web_url(candidate) and " " not in candidate else None


class AddFeedDialog(QDialog):
    """Asks for a feed's address (and a name for it) and adds it; closes once it is saved."""

    def __init__(self, sources: FeedSources, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a news feed")
        self._sources = sources
        self.address = QLineEdit()
        self.address.setPlaceholderText("https://www.example.org/news.rss")
        self.address.setAccessibleName("Address of the news feed")
        self.name = QLineEdit()
        self.name.setPlaceholderText("News")
        self.name.setAccessibleName("Name of the news feed")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.problem.hide()
        form = QFormLayout()
        form.addRow("Feed &address:", self.address)
        form.addRow("&Name:", self.name)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText("&Add")
        self.buttons.accepted.connect(self.add)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel("RSS or Atom: the address news readers use, often ending in .rss or .xml.")
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        resize_within_screen(self, 480, self.sizeHint().height())
        self.address.setFocus()

    def add(self) -> None:
        url = feed_address(self.address.text())
        if url is None:
            self._say("That is not a web address; paste one like https://www.example.org/news.rss.")
            self.address.setFocus()
            return
        self.add_button.setEnabled(False)
        self._sources.add_feed(self.name.text().strip() or "News", url, self._added)

    def _added(self, result: EditResult) -> None:
        self.add_button.setEnabled(True)
        if isinstance(result, EditSaved):
            self.accept()
        else:
            self._say(result.message)

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setAccessibleName(text)
        self.problem.show()
