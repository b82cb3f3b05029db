"""The Add station dialog: search the directory, or read a station's website.

Shows the two view models app.py builds (stations/adding.py): the search,
whose Listen previews through the real Player, and the website check. Both add
through the StationStore, so the whole app sees a new station at once; once
one is added the dialog closes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from station_app.stations.adding import DirectorySearchModel, WebsiteCheckModel
from station_app.stations.ui.add_station_search import DirectorySearchTab
from station_app.stations.ui.add_station_website import WebsiteTab
from station_app.ui.accessibility.tab_order import follow_layout
from station_app.ui.screen_fit import resize_within_screen


class AddStationDialog(QDialog):
    """Find a station and add it to the person's stations.toml.

    Signals:
        station_added(str): the id of the station just added (the dialog then closes)
    """

    station_added = Signal(str)

    def __init__(
        self,
        search: DirectorySearchModel,
        website: WebsiteCheckModel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add station")
        self.search_tab = DirectorySearchTab(search)
        self.website_tab = WebsiteTab(website)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.search_tab, "&Search the directory")
        self.tabs.addTab(self.website_tab, "From a &website")
        self.search_tab.station_added.connect(self._added)
        self.website_tab.station_added.connect(self._added)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        # Return belongs to the field it is pressed in (search, look), never to a button.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        follow_layout(self)
        resize_within_screen(self, 760, 520)
        self.search_tab.query.setFocus()

    def _added(self, station_id: str) -> None:
        self.station_added.emit(station_id)
        self.accept()

    def done(self, result: int) -> None:
        # A closed dialog wants no more answers; saving is left to finish.
        self.search_tab.cancel_pending()
        self.website_tab.cancel_pending()
        super().done(result)
