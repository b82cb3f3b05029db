"""What the Add station dialog does, without its widgets: search, read a website, add.

The dialog's tabs show these view models and call them; the models run the
directory search and the website check in their own task slots (the newest
request wins) and add what the person chose through the StationStore, so the
whole app sees the new station at once. One add at a time: a second press
while one is saving adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from station_app.net.cancel import CancelToken
from station_app.stations.directory import (
    DirectoryClient,
    DirectoryError,
    SearchQuery,
)
from station_app.stations.directory_parse import DirectoryStation
from station_app.stations.directory_station import preview_station, station_fields
from station_app.stations.model import Feed, Station
from station_app.stations.site_check import SiteCheck, SiteError, check_site
from station_app.stations.site_discovery import COMPOSER_SERVER
from station_app.stations.store import StationStore
from station_app.tasks import TaskFailed, TaskRunner

if TYPE_CHECKING:
    from station_app.net.fetcher import Fetcher
    from station_app.stations.changes import EditResult, StationFields

SEARCH_PAUSE_MS = 300  # typing pauses this long before the directory is asked


class _Adding(QObject):
    """Adds one station at a time through the store.

    Signals:
        adding_changed(bool): an add started or finished
        added(str): the id of the station just added
        said(str): what happened, in one sentence
    """

    adding_changed = Signal(bool)
    added = Signal(str)
    said = Signal(str)

    def __init__(self, store: StationStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._adding = False

    @property
    def adding(self) -> bool:
        return self._adding

    def _add(self, fields: StationFields, feeds: Sequence[Feed] = ()) -> None:
        if self._adding:
            return
        self._set_adding(True)
        self.said.emit(f"Adding {fields.call_sign}…")
        self._store.add_station(fields, feeds, done=self._added)

    def _added(self, result: EditResult) -> None:
        from station_app.stations.changes import EditSaved

        self._set_adding(False)
        self.said.emit(result.message)
        if isinstance(result, EditSaved) and result.station_id:
            self.added.emit(result.station_id)

    def _set_adding(self, adding: bool) -> None:
        self._adding = adding
        self.adding_changed.emit(adding)


class DirectorySearchModel(_Adding):
    """Searches the station directory as the person types, previews and adds a result.

    Signals (besides those of adding):
        searching(str): a search for this text is under way
        answered(object): a DirectorySearch, or a DirectoryError (with details on demand)
    """

    searching = Signal(str)
    answered = Signal(object)

    def __init__(
        self,
        directory: Callable[[], DirectoryClient],
        tasks: TaskRunner,
        store: StationStore,
        preview: Callable[[Station], None],
        pause_ms: int = SEARCH_PAUSE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(store, parent)
        self._directory = directory
        self._search = tasks.slot()
        self._preview = preview
        self._text = ""
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(pause_ms)
        self._pause.timeout.connect(self.search_now)

    def set_text(self, text: str) -> None:
        """The search field changed: search once typing pauses; nothing for an empty field."""
        self._text = text.strip()
        self._search.cancel()
        if not self._text:
            self._pause.stop()
            return
        self.searching.emit(self._text)
        self._pause.start()

    def search_now(self) -> None:
        self._pause.stop()
        text = self._text
        if not text:
            return
        self.searching.emit(text)
        directory = self._directory()
        query = SearchQuery(name=text)

        def failed(_failure: TaskFailed) -> None:
            self.answered.emit(
                DirectoryError(
                    "The station directory could not be searched: something went wrong "
                    "inside Station App. Try again."
                )
            )

        self._search.start(
            lambda cancel: directory.search(query, cancel), self.answered.emit, failed
        )

    def cancel(self) -> None:
        """Drops a search in flight (the dialog is closing); an add still finishes."""
        self._pause.stop()
        self._search.cancel()

    def listen(self, found: DirectoryStation) -> None:
        self._preview(preview_station(found))
        self.said.emit(f"Playing “{found.name}” as a preview; it is not added yet.")

    def add(self, found: DirectoryStation) -> None:
        self._add(station_fields(found))


class WebsiteCheckModel(_Adding):
    """Reads a station's website, tries the streams it names, and adds what is chosen.

    Signals (besides those of adding):
        looking(str): the check of this address started
        answered(object): a SiteCheck, or a SiteError
    """

    looking = Signal(str)
    answered = Signal(object)

    def __init__(
        self,
        fetcher: Fetcher,
        tasks: TaskRunner,
        store: StationStore,
        composer_server: str = COMPOSER_SERVER,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(store, parent)
        self._fetcher = fetcher
        self._check = tasks.slot()
        self._composer_server = composer_server

    def look(self, url: str) -> None:
        fetcher, server = self._fetcher, self._composer_server

        def work(cancel: CancelToken) -> SiteCheck | SiteError:
            return check_site(fetcher, url, cancel, server)

        def failed(_failure: TaskFailed) -> None:
            self.answered.emit(
                SiteError(f"{url} could not be checked: something went wrong inside Station App.")
            )

        self.looking.emit(url)
        self._check.start(work, self.answered.emit, failed)

    def cancel(self) -> None:
        self._check.cancel()

    def add(self, fields: StationFields, feeds: Sequence[Feed]) -> None:
        self._add(fields, feeds)
