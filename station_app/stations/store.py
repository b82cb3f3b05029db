"""The one owner of the station config: what the app runs on, and every edit of it.

Widget-free. Everything that shows or uses stations (station list, player,
MPRIS, schedule, news) reads the store and follows its `changed` signal;
nobody keeps a copy of its own. Edits are written by the StationsEditor in a
background task; the store takes the config the editor saved, exactly as the
app will load it next time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from station_app.config.problems import ConfigProblem
from station_app.net.cancel import CancelToken
from station_app.stations.changes import EditFailed, EditResult, EditSaved
from station_app.stations.discovery import WebsiteDiscovery, apply_findings
from station_app.stations.model import Feed, Station, StationsConfig
from station_app.stations.stations_file import ActiveStations, load_active_stations
from station_app.tasks import TaskFailed, TaskRunner, read_again

if TYPE_CHECKING:
    # The editor and its TOML library load with the first edit, not at start-up.
    from station_app.stations.changes import StationFields
    from station_app.stations.editing import StationsEditor

    EditDone = Callable[[EditResult], None]


class StationStore(QObject):
    """The loaded stations config, what the network's website adds to it, and its edits.

    `config` is the file's config with the gaps filled from the website
    (discovery.py): a station's own values always win, and what was filled in
    says where it was found. The editor is made on the first edit (its TOML
    library is not needed to listen). Edits run one after another in the
    editor; each saved one replaces the config and emits `changed` before its
    `done` callback runs.

    Signals:
        changed(StationsConfig): the config in force after an edit, a reload or
            a reading of the website that changed it
    """

    changed = Signal(object)

    def __init__(
        self,
        active: ActiveStations,
        bundled_file: Path,
        tasks: TaskRunner,
        editor: Callable[[], StationsEditor],
        discovery: WebsiteDiscovery | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._active = active
        self._bundled_file = bundled_file
        self._tasks = tasks
        self._reload = tasks.slot()
        self._make_editor = editor
        self._discovery = discovery
        self._config = self._with_findings()
        if discovery is not None:
            discovery.changed.connect(self._findings_changed)

    # -- what is in force ----------------------------------------------------------------
    @property
    def config(self) -> StationsConfig:
        return self._config

    @property
    def stations(self) -> tuple[Station, ...]:
        return self._config.stations

    @property
    def feeds(self) -> tuple[Feed, ...]:
        return self._config.feeds

    @property
    def discovery(self) -> WebsiteDiscovery | None:
        """What reads the network's website, when one is in use."""
        return self._discovery

    def check_website(self, force: bool = False) -> None:
        """Reads the network's website for what stations.toml leaves out (once a day)."""
        if self._discovery is not None:
            self._discovery.check(self._active.config.network.website, force)

    @property
    def problems(self) -> list[ConfigProblem]:
        """What was wrong with the user's file when it was last read."""
        return self._active.problems

    @property
    def fell_back(self) -> bool:
        """The user's file has errors, so the bundled stations are in use."""
        return self._active.fell_back

    @property
    def user_file(self) -> Path:
        return self._active.user_file

    def station(self, station_id: str) -> Station | None:
        return self._config.station(station_id)

    # -- edits ---------------------------------------------------------------------------
    def add_station(
        self, fields: StationFields, feeds: Sequence[Feed] = (), done: EditDone | None = None
    ) -> None:
        """Adds a station (and the news feeds found with it) in one write."""
        self._edit(lambda editor: editor.add_station(fields, feeds), done)

    def edit_station(
        self,
        station_id: str,
        call_sign: str,
        frequency: str,
        city: str,
        streams: list[str],
        schedule_url: str | None,
        done: EditDone | None = None,
    ) -> None:
        self._edit(
            lambda editor: editor.edit_station(
                station_id, call_sign, frequency, city, streams, schedule_url
            ),
            done,
        )

    def set_streams(
        self, station_id: str, streams: list[str], done: EditDone | None = None
    ) -> None:
        self._edit(lambda editor: editor.set_streams(station_id, streams), done)

    def add_feed(self, title: str, url: str, done: EditDone | None = None) -> None:
        self._edit(lambda editor: editor.add_feed(title, url), done)

    def keep_findings(self, done: EditDone | None = None) -> None:
        """Writes what the website gave (schedule addresses, feeds) into stations.toml."""
        findings = self._discovery.findings if self._discovery is not None else None
        if findings is None:
            return
        config = self.config
        schedules = {
            station.id: station.schedule_url
            for station in config.stations
            if station.schedule_found_on and station.schedule_url and not station.simulcast_of
        }
        feeds = [feed for feed in config.feeds if feed.found_on]
        site = findings.site
        self._edit(lambda editor: editor.keep_found(schedules, feeds, site), done)

    def remove_station(self, station_id: str, done: EditDone | None = None) -> None:
        self._edit(lambda editor: editor.remove_station(station_id), done)

    def move_station(self, station_id: str, offset: int, done: EditDone | None = None) -> None:
        self._edit(lambda editor: editor.move_station(station_id, offset), done)

    def reload(self, done: Callable[[], None] | None = None) -> None:
        """Reads the files again (after the person fixed them by hand)."""
        user_file, bundled = self._active.user_file, self._bundled_file

        def work(_cancel: CancelToken) -> ActiveStations:
            return load_active_stations(user_file, bundled)

        read_again(self._reload, work, self._set_active, done)

    def _edit(self, change: Callable[[StationsEditor], EditResult], done: EditDone | None) -> None:
        editor = self._make_editor()

        def work(_cancel: CancelToken) -> EditResult:
            return change(editor)

        def finished(result: EditResult) -> None:
            if isinstance(result, EditSaved):
                # The saved file loads without errors: nothing is wrong with it any more.
                self._set_active(ActiveStations(result.config, [], self._active.user_file, False))
            if done is not None:
                done(result)

        def failed(_failure: TaskFailed) -> None:
            finished(
                EditFailed("An error inside Station App stopped the change. Nothing was changed.")
            )

        # No slot: an edit is never dropped for a newer one; the editor runs them in turn.
        self._tasks.start(work, finished, failed)

    # -- the config in force -----------------------------------------------------------------
    def _with_findings(self) -> StationsConfig:
        findings = self._discovery.findings if self._discovery is not None else None
        return apply_findings(self._active.config, findings)

    def _set_active(self, active: ActiveStations) -> None:
        website = self._active.config.network.website
        self._active = active
        self._config = self._with_findings()
        self.changed.emit(self._config)
        if active.config.network.website != website:
            self.check_website()

    def _findings_changed(self) -> None:
        config = self._with_findings()
        if config != self._config:
            self._config = config
            self.changed.emit(config)
