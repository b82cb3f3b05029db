"""`--play` starts libVLC and the stream before Qt loads.

Connecting and filling the first buffer take longer than loading Qt and
building the window, so both happen at once: libVLC connects on its own
threads while the main thread goes on. Plain Python, no Qt: the stream
session adopts the backend and its stream afterwards (StartedStream).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from station_app.config.loader import ActiveStations, load_active_stations
from station_app.config.settings import SettingsResult, load_settings
from station_app.config.state import StateStore
from station_app.paths import AppPaths
from station_app.player.backend import AudioBackend
from station_app.player.start import StartedStream, needs_resolving_first
from station_app.resources import bundled_stations_file

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EarlyStart:
    """What ran before Qt: the loaded config, and libVLC with its stream when that worked.

    `backend` is None when libVLC could not start (the Qt side says why);
    `started` is None when the first stream needs resolving first (a playlist),
    which the session does through the fetcher once it runs.
    """

    settings: SettingsResult
    stations: ActiveStations
    state: StateStore
    backend: AudioBackend | None
    started: StartedStream | None


def start_early(paths: AppPaths, station_id: str) -> EarlyStart:
    settings = load_settings(paths.settings_file)
    stations = load_active_stations(paths.stations_file, bundled_stations_file())
    state = StateStore(paths.state_file)
    station = stations.config.station(station_id)
    if station is None:
        return EarlyStart(settings, stations, state, None, None)
    try:
        from station_app.player.vlc_backend import PlayerUnavailableError, VlcBackend
    except (ImportError, OSError) as error:
        log.warning("libVLC is not available: %s", error)
        return EarlyStart(settings, stations, state, None, None)
    try:
        backend = VlcBackend(settings.settings.vlc_options, settings.settings.network_caching_ms)
    except PlayerUnavailableError:
        return EarlyStart(
            settings, stations, state, None, None
        )  # the Qt side tries again and says why
    if not station.streams or needs_resolving_first(station.streams[0]):
        return EarlyStart(settings, stations, state, backend, None)
    url = station.streams[0]
    backend.set_volume(state.current.volume)  # heard at the remembered volume from the start
    backend.set_muted(state.current.muted)
    started_at = time.monotonic()
    backend.open(url)
    return EarlyStart(settings, stations, state, backend, StartedStream(station, url, started_at))
