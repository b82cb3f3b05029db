"""The "Search the directory" tab of the Add station dialog.

Shows the DirectorySearchModel: the search runs as the person types, the
results fill the table, Listen previews one and Add adds it.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from station_app.stations.adding import DirectorySearchModel
from station_app.stations.directory import DirectoryError, DirectorySearch
from station_app.stations.directory_parse import DirectoryStation
from station_app.stations.directory_results import DirectoryResultsModel
from station_app.stations.ui.add_station_parts import ListArea, StatusLine
from station_app.ui.accessibility.focus_look import show_focus
from station_app.ui.accessibility.item_views import offer_press_action
from station_app.ui.accessibility.names import name_clear_button

EMPTY_TEXT = "Type a station's name or call sign, for example WNPR."
PLACEHOLDER_EMPTY = "Stations from the radio-browser.info directory appear here as you type."
PLACEHOLDER_NONE = "No matching stations."
PLACEHOLDER_ERROR = "The directory could not be searched."


class DirectorySearchTab(QWidget):
    """Search, preview and add from the radio-browser.info directory.

    Signals:
        station_added(str): the id of the station just added
    """

    station_added = Signal(str)

    def __init__(self, search: DirectorySearchModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = search
        search.searching.connect(lambda text: self._show(f"Searching the directory for “{text}”…"))
        search.answered.connect(self._show_results)
        search.said.connect(self._show)
        search.adding_changed.connect(lambda _adding: self._update_buttons())
        search.added.connect(self.station_added)

        self.query = QLineEdit()
        self.query.setPlaceholderText("Station name or call sign")
        self.query.setAccessibleName("Search the station directory")
        name_clear_button(self.query, "Clear the search")
        self.query.textChanged.connect(self._query_changed)
        self.query.returnPressed.connect(search.search_now)
        label = QLabel("&Search:")
        label.setBuddy(self.query)

        self.status = StatusLine(EMPTY_TEXT)

        self.model = DirectoryResultsModel(self)
        self.results = QTreeView()
        offer_press_action(self.results, lambda _index: self._listen(), "Listen to this station")
        show_focus(self.results)
        self.results.setModel(self.model)
        self.results.setAccessibleName("Stations found in the directory")
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setAllColumnsShowFocus(True)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.results.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed starting widths: columns sized to contents would jump as results arrive.
        for column, width in ((1, 230), (2, 120), (3, 80)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.results.selectionModel().selectionChanged.connect(self._selection_changed)
        self.results.activated.connect(lambda _index: self._listen())

        self.listen_button = QPushButton("&Listen")
        self.listen_button.setToolTip("Play this station without adding it")
        self.listen_button.clicked.connect(self._listen)
        self.add_button = QPushButton("&Add to my stations")
        self.add_button.clicked.connect(self._add)

        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.query, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.listen_button)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.status.details)
        self.list_area = ListArea(self.results, PLACEHOLDER_EMPTY)
        layout.addWidget(self.list_area, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def cancel_pending(self) -> None:
        """Drops a search in flight (the dialog is closing); saves still finish."""
        self.search.cancel()

    def selected(self) -> DirectoryStation | None:
        rows = self.results.selectionModel().selectedRows()
        return self.model.station(rows[0].row()) if rows else None

    def _query_changed(self, text: str) -> None:
        self.search.set_text(text)
        if not text.strip():
            self._set_stations((), PLACEHOLDER_EMPTY)
            self._show(EMPTY_TEXT)

    def _show_results(self, result: DirectorySearch | DirectoryError) -> None:
        if isinstance(result, DirectoryError):
            self._set_stations((), PLACEHOLDER_ERROR)
            self._show(result.message, result.details)
            return
        text = result.query.name
        self._set_stations(result.stations, PLACEHOLDER_NONE)
        count = len(result.stations)
        if count == 0:
            self._show(
                f"No station in the directory matches “{text}”. "
                "Try part of the name, or the call sign alone."
            )
            return
        plural = "station" if count == 1 else "stations"
        self._show(f"{count} {plural} found for “{text}”. Pick one to listen to or add.")
        self.results.setCurrentIndex(self.model.index(0, 0))

    def _set_stations(self, stations: tuple[DirectoryStation, ...], placeholder: str) -> None:
        self.model.set_stations(stations)
        if stations:
            self.list_area.show_list()
        else:
            self.list_area.show_hint(placeholder)
        self._update_buttons()

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.listen_button.setEnabled(chosen)
        self.add_button.setEnabled(chosen and not self.search.adding)

    def _listen(self) -> None:
        found = self.selected()
        if found is not None:
            self.search.listen(found)

    def _add(self) -> None:
        found = self.selected()
        if found is not None:
            self.search.add(found)

    def _show(self, text: str, details: str = "") -> None:
        self.status.show_message(text, details)
