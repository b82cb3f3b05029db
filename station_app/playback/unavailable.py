"""The Player used when libVLC cannot start: the app stays usable and says why."""

from __future__ import annotations

from station_app.playback.base import Player
from station_app.playback.state import PlaybackState, PlayerStatus
from station_app.stations.model import Station


class UnavailablePlayer(Player):
    """Every play request ends in an error naming the missing piece."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self._reason = reason

    @property
    def backend_version(self) -> str:
        return "libVLC is not available"

    def play(self, station: Station) -> None:
        self._tune(station)
        self._set_status(PlayerStatus(PlaybackState.ERROR, message=self._reason))

    def stop(self) -> None:
        self._set_status(PlayerStatus())

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
