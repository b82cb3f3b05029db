"""A Player that plays nothing, for the UI's own tests; tests drive its state."""

from __future__ import annotations

from station_app.playback.base import Player
from station_app.playback.state import PlaybackState, PlayerStatus, StationFailure
from station_app.stations.model import Station


class FakePlayer(Player):
    """Records what the UI asked for and lets a test set what the UI should see."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[tuple[str, object]] = []

    def play(self, station: Station) -> None:
        self.requests.append(("play", station.id))
        if station != self._station:
            self._tune(station)
            self._set_now_playing("")
        self.set_status(PlayerStatus(PlaybackState.CONNECTING))

    def stop(self) -> None:
        self.requests.append(("stop", None))
        self.set_status(PlayerStatus(PlaybackState.IDLE))

    def pause(self) -> None:
        self.requests.append(("pause", None))
        self.set_status(PlayerStatus(PlaybackState.PAUSED))

    def resume(self) -> None:
        self.requests.append(("resume", None))
        self.set_status(PlayerStatus(PlaybackState.CONNECTING))

    def retry_now(self) -> None:
        self.requests.append(("retry_now", None))

    def set_volume(self, volume: int) -> None:
        volume = max(0, min(100, volume))
        if volume != self._volume:
            self._volume = volume
            self.volume_changed.emit(volume)

    def set_muted(self, muted: bool) -> None:
        if muted != self._muted:
            self._muted = muted
            self.muted_changed.emit(muted)

    # What a test uses to play the part of the stream.
    def set_status(self, status: PlayerStatus) -> None:
        self._set_status(status)

    def set_now_playing(self, title: str) -> None:
        self._set_now_playing(title)

    def fail_station(self, reason: str) -> None:
        assert self._station is not None
        self.set_status(PlayerStatus(PlaybackState.ERROR, message=reason))
        self.station_failed.emit(StationFailure(self._station, (reason,)))
