"""The Player used when libVLC cannot start: the app stays usable and says why."""

from __future__ import annotations

from station_app.config.stations import Station
from station_app.player.base import Player
from station_app.player.state import PlaybackState, PlayerStatus


class UnavailablePlayer(Player):
    """Every play request ends in an error naming the missing piece."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self._reason = reason
        self._status = PlayerStatus()
        self._station: Station | None = None
        self._volume = 80
        self._muted = False

    def play(self, station: Station) -> None:
        if station != self._station:
            self._station = station
            self.station_changed.emit(station)
        self._status = PlayerStatus(PlaybackState.ERROR, message=self._reason)
        self.status_changed.emit(self._status)

    def stop(self) -> None:
        self._status = PlayerStatus()
        self.status_changed.emit(self._status)

    def pause(self) -> None:
        self.stop()

    def resume(self) -> None:
        if self._station is not None:
            self.play(self._station)

    def set_volume(self, volume: int) -> None:
        self._volume = max(0, min(100, volume))
        self.volume_changed.emit(self._volume)

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        self.muted_changed.emit(muted)

    @property
    def status(self) -> PlayerStatus:
        return self._status

    @property
    def station(self) -> Station | None:
        return self._station

    @property
    def now_playing(self) -> str:
        return ""

    @property
    def volume(self) -> int:
        return self._volume

    @property
    def muted(self) -> bool:
        return self._muted
