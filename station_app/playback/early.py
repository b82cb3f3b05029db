"""libVLC starts before Qt loads; with `--play`, so does the stream.

Connecting and filling the first buffer take longer than loading Qt and
building the window, so both happen at once: libVLC connects on its own
threads while the main thread goes on. Without `--play`, libVLC starts on a
thread of its own (its C start-up releases the GIL) while Qt loads. Plain
Python, no Qt: the stream session adopts the backend, and its stream, later.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

from station_app.config.settings import Settings, SettingsResult, load_settings
from station_app.config.state import StateStore
from station_app.paths import AppPaths
from station_app.playback.backend import AudioBackend
from station_app.playback.start import StartedStream, needs_resolving_first
from station_app.resources import bundled_stations_file
from station_app.stations.stations_file import ActiveStations, load_active_stations

log = logging.getLogger(__name__)


def new_vlc_backend(settings: Settings) -> AudioBackend:
    """Raises ImportError or OSError when libVLC cannot load, PlayerUnavailableError
    when it does not start with the configured options."""
    from station_app.playback.vlc_backend import VlcBackend

    return VlcBackend(settings.vlc_options, settings.network_caching_ms)


class _BackendThread:
    """Starts the backend on a thread; `result` waits for it and re-raises its failure."""

    def __init__(self, settings: Settings) -> None:
        self._backend: AudioBackend | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, args=(settings,), name="libvlc-start", daemon=True
        )
        self._thread.start()

    def _run(self, settings: Settings) -> None:
        try:
            self._backend = new_vlc_backend(settings)
        except Exception as error:  # handed to the main thread by result()
            self._error = error

    def result(self) -> AudioBackend:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._backend is not None
        return self._backend


@dataclass
class EarlyStart:
    """What ran before Qt: the loaded config, libVLC starting, and the --play stream if any.

    `started` is None without --play, or when the first stream needs resolving
    first (a playlist), which the session does through the fetcher once it runs.
    """

    settings: SettingsResult
    stations: ActiveStations
    state: StateStore
    started: StartedStream | None = None
    _backend: AudioBackend | _BackendThread | None = field(default=None, repr=False)

    def backend(self) -> AudioBackend:
        """The started backend; raises as new_vlc_backend does when libVLC failed."""
        backend = self._backend
        if isinstance(backend, _BackendThread):
            return backend.result()
        if backend is None:
            return new_vlc_backend(self.settings.settings)
        return backend


def start_early(paths: AppPaths, station_id: str | None) -> EarlyStart:
    settings = load_settings(paths.settings_file)
    stations = load_active_stations(paths.stations_file, bundled_stations_file())
    early = EarlyStart(settings, stations, StateStore(paths.state_file))
    station = stations.config.station(station_id) if station_id is not None else None
    first = station.streams[0] if station is not None and station.streams else None
    if station is None or first is None or needs_resolving_first(first):
        early._backend = _BackendThread(settings.settings)
        return early
    try:
        backend = new_vlc_backend(settings.settings)
    except Exception as error:  # the Qt side starts it again and says why
        log.warning("libVLC did not start: %s", error)
        return early
    backend.set_volume(early.state.current.volume)  # heard at the remembered volume
    backend.set_muted(early.state.current.muted)
    started_at = time.monotonic()
    backend.open(first)
    early._backend = backend
    early.started = StartedStream(station, first, started_at)
    return early
