"""MPRIS2 over the session bus: media keys, desktop shells and playerctl drive the player.

Uses QtDBus, so no extra dependency; without a session bus the app runs the
same, silently without MPRIS.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QMetaType, QObject, Slot
from PySide6.QtDBus import QDBusArgument, QDBusConnection, QDBusMessage, QDBusObjectPath

from station_app import APP_DISPLAY_NAME, APP_ID
from station_app.desktop.mpris_adaptors import PlayerAdaptor, RootAdaptor
from station_app.playback.base import Player
from station_app.playback.state import PlaybackState, PlayerStatus
from station_app.stations.model import Station

log = logging.getLogger(__name__)

BUS_NAME = "org.mpris.MediaPlayer2.station_app"
OBJECT_PATH = "/org/mpris/MediaPlayer2"
PLAYER_INTERFACE = "org.mpris.MediaPlayer2.Player"
NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack"


def track_id(station: Station) -> str:
    return "/org/mpris/MediaPlayer2/station/" + re.sub(r"[^A-Za-z0-9_]", "_", station.id)


def playback_status(status: PlayerStatus) -> str:
    """What is true: Playing while playing or starting to, Stopped during an outage or error."""
    if status.state is PlaybackState.PAUSED:
        return "Paused"
    if status.is_active and not status.is_retrying:
        return "Playing"
    return "Stopped"


class MprisService(QObject):
    """Exports the player on the session bus and announces every change."""

    def __init__(
        self,
        player: Player,
        stations: tuple[Station, ...],
        station_to_play: Callable[[], Station | None],
        raise_window: Callable[[], None],
        quit_app: Callable[[], None],
        program_name: Callable[[], str] = lambda: "",
        art_url: Callable[[Station], str] = lambda _station: "",
    ) -> None:
        super().__init__()
        self._player = player
        self._stations = stations
        self._station_to_play = station_to_play
        self._raise_window = raise_window
        self._quit_app = quit_app
        self._program_name = program_name
        self._art_url = art_url
        self._bus: QDBusConnection | None = None
        self._exported = QObject(self)
        RootAdaptor(self._exported, self)
        PlayerAdaptor(self._exported, self)
        self._last: dict[str, Any] = {}

    def register(self, bus: QDBusConnection | None = None) -> bool:
        """Claims the bus name; False (and no MPRIS) when there is no session bus."""
        bus = bus or QDBusConnection.sessionBus()
        if not bus.isConnected():
            log.info("No session bus; MPRIS is off.")
            return False
        options = QDBusConnection.RegisterOption.ExportAdaptors
        if not bus.registerObject(OBJECT_PATH, self._exported, options):
            return False
        if not bus.registerService(BUS_NAME):
            bus.unregisterObject(OBJECT_PATH)
            log.info("Another instance holds %s; MPRIS is off here.", BUS_NAME)
            return False
        self._bus = bus
        player = self._player
        for signal in (
            player.status_changed,
            player.station_changed,
            player.now_playing_changed,
            player.volume_changed,
            player.muted_changed,
        ):
            signal.connect(self.announce)
        self._last = self._properties()
        return True

    def set_stations(self, stations: tuple[Station, ...]) -> None:
        """Next/Previous walk this list (after the person edits their stations)."""
        self._stations = stations
        self.announce()

    def unregister(self) -> None:
        if self._bus is not None:
            self._bus.unregisterService(BUS_NAME)
            self._bus.unregisterObject(OBJECT_PATH)
            self._bus = None
        # Deleted on the main thread: QtDBus warns when an exported object goes away
        # on another thread (as Python's garbage collector might do it).
        self._exported.deleteLater()

    @Slot()
    def announce(self) -> None:
        """Emits PropertiesChanged with whatever changed since the last call."""
        if self._bus is None:
            return
        current = self._properties()
        changed = {key: value for key, value in current.items() if self._last.get(key) != value}
        self._last = current
        if not changed:
            return
        message = QDBusMessage.createSignal(
            OBJECT_PATH, "org.freedesktop.DBus.Properties", "PropertiesChanged"
        )
        invalidated = QDBusArgument()  # typed, so the signature is "as" as the spec requires
        invalidated.beginArray(QMetaType(QMetaType.Type.QString))
        invalidated.endArray()
        message.setArguments([PLAYER_INTERFACE, changed, invalidated])
        self._bus.send(message)

    def _properties(self) -> dict[str, Any]:
        return {
            "PlaybackStatus": self.playback_status(),
            "Metadata": self.metadata(),
            "Volume": self.volume(),
            "CanPlay": self.can_play(),
            "CanPause": self.can_play(),
            "CanGoNext": self.can_go_next(),
            "CanGoPrevious": self.can_go_previous(),
        }

    # -- MprisBackend ------------------------------------------------------------------
    def identity(self) -> str:
        return APP_DISPLAY_NAME

    def desktop_entry(self) -> str:
        return APP_ID

    def raise_window(self) -> None:
        self._raise_window()

    def quit(self) -> None:
        self._quit_app()

    def playback_status(self) -> str:
        return playback_status(self._player.status)

    def metadata(self) -> dict[str, Any]:
        station = self._player.station
        if station is None:
            return {"mpris:trackid": QDBusObjectPath(NO_TRACK)}
        title = self._player.now_playing or self._program_name() or station.call_sign
        metadata: dict[str, Any] = {
            "mpris:trackid": QDBusObjectPath(track_id(station)),
            "xesam:title": title,
            "xesam:artist": [station.display_name],
            "xesam:album": station.city,
        }
        art = self._art_url(station)
        if art:  # a local file: the desktop needs no network to show it
            metadata["mpris:artUrl"] = art
        return metadata

    def volume(self) -> float:
        return 0.0 if self._player.muted else self._player.volume / 100

    def set_volume(self, volume: float) -> None:
        self._player.set_volume(round(max(0.0, min(1.0, volume)) * 100))
        if volume > 0 and self._player.muted:
            self._player.set_muted(False)

    def can_play(self) -> bool:
        return self._player.station is not None or self._station_to_play() is not None

    def can_go_next(self) -> bool:
        """Next and Previous walk the station list: with one station there is nowhere to go."""
        return len(self._stations) > 1

    def can_go_previous(self) -> bool:
        return self.can_go_next()

    def play(self) -> None:
        status = self._player.status
        if status.is_retrying:
            self._player.retry_now()  # shown as Stopped: Play means "now, please"
            return
        if status.is_active:
            return
        if status.state is PlaybackState.PAUSED and self._player.station is not None:
            self._player.resume()
            return
        station = self._station_to_play() or self._player.station
        if station is not None:
            self._player.play(station)

    def pause(self) -> None:
        status = self._player.status
        if status.is_retrying:
            self._player.stop()
        elif status.is_active:
            self._player.pause()

    def play_pause(self) -> None:
        status = self._player.status
        if status.is_active and not status.is_retrying:
            self._player.pause()
        else:
            self.play()

    def stop(self) -> None:
        self._player.stop()

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, offset: int) -> None:
        if not self.can_go_next():
            return  # the spec: without a next station, Next does nothing
        current = self._player.station or self._station_to_play()
        ids = [s.id for s in self._stations]
        index = ids.index(current.id) if current is not None and current.id in ids else -1
        self._player.play(self._stations[(index + offset) % len(self._stations)])
