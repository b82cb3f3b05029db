"""The "Search the directory" tab of the Add station dialog.

Searches as the person types (debounced; the newest search cancels the one
before in the tab's task slot), shows the results, previews one with the
injected `preview` callable, and adds one to the user's stations.toml.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QTimer, Signal
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

from station_app.stations.directory import (
    DirectoryClient,
    DirectoryError,
    DirectorySearch,
    SearchQuery,
)
from station_app.stations.directory_parse import DirectoryStation
from station_app.stations.directory_results import DirectoryResultsModel
from station_app.stations.directory_station import preview_station, station_fields
from station_app.stations.editing import EditResult, EditSaved
from station_app.stations.model import Station
from station_app.stations.store import StationStore
from station_app.stations.ui.add_station_parts import ListArea, status_line
from station_app.tasks import TaskRunner
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

    def __init__(
        self,
        directory: DirectoryClient,
        tasks: TaskRunner,
        store: StationStore,
        preview: Callable[[Station], None],
        parent: QWidget | None = None,
        debounce_ms: int = 300,
    ) -> None:
        super().__init__(parent)
        self._directory = directory
        self._search_task = tasks.slot()
        self._store = store
        self._preview = preview
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._search)

        self.query = QLineEdit()
        self.query.setPlaceholderText("Station name or call sign")
        self.query.setAccessibleName("Search the station directory")
        name_clear_button(self.query, "Clear the search")
        self.query.textChanged.connect(self._query_changed)
        self.query.returnPressed.connect(self._search_now)
        label = QLabel("&Search:")
        label.setBuddy(self.query)

        self.status = status_line(EMPTY_TEXT)

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
        self.list_area = ListArea(self.results, PLACEHOLDER_EMPTY)
        layout.addWidget(self.list_area, 1)
        layout.addLayout(buttons)
        self._searched = ""
        self._adding = False  # one add at a time: a second press must not add it twice
        self._update_buttons()

    def cancel_pending(self) -> None:
        """Drops a search in flight (the dialog is closing); saves still finish."""
        self._debounce.stop()
        self._search_task.cancel()

    def selected(self) -> DirectoryStation | None:
        rows = self.results.selectionModel().selectedRows()
        return self.model.station(rows[0].row()) if rows else None

    def _query_changed(self, text: str) -> None:
        if not text.strip():
            self._debounce.stop()
            self._search_task.cancel()
            self._searched = ""
            self._set_stations((), PLACEHOLDER_EMPTY)
            self._show(EMPTY_TEXT)
            return
        # Said at once, so typing shows a response; the request waits for a pause.
        self._show(f"Searching the directory for “{text.strip()}”…")
        self._debounce.start()

    def _search_now(self) -> None:
        self._debounce.stop()
        self._search()

    def _search(self) -> None:
        text = self.query.text().strip()
        if not text:
            return
        query = SearchQuery(name=text)
        self._show(f"Searching the directory for “{text}”…")
        directory = self._directory
        self._search_task.start(
            lambda cancel: directory.search(query, cancel),
            self._show_results,
            lambda _failure: self._show_results(
                DirectoryError(
                    f"Could not search the station directory for “{text}”: "
                    "an error inside Station App stopped it."
                )
            ),
        )

    def _show_results(self, result: DirectorySearch | DirectoryError) -> None:
        if isinstance(result, DirectoryError):
            self._set_stations((), PLACEHOLDER_ERROR)
            self._show(result.message)
            return
        text = result.query.name
        self._searched = text
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
        self.add_button.setEnabled(chosen and not self._adding)

    def _listen(self) -> None:
        found = self.selected()
        if found is not None:
            self._preview(preview_station(found))
            self._show(f"Playing “{found.name}” as a preview; it is not added yet.")

    def _add(self) -> None:
        found = self.selected()
        if found is None:
            return
        fields = station_fields(found)
        self._adding = True
        self._update_buttons()
        self._show(f"Adding {fields.call_sign}…")
        self._store.add_station(fields, done=self._added)

    def _added(self, result: EditResult) -> None:
        self._adding = False
        self._update_buttons()
        self._show(result.message)
        if isinstance(result, EditSaved) and result.station_id:
            self.station_added.emit(result.station_id)

    def _show(self, text: str) -> None:
        self.status.setText(text)
